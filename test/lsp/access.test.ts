// The access summary over stdio: a CodeLens above each key policy and the request the table view sends.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver/node';
import type { AccessSummaryResult } from '../../server/src/engine/access/protocol';
import { LspSession } from './lspClient';
import { DECRYPT_ALL_IDENTITY_POLICY, documentUri, OWN_ACCOUNT, pretty } from './policies';

const PARTNER = '999988887777';
const KEY_POLICY = pretty(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  }),
);
const SUMMARY = 'Use: own account, 1 account · Administer: own account · Grants: own account · Everyone: no';

function template(keys: string[]): string {
  const resources = Object.fromEntries(
    keys.map((name) => [
      name,
      { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' }] } } },
    ]),
  );
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2) + '\n';
}

describe('access summary over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  const lenses = (uri: string) => session.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }).then((l) => l ?? []);

  it('advertises code lenses', () => {
    assert.deepEqual(session.initializeResult?.capabilities.codeLensProvider, { resolveProvider: false });
  });

  it('puts the one-line summary above the Statement key, with the command that opens the table', async () => {
    const uri = documentUri('key.json');
    await session.open(uri, KEY_POLICY, 1);
    const [lens, ...rest] = await lenses(uri);
    assert.deepEqual(rest, []);
    assert.deepEqual(lens.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } });
    assert.equal(KEY_POLICY.split('\n')[2].slice(3, 12), 'Statement');
    assert.deepEqual(lens.command, { title: SUMMARY, command: 'kmsPolicyLint.showAccess', arguments: [uri, 0] });
  });

  it('gives one lens per key policy of a template, and none for identity policies or other JSON', async () => {
    const uri = documentUri('template.json');
    await session.open(uri, template(['First', 'Second']), 1);
    const found = await lenses(uri);
    assert.deepEqual(found.map((l) => [l.command?.arguments?.[1], l.command?.title]), [
      [0, 'Use: own account · Administer: own account · Grants: own account · Everyone: no'],
      [1, 'Use: own account · Administer: own account · Grants: own account · Everyone: no'],
    ]);
    assert.ok(found[0].range.start.line < found[1].range.start.line);
    const identity = documentUri('identity.json');
    await session.open(identity, DECRYPT_ALL_IDENTITY_POLICY, 1);
    assert.deepEqual(await lenses(identity), []);
    const other = documentUri('package.json');
    await session.open(other, '{"name": "x"}', 1);
    assert.deepEqual(await lenses(other), []);
  });

  it('follows edits', async () => {
    const uri = documentUri('edited.json');
    await session.open(uri, KEY_POLICY, 1);
    assert.equal((await lenses(uri))[0].command?.title, SUMMARY);
    const opened = KEY_POLICY.replace(`"arn:aws:iam::${PARTNER}:root"`, '"*"');
    await session.change(uri, 2, [{ text: opened }]);
    assert.equal((await lenses(uri))[0].command?.title, 'Use: own account, everyone · Administer: own account · Grants: own account · Everyone: yes (use)');
  });

  it('answers the table request with the summary, statement ranges and the document’s key policies', async () => {
    const uri = documentUri('request.json');
    await session.open(uri, KEY_POLICY, 1);
    const result = await session.request<AccessSummaryResult | null>('kmsPolicyLint/accessSummary', { uri, policyIndex: 0 });
    assert.ok(result);
    assert.equal(result.version, 1);
    assert.equal(result.access.summary, SUMMARY);
    const partner = result.access.entries.find((e) => e.principal.label === `account ${PARTNER}`);
    assert.deepEqual(partner?.actions, ['kms:Decrypt']);
    assert.equal(partner?.principal.outsideOwnAccount, 'yes');
    assert.equal(result.statementRanges.length, 2);
    const lines = KEY_POLICY.split('\n');
    assert.match(lines[result.statementRanges[1].start.line].slice(result.statementRanges[1].start.character), /^\{/);
    assert.match(lines[result.statementRanges[1].start.line + 1], /"Sid": "Partner"/);
    assert.deepEqual(result.policies, [{ policyIndex: 0, line: 3, summary: SUMMARY }]);
  });

  it('finds the key policy at a position, and reads a file that is not open', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-policy-lint-access-'));
    try {
      const file = path.join(folder, 'template.json');
      const text = template(['First', 'Second']);
      fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      const secondLine = text.split('\n').findIndex((line) => line.includes('"Second"'));
      const result = await session.request<AccessSummaryResult | null>('kmsPolicyLint/accessSummary', { uri, position: { line: secondLine + 5, character: 0 } });
      assert.equal(result?.access.label, 'AWS::KMS::Key "Second" KeyPolicy');
      assert.equal(result?.version, null);
      assert.equal(result?.policies.length, 2);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers null to requests it cannot serve, and keeps running', async () => {
    const uri = documentUri('key2.json');
    await session.open(uri, KEY_POLICY, 1);
    for (const params of [{}, { uri: 42 }, { uri, policyIndex: 7 }, { uri: 'file:///nonexistent/nowhere.json' }, { uri: 'untitled:x' }]) {
      assert.equal(await session.request('kmsPolicyLint/accessSummary', params), null, JSON.stringify(params));
    }
    assert.ok(session.isRunning);
  });

  it('uses the accounts setting and honours enable', async () => {
    const uri = documentUri('settings.json');
    const twoRoots = KEY_POLICY.replace('"Action": "kms:Decrypt"', '"Action": "kms:*"');
    await session.open(uri, twoRoots, 1);
    assert.equal((await lenses(uri))[0].command?.title, 'Use: 2 accounts · Administer: 2 accounts · Grants: 2 accounts · Everyone: no');
    session.settings = { accounts: [PARTNER] };
    await session.settingsChanged();
    await session.barrier();
    assert.equal((await lenses(uri))[0].command?.title, 'Use: own account, 1 account · Administer: own account, 1 account · Grants: own account, 1 account · Everyone: no');
    session.settings = { enable: false };
    await session.settingsChanged();
    await session.barrier();
    assert.deepEqual(await lenses(uri), []);
    session.settings = {};
    await session.settingsChanged();
  });
});
