import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseFast } from './fast-json';
import { maskTemplateSyntax, type TemplateMode } from './template';
import type { Region, TreeNode } from './tree';

/**
 * A stretch of JSON the engine reads: the document itself, or the contents of a string inside it
 * (a policy stored as a JSON string, a YAML block scalar, an HCL heredoc). Offsets in `text` map
 * back to the document, so findings and fixes point at the exact characters, escapes included.
 */
export interface JsonText extends Region {
  readonly root: TreeNode | undefined;
  readonly errors: readonly ParseError[];
  /** How `${…}` inside its strings is read. */
  readonly template: TemplateMode;
  /** Template placeholders standing where a value goes (`"Resource": ${arns}`), by offset: read as references. */
  readonly placeholders?: ReadonlyMap<number, string>;
}

export type JsonStrictness = 'json' | 'jsonc';

const TOLERANT = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };
const STRICT = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false };

/** `.json` is JSON as AWS reads it; `.jsonc` and the rest tolerate comments and trailing commas. */
export function parseOptions(strictness: JsonStrictness) {
  return strictness === 'json' ? STRICT : TOLERANT;
}

/** The keys of a valid JSON text: strings followed by a colon. Native searches from quote to quote. */
function countKeysInText(t: string): number {
  let count = 0;
  let open = t.indexOf('"');
  while (open >= 0) {
    let close = open + 1;
    for (;;) {
      close = t.indexOf('"', close);
      if (close < 0) return count;
      let backslashes = 0;
      while (t.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      close++;
    }
    let k = close + 1;
    for (let c = t.charCodeAt(k); c === 32 || c === 10 || c === 13 || c === 9; c = t.charCodeAt(++k));
    if (t.charCodeAt(k) === 58) count++;
    open = t.indexOf('"', close + 1);
  }
  return count;
}

function countKeys(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else {
      const keys = Object.keys(v);
      count += keys.length;
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return count;
}

/** JSON.parse keeps the last of two equal keys silently: a text with more keys than its value has repeats one. */
function hasDuplicateKeys(text: string, value: unknown): boolean {
  const inText = countKeysInText(text);
  return inText !== countKeys(value, inText);
}

export interface JsonParse {
  root: TreeNode | undefined;
  errors: ParseError[];
}

/** Plain JSON through JSON.parse (fast, lazily located nodes); anything else through jsonc-parser. */
export function parseJson(text: string, strictness: JsonStrictness = 'jsonc'): JsonParse {
  const fast = parseFast(text);
  if (fast && !hasDuplicateKeys(text, fast.raw)) return { root: fast.node, errors: [] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, parseOptions(strictness));
  if (fast) errors.push(...duplicateKeyErrors(root));
  else if (root) errors.push(...duplicateKeyErrors(root));
  errors.sort((a, b) => a.offset - b.offset);
  return { root, errors };
}

/** ParseErrorCode has no code for a repeated key: this one is ours. */
export const DUPLICATE_KEY_ERROR = 1000;

export function duplicateKeyErrors(root: Node | undefined): ParseError[] {
  const errors: ParseError[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (key && typeof key.value === 'string') {
          if (seen.has(key.value)) errors.push({ error: DUPLICATE_KEY_ERROR as ParseError['error'], offset: key.offset, length: key.length });
          seen.add(key.value);
        }
      }
    }
    for (const child of node.children ?? []) if (child.type === 'object' || child.type === 'array' || child.type === 'property') stack.push(child);
  }
  return errors;
}

export function documentJson(text: string, strictness: JsonStrictness = 'jsonc', template: TemplateMode = 'plain'): JsonText {
  if (template === 'terraform') return templateJson(text, (o) => o, (s) => s, !text.includes('\n'));
  const { root, errors } = parseJson(text, strictness);
  return { text, root, errors, template, compact: !text.includes('\n'), toDocument: (offset) => offset, encode: (inserted) => inserted };
}

/**
 * JSON written by a template (a `.json.tpl` file, a Terraform heredoc): template syntax outside
 * strings is masked so the JSON parses; what stood in a value's place is read as a reference.
 */
export function templateJson(text: string, toDocument: (offset: number) => number, encode: (s: string) => string, compact: boolean): JsonText {
  const masked = maskTemplateSyntax(text);
  const { root, errors } = parseJson(masked?.text ?? text, 'jsonc');
  const placeholders = masked ? new Map(masked.valueSpans.map((span) => [span.start, span.ref])) : undefined;
  return { text, root, errors, template: 'terraform', placeholders, compact, toDocument, encode };
}

/**
 * The contents of a JSON string literal of `document` as JSON text of its own. The decoded text is
 * the node's value; where each decoded character came from in the document is worked out only
 * when a finding or a fix asks.
 */
export function parseStringLiteral(document: string, literal: TreeNode, template: TemplateMode = 'plain', documentOffset = (o: number) => o): JsonText {
  const decoded = literal.value as string;
  const map = new EscapeMap(document, literal.offset + 1, decoded.length);
  const toDocument = (offset: number): number => documentOffset(map.documentOffset(Math.max(0, Math.min(offset, decoded.length))));
  const encode = (inserted: string) => JSON.stringify(inserted).slice(1, -1);
  if (template === 'terraform') return templateJson(decoded, toDocument, encode, !decoded.includes('\n'));
  const { root, errors } = parseJson(decoded, 'jsonc');
  return { text: decoded, root, errors, template, compact: !decoded.includes('\n'), toDocument, encode };
}

/** Every this many decoded characters, EscapeMap keeps where the character stands in the document. */
const CHECKPOINT_EVERY = 32;

/**
 * Where each decoded character of a string literal stands in the document, worked out only as far
 * as asked: a checkpoint every 32 characters (a plain array, no typed-array buffer to collect), and
 * at most 31 characters walked from the nearest one.
 */
class EscapeMap {
  /** checkpoints[i]: the document offset of decoded character i * CHECKPOINT_EVERY. */
  private readonly checkpoints: number[];
  /** The decoded character the walk has reached, and where it stands. */
  private reached = 0;
  private next: number;

  constructor(
    private readonly document: string,
    start: number,
    private readonly decodedLength: number,
  ) {
    this.next = start;
    this.checkpoints = [start];
  }

  /** The width in the document of the character at `at`: an escape or one character. */
  private widthAt(at: number): number {
    if (this.document.charCodeAt(at) !== 92 /* backslash */) return 1;
    return this.document.charCodeAt(at + 1) === 117 /* u */ ? 6 : 2;
  }

  /** The document offset of decoded character `k`; `decodedLength` gives the closing quote. */
  documentOffset(k: number): number {
    k = Math.max(0, Math.min(k, this.decodedLength));
    // Walk the unread part up to k, noting checkpoints on the way.
    while (this.reached < k) {
      this.next += this.widthAt(this.next);
      this.reached++;
      if (this.reached % CHECKPOINT_EVERY === 0) this.checkpoints.push(this.next);
    }
    if (this.reached === k) return this.next;
    const base = Math.floor(k / CHECKPOINT_EVERY);
    let at = this.checkpoints[base];
    for (let i = base * CHECKPOINT_EVERY; i < k; i++) at += this.widthAt(at);
    return at;
  }
}
