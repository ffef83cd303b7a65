// Starts code-server (a real VS Code 1.100 served to a browser) isolated in a folder of its own,
// and stops it with every process it spawned. Shared by the extension-test launcher and the UI test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Settings that keep a test workbench quiet: no welcome page, trust prompt, update or telemetry traffic. */
export const QUIET_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'workbench.enableExperiments': false,
};

/** The folder scripts/e2e/install.sh installs code-server into (same defaults, same override). */
export function codeServerRoot(): string {
  if (process.env.KMS_E2E_CODE_SERVER) return process.env.KMS_E2E_CODE_SERVER;
  const cache = process.env.KMS_E2E_CACHE ?? join(homedir(), '.cache', 'kms-policy-lint-e2e');
  return join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
}

function entryScript(root: string): string {
  const entry = join(root, 'out', 'node', 'entry.js');
  const complete = join(root, '..', '..', '.install-complete');
  if (!existsSync(entry) || (!process.env.KMS_E2E_CODE_SERVER && !existsSync(complete))) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${root}: run scripts/e2e/install.sh`);
  }
  return entry;
}

export interface ProfileFolders {
  /** Private folder of this run; TMPDIR and XDG_* folders live below it. */
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
}

export function prepareProfile(folders: ProfileFolders, userSettings: Readonly<Record<string, unknown>> = {}): void {
  for (const dir of ['tmp', 'config', 'data', 'cache']) mkdirSync(join(folders.runDir, dir), { recursive: true });
  mkdirSync(folders.extensionsDir, { recursive: true });
  mkdirSync(join(folders.userDataDir, 'User'), { recursive: true });
  const settingsFile = join(folders.userDataDir, 'User', 'settings.json');
  const existing = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(settingsFile, JSON.stringify({ ...QUIET_USER_SETTINGS, ...existing, ...userSettings }, null, 2));
}

/** Without these, code-server writes below the home folder and leaves sockets in /tmp. */
function isolatedEnv(folders: ProfileFolders, extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: join(folders.runDir, 'tmp'),
    XDG_CONFIG_HOME: join(folders.runDir, 'config'),
    XDG_DATA_HOME: join(folders.runDir, 'data'),
    XDG_CACHE_HOME: join(folders.runDir, 'cache'),
    // An empty gallery switches the marketplace off: no lookups that fail (or vary) without internet.
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
    ...extraEnv,
  };
  // A VS Code terminal or test run around us must not leak its IPC hooks into the code-server we start.
  for (const name of Object.keys(env)) {
    if (name.startsWith('VSCODE_') || name === 'ELECTRON_RUN_AS_NODE') delete env[name];
  }
  return env;
}

function profileArgs(folders: ProfileFolders, configFile: string): string[] {
  return [
    `--config=${configFile}`,
    `--user-data-dir=${folders.userDataDir}`,
    `--extensions-dir=${folders.extensionsDir}`,
  ];
}

/** Installs a .vsix (or a gallery id, which needs internet) into the profile's extensions folder. */
export function installExtension(folders: ProfileFolders, vsixPath: string): void {
  const root = codeServerRoot();
  const configFile = join(folders.runDir, 'config.yaml');
  if (!existsSync(configFile)) writeFileSync(configFile, 'auth: none\ncert: false\n');
  const result = spawnSync(process.execPath, [entryScript(root), ...profileArgs(folders, configFile), '--install-extension', vsixPath], {
    env: isolatedEnv(folders, {}),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsixPath} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface RunningCodeServer {
  readonly port: number;
  /** e.g. http://127.0.0.1:43123 */
  readonly origin: string;
  /** The remote authority the workbench uses for files on the server: vscode-remote://127.0.0.1:43123 */
  readonly remoteAuthority: string;
  readonly logFile: string;
  /** Kills code-server's whole process group (extension hosts and language servers included). */
  stop(): Promise<void>;
}

export interface StartOptions {
  folders: ProfileFolders;
  /** Variables for code-server; they reach the extension host. */
  extraEnv?: NodeJS.ProcessEnv;
  startupTimeoutMs?: number;
}

/** Starts code-server on a free port; picks another if a concurrent run took the port in between. */
export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(options, await freePort());
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnPort(options: StartOptions, port: number): Promise<RunningCodeServer> {
  const { folders } = options;
  const entry = entryScript(codeServerRoot());
  const configFile = join(folders.runDir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(folders.runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const args = [
    entry,
    ...profileArgs(folders, configFile),
    '--auth=none',
    `--bind-addr=127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // detached: code-server leads a process group of its own, so stop() reaches every descendant.
  const child = spawn(process.execPath, args, {
    env: isolatedEnv(folders, options.extraEnv ?? {}),
    cwd: folders.runDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  // Last resort if this process exits without stop(): code-server's extension hosts would otherwise live on for hours.
  const killOnExit = (): void => {
    if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`code-server exited (${code ?? signal})`)));
  const origin = `http://127.0.0.1:${port}`;
  const running: RunningCodeServer = {
    port,
    origin,
    remoteAuthority: `vscode-remote://127.0.0.1:${port}`,
    logFile,
    stop: async () => {
      await stopProcessGroup(child, log);
      process.removeListener('exit', killOnExit);
    },
  };
  try {
    await waitForHealthz(origin, exited, options.startupTimeoutMs ?? 30_000);
  } catch (error) {
    await running.stop();
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${tail}`);
  }
  return running;
}

async function waitForHealthz(origin: string, exited: Promise<string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let processGone: string | undefined;
  void exited.then((reason) => (processGone = reason));
  while (Date.now() < deadline) {
    if (processGone) throw new Error(processGone);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

async function stopProcessGroup(child: ChildProcess, log: NodeJS.WritableStream): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (groupAlive(pgid)) {
    process.kill(-pgid, 'SIGTERM');
    if (!(await waitUntil(() => !groupAlive(pgid), 5_000))) {
      process.kill(-pgid, 'SIGKILL');
      await waitUntil(() => !groupAlive(pgid), 5_000);
    }
  }
  log.end();
}
