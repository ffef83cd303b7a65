// The IAM wildcard matcher and the bounded edit distance behind the catalog, against reference answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedEditDistance } from '../../server/src/engine/iam/catalog-distance';
import { globMatches } from '../../server/src/engine/iam/catalog-glob';

/** An obviously correct (exponential) matcher to compare with, for short inputs only. */
function referenceMatch(pattern: string, text: string): boolean {
  if (pattern === '') return text === '';
  if (pattern[0] === '*') return referenceMatch(pattern.slice(1), text) || (text !== '' && referenceMatch(pattern, text.slice(1)));
  return text !== '' && (pattern[0] === '?' || pattern[0] === text[0]) && referenceMatch(pattern.slice(1), text.slice(1));
}

/** Textbook optimal-string-alignment distance, unbounded. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Every string over `alphabet` up to `length` characters. */
function allStrings(alphabet: string, length: number): string[] {
  let level = [''];
  const out = [''];
  for (let n = 1; n <= length; n++) {
    level = level.flatMap((s) => [...alphabet].map((c) => s + c));
    out.push(...level);
  }
  return out;
}

describe('globMatches', () => {
  it('agrees with a reference matcher on every short pattern and text', () => {
    const patterns = allStrings('ab*?', 4);
    const texts = allStrings('ab', 5);
    for (const pattern of patterns) {
      for (const text of texts) assert.equal(globMatches(pattern, text), referenceMatch(pattern, text), `${JSON.stringify(pattern)} vs ${JSON.stringify(text)}`);
    }
  });

  it('IAM action patterns', () => {
    assert.ok(globMatches('kms:re*', 'kms:reencryptfrom'));
    assert.ok(globMatches('kms:*', 'kms:decrypt'));
    assert.ok(!globMatches('kms:*', 'kmsx:decrypt'));
    assert.ok(globMatches('s3:get?bject', 's3:getobject'));
    assert.ok(globMatches('*', ''));
    assert.ok(!globMatches('', 'a'));
    assert.ok(globMatches('a*b*c', 'aXbYbZc'));
    assert.ok(!globMatches('a*b*c', 'aXcYb'));
  });

  it('rejects hostile patterns in time proportional to the text', () => {
    const text = 'a'.repeat(100);
    const started = performance.now();
    assert.ok(!globMatches(`${'*a'.repeat(50_000)}b`, text));
    assert.ok(!globMatches(`${'a*'.repeat(40)}b`, text));
    assert.ok(performance.now() - started < 500);
  });
});

describe('boundedEditDistance', () => {
  it('agrees with the textbook distance up to the bound', () => {
    const words = allStrings('abc', 4);
    for (const a of words) {
      for (const b of words) {
        const exact = referenceDistance(a, b);
        for (const bound of [0, 1, 2, 3]) {
          assert.equal(boundedEditDistance(a, b, bound), Math.min(exact, bound + 1), `${a} ${b} bound ${bound}`);
        }
      }
    }
  });

  it('typos of catalog names', () => {
    assert.equal(boundedEditDistance('kms:decrypts', 'kms:decrypt', 3), 1);
    assert.equal(boundedEditDistance('decrpyt', 'decrypt', 3), 1);
    assert.equal(boundedEditDistance('calleracount', 'calleraccount', 3), 1);
    assert.equal(boundedEditDistance('totallydifferent', 'decrypt', 3), 4);
  });
});
