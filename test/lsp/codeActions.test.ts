// Quick fixes as an editor applies them: the edits from the diagnostic's data, applied, then linted again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../../server/src/engine';
import { LspSession, REPOSITORY_ROOT } from './lspClient';
import { documentUri, OWN_ACCOUNT, pretty, WILDCARD_KEY_POLICY } from './policies';

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `action "${action.title}" carries no edits for ${uri}`);
  return edits;
}

/** Sends the fixed text as the client would after applying a workspace edit: one full-document change. */
async function applyAction(session: LspSession, uri: string, text: string, action: CodeAction, nextVersion: number): Promise<string> {
  const fixed = applyEdits(text, editsOf(action, uri));
  await session.change(uri, nextVersion, [{ text: fixed }]);
  return fixed;
}

describe('code actions over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start({ settings: { accounts: [OWN_ACCOUNT] } });
  });
  after(async () => {
    await session.stop();
  });

  async function openWithFinding(name: string, text: string, ruleId: string): Promise<{ uri: string; diagnostic: Diagnostic }> {
    const uri = documentUri(name);
    await session.open(uri, text, 1);
    const diagnostic = (await session.diagnosticsForVersion(uri, 1)).find((d) => d.code === ruleId);
    assert.ok(diagnostic, `no ${ruleId} in ${name}`);
    return { uri, diagnostic };
  }

  it('offers one quick fix per fix, the preferred one marked, and the preferred fix leaves valid JSON with the finding gone', async () => {
    const text = pretty(WILDCARD_KEY_POLICY);
    const { uri, diagnostic } = await openWithFinding('quickfix.json', text, 'kms-wildcard-principal');
    const fixes = (diagnostic.data as { fixes: unknown[] }).fixes;
    const actions = await session.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
    const quickFixes = actions.filter((a) => a.edit);
    assert.equal(quickFixes.length, fixes.length);
    assert.ok(quickFixes.every((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'kms-wildcard-principal'));
    const preferred = quickFixes.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);

    const fixed = await applyAction(session, uri, text, preferred[0], 2);
    const parsed = JSON.parse(fixed) as { Statement: { Condition?: Record<string, Record<string, string>> }[] };
    assert.equal(parsed.Statement[0].Condition?.StringEquals?.['kms:CallerAccount'], OWN_ACCOUNT);
    const relinted = await session.diagnosticsForVersion(uri, 2);
    assert.deepEqual(relinted.map((d) => d.code), [], `left after the fix: ${JSON.stringify(relinted)}`);
  });

  it('offers "Show documentation" that asks the client to open the rule page shipped with the package, in the editor', async () => {
    const { uri, diagnostic } = await openWithFinding('docs.json', WILDCARD_KEY_POLICY, 'kms-wildcard-principal');
    const actions = await session.codeActions(uri, diagnostic.range, [diagnostic]);
    const show = actions.find((a) => a.title === 'Show documentation for kms-wildcard-principal');
    assert.ok(show?.command, 'no documentation action');
    assert.equal(show.command.command, 'kmsPolicyLint.showDocumentation');
    await session.request('workspace/executeCommand', { command: show.command.command, arguments: show.command.arguments });
    assert.deepEqual(session.shownDocuments.at(-1), { uri: pathToFileURL(join(REPOSITORY_ROOT, 'docs', 'rules', 'kms-wildcard-principal.md')).href, external: false, takeFocus: true });
  });

  it('offers nothing for a diagnostic of an older version', async () => {
    const text = pretty(WILDCARD_KEY_POLICY);
    const { uri, diagnostic } = await openWithFinding('stale.json', text, 'kms-wildcard-principal');
    await session.change(uri, 2, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\n' }]);
    await session.diagnosticsForVersion(uri, 2);
    assert.deepEqual(await session.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix']), []);
  });

  it('serves clients that drop diagnostic data, from the findings of the current version', async () => {
    const text = pretty(WILDCARD_KEY_POLICY);
    const { uri, diagnostic } = await openWithFinding('no-data.json', text, 'kms-wildcard-principal');
    const { data: _dropped, ...withoutData } = diagnostic;
    const actions = await session.codeActions(uri, diagnostic.range, [withoutData], ['quickfix']);
    assert.equal(actions.filter((a) => a.edit).length, (diagnostic.data as { fixes: unknown[] }).fixes.length);
    const moved = { ...withoutData, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    assert.deepEqual(await session.codeActions(uri, moved.range, [moved], ['quickfix']), [], 'no finding at that range');
  });

  it('ignores diagnostics that are not its own or whose data was tampered with', async () => {
    const { uri, diagnostic } = await openWithFinding('foreign.json', WILDCARD_KEY_POLICY, 'kms-wildcard-principal');
    const foreign = { ...diagnostic, source: 'another-linter' };
    const broken = { ...diagnostic, data: { version: 1, fixes: [{ title: 'x', edits: 'not edits' }] } };
    assert.deepEqual(await session.codeActions(uri, diagnostic.range, [foreign, broken], ['quickfix']), []);
  });

  it('fixes all: applies every preferred fix without a placeholder and re-lints clean', async () => {
    const twoStatements = pretty(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'a', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
          { Sid: 'b', Effect: 'Allow', Principal: '*', Action: ['kms:Encrypt'], Resource: '*' },
        ],
      }),
    );
    const uri = documentUri('fixall.json');
    await session.open(uri, twoStatements, 1);
    const before = await session.diagnosticsForVersion(uri, 1);
    assert.equal(before.filter((d) => d.code === 'kms-wildcard-principal').length, 2);

    const actions = await session.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.kmsPolicyLint');
    const fixed = await applyAction(session, uri, twoStatements, actions[0], 2);
    JSON.parse(fixed);
    const after = await session.diagnosticsForVersion(uri, 2);
    assert.deepEqual(after.filter((d) => d.code === 'kms-wildcard-principal'), [], fixed);
  });
});

describe('fix-all without known accounts', () => {
  it('leaves out preferred fixes that need a placeholder', async () => {
    const session = await LspSession.start();
    try {
      const uri = documentUri('placeholder.json');
      await session.open(uri, WILDCARD_KEY_POLICY, 1);
      const wildcard = (await session.diagnosticsForVersion(uri, 1)).find((d) => d.code === 'kms-wildcard-principal');
      assert.ok(wildcard);
      const fixes = (wildcard.data as { fixes: { isPreferred: boolean; hasPlaceholder: boolean }[] }).fixes;
      assert.ok(fixes.some((fix) => fix.isPreferred && fix.hasPlaceholder), 'premise: without an account the preferred fix needs a placeholder');
      assert.deepEqual(await session.codeActions(uri, wildcard.range, [], ['source.fixAll.kmsPolicyLint']), []);
      const quickFixes = await session.codeActions(uri, wildcard.range, [wildcard], ['quickfix']);
      assert.ok(quickFixes.some((a) => a.isPreferred && a.edit), 'the placeholder fix is still offered as a quick fix');
    } finally {
      await session.stop();
    }
  });
});
