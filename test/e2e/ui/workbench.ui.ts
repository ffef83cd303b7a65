// Tests through the user interface, with the extension installed from the .vsix users get.
// 1. Open a key policy, see the squiggle and the Problems entry, go to the problem (F8), apply the
//    preferred quick fix with the keyboard (Ctrl+. Enter), save, and check the file on disk.
// 2. Scan the workspace and export the SARIF report from the command palette.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { cleanUpOnSignals } from '../harness/signals';
import { installExtension, prepareProfile, startCodeServer, type RunningCodeServer } from '../harness/codeServer';

const projectRoot = resolve(__dirname, '..', '..', '..');
const resultsDir = resolve(process.env.KMS_E2E_RESULTS ?? join(projectRoot, 'test-results', 'e2e'));
const UI_DEADLINE_MS = 30_000;
const FIXTURE = 'key-policy-to-fix.json';

function vsixPath(): string {
  if (process.env.KMS_E2E_VSIX) return resolve(process.env.KMS_E2E_VSIX);
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(projectRoot, `${manifest.name}-${manifest.version}.vsix`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

/** Polls the file on disk: saving goes through code-server's file system, not through this process. */
async function waitForFileContaining(path: string, needle: string): Promise<string> {
  const deadline = Date.now() + UI_DEADLINE_MS;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (text.includes(needle)) return text;
    if (Date.now() > deadline) throw new Error(`${path} does not contain ${needle} within ${UI_DEADLINE_MS} ms:\n${text}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

async function waitForInputValueEnding(input: Locator, suffix: string): Promise<void> {
  const deadline = Date.now() + UI_DEADLINE_MS;
  for (;;) {
    const value = await input.inputValue();
    if (value.endsWith(suffix)) return;
    if (Date.now() > deadline) throw new Error(`the input holds "${value}", not a value ending in ${suffix}, after ${UI_DEADLINE_MS} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** Runs a command by its title from the command palette (F1), as a user would. */
async function runFromCommandPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

describe('the workbench UI with the packaged extension', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'kms-e2e-ui-'));
  const folders = { runDir, userDataDir: join(runDir, 'user-data'), extensionsDir: join(runDir, 'extensions') };
  const workspace = join(runDir, 'workspace');
  let server: RunningCodeServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let unregisterSignals: () => void = () => undefined;

  const stopAll = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    context = undefined;
    await server?.stop();
    server = undefined;
  };

  before(async () => {
    unregisterSignals = cleanUpOnSignals(async () => {
      await stopAll();
      rmSync(runDir, { recursive: true, force: true });
    });
    const vsix = vsixPath();
    assert.ok(existsSync(vsix), `${vsix} not found: run npm run package first`);
    mkdirSync(resultsDir, { recursive: true });
    // Screenshots of an earlier run, a failure's among them, must not pass for this run's.
    for (const name of readdirSync(resultsDir).filter((file) => file.endsWith('.png'))) rmSync(join(resultsDir, name));
    cpSync(join(projectRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    // A task that runs the CLI with the extension's problem matcher, on a file no editor opens.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    mkdirSync(join(workspace, 'cli-only'), { recursive: true });
    writeFileSync(join(workspace, 'cli-only', 'wildcard.json'), '{\n  "Statement": [\n    {"Sid":"x","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}\n  ]\n}\n');
    const task = { label: 'lint policies', type: 'process', command: process.execPath, args: [join(projectRoot, 'dist', 'cli.js'), 'scan', 'cli-only', '--fail-on', 'none'], options: { cwd: '${workspaceFolder}' }, problemMatcher: '$kms-policy-lint' };
    writeFileSync(join(workspace, '.vscode', 'tasks.json'), JSON.stringify({ version: '2.0.0', tasks: [task] }, null, 2));
    prepareProfile(folders);
    installExtension(folders, vsix);
    assert.ok(
      readdirSync(folders.extensionsDir).some((name) => name.startsWith('kms-policy-lint.kms-policy-lint-')),
      `the .vsix did not install into ${folders.extensionsDir}`,
    );
    server = await startCodeServer({ folders });
    context = await launchChromium(runDir);
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_DEADLINE_MS);
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    // The explorer lists the workspace once the remote connection is up.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE }).waitFor({ state: 'visible' });
  });

  after(async () => {
    await stopAll();
    unregisterSignals();
    if (process.env.KMS_E2E_KEEP) console.log(`kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  });

  /** A screenshot of whatever the screen showed when a step failed. */
  async function onFailure<T>(name: string, steps: () => Promise<T>): Promise<T> {
    try {
      return await steps();
    } catch (error) {
      await screenshot(page, `${name}-failure`).catch(() => undefined);
      throw error;
    }
  }

  test('quick fix for a wildcard principal: squiggle, Problems, F8, Ctrl+. Enter, Ctrl+S', () =>
    onFailure('quick-fix', async () => {
      const policyPath = join(workspace, FIXTURE);
      const originalText = readFileSync(policyPath, 'utf8');

      await page.keyboard.press('Control+P');
      const quickOpen = page.locator('.quick-input-widget input');
      await quickOpen.waitFor({ state: 'visible' });
      await quickOpen.fill(FIXTURE);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: FIXTURE }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      const editor = page.locator('.editor-instance .monaco-editor').first();
      await page.locator('.tabs-container .tab.active', { hasText: FIXTURE }).waitFor({ state: 'visible' });
      await editor.locator('.view-lines', { hasText: '"Sid":"x"' }).waitFor({ state: 'visible' });

      // The squiggle under the wildcard principal: the language server started and published diagnostics.
      await editor.locator('.squiggly-error').first().waitFor({ state: 'visible' });
      await screenshot(page, '1-squiggle');

      await page.keyboard.press('Control+Shift+M');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'anyone in any AWS account can use this key' });
      await problem.waitFor({ state: 'visible' });
      assert.match((await problem.textContent()) ?? '', /kms-wildcard-principal/);
      await screenshot(page, '2-problems');

      // Back to the editor, then F8 jumps to the error (errors first) and shows it inline.
      await page.keyboard.press('Control+1');
      await page.keyboard.press('F8');
      await page.locator('.marker-widget', { hasText: 'anyone in any AWS account' }).waitFor({ state: 'visible' });
      await screenshot(page, '3-f8');

      await page.keyboard.press('Control+.');
      await page.locator('.action-widget .monaco-list-row', { hasText: 'kms:CallerAccount' }).first().waitFor({ state: 'visible' });
      await screenshot(page, '4-quick-fix-menu');
      // The preferred fix is listed first and focused, so Enter applies it.
      await page.keyboard.press('Enter');
      await editor.locator('.view-lines', { hasText: 'kms:CallerAccount' }).waitFor({ state: 'visible' });
      await page.keyboard.press('Control+S');

      const saved = await waitForFileContaining(policyPath, 'kms:CallerAccount');
      const policy = JSON.parse(saved) as { Statement: { Sid?: string; Condition?: unknown }[] };
      assert.deepEqual(policy.Statement.find((statement) => statement.Sid === 'x')?.Condition, {
        StringEquals: { 'kms:CallerAccount': '111122223333' },
      });
      assert.notEqual(saved, originalText);
      // Saved and linted again: the error squiggle is gone.
      await editor.locator('.squiggly-error').waitFor({ state: 'detached' });
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      await page.locator('.marker-widget').waitFor({ state: 'hidden' });
      await screenshot(page, '5-fixed-and-saved');
    }));

  test('the access summary: a CodeLens above the key policy opens the key access table', () =>
    onFailure('access', async () => {
      await page.keyboard.press('Control+P');
      const quickOpen = page.locator('.quick-input-widget input');
      await quickOpen.waitFor({ state: 'visible' });
      await quickOpen.fill('key-policy.json');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'key-policy.json' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      const editor = page.locator('.editor-instance .monaco-editor').first();
      const lens = editor.locator('.codelens-decoration a', { hasText: 'Everyone: yes' }).first();
      await lens.waitFor({ state: 'visible' });
      await lens.click();
      // The table opens beside the policy, in a webview tab named after the file.
      await page.locator('.tabs-container .tab', { hasText: 'Key access: key-policy.json' }).waitFor({ state: 'visible' });
      await page.locator('iframe.webview').first().waitFor({ state: 'attached' });
      await screenshot(page, '8-access-table');
    }));

  test('the problem matcher: the CLI run as a task puts its findings in the Problems view', () =>
    onFailure('problem-matcher', async () => {
      // "Tasks: Run Task" exactly (Enter would take the first fuzzy match, "Restart Running Task" say).
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Tasks: Run Task');
      await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Tasks: Run Task$/ }) }).first().click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'lint policies' }).first().waitFor({ state: 'visible' });
      await input.fill('lint policies');
      await page.keyboard.press('Enter');
      // The task's terminal takes focus and reveals itself as the task runs: give the matcher a moment
      // to mark the folder in the explorer, then open the Problems view by its tab.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cli-only' }).locator('.monaco-decoration-itemColor-list-errorForeground, [class*="errorForeground"]').first().waitFor({ state: 'attached', timeout: 5_000 }).catch(() => undefined);
      const problemsTab = page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).first();
      await problemsTab.click();
      await page.locator('.markers-panel').first().waitFor({ state: 'visible' });
      // Only the task reports on this file: no editor opened it and no scan has run yet.
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'wildcard.json' }).first().waitFor({ state: 'visible' });
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'anyone in any AWS account can use this key' }).first().waitFor({ state: 'visible' });
      await screenshot(page, '6a-problem-matcher');
    }));

  test('Scan Workspace, then Export SARIF Report, from the command palette', () =>
    onFailure('sarif', async () => {
      await runFromCommandPalette(page, 'KMS Policy Lint: Scan Workspace');
      await page.locator('.notification-toast', { hasText: /KMS Policy Lint: Scanned \d+ files/ }).waitFor({ state: 'visible' });
      await screenshot(page, '6-scan-summary');

      await runFromCommandPalette(page, 'KMS Policy Lint: Export SARIF Report');
      // code-server's save dialog is a quick input holding the proposed path; Enter accepts it.
      const pathInput = page.locator('.quick-input-widget input');
      await pathInput.waitFor({ state: 'visible' });
      await waitForInputValueEnding(pathInput, 'kms-policy-lint.sarif');
      await screenshot(page, '7-save-sarif');
      await page.keyboard.press('Enter');

      const sarifPath = join(workspace, 'kms-policy-lint.sarif');
      const text = await waitForFileContaining(sarifPath, 'kms-wildcard-principal');
      const sarif = JSON.parse(text) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
      assert.equal(sarif.version, '2.1.0');
      const flaggedFiles = sarif.runs[0].results
        .filter((result) => result.ruleId === 'kms-wildcard-principal')
        .map((result) => result.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(flaggedFiles.some((uri) => uri.endsWith('never-opened/key-policy.json')), `flagged: ${flaggedFiles.join(', ')}`);
      // The file just fixed through the UI is clean on disk, so the scan does not flag it.
      assert.ok(!flaggedFiles.some((uri) => uri.endsWith(FIXTURE)), `flagged: ${flaggedFiles.join(', ')}`);
    }));
});
