// A minimal LSP client for the tests: starts the bundled server over stdio and speaks JSON-RPC to it as an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// The server package re-exports the JSON-RPC and protocol layers an editor's client is built on.
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';

export const REPOSITORY_ROOT = join(__dirname, '..', '..');
export const SERVER_PATH = join(REPOSITORY_ROOT, 'dist', 'server.js');
export const DEFAULT_DEADLINE_MS = 10_000;

export interface SessionOptions {
  /** Whether the client claims the workspace/configuration capability (default true). */
  configuration?: boolean;
  workspaceFolders?: WorkspaceFolder[];
  /** Initial `kmsPolicyLint` settings the client answers with. */
  settings?: Record<string, unknown>;
  /** Settings for resources below a folder URI, overriding `settings` there (multi-root workspaces). */
  folderSettings?: Record<string, Record<string, unknown>>;
  filesExclude?: Record<string, boolean>;
  /** Server arguments (default `--stdio`). */
  args?: string[];
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; message?: string; percentage?: number; title?: string; cancellable?: boolean };
}

type Waiter<T> = { matches: (value: T) => boolean; resolve: (value: T) => void };

/** Rejects if the promise has not settled by the deadline; tests wait for events, never for fixed times. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export class LspSession {
  /** What the client answers to workspace/configuration for `kmsPolicyLint`; tests change it, then notify. */
  settings: Record<string, unknown>;
  folderSettings: Record<string, Record<string, unknown>>;
  filesExclude: Record<string, boolean>;
  readonly configurationRequests: unknown[] = [];
  readonly shownDocuments: unknown[] = [];
  readonly logMessages: string[] = [];
  readonly progress: ProgressEvent[] = [];
  /** The URI of every publishDiagnostics, in the order they came. */
  readonly publishOrder: string[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly publishCounts = new Map<string, number>();
  private diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private progressWaiters: Waiter<ProgressEvent>[] = [];
  private stderr = '';
  private exited = false;
  private readonly exitPromise: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: SessionOptions,
  ) {
    this.settings = { ...(options.settings ?? {}) };
    this.folderSettings = { ...(options.folderSettings ?? {}) };
    this.filesExclude = { ...(options.filesExclude ?? {}) };
    this.exitPromise = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      this.publishOrder.push(params.uri);
      this.publishCounts.set(params.uri, (this.publishCounts.get(params.uri) ?? 0) + 1);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((waiter) => !(waiter.matches(params) && (waiter.resolve(params), true)));
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => this.logMessages.push(params.message));
    connection.onNotification('$/progress', (event: ProgressEvent) => {
      this.progress.push(event);
      this.progressWaiters = this.progressWaiters.filter((waiter) => !(waiter.matches(event) && (waiter.resolve(event), true)));
    });
    connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(params);
      return params.items.map((item) =>
        item.section === 'files.exclude' ? this.filesExclude : item.section === 'kmsPolicyLint' ? this.settingsFor(item.scopeUri) : null,
      );
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showDocument', (params: unknown) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    connection.listen();
  }

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER_PATH, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection, options);
    const configuration = options.configuration ?? true;
    const result = await withDeadline(
      connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: options.workspaceFolders?.[0]?.uri ?? null,
        workspaceFolders: options.workspaceFolders ?? null,
        capabilities: {
          workspace: { configuration, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
          window: { workDoneProgress: true, showDocument: { support: true } },
          textDocument: {
            publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: false },
            codeAction: {
              dataSupport: true,
              isPreferredSupport: true,
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            },
            synchronization: { didSave: true, dynamicRegistration: false },
          },
        },
      }),
      DEFAULT_DEADLINE_MS,
      'the initialize response',
    );
    session.initializeResult = result;
    await connection.sendNotification('initialized', {});
    return session;
  }

  initializeResult: InitializeResult | undefined;

  /** What an editor answers for a resource: the settings of the folder holding it, else the global ones. */
  private settingsFor(scopeUri: string | undefined): Record<string, unknown> {
    const folder = Object.keys(this.folderSettings)
      .filter((uri) => scopeUri !== undefined && (scopeUri === uri || scopeUri.startsWith(`${uri}/`)))
      .sort((a, b) => b.length - a.length)[0];
    return folder === undefined ? this.settings : { ...this.settings, ...this.folderSettings[folder] };
  }

  get serverStderr(): string {
    return this.stderr;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  publishCount(uri: string): number {
    return this.publishCounts.get(uri) ?? 0;
  }

  /** The latest publish for the URI that matches, or the next one that does. */
  waitForDiagnostics(
    uri: string,
    matches: (params: PublishDiagnosticsParams) => boolean,
    what: string,
    ms = DEFAULT_DEADLINE_MS,
  ): Promise<PublishDiagnosticsParams> {
    const current = this.latest.get(uri);
    if (current && matches(current)) return Promise.resolve(current);
    return withDeadline(
      new Promise<PublishDiagnosticsParams>((resolve) =>
        this.diagnosticWaiters.push({ matches: (params) => params.uri === uri && matches(params), resolve }),
      ),
      ms,
      `${what} (last publish for ${uri}: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => [d.code, d.severity]) ?? 'none')}; server stderr: ${this.stderr.slice(-500)})`,
    );
  }

  /** Diagnostics published for exactly this document version. */
  diagnosticsForVersion(uri: string, version: number, ms = DEFAULT_DEADLINE_MS): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (params) => params.version === version, `diagnostics of version ${version}`, ms).then((p) => p.diagnostics);
  }

  waitForProgress(matches: (event: ProgressEvent) => boolean, what: string, ms = DEFAULT_DEADLINE_MS): Promise<ProgressEvent> {
    const seen = this.progress.find(matches);
    if (seen) return Promise.resolve(seen);
    return withDeadline(new Promise<ProgressEvent>((resolve) => this.progressWaiters.push({ matches, resolve })), ms, what);
  }

  async open(uri: string, text: string, version = 1, languageId = 'json'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async settingsChanged(): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kmsPolicyLint: this.settings } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return withDeadline(
      this.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }).then((a) => a ?? []),
      DEFAULT_DEADLINE_MS,
      'code actions',
    );
  }

  request<R>(method: string, params?: unknown, cancellation?: CancellationTokenSource, ms = DEFAULT_DEADLINE_MS): Promise<R> {
    const sent = cancellation
      ? this.connection.sendRequest<R>(method, params, cancellation.token)
      : params === undefined
        ? this.connection.sendRequest<R>(method)
        : this.connection.sendRequest<R>(method, params);
    return withDeadline(sent, ms, `the answer to ${method}`);
  }

  /** A request every server answers in order: once it returns, everything sent before it has been handled. */
  async barrier(): Promise<void> {
    await this.request('textDocument/codeAction', {
      textDocument: { uri: 'file:///barrier.json' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await withDeadline(this.connection.sendRequest('shutdown'), DEFAULT_DEADLINE_MS, 'the shutdown response');
        await this.connection.sendNotification('exit');
        await withDeadline(this.exitPromise, DEFAULT_DEADLINE_MS, 'the server to exit');
      } finally {
        if (!this.exited) this.child.kill();
      }
    }
    this.connection.dispose();
  }
}

export { CancellationTokenSource };
