// Stands in for a VS Code executable: takes the command line @vscode/test-electron gives VS Code
// (--extensionDevelopmentPath=… --extensionTestsPath=… --user-data-dir=… --extensions-dir=… [folder])
// and runs those extension tests in code-server's extension host, driven by a headless Chromium.
// Exits with the tests' exit code and always stops code-server and the browser.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import { cleanUpOnSignals } from './signals';
import { CODE_SERVER_VERSION, prepareProfile, startCodeServer, type RunningCodeServer } from './codeServer';
import type { BrowserContext } from 'playwright-core';

interface LaunchRequest {
  extensionDevelopmentPaths: string[];
  extensionTestsPath: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
}

/** Flags VS Code's Electron shell understands that mean nothing to a browser workbench. */
const IGNORED_FLAGS = new Set([
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-gpu',
  '--disable-updates',
  '--skip-welcome',
  '--skip-release-notes',
  '--no-cached-data',
  '--disable-workspace-trust',
  '--disable-extensions',
  '--new-window',
  '--wait',
  '--verbose',
]);

const VALUE_FLAGS = ['--extensionDevelopmentPath', '--extensionTestsPath', '--user-data-dir', '--extensions-dir', '--folder-uri', '--locale', '--log'];

function parseVSCodeArgs(argv: readonly string[]): LaunchRequest {
  const developmentPaths: string[] = [];
  let testsPath: string | undefined;
  let userDataDir: string | undefined;
  let extensionsDir: string | undefined;
  let folder: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    let name = arg;
    let value: string | undefined;
    const equals = arg.indexOf('=');
    if (arg.startsWith('--') && equals > 0) {
      name = arg.slice(0, equals);
      value = arg.slice(equals + 1);
    } else if (VALUE_FLAGS.includes(arg)) {
      value = argv[++index];
    }
    switch (name) {
      case '--extensionDevelopmentPath':
        if (value) developmentPaths.push(resolve(value));
        break;
      case '--extensionTestsPath':
        testsPath = value && resolve(value);
        break;
      case '--user-data-dir':
        userDataDir = value && resolve(value);
        break;
      case '--extensions-dir':
        extensionsDir = value && resolve(value);
        break;
      case '--folder-uri':
        folder = value && (value.startsWith('file://') ? new URL(value).pathname : value);
        break;
      case '--locale':
      case '--log':
        break;
      default:
        if (!arg.startsWith('-')) folder = resolve(arg);
        else if (!IGNORED_FLAGS.has(name)) process.stderr.write(`[launcher] ignoring unsupported flag ${arg}\n`);
    }
  }
  if (!testsPath) throw new Error('--extensionTestsPath is required');
  return { extensionDevelopmentPaths: developmentPaths, extensionTestsPath: testsPath, userDataDir, extensionsDir, folder };
}

/** code-server serves files of its own machine under the page's authority. */
function workbenchUrl(server: RunningCodeServer, request: LaunchRequest): string {
  const payload: [string, string][] = [
    ...request.extensionDevelopmentPaths.map((path): [string, string] => ['extensionDevelopmentPath', `${server.remoteAuthority}${path}`]),
    ['extensionTestsPath', `${server.remoteAuthority}${request.extensionTestsPath}`],
  ];
  const query = new URLSearchParams();
  if (request.folder) query.set('folder', request.folder);
  query.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${query.toString()}`;
}

/** What every healthy workbench logs while connecting (KMS_E2E_VERBOSE shows it): it would bury the test report. */
const WORKBENCH_STARTUP_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\] registered|ChatSessionStore: Migrating|Updating additional builtin extensions cache|Ignoring fetching additional builtin extensions from gallery)/;

/** The workbench relays console calls as (type, args); mocha's reporter logs printf-style. */
function formatLogArgs(args: unknown): string {
  const list: unknown[] = Array.isArray(args) ? args : [args];
  return format(...list);
}

async function runExtensionTests(request: LaunchRequest, runDir: string): Promise<number> {
  const timeoutMs = Number(process.env.KMS_E2E_TIMEOUT_MS ?? 180_000);
  const folders = {
    runDir,
    userDataDir: request.userDataDir ?? join(runDir, 'user-data'),
    extensionsDir: request.extensionsDir ?? join(runDir, 'extensions'),
  };
  prepareProfile(folders);
  let server: RunningCodeServer | undefined;
  let context: BrowserContext | undefined;
  const stopAll = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    context = undefined;
    await server?.stop();
    server = undefined;
  };
  const unregisterSignals = cleanUpOnSignals(stopAll);
  try {
    server = await startCodeServer({ folders });
    process.stdout.write(`[launcher] code-server ${CODE_SERVER_VERSION} at ${server.origin}\n`);
    mkdirSync(join(runDir, 'chromium'), { recursive: true });
    context = await launchChromium(runDir);
    const page = context.pages()[0] ?? (await context.newPage());
    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolveExit, rejectExit) => {
      reportExit = resolveExit;
      page.on('crash', () => rejectExit(new Error('the workbench page crashed')));
      setTimeout(() => rejectExit(new Error(`extension tests did not finish within ${timeoutMs} ms`)), timeoutMs).unref();
    });
    // Both must exist before the workbench loads: it calls them instead of quitting an Electron window.
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = formatLogArgs(args);
      if (WORKBENCH_STARTUP_CHATTER.test(text) && !process.env.KMS_E2E_VERBOSE) return;
      const stream = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
      stream.write(`${text}\n`);
    });
    if (process.env.KMS_E2E_VERBOSE) {
      page.on('console', (message) => process.stderr.write(`[workbench ${message.type()}] ${message.text()}\n`));
    }
    page.on('pageerror', (error) => process.stderr.write(`[workbench pageerror] ${error.message}\n`));
    await page.goto(workbenchUrl(server, request));
    return await exitCode;
  } finally {
    await stopAll();
    unregisterSignals();
  }
}

async function main(): Promise<void> {
  const request = parseVSCodeArgs(process.argv.slice(2));
  const runDir = mkdtempSync(join(tmpdir(), 'kms-e2e-run-'));
  // Nobody reads our output any more (runTests() died, or | head quit): stop as on Ctrl+C, not by crashing.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.kill(process.pid, 'SIGTERM'));
  // Whatever ends this process, the run's folder goes with it (retrying while a dying browser still writes).
  process.once('exit', () => {
    if (!process.env.KMS_E2E_KEEP) rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });
  let code = 1;
  try {
    code = await runExtensionTests(request, runDir);
  } catch (error) {
    process.stderr.write(`[launcher] ${(error as Error).stack ?? String(error)}\n`);
    code = 1;
  } finally {
    // A failure to start already carries the log; a failing run is easier to read with it too.
    const serverLog = join(runDir, 'code-server.log');
    if (code !== 0 && existsSync(serverLog) && existsSync(join(runDir, 'chromium'))) {
      process.stderr.write(`[launcher] last lines of code-server's log:\n${readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n')}\n`);
    }
    if (process.env.KMS_E2E_KEEP) process.stderr.write(`[launcher] kept ${runDir}\n`);
  }
  process.exit(code);
}

void main();
