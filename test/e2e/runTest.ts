// Runs the extension tests (test/e2e/suite) in a real VS Code through @vscode/test-electron.
// Offline, or with KMS_E2E_VSCODE=code-server, "VS Code" is test/e2e/launcher: the same tests in
// code-server 4.100.3 (VS Code 1.100.3) installed by scripts/e2e/install.sh. With internet,
// or KMS_E2E_VSCODE=download, test-electron downloads VS Code as usual.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const projectRoot = resolve(__dirname, '..', '..');

async function canReachVSCodeDownloads(): Promise<boolean> {
  const timeout = new Promise<false>((resolveTimeout) => setTimeout(() => resolveTimeout(false), 3_000).unref());
  const lookupSucceeds = lookup('update.code.visualstudio.com').then(
    () => true,
    () => false,
  );
  return Promise.race([lookupSucceeds, timeout]);
}

async function chooseExecutable(): Promise<string | undefined> {
  const choice = process.env.KMS_E2E_VSCODE ?? 'auto';
  const launcher = join(projectRoot, 'test', 'e2e', 'launcher');
  if (choice === 'code-server') return launcher;
  if (choice === 'download') return undefined;
  if (choice !== 'auto') throw new Error(`KMS_E2E_VSCODE must be code-server, download or auto, not ${choice}`);
  return (await canReachVSCodeDownloads()) ? undefined : launcher;
}

async function main(): Promise<void> {
  const extensionDevelopmentPath = process.env.KMS_E2E_EXTENSION_PATH ?? projectRoot;
  const extensionTestsPath = process.env.KMS_E2E_TESTS_PATH ?? join(__dirname, 'suite', 'index.js');
  const runDir = mkdtempSync(join(tmpdir(), 'kms-e2e-tests-'));
  // Stay alive if our reader quits (| head): the launcher stops only when it is done or signalled.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.once('exit', () => rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
  // Tests edit documents and settings: they get a copy, the fixtures in git stay as they are.
  const workspace = join(runDir, 'workspace');
  cpSync(process.env.KMS_E2E_WORKSPACE_SOURCE ?? join(projectRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const vscodeExecutablePath = await chooseExecutable();
  console.log(`[e2e] VS Code: ${vscodeExecutablePath ?? 'downloaded by @vscode/test-electron'}`);
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [workspace, `--user-data-dir=${join(runDir, 'user-data')}`, `--extensions-dir=${join(runDir, 'extensions')}`, '--disable-extensions'],
  });
}

main().catch((error: unknown) => {
  console.error(`[e2e] extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
