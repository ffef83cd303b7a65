// The extension's own requests as the client sends them; their shapes are shared with the server.
import { RequestType, RequestType0, type WorkDoneProgressParams } from 'vscode-languageclient/node';
import { LAST_SCAN_SARIF_METHOD, SCAN_WORKSPACE_METHOD, type ScanSummary } from '../../server/src/lsp/scan-protocol';

export type { ScanSkipReason, ScanSummary } from '../../server/src/lsp/scan-protocol';

export const ScanWorkspaceRequest = new RequestType<WorkDoneProgressParams, ScanSummary, void>(SCAN_WORKSPACE_METHOD);
export const LastScanSarifRequest = new RequestType0<string | null, void>(LAST_SCAN_SARIF_METHOD);
