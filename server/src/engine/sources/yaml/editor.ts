// Fixes written as YAML the way the template already writes it: block maps get a new line at the
// indentation of their keys, flow collections stay flow, a replaced scalar keeps its quoting, new
// values are quoted only where YAML needs it. Comments and everything outside the edit stay as they
// are; an edit inside an anchored node (which aliases elsewhere share) is refused.
import { documentRegion, type Region, type TreeNode } from '../tree';
import { applyRegionEdits, type RegionEdit, type TreeEditor, type WriteValue } from '../tree-writer';
import { lineEnd, lineStart, startsLine, styleOfText, type TextStyle } from '../text-style';
import { parseYaml, type YamlTree } from './tree';

const AMBIGUOUS = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\.inf|\.nan)|[-+]?[0-9][0-9_.:eExXoObB+-]*)$/i;
/** Plain scalars that read back as the same string in block and flow context alike. */
const PLAIN_SAFE = /^[A-Za-z_/$][A-Za-z0-9_/:.$-]*$/;

type Quote = 'plain' | 'double' | 'single';

export function yamlString(value: string, quote: Quote = 'plain'): string {
  if (quote === 'single' && !/[\n\r\t\x00-\x1f\x7f]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (quote === 'plain' && PLAIN_SAFE.test(value) && !AMBIGUOUS.test(value) && !value.endsWith(':') && !value.includes('${')) return value;
  return JSON.stringify(value);
}

function scalarText(value: string | boolean, quote: Quote): string {
  return typeof value === 'boolean' ? String(value) : yamlString(value, quote);
}

/** Intrinsic functions a fix writes, in the short form CloudFormation templates use: `!Ref AWS::AccountId`. */
const SHORT_TAGS: Readonly<Record<string, string>> = { Ref: '!Ref', 'Fn::Sub': '!Sub' };

function intrinsicTag(value: WriteValue, quote: Quote): string | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, WriteValue>);
  if (entries.length !== 1) return undefined;
  const [name, argument] = entries[0];
  const tag = SHORT_TAGS[name];
  // A logical id or pseudo parameter needs no quotes (`!Ref AWS::AccountId`); a `!Sub` string follows its neighbours.
  return tag && typeof argument === 'string' ? `${tag} ${yamlString(argument, name === 'Ref' ? 'plain' : quote)}` : undefined;
}

export class YamlEditor implements TreeEditor {
  readonly region: Region;
  private readonly style: TextStyle;

  constructor(
    private readonly text: string,
    private readonly tree: YamlTree,
  ) {
    this.region = documentRegion(text);
    this.style = styleOfText(text);
  }

  private flow(node: TreeNode | undefined): boolean {
    return node ? (this.tree.info.get(node)?.flow ?? false) : false;
  }

  private quoteOf(node: TreeNode | undefined): Quote | undefined {
    const style = node ? this.tree.info.get(node)?.style : undefined;
    return style === 'QUOTE_DOUBLE' ? 'double' : style === 'QUOTE_SINGLE' ? 'single' : style === 'PLAIN' ? 'plain' : undefined;
  }

  /** How values near `container` are quoted: the first quoted scalar value below it decides, else plain. */
  private quoteNear(container: TreeNode | undefined): Quote {
    const stack: TreeNode[] = container ? [container] : [];
    let seen = 0;
    while (stack.length > 0 && seen++ < 64) {
      const node = stack.shift()!;
      if (node.type === 'string' && node.parent?.type !== 'property') {
        const q = this.quoteOf(node);
        if (q && q !== 'plain') return q;
      } else if (node.type === 'property') {
        const value = node.children?.[1];
        if (value?.type === 'string') {
          const q = this.quoteOf(value);
          if (q && q !== 'plain') return q;
        } else if (value) stack.push(value);
      } else for (const child of node.children ?? []) stack.push(child);
    }
    return 'plain';
  }

  private keyText(key: string, object: TreeNode): string {
    const firstKey = object.children?.[0]?.children?.[0];
    const quote = this.quoteOf(firstKey);
    return yamlString(key, quote === 'double' || quote === 'single' ? quote : 'plain');
  }

  private inline(value: WriteValue, quote: Quote, keyQuote: Quote): string {
    if (typeof value === 'string' || typeof value === 'boolean') return scalarText(value, quote);
    const tag = intrinsicTag(value, quote);
    if (tag) return tag;
    if (Array.isArray(value)) return `[${value.map((v) => this.inline(v, quote, keyQuote)).join(', ')}]`;
    const entries = Object.entries(value as Record<string, WriteValue>);
    return `{ ${entries.map(([k, v]) => `${yamlString(k, keyQuote)}: ${this.inline(v, quote, keyQuote)}`).join(', ')} }`;
  }

  /** A block value for `key:` at `indent`: the text after the colon (a scalar after a space, or lines below). */
  private afterColon(value: WriteValue, indent: string, quote: Quote): string {
    const { eol, unit } = this.style;
    if (typeof value === 'string' || typeof value === 'boolean') return ` ${scalarText(value, quote)}`;
    const tag = intrinsicTag(value, quote);
    if (tag) return ` ${tag}`;
    if (Array.isArray(value)) {
      if (value.length === 1 && typeof value[0] !== 'object') return ` ${scalarText(value[0] as string, quote)}`;
      if (value.some((v) => typeof v === 'object')) return ` ${this.inline(value, quote, 'plain')}`;
      return value.map((v) => `${eol}${indent}${unit}- ${scalarText(v as string, quote)}`).join('');
    }
    const entries = Object.entries(value as Record<string, WriteValue>);
    if (entries.length === 0) return ' {}';
    return entries.map(([k, v]) => `${eol}${indent}${unit}${yamlString(k)}:${this.afterColon(v, indent + unit, quote)}`).join('');
  }

  private column(offset: number): string {
    return ' '.repeat(offset - lineStart(this.text, offset));
  }

  replaceProperty(prop: TreeNode, value: WriteValue, key?: string): RegionEdit[] | undefined {
    const [keyNode, valueNode] = prop.children ?? [];
    const object = prop.parent;
    if (!keyNode || !valueNode || !object) return undefined;
    const edits: RegionEdit[] = [];
    if (key !== undefined) {
      const q = this.quoteOf(keyNode);
      edits.push({ start: keyNode.offset, end: keyNode.offset + keyNode.length, text: yamlString(key, q === 'double' || q === 'single' ? q : 'plain') });
    }
    const quote = this.quoteOf(valueNode) ?? this.quoteNear(valueNode);
    const valueEnd = valueNode.offset + valueNode.length;
    const compound = typeof value === 'object' && !(Array.isArray(value) && value.length === 1 && typeof value[0] !== 'object');
    if (this.flow(object) || !compound || this.flow(valueNode)) {
      const scalar = typeof value !== 'object' || (Array.isArray(value) && value.length === 1 && typeof value[0] !== 'object');
      const onOwnLine = valueNode.type !== 'string' && !this.flow(valueNode) && startsLine(this.text, valueNode.offset) && !this.flow(object);
      if (scalar && onOwnLine) {
        // A block list becomes one scalar: written after the key, not on a line of its own.
        const colon = this.colonEnd(keyNode, valueNode);
        if (colon !== undefined) {
          edits.push({ start: colon, end: valueEnd, text: ` ${this.inline(Array.isArray(value) ? value[0] : value, quote, 'plain')}` });
          return edits;
        }
      }
      edits.push({ start: valueNode.offset, end: valueEnd, text: this.inline(Array.isArray(value) && value.length === 1 && typeof value[0] !== 'object' ? value[0] : value, quote, this.quoteOf(keyNode) ?? 'plain') });
      return edits;
    }
    // A block value below a block key: written from the colon, one unit deeper than the key.
    const colon = this.colonEnd(keyNode, valueNode);
    if (colon === undefined) {
      edits.push({ start: valueNode.offset, end: valueEnd, text: this.inline(value, quote, 'plain') });
      return edits;
    }
    edits.push({ start: colon, end: valueEnd, text: this.afterColon(value, this.column(keyNode.offset), quote) });
    return edits;
  }

  /** Just after the `:` of a block pair, when only white space stands between it and the value. */
  private colonEnd(keyNode: TreeNode, valueNode: TreeNode): number | undefined {
    const between = this.text.slice(keyNode.offset + keyNode.length, valueNode.offset);
    const m = /^[ \t]*:/.exec(between);
    if (!m || !/^[ \t]*:[ \t\r\n]*$/.test(between)) return undefined;
    return keyNode.offset + keyNode.length + m[0].length;
  }

  addProperty(object: TreeNode, key: string, value: WriteValue): RegionEdit[] | undefined {
    if (object.type !== 'object') return undefined;
    const props = object.children ?? [];
    const quote = this.quoteNear(object);
    if (this.flow(object) || props.length === 0) {
      if (this.tree.info.get(object)?.node === undefined) return undefined;
      const keyQuote = this.quoteOf(props[0]?.children?.[0]) ?? 'plain';
      const entry = `${yamlString(key, keyQuote)}: ${this.inline(value, quote, keyQuote)}`;
      if (props.length === 0) return [{ start: object.offset, end: object.offset + object.length, text: `{ ${entry} }` }];
      const last = props[props.length - 1];
      const end = last.offset + last.length;
      return [{ start: end, end, text: `, ${entry}` }];
    }
    const firstKey = props[0].children?.[0];
    if (!firstKey) return undefined;
    const last = props[props.length - 1];
    const lastValue = last.children?.[1];
    // A kept block scalar's final blank lines are its content: a line after it would take them.
    if (lastValue && this.tree.info.get(lastValue)?.style?.startsWith('BLOCK') && /\|[0-9]*\+|>[0-9]*\+/.test(this.text.slice(lastValue.offset, lastValue.offset + 8))) return undefined;
    const indent = this.column(firstKey.offset);
    const at = lineEnd(this.text, last.offset + last.length);
    return [{ start: at, end: at, text: `${this.style.eol}${indent}${this.keyText(key, object)}:${this.afterColon(value, indent, quote)}` }];
  }

  insertCopyAfter(element: TreeNode, copy: string): RegionEdit[] | undefined {
    const parent = element.parent;
    const end = element.offset + element.length;
    if (parent?.type === 'property') {
      if (!this.flow(element)) return undefined;
      return [
        { start: element.offset, end: element.offset, text: '[' },
        { start: end, end, text: `, ${copy}]` },
      ];
    }
    if (parent?.type !== 'array') return undefined;
    if (this.flow(parent)) return [{ start: end, end, text: `, ${copy}` }];
    // `- ` stands before the element on its line.
    let dash = element.offset - 1;
    while (dash >= 0 && (this.text[dash] === ' ' || this.text[dash] === '\t')) dash--;
    if (this.text[dash] !== '-') return undefined;
    const gap = this.text.slice(dash + 1, element.offset);
    const at = lineEnd(this.text, end);
    return [{ start: at, end: at, text: `${this.style.eol}${this.column(dash)}-${gap}${copy}` }];
  }

  verify(_element: TreeNode, edits: readonly RegionEdit[]): boolean {
    for (const e of edits) {
      for (const s of this.tree.shared) if (e.start < s.end && e.end > s.start) return false;
      for (const s of this.tree.shared) if (e.start === e.end && e.start > s.start && e.start < s.end) return false;
    }
    const { doc } = parseYaml(applyRegionEdits(this.text, 0, edits));
    return doc !== undefined && doc.errors.length === 0;
  }
}


