// Re-parses only what an edit touched: the innermost object or array around the change. Keeps
// keystrokes in a large policy from paying for a full parse; falls back to one whenever in doubt.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { lintDocument, tooDeep } from './lint';
import { documentFromTree, parseDocument, PARSE_OPTIONS, type JsonText } from './sources/json-text';
import type { LintOptions, LintResult } from './types';

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

export class IncrementalParser {
  private text: string | undefined;
  private root: Node | undefined;
  readonly stats: ReparseStats = { full: 0, partial: 0 };

  /** Lints the next version of the document; like lintText, it never throws on what a user types. */
  lint(text: string, options: LintOptions = {}): LintResult {
    try {
      return lintDocument(this.parse(text), options);
    } catch (error) {
      this.text = undefined;
      this.root = undefined;
      if (error instanceof RangeError) return tooDeep(text, options);
      throw error;
    }
  }

  parse(text: string): JsonText {
    const partial = this.text !== undefined && this.root ? this.reparse(this.text, this.root, text) : undefined;
    if (partial) {
      this.stats.partial++;
      this.text = text;
      return documentFromTree(text, partial, []);
    }
    this.stats.full++;
    const doc = parseDocument(text);
    this.text = text;
    // Only a tree that parsed cleanly can be patched later.
    this.root = doc.errors.length === 0 ? doc.root : undefined;
    return doc;
  }

  private reparse(oldText: string, root: Node, text: string): Node | undefined {
    const max = Math.min(oldText.length, text.length);
    let start = 0;
    while (start < max && oldText.charCodeAt(start) === text.charCodeAt(start)) start++;
    let suffix = 0;
    while (suffix < max - start && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    if (start === oldText.length && start === text.length) return root;
    const oldEnd = oldText.length - suffix;
    const container = innermostContainer(root, start, Math.max(oldEnd, start));
    if (!container || container === root) return undefined;
    const delta = text.length - oldText.length;
    const errors: ParseError[] = [];
    const replacement = parseTree(text.slice(container.offset, container.offset + container.length + delta), errors, PARSE_OPTIONS);
    if (errors.length > 0 || !replacement || replacement.type !== container.type) return undefined;

    const parent = container.parent!;
    const siblings = parent.children!;
    shift(replacement, container.offset);
    (replacement as MutableNode).parent = parent;
    siblings[siblings.indexOf(container)] = replacement;
    adjust(root, container.offset + container.length, delta, replacement);
    return root;
  }
}
