// Who can do what with a key, asked the way a reviewer asks: "can account X decrypt?",
// "can anyone outside the own account administer?".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDocument } from '../../server/src/engine';
import { accessOfDocument, type AccessEntry, type AccessOptions, type Capability, type PolicyAccess } from '../../server/src/engine/access';

const OWN = '111122223333';
const PARTNER = '999988887777';
const ownRoot = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: 'kms:*', Resource: '*' };

function accessOf(statements: object[], options: AccessOptions = {}, fileName = 'key.json'): PolicyAccess {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  const [access] = accessOfDocument(readDocument(text, { fileName }), options);
  assert.ok(access, 'a key policy');
  return access;
}

function entry(access: PolicyAccess, capability: Capability, label: string): AccessEntry | undefined {
  return access.entries.find((e) => e.capability === capability && e.principal.label === label);
}

function labels(access: PolicyAccess, capability: Capability): string[] {
  return access.entries.filter((e) => e.capability === capability).map((e) => e.principal.label);
}

/** Whether some entry outside the own account (or of an account we cannot tell) has the action. */
function outsiderCan(access: PolicyAccess, action: string): boolean {
  return access.entries.some((e) => e.principal.outsideOwnAccount !== 'no' && e.actions.includes(action));
}

describe('access: principals', () => {
  it('reads the default key policy: own account IAM, one role, grants only for AWS resources', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Use', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:role/App` }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
      { Sid: 'Attach', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:role/App` }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
    ]);
    assert.equal(access.summary, 'Use: own account, 1 role · Administer: own account · Grants: own account, 1 role · Everyone: no');
    assert.deepEqual(access.ownAccount, { ids: [OWN], references: [], known: true, source: 'default-key-policy' });
    const root = entry(access, 'administer', `own account ${OWN} (its IAM policies decide)`)!;
    assert.equal(root.status, 'yes');
    assert.equal(root.principal.outsideOwnAccount, 'no');
    assert.ok(root.actions.includes('kms:PutKeyPolicy') && root.actions.includes('kms:ScheduleKeyDeletion'));
    const role = entry(access, 'use', `role arn:aws:iam::${OWN}:role/App`)!;
    assert.deepEqual(role.actions, ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo']);
    const grants = entry(access, 'grants', `role arn:aws:iam::${OWN}:role/App`)!;
    assert.equal(grants.status, 'conditional');
    assert.deepEqual(grants.actions, ['kms:CreateGrant', 'kms:RevokeGrant']);
    assert.equal(grants.via[0].conditions[0].text, 'Bool kms:GrantIsForAWSResource = true');
    assert.match(grants.via[0].conditions[0].gloss ?? '', /AWS service/);
    assert.equal(outsiderCan(access, 'kms:Decrypt'), false);
  });

  it('names other accounts and their roles, outside the own account', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`, `arn:aws:iam::444455556666:role/Reader`, '555566667777'] }, Action: 'kms:Decrypt', Resource: '*' },
    ]);
    assert.deepEqual(labels(access, 'use'), [`own account ${OWN} (its IAM policies decide)`, 'account 555566667777', `account ${PARTNER}`, 'role arn:aws:iam::444455556666:role/Reader']);
    const partner = entry(access, 'use', `account ${PARTNER}`)!;
    assert.equal(partner.principal.outsideOwnAccount, 'yes');
    assert.deepEqual(partner.actions, ['kms:Decrypt']);
    assert.deepEqual(partner.via.map((g) => [g.statement.name, g.statement.line]), [['Partner', 13]]);
    assert.equal(entry(access, 'use', 'role arn:aws:iam::444455556666:role/Reader')!.principal.account, '444455556666');
    assert.equal(access.summary, 'Use: own account, 2 accounts, 1 role · Administer: own account · Grants: own account · Everyone: no');
  });

  it('treats "*", {"AWS": "*"} and an AWS list holding "*" as everyone', () => {
    for (const principal of ['*', { AWS: '*' }, { AWS: [`arn:aws:iam::${PARTNER}:root`, '*'] }]) {
      const access = accessOf([ownRoot, { Sid: 'Open', Effect: 'Allow', Principal: principal, Action: 'kms:Decrypt', Resource: '*' }]);
      const everyone = entry(access, 'use', 'everyone')!;
      assert.equal(everyone.status, 'yes', JSON.stringify(principal));
      assert.equal(everyone.principal.outsideOwnAccount, 'yes');
      assert.match(access.summary, /Everyone: yes \(use\)$/);
    }
  });

  it('pins a wildcard to the accounts kms:CallerAccount names, keeping kms:ViaService as a condition', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'ViaS3', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': [OWN, PARTNER], 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } },
    ]);
    const own = entry(access, 'use', `any principal in own account ${OWN}`)!;
    const partner = entry(access, 'use', `any principal in account ${PARTNER}`)!;
    assert.equal(own.principal.outsideOwnAccount, 'no');
    assert.equal(partner.principal.outsideOwnAccount, 'yes');
    assert.equal(own.status, 'conditional');
    assert.deepEqual(own.via[0].conditions.map((c) => c.gloss), ['only through s3.eu-west-1.amazonaws.com']);
    assert.equal(entry(access, 'use', 'everyone'), undefined);
    assert.match(access.summary, /Everyone: no$/);
  });

  it('pins a wildcard to an organisation, an OU path, a principal ARN or a network', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      { Sid: 'Ou', Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } } },
      { Sid: 'Ci', Effect: 'Allow', Principal: '*', Action: 'kms:Sign', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::555566667777:role/ci-*' } } },
      { Sid: 'Vpce', Effect: 'Allow', Principal: '*', Action: 'kms:Verify', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } } },
    ]);
    assert.equal(entry(access, 'use', 'principals of organisation o-a1b2c3d4e5')!.principal.kind, 'organization');
    assert.equal(entry(access, 'use', 'principals under OU path o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*')!.principal.kind, 'org-path');
    const ci = entry(access, 'use', 'principals matching arn:aws:iam::555566667777:role/ci-*')!;
    assert.equal(ci.principal.pattern, true);
    assert.equal(ci.principal.account, '555566667777');
    assert.equal(ci.principal.outsideOwnAccount, 'yes');
    const through = entry(access, 'use', 'everyone, but only through StringEquals aws:SourceVpce = vpce-0a1b2c3d')!;
    assert.equal(through.principal.kind, 'everyone-through');
    assert.equal(through.status, 'yes');
    assert.match(access.summary, /Everyone: only through network conditions \(use\)$/);
    for (const e of access.entries) assert.notEqual(e.principal.kind, 'everyone');
  });

  it('says whom a service acts for', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Trail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${OWN}:trail/main` } } },
      { Sid: 'Sns', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': OWN } } },
      { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:Encrypt', Resource: '*' },
    ]);
    const trail = entry(access, 'use', `service cloudtrail.amazonaws.com acting for arn:aws:cloudtrail:us-east-1:${OWN}:trail/main`)!;
    assert.equal(trail.principal.outsideOwnAccount, 'no');
    assert.equal(trail.status, 'yes');
    assert.equal(entry(access, 'use', `service sns.amazonaws.com acting for account ${OWN}`)!.principal.outsideOwnAccount, 'no');
    const logs = entry(access, 'use', 'service logs.amazonaws.com acting for any account')!;
    assert.equal(logs.principal.outsideOwnAccount, 'yes');
    assert.deepEqual(logs.principal.actingFor, []);
    assert.equal(outsiderCan(access, 'kms:Encrypt'), true);
    assert.equal(outsiderCan(access, 'kms:Decrypt'), false);
  });

  it('shows everyone but the principals NotPrincipal lists as a conditional everyone', () => {
    const access = accessOf([ownRoot, { Sid: 'AllBut', Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*' }]);
    const everyone = entry(access, 'use', 'everyone')!;
    assert.equal(everyone.status, 'conditional');
    assert.equal(everyone.via[0].conditions[0].gloss, `everyone but account ${PARTNER}`);
    assert.match(access.summary, /Everyone: with conditions \(use\)$/);
  });

  it('drops a grant whose caller-account condition contradicts its principal', () => {
    const access = accessOf([ownRoot, { Sid: 'Never', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': OWN } } }]);
    assert.equal(entry(access, 'use', `account ${PARTNER}`), undefined);
    const same = accessOf([ownRoot, { Sid: 'Same', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': PARTNER } } }]);
    assert.equal(entry(same, 'use', `account ${PARTNER}`)!.status, 'yes', 'a condition every principal of the account meets adds nothing');
  });
});

describe('access: own account', () => {
  const twoRoots = [ownRoot, { ...ownRoot, Sid: 'Other', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` } }];

  it('cannot tell which of two fully trusted accounts is the own one, and says so', () => {
    const access = accessOf(twoRoots);
    assert.equal(access.ownAccount.known, false);
    assert.deepEqual(
      access.entries.filter((e) => e.capability === 'administer').map((e) => [e.principal.label, e.principal.outsideOwnAccount]),
      [[`account ${OWN}`, 'unknown'], [`account ${PARTNER}`, 'unknown']],
    );
  });

  it('takes the own account from the accounts option', () => {
    const access = accessOf(twoRoots, { accounts: [PARTNER] });
    assert.equal(entry(access, 'administer', `own account ${PARTNER} (its IAM policies decide)`)!.principal.outsideOwnAccount, 'no');
    assert.equal(entry(access, 'administer', `account ${OWN}`)!.principal.outsideOwnAccount, 'yes');
  });

  it('shows references and placeholders as written, never guessing the account', () => {
    const access = accessOf(
      [
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${account_id}:root' }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${partner}:root' }, Action: 'kms:Decrypt', Resource: '*' },
        { Sid: 'Fix', Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '<ACCOUNT_ID>' } } },
      ],
      {},
      'key.json.tpl',
    );
    assert.equal(entry(access, 'administer', 'own account ${account_id} (its IAM policies decide)')!.principal.outsideOwnAccount, 'no');
    const partner = entry(access, 'use', 'account ${partner}')!;
    assert.equal(partner.principal.outsideOwnAccount, 'unknown');
    assert.equal(partner.principal.unresolved, true);
    const placeholder = entry(access, 'use', 'any principal in account <ACCOUNT_ID>')!;
    assert.equal(placeholder.principal.unresolved, true);
    assert.equal(placeholder.principal.outsideOwnAccount, 'unknown');
  });

  it('reads a bare reference as an account root when it names an account, else as a principal, even as the sole kms:* grantee', () => {
    const access = accessOf(
      [
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: '${local.account_id}' }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Refs', Effect: 'Allow', Principal: { AWS: ['${var.partner_account_id}', '${aws_iam_role.app.arn}'] }, Action: 'kms:Decrypt', Resource: '*' },
      ],
      {},
      'key.json.tpl',
    );
    assert.deepEqual(
      access.entries.filter((e) => e.capability === 'use').map((e) => [e.principal.kind, e.principal.label, e.principal.outsideOwnAccount]),
      [
        ['account', 'own account ${local.account_id} (its IAM policies decide)', 'no'],
        ['account', 'account ${var.partner_account_id}', 'unknown'],
        ['principal', 'principal ${aws_iam_role.app.arn}', 'unknown'],
      ],
    );
    // `${local.id}` may hold any principal's ARN: kms:* to it alone makes it no own root.
    const other = accessOf([{ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: '${local.id}' }, Action: 'kms:*', Resource: '*' }], {}, 'key.json.tpl');
    assert.deepEqual(
      other.entries.filter((e) => e.capability === 'use').map((e) => [e.principal.kind, e.principal.label]),
      [['principal', 'principal ${local.id}']],
    );
  });

  it('knows ${AWS::AccountId} in a CloudFormation template is the own account', () => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Statement: [
                { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' },
                { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } } } },
              ],
            },
          },
        },
      },
    };
    const [access] = accessOfDocument(readDocument(JSON.stringify(template, null, 2), { fileName: 'template.json' }));
    assert.equal(access.label, 'AWS::KMS::Key "Key" KeyPolicy');
    assert.equal(access.ownAccount.source, 'reference');
    const anyOwn = entry(access, 'use', 'any principal in own account ${AWS::AccountId}')!;
    assert.equal(anyOwn.principal.outsideOwnAccount, 'no');
    assert.equal(anyOwn.status, 'yes');
    assert.equal(access.summary, 'Use: own account · Administer: own account · Grants: own account · Everyone: no');
  });
});

describe('access: Deny statements', () => {
  it('removes what an unconditional Deny takes from the principals it covers', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`, `arn:aws:iam::${PARTNER}:role/Batch`] }, Action: ['kms:Decrypt', 'kms:ScheduleKeyDeletion'], Resource: '*' },
      { Sid: 'NoDeletion', Effect: 'Deny', Principal: { AWS: PARTNER }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
      { Sid: 'NoPolicyChanges', Effect: 'Deny', Principal: '*', NotAction: ['kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey', 'kms:PutKeyPolicy'], Resource: '*' },
    ]);
    assert.deepEqual(labels(access, 'administer'), [`own account ${OWN} (its IAM policies decide)`]);
    assert.deepEqual(entry(access, 'administer', `own account ${OWN} (its IAM policies decide)`)!.actions, ['kms:PutKeyPolicy']);
    assert.deepEqual(entry(access, 'use', `role arn:aws:iam::${PARTNER}:role/Batch`)!.actions, ['kms:Decrypt']);
    assert.deepEqual(entry(access, 'use', `own account ${OWN} (its IAM policies decide)`)!.actions, ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt']);
    assert.deepEqual(labels(access, 'grants'), []);
  });

  it('turns "deny unless kms:CallerAccount is X" into "only X" (IfExists alike)', () => {
    for (const operator of ['StringNotEquals', 'StringNotEqualsIfExists']) {
      const access = accessOf([
        ownRoot,
        { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' },
        { Sid: 'OnlyOwn', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { [operator]: { 'kms:CallerAccount': OWN } } },
      ]);
      const own = entry(access, 'use', `any principal in own account ${OWN}`)!;
      assert.deepEqual(own.actions, ['kms:Decrypt'], operator);
      assert.equal(own.status, 'yes');
      assert.deepEqual(entry(access, 'use', 'everyone')!.actions, ['kms:Encrypt']);
      assert.equal(entry(access, 'use', `own account ${OWN} (its IAM policies decide)`)!.status, 'yes', 'the own root meets the implied condition');
    }
  });

  it('narrows other accounts by an implied organisation condition, and drops them for an impossible one', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    ]);
    const partner = entry(access, 'use', `account ${PARTNER}`)!;
    assert.equal(partner.status, 'conditional');
    assert.equal(partner.via[0].conditions[0].text, 'StringEquals aws:PrincipalOrgID = o-a1b2c3d4e5');
    assert.equal(partner.via[0].conditions[0].impliedBy?.name, 'OrgOnly');
    const impossible = accessOf([
      ownRoot,
      { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'OnlyA', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': OWN } } },
      { Sid: 'OnlyB', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': PARTNER } } },
    ]);
    assert.equal(outsiderCan(impossible, 'kms:Decrypt'), false);
    assert.equal(impossible.entries.filter((e) => e.actions.includes('kms:Decrypt')).length, 0, 'no caller is in two accounts');
  });

  it('shows other conditional Denies, and Denies covering part of a group, as exceptions', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'NotBatch', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${PARTNER}:role/Batch` }, Action: 'kms:Decrypt', Resource: '*' },
    ]);
    const everyone = entry(access, 'use', 'everyone')!;
    assert.equal(everyone.status, 'conditional');
    assert.deepEqual(everyone.except.map((e) => e.text), [
      "except when Bool aws:SecureTransport = false (Deny 'Tls')",
      `except for arn:aws:iam::${PARTNER}:role/Batch (Deny 'NotBatch')`,
    ]);
    assert.equal(entry(access, 'use', `own account ${OWN} (its IAM policies decide)`)!.status, 'partly');
  });

  it('never subtracts a Deny on another resource: it may not be this key', () => {
    const access = accessOf([ownRoot, { Sid: 'Other', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: 'arn:aws:kms:us-east-1:111122223333:key/other' }]);
    const root = entry(access, 'use', `own account ${OWN} (its IAM policies decide)`)!;
    assert.equal(root.actions.length, 15);
    assert.equal(root.status, 'conditional');
    assert.match(root.except[0].text, /when this key is one of arn:aws:kms:us-east-1:111122223333:key\/other/);
  });
});

describe('access: actions, resources and what cannot be seen', () => {
  it('expands wildcards and NotAction against the catalog, ignoring other services', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'NotAction', Effect: 'Allow', Principal: { AWS: PARTNER }, NotAction: ['kms:*Key*', 's3:*'], Resource: '*' },
      { Sid: 'S3', Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: '*' },
    ]);
    const partner = access.entries.filter((e) => e.principal.label === `account ${PARTNER}`).flatMap((e) => e.actions);
    assert.ok(partner.includes('kms:Decrypt') && partner.includes('kms:CreateGrant'));
    assert.ok(!partner.some((a) => /Key/.test(a.slice(4))), partner.join());
    assert.equal(access.entries.some((e) => e.principal.label === 'account 444455556666'), false);
  });

  it('treats a Resource other than the key as a condition, and any-key patterns as the key', () => {
    const access = accessOf([
      ownRoot,
      { Sid: 'AnyKey', Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/*' },
      { Sid: 'OneKey', Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/abc' },
      { Sid: 'OwnKeys', Effect: 'Allow', Principal: { AWS: '555566667777' }, Action: 'kms:Decrypt', Resource: `arn:aws:kms:*:${OWN}:key/*` },
    ]);
    assert.equal(entry(access, 'use', `account ${PARTNER}`)!.status, 'yes');
    assert.equal(entry(access, 'use', 'account 555566667777')!.status, 'yes', 'every key of the own account');
    const one = entry(access, 'use', 'account 444455556666')!;
    assert.equal(one.status, 'conditional');
    assert.equal(one.via[0].conditions[0].text, 'Resource arn:aws:kms:us-east-1:111122223333:key/abc');
  });

  it('notes statements AWS would reject and effects it cannot see', () => {
    const access = accessOf([ownRoot, { Sid: 'NoEffect', Principal: { AWS: PARTNER }, Action: 'kms:Decrypt', Resource: '*' }, { Sid: 'NoPrincipal', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]);
    assert.deepEqual(access.notes, ["Statement 'NoEffect' has no Effect: AWS rejects the policy.", "Statement 'NoPrincipal' has no Principal: a key policy statement needs one."]);
  });

  it('gives nothing for identity policies and is plain JSON', () => {
    const identity = readDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }), { fileName: 'id.json' });
    assert.deepEqual(accessOfDocument(identity), []);
    const access = accessOf([ownRoot, { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]);
    assert.deepEqual(JSON.parse(JSON.stringify(access)), access);
  });

  it('points at the Statement key of the policy', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [ownRoot] }, null, 2);
    const [access] = accessOfDocument(readDocument(text, { fileName: 'k.json' }));
    assert.equal(text.slice(access.anchor.start, access.anchor.end), 'Statement');
    assert.equal(access.line, 3);
  });
});

describe('access: Deny statements naming principals we cannot see', () => {
  it('subtracts for the principals it names visibly, and marks the rest as exceptions', () => {
    const access = accessOf(
      [
        ownRoot,
        { Sid: 'Partners', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`, 'arn:aws:iam::444455556666:root'] }, Action: 'kms:Decrypt', Resource: '*' },
        { Sid: 'Blocked', Effect: 'Deny', Principal: { AWS: [PARTNER, '${var.blocked_role_arn}'] }, Action: 'kms:Decrypt', Resource: '*' },
      ],
      {},
      'key.json.tpl',
    );
    assert.equal(entry(access, 'use', `account ${PARTNER}`), undefined);
    const other = entry(access, 'use', 'account 444455556666')!;
    assert.equal(other.status, 'conditional');
    assert.match(other.except[0].text, /^except for account 999988887777, \$\{var\.blocked_role_arn\} \(Deny 'Blocked'\)$/);
  });
});
