import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type Node } from 'jsonc-parser';
import type { TreeNode } from '../../server/src/engine/sources/tree';
import { IncrementalParser, lintParsedJson as lintDocument, lintText, type Finding } from '../../server/src/engine';
import { commonPrefixLength, commonSuffixLength } from '../../server/src/engine/incremental';

/** A tree as plain data, to compare a patched tree with a fresh parse. */
const withFixes = (findings: Finding[]) => findings.map((f) => ({ ...f, fixes: f.fixes }));

function shape(node: Node | TreeNode | undefined): unknown {
  if (!node) return undefined;
  return [node.type, node.offset, node.length, node.value, (node.children ?? []).map(shape)];
}

const statement = (i: number, principal: string) =>
  `    {\n      "Sid": "S${i}",\n      "Effect": "Allow",\n      "Principal": { "AWS": "${principal}" },\n      "Action": ["kms:Decrypt"],\n      "Resource": "*"\n    }`;
const policy = (principals: string[]) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n${principals.map((p, i) => statement(i, p)).join(',\n')}\n  ]\n}\n`;

describe('incremental parsing', () => {
  it('patches the tree for edits inside a statement, and the result equals a fresh parse', () => {
    const parser = new IncrementalParser();
    let text = policy(['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b', 'arn:aws:iam::111122223333:role/c']);
    parser.parse(text);
    const edits: Array<(t: string) => string> = [
      (t) => t.replace('role/b', 'role/bb'),
      (t) => t.replace('"arn:aws:iam::111122223333:role/bb"', '"*"'),
      (t) => t.replace('"S0"', '"S0-renamed"'),
      (t) => t.replace('["kms:Decrypt"]', '["kms:Decrypt", "kms:Encrypt"]'),
      (t) => t.replace('"S2"', '"S2"  '),
    ];
    for (const edit of edits) {
      text = edit(text);
      const doc = parser.parse(text);
      assert.deepEqual(shape(doc.root), shape(parseTree(text, [], { allowTrailingComma: true })));
      assert.deepEqual(withFixes(lintDocument(doc).findings), withFixes(lintText(text).findings));
    }
    assert.equal(parser.stats.full, 1);
    assert.equal(parser.stats.partial, edits.length);
  });

  it('falls back to a full parse when an edit breaks the structure, and recovers after it', () => {
    const parser = new IncrementalParser();
    let text = policy(['*', 'arn:aws:iam::111122223333:role/b']);
    parser.parse(text);
    text = text.replace('"Effect": "Allow",', '"Effect": "Allow"');
    assert.deepEqual(lintDocument(parser.parse(text)).findings.map((f) => f.ruleId), ['json-syntax']);
    text = text.replace('"Effect": "Allow"\n', '"Effect": "Allow",\n');
    assert.deepEqual(withFixes(lintDocument(parser.parse(text)).findings), withFixes(lintText(text).findings));
    text = text.replace('"Sid": "S1"', '"Sid": "S1", "x": {');
    assert.deepEqual(withFixes(lintDocument(parser.parse(text)).findings), withFixes(lintText(text).findings));
  });

  it('reports repeated keys as a full parse does, as edits add them in one statement and take them away', () => {
    const parser = new IncrementalParser();
    let text = policy(['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b', 'arn:aws:iam::111122223333:role/c']);
    parser.parse(text);
    const edits: Array<(t: string) => string> = [
      (t) => t.replace('"Sid": "S1",', '"Sid": "S1", "Effect": "Deny",'), // a repeat inside S1
      (t) => t.replace('"S0"', '"S0x"'), // an edit elsewhere: the repeat in S1 stays
      (t) => t.replace('"Sid": "S2",', '"Sid": "S2", "Sid": "again",'), // a second repeat, in S2
      (t) => t.replace('"Sid": "S1", "Effect": "Deny",', '"Sid": "S1",'), // S1's goes, S2's stays
      (t) => t.replace('"Sid": "S2", "Sid": "again",', '"Sid": "S2",'), // none left
      (t) => t.replace('"S0x"', '"S0"'),
    ];
    for (const edit of edits) {
      const next = edit(text);
      assert.notEqual(next, text, 'premise: every edit changes the text');
      text = next;
      const doc = parser.parse(text);
      assert.deepEqual(withFixes(lintDocument(doc).findings), withFixes(lintText(text).findings), text);
    }
    assert.equal(parser.stats.full, 1, 'every edit was patched in');
  });

  it('finds where two texts differ a block at a time, exactly', () => {
    const base = 'ab'.repeat(3000);
    for (const at of [0, 1, 1023, 1024, 1025, 2048, 5999]) {
      const changed = base.slice(0, at) + 'X' + base.slice(at + 1);
      assert.equal(commonPrefixLength(base, changed), at);
      assert.equal(commonSuffixLength(base, changed, 0), base.length - at - 1);
    }
    assert.equal(commonPrefixLength(base, base), base.length);
    assert.equal(commonPrefixLength(base, base + 'tail'), base.length);
    // The suffix never reaches back into the shared prefix.
    assert.equal(commonSuffixLength('aaaa', 'aaaaaa', 4), 0);
    assert.equal(commonSuffixLength('xaaa', 'yaaaaa', 0), 3);
  });
});
