// Corpora labelled from RULES.md alone, by readers who did not see the engine: one semantic point a
// file in bare JSON, key descriptions and CloudTrail (labelled/json) and in CloudFormation, Terraform
// and templates (labelled/iac); realistic multi-statement documents and modules of the same kinds
// (labelled/realistic-json, labelled/realistic-iac); then condition combinations in key policies
// (labelled/r3-cond), CloudFormation YAML's own forms (labelled/r3-yaml) and Terraform's (labelled/r3-tf);
// identity policies' action and resource patterns (labelled/r4-identity); where policies are found
// and JSON syntax: strings, escapes, CloudTrail records, duplicate keys, templates (labelled/r4-syntax).
// Each EXPECTED.json lists a file's errors and warnings of the rules RULES.md defines: rule, the
// 1-based line it starts on (`lineApprox` when only the statement or block is known), severity.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { lintText, ready } from '../../server/src/engine';

interface Expected {
  rule: string;
  line: number;
  severity: 'error' | 'warning';
  lineApprox?: boolean;
}

/** The rules RULES.md defines; findings of the others (iam-unknown-action …) are not labelled here. */
const RULES_MD = new Set(['kms-wildcard-principal', 'kms-unconditioned-full-access', 'kms-decrypt-all-resources', 'kms-key-rotation-disabled', 'kms-key-pending-deletion', 'json-syntax']);
/** How far a finding may start from a label marked `lineApprox` (a statement's or block's first line). */
const APPROX_LINES = 12;

before(() => ready());

for (const corpus of ['json', 'iac', 'realistic-json', 'realistic-iac', 'r3-cond', 'r3-yaml', 'r3-tf', 'r4-identity', 'r4-syntax']) {
  const dir = join(__dirname, '..', 'labelled', corpus);
  const expected = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8')) as Record<string, Expected[]>;
  const files = readdirSync(dir).filter((name) => name !== 'EXPECTED.json').sort();

  describe(`labelled corpus: ${corpus}`, () => {
    it('labels every file', () => {
      assert.deepEqual(Object.keys(expected).sort(), files);
    });

    for (const name of files) {
      it(name, () => {
        const text = readFileSync(join(dir, name), 'utf8');
        const actual = lintText(text, { fileName: join(dir, name) })
          .findings.filter((f) => RULES_MD.has(f.ruleId) && (f.severity === 'error' || f.severity === 'warning'))
          .map((f) => ({ rule: f.ruleId, line: f.range.start.line + 1, severity: f.severity }));
        const unmatched = [...actual];
        const missing: Expected[] = [];
        for (const label of expected[name]) {
          const at = unmatched.findIndex((a) => a.rule === label.rule && a.severity === label.severity && (label.lineApprox ? Math.abs(a.line - label.line) <= APPROX_LINES : a.line === label.line));
          if (at < 0) missing.push(label);
          else unmatched.splice(at, 1);
        }
        assert.deepEqual({ missing, unexpected: unmatched }, { missing: [], unexpected: [] });
      });
    }
  });
}
