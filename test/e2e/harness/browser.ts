// Debian's Chromium driven by playwright-core: the browser half of a VS Code served by code-server.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.KMS_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Offline and quiet: no sandbox (root in CI), no GPU, no background traffic to Google. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Playwright refuses --user-data-dir in args; a persistent context is how the profile gets its own
 * folder. The XDG folders keep Chromium's crash database and GTK caches out of the home folder too.
 */
export async function launchChromium(runDir: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: run scripts/e2e/install.sh`);
  const folder = (name: string): string => {
    const path = join(runDir, 'chromium', name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  return chromium.launchPersistentContext(folder('profile'), {
    executablePath: CHROMIUM_PATH,
    env: { ...process.env, XDG_CONFIG_HOME: folder('config'), XDG_CACHE_HOME: folder('cache'), XDG_DATA_HOME: folder('data'), TMPDIR: folder('tmp') },
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    // Our own signal handlers close the browser after code-server; Playwright's would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
