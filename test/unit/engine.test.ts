import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyEdits, lintText, ready } from '../../server/src/engine';
import { matchesKeysOfAnyAccount } from '../../server/src/engine/iam/arns';
import { grantsAllKms, KMS_ACTION_NAMES } from '../../server/src/engine/iam/actions';

// Terraform's parser loads asynchronously; every host awaits it once.
before(() => ready());

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
const open = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' };

describe('policies inside JSON strings', () => {
  it('points at the exact characters through \\n, \\" and \\u escapes', () => {
    const inner = '{"Statement":[{"Sid":"caf\u00e9","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}';
    // Write the é as \u00e9 and add a newline escape so offsets differ from the decoded text.
    const literal = JSON.stringify(inner.replace('{"Sid"', '{\n"Sid"')).replace('\u00e9', '\\u00e9');
    const doc = `{"KeyId": "k", "KeyManager": "AWS", "Policy": ${literal}}`;
    const [finding] = lintText(doc).findings.filter((f) => f.ruleId === 'kms-wildcard-principal');
    assert.equal(doc.slice(finding.offset, finding.offset + finding.length), '\\"Principal\\":\\"*\\"');
  });

  it('keeps a compact policy string on one line when fixing it, and the string stays valid', () => {
    const doc = JSON.stringify({ Policy: JSON.stringify({ Statement: [open] }) });
    const [finding] = lintText(doc).findings.filter((f) => f.ruleId === 'kms-wildcard-principal');
    const fixed = applyEdits(doc, finding.fixes.find((f) => f.isPreferred)!.edits);
    const inner = (JSON.parse(fixed) as { Policy: string }).Policy;
    assert.ok(!inner.includes('\n'));
    assert.deepEqual(JSON.parse(inner).Statement[0].Condition, { StringEquals: { 'kms:CallerAccount': '<ACCOUNT_ID>' } });
  });
});

describe('own account and fixes', () => {
  it('writes the account from the accounts option, with no placeholder', () => {
    const text = policy(open);
    const [finding] = lintText(text, { accounts: ['123456789012'] }).findings;
    const preferred = finding.fixes.find((f) => f.isPreferred)!;
    assert.equal(preferred.hasPlaceholder, false);
    const fixed = applyEdits(text, preferred.edits);
    assert.match(fixed, /"kms:CallerAccount": "123456789012"/);
    assert.deepEqual(lintText(fixed, { accounts: ['123456789012'] }).findings, []);
  });

  it('leaves a placeholder note on an unknown account until it is replaced', () => {
    const text = policy(open);
    const fixed = applyEdits(text, lintText(text).findings[0].fixes.find((f) => f.isPreferred)!.edits);
    const notes = lintText(fixed).findings;
    assert.deepEqual(notes.map((f) => [f.ruleId, f.severity]), [['kms-placeholder-value', 'warning']]);
    assert.deepEqual(lintText(fixed.replace('<ACCOUNT_ID>', '123456789012')).findings, []);
  });

  it('keeps tabs and CRLF line ends of the document in fix output', () => {
    const text = JSON.stringify({ Statement: [open] }, null, '\t').replace(/\n/g, '\r\n');
    const fixed = applyEdits(text, lintText(text).findings[0].fixes[0].edits);
    assert.ok(!/[^\r]\n/.test(fixed), 'every line ends with CRLF');
    assert.match(fixed, /\r\n\t\t\t"Condition": \{\r\n\t\t\t\t"StringEquals"/);
  });

  it('merges the Condition into an existing block', () => {
    const text = policy({ ...open, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } });
    const fixed = applyEdits(text, lintText(text, { accounts: ['123456789012'] }).findings[0].fixes[0].edits);
    assert.deepEqual(JSON.parse(fixed).Statement[0].Condition, {
      StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': '123456789012' },
    });
  });

  it('leaves the entries a fix is not about as written, a repeated one too', () => {
    // kms:* of the first statement is the finding; the second's repeated s3:GetObject is not its business.
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:PassRole', 'iam:PassRole'], Resource: '*' },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject', 'kms:*', 'kms:Encrypt'], Resource: '*' },
      ],
    });
    const findings = lintText(text).findings.filter((f) => f.ruleId === 'kms-unconditioned-full-access');
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      for (const fix of finding.fixes.filter((f) => !f.suppression)) {
        const statements = JSON.parse(applyEdits(text, fix.edits)).Statement as { Action?: string | string[]; NotAction?: string | string[] }[];
        const notActions = statements.flatMap((s) => s.NotAction ?? []);
        const actions = statements.flatMap((s) => s.Action ?? []);
        assert.equal(notActions.filter((a) => a === 'iam:PassRole').length, 2, fix.title);
        assert.equal(actions.filter((a) => a === 's3:GetObject').length, 2, fix.title);
        // the user's kms:Encrypt beside kms:* is not written twice by the key-usage narrowing
        for (const statement of statements) assert.ok([statement.Action ?? []].flat().filter((a) => a === 'kms:Encrypt').length <= 1, fix.title);
      }
    }
  });
});

describe('severities and notes', () => {
  it('applies per-rule severity settings and drops rules set off', () => {
    const text = policy({ ...open, Action: 'kms:*' });
    const ids = (rules: Record<string, 'error' | 'warning' | 'information' | 'off'>) =>
      lintText(text, { rules }).findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
    assert.deepEqual(ids({}), ['kms-unconditioned-full-access:warning', 'kms-wildcard-principal:error']);
    assert.deepEqual(ids({ 'kms-wildcard-principal': 'warning', 'kms-unconditioned-full-access': 'off' }), ['kms-wildcard-principal:warning']);
  });

  it('notes the default root statement and a PutKeyPolicy event at information level only', () => {
    const root = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
    const event = JSON.stringify({ eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy', recipientAccountId: '111122223333', requestParameters: { policy: JSON.stringify({ Statement: [root] }) } });
    assert.deepEqual(
      lintText(event).findings.map((f) => `${f.ruleId}:${f.severity}`).sort(),
      ['kms-key-policy-changed:information', 'kms-unconditioned-full-access:information'],
    );
  });

  it('gives one json-syntax finding for a broken policy, and nothing for a broken file that is no policy', () => {
    assert.deepEqual(lintText('{"Statement": [ {"Effect": "Allow",, } ]').findings.map((f) => f.ruleId), ['json-syntax']);
    assert.deepEqual(lintText('{"name": "x",, }'), { recognized: false, findings: [] });
  });
});

describe('IAM semantics', () => {
  it('matches KMS ARN patterns of any account, not pinned ones', () => {
    for (const any of ['*', 'arn:aws:kms:*', 'arn:aws:kms:*:*:key/*', 'arn:aws:kms:us-east-1:*:key/*', 'arn:*', 'arn:aws:*:*:*:*', 'arn:aws:kms:*:*:*', 'arn:${AWS::Partition}:kms:*:*:key/*', 'arn:${data.aws_partition.current.partition}:kms:*']) {
      assert.ok(matchesKeysOfAnyAccount(any), any);
    }
    for (const pinned of ['arn:aws:kms:*:111122223333:key/*', 'arn:aws:kms:us-east-1:*:key/1234abcd', 'arn:aws:kms:*:*:alias/*', 'arn:aws:s3:::*', 'arn:aws:kms:*:${AWS::AccountId}:key/*', 'arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*']) {
      assert.ok(!matchesKeysOfAnyAccount(pinned), pinned);
    }
  });

  it('expands globs and NotAction against the KMS action catalog', () => {
    assert.ok(KMS_ACTION_NAMES.length > 50 && KMS_ACTION_NAMES.includes('kms:Decrypt'));
    assert.ok(grantsAllKms({ allowed: ['kms:*'] }));
    assert.ok(grantsAllKms({ allowed: ['*'] }));
    assert.ok(grantsAllKms({ allowed: ['K?S:*'] }));
    assert.ok(grantsAllKms({ excluded: ['s3:*'] }));
    assert.ok(grantsAllKms({ allowed: KMS_ACTION_NAMES.map((a) => a.toUpperCase()) }));
    assert.ok(!grantsAllKms({ allowed: ['kms:Create*', 'kms:Describe*'] }));
    assert.ok(!grantsAllKms({ excluded: ['kms:Decrypt'] }));
  });
});

describe('never throws on what a user types', () => {
  it('reports a policy nested too deeply instead of throwing', () => {
    const deep = `{"Statement": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    assert.deepEqual(lintText(deep).findings, [], 'plain JSON: read natively, no statement in it');
    // A comment sends the text through jsonc-parser, whose recursion runs out of stack.
    assert.deepEqual(lintText(`// deep\n${deep}`).findings.map((f) => f.ruleId), ['json-syntax']);
  });

  it('lints a 5 MB policy and writes fixes in its style', () => {
    const statement = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' };
    const big = JSON.stringify({ Statement: Array.from({ length: 30_000 }, () => statement) }, null, 4);
    assert.ok(big.length > 5_000_000);
    const { findings } = lintText(big);
    assert.equal(findings.length, 30_000);
    assert.match(findings[0].fixes[0].edits[0].newText, /\n {12}"Condition": \{\n {16}"StringEquals"/);
  });
});

describe('only JSON documents are judged', () => {
  it('does not call a Terraform or YAML file with a quoted policy key broken JSON', () => {
    const terraform = 'resource "aws_kms_key" "k" {\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow"}]}\nEOF\n}\n';
    const yaml = 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: {"Statement": [ }\n';
    // The Terraform file is read as Terraform: its key has no rotation; nothing is called broken JSON.
    assert.deepEqual(lintText(terraform).findings.map((f) => f.ruleId), ['kms-key-rotation-disabled']);
    assert.ok(!lintText(yaml).findings.some((f) => /Invalid JSON/.test(f.message)));
    assert.deepEqual(lintText('// a comment\n{"Statement": [').findings.map((f) => f.ruleId), ['json-syntax']);
  });
});

describe('Terraform policy documents are judged by what their JSON feeds', () => {
  const document = (name: string, principals: boolean) =>
    `data "aws_iam_policy_document" "${name}" {\n  statement {\n${principals ? '    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n' : ''}    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n  }\n}\n`;
  const rules = (text: string) => lintText(text, { fileName: 'main.tf' }).findings.map((f) => f.ruleId).sort();

  it('skips one that feeds only a trust, endpoint or bucket policy, also through source_policy_documents', () => {
    const trust = `${document('trust', true)}resource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n`;
    const endpoint = `${document('e', true)}resource "aws_vpc_endpoint" "kms" {\n  policy = data.aws_iam_policy_document.e.json\n}\n`;
    const merged = `${document('base', true)}data "aws_iam_policy_document" "bucket" {\n  source_policy_documents = [data.aws_iam_policy_document.base.json]\n}\nresource "aws_s3_bucket_policy" "b" {\n  policy = data.aws_iam_policy_document.bucket.json\n}\n`;
    for (const text of [trust, endpoint, merged]) assert.deepEqual(rules(text), [], text);
  });

  it('lints one that also feeds an identity or key policy, and one used nowhere by its principals', () => {
    const both = `${document('shared', false)}resource "aws_s3_bucket_policy" "b" {\n  policy = data.aws_iam_policy_document.shared.json\n}\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.shared.json\n}\n`;
    assert.deepEqual(rules(both), ['kms-decrypt-all-resources']);
    const roleAlso = `${document('t', true)}resource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy              = data.aws_iam_policy_document.t.json\n}\n`;
    assert.deepEqual(rules(roleAlso), ['kms-wildcard-principal']);
    assert.deepEqual(rules(`${document('unused', true)}output "p" {\n  value = data.aws_iam_policy_document.unused.json\n}\n`), ['kms-wildcard-principal']);
  });
});

describe('which principal is an account root', () => {
  // kms:* to a root alone is the default key policy (information); to anyone else, a warning.
  const severityOf = (text: string, fileName: string) => {
    const found = lintText(text, { fileName }).findings.filter((f) => f.ruleId === 'kms-unconditioned-full-access');
    assert.equal(found.length, 1, text);
    return found[0].severity;
  };
  const template = (principal: string) => `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"${principal}"},"Action":"kms:*","Resource":"*"}]}`;
  const cloudFormation = (principal: string) =>
    `Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: ${principal}}\n            Action: kms:*\n            Resource: "*"\n`;
  const terraform = (identifier: string) =>
    `data "aws_caller_identity" "current" {}\ndata "aws_iam_policy_document" "key" {\n  statement {\n    principals {\n      type        = "AWS"\n      identifiers = [${identifier}]\n    }\n    actions   = ["kms:*"]\n    resources = ["*"]\n  }\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy              = data.aws_iam_policy_document.key.json\n}\n`;

  it('takes the own account by definition for one, as a bare account id', () => {
    assert.equal(severityOf(cloudFormation('!Ref AWS::AccountId'), 'template.yaml'), 'information');
    assert.equal(severityOf(cloudFormation('[!Ref AWS::AccountId]'), 'template.yaml'), 'information');
    assert.equal(severityOf(terraform('data.aws_caller_identity.current.account_id'), 'main.tf'), 'information');
  });

  it('takes a reference we cannot see for an account id only when its name says so', () => {
    assert.equal(severityOf(template('${account_id}'), 'key.json.tpl'), 'information');
    assert.equal(severityOf(terraform('local.account_id'), 'main.tf'), 'information');
    assert.equal(severityOf(template('${role_arn}'), 'key.json.tpl'), 'warning');
    assert.equal(severityOf(template('${principal}'), 'key.json.tpl'), 'warning');
    assert.equal(severityOf(cloudFormation('!GetAtt Role.Arn'), 'template.yaml'), 'warning');
    assert.equal(severityOf(cloudFormation('!Sub "${AdminRoleArn}"'), 'template.yaml'), 'warning');
    assert.equal(severityOf(terraform('aws_iam_role.admin.arn'), 'main.tf'), 'warning');
  });

  it('takes no other interpolated root for the own one when the policy names its own by reference', () => {
    const statement = (principal: string) => `          - Effect: Allow\n            Principal: {AWS: ${principal}}\n            Action: kms:*\n            Resource: "*"\n`;
    const text = `Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Statement:\n${statement('!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"')}${statement('!Sub "arn:${AWS::Partition}:iam::${TrustedAccountId}:root"')}`;
    const found = lintText(text, { fileName: 'template.yaml' }).findings.filter((f) => f.ruleId === 'kms-unconditioned-full-access');
    assert.deepEqual(found.map((f) => [f.range.start.line + 1, f.severity]), [[10, 'information'], [14, 'warning']]);
  });

  it('reads through a Terraform format() with nothing to fill in', () => {
    const key = (principal: string) =>
      `resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = ${principal} }, Action = "kms:*", Resource = "*" }]
  })
}
`;
    assert.equal(severityOf(key('format("arn:${local.partition}:iam::${local.account_id}:root")'), 'main.tf'), 'information');
    assert.equal(severityOf(key('format("arn:aws:iam::%s:root", var.other)'), 'main.tf'), 'warning');
  });
});

describe('CloudFormation !If in a principal', () => {
  it('reads both branches: a wildcard in either is a wildcard principal', () => {
    const template = (principal: string) =>
      `Conditions:\n  Open: !Equals [!Ref Env, dev]\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: ${principal}\n            Action: kms:Decrypt\n            Resource: "*"\n`;
    const rules = (principal: string) => lintText(template(principal), { fileName: 'template.yaml' }).findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.ruleId);
    assert.deepEqual(rules('!If [Open, "*", !Ref AWS::NoValue]'), ['kms-wildcard-principal']);
    assert.deepEqual(rules('[!If [Open, "*", !GetAtt Role.Arn]]'), ['kms-wildcard-principal']);
    assert.deepEqual(rules('!If [Open, [!GetAtt Reader.Arn, "*"], !GetAtt Role.Arn]'), ['kms-wildcard-principal']);
    assert.deepEqual(rules('!If [Open, !GetAtt Reader.Arn, !GetAtt Role.Arn]'), []);
  });
});

describe('Terraform ways of writing values', () => {
  const rules = (text: string) =>
    lintText(text, { fileName: 'main.tf' })
      .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
      .map((f) => `${f.range.start.line + 1}:${f.ruleId}`);

  it('reads &{…} in a policy document as the IAM policy variable it renders to', () => {
    const document = (value: string) =>
      `data "aws_iam_policy_document" "key" {\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "kms:CallerAccount"\n      values   = ["${value}"]\n    }\n  }\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy              = data.aws_iam_policy_document.key.json\n}\n`;
    assert.deepEqual(rules(document('&{aws:PrincipalAccount}')), ['5:kms-wildcard-principal']);
    assert.deepEqual(rules(document('&{aws:ResourceAccount}')), []);
  });

  it('sees the lists written out in concat() and flatten(); a reference among them is a list we cannot see', () => {
    const identity = (actions: string) =>
      `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ${actions}\n      Resource = "*"\n    }]\n  })\n}\n`;
    assert.deepEqual(rules(identity('concat(["kms:*"], var.extra)')), ['5:kms-unconditioned-full-access', '6:kms-decrypt-all-resources']);
    assert.deepEqual(rules(identity('flatten([local.read, ["kms:Decrypt"]])')), ['6:kms-decrypt-all-resources']);
    assert.deepEqual(rules(identity('concat(["s3:GetObject"], var.extra)')), []);
    // A principal list joined from a variable may hold anyone: never taken for the own root alone.
    const key = `resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = concat(["arn:aws:iam::111122223333:root"], var.admins) }\n      Action    = "kms:*"\n      Resource  = "*"\n    }]\n  })\n}\n`;
    assert.deepEqual(rules(key), ['7:kms-unconditioned-full-access']);
  });

  it('reads both branches of a conditional value, and offers no fix that would rewrite it as one list', () => {
    const document = `data "aws_iam_policy_document" "key" {\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = var.public ? ["*"] : [local.role]\n    }\n  }\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  policy              = data.aws_iam_policy_document.key.json\n}\n`;
    const [finding] = lintText(document, { fileName: 'main.tf' }).findings.filter((f) => f.ruleId === 'kms-wildcard-principal');
    assert.equal(finding.range.start.line + 1, 5);
    assert.ok(!finding.fixes.some((f) => f.title.startsWith('Replace the wildcard principal')));
    const identity = `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = var.admin ? "kms:*" : "kms:Encrypt"\n      Resource = var.narrow ? local.key_arn : "*"\n    }]\n  })\n}\n`;
    assert.deepEqual(rules(identity), ['5:kms-unconditioned-full-access', '6:kms-decrypt-all-resources']);
    assert.deepEqual(rules(identity.replace('"kms:*"', '"kms:Encrypt"').replace(': "*"', ': local.other_key_arn')), []);
  });
});
