// The primitive edits of a fix, written as JSON the way the text around them is written: one line
// stays one line, a multi-line object gets new lines at its own indentation, comments and trailing
// commas are kept. Only the characters of the change are touched.
import { parseTree, type ParseError } from 'jsonc-parser';
import type { Region, TreeNode } from './tree';
import { applyRegionEdits, type RegionEdit, type TreeEditor, type WriteValue } from './tree-writer';

interface Style {
  eol: string;
  unit: string;
  /** `"a": 1` rather than `"a":1`, `[1, 2]` rather than `[1,2]`. */
  spaced: boolean;
}

const styleCache = new WeakMap<Region, Style>();

function styleOf(region: Region): Style {
  let style = styleCache.get(region);
  if (!style) {
    // The start of the text shows its style; reading all of a large document would only cost time.
    const text = region.text.slice(0, 64 * 1024);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indents = text.match(/^[ \t]+(?=["{[\]}])/gm) ?? [];
    let unit = '  ';
    if (indents.some((i) => i.startsWith('\t'))) unit = '\t';
    else {
      // The step between indentation levels, not the smallest indentation: JSON in a heredoc sits
      // at the heredoc's own indentation (levels 4, 6, 8 step by 2).
      const levels = [...new Set(indents.map((i) => i.length))].sort((x, y) => x - y);
      let step = Infinity;
      for (let k = 1; k < levels.length; k++) step = Math.min(step, levels[k] - levels[k - 1]);
      const size = step >= 2 && step <= 8 ? step : levels[0];
      if (size !== undefined && size > 0 && size <= 8) unit = ' '.repeat(size);
    }
    const spaced = !/"\s*:[^\s]/.test(text.slice(0, 4096)) || /"\s*:\s/.test(text.slice(0, 4096));
    style = { eol, unit, spaced };
    styleCache.set(region, style);
  }
  return style;
}

function isWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

export class JsonEditor implements TreeEditor {
  constructor(readonly region: Region) {}

  /** Read on the first fix: most policies never need one. */
  private get style(): Style {
    return styleOf(this.region);
  }

  private get text(): string {
    return this.region.text;
  }

  private lineStart(offset: number): number {
    let i = offset;
    while (i > 0 && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  /** The indentation of the line `offset` is on. */
  private indentAt(offset: number): string {
    const start = this.lineStart(offset);
    let end = start;
    while (this.text[end] === ' ' || this.text[end] === '\t') end++;
    return this.text.slice(start, end);
  }

  /** Whether only white space stands before `offset` on its line. */
  private startsLine(offset: number): boolean {
    const start = this.lineStart(offset);
    return /^[ \t]*$/.test(this.text.slice(start, offset));
  }

  private spans(node: TreeNode): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }

  private multiline(node: TreeNode): boolean {
    return !this.region.compact && this.spans(node).includes('\n');
  }

  /** After a value: a comma that follows it (skipping white space and comments), and where its line ends if nothing else is on it. */
  private after(end: number): { comma?: number; lineEnd?: number } {
    const t = this.text;
    let i = end;
    let comma: number | undefined;
    for (;;) {
      while (t[i] === ' ' || t[i] === '\t') i++;
      if (t.startsWith('/*', i)) {
        const close = t.indexOf('*/', i + 2);
        if (close < 0 || t.slice(i, close).includes('\n')) return { comma };
        i = close + 2;
        continue;
      }
      if (t[i] === ',' && comma === undefined) {
        comma = i;
        i++;
        continue;
      }
      if (t.startsWith('//', i)) {
        let j = i;
        while (j < t.length && t[j] !== '\n' && t[j] !== '\r') j++;
        return { comma, lineEnd: j };
      }
      if (i >= t.length || t[i] === '\n' || t[i] === '\r') return { comma, lineEnd: i };
      return { comma };
    }
  }

  private inline(value: WriteValue): string {
    const { spaced } = this.style;
    if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map((v) => this.inline(v)).join(spaced ? ', ' : ',')}]`;
    const entries = Object.entries(value as Record<string, WriteValue>).map(([k, v]) => `${JSON.stringify(k)}${spaced ? ': ' : ':'}${this.inline(v)}`);
    return spaced ? `{ ${entries.join(', ')} }` : `{${entries.join(',')}}`;
  }

  /** A value on lines of its own below `indent`; one-item lists and scalars stay on the line. */
  private block(value: WriteValue, indent: string): string {
    const { eol, unit } = this.style;
    if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
    const inner = indent + unit;
    if (Array.isArray(value)) {
      if (value.length <= 1) return this.inline(value);
      return `[${eol}${value.map((v) => inner + this.block(v, inner)).join(`,${eol}`)}${eol}${indent}]`;
    }
    const entries = Object.entries(value as Record<string, WriteValue>);
    if (entries.length === 0) return '{}';
    return `{${eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${this.block(v, inner)}`).join(`,${eol}`)}${eol}${indent}}`;
  }

  /** Written on lines of its own when the property starts its line in a multi-line object. */
  private render(value: WriteValue, at: TreeNode, container: TreeNode | undefined): string {
    const multiline = container !== undefined && this.multiline(container) && this.startsLine(at.offset);
    return multiline ? this.block(value, this.indentAt(at.offset)) : this.inline(value);
  }

  replaceProperty(prop: TreeNode, value: WriteValue, key?: string): RegionEdit[] | undefined {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) return undefined;
    const edits: RegionEdit[] = [];
    if (key !== undefined) edits.push({ start: keyNode.offset, end: keyNode.offset + keyNode.length, text: JSON.stringify(key) });
    const container = prop.parent;
    const text = this.multiline(valueNode) ? this.block(value, this.indentAt(prop.offset)) : this.render(value, prop, container);
    edits.push({ start: valueNode.offset, end: valueNode.offset + valueNode.length, text });
    return edits;
  }

  addProperty(object: TreeNode, key: string, value: WriteValue): RegionEdit[] | undefined {
    if (object.type !== 'object') return undefined;
    const { eol, unit, spaced } = this.style;
    const colon = spaced ? ': ' : ':';
    const props = object.children ?? [];
    if (props.length === 0) {
      const multiline = this.multiline(object) || (!this.region.compact && this.startsLine(object.offset) && typeof value === 'object');
      if (!multiline) return [{ start: object.offset, end: object.offset + object.length, text: `{ ${JSON.stringify(key)}${colon}${this.inline(value)} }` }];
      const indent = this.indentAt(object.offset);
      const inner = indent + unit;
      return [{ start: object.offset, end: object.offset + object.length, text: `{${eol}${inner}${JSON.stringify(key)}: ${this.block(value, inner)}${eol}${indent}}` }];
    }
    const last = props[props.length - 1];
    const lastEnd = last.offset + last.length;
    const { comma, lineEnd } = this.after(lastEnd);
    if (this.multiline(object) && this.startsLine(last.offset)) {
      const indent = this.indentAt(last.offset);
      const line = `${eol}${indent}${JSON.stringify(key)}: ${this.block(value, indent)}`;
      if (lineEnd !== undefined) {
        // The new property goes on a line of its own, after any comment that ends the last one's line.
        if (comma !== undefined) return [{ start: lineEnd, end: lineEnd, text: `${line},` }];
        if (lineEnd === lastEnd) return [{ start: lastEnd, end: lastEnd, text: `,${line}` }];
        return [{ start: lastEnd, end: lastEnd, text: ',' }, { start: lineEnd, end: lineEnd, text: line }];
      }
      if (comma !== undefined) return [{ start: comma + 1, end: comma + 1, text: `${line},` }];
      return [{ start: lastEnd, end: lastEnd, text: `,${line}` }];
    }
    const entry = `${JSON.stringify(key)}${colon}${this.inline(value)}`;
    if (comma !== undefined) return [{ start: comma + 1, end: comma + 1, text: ` ${entry},` }];
    return [{ start: lastEnd, end: lastEnd, text: `${spaced ? ', ' : ','}${entry}` }];
  }

  insertCopyAfter(element: TreeNode, copy: string): RegionEdit[] | undefined {
    const parent = element.parent;
    const end = element.offset + element.length;
    if (parent?.type === 'property') {
      // A lone statement becomes a list of two.
      return [
        { start: element.offset, end: element.offset, text: '[' },
        { start: end, end, text: `${this.style.spaced ? ', ' : ','}${copy}]` },
      ];
    }
    if (parent?.type !== 'array') return undefined;
    const { eol } = this.style;
    const { comma, lineEnd } = this.after(end);
    if (this.multiline(parent) && this.startsLine(element.offset)) {
      const line = `${eol}${this.indentAt(element.offset)}${copy}`;
      if (lineEnd !== undefined) {
        if (comma !== undefined) return [{ start: lineEnd, end: lineEnd, text: `${line},` }];
        if (lineEnd === end) return [{ start: end, end, text: `,${line}` }];
        return [{ start: end, end, text: ',' }, { start: lineEnd, end: lineEnd, text: line }];
      }
      if (comma !== undefined) return [{ start: comma + 1, end: comma + 1, text: `${line},` }];
      return [{ start: end, end, text: `,${line}` }];
    }
    if (comma !== undefined) return [{ start: comma + 1, end: comma + 1, text: ` ${copy},` }];
    return [{ start: end, end, text: `${this.style.spaced ? ', ' : ','}${copy}` }];
  }

  /** Parses the changed stretch alone: the statement (and its copy) must come out as whole objects. */
  verify(element: TreeNode, edits: readonly RegionEdit[], copies: number): boolean {
    let start = element.offset;
    let end = element.offset + element.length;
    for (const e of edits) {
      start = Math.min(start, e.start);
      end = Math.max(end, e.end);
    }
    // Take in a comma or bracket an edit may have put just outside the element.
    while (start > 0 && isWhitespace(this.text[start - 1])) start--;
    const changed = applyRegionEdits(this.text.slice(start, end), start, edits);
    const errors: ParseError[] = [];
    const root = parseTree(`[${changed}]`, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length > 0 || root?.type !== 'array') return false;
    const items = root.children ?? [];
    const objects = items.length === 1 && items[0].type === 'array' ? (items[0].children ?? []) : items;
    return objects.length === 1 + copies && objects.every((o) => o.type === 'object');
  }
}
