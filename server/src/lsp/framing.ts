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
  /** What has arrived and is not passed on yet, in the chunks it came in: joined only when a whole message is there. */
  private chunks: Buffer[] = [];
  private size = 0;
  /** The bytes the message being read takes in all (header included), once its header is read. */
  private needed: number | undefined;

  constructor(private readonly log: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    // A large message comes in many chunks: joining each one to all before it would copy the message
    // over and over (4 MB in 64 KB chunks: ~130 MB copied, a third of a second).
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.needed === undefined) {
        const buffer = this.joined();
        const end = buffer.indexOf(SEPARATOR);
        if (end < 0) {
          if (buffer.length > MAX_HEADER) {
            this.log(`Dropped ${buffer.length} bytes of input that hold no message header.`);
            this.keep(Buffer.alloc(0));
          }
          break;
        }
        const header = buffer.subarray(0, end).toString('ascii');
        const match = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(header);
        const length = match ? Number(match[1]) : NaN;
        if (!Number.isSafeInteger(length) || length > MAX_BODY) {
          this.log(`Dropped a message header without a valid Content-Length: ${JSON.stringify(header.slice(0, 200))}`);
          this.keep(buffer.subarray(end + SEPARATOR_LENGTH));
          continue;
        }
        this.needed = end + SEPARATOR_LENGTH + length;
      }
      if (this.size < this.needed) break;
      const buffer = this.joined();
      this.push(buffer.subarray(0, this.needed));
      this.keep(buffer.subarray(this.needed));
      this.needed = undefined;
    }
    done();
  }

  /** Everything that has arrived, as one buffer (joined once, then kept joined). */
  private joined(): Buffer {
    if (this.chunks.length === 0) return Buffer.alloc(0);
    // @types/node 20.9 predates TypeScript 5.7's generic Uint8Array; a Buffer is one at run time.
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks as unknown as Uint8Array[], this.size)];
    return this.chunks[0];
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
  }
}
