// Whatever sequence of edits arrives, the server's diagnostics equal a fresh lint of the same text:
// incremental sync and incremental parsing must never drift from the document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyEdits, lintText, RULES } from '../../server/src/engine';

const NOTE_RULES = new Set(RULES.filter((r) => r.note).map((r) => r.id));
import { LspSession } from './lspClient';
import { documentUri, OWN_ACCOUNT } from './policies';

/** mulberry32: the same edits on every run and machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const START = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'App', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:role/app'] }, Action: ['kms:Decrypt'], Resource: '*' },
      { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } },
      { Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
    ],
  },
  null,
  2,
);

/** Structural edits that break and repair the JSON, as typing does halfway. */
const STRUCTURAL = ['', '"', ',', '{', '}', '[', ']', ':', ' ', '\n'];
/** Values that change a verdict when they replace a string. */
const VALUES = ['"*"', '"kms:*"', '"Deny"', '"Allow"', '"kms:Decrypt"', `"arn:aws:iam::${OWN_ACCOUNT}:root"`];

/** Offsets of the insides of the text's string values, not keys (no escapes in these policies). */
function stringValues(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  // Strings are matched left to right so quotes pair up; keys are the ones a colon follows.
  for (const match of text.matchAll(/"([^"\\]*)"/g)) {
    const after = match.index + match[0].length;
    if (/^\s*:/.test(text.slice(after, after + 8))) continue;
    spans.push({ start: match.index + 1, end: match.index + 1 + match[1].length });
  }
  return spans;
}

describe('edit consistency', () => {
  let session: LspSession;
  before(async () => {
    session = await LspSession.start({ settings: { debounceMs: 0, accounts: [OWN_ACCOUNT] } });
  });
  after(async () => {
    await session.stop();
  });

  it('after each of 150 random edits, publishes exactly what a fresh lint of the text finds', async () => {
    const next = random(20261122);
    const uri = documentUri('consistency.json');
    let text = START;
    let version = 1;
    await session.open(uri, text, version);
    await session.diagnosticsForVersion(uri, version);
    let brokenVersions = 0;
    let validVersions = 0;
    let versionsWithFindings = 0;
    const edit = async (start: number, end: number, newText: string): Promise<void> => {
      const range = { start: positionAt(text, start), end: positionAt(text, end) };
      text = applyEdits(text, [{ range, newText }]);
      version++;
      await session.change(uri, version, [{ range, text: newText }]);
      const published = await session.diagnosticsForVersion(uri, version);
      // The editor leaves out the rules' information-level findings (kmsPolicyLint.showInformation is off); notes stay.
      const expected = lintText(text, { accounts: [OWN_ACCOUNT], fileName: 'consistency.json' }).findings.filter((f) => f.severity !== 'information' || NOTE_RULES.has(f.ruleId));
      if (expected.some((f) => f.ruleId === 'json-syntax')) brokenVersions++;
      else validVersions++;
      if (expected.some((f) => f.ruleId !== 'json-syntax')) versionsWithFindings++;
      assert.deepEqual(
        published.map((d) => [d.code, d.range]),
        expected.map((f) => [f.ruleId, f.range]),
        `after version ${version} (${JSON.stringify(newText)} at ${start}-${end}):\n${text}`,
      );
    };
    for (let i = 0; i < 150; i++) {
      if (i % 10 === 9) {
        // Now and then the whole text is replaced (a paste, an undo-all), so findings come back to be edited away.
        await edit(0, text.length, START);
        continue;
      }
      // Mostly typing inside strings (the tree stays valid and is patched), sometimes a verdict-changing
      // value, sometimes a structural edit that breaks the JSON and is undone by the next one.
      const kind = next();
      const strings = stringValues(text);
      const inside = strings[Math.floor(next() * strings.length)];
      if (kind < 0.6) {
        const start = inside.start + Math.floor(next() * (inside.end - inside.start + 1));
        const end = next() < 0.5 || start === inside.end ? start : start + 1;
        await edit(start, end, end > start && next() < 0.5 ? '' : 'abcxyz*:/-'[Math.floor(next() * 10)]);
      } else if (kind < 0.85) {
        await edit(inside.start - 1, inside.end + 1, VALUES[Math.floor(next() * VALUES.length)]);
      } else {
        const start = Math.floor(next() * (text.length + 1));
        const end = next() < 0.5 ? start : Math.min(text.length, start + 1);
        const removed = text.slice(start, end);
        const inserted = STRUCTURAL[Math.floor(next() * STRUCTURAL.length)];
        await edit(start, end, inserted);
        await edit(start, start + inserted.length, removed);
      }
    }
    // The sequence must exercise both patched trees with findings and broken JSON, or it proves little.
    const mix = `valid ${validVersions}, with findings ${versionsWithFindings}, broken ${brokenVersions}`;
    assert.ok(validVersions >= 100 && versionsWithFindings >= 30 && brokenVersions >= 10, mix);
  });
});
