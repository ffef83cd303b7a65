// Which fixes "fix all" takes: safe ones only (the preferred one where it is safe), never a
// suppression comment, never two that touch the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Fix } from '../../server/src/engine';
import { fixAllEdits } from '../../server/src/lsp/codeActions';


function fix(start: number, end: number, newText: string, options: Partial<Fix> = {}): Fix {
  return {
    title: `${start}-${end}`,
    edits: [{ range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, newText }],
    kind: 'safe',
    isPreferred: true,
    hasPlaceholder: false,
    ...options,
  };
}

function finding(...fixes: Fix[]): Finding {
  return {
    ruleId: 'kms-wildcard-principal',
    severity: 'error',
    message: 'm',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    offset: 0,
    length: 1,
    fixes,
  };
}

describe('fix all', () => {
  it('takes safe fixes only, skipping suppressions and any fix that overlaps one already taken', () => {
    const edits = fixAllEdits([
      finding(fix(0, 2, 'AB'), fix(0, 2, 'not preferred', { isPreferred: false })),
      finding(fix(1, 3, 'overlaps the first')),
      finding(fix(5, 5, 'placeholder', { hasPlaceholder: true, kind: 'suggestion' })),
      finding(fix(4, 6, 'EF')),
      finding(fix(4, 4, 'same start as EF')),
      finding(fix(6, 6, '!')),
      finding(fix(8, 8, 'suggestion, preferred', { kind: 'suggestion' }), fix(8, 9, 'I', { isPreferred: false })),
      finding(fix(9, 9, 'suppression', { kind: 'suggestion', suppression: true })),
    ]);
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['AB', 'EF', '!', 'I'],
    );
  });
});
