import { parseTree, type Node, type ParseError } from 'jsonc-parser';

/**
 * A stretch of JSON the engine reads: the document itself, or the contents of a JSON string
 * literal inside it (a policy stored as a string). Offsets in `text` map back to the document,
 * so findings and fixes point at the exact characters, escapes included.
 */
export interface JsonText {
  readonly text: string;
  readonly root: Node | undefined;
  readonly errors: readonly ParseError[];
  /** Whether the text is written on one line (fix output is then kept on one line too). */
  readonly compact: boolean;
  toDocument(offset: number): number;
  /** How text inserted here must be written in the document. */
  encode(inserted: string): string;
}

export const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

export function parseDocument(text: string): JsonText {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  return documentFromTree(text, root, errors);
}

export function documentFromTree(text: string, root: Node | undefined, errors: ParseError[]): JsonText {
  return {
    text,
    root,
    errors,
    compact: !text.includes('\n'),
    toDocument: (offset) => offset,
    encode: (inserted) => inserted,
  };
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Decodes a JSON string literal node of `document`, keeping for each decoded character the document offset it came from. */
export function parseStringLiteral(document: string, literal: Node): JsonText {
  const start = literal.offset + 1;
  const end = literal.offset + literal.length - 1;
  const map: number[] = [];
  let decoded = '';
  for (let i = start; i < end; ) {
    map.push(i);
    const c = document[i];
    if (c !== '\\') {
      decoded += c;
      i++;
      continue;
    }
    const e = document[i + 1];
    if (e === 'u') {
      decoded += String.fromCharCode(parseInt(document.slice(i + 2, i + 6), 16) || 0);
      i += 6;
    } else {
      decoded += SIMPLE_ESCAPES[e] ?? e ?? '';
      i += 2;
    }
  }
  map.push(end);
  const errors: ParseError[] = [];
  const root = parseTree(decoded, errors, PARSE_OPTIONS);
  return {
    text: decoded,
    root,
    errors,
    compact: !decoded.includes('\n'),
    toDocument: (offset) => map[Math.max(0, Math.min(offset, map.length - 1))],
    encode: (inserted) => JSON.stringify(inserted).slice(1, -1),
  };
}
