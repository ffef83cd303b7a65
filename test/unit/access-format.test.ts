// The access table as text, Markdown and a webview page, fed hostile policy text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LineIndex, readDocument } from '../../server/src/engine';
import { accessOfDocument } from '../../server/src/engine/access';
import { escapeHtml, escapeMarkdown, inlineCode, printable } from '../../server/src/engine/access/escape';
import { actionsText, formatAccessMarkdown, formatAccessText } from '../../server/src/engine/access/format';
import { renderAccessHtml } from '../../server/src/engine/access/html';
import type { AccessSummaryResult } from '../../server/src/engine/access/protocol';

const HOSTILE = join(__dirname, '..', 'fixtures-access', 'hostile.json');
const NONCE = 'abcdef0123456789abcdef';

function hostileResult(): AccessSummaryResult {
  const text = readFileSync(HOSTILE, 'utf8');
  const doc = readDocument(text, { fileName: HOSTILE });
  const [access] = accessOfDocument(doc);
  const lines = new LineIndex(text);
  const policy = doc.policies[access.policyIndex];
  return {
    uri: 'file:///hostile.json',
    version: 1,
    access,
    statementRanges: policy.statements.map((s) => lines.range(s.loc.start, s.loc.end - s.loc.start)),
    policyRange: lines.range(policy.loc.start, policy.loc.end - policy.loc.start),
    policies: [{ policyIndex: access.policyIndex, line: access.line, summary: access.summary }],
  };
}

describe('access formats', () => {
  it('folds whole action families and names full capabilities', () => {
    assert.equal(actionsText('use', ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext']), 'Decrypt, GenerateDataKey*');
    assert.equal(actionsText('use', ['kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:ReEncryptFrom']), 'GenerateDataKeyPair*, ReEncryptFrom');
    assert.equal(actionsText('grants', ['kms:CreateGrant', 'kms:RetireGrant', 'kms:RevokeGrant']), 'all grant actions (3)');
  });

  it('shows control characters and direction overrides instead of passing them to a terminal', () => {
    assert.equal(printable('a\u001b[31mb\u202ec\nd'), 'a\\u{1b}[31mb\\u{202e}c\\u{a}d');
    const text = formatAccessText(hostileResult().access, 'hostile.json');
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(text), 'nothing but newlines among the controls');
    assert.match(text, /via '\\u\{1b\}\[31mred/);
  });

  it('escapes Markdown so values stay values', () => {
    assert.equal(inlineCode('a|b'), '`a\\|b`');
    assert.equal(inlineCode('``x``'), '``` ``x`` ```');
    assert.equal(escapeMarkdown('[x](https://e.example) *b* <i> www.e.example (ok)'), '\\[x\\](https\\://e.example) \\*b\\* &lt;i&gt; www\\.e.example (ok)');
    const markdown = formatAccessMarkdown(hostileResult().access, 'hostile.json');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    // Every row keeps the header's six columns: no value adds a cell with an unescaped pipe.
    for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 6, row);
    // Outside code spans (where nothing is markup) no HTML from the policy survives.
    const prose = markdown.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    assert.ok(markdown.includes('<img'), 'the hostile value is shown, in a code span');
    assert.deepEqual(prose.match(/<[a-z/][^>]*>/gi)?.filter((tag) => tag !== '<br>') ?? [], []);
  });

  it('renders a page with a strict Content-Security-Policy and every value escaped', () => {
    const html = renderAccessHtml(hostileResult(), { nonce: NONCE, fileName: 'hostile<b>.json' });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, new RegExp(`script-src 'nonce-${NONCE}';`));
    assert.match(csp, new RegExp(`style-src 'nonce-${NONCE}';`));
    assert.ok(!/unsafe-inline|unsafe-eval|https?:|\*/.test(csp), csp);
    // Exactly our own style and script, both carrying the nonce; nothing from the policy becomes markup.
    assert.deepEqual(html.match(/<script\b[^>]*>/g), [`<script nonce="${NONCE}">`]);
    assert.deepEqual(html.match(/<style\b[^>]*>/g), [`<style nonce="${NONCE}">`]);
    assert.ok(!/<img|<b>|<\/td><script/.test(html), 'hostile markup is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('hostile&lt;b&gt;.json'));
    assert.ok(!/<[^>]*\bsrc=|<[^>]*\bhref="(?!#")/.test(html), 'no resource or outside link in any tag');
    assert.ok(!/[\u001b\u202e]/.test(html));
    // Links carry statement indexes the extension looks up itself, never text.
    for (const [, index] of html.matchAll(/data-statement="([^"]*)"/g)) assert.match(index, /^-?\d+$/);
    assert.match(html, /<th data-column="0" scope="col"><button type="button">Capability<\/button><\/th>/);
  });

  it('refuses a weak nonce', () => {
    assert.throws(() => renderAccessHtml(hostileResult(), { nonce: 'short', fileName: 'x' }), /nonce/);
  });

  it('escapes every HTML-significant character', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&\`</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
  });
});
