// The .vsix holds only what the extension needs, within a size budget, with what the Marketplace shows.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
/** The packaged files' budget (unpacked; the .vsix compresses them to about a fifth): bundles, the IAM catalog (3 MB), two wasm parsers, grammars, docs. */
const BUDGET_BYTES = 8 * 1024 * 1024;

describe('the extension package', () => {
  it('lists only what the extension needs, within the size budget (run `npm run build` first)', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const files = run.stdout.trim().split('\n').filter(Boolean);
    const allowed = /^(dist\/[\w.-]+\.(js|wasm|json|jsonl)|docs\/rules\/[\w-]+\.md|syntaxes\/[\w.-]+\.json|schemas\/[\w.-]+\.json|images\/icon\.png|package\.json|LICENSE|README\.md|MARKETPLACE\.md|CHANGELOG\.md)$/;
    assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'files the extension does not need');
    for (const needed of ['dist/extension.js', 'dist/server.js', 'dist/iam-catalog.index.json', 'dist/tree-sitter-terraform.wasm', 'docs/rules/kms-wildcard-principal.md', 'images/icon.png', 'CHANGELOG.md']) {
      assert.ok(files.includes(needed), `${needed} is packaged`);
    }
    assert.ok(!files.some((f) => f.includes('iam-simulate')), 'the AGPL evaluator is a development tool only');
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(ROOT, f)).size, 0);
    assert.ok(bytes < BUDGET_BYTES, `${bytes} bytes packaged, budget ${BUDGET_BYTES}`);
  });

  it('has what the Marketplace shows: icon, banner, categories, keywords, a user README and a changelog', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts: Record<string, string>; categories: string[]; keywords: string[]; engines: Record<string, string> };
    assert.equal(manifest.icon, 'images/icon.png');
    const icon = fs.readFileSync(path.join(ROOT, 'images', 'icon.png'));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(icon.readUInt32BE(16), 128, 'the Marketplace wants at least 128 px');
    assert.ok(manifest.galleryBanner);
    assert.deepEqual(manifest.categories, ['Linters', 'Programming Languages']);
    assert.ok(manifest.keywords.includes('kms') && manifest.keywords.length <= 30);
    assert.match(manifest.scripts.package, /--readme-path MARKETPLACE\.md/);
    assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n\n## \d+\.\d+\.\d+/);
    for (const tool of ['@vscode/vsce', '@vscode/test-electron']) {
      const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', tool, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '';
      assert.doesNotMatch(engines, />=\s*2[2-9]/, `${tool} must install on the Node the README names (${manifest.engines.node}): ${engines}`);
    }
  });
});
