// The shapes of the extension's own requests, beyond standard LSP: shared by the server, the
// client and the tests, so it imports nothing from either LSP library.
import type { Severity } from '../engine/types';

export type ScanSkipReason = 'disabled' | 'too-large' | 'binary' | 'unreadable' | 'engine-error';

export interface ScanSummary {
  cancelled: boolean;
  folders: number;
  /** Candidate files: matched include, not excluded. */
  filesFound: number;
  /** Candidates actually read and judged (with or without a policy in them). */
  filesScanned: number;
  filesWithPolicies: number;
  filesWithFindings: number;
  findingsBySeverity: Record<Severity, number>;
  /** Candidates not judged, by reason. */
  skipped: Partial<Record<ScanSkipReason, number>>;
  /** Files and folders left out by each exclusion mechanism (a pruned folder counts once). */
  excluded: { exclude: number; filesExclude: number; gitignore: number };
  durationMs: number;
}

export const SCAN_WORKSPACE_METHOD = 'kmsPolicyLint/scanWorkspace';
/** The last scan's findings (kept current by the file watcher) as SARIF 2.1.0 text, or null before any scan. */
export const LAST_SCAN_SARIF_METHOD = 'kmsPolicyLint/lastScanSarif';
