// `data "aws_iam_policy_document"`: statements written as HCL blocks (`statement`, `principals`,
// `condition`, `actions`…), read into the model and fixed as blocks.
import type {
  ConditionElement,
  ConditionEntry,
  EditValue,
  ListElement,
  Loc,
  OffsetEdit,
  OwnAccountExpression,
  Policy,
  PolicyEdit,
  PolicyValue,
  PolicyWriter,
  PrincipalElement,
  PrincipalEntry,
  Statement,
  StatementEdit,
} from '../../model/types';
import type { PolicyKind } from '../../types';
import { mayBeList, readValue, type ReadContext } from '../policy-reader';
import { documentRegion } from '../tree';
import { applyRegionEdits, type RegionEdit, type WriteValue } from '../tree-writer';
import type { Attribute, Block } from './blocks';
import type { HclNode } from './expressions';
import { hclInline, hclString, HclBlockEditor, indentAt, lineEnd, lineStart } from './hcl-editor';

const loc = (start: number, end: number): Loc => ({ start, end });

/**
 * A policy document writes IAM policy variables as `&{aws:username}` (`${…}` is Terraform's own
 * interpolation) and renders them as `${aws:username}`: read them as the policy will have them.
 */
function policyVariables(value: PolicyValue): PolicyValue {
  if (value.parts || !value.text.includes('&{')) return value;
  return {
    text: value.text.replace(/&\{/g, '${'),
    type: value.type,
    parts: undefined,
    get loc() {
      return value.loc;
    },
  };
}

function itemsOf(node: HclNode, ctx: ReadContext, principals = false): { items: PolicyValue[]; opaque: boolean } {
  if (node.type === 'array') return { items: (node.children ?? []).map((c) => policyVariables(readValue(c, ctx))), opaque: !!node.choice || (node.children ?? []).some((c) => mayBeList(c, principals && !node.spread)) };
  return { items: [policyVariables(readValue(node, ctx))], opaque: mayBeList(node) };
}

function listElement(block: Block, positive: string, negative: string, ctx: ReadContext): ListElement | undefined {
  const attribute = block.attributes.get(negative) ?? block.attributes.get(positive);
  if (!attribute) return undefined;
  const { items, opaque } = itemsOf(attribute.value, ctx);
  return { not: attribute.name === negative, name: attribute.name, loc: loc(attribute.start, attribute.end), keyLoc: loc(attribute.nameStart, attribute.nameEnd), items, opaque };
}

function principalElement(block: Block, ctx: ReadContext): PrincipalElement | undefined {
  const notBlocks = block.blocks.filter((b) => b.type === 'not_principals');
  const blocks = notBlocks.length > 0 ? notBlocks : block.blocks.filter((b) => b.type === 'principals');
  const dynamic = block.blocks.some((b) => b.type === 'dynamic' && (b.labels[0] === 'principals' || b.labels[0] === 'not_principals'));
  if (blocks.length === 0) {
    if (!dynamic) return undefined;
    const d = block.blocks.find((b) => b.type === 'dynamic')!;
    return { not: false, name: 'principals', loc: loc(d.start, d.end), keyLoc: loc(d.typeStart, d.typeEnd), entries: [], opaque: true };
  }
  const entries: PrincipalEntry[] = [];
  let opaque = dynamic;
  for (const b of blocks) {
    const typeAttr = b.attributes.get('type');
    const identifiers = b.attributes.get('identifiers');
    const type = typeAttr?.value.type === 'string' && !typeAttr.value.parts ? String(typeAttr.value.value) : undefined;
    if (!type || !identifiers) {
      opaque = true;
      continue;
    }
    const read = itemsOf(identifiers.value, ctx, true);
    opaque ||= read.opaque;
    // `identifiers` is a list: an expression in its place (not in brackets) stands for several principals.
    const several = identifiers.value.type !== 'array' && identifiers.value.type === 'reference';
    // `type = "*"` with identifiers ["*"] is how Terraform writes `"Principal": "*"`.
    for (const item of read.items) entries.push({ type: type === '*' ? '*' : type, value: item, ...(several ? { several } : {}) });
  }
  const first = blocks[0];
  return { not: notBlocks.length > 0, name: first.type, loc: loc(first.start, blocks[blocks.length - 1].end), keyLoc: loc(first.typeStart, first.typeEnd), entries, opaque };
}

function conditionElement(block: Block, ctx: ReadContext): ConditionElement | undefined {
  const blocks = block.blocks.filter((b) => b.type === 'condition');
  const dynamic = block.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'condition');
  if (blocks.length === 0 && !dynamic) return undefined;
  const entries: ConditionEntry[] = [];
  let opaque = dynamic;
  for (const b of blocks) {
    const test = b.attributes.get('test');
    const variable = b.attributes.get('variable');
    const values = b.attributes.get('values');
    const text = (a: Attribute | undefined) => (a?.value.type === 'string' && !a.value.parts ? String(a.value.value) : undefined);
    const operator = text(test);
    const key = text(variable);
    if (!operator || !key || !values) {
      opaque = true;
      continue;
    }
    const read = itemsOf(values.value, ctx);
    entries.push({ operator, key, values: read.items, loc: loc(b.start, b.end), operatorLoc: loc(test!.valueStart, test!.valueEnd), keyLoc: loc(variable!.valueStart, variable!.valueEnd), opaque: read.opaque });
  }
  const span = blocks.length > 0 ? loc(blocks[0].start, blocks[blocks.length - 1].end) : loc(block.start, block.start);
  const keyLoc = blocks.length > 0 ? loc(blocks[0].typeStart, blocks[0].typeEnd) : span;
  return { loc: span, keyLoc, entries, opaque };
}

class BlockStatement implements Statement {
  readonly sid?: PolicyValue;
  readonly effect: PolicyValue;
  readonly principal?: PrincipalElement;
  readonly action?: ListElement;
  readonly resource?: ListElement;
  readonly condition?: ConditionElement;
  readonly loc: Loc;

  constructor(
    readonly index: number,
    readonly block: Block,
    ctx: ReadContext,
    /** The `content` of a `dynamic "statement"`: edited in place, never copied (a dynamic block has one content). */
    readonly dynamicContent = false,
  ) {
    this.loc = loc(block.start, block.end);
    const sid = block.attributes.get('sid');
    if (sid) this.sid = readValue(sid.value, ctx);
    const effect = block.attributes.get('effect');
    // Terraform's default effect is Allow.
    this.effect = effect ? readValue(effect.value, ctx) : { text: 'Allow', type: 'string', loc: loc(block.typeStart, block.typeEnd) };
    this.principal = principalElement(block, ctx);
    this.action = listElement(block, 'actions', 'not_actions', ctx);
    this.resource = listElement(block, 'resources', 'not_resources', ctx);
    this.condition = conditionElement(block, ctx);
  }
}

/** Writes semantic edits as changes to `statement { … }` blocks. */
class PolicyDocumentWriter implements PolicyWriter {
  private readonly editor: HclBlockEditor;
  constructor(text: string) {
    this.editor = new HclBlockEditor(text);
  }

  private listValue(block: Block, values: readonly EditValue[], existing?: Attribute): string {
    const multiline = existing ? this.editor.text.slice(existing.valueStart, existing.valueEnd).includes('\n') || values.length > 3 : values.length > 3;
    return this.editor.renderAttributeValue(block, values as WriteValue, multiline);
  }

  private setList(block: Block, positive: string, negative: string, wanted: string, values: readonly EditValue[]): RegionEdit[] | undefined {
    const positiveAttr = block.attributes.get(positive);
    const negativeAttr = block.attributes.get(negative);
    if (positiveAttr && negativeAttr) return undefined;
    const existing = positiveAttr ?? negativeAttr;
    const value = this.listValue(block, values, existing);
    if (existing) return this.editor.replaceAttribute(existing, value, wanted, block);
    return this.editor.addAttribute(block, wanted, value);
  }

  private blockText(indent: string, type: string, attributes: [string, string][]): string {
    const { eol, unit } = this.editor.style;
    const width = Math.max(...attributes.map(([k]) => k.length));
    return [`${indent}${type} {`, ...attributes.map(([k, v]) => `${indent}${unit}${k.padEnd(width)} = ${v}`), `${indent}}`].join(eol);
  }

  private statementEdits(block: Block, edit: StatementEdit): RegionEdit[] | undefined {
    const indent = this.editor.bodyIndent(block);
    switch (edit.op) {
      case 'setActions':
        return this.setList(block, 'actions', 'not_actions', edit.not ? 'not_actions' : 'actions', edit.actions);
      case 'setResources':
        return this.setList(block, 'resources', 'not_resources', 'resources', edit.resources);
      case 'setPrincipal': {
        const old = block.blocks.filter((b) => b.type === 'principals' || b.type === 'not_principals' || (b.type === 'dynamic' && /principals$/.test(b.labels[0] ?? '')));
        const text = this.blockText(indent, 'principals', [
          ['type', hclString(edit.type)],
          ['identifiers', hclInline(edit.values as WriteValue)],
        ]);
        if (old.length === 0) return this.editor.insertBlock(block, text);
        const [first, ...rest] = old;
        const start = lineStart(this.editor.text, first.start);
        const edits: RegionEdit[] = [{ start, end: lineEnd(this.editor.text, first.end), text }];
        for (const other of rest) edits.push(this.editor.removeBlock(other));
        return edits;
      }
      case 'addConditionEntry': {
        const conditions = block.blocks.filter((b) => b.type === 'condition');
        const same = conditions.find((c) => {
          const test = c.attributes.get('test')?.value;
          const variable = c.attributes.get('variable')?.value;
          return String(test?.value).toLowerCase() === edit.operator.toLowerCase() && String(variable?.value).toLowerCase() === edit.key.toLowerCase();
        });
        const values = same?.attributes.get('values');
        if (same && values) return this.editor.replaceAttribute(values, hclInline(edit.values as WriteValue));
        const text = this.blockText(indent, 'condition', [
          ['test', hclString(edit.operator)],
          ['variable', hclString(edit.key)],
          ['values', hclInline(edit.values as WriteValue)],
        ]);
        return this.editor.insertBlock(block, text, conditions[conditions.length - 1]);
      }
    }
  }

  private collect(block: Block, edits: readonly StatementEdit[]): RegionEdit[] | undefined {
    const out: RegionEdit[] = [];
    for (const edit of edits) {
      const made = this.statementEdits(block, edit);
      if (!made) return undefined;
      out.push(...made);
    }
    return out;
  }

  edit(statement: Statement, edits: readonly PolicyEdit[]): readonly OffsetEdit[] | undefined {
    if (!(statement instanceof BlockStatement)) return undefined;
    const block = statement.block;
    const out: RegionEdit[] = [];
    for (const edit of edits) {
      if (edit.op !== 'splitStatement') {
        const made = this.collect(block, [edit]);
        if (!made) return undefined;
        out.push(...made);
        continue;
      }
      if (statement.dynamicContent) return undefined;
      const original = this.collect(block, edit.original);
      const copyEdits = this.collect(block, edit.copy);
      if (!original || !copyEdits) return undefined;
      const sid = block.attributes.get('sid');
      if (edit.copySid !== undefined && sid) copyEdits.push(...this.editor.replaceAttribute(sid, hclString(edit.copySid)));
      const start = lineStart(this.editor.text, block.start);
      const end = lineEnd(this.editor.text, block.end);
      if (copyEdits.some((e) => e.start < start || e.end > end)) return undefined;
      const copy = applyRegionEdits(this.editor.text.slice(start, end), start, copyEdits);
      out.push(...original, { start: end, end, text: `${this.editor.style.eol}${copy}` });
    }
    if (out.length === 0 || !this.editor.verify(out)) return undefined;
    return out.map((e) => ({ start: e.start, end: e.end, text: e.text }));
  }
}

export function readPolicyDocument(block: Block, text: string, kind: PolicyKind | undefined, label: string, ownAccountExpression?: OwnAccountExpression): Policy {
  const ctx: ReadContext = { ...documentRegion(text), template: 'none' };
  // `statement` blocks, and the `content` of `dynamic "statement"` blocks: a statement its `for_each`
  // may or may not deploy, read like either branch of a conditional policy.
  const statements: BlockStatement[] = [];
  for (const b of block.blocks) {
    if (b.type === 'statement') statements.push(new BlockStatement(statements.length, b, ctx));
    else if (b.type === 'dynamic' && b.labels[0] === 'statement') {
      const content = b.blocks.find((c) => c.type === 'content');
      if (content) statements.push(new BlockStatement(statements.length, content, ctx, true));
    }
  }
  return {
    kind: kind ?? (statements.some((s) => s.principal) ? 'key-policy' : 'identity-policy'),
    statements,
    loc: loc(block.start, block.end),
    syntax: 'hcl-policy-document',
    label,
    documentAccounts: [],
    ...(ownAccountExpression ? { ownAccountExpression } : {}),
    writer: new PolicyDocumentWriter(text),
  };
}

export { indentAt };
