// What every reporter is told: each file's result in order, then the totals.
import type { Severity } from '../engine';
import type { FileResult, ReportedFinding, SkipReason } from '../scan/types';

export interface ScanSummary {
  /** Files read and linted, whether or not they held a policy. */
  filesScanned: number;
  /** Of those, files that held something the engine recognises. */
  filesWithPolicies: number;
  skipped: Record<SkipReason, number>;
  unreadable: number;
  internalErrors: number;
  fixesApplied: number;
  filesFixed: number;
  findingsBySeverity: Record<Severity, number>;
}

export interface Reporter {
  /** Called once per file, in discovery order, with the file's findings sorted by position. */
  file(result: FileResult, findings: readonly ReportedFinding[]): void;
  end(summary: ScanSummary): void;
}

export type Write = (chunk: string) => void;

export function emptySummary(): ScanSummary {
  return {
    filesScanned: 0,
    filesWithPolicies: 0,
    skipped: { binary: 0, 'too-large': 0, 'not-a-file': 0, excluded: 0 },
    unreadable: 0,
    internalErrors: 0,
    fixesApplied: 0,
    filesFixed: 0,
    findingsBySeverity: { error: 0, warning: 0, information: 0, hint: 0 },
  };
}
