// Nothing a user types or opens may stop the server: huge, malformed and hostile documents, odd requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspSession } from './lspClient';
import { documentUri, WILDCARD_KEY_POLICY } from './policies';

const HUGE_DEADLINE_MS = 60_000;

/** A pretty-printed key policy of `count` harmless statements, then one with a wildcard principal. */
function bigKeyPolicy(count: number): string {
  const statements: object[] = Array.from({ length: count }, (_, i) => ({
    Sid: `Role${i}`,
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::111122223333:role/app-${i}` },
    Action: ['kms:Decrypt', 'kms:Encrypt'],
    Resource: '*',
  }));
  statements.push({ Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

describe('robustness', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  async function assertStillLinting(name: string): Promise<void> {
    const uri = documentUri(name);
    await session.open(uri, WILDCARD_KEY_POLICY, 1);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    assert.ok(diagnostics.some((d) => d.code === 'kms-wildcard-principal'), 'the next document is still linted');
    assert.ok(session.isRunning, 'the server is running');
  }

  it('lints a policy of about 5 MB (under maxFileSize) and finds the one bad statement at its end', async () => {
    const text = bigKeyPolicy(19_000);
    assert.ok(text.length > 4_500_000 && text.length < 5_000_000, `premise: ${text.length} characters`);
    const uri = documentUri('huge.json');
    await session.open(uri, text, 1);
    const diagnostics = await session.diagnosticsForVersion(uri, 1, HUGE_DEADLINE_MS);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['kms-wildcard-principal'],
      `server log: ${session.logMessages.slice(-2).join('\n').slice(0, 800)}`,
    );
    assert.ok(diagnostics[0].range.start.line > 100_000, 'the finding points at the last statement');
    await assertStillLinting('after-huge.json');
  });

  it('leaves a document over maxFileSize unchecked, with one note that says so', async () => {
    const text = bigKeyPolicy(21_000);
    assert.ok(text.length > 5_000_000, `premise: ${text.length} characters`);
    const uri = documentUri('too-big.json');
    await session.open(uri, text, 1);
    const diagnostics = await session.diagnosticsForVersion(uri, 1, HUGE_DEADLINE_MS);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, 3, 'information');
    assert.match(diagnostics[0].message, /Not checked: this document is larger than kmsPolicyLint\.maxFileSize \(5000000 bytes\)/);
    await assertStillLinting('after-too-big.json');
  });

  it('reports a syntax error in a truncated policy and keeps going', async () => {
    const uri = documentUri('truncated.json');
    await session.open(uri, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":', 1);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['json-syntax']);
    await assertStillLinting('after-truncated.json');
  });

  it('survives hostile text: deep nesting, control characters, lone surrogates', async () => {
    const hostile = [
      '['.repeat(200_000) + '"Statement"',
      '{"Statement":"\uD800\u0000' + '\u0001'.repeat(1000) + '"}',
      '{"Policy": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\"',
      '\uFEFF{"Statement": [' + '{},'.repeat(50_000) + ']}',
    ];
    for (const [i, text] of hostile.entries()) {
      const uri = documentUri(`hostile-${i}.json`);
      await session.open(uri, text, 1);
      await session.diagnosticsForVersion(uri, 1);
      await session.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
      await session.diagnosticsForVersion(uri, 2);
    }
    await assertStillLinting('after-hostile.json');
  });

  it('survives hostile templates: alias bombs, thousands of aliases, deep nesting, odd tags, deep HCL', async () => {
    let laughs = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 12; i++) laughs += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
    const key = (policy: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: ${policy}\n`;
    const hostile: [string, string, string][] = [
      ['bomb.yaml', 'yaml', `${laughs}${key('{Statement: *a11}')}`],
      ['aliases.yaml', 'yaml', `x: &x {Effect: Allow, Principal: "*", Action: "kms:*", Resource: "*"}\n${key(`{Statement: [${Array(5000).fill('*x').join(',')}]}`)}`],
      ['deep.yaml', 'yaml', key(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)],
      ['tags.yaml', 'yaml', key('!!binary aGVsbG8=').replace('Properties:', 'Properties:\n      EnableKeyRotation: !Weird {a: !Ref}')],
      ['deep.tf', 'terraform', `resource "aws_kms_key" "k" {\n  policy = jsonencode(${'['.repeat(20_000)}${']'.repeat(20_000)})\n}\n`],
    ];
    const published = new Map<string, { code?: unknown }[]>();
    for (const [name, language, text] of hostile) {
      const uri = documentUri(name);
      await session.open(uri, text, 1, language);
      published.set(name, await session.diagnosticsForVersion(uri, 1, HUGE_DEADLINE_MS));
    }
    const aliases = published.get('aliases.yaml') ?? [];
    assert.equal(aliases.filter((d) => d.code === 'kms-wildcard-principal').length, 5000, 'every aliased statement is one the stack deploys');
    await assertStillLinting('after-hostile-templates.json');
  });

  it('shrugs off requests and notifications about documents it does not know', async () => {
    const unknown = documentUri('never-opened.json');
    await session.change(unknown, 5, [{ text: WILDCARD_KEY_POLICY }]);
    await session.close(unknown);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await session.codeActions(unknown, range, []), []);
    await session.request('workspace/executeCommand', { command: 'kmsPolicyLint.showDocumentation', arguments: [42] });
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'untitled:1', type: 1 }] });
    await assertStillLinting('after-unknown.json');
  });
});
