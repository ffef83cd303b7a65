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
  const map = new EscapeMap(document, literal.offset + 1, decoded.length);
  const toDocument = (offset: number): number => map.documentOffset(Math.max(0, Math.min(offset, decoded.length)));
  return {
    text: decoded,
    root,
    errors,
    compact: !decoded.includes('\n'),
    toDocument,
    encode: (inserted) => JSON.stringify(inserted).slice(1, -1),
  };
}

/** Where each decoded character of a string literal stands in the document, worked out only as far as asked. */
class EscapeMap {
  private readonly offsets: Int32Array;
  private filled = 0;
  private next: number;

  constructor(
    private readonly document: string,
    start: number,
    private readonly decodedLength: number,
  ) {
    this.offsets = new Int32Array(decodedLength + 1);
    this.next = start;
  }

  /** The document offset of decoded character `k`; `decodedLength` gives the closing quote. */
  documentOffset(k: number): number {
    while (this.filled <= k) {
      this.offsets[this.filled++] = this.next;
      if (this.filled > this.decodedLength) break;
      if (this.document.charCodeAt(this.next) !== 92 /* backslash */) this.next++;
      else this.next += this.document[this.next + 1] === 'u' ? 6 : 2;
    }
    return this.offsets[k];
  }
}
