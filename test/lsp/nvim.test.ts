// Neovim as a second, independent LSP client: test/nvim/test.lua drives it; this test judges what it wrote.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPOSITORY_ROOT, SERVER_PATH, withDeadline } from './lspClient';
import { OWN_ACCOUNT, pretty, WILDCARD_KEY_POLICY } from './policies';

const NVIM_DEADLINE_MS = 60_000;

interface NvimDiagnostic {
  code: string;
  severity: number;
  source: string;
  href: string | null;
  line: number;
  hasData: boolean;
}

interface NvimResult {
  ok: boolean;
  error?: string;
  steps: string[];
  initialDiagnostics?: NvimDiagnostic[];
  actions?: { title: string; kind: string; isPreferred: boolean; hasEdit: boolean }[];
  appliedTitle?: string;
  afterDiagnostics?: NvimDiagnostic[];
  text?: string;
}

function runNvim(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('Neovim is not installed (no `nvim` on PATH). Install it: apt-get install -y neovim')
          : error,
      ),
    );
    child.once('exit', (code) => resolve({ code, stderr }));
    setTimeout(() => child.kill('SIGKILL'), NVIM_DEADLINE_MS).unref();
  });
}

/**
 * Neovim on PATH, installing it from Debian's packages when running as root; undefined (with the
 * reason) when it cannot be had here without root.
 */
function ensureNvim(): string | undefined {
  const has = () => spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
  if (has()) return undefined;
  if (process.getuid?.() !== 0) return 'Neovim is not installed and installing it needs root (apt-get install -y neovim)';
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'neovim'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return has() ? undefined : 'Neovim could not be installed from apt on this machine';
}

describe('Neovim as an LSP client', () => {
  it('gets the diagnostics with docs links, lists the quick fixes, applies the preferred one, and sees the finding gone', async (t) => {
    const missing = ensureNvim();
    if (missing) {
      // Counted as skipped, never as passed: the summary line says so.
      process.stderr.write(`\nSKIPPED the Neovim client test: ${missing}\n`);
      t.skip(`SKIPPED: ${missing}`);
      return;
    }
    assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run \`npm run build\` first`);
    const work = mkdtempSync(join(tmpdir(), 'kms-nvim-'));
    try {
      const policyFile = join(work, 'key-policy.json');
      const resultFile = join(work, 'result.json');
      writeFileSync(policyFile, pretty(WILDCARD_KEY_POLICY));
      const { code, stderr } = await withDeadline(
        runNvim(['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(REPOSITORY_ROOT, 'test', 'nvim', 'test.lua')}`], {
          ...process.env,
          KMS_NODE: process.execPath,
          KMS_SERVER: SERVER_PATH,
          KMS_POLICY_FILE: policyFile,
          KMS_ACCOUNT: OWN_ACCOUNT,
          KMS_RESULT: resultFile,
          // Keep Neovim's state, logs and swap files out of the home folder.
          XDG_CONFIG_HOME: join(work, 'config'),
          XDG_DATA_HOME: join(work, 'data'),
          XDG_STATE_HOME: join(work, 'state'),
          XDG_CACHE_HOME: join(work, 'cache'),
        }),
        NVIM_DEADLINE_MS + 5_000,
        'Neovim to finish',
      );
      assert.ok(existsSync(resultFile), `Neovim wrote no result (exit ${code}): ${stderr}`);
      const result = JSON.parse(readFileSync(resultFile, 'utf8')) as NvimResult;
      assert.ok(result.ok, `Neovim run failed after steps [${result.steps.join(', ')}]: ${result.error}`);

      const wildcard = result.initialDiagnostics?.find((d) => d.code === 'kms-wildcard-principal');
      assert.ok(wildcard);
      assert.equal(wildcard.severity, 1);
      assert.equal(wildcard.source, 'kms-policy-lint');
      assert.equal(wildcard.href, pathToFileURL(join(REPOSITORY_ROOT, 'docs', 'rules', 'kms-wildcard-principal.md')).href);
      assert.ok(wildcard.hasData);

      const quickFixes = (result.actions ?? []).filter((a) => a.kind === 'quickfix' && a.hasEdit);
      assert.ok(quickFixes.length >= 2, JSON.stringify(result.actions));
      assert.equal(quickFixes.filter((a) => a.isPreferred).length, 1);
      assert.match(result.appliedTitle ?? '', /kms:CallerAccount/);

      const fixed = JSON.parse(result.text ?? '') as { Statement: { Condition?: { StringEquals?: Record<string, string> } }[] };
      assert.equal(fixed.Statement[0].Condition?.StringEquals?.['kms:CallerAccount'], OWN_ACCOUNT);
      assert.deepEqual(result.afterDiagnostics, []);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
