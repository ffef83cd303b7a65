// The one-line summary shown when a workspace scan ends. Pure, so it is tested without an editor.
import type { ScanSkipReason, ScanSummary } from './protocol';

const SKIP_LABELS: Readonly<Record<ScanSkipReason, string>> = {
  disabled: 'linting disabled',
  'too-large': 'larger than kmsPolicyLint.maxFileSize',
  binary: 'binary',
  unreadable: 'unreadable',
  'engine-error': 'linter failure (see the output)',
};

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function formatScanSummary(summary: ScanSummary): string {
  const { error, warning, information, hint } = summary.findingsBySeverity;
  const total = error + warning + information + hint;
  const head = summary.cancelled
    ? `Scan cancelled after ${count(summary.filesScanned, 'file')} of ${summary.filesFound}.`
    : `Scanned ${count(summary.filesScanned, 'file')} (${count(summary.filesWithPolicies, 'with a policy', 'with policies')}) in ${duration(summary.durationMs)}.`;
  const findings =
    total === 0
      ? 'No findings.'
      : `${count(error, 'error')}, ${count(warning, 'warning')}, ${information} information${hint > 0 ? `, ${count(hint, 'hint')}` : ''} in ${count(summary.filesWithFindings, 'file')}.`;
  const skipped = (Object.entries(summary.skipped) as [ScanSkipReason, number][])
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${SKIP_LABELS[reason]}`);
  const excludedTotal = summary.excluded.exclude + summary.excluded.filesExclude + summary.excluded.gitignore;
  const excluded = [
    summary.excluded.gitignore > 0 ? `${summary.excluded.gitignore} by .gitignore` : '',
    summary.excluded.filesExclude > 0 ? `${summary.excluded.filesExclude} by files.exclude` : '',
    summary.excluded.exclude > 0 ? `${summary.excluded.exclude} by kmsPolicyLint.exclude` : '',
  ].filter(Boolean);
  return [
    head,
    findings,
    skipped.length > 0 ? `Skipped: ${skipped.join(', ')}.` : '',
    excludedTotal > 0 ? `Excluded files and folders: ${excluded.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** "1.2 s", or "40 ms" for a scan too quick for tenths of a second to say anything. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}
