// The extension's own requests as the server receives them; their shapes are in scan-protocol.ts.
import { RequestType, RequestType0, type WorkDoneProgressParams } from 'vscode-languageserver/node';
import { LAST_SCAN_SARIF_METHOD, SCAN_WORKSPACE_METHOD, type ScanSummary } from './scan-protocol';

export type { ScanSkipReason, ScanSummary } from './scan-protocol';
export type ScanWorkspaceParams = WorkDoneProgressParams;

export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanSummary, void>(SCAN_WORKSPACE_METHOD);
export const LastScanSarifRequest = new RequestType0<string | null, void>(LAST_SCAN_SARIF_METHOD);
