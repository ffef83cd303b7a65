// A malformed message header must not swallow the message after it: raw bytes to the real server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { LspFrameGuard } from '../../server/src/lsp/framing';
import { SERVER_PATH, withDeadline } from './lspClient';

function frame(message: object): string {
  const body = Buffer.from(JSON.stringify(message));
  return `Content-Length: ${body.length}\r\n\r\n${body.toString()}`;
}

async function answersAfter(garbage: string): Promise<{ answered: boolean; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    child.stdin.write(garbage);
    child.stdin.write(frame({ jsonrpc: '2.0', id: 7, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const answered = await withDeadline(
      new Promise<boolean>((resolve) => {
        const check = () => /"id":7,"result"/.test(out) && resolve(true);
        child.stdout.on('data', check);
        check();
      }),
      10_000,
      `an answer to initialize after ${JSON.stringify(garbage)}`,
    );
    return { answered, stderr };
  } finally {
    child.kill();
  }
}

describe('message framing', () => {
  for (const garbage of ['Content-Length: abc\r\n\r\n', 'a stray line without a colon\r\n\r\n', 'Content-Type: text/plain\r\n\r\n', `Content-Length: ${10 ** 12}\r\n\r\n`]) {
    it(`reads the next message after ${JSON.stringify(garbage.trim())}`, async () => {
      const { answered, stderr } = await answersAfter(garbage);
      assert.ok(answered);
      assert.match(stderr, /Dropped a message header without a valid Content-Length/);
    });
  }
});

describe('message framing, piece by piece', () => {
  /** Feeds `input` to a guard in chunks of the given sizes (cycled) and returns the messages it passes on. */
  async function framed(input: Buffer, sizes: number[]): Promise<{ messages: string[]; logged: string[] }> {
    const logged: string[] = [];
    const guard = new LspFrameGuard((line) => logged.push(line));
    const messages: string[] = [];
    guard.on('data', (message: Buffer) => messages.push(message.toString()));
    for (let at = 0, k = 0; at < input.length; k++) {
      const size = sizes[k % sizes.length];
      guard.write(input.subarray(at, at + size));
      at += size;
    }
    guard.end();
    await new Promise((resolve) => guard.on('end', resolve));
    return { messages, logged };
  }

  it('passes on each whole message, however its bytes are cut, a large one included', async () => {
    const large = frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'x'.repeat(3_000_000) } });
    const small = frame({ jsonrpc: '2.0', id: 1, method: 'shutdown' });
    const input = `${small}Content-Length: 5\r\nX: y\r\n\r\nhello${large}${small}`;
    const all = [small, 'Content-Length: 5\r\nX: y\r\n\r\nhello', large, small];
    const cases = [
      { text: input, sizes: [65_536], expected: all },
      { text: input, sizes: [3, 7, 4096], expected: all },
      { text: input, sizes: [Buffer.byteLength(input)], expected: all },
      { text: `${small}${small}`, sizes: [1], expected: [small, small] },
    ];
    for (const { text, sizes, expected } of cases) {
      const { messages, logged } = await framed(Buffer.from(text), sizes);
      assert.deepEqual(messages, expected, `chunks of ${sizes.join('/')}`);
      assert.deepEqual(logged, []);
    }
  });

  it('drops a broken header and reads the message after it, when both arrive cut in pieces', async () => {
    const next = frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    const { messages, logged } = await framed(Buffer.from(`Content-Length: abc\r\n\r\n${next}`), [5]);
    assert.deepEqual(messages, [next]);
    assert.equal(logged.length, 1);
  });
});
