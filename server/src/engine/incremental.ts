// Re-parses only what an edit touched: the innermost object or array around the change. Keeps
// keystrokes in a large policy from paying for a full parse; falls back to one whenever in doubt.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { lintModelWithSuppressions, lintText, tooDeep } from './lint';
import { jsonStrictness, readParsedJson } from './sources';
import { duplicateKeyErrors, parseOptions, type JsonStrictness, type JsonText } from './sources/json-text';
import type { LintOptions, LintResult } from './types';

function jsonText(text: string, root: Node | undefined, errors: ParseError[]): JsonText {
  return { text, root, errors, template: 'plain', compact: !text.includes('\n'), toDocument: (offset) => offset, encode: (inserted) => inserted };
}

/** jsonc-parser's nodes are read-only by type; a patched tree is ours alone, so we move them in place. */
type MutableNode = { -readonly [K in keyof Node]: Node[K] };

export interface ReparseStats {
  full: number;
  partial: number;
}

/** The innermost object or array that holds [start, end) strictly inside its brackets. */
function innermostContainer(root: Node, start: number, end: number): Node | undefined {
  let found: Node | undefined;
  let node: Node | undefined = root;
  while (node) {
    if ((node.type === 'object' || node.type === 'array') && node.offset < start && end < node.offset + node.length) found = node;
    else if (node !== root && node.type !== 'property') break;
    const children: Node[] = node.children ?? [];
    node = children.find((c) => c.offset <= start && end <= c.offset + c.length);
  }
  return found;
}

function shift(node: Node, by: number): void {
  (node as MutableNode).offset += by;
  for (const child of node.children ?? []) shift(child, by);
}

/** Moves what follows the replaced container and stretches what encloses it. */
function adjust(node: Node, replacedEnd: number, delta: number, replacement: Node): void {
  if (node === replacement || node.offset + node.length < replacement.offset) return;
  if (node.offset >= replacedEnd) {
    shift(node, delta);
    return;
  }
  if (node.offset + node.length >= replacedEnd) (node as MutableNode).length += delta;
  for (const child of node.children ?? []) adjust(child, replacedEnd, delta, replacement);
}

/** Lints a JSON document parsed already. */
export function lintParsedJson(doc: JsonText, options: LintOptions = {}, strictness: JsonStrictness = 'jsonc'): LintResult {
  const read = readParsedJson(doc, strictness);
  const { findings, suppressed } = lintModelWithSuppressions(read, options);
  return { recognized: read.recognized, findings, ...(suppressed.length > 0 ? { suppressed } : {}) };
}

/** Compared a block at a time (native string equality), then character by character in the block that differs. */
const BLOCK = 1024;

/** How many characters `a` and `b` share at their start. */
export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start + BLOCK <= max && a.substring(start, start + BLOCK) === b.substring(start, start + BLOCK)) start += BLOCK;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  return start;
}

/** How many characters `a` and `b` share at their end, leaving the first `skip` of each alone. */
export function commonSuffixLength(a: string, b: string, skip: number): number {
  const max = Math.min(a.length, b.length) - skip;
  let suffix = 0;
  while (suffix + BLOCK <= max && a.substring(a.length - suffix - BLOCK, a.length - suffix) === b.substring(b.length - suffix - BLOCK, b.length - suffix)) suffix += BLOCK;
  while (suffix < max && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return suffix;
}

export class IncrementalParser {
  private text: string | undefined;
  private root: Node | undefined;
  /** Whether the current tree repeats a key somewhere. */
  private repeatsKeys = false;
  private strictness: JsonStrictness = 'jsonc';
  readonly stats: ReparseStats = { full: 0, partial: 0 };

  /** Lints the next version of the document; like lintText, it never throws on what a user types. */
  lint(text: string, options: LintOptions = {}): LintResult {
    const strictness = jsonStrictness(text, { fileName: options.fileName, languageId: options.languageId });
    // Only JSON documents are re-parsed piecewise; the other syntaxes are read whole.
    if (!strictness) {
      this.text = undefined;
      this.root = undefined;
      return lintText(text, options);
    }
    try {
      return lintParsedJson(this.parse(text, strictness), options, strictness);
    } catch (error) {
      this.text = undefined;
      this.root = undefined;
      if (error instanceof RangeError) return tooDeep(text, options);
      throw error;
    }
  }

  parse(text: string, strictness: JsonStrictness = 'jsonc'): JsonText {
    if (strictness !== this.strictness) {
      this.strictness = strictness;
      this.root = undefined;
    }
    const partial = this.text !== undefined && this.root ? this.reparse(this.text, this.root, text) : undefined;
    if (partial) {
      this.stats.partial++;
      this.text = text;
      // The edit lies strictly inside the re-parsed container, so no other object changed: a key can
      // newly repeat only inside it. A tree that repeated keys before is walked whole, to see which are left.
      const errors = this.repeatsKeys ? duplicateKeyErrors(partial.root) : partial.replacement ? duplicateKeyErrors(partial.replacement) : [];
      this.repeatsKeys = errors.length > 0;
      // In text order, as after a full parse: the first one is the one reported.
      errors.sort((x, y) => x.offset - y.offset);
      return jsonText(text, partial.root, errors);
    }
    this.stats.full++;
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, parseOptions(strictness));
    errors.push(...duplicateKeyErrors(root));
    errors.sort((a, b) => a.offset - b.offset);
    this.text = text;
    // Only a tree that parsed cleanly can be patched later.
    this.root = errors.length === 0 ? root : undefined;
    this.repeatsKeys = false;
    return jsonText(text, root, errors);
  }

  /** The patched tree and the subtree parsed anew (none when the text did not change), or undefined to parse it all. */
  private reparse(oldText: string, root: Node, text: string): { root: Node; replacement?: Node } | undefined {
    const start = commonPrefixLength(oldText, text);
    if (start === oldText.length && start === text.length) return { root };
    const suffix = commonSuffixLength(oldText, text, start);
    const oldEnd = oldText.length - suffix;
    const container = innermostContainer(root, start, Math.max(oldEnd, start));
    if (!container || container === root) return undefined;
    const delta = text.length - oldText.length;
    const errors: ParseError[] = [];
    const replacement = parseTree(text.slice(container.offset, container.offset + container.length + delta), errors, parseOptions(this.strictness));
    if (errors.length > 0 || !replacement || replacement.type !== container.type) return undefined;

    const parent = container.parent!;
    const siblings = parent.children!;
    shift(replacement, container.offset);
    (replacement as MutableNode).parent = parent;
    siblings[siblings.indexOf(container)] = replacement;
    adjust(root, container.offset + container.length, delta, replacement);
    return { root, replacement };
  }
}
