import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { applyEdits, lintText, LineIndex, ready, RULES, type Finding } from '../../server/src/engine';
import { parsesCleanly } from '../../server/src/engine/sources/terraform/hcl';
import { allFixtures, FIXTURES } from '../helpers/fixtures';

const fixtures = allFixtures();
const problems = (findings: Finding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
const SNAPSHOTS = join(__dirname, '..', 'snapshots');

describe('fixtures: findings start on the marked lines', () => {
  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      await ready();
      const { findings } = lintText(fixture.text, fixture.options);
      const actual = problems(findings).map((f) => `${f.range.start.line + 1}:${f.ruleId}`).sort();
      assert.deepEqual(actual, fixture.expected);
    });
  }
});

describe('every rule has a docs page and a fixture that triggers it', () => {
  for (const rule of RULES.filter((r) => !r.note)) {
    it(rule.id, () => {
      assert.ok(existsSync(join(__dirname, '..', '..', 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
      assert.ok(existsSync(join(FIXTURES, rule.id)), `test/fixtures/${rule.id}/`);
      const triggering = fixtures.filter((f) => f.expected.some((e) => e.endsWith(`:${rule.id}`)));
      assert.ok(triggering.length > 0, `no fixture marks ${rule.id}`);
    });
  }
});

function countByRule(findings: Finding[], includeNotes = false): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of includeNotes ? findings : problems(findings)) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/** Every finding offers a suppression comment where the syntax has comments; tested in suppressions.test.ts, kept out of the snapshots. */
const isSuppression = (title: string) => title.startsWith('Suppress ');

/** The fixed text around the edits, as a reviewer would read it. */
function excerpt(fixed: string, startLine: number, endLine: number): string {
  const lines = fixed.split('\n');
  return lines.slice(Math.max(0, startLine - 1), Math.min(lines.length, endLine + 2)).join('\n');
}

describe('every fix: the finding goes, nothing new appears, the text still parses, the rest is untouched', () => {
  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      await ready();
      const { findings } = lintText(fixture.text, fixture.options);
      const withFixes = findings.filter((f) => f.fixes.length > 0);
      const before = countByRule(findings);
      const beforeAll = countByRule(findings, true);
      const snapshot: string[] = [];
      for (const finding of withFixes) {
        assert.equal(finding.fixes.filter((f) => f.isPreferred).length, 1, 'exactly one preferred fix');
        for (const fix of finding.fixes) {
          assert.ok(!fix.hasPlaceholder || fix.kind === 'suggestion', `${fix.title}: a fix with a placeholder is a suggestion`);
          const fixed = applyEdits(fixture.text, fix.edits);
          const after = lintText(fixed, fixture.options).findings;
          if (/\.tf$/.test(fixture.name)) assert.ok(parsesCleanly(fixed), `${fix.title}: output parses as HCL`);
          if (/\.ya?ml$/.test(fixture.name)) {
            const doc = parseDocument(fixed);
            assert.deepEqual(doc.errors.map((e) => e.message), [], `${fix.title}: output parses as YAML`);
          }
          if (/\.jsonc?$/.test(fixture.name)) {
            const errors: ParseError[] = [];
            parseTree(fixed, errors, { allowTrailingComma: true });
            assert.deepEqual(errors, [], `${fix.title}: output parses`);
          }

          const index = new LineIndex(fixture.text);
          const start = Math.min(...fix.edits.map((e) => index.offsetAt(e.range.start)));
          const end = Math.max(...fix.edits.map((e) => index.offsetAt(e.range.end)));
          const tail = fixture.text.length - end;
          assert.equal(fixed.slice(0, start), fixture.text.slice(0, start), 'bytes before the edits unchanged');
          assert.equal(fixed.slice(fixed.length - tail), fixture.text.slice(end), 'bytes after the edits unchanged');

          const counts = countByRule(after);
          assert.ok((countByRule(after, true).get(finding.ruleId) ?? 0) < (beforeAll.get(finding.ruleId) ?? 0), `${fix.title}: the ${finding.ruleId} finding is gone`);
          for (const [rule, count] of counts) {
            if (rule === 'kms-placeholder-value' && fix.hasPlaceholder) continue;
            assert.ok(count <= (before.get(rule) ?? 0), `${fix.title}: no new ${rule}`);
          }
          if (isSuppression(fix.title)) continue;
          const firstLine = Math.min(...fix.edits.map((e) => e.range.start.line));
          const lastLine = Math.max(...fix.edits.map((e) => e.range.start.line + e.newText.split('\n').length - 1));
          snapshot.push(`## ${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.ruleId} — ${fix.title} [${fix.kind}]${fix.isPreferred ? ' (preferred)' : ''}`);
          snapshot.push(excerpt(fixed, firstLine, lastLine), '');
        }
      }
      const file = join(SNAPSHOTS, `${fixture.name.replace(/[\\/]/g, '__')}.snap`);
      if (snapshot.length === 0) {
        assert.ok(!existsSync(file), `stale snapshot ${file}: the fixture has no fix to show`);
        return;
      }
      const text = snapshot.join('\n');
      if (process.env.UPDATE_SNAPSHOTS && (!existsSync(file) || process.env.UPDATE_SNAPSHOTS === 'all')) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(file, text);
      }
      assert.ok(existsSync(file), `missing snapshot ${file} (run with UPDATE_SNAPSHOTS=1 to write it)`);
      assert.equal(text, readFileSync(file, 'utf8'));
    });
  }
});
