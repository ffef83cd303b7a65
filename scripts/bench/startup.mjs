// Start-up and fairness: the CLI's first finding on one file, the server's answer to `initialize`,
// and how long a small document's diagnostics wait while a 4.5 MB one is being linted.
// Usage: npm run build && node scripts/bench/startup.mjs [-- --runs 5]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import languageServer from 'vscode-languageserver/node.js';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = languageServer;
const root = join(import.meta.dirname, '..', '..');
const cliPath = join(root, 'dist', 'cli.js');
const serverPath = join(root, 'dist', 'server.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const GOALS = { cliFirstFinding: 150, serverReady: 300, otherDocumentDelay: 100 };

if (!existsSync(cliPath) || !existsSync(serverPath)) {
  console.error('dist/ is missing: run npm run build');
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const statement = (sid, principal) => ({ Sid: sid, Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:Decrypt', Resource: '*' });
const policy = (statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

/** Milliseconds from spawning the CLI to the first finding line on its standard output. */
function cliFirstFinding(file) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, 'scan', file, '--fail-on', 'none'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let seen;
    child.stdout.on('data', (chunk) => {
      if (seen === undefined && String(chunk).includes('kms-wildcard-principal')) seen = performance.now() - started;
    });
    child.on('exit', () => (seen === undefined ? reject(new Error('no finding printed')) : resolve(seen)));
  });
}

function startServer() {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'kmsPolicyLint' ? { debounceMs: 0 } : null)));
  connection.listen();
  return { child, connection };
}

async function stopServer({ connection }) {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
}

/** Milliseconds from spawning the server to its answer to `initialize`. */
async function serverReady() {
  const started = performance.now();
  const server = startServer();
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  const ms = performance.now() - started;
  await server.connection.sendNotification('initialized', {});
  await stopServer(server);
  return ms;
}

/**
 * A small document opened just after a 4.5 MB one: how much later its diagnostics come than they
 * do when it is opened alone.
 */
async function otherDocumentDelay() {
  const server = startServer();
  const { connection } = server;
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    waiters.get(params.uri)?.(performance.now());
    waiters.delete(params.uri);
  });
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const published = (uri) => new Promise((resolve) => waiters.set(uri, resolve));
  const small = policy([statement('Everyone', '*')]);
  const big = policy(Array.from({ length: 20_000 }, (_, i) => statement(`S${i}`, i % 10 === 0 ? '*' : `arn:aws:iam::111122223333:role/r${i}`)));
  const openAndTime = async (uri, text) => {
    const done = published(uri);
    const started = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    return (await done) - started;
  };
  // Alone first (twice, the first warms up), then right after the big one.
  await openAndTime('file:///bench/warm.json', small);
  const alone = await openAndTime('file:///bench/alone.json', small);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bench/big.json', languageId: 'json', version: 1, text: big } });
  const behind = await openAndTime('file:///bench/behind.json', small);
  await stopServer(server);
  return { alone, behind, delay: behind - alone, bigBytes: big.length };
}

const dir = mkdtempSync(join(tmpdir(), 'kms-policy-lint-startup-'));
try {
  const file = join(dir, 'key-policy.json');
  writeFileSync(file, policy([statement('Everyone', '*')]));
  await cliFirstFinding(file); // the page cache
  const cli = [];
  for (let i = 0; i < RUNS; i++) cli.push(await cliFirstFinding(file));
  await serverReady();
  const server = [];
  for (let i = 0; i < RUNS; i++) server.push(await serverReady());
  const delays = [];
  let sample;
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    sample = await otherDocumentDelay();
    delays.push(sample.delay);
  }
  const cliMs = median(cli);
  const serverMs = median(server);
  const delayMs = Math.max(...delays);
  console.log(`Start-up, median of ${RUNS}:`);
  console.log(`  CLI: first finding on one file ${cliMs.toFixed(0)} ms after the process starts (goal <= ${GOALS.cliFirstFinding} ms: ${cliMs <= GOALS.cliFirstFinding ? 'met' : 'MISSED'})`);
  console.log(`  server: initialize answered ${serverMs.toFixed(0)} ms after the process starts (goal <= ${GOALS.serverReady} ms: ${serverMs <= GOALS.serverReady ? 'met' : 'MISSED'})`);
  console.log(
    `A small document opened right after a ${(sample.bigBytes / 1e6).toFixed(1)} MB one: its diagnostics ${delayMs.toFixed(0)} ms later than when opened alone, worst of ${delays.length} ` +
      `(goal <= ${GOALS.otherDocumentDelay} ms: ${delayMs <= GOALS.otherDocumentDelay ? 'met' : 'MISSED'})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
