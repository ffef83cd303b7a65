// The server's own requests, as the client sends them. Mirrors server/src/lsp/protocol.ts (separate TypeScript projects).
import { RequestType, RequestType0, type WorkDoneProgressParams } from 'vscode-languageclient/node';

type Severity = 'error' | 'warning' | 'information' | 'hint';
export type ScanSkipReason = 'disabled' | 'too-large' | 'unreadable' | 'engine-error';

export interface ScanSummary {
  cancelled: boolean;
  folders: number;
  filesFound: number;
  filesScanned: number;
  filesWithPolicies: number;
  filesWithFindings: number;
  findingsBySeverity: Record<Severity, number>;
  skipped: Partial<Record<ScanSkipReason, number>>;
  excluded: { exclude: number; filesExclude: number; gitignore: number };
  durationMs: number;
}

export const ScanWorkspaceRequest = new RequestType<WorkDoneProgressParams, ScanSummary, void>('kmsPolicyLint/scanWorkspace');
export const LastScanSarifRequest = new RequestType0<string | null, void>('kmsPolicyLint/lastScanSarif');
