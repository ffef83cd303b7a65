// One test through the user interface, with the extension installed from the .vsix users get:
// open a key policy, see the squiggle and the Problems entry, go to the problem (F8), apply the
// preferred quick fix with the keyboard (Ctrl+. Enter), save, and check the file on disk.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
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

/** Polls the file on disk: saving goes through the server's file system, not through this process. */
async function waitForFileContaining(path: string, needle: string): Promise<string> {
  const deadline = Date.now() + UI_DEADLINE_MS;
  for (;;) {
    const text = readFileSync(path, 'utf8');
    if (text.includes(needle)) return text;
    if (Date.now() > deadline) throw new Error(`${path} does not contain ${needle} within ${UI_DEADLINE_MS} ms:\n${text}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

test('quick fix for a wildcard principal, through the workbench UI', async () => {
  const vsix = vsixPath();
  assert.ok(existsSync(vsix), `${vsix} not found: run npm run package first`);
  mkdirSync(resultsDir, { recursive: true });
  const runDir = mkdtempSync(join(tmpdir(), 'kms-e2e-ui-'));
  const folders = { runDir, userDataDir: join(runDir, 'user-data'), extensionsDir: join(runDir, 'extensions') };
  const workspace = join(runDir, 'workspace');
  cpSync(join(projectRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const policyPath = join(workspace, FIXTURE);
  const originalText = readFileSync(policyPath, 'utf8');

  let server: RunningCodeServer | undefined;
  const context = await launchChromium(join(runDir, 'chromium'));
  const unregisterSignals = cleanUpOnSignals(async () => {
    await context.close().catch(() => undefined);
    await server?.stop();
    rmSync(runDir, { recursive: true, force: true });
  });
  try {
    prepareProfile(folders);
    installExtension(folders, vsix);
    assert.ok(
      readdirSync(folders.extensionsDir).some((name) => name.startsWith('kms-policy-lint.kms-policy-lint-')),
      `the .vsix did not install into ${folders.extensionsDir}`,
    );
    server = await startCodeServer({ folders });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_DEADLINE_MS);
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
    // The explorer lists the workspace once the remote connection is up.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE }).waitFor({ state: 'visible' });

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
    const menu = page.locator('.action-widget');
    await menu.locator('.action-widget-action-list, .monaco-list-row', { hasText: 'kms:CallerAccount' }).first().waitFor({ state: 'visible' });
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
    // Saved and re-linted: the error squiggle is gone.
    await editor.locator('.squiggly-error').waitFor({ state: 'detached' });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.locator('.marker-widget').waitFor({ state: 'hidden' });
    await screenshot(page, '5-fixed-and-saved');
  } catch (error) {
    const page = context.pages()[0];
    if (page) await screenshot(page, 'failure').catch(() => undefined);
    throw error;
  } finally {
    await context.close().catch(() => undefined);
    await server?.stop();
    unregisterSignals();
    if (process.env.KMS_E2E_KEEP) console.log(`kept ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  }
});
