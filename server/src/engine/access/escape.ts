// Policy text is hostile: a Sid or an ARN may carry terminal escapes, bidirectional overrides,
// Markdown or HTML. Every format passes what it shows from a policy through one of these.

// C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings and isolates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** One line of visible text: every control or direction override shown as `\u{…}`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Text for Markdown prose that never starts a line: no emphasis, link, HTML or table-cell break
 * survives, nor an autolink (`://`, `www.`). Values from a policy go in code spans instead (inlineCode).
 */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/[\\`*_[\]|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * A Markdown code span holding any text: nothing inside it is markup. In a table (the default) a
 * pipe is escaped, as GitHub tables need even inside code; elsewhere it would show its backslash.
 */
export function inlineCode(text: string, inTable = true): string {
  const shown = inTable ? printable(text).replace(/\|/g, '\\|') : printable(text);
  let longest = 0;
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(longest + 1);
  // A space on each side keeps a value that starts or ends with a backtick from joining the delimiter.
  return shown.startsWith('`') || shown.endsWith('`') ? `${ticks} ${shown} ${ticks}` : `${ticks}${shown}${ticks}`;
}

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
