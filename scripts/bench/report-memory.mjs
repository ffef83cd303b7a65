// Report memory: the CLI's peak resident memory while writing a SARIF (and a JSON) report of 100,000
// generated policy files. Goal: <= 500 MB, which only a streamed report meets.
// Usage: npm run build && node scripts/bench/report-memory.mjs [-- --files 100000 --dir PATH]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.mjs';

const root = join(import.meta.dirname, '..', '..');
const cliPath = join(root, 'dist', 'cli.js');
const { values } = parseArgs({ options: { files: { type: 'string', default: '100000' }, dir: { type: 'string' } } });
const fileCount = Number(values.files);
const corpusDir = values.dir ?? join(tmpdir(), `kms-policy-lint-bench-${fileCount}`);
const GOAL_MB = 500;

if (!existsSync(cliPath)) {
  console.error(`${cliPath} is missing: run npm run build`);
  process.exit(1);
}

const corpus = ensureCorpus(corpusDir, fileCount);
const work = mkdtempSync(join(tmpdir(), 'kms-policy-lint-report-memory-'));
try {
  console.log(`Report memory, ${corpus.files} files (${(corpus.bytes / 1e6).toFixed(0)} MB):`);
  for (const format of ['sarif', 'json']) {
    const peakFile = join(work, `${format}.peak`);
    const report = join(work, `report.${format}`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--require', join(import.meta.dirname, 'peak-rss.cjs'), cliPath, 'scan', corpusDir, '--format', format, '--output', report, '--fail-on', 'none'], {
      env: { ...process.env, KMS_POLICY_LINT_PEAK_RSS_FILE: peakFile },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`the CLI exited ${run.status}: ${run.stderr}`);
    const peakMB = Number(readFileSync(peakFile, 'utf8')) / 1024;
    const reportMB = statSync(report).size / 1e6;
    console.log(`  --format ${format}: ${reportMB.toFixed(0)} MB report in ${seconds.toFixed(1)} s, peak RSS ${peakMB.toFixed(0)} MB (goal <= ${GOAL_MB} MB: ${peakMB <= GOAL_MB ? 'met' : 'MISSED'})`);
    rmSync(report, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
