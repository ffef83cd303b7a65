// Where a scan's time goes: the parts of one single-thread CLI scan of the bench corpus, each timed
// alone in process (start-up, discovery, reads, lint cold and warm), next to the bare read + parse loop.
// It shows how far the parts that are not linting already are from the floor scan.mjs measures.
// Usage: npm run build && node --import tsx scripts/bench/scan-breakdown.mjs [--files N]
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { lintText, ready } from '../../server/src/engine/index.ts';
import { discoverFiles } from '../../server/src/scan/discover.ts';
import { readTextFile } from '../../server/src/scan/lint-file.ts';
import { ensureCorpus } from './corpus.mjs';

const { values } = parseArgs({ options: { files: { type: 'string', default: '10000' }, dir: { type: 'string' } } });
const fileCount = Number(values.files);
const corpusDir = values.dir ?? join(tmpdir(), `kms-policy-lint-bench-${fileCount}`);
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
ensureCorpus(corpusDir, fileCount);

const seconds = (started) => (performance.now() - started) / 1000;
const bestOf = (n, run) => Math.min(...Array.from({ length: n }, run));
function wall(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return seconds(started);
}

const nodeAlone = bestOf(5, () => wall(['-e', '0']));
const cliStart = bestOf(5, () => wall([CLI, '--version']));
const cliScan = bestOf(3, () => wall([CLI, 'scan', corpusDir, '--output', '/dev/null', '--fail-on', 'none', '--jobs', '1']));

await ready();
let started = performance.now();
const files = [];
for await (const file of discoverFiles([corpusDir], process.cwd(), () => {})) files.push(file.absolutePath);
const discovery = seconds(started);

let texts;
const reads = bestOf(3, () => {
  const begun = performance.now();
  texts = files.map((path) => readTextFile(path, 4 * 1024 * 1024).text);
  return seconds(begun);
});

started = performance.now();
for (const text of texts) {
  try {
    JSON.parse(text);
  } catch {
    // a JSONC file, as in the bare loop
  }
}
const jsonParse = seconds(started);

const lintPass = () => {
  const begun = performance.now();
  let findings = 0;
  for (let i = 0; i < texts.length; i++) findings += lintText(texts[i], { fileName: files[i] }).findings.length;
  return { seconds: seconds(begun), findings };
};
const cold = lintPass();
const warm = bestOf(2, () => lintPass().seconds);

const f = (s) => `${s.toFixed(3)} s`;
const perFile = (s) => `${((s / files.length) * 1e6).toFixed(0)} µs a file`;
console.log(`Scan breakdown, ${files.length} files (${corpusDir}), one thread:`);
console.log(`  node -e 0: ${f(nodeAlone)}; CLI to --version (node + bundle load): ${f(cliStart)}`);
console.log(`  discovery (folder walk, candidate names): ${f(discovery)} (${perFile(discovery)})`);
console.log(`  reads (the shared reader: stat, open, fstat, bounded read, close, decode; the CLI skips the stat for listed files): ${f(reads)} (${perFile(reads)})`);
console.log(`  JSON.parse of the same texts, as the bare loop does: ${f(jsonParse)} (${perFile(jsonParse)})`);
console.log(`  lint, first pass (includes JIT warm-up): ${f(cold.seconds)} (${perFile(cold.seconds)}, ${cold.findings} findings)`);
console.log(`  lint, warm: ${f(warm)} (${perFile(warm)})`);
const nonLint = cliStart + discovery + reads;
console.log(`  the CLI's whole single-thread scan: ${f(cliScan)}; start + discovery + reads alone: ${f(nonLint)}`);
console.log(`  so even a lint that cost nothing would leave the scan at ${f(nonLint)} plus its report`);
