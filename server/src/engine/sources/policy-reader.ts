// Reads a policy object (`{"Version": …, "Statement": […]}`) from a TreeNode tree into the model.
// Works for every syntax that becomes a TreeNode tree: JSON, JSON in strings, YAML, HCL objects.
import type {
  ConditionElement,
  ConditionEntry,
  ListElement,
  Loc,
  PolicyValue,
  PrincipalElement,
  PrincipalEntry,
  Statement,
  TextPart,
} from '../model/types';
import { intrinsic, lastProperties, property, propertyName, propertyValue, properties } from './tree-access';
import { partsText, splitTemplate, type TemplateMode } from './template';
import type { Region, TreeNode } from './tree';

export interface ReadContext extends Region {
  /** How `${…}` in strings is read; `none` for trees whose converter already split them (HCL). */
  readonly template: TemplateMode | 'none';
  /** Template placeholders read as references, by region offset. */
  readonly placeholders?: ReadonlyMap<number, string>;
}

function locOf(ctx: ReadContext, node: TreeNode): Loc {
  return { start: ctx.toDocument(node.offset), end: ctx.toDocument(node.offset + node.length) };
}

/** A value whose place in the document is worked out only when asked (most never are). */
class NodeValue implements PolicyValue {
  private located: Loc | undefined;
  constructor(
    readonly text: string,
    readonly type: PolicyValue['type'],
    readonly parts: readonly TextPart[] | undefined,
    private readonly node: TreeNode,
    private readonly ctx: ReadContext,
  ) {}

  get loc(): Loc {
    this.located ??= locOf(this.ctx, this.node);
    return this.located;
  }
}

class NodeLoc {
  private located: Loc | undefined;
  constructor(
    private readonly locNode: TreeNode,
    private readonly ctx: ReadContext,
  ) {}
  get loc(): Loc {
    this.located ??= locOf(this.ctx, this.locNode);
    return this.located;
  }
}

function reference(ref: string, node: TreeNode, ctx: ReadContext): PolicyValue {
  return new NodeValue(`\${${ref}}`, 'reference', [{ ref }], node, ctx);
}

function fromParts(parts: readonly TextPart[], node: TreeNode, ctx: ReadContext): PolicyValue {
  const hasRef = parts.some((p) => typeof p !== 'string');
  const text = partsText(parts);
  return new NodeValue(text, hasRef ? 'reference' : 'string', hasRef ? parts : undefined, node, ctx);
}

/** The value a scalar node shows; intrinsic functions and expressions as references. */
export function readValue(node: TreeNode, ctx: ReadContext): PolicyValue {
  switch (node.type) {
    case 'string': {
      const placeholder = ctx.placeholders?.get(node.offset);
      if (placeholder !== undefined) return reference(placeholder, node, ctx);
      if (node.parts) return fromParts(node.parts, node, ctx);
      const text = node.value as string;
      if (ctx.template === 'none') return new NodeValue(text, 'string', undefined, node, ctx);
      const split = splitTemplate(text, ctx.template);
      if (!split) return new NodeValue(text, 'string', undefined, node, ctx);
      return fromParts(split.parts, node, ctx);
    }
    case 'number':
    case 'boolean':
      return new NodeValue(String(node.value), node.type, undefined, node, ctx);
    case 'null':
      return new NodeValue('null', 'null', undefined, node, ctx);
    case 'reference':
      return reference(String(node.value), node, ctx);
    case 'object': {
      const fn = intrinsic(node);
      if (fn) return readIntrinsic(fn.name, fn.argument, node, ctx);
      return reference('{…}', node, ctx);
    }
    default:
      return reference('[…]', node, ctx);
  }
}

function readIntrinsic(name: string, argument: TreeNode | undefined, node: TreeNode, ctx: ReadContext): PolicyValue {
  if (name === 'Ref' && argument?.type === 'string') return reference(String(argument.value), node, ctx);
  if (name === 'Fn::GetAtt') {
    if (argument?.type === 'string') return reference(String(argument.value), node, ctx);
    if (argument?.type === 'array') {
      const names = (argument.children ?? []).map((c) => (c.type === 'string' ? String(c.value) : '?'));
      return reference(names.join('.'), node, ctx);
    }
  }
  if (name === 'Fn::Sub') {
    const template = argument?.type === 'array' ? argument.children?.[0] : argument;
    if (template?.type === 'string' && !template.parts) {
      const variables = argument?.type === 'array' ? argument.children?.[1] : undefined;
      const split = splitTemplate(String(template.value), 'cfn-sub');
      if (!split) return new NodeValue(String(template.value), 'string', undefined, node, ctx);
      return fromParts(substitute(split.parts, variables), node, ctx);
    }
  }
  if (name === 'Fn::Join' && argument?.type === 'array') {
    const [separatorNode, listNode] = argument.children ?? [];
    const separator = separatorNode?.type === 'string' ? String(separatorNode.value) : undefined;
    if (separator !== undefined && listNode?.type === 'array') {
      const parts: TextPart[] = [];
      (listNode.children ?? []).forEach((item, i) => {
        if (i > 0 && separator) parts.push(separator);
        const value = readValue(item, ctx);
        if (value.parts) parts.push(...value.parts);
        else parts.push(value.text);
      });
      return fromParts(mergeStrings(parts), node, ctx);
    }
  }
  return reference(name, node, ctx);
}

/** `Fn::Sub` with a variable map: variables given as literal strings are substituted. */
function substitute(parts: readonly TextPart[], variables: TreeNode | undefined): TextPart[] {
  if (variables?.type !== 'object') return [...parts];
  const out = parts.map((part) => {
    if (typeof part === 'string') return part;
    const value = propertyValue(variables, part.ref);
    return value?.type === 'string' && !value.parts ? String(value.value) : part;
  });
  return mergeStrings(out);
}

function mergeStrings(parts: readonly TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  }
  return out;
}

const LIST_VALUED = new Set(['Ref', 'Fn::If', 'Fn::Split', 'Fn::FindInMap', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Transform']);

/**
 * References that are one value by definition: pseudo parameters (all but the list
 * `AWS::NotificationARNs`) and the attributes of Terraform's caller identity, partition and region.
 */
const SINGLE_VALUED_REFERENCE = /^(AWS::(AccountId|Partition|Region|StackId|StackName|URLSuffix)|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.(account_id|arn|id|user_id)|data\.aws_partition\.[A-Za-z0-9_-]+\.(partition|dns_suffix|id)|data\.aws_region\.[A-Za-z0-9_-]+\.(name|id))$/;

/** The name a reference (a Terraform expression, a CloudFormation `Ref`) points at, if it is one. */
function referenceName(node: TreeNode): string | undefined {
  if (node.type === 'reference') return String(node.value).trim();
  const fn = node.type === 'object' ? intrinsic(node) : undefined;
  return fn?.name === 'Ref' && fn.argument?.type === 'string' ? String(fn.argument.value) : undefined;
}

/**
 * An expression that may stand for several items (a list parameter, a Terraform variable).
 * `asItem`: the expression is an item of a list of principals, where a reference is one item (a
 * list in its place would make a list of lists, which IAM refuses: `identifiers = [local.account_id]`).
 */
export function mayBeList(node: TreeNode, asItem = false): boolean {
  const name = referenceName(node);
  if (name !== undefined) return !asItem && !SINGLE_VALUED_REFERENCE.test(name);
  const fn = node.type === 'object' ? intrinsic(node) : undefined;
  return !!fn && LIST_VALUED.has(fn.name);
}

/**
 * The items of an element that may be one value or a list; an expression standing for a list makes
 * it opaque. `principals`: the items are principals (see mayBeList), and `Fn::If` among them gives
 * the items of both its branches, as either may be deployed (`AWS: !If [Open, "*", !Ref Role]`
 * may make the key public); `!Ref AWS::NoValue` gives none.
 */
function readItems(node: TreeNode | undefined, ctx: ReadContext, principals = false): { items: PolicyValue[]; opaque: boolean } {
  const items: PolicyValue[] = [];
  if (!node) return { items, opaque: false };
  let opaque = !!node.choice;
  if (node.type === 'array') for (const child of node.children ?? []) opaque = addItem(items, child, ctx, principals, !node.spread, 0) || opaque;
  else opaque = addItem(items, node, ctx, principals, false, 0);
  return { items, opaque };
}

/** Adds the items `item` stands for (both branches of a principal's `Fn::If`); true when it may stand for a list we cannot see. */
function addItem(items: PolicyValue[], item: TreeNode, ctx: ReadContext, principals: boolean, asItem: boolean, depth: number): boolean {
  const fn = principals && depth < 8 && item.type === 'object' ? intrinsic(item) : undefined;
  if (fn?.name === 'Fn::If' && fn.argument?.type === 'array' && fn.argument.children?.length === 3) {
    let opaque = false;
    for (const branch of fn.argument.children.slice(1)) {
      if (referenceName(branch) === 'AWS::NoValue') continue;
      if (branch.type === 'array') for (const child of branch.children ?? []) opaque = addItem(items, child, ctx, principals, true, depth + 1) || opaque;
      else opaque = addItem(items, branch, ctx, principals, asItem, depth + 1) || opaque;
    }
    return opaque;
  }
  items.push(readValue(item, ctx));
  return mayBeList(item, principals && asItem);
}

class TreeListElement extends NodeLoc implements ListElement {
  constructor(
    readonly not: boolean,
    readonly name: string,
    readonly items: readonly PolicyValue[],
    readonly opaque: boolean,
    prop: TreeNode,
    private readonly keyNode: TreeNode,
    private readonly context: ReadContext,
  ) {
    super(prop, context);
  }
  get keyLoc(): Loc {
    return locOf(this.context, this.keyNode);
  }
}

function readList(statement: TreeNode, positive: string, negative: string, ctx: ReadContext): ListElement | undefined {
  const not = property(statement, negative);
  const prop = property(statement, positive) ?? not;
  if (!prop) return undefined;
  const isNot = prop === not;
  const { items, opaque } = readItems(prop.children?.[1], ctx);
  return new TreeListElement(isNot, propertyName(prop), items, opaque, prop, prop.children![0], ctx);
}

class TreePrincipalElement extends NodeLoc implements PrincipalElement {
  constructor(
    readonly not: boolean,
    readonly name: string,
    readonly entries: readonly PrincipalEntry[],
    readonly opaque: boolean,
    prop: TreeNode,
    private readonly keyNode: TreeNode,
    private readonly context: ReadContext,
  ) {
    super(prop, context);
  }
  get keyLoc(): Loc {
    return locOf(this.context, this.keyNode);
  }
}

function readPrincipal(statement: TreeNode, ctx: ReadContext): PrincipalElement | undefined {
  // NotPrincipal wins when both are written: it is the one that lets everyone in.
  const prop = property(statement, 'NotPrincipal') ?? property(statement, 'Principal');
  if (!prop) return undefined;
  const isNot = propertyName(prop).toLowerCase() === 'notprincipal';
  const value = prop.children?.[1];
  const entries: PrincipalEntry[] = [];
  let opaque = false;
  if (value?.type === 'object' && !intrinsic(value)) {
    for (const typeProp of lastProperties(value)) {
      const type = propertyName(typeProp);
      const read = readItems(typeProp.children?.[1], ctx, true);
      opaque ||= read.opaque;
      for (const item of read.items) entries.push({ type, value: item });
    }
  } else if (value) {
    const read = readItems(value, ctx);
    opaque = read.opaque || value.type === 'object' || value.type === 'reference';
    if (!opaque) for (const item of read.items) entries.push({ type: '*', value: item });
  }
  return new TreePrincipalElement(isNot, propertyName(prop), entries, opaque, prop, prop.children![0], ctx);
}

class TreeConditionEntry extends NodeLoc implements ConditionEntry {
  constructor(
    readonly operator: string,
    readonly key: string,
    readonly values: readonly PolicyValue[],
    readonly opaque: boolean,
    keyProp: TreeNode,
    private readonly operatorKey: TreeNode,
    private readonly keyKey: TreeNode,
    private readonly context: ReadContext,
  ) {
    super(keyProp, context);
  }
  get operatorLoc(): Loc {
    return locOf(this.context, this.operatorKey);
  }
  get keyLoc(): Loc {
    return locOf(this.context, this.keyKey);
  }
}

class TreeConditionElement extends NodeLoc implements ConditionElement {
  constructor(
    readonly entries: readonly ConditionEntry[],
    readonly opaque: boolean,
    prop: TreeNode,
    private readonly keyNode: TreeNode,
    private readonly context: ReadContext,
  ) {
    super(prop, context);
  }
  get keyLoc(): Loc {
    return locOf(this.context, this.keyNode);
  }
}

function readCondition(statement: TreeNode, ctx: ReadContext): ConditionElement | undefined {
  const prop = property(statement, 'Condition');
  if (!prop) return undefined;
  const value = prop.children?.[1];
  const entries: ConditionEntry[] = [];
  let opaque = false;
  if (value?.type === 'object' && !intrinsic(value)) {
    for (const operatorProp of lastProperties(value)) {
      const operator = propertyName(operatorProp);
      const block = operatorProp.children?.[1];
      if (block?.type !== 'object' || intrinsic(block)) {
        opaque = true;
        continue;
      }
      for (const keyProp of lastProperties(block)) {
        const read = readItems(keyProp.children?.[1], ctx);
        entries.push(new TreeConditionEntry(operator, propertyName(keyProp), read.items, read.opaque, keyProp, operatorProp.children![0], keyProp.children![0], ctx));
      }
    }
  } else if (value && value.type !== 'null') {
    opaque = true;
  }
  return new TreeConditionElement(entries, opaque, prop, prop.children![0], ctx);
}

/** Marks an element read and found absent, so it is not looked for again. */
const ABSENT = null;

/** Elements are read when a rule first asks for them: most statements are judged on two or three. */
class TreeStatement extends NodeLoc implements Statement {
  // One field per element (undefined: not read yet; null: read, absent): no closures, a stable shape.
  private sidRead: PolicyValue | null | undefined;
  private effectRead: PolicyValue | null | undefined;
  private principalRead: PrincipalElement | null | undefined;
  private actionRead: ListElement | null | undefined;
  private resourceRead: ListElement | null | undefined;
  private conditionRead: ConditionElement | null | undefined;

  constructor(
    readonly index: number,
    readonly node: TreeNode,
    private readonly context: ReadContext,
  ) {
    super(node, context);
  }

  get sid(): PolicyValue | undefined {
    if (this.sidRead === undefined) {
      const sid = propertyValue(this.node, 'Sid');
      this.sidRead = sid ? readValue(sid, this.context) : ABSENT;
    }
    return this.sidRead ?? undefined;
  }
  get effect(): PolicyValue | undefined {
    if (this.effectRead === undefined) {
      const effect = propertyValue(this.node, 'Effect');
      this.effectRead = effect ? readValue(effect, this.context) : ABSENT;
    }
    return this.effectRead ?? undefined;
  }
  get principal(): PrincipalElement | undefined {
    if (this.principalRead === undefined) this.principalRead = readPrincipal(this.node, this.context) ?? ABSENT;
    return this.principalRead ?? undefined;
  }
  get action(): ListElement | undefined {
    if (this.actionRead === undefined) this.actionRead = readList(this.node, 'Action', 'NotAction', this.context) ?? ABSENT;
    return this.actionRead ?? undefined;
  }
  get resource(): ListElement | undefined {
    if (this.resourceRead === undefined) this.resourceRead = readList(this.node, 'Resource', 'NotResource', this.context) ?? ABSENT;
    return this.resourceRead ?? undefined;
  }
  get condition(): ConditionElement | undefined {
    if (this.conditionRead === undefined) this.conditionRead = readCondition(this.node, this.context) ?? ABSENT;
    return this.conditionRead ?? undefined;
  }
}

/** A statement read from a tree, with the node a writer edits. */
export type TreeStatementOf = Statement & { readonly node: TreeNode };

/** The statement objects of a `Statement` value: a list, a lone object, and both branches of `Fn::If` (objects or lists). */
export function statementNodes(policy: TreeNode): TreeNode[] {
  const value = propertyValue(policy, 'Statement');
  if (!value) return [];
  const out: TreeNode[] = [];
  const add = (node: TreeNode | undefined, depth = 0) => {
    if (!node || depth > 8) return;
    // `Statement: !If [cond, [statements…], [statements…]]`: each branch may be a list.
    if (node.type === 'array' && depth > 0) for (const child of node.children ?? []) add(child, depth + 1);
    if (node.type === 'object') {
      const fn = intrinsic(node);
      if (!fn) out.push(node);
      else if (fn.name === 'Fn::If' && fn.argument?.type === 'array') {
        for (const branch of (fn.argument.children ?? []).slice(1)) add(branch, depth + 1);
      }
    }
  };
  if (value.type === 'array') for (const child of value.children ?? []) add(child);
  else add(value);
  return out;
}

export function readStatements(policy: TreeNode, ctx: ReadContext): TreeStatementOf[] {
  return statementNodes(policy).map((node, index) => new TreeStatement(index, node, ctx));
}

/** True when an object has a Statement made of statement-like objects. */
export function looksLikePolicy(node: TreeNode | undefined): node is TreeNode {
  if (node?.type !== 'object') return false;
  return statementNodes(node).some((s) => !!(property(s, 'Effect') || property(s, 'Action') || property(s, 'NotAction')));
}

/** Key policies (and other resource policies) name principals; identity policies don't. */
export function kindFromStatements(statements: readonly Statement[]): 'key-policy' | 'identity-policy' {
  return statements.some((s) => s.principal) ? 'key-policy' : 'identity-policy';
}

export { properties };
