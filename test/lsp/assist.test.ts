// Hover and completion over stdio, in JSON, CloudFormation YAML and Terraform alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover, MarkupContent, Position } from 'vscode-languageserver/node';
import { LspSession } from './lspClient';
import { documentUri } from './policies';

/** The text without its `|` marker, and the marker's position. */
function marked(text: string): { text: string; position: Position } {
  const at = text.indexOf('|');
  const before = text.slice(0, at).split('\n');
  return { text: text.slice(0, at) + text.slice(at + 1), position: { line: before.length - 1, character: before[before.length - 1].length } };
}

const JSON_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Public",
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": ["kms:Decrypt", "kms:Re*"],
      "Resource": "*",
      "Condition": {
        "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Deploy" },
        "StringEqualsIfExists": { "kms:CallerAccount": "111122223333" }
      }
    }
  ]
}
`;

const YAML_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Root
            Effect: Allow
            Principal:
              AWS: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: "*"
          - Sid: Users
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:role/App
            Action:
              - kms:GenerateDataKey*
            Resource: "*"
            Condition:
              StringEquals:
                kms:CallerAccount: !Ref AWS::AccountId
`;

const TERRAFORM = `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.us-east-1.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "reader" {
  policy = data.aws_iam_policy_document.reader.json
}
`;

function positionOf(text: string, needle: string, delta = 1): Position {
  const at = text.indexOf(needle) + delta;
  const lines = text.slice(0, at).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('hover and completion over stdio', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start();
  });
  after(async () => {
    await session.stop();
  });

  const hover = async (uri: string, position: Position): Promise<string | undefined> => {
    const result = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    return result ? (result.contents as MarkupContent).value : undefined;
  };
  const complete = async (uri: string, position: Position): Promise<CompletionList> => {
    const result = await session.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    return result ?? { isIncomplete: false, items: [] };
  };
  const labels = (list: CompletionList) => list.items.map((i) => i.label);

  it('advertises hover and completion', () => {
    assert.equal(session.initializeResult?.capabilities.hoverProvider, true);
    assert.ok(session.initializeResult?.capabilities.completionProvider?.triggerCharacters?.includes('"'));
  });

  it('JSON: hovers actions, wildcards, principals, operators and condition keys with the rules\' reasons', async () => {
    const uri = documentUri('hover.json');
    await session.open(uri, JSON_POLICY, 1);
    assert.match((await hover(uri, positionOf(JSON_POLICY, '"kms:Decrypt"', 3))) ?? '', /\*\*kms:Decrypt\*\* — AWS Key Management Service[\s\S]*Access level: Write[\s\S]*Condition keys:/);
    assert.match((await hover(uri, positionOf(JSON_POLICY, '"kms:Re*"', 3))) ?? '', /matches \*\*5\*\* actions: `kms:ReEncryptFrom`/);
    assert.match((await hover(uri, positionOf(JSON_POLICY, '"AWS": "*"', 9))) ?? '', /\*\*anyone\*\*/);
    assert.match((await hover(uri, positionOf(JSON_POLICY, '"ArnLike"', 2))) ?? '', /ArnLike\*\* — true when/);
    assert.match((await hover(uri, positionOf(JSON_POLICY, '"aws:PrincipalArn"', 3))) ?? '', /Does not restrict the caller: .*any account can create a role of that name/);
    assert.match((await hover(uri, positionOf(JSON_POLICY, '"StringEqualsIfExists"', 3))) ?? '', /IfExists` — when the request has no such key, the entry is \*\*true\*\*/);
    assert.equal(await hover(uri, { line: 1, character: 5 }), undefined, 'nothing to say on Version');
  });

  it('YAML and Terraform: the same hovers from the same model', async () => {
    const yaml = documentUri('template.yaml');
    await session.open(yaml, YAML_TEMPLATE, 1, 'yaml');
    assert.match((await hover(yaml, positionOf(YAML_TEMPLATE, 'kms:GenerateDataKey*', 3))) ?? '', /matches \*\*\d+\*\* actions: `kms:GenerateDataKey`/);
    assert.match((await hover(yaml, positionOf(YAML_TEMPLATE, 'kms:CallerAccount:', 3))) ?? '', /Restricts the caller/);
    assert.match((await hover(yaml, positionOf(YAML_TEMPLATE, 'role/App', 0))) ?? '', /role `App` of account \*\*111122223333\*\*/);
    const tf = documentUri('main.tf');
    await session.open(tf, TERRAFORM, 1, 'terraform');
    assert.match((await hover(tf, positionOf(TERRAFORM, '"kms:Decrypt"', 3))) ?? '', /\*\*kms:Decrypt\*\*/);
    assert.match((await hover(tf, positionOf(TERRAFORM, '"kms:ViaService"', 3))) ?? '', /kms:ViaService[\s\S]*Does not restrict the caller/);
  });

  it('JSON: completes actions (KMS first), operators, condition keys, Effect and principal types', async () => {
    const cases: [string, (l: CompletionList) => void][] = [
      ['{"Statement": [{"Effect": "Allow", "Action": ["kms:De|"]}]}', (l) => {
        assert.ok(labels(l).includes('kms:Decrypt'));
        assert.ok(labels(l).every((x) => x.startsWith('kms:')));
      }],
      ['{"Statement": [{"Effect": "Allow", "Action": ["|"]}]}', (l) => {
        const first = [...l.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
        assert.ok(first.label.startsWith('kms:'), 'KMS actions first');
        assert.ok(labels(l).includes('s3:'), 'every service reachable by its prefix');
        assert.equal(l.isIncomplete, true);
      }],
      ['{"Statement": [{"Effect": "Allow", "Action": ["s3:GetOb|"]}]}', (l) => assert.ok(labels(l).includes('s3:GetObject'))],
      ['{"Statement": [{"Effect": "|"}]}', (l) => assert.deepEqual(labels(l), ['Allow', 'Deny'])],
      ['{"Statement": [{"Condition": {"|"}}]}', (l) => assert.ok(['StringEquals', 'ArnLike', 'ForAnyValue:StringLike', 'StringEqualsIfExists'].every((x) => labels(l).includes(x)))],
      ['{"Statement": [{"Condition": {"StringEquals": {"kms:Ca|"}}}]}', (l) => assert.ok(labels(l).includes('kms:CallerAccount') && labels(l).includes('aws:PrincipalOrgID'))],
      ['{"Statement": [{"Principal": {"|"}}]}', (l) => assert.deepEqual(labels(l), ['AWS', 'Service', 'Federated', 'CanonicalUser'])],
      ['{"Statement": [{"Effect": "Allow", "|"}]}', (l) => assert.ok(labels(l).includes('Condition') && labels(l).includes('NotAction'))],
    ];
    let n = 0;
    for (const [text, check] of cases) {
      const { text: body, position } = marked(text);
      const uri = documentUri(`complete-${n++}.json`);
      await session.open(uri, body, 1);
      check(await complete(uri, position));
    }
  });

  it('YAML and Terraform: completes where policies are written there', async () => {
    const yamlCases: [string, string][] = [
      [YAML_TEMPLATE.replace('- kms:GenerateDataKey*', '- kms:Enc|'), 'kms:Encrypt'],
      [YAML_TEMPLATE.replace('              StringEquals:\n                kms:CallerAccount: !Ref AWS::AccountId\n', '              StringEquals:\n                kms:CallerAccount: !Ref AWS::AccountId\n              ArnL|\n'), 'ArnLike'],
      [YAML_TEMPLATE.replace('            Effect: Allow\n            Principal:\n              AWS: arn', '            Effect: |\n            Principal:\n              AWS: arn'), 'Deny'],
    ];
    let n = 0;
    for (const [text, expected] of yamlCases) {
      const { text: body, position } = marked(text);
      const uri = documentUri(`complete-${n++}.yaml`);
      await session.open(uri, body, 1, 'yaml');
      assert.ok(labels(await complete(uri, position)).includes(expected), `${expected} in YAML`);
    }
    const tfCases: [string, string][] = [
      [TERRAFORM.replace('["kms:Decrypt"]', '["kms:Decrypt", "kms:Gen|"]'), 'kms:GenerateDataKey'],
      [TERRAFORM.replace('"StringEquals"', '"Str|"'), 'StringLike'],
      [TERRAFORM.replace('"kms:ViaService"', '"kms:Call|"'), 'kms:CallerAccount'],
    ];
    for (const [text, expected] of tfCases) {
      const { text: body, position } = marked(text);
      const uri = documentUri(`complete-${n++}.tf`);
      await session.open(uri, body, 1, 'terraform');
      assert.ok(labels(await complete(uri, position)).includes(expected), `${expected} in Terraform`);
    }
  });

  it('offers a statement snippet in a Statement list and a safe key-policy skeleton in an empty document', async () => {
    const list = marked('{\n  "Statement": [\n    |\n  ]\n}');
    const uri = documentUri('snippets.json');
    await session.open(uri, list.text, 1);
    const items = (await complete(uri, list.position)).items;
    assert.ok(items.some((i) => i.label === 'statement' && i.insertTextFormat === 2));
    const empty = documentUri('empty.json');
    await session.open(empty, '', 1);
    const skeleton = (await complete(empty, { line: 0, character: 0 })).items.find((i) => i.label.startsWith('key policy'));
    assert.ok(skeleton, 'a key policy skeleton');
    const text = (skeleton.textEdit as { newText: string }).newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}/g, '111122223333');
    assert.doesNotThrow(() => JSON.parse(text), 'the skeleton is JSON once its placeholders are filled');
  });
});
