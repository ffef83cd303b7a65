// Open, edit and close documents over stdio, as an editor does, and check what the server publishes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspSession, REPOSITORY_ROOT } from './lspClient';
import { DECRYPT_ALL_IDENTITY_POLICY, documentUri, OWN_ROOT_KEY_POLICY, pretty, rangeOf, WILDCARD_KEY_POLICY } from './policies';

describe('diagnostics over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  it('advertises incremental sync, code actions and the documentation command', () => {
    const capabilities = session.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(capabilities?.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.kmsPolicyLint'], resolveProvider: false });
    assert.deepEqual(capabilities?.executeCommandProvider?.commands, ['kmsPolicyLint.showDocumentation']);
  });

  it('flags a wildcard principal with code, docs link, source and the fixes in data', async () => {
    const uri = documentUri('wildcard.json');
    await session.open(uri, WILDCARD_KEY_POLICY, 1);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    const wildcard = diagnostics.find((d) => d.code === 'kms-wildcard-principal');
    assert.ok(wildcard, `no kms-wildcard-principal in ${JSON.stringify(diagnostics)}`);
    assert.equal(wildcard.severity, DiagnosticSeverity.Error);
    assert.equal(wildcard.source, 'kms-policy-lint');
    // The page ships with the package: the link works offline and opens in the editor.
    assert.equal(wildcard.codeDescription?.href, pathToFileURL(join(REPOSITORY_ROOT, 'docs', 'rules', 'kms-wildcard-principal.md')).href);
    assert.ok(existsSync(fileURLToPath(wildcard.codeDescription?.href ?? '')));
    const data = wildcard.data as { version: number; fixes: { title: string; isPreferred: boolean; edits: unknown[] }[] };
    assert.equal(data.version, 1);
    const preferred = data.fixes.filter((fix) => fix.isPreferred);
    assert.equal(preferred.length, 1, 'exactly one preferred fix');
    assert.match(preferred[0].title, /kms:CallerAccount/);
    assert.ok(preferred[0].edits.length > 0);
  });

  it('flags decrypt on every key in an identity policy as a warning', async () => {
    const uri = documentUri('identity.json');
    await session.open(uri, DECRYPT_ALL_IDENTITY_POLICY, 1);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    const decrypt = diagnostics.find((d) => d.code === 'kms-decrypt-all-resources');
    assert.ok(decrypt, `no kms-decrypt-all-resources in ${JSON.stringify(diagnostics)}`);
    assert.equal(decrypt.severity, DiagnosticSeverity.Warning);
  });

  it('publishes nothing for JSON that holds no policy', async () => {
    const uri = documentUri('package.json');
    await session.open(uri, '{"name":"app","version":"1.0.0","scripts":{"test":"node --test"}}', 1);
    assert.deepEqual(await session.diagnosticsForVersion(uri, 1), []);
  });

  it('follows incremental edits: a finding appears and goes away again', async () => {
    const uri = documentUri('edited.json');
    const clean = pretty(OWN_ROOT_KEY_POLICY);
    await session.open(uri, clean, 1);
    assert.deepEqual(await session.diagnosticsForVersion(uri, 1), []);

    const principal = rangeOf(clean, '"arn:aws:iam::111122223333:root"');
    await session.change(uri, 2, [{ range: principal, text: '"*"' }]);
    const afterWildcard = await session.diagnosticsForVersion(uri, 2);
    assert.deepEqual(afterWildcard.map((d) => d.code), ['kms-wildcard-principal']);
    const { start, end } = afterWildcard[0].range;
    assert.ok(start.line <= principal.start.line && principal.start.line <= end.line, 'the finding covers the edited line');

    const star = { start: principal.start, end: { line: principal.start.line, character: principal.start.character + 3 } };
    await session.change(uri, 3, [{ range: star, text: '"arn:aws:iam::111122223333:root"' }]);
    assert.deepEqual(await session.diagnosticsForVersion(uri, 3), []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = documentUri('closed.json');
    await session.open(uri, WILDCARD_KEY_POLICY, 1);
    assert.ok((await session.diagnosticsForVersion(uri, 1)).length > 0);
    await session.close(uri);
    const cleared = await session.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'diagnostics cleared on close');
    assert.equal(cleared.version, undefined);
  });
});

describe('transport', () => {
  it('speaks stdio when started without a transport argument', async () => {
    const session = await LspSession.start({ args: [] });
    try {
      const uri = documentUri('no-arguments.json');
      await session.open(uri, WILDCARD_KEY_POLICY, 1);
      assert.ok((await session.diagnosticsForVersion(uri, 1)).some((d) => d.code === 'kms-wildcard-principal'));
    } finally {
      await session.stop();
    }
  });
});
