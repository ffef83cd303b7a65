// A very large policy is linted off the thread that serves the editor: a small document opened
// after it gets its diagnostics first, hovers are answered meanwhile, and the large one's findings
// still arrive, for its latest version only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver/node';
import { FIXES_SENT } from '../../server/src/lsp/documentLinter';
import { LspSession } from './lspClient';
import { documentUri, WILDCARD_KEY_POLICY, pretty } from './policies';

function hugePolicy(statements: number, sidPrefix: string): string {
  const list = Array.from({ length: statements }, (_, i) => ({
    Sid: `${sidPrefix}${i}`,
    Effect: 'Allow',
    Principal: { AWS: i % 10 === 0 ? '*' : `arn:aws:iam::1111222233${String(i % 100).padStart(2, '0')}:role/r${i}` },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: list }, null, 2);
}

describe('large documents over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  it('never hold up a small document: its diagnostics come first, and hovers are answered meanwhile', async () => {
    const big = documentUri('huge-key-policy.json');
    const small = documentUri('small-key-policy.json');
    const text = hugePolicy(20_000, 'S');
    assert.ok(text.length > 4_000_000);
    await session.open(big, text, 1);
    await session.open(small, pretty(WILDCARD_KEY_POLICY), 1);
    const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 0 } });
    assert.equal(hover, null, 'answered (nothing to say on the first brace)');
    await session.diagnosticsForVersion(small, 1);
    const bigDiagnostics = await session.diagnosticsForVersion(big, 1, 60_000);
    const order = session.publishOrder;
    assert.ok(order.indexOf(small) >= 0 && order.indexOf(small) < order.indexOf(big), `published in order ${JSON.stringify(order.map((u) => u.split('/').pop()))}`);
    assert.equal(bigDiagnostics.filter((d) => d.code === 'kms-wildcard-principal').length, 2_000);
    const withFixes = bigDiagnostics.filter((d) => Array.isArray((d.data as { fixes?: unknown[] }).fixes));
    assert.equal(withFixes.length, FIXES_SENT, 'the first findings carry their fixes; the rest are built on request');
    const late = bigDiagnostics.filter((d) => d.code === 'kms-wildcard-principal').at(-1)!;
    assert.equal((late.data as { fixes?: unknown[] }).fixes, undefined);
    const actions = await session.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri: big }, range: late.range, context: { diagnostics: [late] } });
    assert.ok(actions.some((a) => a.title.startsWith('Add Condition StringEquals kms:CallerAccount')), JSON.stringify(actions.map((a) => a.title)));
  });

  it('publishes the latest version only, when a newer one arrives while the old one is linted', async () => {
    const uri = documentUri('huge-edited.json');
    await session.open(uri, hugePolicy(8_000, 'A'), 1);
    await session.change(uri, 2, [{ text: hugePolicy(8_000, 'B').replace('"*"', '"arn:aws:iam::111122223333:root"') }]);
    const diagnostics = await session.diagnosticsForVersion(uri, 2, 60_000);
    assert.equal(diagnostics.filter((d) => d.code === 'kms-wildcard-principal').length, 799);
    assert.ok(!session.latestDiagnostics(uri) || session.latestDiagnostics(uri)!.version === 2);
  });
});
