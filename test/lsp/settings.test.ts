// Settings are asked per document through workspace/configuration, and changing them re-lints open documents.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { LspSession } from './lspClient';
import { documentUri, OWN_ROOT_KEY_POLICY, pretty, rangeOf, WILDCARD_KEY_POLICY } from './policies';

describe('settings through workspace/configuration', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  it('asks for the kmsPolicyLint section scoped to the document', async () => {
    const uri = documentUri('scoped.json');
    await session.open(uri, WILDCARD_KEY_POLICY, 1);
    await session.diagnosticsForVersion(uri, 1);
    const asked = session.configurationRequests.flatMap((r) => (r as { items: { scopeUri?: string; section?: string }[] }).items);
    assert.ok(asked.some((item) => item.scopeUri === uri && item.section === 'kmsPolicyLint'), JSON.stringify(asked));
  });

  it('changes severity, turns a rule off and disables linting when settings change', async () => {
    const uri = documentUri('severity.json');
    await session.open(uri, WILDCARD_KEY_POLICY, 1);
    const wildcardSeverity = (params: { diagnostics: { code?: unknown; severity?: number }[] }) =>
      params.diagnostics.find((d) => d.code === 'kms-wildcard-principal')?.severity;
    assert.equal(wildcardSeverity({ diagnostics: await session.diagnosticsForVersion(uri, 1) }), DiagnosticSeverity.Error);

    session.settings = { rules: { 'kms-wildcard-principal': 'warning' } };
    await session.settingsChanged();
    await session.waitForDiagnostics(uri, (p) => wildcardSeverity(p) === DiagnosticSeverity.Warning, 'the rule downgraded to a warning');

    session.settings = { rules: { 'kms-wildcard-principal': 'information' } };
    await session.settingsChanged();
    await session.waitForDiagnostics(uri, (p) => wildcardSeverity(p) === DiagnosticSeverity.Information, 'the rule downgraded to information');

    session.settings = { rules: { 'kms-wildcard-principal': 'off' } };
    await session.settingsChanged();
    await session.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'the rule turned off');

    session.settings = {};
    await session.settingsChanged();
    await session.waitForDiagnostics(uri, (p) => wildcardSeverity(p) === DiagnosticSeverity.Error, 'the default severity back');

    session.settings = { enable: false };
    await session.settingsChanged();
    await session.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 'linting disabled');
    session.settings = {};
    await session.settingsChanged();
    await session.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 'linting enabled again');
  });

  it('leaves the default key policy\'s root statement unmarked unless kmsPolicyLint.showInformation asks for it', async () => {
    session.settings = {};
    await session.settingsChanged();
    const uri = documentUri('default-key-policy.json');
    const defaultKeyPolicy = pretty(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] }));
    await session.open(uri, defaultKeyPolicy, 1);
    assert.deepEqual(await session.diagnosticsForVersion(uri, 1), [], 'no squiggle on the most normal statement');
    session.settings = { showInformation: true };
    await session.settingsChanged();
    await session.waitForDiagnostics(
      uri,
      (p) => p.diagnostics.some((d) => d.code === 'kms-unconditioned-full-access' && d.severity === DiagnosticSeverity.Information),
      'the root note shown on request',
    );
    session.settings = {};
    await session.settingsChanged();
  });

  it('skips documents matching kmsPolicyLint.exclude, relative to the workspace folder or anywhere', async () => {
    session.settings = { exclude: ['**/generated/**'] };
    await session.settingsChanged();
    const excluded = pathToFileURL('/nonexistent/project/generated/key.json').href;
    const kept = pathToFileURL('/nonexistent/project/src/key.json').href;
    await session.open(excluded, WILDCARD_KEY_POLICY, 1);
    await session.open(kept, WILDCARD_KEY_POLICY, 1);
    assert.deepEqual(await session.diagnosticsForVersion(excluded, 1), []);
    assert.ok((await session.diagnosticsForVersion(kept, 1)).length > 0);
    session.settings = {};
    await session.settingsChanged();
  });
});

describe('when linting runs', () => {
  it('debounces typing: five quick edits give one publish, for the last version', async () => {
    const session = await LspSession.start({ settings: { debounceMs: 1000 } });
    try {
      const uri = documentUri('typing.json');
      const text = pretty(OWN_ROOT_KEY_POLICY);
      await session.open(uri, text, 1);
      await session.diagnosticsForVersion(uri, 1);
      const publishedBefore = session.publishCount(uri);
      const sid = rangeOf(text, '"x"');
      for (let i = 0; i < 5; i++) {
        const at = { line: sid.start.line, character: sid.start.character + 2 + i };
        await session.change(uri, 2 + i, [{ range: { start: at, end: at }, text: 'x' }]);
      }
      await session.diagnosticsForVersion(uri, 6);
      assert.equal(session.publishCount(uri) - publishedBefore, 1);
    } finally {
      await session.stop();
    }
  });

  it('with run = onSave, lints on open and save but not on change', async () => {
    const session = await LspSession.start({ settings: { run: 'onSave', debounceMs: 0 } });
    try {
      const uri = documentUri('on-save.json');
      const text = pretty(OWN_ROOT_KEY_POLICY);
      await session.open(uri, text, 1);
      assert.deepEqual(await session.diagnosticsForVersion(uri, 1), []);
      await session.change(uri, 2, [{ range: rangeOf(text, '"arn:aws:iam::111122223333:root"'), text: '"*"' }]);
      // With a zero delay an on-type lint would be published before the server answers a later request.
      await session.barrier();
      assert.equal(session.latestDiagnostics(uri)?.version, 1, 'no lint on change');
      await session.save(uri);
      const saved = await session.diagnosticsForVersion(uri, 2);
      assert.deepEqual(saved.map((d) => d.code), ['kms-wildcard-principal']);
    } finally {
      await session.stop();
    }
  });
});

describe('a client without workspace/configuration', () => {
  it('uses the defaults, never asks, and takes settings pushed with didChangeConfiguration', async () => {
    const session = await LspSession.start({ configuration: false });
    try {
      const uri = documentUri('pushed.json');
      await session.open(uri, WILDCARD_KEY_POLICY, 1);
      const diagnostics = await session.diagnosticsForVersion(uri, 1);
      assert.equal(diagnostics.find((d) => d.code === 'kms-wildcard-principal')?.severity, DiagnosticSeverity.Error);

      session.settings = { rules: { 'kms-wildcard-principal': 'warning' } };
      await session.settingsChanged();
      await session.waitForDiagnostics(
        uri,
        (p) => p.diagnostics.some((d) => d.code === 'kms-wildcard-principal' && d.severity === DiagnosticSeverity.Warning),
        'the pushed severity',
      );
      assert.equal(session.configurationRequests.length, 0);
    } finally {
      await session.stop();
    }
  });
});
