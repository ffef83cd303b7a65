// The LSP base protocol read defensively: a header block without a valid Content-Length (a client
// bug, a stray line on stdin) is dropped with a log line, and the message after it is read as
// usual. Without this, the protocol library stops at such a header and every later message is lost.
import { Transform, type TransformCallback } from 'node:stream';

const SEPARATOR = '\r\n\r\n';
const SEPARATOR_LENGTH = 4;
/** A body larger than this is no message a client sends: the header is treated as broken. */
const MAX_BODY = 512 * 1024 * 1024;
/** Bytes without a header terminator kept before they are dropped as noise. */
const MAX_HEADER = 64 * 1024;

export class LspFrameGuard extends Transform {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly log: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // @types/node 20.9 predates TypeScript 5.7's generic Uint8Array; a Buffer is one at run time.
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer as unknown as Uint8Array, chunk as unknown as Uint8Array]);
    for (;;) {
      const end = this.buffer.indexOf(SEPARATOR);
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER) {
          this.log(`Dropped ${this.buffer.length} bytes of input that hold no message header.`);
          this.buffer = Buffer.alloc(0);
        }
        break;
      }
      const header = this.buffer.subarray(0, end).toString('ascii');
      const match = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(header);
      const length = match ? Number(match[1]) : NaN;
      if (!Number.isSafeInteger(length) || length > MAX_BODY) {
        this.log(`Dropped a message header without a valid Content-Length: ${JSON.stringify(header.slice(0, 200))}`);
        this.buffer = this.buffer.subarray(end + SEPARATOR_LENGTH);
        continue;
      }
      const total = end + SEPARATOR_LENGTH + length;
      if (this.buffer.length < total) break;
      this.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
    done();
  }
}
