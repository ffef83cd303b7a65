// Scan benchmark: the CLI over 10,000 policy files against a bare read-and-JSON.parse loop over the same files.
// Usage: npm run bench [-- --files N --runs N --dir PATH --regenerate]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GOAL = 0.5;

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string' },
    regenerate: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const fileCount = Number(values.files);
const runs = Number(values.runs);
const corpusDir = values.dir ?? join(tmpdir(), `kms-policy-lint-bench-${fileCount}`);

/** Reads the same files the CLI scans and JSON.parses each: the floor a scan is measured against. */
const BARE_LOOP = `
const fs = require('node:fs');
const path = require('node:path');
let files = 0, bytes = 0, unparsable = 0;
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) {
      const text = fs.readFileSync(full, 'utf8');
      files++; bytes += text.length;
      try { JSON.parse(text); } catch { unparsable++; }
    }
  }
})(process.argv[1]);
console.log(JSON.stringify({ files, bytes, unparsable }));
`;

function timeChild(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
const corpus = ensureCorpus(corpusDir, fileCount, { regenerate: values.regenerate });
console.log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB (${(corpus.bytes / corpus.files / 1024).toFixed(1)} KB average), ${corpusDir}`);
console.log(`machine: ${availableParallelism()} cores, node ${process.version}`);

// The plain command (text report), and the JSON report, which also computes every finding's fixes.
const cliArgs = [CLI, 'scan', corpusDir, '--output', '/dev/null', '--fail-on', 'none'];
const jsonArgs = [...cliArgs, '--format', 'json'];
// One untimed pass of each warms the page cache, so neither side pays for the disk.
const bare = JSON.parse(timeChild(['-e', BARE_LOOP, corpusDir]).stdout);
timeChild(cliArgs);

const bareTimes = [];
const cliTimes = [];
const jsonTimes = [];
for (let i = 0; i < runs; i++) {
  bareTimes.push(timeChild(['-e', BARE_LOOP, corpusDir]).seconds);
  cliTimes.push(timeChild(cliArgs).seconds);
  jsonTimes.push(timeChild(jsonArgs).seconds);
}
const bareSeconds = median(bareTimes);
const cliSeconds = median(cliTimes);
const ratio = bareSeconds / cliSeconds;
console.log(`bare read + JSON.parse (1 thread): ${bareSeconds.toFixed(3)} s  (${bare.files} files, ${bare.unparsable} not plain JSON)  runs: ${bareTimes.map((t) => t.toFixed(3)).join(', ')}`);
console.log(`kms-policy-lint scan: ${cliSeconds.toFixed(3)} s  runs: ${cliTimes.map((t) => t.toFixed(3)).join(', ')}`);
console.log(`kms-policy-lint scan --format json (fixes computed): ${median(jsonTimes).toFixed(3)} s, ratio ${(bareSeconds / median(jsonTimes)).toFixed(2)}  runs: ${jsonTimes.map((t) => t.toFixed(3)).join(', ')}`);
console.log(`ratio bare/CLI: ${ratio.toFixed(2)} (goal >= ${GOAL}) ${ratio >= GOAL ? 'met' : 'MISSED'}`);
// For reading the figure: the default picks the thread count from the cores; both choices, timed.
const singleThread = timeChild([...cliArgs, '--jobs', '1']).seconds;
const twoWorkers = timeChild([...cliArgs, '--jobs', '2']).seconds;
console.log(`for comparison: the main thread alone (--jobs 1) ${singleThread.toFixed(3)} s; two workers (--jobs 2) ${twoWorkers.toFixed(3)} s`);

if (values.profile) {
  // A single-thread profile shows where the scan's own time goes, without worker noise.
  const profileDir = join(tmpdir(), 'kms-policy-lint-bench-profile');
  rmSync(profileDir, { recursive: true, force: true });
  timeChild(['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...cliArgs, '--jobs', '1']);
  console.log(`CPU profile of a single-thread scan written to ${profileDir}`);
}
