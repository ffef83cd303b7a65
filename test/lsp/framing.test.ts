// A malformed message header must not swallow the message after it: raw bytes to the real server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
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
