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

class LazyNode implements Node {
  readonly type: NodeType;
  readonly value: unknown;
  private kids: LazyNode[] | undefined;
  /** Set by the locator; -1 until asked for. */
  start = -1;
  size = -1;

  constructor(
    private readonly tree: LazyTree,
    readonly parent: LazyNode | undefined,
    readonly raw: unknown,
    type?: NodeType,
    /** For property nodes: the key. */
    readonly key?: string,
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
    if (this.type === 'property') return [new LazyNode(this.tree, this, this.key, 'string'), new LazyNode(this.tree, this, this.raw)];
    const object = this.raw as Record<string, unknown>;
    return Object.keys(object).map((k) => new LazyNode(this.tree, this, object[k], 'property', k));
  }

  get offset(): number {
    if (this.start < 0) this.tree.locate(this);
    return this.start;
  }

  get length(): number {
    if (this.size < 0) this.tree.locate(this);
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
        const c = t.charCodeAt(j);
        if (c === Char.Quote) {
          j = this.skipString(j);
          continue;
        }
        if (c === Char.OpenBrace || c === Char.OpenBracket) depth++;
        else if (c === Char.CloseBrace || c === Char.CloseBracket) {
          depth--;
          if (depth === 0) return j + 1;
        }
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

  locate(node: LazyNode): void {
    const parent = node.parent;
    if (!parent) {
      node.start = this.skipWhitespace(0);
      node.size = this.skipValue(node.start) - node.start;
      return;
    }
    // A property and its key and value are placed together, when their object is read.
    this.placeChildren(parent.type === 'property' ? parent.parent! : parent);
  }

  /** Reads a container once and places every child, so locating many siblings costs one pass. */
  private placeChildren(container: LazyNode): void {
    const t = this.text;
    const children = container.children as LazyNode[];
    let i = container.offset + 1;
    if (container.type === 'array') {
      for (const child of children) {
        i = this.skipWhitespace(i);
        child.start = i;
        i = this.skipValue(i);
        child.size = i - child.start;
        i = this.skipWhitespace(i);
        if (t.charCodeAt(i) === Char.Comma) i++;
      }
      return;
    }
    const byKey = new Map(children.map((p) => [p.key!, p]));
    for (;;) {
      i = this.skipWhitespace(i);
      if (t.charCodeAt(i) !== Char.Quote) return;
      const keyStart = i;
      const keyEnd = this.skipString(i);
      const raw = t.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(t.slice(keyStart, keyEnd)) as string) : raw;
      i = this.skipWhitespace(keyEnd) + 1; // the colon
      const valueStart = this.skipWhitespace(i);
      const valueEnd = this.skipValue(valueStart);
      // With a repeated key, JSON.parse keeps the last value; so does this.
      const property = byKey.get(key);
      if (property) {
        const [keyNode, valueNode] = property.children as LazyNode[];
        property.start = keyStart;
        property.size = valueEnd - keyStart;
        keyNode.start = keyStart;
        keyNode.size = keyEnd - keyStart;
        valueNode.start = valueStart;
        valueNode.size = valueEnd - valueStart;
      }
      i = this.skipWhitespace(valueEnd);
      if (t.charCodeAt(i) === Char.Comma) i++;
    }
  }
}

/** The tree of a plain-JSON text, or undefined when the text is not plain JSON (comments, errors). */
export function parseFast(text: string): Node | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return new LazyNode(new LazyTree(text), undefined, value);
}
