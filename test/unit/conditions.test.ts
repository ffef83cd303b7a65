// Every decision of RULES.md "A Condition restricts the caller", one row each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeConditionEntry } from '../../server/src/engine/iam/conditions';
import type { PolicyValue } from '../../server/src/engine/model/types';

const at = { start: 0, end: 0 };
const text = (t: string): PolicyValue => ({ text: t, type: 'string', loc: at });
const ref = (...parts: (string | { ref: string })[]): PolicyValue => ({
  text: parts.map((p) => (typeof p === 'string' ? p : `\${${p.ref}}`)).join(''),
  parts,
  type: 'reference',
  loc: at,
});
const nul: PolicyValue = { text: 'null', type: 'null', loc: at };
const num = (n: number): PolicyValue => ({ text: String(n), type: 'number', loc: at });

type Row = [operator: string, key: string, values: PolicyValue[], pins: boolean];

const rows: Row[] = [
  // Keys that pin, with fixed values.
  ['StringEquals', 'kms:CallerAccount', [text('111122223333')], true],
  ['StringEquals', 'KMS:calleraccount', [text('111122223333')], true],
  ['StringEquals', 'aws:PrincipalAccount', [text('111122223333'), text('444455556666')], true],
  ['ArnEquals', 'aws:PrincipalArn', [text('arn:aws:iam::111122223333:role/Deploy')], true],
  ['ArnLike', 'aws:PrincipalArn', [text('arn:aws:iam::111122223333:role/ci-*')], true],
  ['StringEquals', 'aws:PrincipalOrgID', [text('o-a1b2c3d4e5')], true],
  ['ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', [text('o-a1b2c3d4e5/*')], true],
  ['StringEquals', 'aws:SourceAccount', [text('111122223333')], true],
  ['ArnLike', 'aws:SourceArn', [text('arn:aws:s3:::my-bucket/*')], true],
  ['StringEquals', 'aws:SourceOrgID', [text('o-a1b2c3d4e5')], true],
  ['StringEquals', 'aws:SourceOwner', [text('111122223333')], true],
  ['StringEquals', 'aws:SourceVpc', [text('vpc-0abc')], true],
  ['StringEquals', 'aws:SourceVpce', [text('vpce-0abc')], true],
  ['StringEquals', 'aws:VpceAccount', [text('111122223333')], true],
  ['StringEquals', 'aws:VpceOrgID', [text('o-a1b2c3d4e5')], true],
  ['StringLike', 'aws:VpceOrgPaths', [text('o-a1b2c3d4e5/r-ab12/*')], true],
  ['IpAddress', 'aws:SourceIp', [text('203.0.113.0/24')], true],
  ['IpAddress', 'aws:SourceIp', [text('0.0.0.0/1')], true],
  ['StringLike', 'aws:userid', [text('AROAEXAMPLEID:*')], true],
  ['StringEquals', 'kms:CallerAccount', [num(111122223333)], true],
  // StringEquals compares literally: "*" matches only the text *.
  ['StringEquals', 'kms:CallerAccount', [text('*')], true],
  ['StringEqualsIgnoreCase', 'aws:PrincipalOrgID', [text('*')], true],
  // Keys that never pin.
  ['StringEquals', 'aws:username', [text('deploy')], false],
  ['StringEquals', 'aws:PrincipalTag/team', [text('payments')], false],
  ['StringEquals', 'kms:ViaService', [text('s3.us-east-1.amazonaws.com')], false],
  ['Bool', 'kms:GrantIsForAWSResource', [text('true')], false],
  ['StringEquals', 'kms:EncryptionContext:aws:s3:arn', [text('arn:aws:s3:::b')], false],
  ['Bool', 'aws:SecureTransport', [text('true')], false],
  ['ForAnyValue:StringEquals', 'aws:CalledVia', [text('cloudformation.amazonaws.com')], false],
  // Operators that never pin.
  ['StringEqualsIfExists', 'kms:CallerAccount', [text('111122223333')], false],
  ['ForAllValues:StringEquals', 'aws:PrincipalOrgPaths', [text('o-a1b2c3d4e5/r-ab12/')], false],
  ['StringNotEquals', 'kms:CallerAccount', [text('444455556666')], false],
  ['ForAnyValue:StringNotLike', 'aws:PrincipalArn', [text('arn:aws:iam::444455556666:*')], false],
  ['ArnNotLike', 'aws:PrincipalArn', [text('arn:aws:iam::444455556666:*')], false],
  ['NotIpAddress', 'aws:SourceIp', [text('203.0.113.0/24')], false],
  ['Null', 'aws:PrincipalOrgID', [text('false')], false],
  ['NumericEquals', 'aws:PrincipalAccount', [text('111122223333')], false],
  // Values that look specific but admit everyone.
  ['StringLike', 'aws:PrincipalArn', [text('*')], false],
  ['ArnLike', 'aws:PrincipalArn', [text('arn:aws:iam::*:role/Deploy')], false],
  ['ArnEquals', 'aws:PrincipalArn', [text('arn:aws:iam::*:*')], false],
  ['ArnLike', 'aws:SourceArn', [text('arn:aws:s3:::*')], false],
  ['StringLike', 'aws:PrincipalOrgID', [text('o-*')], false],
  ['StringLike', 'aws:PrincipalOrgPaths', [text('o-*/r-ab12/*')], false],
  ['StringLike', 'aws:PrincipalAccount', [text('????????????')], false],
  ['StringLike', 'kms:CallerAccount', [text('1111*')], false],
  ['StringLike', 'aws:SourceVpc', [text('vpc-*')], false],
  ['StringLike', 'aws:SourceVpce', [text('vpce-*')], false],
  ['StringLike', 'aws:userid', [text('AROA*')], false],
  ['StringLike', 'aws:PrincipalAccount', [text('111122223333'), text('*')], false],
  ['IpAddress', 'aws:SourceIp', [text('0.0.0.0/0')], false],
  ['IpAddress', 'aws:SourceIp', [text('::/0')], false],
  ['IpAddress', 'aws:SourceIp', [text('0.0.0.0/1'), text('128.0.0.0/1')], false],
  ['IpAddress', 'aws:SourceIp', [text('0.0.0.0/2'), text('64.0.0.0/2'), text('128.0.0.0/1')], false],
  ['IpAddress', 'aws:SourceIp', [text('::/1'), text('8000::/1')], false],
  ['IpAddress', 'aws:SourceIp', [text('0.0.0.0/1'), text('128.0.0.0/2')], true],
  // No caller can satisfy these: the statement admits no one, which is no finding.
  ['StringEquals', 'aws:PrincipalOrgID', [], true],
  // A negated operator is true for requests without the key (AWS services): never impossible.
  ['StringNotEquals', 'kms:CallerAccount', [text('${aws:PrincipalAccount}')], false],
  ['StringEquals', 'aws:PrincipalOrgID', [nul], false],
  // Policy variables: resolved from the caller, the value follows whoever asks.
  ['StringEquals', 'kms:CallerAccount', [text('${aws:PrincipalAccount}')], false],
  ['ArnLike', 'aws:PrincipalArn', [text('arn:aws:iam::${aws:PrincipalAccount}:*')], false],
  ['ArnEquals', 'aws:PrincipalArn', [text('arn:aws:iam::${aws:PrincipalAccount}:role/Deploy')], false],
  ['StringEquals', 'aws:PrincipalArn', [text('${aws:PrincipalArn}')], false],
  ['StringEquals', 'aws:PrincipalOrgID', [text('${aws:PrincipalOrgID}')], false],
  ['StringLike', 'aws:PrincipalOrgPaths', [text('${aws:PrincipalOrgID}/*')], false],
  ['StringEquals', 'aws:PrincipalOrgPaths', [text('${aws:PrincipalOrgID}/*')], true],
  ['StringEquals', 'aws:userid', [text('${aws:userid}')], false],
  ['StringEquals', 'kms:CallerAccount', [text('${aws:username}')], false],
  ['StringEquals', 'aws:PrincipalAccount', [text('${aws:PrincipalTag/account}')], false],
  // Resolved from the key: pins.
  ['StringEquals', 'aws:PrincipalAccount', [text('${aws:ResourceAccount}')], true],
  ['StringEquals', 'aws:PrincipalOrgID', [text('${aws:ResourceOrgID}')], true],
  // Template references are values we cannot see: specific, unless the visible text is a wildcard.
  ['StringEquals', 'kms:CallerAccount', [ref({ ref: 'AWS::AccountId' })], true],
  ['StringEquals', 'aws:PrincipalOrgID', [ref({ ref: 'var.org_id' })], true],
  ['ArnLike', 'aws:PrincipalArn', [ref('arn:aws:iam::', { ref: 'AWS::AccountId' }, ':role/*')], true],
  ['ArnLike', 'aws:PrincipalArn', [ref('arn:aws:iam::*:role/', { ref: 'var.role' })], false],
];

describe('does a Condition entry pin the caller', () => {
  for (const [operator, key, values, pins] of rows) {
    it(`${operator} ${key} = ${values.map((v) => v.text).join(', ') || '[]'} ${pins ? 'pins' : 'does not pin'}`, () => {
      const verdict = judgeConditionEntry(operator, key, values);
      assert.equal(verdict.pins, pins, verdict.reason);
      assert.match(verdict.reason, /\S/, 'a reason a user can read');
    });
  }
});

describe('reasons and notes', () => {
  it('says why a wildcard account does not restrict', () => {
    assert.match(judgeConditionEntry('ArnLike', 'aws:PrincipalArn', [text('arn:aws:iam::*:role/Deploy')]).reason, /any account can create a role of that name/);
  });

  it('notes StringEquals "*" and IfExists on a key every request carries', () => {
    assert.match(judgeConditionEntry('StringEquals', 'aws:PrincipalArn', [text('*')]).note ?? '', /StringLike was probably meant/);
    assert.match(judgeConditionEntry('StringEqualsIfExists', 'kms:CallerAccount', [text('111122223333')]).note ?? '', /IfExists/);
    assert.equal(judgeConditionEntry('StringEqualsIfExists', 'aws:SourceVpc', [text('vpc-1')]).note, undefined);
  });

  it('stays fast on hostile values', () => {
    const started = performance.now();
    judgeConditionEntry('StringLike', 'aws:PrincipalArn', [text(`${'*?'.repeat(25_000)}!`)]);
    judgeConditionEntry('IpAddress', 'aws:SourceIp', Array.from({ length: 5000 }, (_, i) => text(`10.${i % 256}.${i >> 8}.0/24`)));
    assert.ok(performance.now() - started < 2000);
  });
});
