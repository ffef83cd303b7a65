import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseFast } from './fast-json';

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

/** The document read through JSON.parse when it is plain JSON, else through jsonc-parser. */
export function parseDocumentFast(text: string): JsonText {
  const root = parseFast(text);
  return root ? documentFromTree(text, root, []) : parseDocument(text);
}

/**
 * The contents of a JSON string literal of `document` as JSON text of its own. The decoded text is
 * the node's value; where each decoded character came from in the document is worked out only
 * when a finding or a fix asks.
 */
export function parseStringLiteral(document: string, literal: Node): JsonText {
  const decoded = literal.value as string;
  const errors: ParseError[] = [];
  const root = parseFast(decoded) ?? parseTree(decoded, errors, PARSE_OPTIONS);
  let map: Int32Array | undefined;
  const toDocument = (offset: number): number => {
    map ??= escapeMap(document, literal.offset + 1, decoded.length);
    return map[Math.max(0, Math.min(offset, map.length - 1))];
  };
  return {
    text: decoded,
    root,
    errors,
    compact: !decoded.includes('\n'),
    toDocument,
    encode: (inserted) => JSON.stringify(inserted).slice(1, -1),
  };
}

/** For each decoded character of the literal starting at `start`, its document offset (one more for the closing quote). */
function escapeMap(document: string, start: number, decodedLength: number): Int32Array {
  const map = new Int32Array(decodedLength + 1);
  let i = start;
  for (let k = 0; k < decodedLength; k++) {
    map[k] = i;
    if (document.charCodeAt(i) !== 92 /* backslash */) i++;
    else i += document[i + 1] === 'u' ? 6 : 2;
  }
  map[decodedLength] = i;
  return map;
}
