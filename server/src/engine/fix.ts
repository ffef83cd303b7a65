// Fixes are computed once, as text edits on the document, and used as they are by the CLI and the server.
import { applyEdits as applyJsonEdits, modify, parseTree, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import type { LineIndex } from './text';
import type { JsonText } from './sources/json-text';
import type { Fix } from './types';

export interface Modification {
  path: JSONPath;
  /** undefined removes the property or element. */
  value: unknown;
  isArrayInsertion?: boolean;
}

export interface FixDraft {
  title: string;
  modifications: Modification[];
  hasPlaceholder: boolean;
  isPreferred?: boolean;
}

/** Indentation and line ends as the text already uses them. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text.match(/^[ \t]+(?=["{[\]}])/gm) ?? [];
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 1, eol };
  const widths = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = widths.length > 0 ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize, eol };
}

/** Turns modifications of a policy text into one document edit; undefined when the result would not parse. */
export function realizeFix(json: JsonText, documentIndex: LineIndex, draft: FixDraft): Fix | undefined {
  const formattingOptions = json.compact ? undefined : formattingOf(json.text);
  let text = json.text;
  for (const m of draft.modifications) {
    text = applyJsonEdits(text, modify(text, m.path, m.value, { formattingOptions, isArrayInsertion: m.isArrayInsertion }));
  }
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || text === json.text) return undefined;

  const old = json.text;
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  while (oldEnd > start && newEnd > start && old[oldEnd - 1] === text[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  const docStart = json.toDocument(start);
  const docEnd = json.toDocument(oldEnd);
  return {
    title: draft.title,
    isPreferred: draft.isPreferred ?? false,
    hasPlaceholder: draft.hasPlaceholder,
    edits: [{ range: documentIndex.range(docStart, docEnd - docStart), newText: json.encode(text.slice(start, newEnd)) }],
  };
}
