// Fixes written as HCL, the way `terraform fmt` leaves a file: attributes aligned on `=` where their
// neighbours are, two-space indentation, one element per line in multi-line lists and objects.
import { HCL_EXPRESSION } from '../../model/types';
import { documentRegion, type Region, type TreeNode } from '../tree';
import { applyRegionEdits, type RegionEdit, type TreeEditor, type WriteValue } from '../tree-writer';
import type { Attribute, Block } from './blocks';
import { parsesCleanly } from './hcl';
import { indentAt, lineEnd, lineStart, startsLine, styleOfText, type TextStyle } from '../text-style';

export { indentAt, lineEnd, lineStart, startsLine, styleOfText, type TextStyle };

export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

export function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key);
}

/** An HCL expression a fix writes as it is (`{"${}": "data.aws_caller_identity.current.account_id"}`). */
function expressionOf(value: WriteValue): string | undefined {
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, WriteValue>);
  return entries.length === 1 && entries[0][0] === HCL_EXPRESSION && typeof entries[0][1] === 'string' ? entries[0][1] : undefined;
}

export function hclInline(value: WriteValue): string {
  if (typeof value === 'string') return hclString(value);
  const expression = expressionOf(value);
  if (expression !== undefined) return expression;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(hclInline).join(', ')}]`;
  const entries = Object.entries(value as Record<string, WriteValue>);
  return `{ ${entries.map(([k, v]) => `${hclKey(k)} = ${hclInline(v)}`).join(', ')} }`;
}

/** A value over several lines below `indent` (lists with more than one item, objects). */
export function hclBlock(value: WriteValue, indent: string, unit: string, eol: string): string {
  if (typeof value === 'string' || typeof value === 'boolean' || expressionOf(value) !== undefined) return hclInline(value);
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length <= 1) return hclInline(value);
    return `[${eol}${value.map((v) => `${inner}${hclBlock(v, inner, unit, eol)},`).join(eol)}${eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, WriteValue>);
  if (entries.length === 0) return '{}';
  const width = Math.max(...entries.map(([k]) => hclKey(k).length));
  return `{${eol}${entries.map(([k, v]) => `${inner}${hclKey(k).padEnd(width)} = ${hclBlock(v, inner, unit, eol)}`).join(eol)}${eol}${indent}}`;
}

/**
 * The column where `=` sits for a run of single-line attributes, when they are aligned (as
 * `terraform fmt` aligns them), so a new attribute can join the alignment.
 */
function alignedEquals(text: string, entries: readonly { nameStart: number; nameEnd: number; valueStart: number }[]): number | undefined {
  const columns = entries.map((e) => {
    const between = text.slice(e.nameEnd, e.valueStart);
    const at = between.search(/[=:]/);
    return at < 0 ? undefined : e.nameEnd + at - lineStart(text, e.nameStart);
  });
  if (columns.length < 2 || columns.some((c) => c === undefined)) return undefined;
  return columns.every((c) => c === columns[0]) ? columns[0] : undefined;
}

/** `name = value` written at `indent`, aligned with its neighbours where they are aligned. */
function attributeLine(text: string, name: string, valueText: string, indent: string, neighbours: readonly { nameStart: number; nameEnd: number; valueStart: number }[]): string {
  const column = alignedEquals(text, neighbours.slice(-8));
  const key = hclKey(name);
  // `column` is where `=` stands; the key is padded so that ` = ` puts it there.
  const padded = column !== undefined && indent.length + key.length + 1 <= column ? key.padEnd(column - indent.length - 1) : key;
  return `${indent}${padded} = ${valueText}`;
}

/** Edits objects of `jsonencode({...})`, read as HclNodes. */
export class HclObjectEditor implements TreeEditor {
  readonly region: Region;
  private readonly style: TextStyle;

  constructor(private readonly text: string) {
    this.region = documentRegion(text);
    this.style = styleOfText(text);
  }

  private multiline(node: TreeNode): boolean {
    return this.text.slice(node.offset, node.offset + node.length).includes('\n');
  }

  private render(value: WriteValue, at: TreeNode, container: TreeNode | undefined, oldValue?: TreeNode): string {
    const block = (oldValue && this.multiline(oldValue)) || (container !== undefined && this.multiline(container) && startsLine(this.text, at.offset) && typeof value === 'object');
    return block ? hclBlock(value, indentAt(this.text, at.offset), this.style.unit, this.style.eol) : hclInline(value);
  }

  replaceProperty(prop: TreeNode, value: WriteValue, key?: string): RegionEdit[] | undefined {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) return undefined;
    const edits: RegionEdit[] = [];
    if (key !== undefined) {
      const quoted = this.text[keyNode.offset] === '"';
      edits.push({ start: keyNode.offset, end: keyNode.offset + keyNode.length, text: quoted ? hclString(key) : hclKey(key) });
    }
    edits.push({ start: valueNode.offset, end: valueNode.offset + valueNode.length, text: this.render(value, prop, prop.parent, valueNode) });
    return edits;
  }

  addProperty(object: TreeNode, key: string, value: WriteValue): RegionEdit[] | undefined {
    if (object.type !== 'object') return undefined;
    const props = object.children ?? [];
    const { eol, unit } = this.style;
    if (props.length === 0) {
      const indent = indentAt(this.text, object.offset);
      const text = this.multiline(object)
        ? `{${eol}${indent}${unit}${hclKey(key)} = ${hclBlock(value, indent + unit, unit, eol)}${eol}${indent}}`
        : `{ ${hclKey(key)} = ${hclInline(value)} }`;
      return [{ start: object.offset, end: object.offset + object.length, text }];
    }
    const last = props[props.length - 1];
    const lastEnd = last.offset + last.length;
    const afterLast = this.text.slice(lastEnd, object.offset + object.length);
    const comma = /^[ \t]*,/.exec(afterLast);
    if (this.multiline(object) && startsLine(this.text, last.offset)) {
      const indent = indentAt(this.text, last.offset);
      const neighbours = props
        .filter((p) => !this.multiline(p))
        .map((p) => ({ nameStart: p.children![0].offset, nameEnd: p.children![0].offset + p.children![0].length, valueStart: p.children![1].offset }));
      const line = attributeLine(this.text, key, hclBlock(value, indent, unit, eol), indent, neighbours) + (comma ? ',' : '');
      const at = lineEnd(this.text, lastEnd);
      // The last element's line must end with it (or its comma, or a comment), or the new line would split it.
      if (!/^[ \t]*,?[ \t]*(#.*|\/\/.*)?$/.test(this.text.slice(lastEnd, at))) return undefined;
      return [{ start: at, end: at, text: `${eol}${line}` }];
    }
    const entry = `${hclKey(key)} = ${hclInline(value)}`;
    if (comma) return [{ start: lastEnd + comma[0].length, end: lastEnd + comma[0].length, text: ` ${entry},` }];
    return [{ start: lastEnd, end: lastEnd, text: `, ${entry}` }];
  }

  insertCopyAfter(element: TreeNode, copy: string): RegionEdit[] | undefined {
    const parent = element.parent;
    const end = element.offset + element.length;
    if (parent?.type === 'property') {
      return [
        { start: element.offset, end: element.offset, text: '[' },
        { start: end, end, text: `, ${copy}]` },
      ];
    }
    if (parent?.type !== 'array') return undefined;
    const comma = /^[ \t]*,/.exec(this.text.slice(end));
    if (this.multiline(parent) && startsLine(this.text, element.offset)) {
      const line = `${this.style.eol}${indentAt(this.text, element.offset)}${copy}`;
      if (comma) return [{ start: end + comma[0].length, end: end + comma[0].length, text: `${line},` }];
      return [{ start: end, end, text: `,${line}` }];
    }
    if (comma) return [{ start: end + comma[0].length, end: end + comma[0].length, text: ` ${copy},` }];
    return [{ start: end, end, text: `, ${copy}` }];
  }

  verify(_element: TreeNode, edits: readonly RegionEdit[]): boolean {
    return parsesCleanly(applyRegionEdits(this.text, 0, edits));
  }
}

/** Block edits: attributes and nested blocks of `resource` / `data` / `statement` blocks. */
export class HclBlockEditor {
  readonly style: TextStyle;
  constructor(readonly text: string) {
    this.style = styleOfText(text);
  }

  /** The indentation of the block's attributes (one unit deeper than the block's own line). */
  bodyIndent(block: Block): string {
    const first = block.attributeList[0] ?? block.blocks[0];
    if (first && startsLine(this.text, first.start)) return indentAt(this.text, first.start);
    return indentAt(this.text, block.start) + this.style.unit;
  }

  /**
   * Replaces an attribute's value, and its name when `name` differs. Renamed within a run of
   * attributes aligned on `=` (as `terraform fmt` leaves them), the run is aligned again for the
   * new name: `not_actions` becoming `actions` no longer leaves `resources   =` behind.
   */
  replaceAttribute(attribute: Attribute, valueText: string, name?: string, block?: Block): RegionEdit[] {
    const edits: RegionEdit[] = [];
    if (name !== undefined && name !== attribute.name) edits.push(...this.rename(attribute, name, block, valueText.includes('\n')));
    edits.push({ start: attribute.valueStart, end: attribute.valueEnd, text: valueText });
    return edits;
  }

  /**
   * The edits that rename `attribute` and keep its run aligned. A value now over several lines
   * takes the attribute out of the run (`terraform fmt` aligns one-line attributes only): the
   * attributes before and after it are then aligned on their own.
   */
  private rename(attribute: Attribute, name: string, block: Block | undefined, multiline: boolean): RegionEdit[] {
    const run = block ? this.alignedRun(block, attribute) : undefined;
    if (!run) return [{ start: attribute.nameStart, end: attribute.nameEnd, text: name }];
    const at = run.indexOf(attribute);
    const groups = multiline ? [run.slice(0, at), [attribute], run.slice(at + 1)] : [run];
    const nameOf = (a: Attribute) => (a === attribute ? name : a.name);
    const edits: RegionEdit[] = [];
    for (const group of groups) {
      const width = Math.max(...group.map((a) => nameOf(a).length));
      for (const a of group) {
        const equals = a.nameEnd + this.text.slice(a.nameEnd, a.valueStart).indexOf('=');
        const own = a === attribute;
        edits.push({ start: own ? a.nameStart : a.nameEnd, end: equals, text: `${own ? name : ''}${' '.repeat(width - nameOf(a).length + 1)}` });
      }
    }
    return edits;
  }

  /** The run of one-line attributes on consecutive lines around `attribute`, when their `=` are aligned. */
  private alignedRun(block: Block, attribute: Attribute): Attribute[] | undefined {
    const lineOf = (offset: number) => lineStart(this.text, offset);
    const single = block.attributeList.filter((a) => !this.text.slice(a.start, a.end).includes('\n')).sort((x, y) => x.start - y.start);
    const at = single.indexOf(attribute);
    if (at < 0) return undefined;
    const nextLine = (a: Attribute) => {
      const newline = this.text.indexOf('\n', a.end);
      return newline < 0 ? -1 : newline + 1;
    };
    let first = at;
    while (first > 0 && nextLine(single[first - 1]) === lineOf(single[first].start)) first--;
    let last = at;
    while (last + 1 < single.length && nextLine(single[last]) === lineOf(single[last + 1].start)) last++;
    const run = single.slice(first, last + 1);
    return alignedEquals(this.text, run) !== undefined ? run : undefined;
  }

  /** A value for an attribute of `block`: one line, or one item per line for longer lists. */
  renderAttributeValue(block: Block, value: WriteValue, multiline: boolean): string {
    const indent = this.bodyIndent(block);
    return multiline ? hclBlock(value, indent, this.style.unit, this.style.eol) : hclInline(value);
  }

  /** Adds `name = value` after the block's last attribute (or at the top of its body). */
  addAttribute(block: Block, name: string, valueText: string): RegionEdit[] | undefined {
    const indent = this.bodyIndent(block);
    const { eol } = this.style;
    const last = block.attributeList[block.attributeList.length - 1];
    const neighbours = block.attributeList.filter((a) => !this.text.slice(a.start, a.end).includes('\n'));
    const line = attributeLine(this.text, name, valueText, indent, neighbours);
    if (last) {
      const at = lineEnd(this.text, last.end);
      return [{ start: at, end: at, text: `${eol}${line}` }];
    }
    if (!this.text.slice(block.bodyStart, block.bodyEnd).includes('\n')) return undefined;
    const at = lineEnd(this.text, block.bodyStart);
    return [{ start: at, end: at, text: `${eol}${line}` }];
  }

  /** Inserts `blockText` (written at `indent`, lines joined by eol) after `after`, or at the end of `block`'s body. */
  insertBlock(block: Block, blockText: string, after?: { end: number }): RegionEdit[] | undefined {
    const { eol } = this.style;
    const anchor = after ?? block.blocks[block.blocks.length - 1] ?? block.attributeList[block.attributeList.length - 1];
    if (!anchor) return undefined;
    const at = lineEnd(this.text, anchor.end);
    return [{ start: at, end: at, text: `${eol}${blockText}` }];
  }

  /** Removes a nested block with its line. */
  removeBlock(nested: Block): RegionEdit {
    const start = lineStart(this.text, nested.start);
    const end = lineEnd(this.text, nested.end);
    const newlineEnd = this.text[end] === '\r' ? end + 2 : end + 1;
    return { start: startsLine(this.text, nested.start) ? start : nested.start, end: Math.min(this.text.length, newlineEnd), text: '' };
  }

  verify(edits: readonly RegionEdit[]): boolean {
    return parsesCleanly(applyRegionEdits(this.text, 0, edits));
  }
}
