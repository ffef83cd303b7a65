// Findings accepted on purpose: comments, CloudFormation Metadata and the configuration's entries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lintText, type Finding } from '../../server/src/engine';

const ids = (findings: readonly Finding[]) => findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`);
const problems = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

const publicStatement = (sid: string) => `{ "Sid": "${sid}", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" }`;

describe('suppression comments (JSONC)', () => {
  it('disable-next-line with a rule and a reason suppresses that rule on the next line, and keeps the finding apart', () => {
    const text = `{\n  "Statement": [\n    // kms-policy-lint-disable-next-line kms-wildcard-principal -- public on purpose: a demo key\n    ${publicStatement('Demo')}\n  ]\n}\n`;
    const result = lintText(text, { fileName: 'policy.jsonc' });
    assert.deepEqual(ids(problems(result.findings)), []);
    assert.deepEqual(result.suppressed?.map((f) => [f.ruleId, f.suppression.kind, f.suppression.justification]), [
      ['kms-wildcard-principal', 'inSource', 'public on purpose: a demo key'],
    ]);
  });

  it('a directive naming another rule suppresses nothing and is reported as unused', () => {
    const text = `{\n  "Statement": [\n    // kms-policy-lint-disable-next-line kms-decrypt-all-resources\n    ${publicStatement('Demo')}\n  ]\n}\n`;
    const result = lintText(text, { fileName: 'policy.jsonc' });
    assert.deepEqual(ids(result.findings), ['3:unused-suppression', '4:kms-wildcard-principal']);
    assert.equal(result.findings[0].severity, 'information');
  });

  it('disable … enable blocks cover the lines between them; without rules they cover every rule', () => {
    const text = [
      '{',
      '  "Statement": [',
      '    /* kms-policy-lint-disable */',
      `    ${publicStatement('A')},`,
      `    ${publicStatement('B')},`,
      '    /* kms-policy-lint-enable */',
      `    ${publicStatement('C')}`,
      '  ]',
      '}',
    ].join('\n');
    const result = lintText(text, { fileName: 'policy.jsonc' });
    assert.deepEqual(ids(problems(result.findings)), ['7:kms-wildcard-principal']);
    assert.equal(result.suppressed?.length, 2);
  });

  it('the directive text inside a string is not a comment', () => {
    const text = `{\n  "Statement": [\n    { "Sid": "// kms-policy-lint-disable-line", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" }\n  ]\n}\n`;
    assert.deepEqual(ids(problems(lintText(text, { fileName: 'policy.jsonc' }).findings)), ['3:kms-wildcard-principal']);
  });

  it('a broken document cannot be hidden by a suppression', () => {
    const text = `// kms-policy-lint-disable\n{ "Statement": [ { "Effect": "Allow" "Principal": "*" } ] }\n`;
    assert.deepEqual(ids(lintText(text, { fileName: 'policy.jsonc' }).findings).filter((id) => id.endsWith('json-syntax')), ['2:json-syntax']);
  });

  it('the quick fix adds a comment that suppresses the finding, and the comment is used', () => {
    const text = `{\n  "Statement": [\n    ${publicStatement('Demo')}\n  ]\n}\n`;
    const [finding] = problems(lintText(text, { fileName: 'policy.jsonc' }).findings);
    const fix = finding.fixes.find((f) => f.title.startsWith('Suppress '));
    assert.ok(fix, 'a suppression fix is offered');
    assert.equal(fix.kind, 'suggestion');
    assert.equal(fix.isPreferred, false);
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /\n {4}\/\/ kms-policy-lint-disable-next-line kms-wildcard-principal -- <reason>\n {4}\{ "Sid": "Demo"/);
    const after = lintText(fixed, { fileName: 'policy.jsonc' });
    assert.deepEqual(ids(after.findings), []);
    assert.equal(after.suppressed?.length, 1);
  });

  it('plain .json cannot carry comments: no suppression fix is offered there', () => {
    const text = `{\n  "Statement": [\n    ${publicStatement('Demo')}\n  ]\n}\n`;
    const [finding] = problems(lintText(text, { fileName: 'policy.json' }).findings);
    assert.ok(!finding.fixes.some((f) => f.title.startsWith('Suppress ')));
  });
});

describe('configured suppressions (by rule and statement Sid)', () => {
  const text = `{\n  "Statement": [\n    ${publicStatement('Demo')},\n    ${publicStatement('Other')}\n  ]\n}\n`;

  it('suppress the statement named by Sid only, as an external suppression', () => {
    const result = lintText(text, { fileName: 'policy.json', suppressions: [{ rule: 'kms-wildcard-principal', sid: 'Demo', reason: 'reviewed in SEC-12' }] });
    assert.deepEqual(ids(problems(result.findings)), ['4:kms-wildcard-principal']);
    assert.deepEqual(result.suppressed?.map((f) => [f.context?.statement, f.suppression.kind, f.suppression.justification]), [['Demo', 'external', 'reviewed in SEC-12']]);
  });

  it('without a Sid, every statement; `*` names every rule', () => {
    assert.deepEqual(ids(problems(lintText(text, { suppressions: [{ rule: '*' }] }).findings)), []);
  });
});

describe('CloudFormation Metadata', () => {
  const template = (metadata: string) =>
    JSON.stringify(
      JSON.parse(`{
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
          "DemoKey": {
            "Type": "AWS::KMS::Key",
            ${metadata}
            "Properties": {
              "EnableKeyRotation": true,
              "KeyPolicy": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" } ] }
            }
          }
        }
      }`),
      null,
      2,
    );

  it('suppresses the named rule inside the resource', () => {
    const result = lintText(template(`"Metadata": { "kms-policy-lint": { "suppress": [ { "rule": "kms-wildcard-principal", "reason": "public demo" } ] } },`), { fileName: 'stack.json' });
    assert.deepEqual(ids(problems(result.findings)), []);
    assert.deepEqual(result.suppressed?.map((f) => [f.ruleId, f.suppression.justification]), [['kms-wildcard-principal', 'public demo']]);
  });

  it('an entry for a rule that finds nothing is reported as unused', () => {
    const result = lintText(template(`"Metadata": { "kms-policy-lint": { "suppress": [ "kms-key-rotation-disabled" ] } },`), { fileName: 'stack.json' });
    assert.deepEqual(result.findings.map((f) => f.ruleId).sort(), ['kms-wildcard-principal', 'unused-suppression']);
  });
});
