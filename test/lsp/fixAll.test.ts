// Which fixes "fix all" takes: preferred, no placeholder, and never two that touch the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../../server/src/engine';
import { fixAllEdits } from '../../server/src/lsp/codeActions';

const text = 'abcdefghij';
const document = TextDocument.create('file:///x.json', 'json', 1, text);

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
  it('takes preferred fixes without placeholders and skips any that overlap one already taken', () => {
    const edits = fixAllEdits(document, [
      finding(fix(0, 2, 'AB'), fix(0, 2, 'not preferred', { isPreferred: false })),
      finding(fix(1, 3, 'overlaps the first')),
      finding(fix(5, 5, 'placeholder', { hasPlaceholder: true })),
      finding(fix(4, 6, 'EF')),
      finding(fix(4, 4, 'same start as EF')),
      finding(fix(6, 6, '!')),
    ]);
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['AB', 'EF', '!'],
    );
  });
});
