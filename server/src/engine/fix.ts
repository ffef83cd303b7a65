// Fixes are computed once, as text edits on the document, and used as they are by the CLI and the server.
// Each fix edits one statement, working on that statement's text alone, so its cost does not grow with the document.
import { modify, parseTree, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import type { Statement } from './policy';
import type { LineIndex } from './text';
import type { JsonText } from './sources/json-text';
import type { Fix } from './types';

export interface Modification {
  /** Relative to the statement. */
  path: JSONPath;
  /** undefined removes the property. */
  value: unknown;
}

export interface FixDraft {
  title: string;
  statement: Statement;
  modifications: Modification[];
  /** A new statement to insert right after this one. */
  appendStatement?: unknown;
  hasPlaceholder: boolean;
  isPreferred?: boolean;
}

const formattingCache = new WeakMap<JsonText, FormattingOptions>();

/** Indentation and line ends as the text already uses them. */
export function formattingOf(json: JsonText): FormattingOptions {
  let options = formattingCache.get(json);
  if (!options) {
    // The start of the text shows its style; reading all of a large document would only cost time.
    const text = json.text.slice(0, 64 * 1024);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indents = text.match(/^[ \t]+(?=["{[\]}])/gm) ?? [];
    if (indents.some((i) => i.startsWith('\t'))) options = { insertSpaces: false, tabSize: 1, eol };
    else {
      const smallest = indents.reduce((min, i) => Math.min(min, i.length), Infinity);
      options = { insertSpaces: true, tabSize: Number.isFinite(smallest) ? smallest : 2, eol };
    }
    formattingCache.set(json, options);
  }
  return options;
}

function parses(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  return errors.length === 0;
}

/** Turns a draft into one document edit; undefined when it changes nothing or would not parse. */
export function realizeFix(json: JsonText, documentIndex: LineIndex, draft: FixDraft): Fix | undefined {
  const node = draft.statement.node;
  const text = json.text;
  // Pad the statement to its column so the formatter indents inserted lines as in the document.
  let lineStart = node.offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const padding = text.slice(lineStart, node.offset).replace(/[^\t]/g, ' ');
  const base = node.offset - padding.length;
  const original = padding + text.slice(node.offset, node.offset + node.length);
  const formattingOptions = json.compact ? undefined : formattingOf(json);

  let current = original;
  // The changed span, as an offset from the start and a distance from the end (the same in the old and new text).
  let fromStart = current.length;
  let fromEnd = current.length;
  const apply = (offset: number, length: number, content: string) => {
    fromStart = Math.min(fromStart, offset);
    fromEnd = Math.min(fromEnd, current.length - offset - length);
    current = current.slice(0, offset) + content + current.slice(offset + length);
  };
  for (const m of draft.modifications) {
    for (const edit of modify(current, m.path, m.value, { formattingOptions })) apply(edit.offset, edit.length, edit.content);
  }
  if (!parses(current)) return undefined;
  if (draft.appendStatement !== undefined) apply(current.length, 0, ',' + formatStatement(draft.appendStatement, json, padding));
  if (current === original) return undefined;

  const start = base + fromStart;
  const end = base + original.length - fromEnd;
  const docStart = json.toDocument(start);
  const docEnd = json.toDocument(end);
  return {
    title: draft.title,
    kind: draft.hasPlaceholder ? 'suggestion' : 'safe',
    isPreferred: draft.isPreferred ?? false,
    hasPlaceholder: draft.hasPlaceholder,
    edits: [{ range: documentIndex.range(docStart, docEnd - docStart), newText: json.encode(current.slice(fromStart, current.length - fromEnd)) }],
  };
}

/** A new statement, written on its own lines at the same indentation as its neighbour (or compact). */
function formatStatement(value: unknown, json: JsonText, padding: string): string {
  if (json.compact) return JSON.stringify(value);
  const options = formattingOf(json);
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  const eol = options.eol ?? '\n';
  return eol + padding + JSON.stringify(value, null, unit).split('\n').join(eol + padding);
}
