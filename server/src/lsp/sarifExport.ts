// The last workspace scan as SARIF, through the command line's own SARIF reporter. Without fixes: the scan does not keep them.
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { createSarifReporter } from '../report/sarif';
import { emptySummary } from '../report/summary';
import type { FileResult, ReportedFinding } from '../scan/types';
import { toGlobPath, type Folder } from './workspaceFolders';
import type { ScannedFile } from './workspaceScan';

function serverVersion(): string {
  // dist/server.js sits one level below the package root.
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'kms-policy-lint' && manifest.version) return manifest.version;
  } catch {
    // not running from the package (tests of the source): fall through
  }
  return '0.0.0';
}

/** One workspace folder: paths relative to it (%SRCROOT%); several: absolute file URIs. */
export function scanToSarif(files: readonly ScannedFile[], folders: readonly Folder[]): string {
  let log = '';
  const root = folders.length === 1 ? folders[0].path : undefined;
  const reporter = createSarifReporter((chunk) => (log += chunk), serverVersion(), root ?? '/');
  const summary = emptySummary();
  files.forEach((file, seq) => {
    const findings: ReportedFinding[] = file.findings.map(({ ruleId, severity, message, range }) => ({ ruleId, severity, message, range, fixes: [] }));
    const result: FileResult = {
      seq,
      absolutePath: file.path,
      displayPath: root ? toGlobPath(root, file.path) : file.path.split(sep).join('/'),
      outcome: { kind: 'linted', recognized: true, findings, fixesApplied: 0 },
    };
    reporter.file(result, findings);
    summary.filesScanned++;
    summary.filesWithPolicies++;
    for (const finding of findings) summary.findingsBySeverity[finding.severity]++;
  });
  reporter.end(summary);
  return log;
}
