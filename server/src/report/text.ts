// One line per finding, printed as each file completes, then a summary line.
import type { FileResult, ReportedFinding } from '../scan/types';
import type { Reporter, ScanSummary, Write } from './summary';

// Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as a terminal may show it: file names and policy text come from the files scanned, and an
 * escape sequence or a newline in them must neither reach the terminal nor break a report line.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function formatFindingLine(file: string, finding: ReportedFinding): string {
  const { line, character } = finding.range.start;
  const message = printable(finding.message.replace(/\s*[\r\n]+\s*/g, ' '));
  return `${printable(file)}:${line + 1}:${character + 1}  ${finding.severity}  ${message}  ${finding.ruleId}`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function formatSummary(summary: ScanSummary): string {
  const s = summary.findingsBySeverity;
  let line = `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.information} information, ${plural(s.hint, 'hint')}`
    + ` in ${plural(summary.filesScanned, 'file')} scanned (${summary.filesWithPolicies} with policies)`;
  const skipped = summary.skipped.binary + summary.skipped['too-large'] + summary.skipped['not-a-file'] + summary.skipped.excluded;
  if (skipped > 0) {
    const reasons = Object.entries(summary.skipped).filter(([, n]) => n > 0).map(([reason, n]) => `${n} ${reason}`);
    line += `, ${skipped} skipped (${reasons.join(', ')})`;
  }
  if (summary.unreadable > 0) line += `, ${summary.unreadable} unreadable`;
  if (summary.internalErrors > 0) line += `, ${plural(summary.internalErrors, 'internal error')}`;
  if (summary.fixesApplied > 0) line += `; ${plural(summary.fixesApplied, 'fix', 'fixes')} applied in ${plural(summary.filesFixed, 'file')}`;
  return line;
}

export function createTextReporter(write: Write): Reporter {
  return {
    file(result: FileResult, findings: readonly ReportedFinding[]): void {
      if (findings.length === 0) return;
      write(findings.map((f) => formatFindingLine(result.displayPath, f)).join('\n') + '\n');
    },
    end(summary: ScanSummary): void {
      write(formatSummary(summary) + '\n');
    },
  };
}
