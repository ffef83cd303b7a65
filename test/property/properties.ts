// Properties of the engine and its fixes, shared by the short run in `npm test` and the long run
// (scripts/property-long.ts): generated policies of every shape and syntax, and mutated fixtures.
import fc from 'fast-check';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseDocument, stringify } from 'yaml';
import { applyEdits, lintText, selectApplicableEdits, type Finding } from '../../server/src/engine';
import { parsesCleanly } from '../../server/src/engine/sources/terraform/hcl';

const ACCOUNT = '111122223333';
const str = (values: readonly string[]) => fc.constantFrom(...values);
const oneOrList = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 4 }));

const principal = fc.oneof(
  str(['*']),
  fc.record({ AWS: oneOrList(str(['*', `arn:aws:iam::${ACCOUNT}:root`, '999988887777', 'arn:aws:iam::999988887777:role/Partner', `arn:aws:iam::${ACCOUNT}:role/App`])) }),
  fc.record({ Service: str(['logs.amazonaws.com', 's3.amazonaws.com']) }),
);
const actions = oneOrList(str(['kms:*', '*', 'kms:Decrypt', 'kms:De*', 'KMS:decrypt', 'kms:ReEncryptFrom', 'kms:Encrypt', 'kms:GenerateDataKey*', 's3:GetObject', 'ec2:*', 'iam:PassRole', 'kms:Decrypts']));
const resources = oneOrList(str(['*', 'arn:aws:kms:*:*:key/*', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, 'arn:aws:s3:::bucket/*']));
const conditionKey = str(['kms:CallerAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:SourceIp', 'kms:ViaService', 'aws:username', 'aws:SecureTransport', 'kms:CallerAcount']);
const conditionValue = oneOrList(str([ACCOUNT, '*', 'arn:aws:iam::*:role/Deploy', 'o-abcdefghij', 'o-*', '0.0.0.0/0', '10.0.0.0/8', '${aws:PrincipalAccount}', 'true', 's3.us-east-1.amazonaws.com']));
const operator = str(['StringEquals', 'StringLike', 'ArnLike', 'StringEqualsIfExists', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'StringNotEquals', 'IpAddress', 'Bool', 'Null']);
const condition = fc.dictionary(operator, fc.dictionary(conditionKey, conditionValue, { minKeys: 1, maxKeys: 2 }), { minKeys: 1, maxKeys: 2 });
const sid = fc.oneof(fc.constantFrom('Root', 'Public', 'Partner'), fc.string({ maxLength: 8 }), fc.constantFrom('emoji 🔑', 'rtl \u202e', 'line\u2028sep', 'combining e\u0301'));

const statement = fc
  .record(
    {
      Sid: sid,
      Effect: str(['Allow', 'Allow', 'Deny']),
      Principal: principal,
      NotPrincipal: principal,
      Action: actions,
      NotAction: actions,
      Resource: resources,
      Condition: condition,
    },
    { requiredKeys: ['Effect'] },
  )
  .map((s) => {
    const out: Record<string, unknown> = { ...s };
    // Most statements say Action and Principal (not both Action and NotAction).
    if ('Action' in out && 'NotAction' in out) delete out.NotAction;
    if (!('Action' in out) && !('NotAction' in out)) out.Action = 'kms:*';
    if ('Principal' in out && 'NotPrincipal' in out) delete out.NotPrincipal;
    return out;
  });

export const policy = fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.oneof(fc.array(statement, { minLength: 1, maxLength: 5 }), statement) });

export type Syntax = 'json' | 'jsonc' | 'yaml' | 'terraform';
export interface Generated {
  text: string;
  fileName: string;
  syntax: Syntax;
}

const layout = fc.record({ indent: fc.constantFrom(0, 2, 4, '\t'), crlf: fc.boolean(), bom: fc.boolean() });

function hcl(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (typeof value === 'string') return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${hcl(v, inner)},`).join('\n')}\n${indent}]`;
  if (value && typeof value === 'object') return `{\n${Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)} = ${hcl(v, inner)}`).join('\n')}\n${indent}}`;
  return JSON.stringify(value);
}

/** A generated document: a bare policy (JSON or JSONC), a CloudFormation YAML template, or Terraform. */
export const document: fc.Arbitrary<Generated> = fc.tuple(policy, layout, fc.constantFrom<Syntax>('json', 'jsonc', 'yaml', 'terraform'), fc.constantFrom('key', 'identity')).map(([p, l, syntax, kind]) => {
  let text: string;
  let fileName: string;
  if (syntax === 'yaml') {
    const type = kind === 'key' ? 'AWS::KMS::Key' : 'AWS::IAM::ManagedPolicy';
    const property = kind === 'key' ? 'KeyPolicy' : 'PolicyDocument';
    text = stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Thing: { Type: type, Properties: { [property]: p } } } });
    fileName = 'template.yaml';
  } else if (syntax === 'terraform') {
    const resource = kind === 'key' ? 'aws_kms_key' : 'aws_iam_policy';
    text = `resource "${resource}" "thing" {\n  policy = jsonencode(${hcl(p, '  ')})\n}\n`;
    fileName = 'main.tf';
  } else {
    text = l.indent === 0 ? JSON.stringify(p) : JSON.stringify(p, null, l.indent);
    fileName = syntax === 'json' ? 'policy.json' : 'policy.jsonc';
  }
  if (l.crlf) text = text.replace(/\n/g, '\r\n');
  if (l.bom && syntax !== 'terraform') text = `\uFEFF${text}`;
  return { text, fileName, syntax };
});

/** Whether a text still parses in its syntax. */
export function parses(text: string, syntax: Syntax): boolean {
  if (syntax === 'yaml') return parseDocument(text).errors.length === 0;
  if (syntax === 'terraform') return parsesCleanly(text);
  const errors: ParseError[] = [];
  parseTree(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: syntax === 'jsonc' });
  return errors.length === 0;
}

const problems = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
const countBy = (findings: readonly Finding[], rule: string) => findings.filter((f) => f.ruleId === rule).length;

/** The non-KMS actions a JSON policy grants, by statement effect Allow (lower-cased): a fix may move them, never drop them. */
export function nonKmsGrants(text: string): string[] {
  const root = parseTree(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true });
  const out: string[] = [];
  const walk = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'object') {
      const get = (key: string) => node.children?.find((p) => p.children?.[0].value === key)?.children?.[1];
      const effect = get('Effect')?.value;
      const action = get('Action');
      const notAction = get('NotAction');
      const values = (n: Node) => (n.type === 'array' ? (n.children ?? []).map((c) => c.value) : [n.value]).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
      if (effect === 'Allow' && action) {
        for (const v of values(action)) if (!v.startsWith('kms:')) out.push(v);
      }
      if (effect === 'Allow' && notAction) {
        // NotAction of KMS names only grants every other service's actions: the same as "*" outside KMS.
        const excluded = values(notAction).filter((v) => !v.startsWith('kms:'));
        out.push(excluded.length === 0 ? '*' : `all but ${excluded.sort().join(' ')}`);
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return [...new Set(out)].sort();
}

export interface Failure {
  property: string;
  detail: string;
}

/** Lints, then applies every fix of every finding and checks what a fix promises. Returns the first broken promise, if any, and the lint time. */
export function checkDocument(doc: Generated): { failure?: Failure; ms: number } {
  const started = performance.now();
  let result;
  try {
    result = lintText(doc.text, { fileName: doc.fileName });
  } catch (error) {
    return { failure: { property: 'no exception', detail: String(error) }, ms: performance.now() - started };
  }
  const ms = performance.now() - started;
  if (result.findings.some((f) => f.ruleId === 'internal-error')) return { failure: { property: 'no internal error', detail: result.findings.find((f) => f.ruleId === 'internal-error')!.message }, ms };
  const before = problems(result.findings);
  const grants = doc.syntax === 'json' || doc.syntax === 'jsonc' ? nonKmsGrants(doc.text) : [];
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      const fixed = applyEdits(doc.text, fix.edits);
      const what = `${finding.ruleId}: ${fix.title}`;
      if (!parses(fixed, doc.syntax)) return { failure: { property: 'the fixed text parses', detail: what }, ms };
      const starts = fix.edits.map((e) => e.range.start);
      const first = starts.reduce((a, b) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? a : b));
      const lines = doc.text.split('\n');
      const prefix = lines.slice(0, first.line).join('\n').length + (first.line > 0 ? 1 : 0) + first.character;
      if (fixed.slice(0, prefix) !== doc.text.slice(0, prefix)) return { failure: { property: 'bytes before the first edit unchanged', detail: what }, ms };
      const after = lintText(fixed, { fileName: doc.fileName }).findings;
      if (countBy(after, finding.ruleId) >= countBy(result.findings, finding.ruleId)) return { failure: { property: 'the finding goes', detail: what }, ms };
      // No new problem: none of a rule the document did not have, and none with a message it did not
      // have (a split statement's copy repeats the original's own findings word for word).
      const known = new Set(before.map((f) => JSON.stringify([f.ruleId, f.message])));
      for (const f of problems(after)) {
        if (f.ruleId === 'kms-placeholder-value' && fix.hasPlaceholder) continue;
        if (f.ruleId === finding.ruleId) continue;
        if (!known.has(JSON.stringify([f.ruleId, f.message]))) return { failure: { property: 'no new problem', detail: `${what} adds ${f.ruleId}: ${f.message}` }, ms };
      }
      if (doc.syntax === 'json' || doc.syntax === 'jsonc') {
        const kept = nonKmsGrants(fixed);
        // "*" (or a NotAction of KMS names only) still grants every non-KMS action.
        const lost = kept.includes('*') ? [] : grants.filter((g) => !kept.includes(g) && !fix.suppression);
        if (lost.length > 0) return { failure: { property: 'no non-KMS action removed', detail: `${what} drops ${lost.join(', ')}` }, ms };
      }
    }
  }
  // Fix all: non-overlapping safe edits, a fixpoint within 10 rounds, parseable at every round.
  let text = doc.text;
  for (let round = 0; round < 10; round++) {
    const { edits, fixCount } = selectApplicableEdits(lintText(text, { fileName: doc.fileName }).findings, 'safe');
    if (fixCount === 0) return { ms };
    const next = applyEdits(text, edits);
    if (!parses(next, doc.syntax)) return { failure: { property: 'fix all leaves the text parseable', detail: `round ${round}` }, ms };
    if (next === text) return { ms };
    text = next;
  }
  return { failure: { property: 'fix all reaches a fixpoint', detail: 'still fixing after 10 rounds' }, ms };
}

/** A fixture with one character or line deleted, duplicated or inserted somewhere. */
export function mutation(texts: readonly { text: string; fileName: string; syntax: Syntax }[]): fc.Arbitrary<Generated> {
  return fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.constantFrom('delete-char', 'dup-line', 'insert-char', 'delete-line'), fc.constantFrom('{', '}', '"', ',', ':', '\n', '*', '[', '\\')).map(([t, at, kind, ch]) => {
    const i = t.text.length === 0 ? 0 : at % t.text.length;
    let text = t.text;
    if (kind === 'delete-char') text = text.slice(0, i) + text.slice(i + 1);
    else if (kind === 'insert-char') text = text.slice(0, i) + ch + text.slice(i);
    else {
      const lines = text.split('\n');
      const n = at % lines.length;
      if (kind === 'dup-line') lines.splice(n, 0, lines[n]);
      else lines.splice(n, 1);
      text = lines.join('\n');
    }
    return { ...t, text };
  });
}
