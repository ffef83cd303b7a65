// Most documents are plain JSON: the platform's JSON.parse reads them many times faster than a
// tokenizer written in JavaScript. This gives its value the shape of jsonc-parser's nodes, and finds
// a node's place in the text only when something asks for it (a finding, a fix).
import type { Node, NodeType } from 'jsonc-parser';

const enum Char {
  Quote = 34,
  Backslash = 92,
  OpenBrace = 123,
  CloseBrace = 125,
  OpenBracket = 91,
  CloseBracket = 93,
  Comma = 44,
  Colon = 58,
  Space = 32,
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
}

function typeOf(value: unknown): NodeType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'boolean';
  }
}

/** Where reading a container's children stopped: the text after the children placed so far. */
interface Cursor {
  next: number;
  index: number;
  pending?: LazyNode;
  byKey?: Map<string, LazyNode>;
}

class LazyNode implements Node {
  readonly type: NodeType;
  readonly value: unknown;
  private kids: LazyNode[] | undefined;
  /** Set by the locator; -1 until asked for. */
  start = -1;
  size = -1;
  /** For containers: how far the locator has read their children (kept here: a Map keyed by nodes slows collection). */
  cursor: Cursor | undefined = undefined;

  constructor(
    private readonly tree: LazyTree,
    readonly parent: LazyNode | undefined,
    readonly raw: unknown,
    type?: NodeType,
    /** For property nodes: the key. */
    readonly keyText?: string,
  ) {
    this.type = type ?? typeOf(raw);
    this.value = this.type === 'object' || this.type === 'array' || this.type === 'property' ? undefined : raw;
  }

  get children(): Node[] | undefined {
    if (this.type !== 'object' && this.type !== 'array' && this.type !== 'property') return undefined;
    this.kids ??= this.makeChildren();
    return this.kids;
  }

  private makeChildren(): LazyNode[] {
    if (this.type === 'array') return (this.raw as unknown[]).map((v) => new LazyNode(this.tree, this, v));
    if (this.type === 'property') return [new LazyNode(this.tree, this, this.keyText, 'string'), new LazyNode(this.tree, this, this.raw)];
    const object = this.raw as Record<string, unknown>;
    return Object.keys(object).map((k) => new LazyNode(this.tree, this, object[k], 'property', k));
  }

  get offset(): number {
    if (this.start < 0) this.tree.placeStart(this);
    return this.start;
  }

  get length(): number {
    if (this.size < 0) this.tree.measure(this);
    return this.size;
  }
}

class LazyTree {
  constructor(readonly text: string) {}

  private skipWhitespace(i: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c !== Char.Space && c !== Char.LineFeed && c !== Char.CarriageReturn && c !== Char.Tab) return i;
      i++;
    }
  }

  /** From an opening quote to just after the closing one. */
  private skipString(i: number): number {
    const t = this.text;
    let j = i + 1;
    for (;;) {
      const quote = t.indexOf('"', j);
      let backslashes = 0;
      while (t.charCodeAt(quote - 1 - backslashes) === Char.Backslash) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      j = quote + 1;
    }
  }

  private skipValue(i: number): number {
    const t = this.text;
    const first = t.charCodeAt(i);
    if (first === Char.Quote) return this.skipString(i);
    if (first === Char.OpenBrace || first === Char.OpenBracket) {
      let depth = 0;
      let j = i;
      for (;;) {
        let c = t.charCodeAt(j);
        while (c !== Char.Quote && c !== Char.OpenBrace && c !== Char.OpenBracket && c !== Char.CloseBrace && c !== Char.CloseBracket) c = t.charCodeAt(++j);
        if (c === Char.Quote) {
          j = this.skipString(j);
          continue;
        }
        if (c === Char.OpenBrace || c === Char.OpenBracket) depth++;
        else if (--depth === 0) return j + 1;
        j++;
      }
    }
    let j = i;
    for (;;) {
      const c = t.charCodeAt(j);
      if (j >= t.length || c === Char.Comma || c === Char.CloseBrace || c === Char.CloseBracket || c === Char.Space || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Tab) return j;
      j++;
    }
  }


  measure(node: LazyNode): void {
    if (node.type === 'property') {
      const value = (node.children as LazyNode[])[1];
      node.size = value.offset + value.length - node.offset;
    } else {
      node.size = this.skipValue(node.offset) - node.offset;
    }
  }

  placeStart(node: LazyNode): void {
    const parent = node.parent;
    if (!parent) node.start = this.skipWhitespace(0);
    // A property, its key and its value are placed together, when their object is read.
    else if (parent.type === 'property') this.readUntilPlaced(parent.parent!, parent);
    else this.readUntilPlaced(parent, node);
  }

  /**
   * Reads a container's children in text order only as far as the one asked for, so finding an
   * early statement does not cost reading the whole document; reading resumes there next time.
   */
  private readUntilPlaced(container: LazyNode, target: LazyNode): void {
    const t = this.text;
    const children = container.children as LazyNode[];
    const cursor = (container.cursor ??= { next: container.offset + 1, index: 0, byKey: container.type === 'object' ? new Map(children.map((p) => [p.keyText!, p])) : undefined });
    const byKey = cursor.byKey;
    while (target.start < 0) {
      if (cursor.pending) {
        const end = cursor.pending.offset + cursor.pending.length;
        cursor.pending = undefined;
        const after = this.skipWhitespace(end);
        cursor.next = t.charCodeAt(after) === Char.Comma ? after + 1 : after;
      }
      const i = this.skipWhitespace(cursor.next);
      if (!byKey) {
        const child = children[cursor.index++];
        if (!child) return;
        child.start = i;
        cursor.pending = child;
        continue;
      }
      if (t.charCodeAt(i) !== Char.Quote) return;
      const keyEnd = this.skipString(i);
      const raw = t.slice(i + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(t.slice(i, keyEnd)) as string) : raw;
      const valueStart = this.skipWhitespace(this.skipWhitespace(keyEnd) + 1);
      const property = byKey.get(key);
      if (!property) return;
      const [keyNode, valueNode] = property.children as LazyNode[];
      property.start = i;
      keyNode.start = i;
      keyNode.size = keyEnd - i;
      valueNode.start = valueStart;
      cursor.pending = valueNode;
    }
  }
}

/** The tree of a plain-JSON text, or undefined when the text is not plain JSON (comments, errors). */
export function parseFast(text: string): { node: Node; raw: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return { node: new LazyNode(new LazyTree(text), undefined, value), raw: value };
}
