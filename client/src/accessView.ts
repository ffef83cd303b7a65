// The "Show Key Access" command: asks the server for a key policy's access summary and shows it as
// a sortable table in a webview, whose statement links reveal the statement in the editor.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderAccessHtml } from '../../server/src/engine/access/html';
import { ACCESS_SUMMARY_METHOD, SHOW_ACCESS_COMMAND, type AccessSummaryParams, type AccessSummaryResult } from '../../server/src/engine/access/protocol';

const VIEW_TYPE = 'kmsPolicyLint.access';

interface RevealMessage {
  type: 'reveal';
  statement: number;
}

function isRevealMessage(message: unknown): message is RevealMessage {
  const m = message as Partial<RevealMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'reveal' && typeof m.statement === 'number' && Number.isInteger(m.statement);
}

function toRange(range: AccessSummaryResult['policyRange']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * Registers `kmsPolicyLint.showAccess(uri?, policyIndex?)`. Without arguments it shows the key policy
 * at the cursor of the active editor. It resolves, once the panel shows the table, to the page's
 * HTML (undefined when there is no key policy), so tests and other extensions can read what is shown.
 */
export function registerAccessView(client: LanguageClient): vscode.Disposable {
  let panel: vscode.WebviewPanel | undefined;
  let shown: AccessSummaryResult | undefined;
  let sourceColumn: vscode.ViewColumn = vscode.ViewColumn.One;

  async function reveal(message: unknown): Promise<void> {
    if (!shown || !isRevealMessage(message)) return;
    const range = message.statement === -1 ? shown.policyRange : shown.statementRanges[message.statement];
    if (!range) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(shown.uri));
    const selection = toRange(range);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: sourceColumn, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  const command = vscode.commands.registerCommand(SHOW_ACCESS_COMMAND, async (uriArgument?: unknown, policyIndex?: unknown): Promise<string | undefined> => {
    const active = vscode.window.activeTextEditor;
    let uri: vscode.Uri | undefined;
    if (typeof uriArgument === 'string') uri = vscode.Uri.parse(uriArgument);
    else if (uriArgument instanceof vscode.Uri) uri = uriArgument;
    else uri = active?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('KMS Policy Lint: open a key policy to see who can use the key.');
      return undefined;
    }
    const params: AccessSummaryParams = { uri: uri.toString() };
    if (typeof policyIndex === 'number' && Number.isInteger(policyIndex)) params.policyIndex = policyIndex;
    else if (active && active.document.uri.toString() === uri.toString()) params.position = active.selection.active;
    if (active && active.document.uri.toString() === uri.toString() && active.viewColumn !== undefined) sourceColumn = active.viewColumn;
    const result = await client.sendRequest<AccessSummaryResult | null>(ACCESS_SUMMARY_METHOD, params);
    if (!result) {
      void vscode.window.showInformationMessage('KMS Policy Lint: no key policy found here.');
      return undefined;
    }
    const fileName = path.posix.basename(uri.path) || uri.toString();
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        `Key access: ${fileName}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Scripts only for sorting and links; no local or remote resource may load.
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true, enableCommandUris: false },
      );
      panel.onDidDispose(() => {
        panel = undefined;
        shown = undefined;
      });
      panel.webview.onDidReceiveMessage((message: unknown) => void reveal(message));
    }
    panel.title = `Key access: ${fileName}`;
    const html = renderAccessHtml(result, { nonce: randomBytes(18).toString('hex'), fileName });
    shown = result;
    panel.webview.html = html;
    panel.reveal(undefined, true);
    return html;
  });
  return vscode.Disposable.from(command, { dispose: () => panel?.dispose() });
}
