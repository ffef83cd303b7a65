// The extension's client: starts the language server and turns commands into requests. No rule logic here.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  WorkDoneProgress,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerAccessView } from './accessView';
import { LastScanSarifRequest, ScanWorkspaceRequest, type ScanSummary } from './protocol';
import { formatScanSummary } from './scanSummary';

const LANGUAGES = ['json', 'jsonc', 'yaml', 'terraform'];
const FILE_PATTERNS = ['**/*.tf', '**/*.tftpl', '**/*.tpl', '**/*.template', '**/*.policy.json'];

// Only real files and unsaved editors: not diff views, git history or other virtual documents.
const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];

let client: LanguageClient | undefined;
let lastScan: ScanSummary | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('KMS Policy Lint');
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      configurationSection: ['kmsPolicyLint', 'files.exclude'],
      // Everything: the server decides which changes concern scanned files (include/exclude may name any file).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*'),
    },
    outputChannel: output,
    diagnosticCollectionName: 'kms-policy-lint',
  };
  const languageClient = new LanguageClient('kmsPolicyLint', 'KMS Policy Lint', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('kmsPolicyLint.restartServer', async () => {
      output.appendLine('Restarting the server.');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('kmsPolicyLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('kmsPolicyLint.scanWorkspace', () => scanWorkspace(languageClient)),
    vscode.commands.registerCommand('kmsPolicyLint.exportSarif', () => exportSarif(languageClient)),
    registerAccessView(languageClient),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Runs the server's workspace scan under a cancellable notification fed by the server's progress reports. */
async function scanWorkspace(languageClient: LanguageClient): Promise<ScanSummary | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('KMS Policy Lint: open a folder or workspace to scan.');
    return undefined;
  }
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'KMS Policy Lint: scanning workspace', cancellable: true },
    async (progress, cancellation) => {
      const workDoneToken = randomUUID();
      let reported = 0;
      const listener = languageClient.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await languageClient.sendRequest(ScanWorkspaceRequest, { workDoneToken }, cancellation);
      } finally {
        listener.dispose();
      }
    },
  );
  lastScan = summary;
  const openProblems = 'Open Problems';
  // Not awaited: the command returns its summary (for tests and other extensions) while the message waits for the user.
  void vscode.window.showInformationMessage(`KMS Policy Lint: ${formatScanSummary(summary)}`, openProblems).then(async (choice) => {
    if (choice === openProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}

async function exportSarif(languageClient: LanguageClient): Promise<vscode.Uri | undefined> {
  const sarif = await languageClient.sendRequest(LastScanSarifRequest);
  if (sarif === null) {
    const scanNow = 'Scan Workspace';
    const choice = await vscode.window.showWarningMessage('KMS Policy Lint: there is no scan to export yet.', scanNow);
    if (choice === scanNow) await vscode.commands.executeCommand('kmsPolicyLint.scanWorkspace');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export SARIF Report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'kms-policy-lint.sarif') : undefined,
    filters: { SARIF: ['sarif', 'json'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(sarif));
  const scanned = lastScan ? ` (${lastScan.filesScanned} files scanned)` : '';
  void vscode.window.showInformationMessage(`KMS Policy Lint: SARIF report written to ${target.fsPath}${scanned}.`);
  return target;
}
