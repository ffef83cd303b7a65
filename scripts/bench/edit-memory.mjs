// Memory benchmark: the language server's resident memory after "Scan Workspace" over 10,000 generated
// policy files (the scan benchmark's corpus generator), talking to it over stdio as an editor would.
// Usage: npm run bench:memory [-- --files 10000 --dir PATH]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import languageServer from 'vscode-languageserver/node.js';
import { ensureCorpus } from './corpus.mjs';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = languageServer;
const root = join(import.meta.dirname, '..', '..');
const serverPath = join(root, 'dist', 'server.js');
const { values } = parseArgs({ options: { files: { type: 'string', default: '10000' }, dir: { type: 'string' } } });
const fileCount = Number(values.files);
const corpusDir = values.dir ?? join(tmpdir(), `kms-policy-lint-bench-${fileCount}`);
const GOAL_MB = 150;

/** Current and peak resident memory of a process, in MB, from /proc. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
  return { rss: mb('VmRSS'), peak: mb('VmHWM') };
}

if (!existsSync(serverPath)) {
  console.error(`${serverPath} is missing: run npm run build`);
  process.exit(1);
}
const corpus = ensureCorpus(corpusDir, fileCount);

const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let published = 0;
let publishedWithFindings = 0;
let diagnosticBytes = 0;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  published++;
  if (params.diagnostics.length > 0) publishedWithFindings++;
  diagnosticBytes += JSON.stringify(params).length;
});
// Default settings; no files.exclude.
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
connection.onRequest('window/workDoneProgress/create', () => null);
connection.listen();
const folderUri = pathToFileURL(corpusDir).href;
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: folderUri,
  workspaceFolders: [{ uri: folderUri, name: 'corpus' }],
  capabilities: { workspace: { configuration: true, workspaceFolders: true } },
});
await connection.sendNotification('initialized', {});
const idle = memoryOf(child.pid);

const started = performance.now();
const summary = await connection.sendRequest('kmsPolicyLint/scanWorkspace', {});
const seconds = (performance.now() - started) / 1000;
const afterScan = memoryOf(child.pid);
const sarifStarted = performance.now();
const sarif = await connection.sendRequest('kmsPolicyLint/lastScanSarif');
const sarifSeconds = (performance.now() - sarifStarted) / 1000;
const afterExport = memoryOf(child.pid);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();

const findings = Object.values(summary.findingsBySeverity).reduce((a, b) => a + b, 0);
console.log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB in ${corpusDir}`);
console.log(
  `scan: ${summary.filesScanned} scanned (${summary.filesWithPolicies} with policies), ${summary.filesWithFindings} with findings, ${findings} findings, ` +
    `skipped ${JSON.stringify(summary.skipped)}, in ${seconds.toFixed(2)} s; ${published} publishes (${publishedWithFindings} non-empty, ${(diagnosticBytes / 1e6).toFixed(1)} MB of JSON)`,
);
console.log(`SARIF export: ${(sarif.length / 1e6).toFixed(1)} MB in ${sarifSeconds.toFixed(2)} s`);
console.log(`server RSS: idle ${idle.rss.toFixed(0)} MB; after scan ${afterScan.rss.toFixed(0)} MB (peak ${afterScan.peak.toFixed(0)} MB); after SARIF export ${afterExport.rss.toFixed(0)} MB (peak ${afterExport.peak.toFixed(0)} MB)`);
console.log(`goal RSS after scan <= ${GOAL_MB} MB: ${afterScan.rss <= GOAL_MB ? 'met' : 'MISSED'}`);
