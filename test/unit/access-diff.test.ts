// What a change to a key policy does to access, on pairs of policies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDocument } from '../../server/src/engine';
import { accessOfDocument, type PolicyAccess } from '../../server/src/engine/access';
import { diffAccess, diffDocuments, formatChangesMarkdown, widensOutside, type AccessChange } from '../../server/src/engine/access/diff';

const OWN = '111122223333';
const PARTNER = '999988887777';
const ownRoot = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: 'kms:*', Resource: '*' };
const role = (name: string, account = OWN) => `arn:aws:iam::${account}:role/${name}`;

function accessOf(statements: object[]): PolicyAccess {
  const [access] = accessOfDocument(readDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), { fileName: 'k.json' }));
  return access;
}

function diff(before: object[], after: object[]): AccessChange[] {
  return diffAccess(accessOf(before), accessOf(after));
}

const texts = (changes: readonly AccessChange[]) => changes.map((c) => c.text);

describe('access diff', () => {
  it('reports a new partner account, outside the own account', () => {
    const changes = diff([ownRoot], [ownRoot, { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }]);
    assert.deepEqual(texts(changes), [`+ account ${PARTNER} can now decrypt (Decrypt, DescribeKey), via statement 'Partner' [outside the own account]`]);
    assert.equal(changes[0].kind, 'added');
    assert.equal(widensOutside(changes[0]), true);
  });

  it('reports access taken away, and never calls it new access', () => {
    const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*' };
    const changes = diff([ownRoot, open], [ownRoot]);
    assert.deepEqual(texts(changes), ["- everyone can no longer use the key (Encrypt), was via statement 'Open'"]);
    assert.equal(changes.some(widensOutside), false);
  });

  it('finds nothing when only the wording changes (order, Sid-less reformatting, equivalent action lists)', () => {
    const before = [ownRoot, { Sid: 'App', Effect: 'Allow', Principal: { AWS: role('App') }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' }];
    const after = [{ Sid: 'App', Effect: 'Allow', Principal: { AWS: [role('App')] }, Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext'], Resource: '*' }, ownRoot];
    assert.deepEqual(diff(before, after), []);
  });

  it('sees a removed condition as wider access, an added one as narrower', () => {
    const conditioned = { Sid: 'ViaS3', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } };
    const { Condition: _dropped, ...unconditioned } = conditioned;
    const wider = diff([ownRoot, conditioned], [ownRoot, unconditioned]);
    assert.equal(wider.length, 1);
    assert.equal(wider[0].kind, 'widened');
    assert.equal(wider[0].text, `+ account ${PARTNER} can now decrypt (Decrypt) without conditions (before: when StringEquals kms:ViaService = s3.us-east-1.amazonaws.com), via statement 'ViaS3' [outside the own account]`);
    assert.equal(widensOutside(wider[0]), true);
    const narrower = diff([ownRoot, unconditioned], [ownRoot, conditioned]);
    assert.deepEqual(narrower.map((c) => [c.kind, c.widens]), [['narrowed', false]]);
  });

  it('treats a changed condition value as possibly wider', () => {
    const via = (service: string) => ({ Sid: 'Via', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': service } } });
    const changes = diff([ownRoot, via('s3.us-east-1.amazonaws.com')], [ownRoot, via('s3.eu-west-1.amazonaws.com')]);
    assert.deepEqual(changes.map((c) => c.kind), ['changed']);
    assert.equal(widensOutside(changes[0]), true);
    assert.match(changes[0].text, /^! account 999988887777 can decrypt \(Decrypt\) under changed conditions: when StringEquals kms:ViaService = s3\.eu-west-1\.amazonaws\.com \(before: when StringEquals kms:ViaService = s3\.us-east-1\.amazonaws\.com\)/);
  });

  it('sees a wildcard losing its caller pin as everyone gaining access', () => {
    const pinned = { Sid: 'Any', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': OWN } } };
    const { Condition: _pin, ...open } = pinned;
    const changes = diff([ownRoot, pinned], [ownRoot, open]);
    assert.deepEqual(texts(changes), [
      "+ everyone can now decrypt (Decrypt), via statement 'Any' [outside the own account]",
      `- any principal in own account ${OWN} can no longer decrypt (Decrypt), was via statement 'Any'`,
    ]);
  });

  it('keeps new access inside the own account from failing the check', () => {
    const changes = diff([ownRoot], [ownRoot, { Sid: 'App', Effect: 'Allow', Principal: { AWS: role('App') }, Action: 'kms:Decrypt', Resource: '*' }]);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].outsideOwnAccount, 'no');
    assert.equal(widensOutside(changes[0]), false);
  });

  it('counts access to an account it cannot tell as outside', () => {
    const changes = diff([ownRoot], [ownRoot, { Sid: 'Ref', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${var.partner}:root' }, Action: 'kms:Decrypt', Resource: '*' }]);
    assert.equal(changes[0].outsideOwnAccount, 'unknown');
    assert.equal(widensOutside(changes[0]), true);
    assert.match(changes[0].text, /\[account unknown\]$/);
  });

  it('sees a removed Deny as wider access', () => {
    const anyone = { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' };
    const deny = { Sid: 'OnlyOwn', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': OWN } } };
    const changes = diff([ownRoot, anyone, deny], [ownRoot, anyone]);
    assert.ok(changes.some((c) => c.kind === 'added' && c.principal.kind === 'everyone' && widensOutside(c)), texts(changes).join('\n'));
    const tls = { Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const exceptionGone = diff([ownRoot, anyone, tls], [ownRoot, anyone]);
    assert.ok(exceptionGone.some((c) => c.kind === 'widened' && c.principal.kind === 'everyone'), texts(exceptionGone).join('\n'));
  });

  it('matches the policies of a template by resource, and reports a new key', () => {
    const template = (keys: Record<string, object[]>) =>
      JSON.stringify({
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: Object.fromEntries(Object.entries(keys).map(([name, statements]) => [name, { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: statements } } }])),
      });
    const read = (text: string) => accessOfDocument(readDocument(text, { fileName: 't.json' }));
    const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' };
    const before = read(template({ A: [ownRoot], B: [ownRoot, open] }));
    const after = read(template({ B: [ownRoot, open], A: [ownRoot], C: [ownRoot, open] }));
    const changes = diffDocuments(before, after);
    assert.deepEqual(
      changes.filter((p) => p.changes.length > 0).map((p) => [p.policy, texts(p.changes).filter((t) => t.includes('everyone'))]),
      [['AWS::KMS::Key "C" KeyPolicy', ["+ everyone can now decrypt (Decrypt), via statement 'Open' [outside the own account]"]]],
    );
  });

  it('writes a pull-request comment nothing in the policy can break out of', () => {
    const sneaky = { Sid: 'x\n```\n# Approved ![](https://evil.example/p.png)', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*' };
    const after = accessOf([ownRoot, sneaky]);
    const markdown = formatChangesMarkdown([{ path: 'keys/`weird`|name.json', status: 'modified', policies: diffDocuments([accessOf([ownRoot])], [after]) }], 'main');
    const lines = markdown.split('\n');
    assert.ok(!lines.some((line) => line.startsWith('# ')), 'no heading injected');
    const fenceOpen = lines.findIndex((line) => line.endsWith('diff'));
    const fence = lines[fenceOpen].slice(0, -'diff'.length);
    const fenceClose = lines.findIndex((line, i) => i > fenceOpen && line === fence);
    assert.ok(fenceClose > fenceOpen + 1, 'the diff block closes after its lines');
    assert.equal(fenceClose, fenceOpen + 2, 'the change is one line inside the block');
    assert.match(lines[fenceOpen + 1], /^\+ account 999988887777 can now decrypt \(Decrypt\), via statement 'x\\u\{a\}```\\u\{a\}# Approved/);
    assert.match(markdown, /#### ``keys\/`weird`\\\|name\.json`` — key policy/);
  });
});
