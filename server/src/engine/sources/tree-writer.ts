// Writes the model's semantic edits for any syntax read as a TreeNode tree (JSON, JSON in a string,
// YAML, HCL objects). The syntax supplies a TreeEditor for the few primitive changes; this file
// decides what they are, so a rule's fix is written once and works in every syntax.
import type { EditValue, KeyWriter, OffsetEdit, PolicyEdit, PolicyWriter, Statement, StatementEdit } from '../model/types';
import { property, propertyName, propertyValue } from './tree-access';
import type { Region, TreeNode } from './tree';

export type WriteValue = string | boolean | readonly WriteValue[] | { readonly [key: string]: WriteValue };

/** A change in region coordinates; `text` is written as the region reads it (not yet encoded). */
export interface RegionEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface TreeEditor {
  readonly region: Region;
  /** Replaces a property's value, and its key when `key` is given. */
  replaceProperty(prop: TreeNode, value: WriteValue, key?: string): RegionEdit[] | undefined;
  /** Adds `key: value` after the last property of an object (an empty object gets it as its only one). */
  addProperty(object: TreeNode, key: string, value: WriteValue): RegionEdit[] | undefined;
  /** Inserts `copy` (the text of `element`, edited) as the next sibling; a lone value becomes a list of two. */
  insertCopyAfter(element: TreeNode, copy: string): RegionEdit[] | undefined;
  /** Whether the region text with these edits still parses, with `element` (and its copy) where it was. */
  verify(element: TreeNode, edits: readonly RegionEdit[], copies: number): boolean;
}

/** An editor that offers no edit: for text that cannot be written back exactly. */
export class ReadOnlyEditor implements TreeEditor {
  constructor(readonly region: Region) {}
  replaceProperty(): undefined {
    return undefined;
  }
  addProperty(): undefined {
    return undefined;
  }
  insertCopyAfter(): undefined {
    return undefined;
  }
  verify(): boolean {
    return false;
  }
}

const ACTION_KEYS = ['Action', 'NotAction'] as const;
const RESOURCE_KEYS = ['Resource', 'NotResource'] as const;

function one(values: readonly EditValue[]): WriteValue {
  return values.length === 1 ? values[0] : values;
}

/** The statement's property among `names`, preferring the one the reader used (the last written). */
function element(statement: TreeNode, names: readonly string[]): TreeNode | undefined {
  let found: TreeNode | undefined;
  for (const name of names) {
    const prop = property(statement, name);
    if (prop && (!found || prop.offset > found.offset)) found = prop;
  }
  return found;
}

function setElement(editor: TreeEditor, statement: TreeNode, names: readonly string[], key: string, value: WriteValue): RegionEdit[] | undefined {
  const existing = element(statement, names);
  // Two elements of one kind (Action and NotAction) are not a policy AWS accepts: leave it to the user.
  if (names.filter((n) => property(statement, n)).length > 1) return undefined;
  if (!existing) return editor.addProperty(statement, key, value);
  return editor.replaceProperty(existing, value, propertyName(existing) === key ? undefined : key);
}

function addConditionEntry(editor: TreeEditor, statement: TreeNode, operator: string, key: string, values: readonly EditValue[]): RegionEdit[] | undefined {
  const conditionProp = property(statement, 'Condition');
  if (!conditionProp) return editor.addProperty(statement, 'Condition', { [operator]: { [key]: one(values) } });
  const condition = conditionProp.children?.[1];
  if (condition?.type !== 'object') return undefined;
  const operatorProp = property(condition, operator);
  if (!operatorProp) return editor.addProperty(condition, operator, { [key]: one(values) });
  const block = operatorProp.children?.[1];
  if (block?.type !== 'object') return undefined;
  const keyProp = property(block, key);
  if (!keyProp) return editor.addProperty(block, key, one(values));
  return editor.replaceProperty(keyProp, one(values));
}

function statementEdits(editor: TreeEditor, statement: TreeNode, edit: StatementEdit): RegionEdit[] | undefined {
  switch (edit.op) {
    case 'setActions':
      return setElement(editor, statement, ACTION_KEYS, edit.not ? 'NotAction' : 'Action', one(edit.actions));
    case 'setResources':
      return setElement(editor, statement, RESOURCE_KEYS, 'Resource', one(edit.resources));
    case 'setPrincipal':
      return setElement(editor, statement, ['Principal', 'NotPrincipal'], 'Principal', { [edit.type]: one(edit.values) });
    case 'addConditionEntry':
      return addConditionEntry(editor, statement, edit.operator, edit.key, edit.values);
  }
}

function collect(editor: TreeEditor, statement: TreeNode, edits: readonly StatementEdit[]): RegionEdit[] | undefined {
  const out: RegionEdit[] = [];
  for (const edit of edits) {
    const made = statementEdits(editor, statement, edit);
    if (!made) return undefined;
    out.push(...made);
  }
  return overlapping(out) ? undefined : out;
}

function overlapping(edits: readonly RegionEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (next.start < prev.end || (next.start === prev.start && next.end === prev.end && prev.start === prev.end)) return true;
  }
  return false;
}

/** Applies region edits to a slice of the region text that starts at `base`. */
export function applyRegionEdits(text: string, base: number, edits: readonly RegionEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    out += text.slice(last, e.start - base) + e.text;
    last = e.end - base;
  }
  return out + text.slice(last);
}

function toDocument(region: Region, edits: readonly RegionEdit[]): OffsetEdit[] {
  return edits.map((e) => ({ start: region.toDocument(e.start), end: region.toDocument(e.end), text: region.encode(e.text) }));
}

/** Whether a statement can take a sibling: it sits in a Statement list, or is the lone Statement value. */
function canSplit(statement: TreeNode): boolean {
  const parent = statement.parent;
  if (parent?.type === 'array') return parent.parent?.type === 'property' && propertyName(parent.parent).toLowerCase() === 'statement';
  return parent?.type === 'property' && propertyName(parent).toLowerCase() === 'statement';
}

export class TreePolicyWriter implements PolicyWriter {
  constructor(
    private readonly editor: TreeEditor,
    private readonly nodeOf: (statement: Statement) => TreeNode | undefined,
  ) {}

  edit(statement: Statement, edits: readonly PolicyEdit[]): readonly OffsetEdit[] | undefined {
    const node = this.nodeOf(statement);
    if (!node) return undefined;
    const region = this.editor.region;
    const out: RegionEdit[] = [];
    let copies = 0;
    for (const edit of edits) {
      if (edit.op !== 'splitStatement') {
        const made = collect(this.editor, node, [edit]);
        if (!made) return undefined;
        out.push(...made);
        continue;
      }
      if (!canSplit(node)) return undefined;
      const original = collect(this.editor, node, edit.original);
      const sidProp = property(node, 'Sid');
      const copyEdits = collect(this.editor, node, edit.copy);
      if (!original || !copyEdits) return undefined;
      if (edit.copySid !== undefined && sidProp) {
        const sidEdit = this.editor.replaceProperty(sidProp, edit.copySid);
        if (!sidEdit) return undefined;
        copyEdits.push(...sidEdit);
      }
      if (overlapping(copyEdits) || copyEdits.some((e) => e.start < node.offset || e.end > node.offset + node.length)) return undefined;
      const copy = applyRegionEdits(region.text.slice(node.offset, node.offset + node.length), node.offset, copyEdits);
      const inserted = this.editor.insertCopyAfter(node, copy);
      if (!inserted) return undefined;
      out.push(...original, ...inserted);
      copies++;
    }
    if (out.length === 0 || overlapping(out)) return undefined;
    if (!this.editor.verify(node, out, copies)) return undefined;
    return toDocument(region, out);
  }
}

/** Rotation on: `EnableKeyRotation: true` in a CloudFormation key's Properties. */
export class TreeKeyWriter implements KeyWriter {
  constructor(
    private readonly editor: TreeEditor,
    private readonly resource: TreeNode,
    private readonly attribute = 'EnableKeyRotation',
  ) {}

  enableRotation(): readonly OffsetEdit[] | undefined {
    const properties = propertyValue(this.resource, 'Properties');
    let edits: RegionEdit[] | undefined;
    if (properties?.type === 'object') {
      const existing = property(properties, this.attribute);
      edits = existing ? this.editor.replaceProperty(existing, true) : this.editor.addProperty(properties, this.attribute, true);
    } else if (!properties) {
      edits = this.editor.addProperty(this.resource, 'Properties', { [this.attribute]: true });
    }
    if (!edits || !this.editor.verify(this.resource, edits, 0)) return undefined;
    return toDocument(this.editor.region, edits);
  }
}
