// The language server: LSP wiring only. Judging is the engine's; scheduling, scanning and settings live in ./lsp.
import {
  CancellationTokenSource,
  CodeActionKind,
  createConnection,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Diagnostic,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ready } from './engine';
import { registerAccessSummary } from './lsp/accessSummary';
import { registerAssist } from './lsp/assist';
import { fixAllAction, FIX_ALL_KIND, kindRequested, quickFixes, SHOW_DOCUMENTATION_COMMAND } from './lsp/codeActions';
import { DocumentLinter } from './lsp/documentLinter';
import { LspFrameGuard } from './lsp/framing';
import { LastScanSarifRequest, ScanWorkspaceRequest, type ScanSummary } from './lsp/protocol';
import { scanToSarif } from './lsp/sarifExport';
import { SettingsStore } from './lsp/settings';
import { uriToPath, WorkspaceFolders } from './lsp/workspaceFolders';
import { WorkspaceScanner } from './lsp/workspaceScan';

// --stdio, --node-ipc, --socket=N and --pipe=NAME pick the transport; with none of them, stdio.
// Over stdio (the default) the input passes a guard that drops malformed headers instead of losing
// every message after them.
const otherTransport = process.argv.some((arg) => /^--(node-ipc|socket|pipe)\b/.test(arg));
const connection = otherTransport
  ? createConnection(ProposedFeatures.all)
  : createConnection(ProposedFeatures.all, process.stdin.pipe(new LspFrameGuard((message) => process.stderr.write(`kms-policy-lint: ${message}\n`))), process.stdout);
const documents = new TextDocuments(TextDocument);
const folders = new WorkspaceFolders();
/** Open documents by file path, so disk results never overwrite an editor's view of the same file. */
const openDocumentUris = new Map<string, string>();

let settings = new SettingsStore(connection, false);
let clientShowsDocuments = false;
let clientShowsProgress = false;
let clientNotifiesFolderChanges = false;

const logError = (message: string): void => connection.console.error(message);

function publish(uri: string, diagnostics: Diagnostic[], version: number | null): void {
  void connection.sendDiagnostics({ uri, diagnostics, version: version ?? undefined }).catch((error: unknown) => logError(`Could not publish diagnostics: ${String(error)}`));
}

const linter = new DocumentLinter({
  document: (uri) => documents.get(uri),
  get settings() {
    return settings;
  },
  folders,
  publish,
  logError,
});

const scanner = new WorkspaceScanner({
  folders,
  get settings() {
    return settings;
  },
  isOpen: (path) => openDocumentUris.has(path),
  async openDocumentLint(path) {
    const uri = openDocumentUris.get(path);
    const document = uri === undefined ? undefined : documents.get(uri);
    return document ? linter.current(document) : undefined;
  },
  publish,
  logError,
});

/** Runs a handler so that nothing a user types or a client sends can take the server down. */
function guarded<A extends unknown[]>(what: string, handler: (...args: A) => Promise<void> | void): (...args: A) => void {
  return (...args: A) => {
    try {
      void Promise.resolve(handler(...args)).catch((error: unknown) => logError(`${what} failed: ${describe(error)}`));
    } catch (error) {
      logError(`${what} failed: ${describe(error)}`);
    }
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

connection.onInitialize(async (params) => {
  // Terraform's parser is WebAssembly: loaded before the first document is linted.
  await ready();
  const capabilities = params.capabilities;
  settings = new SettingsStore(connection, capabilities.workspace?.configuration === true);
  clientShowsDocuments = capabilities.window?.showDocument?.support === true;
  clientShowsProgress = capabilities.window?.workDoneProgress === true;
  clientNotifiesFolderChanges = capabilities.workspace?.workspaceFolders === true;
  folders.set(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      // `"` and `:` open a value or a service's actions; a space after `:` in YAML and `=` in HCL.
      completionProvider: { triggerCharacters: ['"', ':', ' ', "'"], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'kms-policy-lint' },
  };
});

connection.onInitialized(() => {
  if (clientNotifiesFolderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders(
      guarded('Updating workspace folders', (event) => {
        for (const removed of event.removed) folders.remove(removed);
        for (const added of event.added) folders.add(added);
      }),
    );
  }
});

documents.onDidOpen(
  guarded('Opening a document', async ({ document }) => {
    const path = uriToPath(document.uri);
    if (path) openDocumentUris.set(path, document.uri);
    await linter.schedule(document.uri, 'open');
  }),
);

documents.onDidChangeContent(guarded('Linting a change', ({ document }) => linter.schedule(document.uri, 'change')));

documents.onDidSave(guarded('Linting a saved document', ({ document }) => linter.schedule(document.uri, 'save')));

documents.onDidClose(
  guarded('Closing a document', async ({ document }) => {
    linter.forget(document.uri);
    settings.forget(document.uri);
    const path = uriToPath(document.uri);
    if (path) openDocumentUris.delete(path);
    // A file the workspace scan covers keeps its findings from disk; anything else is cleared.
    if (!(path && (await scanner.documentClosed(path)))) publish(document.uri, [], null);
  }),
);

let refreshAfterSettings: CancellationTokenSource | undefined;

connection.onDidChangeConfiguration(
  guarded('Applying changed settings', async (change) => {
    settings.changed(change.settings);
    await Promise.all(documents.all().map((document) => linter.schedule(document.uri, 'settings')));
    refreshAfterSettings?.cancel();
    const refresh = new CancellationTokenSource();
    refreshAfterSettings = refresh;
    await scanner.refresh(refresh.token);
  }),
);

connection.onDidChangeWatchedFiles(
  guarded('Updating watched files', async ({ changes }) => {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      if (change.type === FileChangeType.Deleted) scanner.fileDeleted(path);
      else if (!openDocumentUris.has(path)) await scanner.fileChanged(path);
    }
  }),
);

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  try {
    const actions: CodeAction[] = [];
    const only = params.context.only;
    if (kindRequested(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(document, params.context.diagnostics, linter.lintedFindings(document)));
    if (kindRequested(only, FIX_ALL_KIND)) {
      const fixAll = fixAllAction(document, (await linter.current(document)).findings);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  } catch (error) {
    logError(`Code actions failed: ${describe(error)}`);
    return [];
  }
});

connection.onExecuteCommand(async (params) => {
  const [url] = params.arguments ?? [];
  if (params.command !== SHOW_DOCUMENTATION_COMMAND || typeof url !== 'string' || !/^(https|file):\/\//.test(url)) return;
  // A page shipped with the package opens in the editor; a web address in the browser.
  const local = url.startsWith('file:');
  if (clientShowsDocuments) await connection.window.showDocument({ uri: url, external: !local, takeFocus: true });
  else void connection.window.showInformationMessage(`Documentation: ${url}`);
});

/** Cancelled by the request's own cancellation, or by the user cancelling a progress the server created. */
function eitherCancelled(...tokens: CancellationToken[]): CancellationToken {
  const source = new CancellationTokenSource();
  for (const token of tokens) token.onCancellationRequested(() => source.cancel());
  return source.token;
}

connection.onRequest(ScanWorkspaceRequest, async (params, token): Promise<ScanSummary> => {
  let progress: WorkDoneProgressReporter | undefined;
  let cancellation = token;
  if (params?.workDoneToken !== undefined) {
    progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
  } else if (clientShowsProgress) {
    const created = await connection.window.createWorkDoneProgress();
    progress = created;
    cancellation = eitherCancelled(token, created.token);
  }
  const summary = await scanner.scan(cancellation, progress);
  connection.console.info(`Workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${JSON.stringify(summary)}`);
  return summary;
});

connection.onRequest(LastScanSarifRequest, () => (scanner.scanned ? scanToSarif(scanner.filesWithFindings(), folders.all) : null));

registerAccessSummary(connection, { documents, settings: () => settings, folders, logError });
registerAssist(connection, { documents, settings: () => settings, logError });

process.on('uncaughtException', (error) => logError(`Uncaught: ${describe(error)}`));
process.on('unhandledRejection', (reason) => logError(`Unhandled rejection: ${describe(reason)}`));

documents.listen(connection);
connection.listen();
