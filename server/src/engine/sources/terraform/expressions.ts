// HCL expressions as the engine's TreeNodes: objects, tuples, strings (with their interpolations as
// references), scalars; anything else (variables, function calls, conditionals) is a reference.
// Strings that hold JSON become regions of their own, mapped back through escapes and heredocs.
import type { TextPart } from '../../model/types';
import { templateJson, type JsonText } from '../json-text';
import type { TreeNode } from '../tree';
import type { SyntaxNode } from './hcl';

/** A TreeNode built from HCL, with document offsets. */
export class HclNode implements TreeNode {
  parent?: HclNode;
  children?: HclNode[];
  parts?: TextPart[];
  spread?: boolean;
  choice?: boolean;
  constructor(
    readonly type: TreeNode['type'],
    readonly offset: number,
    readonly length: number,
    readonly value?: unknown,
  ) {}
}

/** The expression inside `expression` wrappers, when it has no postfix (`.attr`, `[i]`, splats). */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  while (current && current.type === 'expression' && current.namedChildCount === 1) current = current.namedChildren[0] ?? undefined;
  return current;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Decodes a template literal's text: HCL escapes in quoted strings, and the template escapes
 * `$${` and `%%{` everywhere. Calls `place` for each decoded character with its source offset.
 */
export function decodeLiteral(raw: string, base: number, quoted: boolean, place?: (sourceOffset: number) => void): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (quoted && c === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1];
      if (SIMPLE_ESCAPES[next] !== undefined) {
        place?.(base + i);
        out += SIMPLE_ESCAPES[next];
        i += 2;
        continue;
      }
      const hex = next === 'u' ? raw.slice(i + 2, i + 6) : next === 'U' ? raw.slice(i + 2, i + 10) : '';
      if (hex && /^[0-9a-fA-F]+$/.test(hex) && hex.length === (next === 'u' ? 4 : 8)) {
        const decoded = String.fromCodePoint(parseInt(hex, 16));
        for (let k = 0; k < decoded.length; k++) place?.(base + i);
        out += decoded;
        i += 2 + hex.length;
        continue;
      }
    }
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      place?.(base + i);
      place?.(base + i + 2);
      out += `${c}{`;
      i += 3;
      continue;
    }
    place?.(base + i);
    out += c;
    i++;
  }
  return out;
}

/** The text of a template's parts: literal runs decoded, interpolations and directives as references. */
function templateParts(template: SyntaxNode, quoted: boolean): TextPart[] {
  const parts: TextPart[] = [];
  for (const child of template.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_literal') {
      const decoded = decodeLiteral(child.text, child.startIndex, quoted);
      const last = parts[parts.length - 1];
      if (typeof last === 'string') parts[parts.length - 1] = last + decoded;
      else parts.push(decoded);
    } else if (child.type === 'template_interpolation') {
      const inner = child.namedChildren.find((c) => c?.type === 'expression');
      parts.push({ ref: (inner?.text ?? child.text).trim() });
    } else if (child.type === 'template_directive') {
      parts.push({ ref: `%{${child.text.slice(2, -1).trim()}}` });
    }
  }
  return parts;
}

function stringNode(node: SyntaxNode, parts: TextPart[]): HclNode {
  const hasRef = parts.some((p) => typeof p !== 'string');
  const literal = parts.map((p) => (typeof p === 'string' ? p : `\${${p.ref}}`)).join('');
  const out = new HclNode('string', node.startIndex, node.endIndex - node.startIndex, literal);
  if (hasRef) out.parts = parts;
  return out;
}

/** A heredoc's lines as Terraform sees them: `<<-` strips the common indentation. */
function heredocText(node: SyntaxNode, documentText: string): string {
  const content = heredocContent(node, documentText);
  if (!content) return '';
  const raw = documentText.slice(content.start, content.end);
  const lines = raw.split('\n');
  if (!content.indented) return decodeLiteral(raw, content.start, false);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return decodeLiteral(lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length))).join('\n'), content.start, false);
}

export interface HeredocContent {
  start: number;
  end: number;
  indented: boolean;
}

/** Where a heredoc's content lies: after its opening line, up to the line of its closing identifier. */
export function heredocContent(node: SyntaxNode, documentText: string): HeredocContent | undefined {
  const identifiers = node.namedChildren.filter((c) => c?.type === 'heredoc_identifier');
  const opening = identifiers[0];
  const closing = identifiers[identifiers.length - 1];
  if (!opening || !closing || opening === closing) return undefined;
  const newline = documentText.indexOf('\n', opening.endIndex);
  if (newline < 0 || newline >= closing.startIndex) return undefined;
  let end = closing.startIndex;
  while (end > newline + 1 && documentText[end - 1] !== '\n') end--;
  const start = newline + 1;
  const indented = node.namedChildren.some((c) => c?.type === 'heredoc_start' && c.text === '<<-');
  return { start, end: Math.max(start, end - 1), indented };
}

/** The HCL expression as a TreeNode: what the policy reader reads. */
export function convert(node: SyntaxNode, documentText: string, depth = 0): HclNode {
  const expr = unwrap(node) ?? node;
  const reference = () => new HclNode('reference', expr.startIndex, expr.endIndex - expr.startIndex, expr.text);
  // Deep nesting is not a policy: treat it as something we cannot see rather than recurse without bound.
  if (depth > 200) return reference();
  switch (expr.type) {
    case 'literal_value':
      return convertLiteral(expr, documentText);
    case 'string_lit':
      return stringNode(expr, templateParts(expr, true));
    case 'template_expr': {
      const inner = expr.namedChildren[0];
      if (inner?.type === 'quoted_template') return stringNode(expr, templateParts(inner, true));
      if (inner?.type === 'heredoc_template') {
        const hasTemplate = inner.namedChildren.some((c) => c?.type === 'template_interpolation' || c?.type === 'template_directive');
        if (!hasTemplate) return new HclNode('string', expr.startIndex, expr.endIndex - expr.startIndex, heredocText(inner, documentText));
        return stringNode(expr, templateParts(inner, false));
      }
      return reference();
    }
    case 'collection_value':
      return expr.namedChildren[0] ? convert(expr.namedChildren[0], documentText, depth) : reference();
    case 'tuple': {
      const out = new HclNode('array', expr.startIndex, expr.endIndex - expr.startIndex);
      out.children = [];
      for (const child of expr.namedChildren) {
        if (!child || child.type !== 'expression') continue;
        const item = convert(child, documentText, depth + 1);
        item.parent = out;
        out.children.push(item);
      }
      return out;
    }
    case 'object': {
      const out = new HclNode('object', expr.startIndex, expr.endIndex - expr.startIndex);
      out.children = [];
      for (const element of expr.namedChildren) {
        if (!element || element.type !== 'object_elem') continue;
        const keyNode = element.childForFieldName('key');
        const valueNode = element.childForFieldName('val');
        if (!keyNode || !valueNode) continue;
        const key = objectKey(keyNode);
        if (key === undefined) continue;
        const prop = new HclNode('property', element.startIndex, element.endIndex - element.startIndex);
        const keyTree = new HclNode('string', keyNode.startIndex, keyNode.endIndex - keyNode.startIndex, key);
        const valueTree = convert(valueNode, documentText, depth + 1);
        keyTree.parent = prop;
        valueTree.parent = prop;
        prop.children = [keyTree, valueTree];
        prop.parent = out;
        out.children.push(prop);
      }
      return out;
    }
    case 'conditional': {
      // `var.open ? "*" : local.role`: either branch may be deployed. Where a list is read
      // (principals, actions, resources, condition values) it holds the items of both.
      const branches = expr.namedChildren.slice(1, 3);
      if (branches.length !== 2 || branches.some((b) => !b)) return reference();
      const items: HclNode[] = [];
      for (const branch of branches) {
        const read = convert(branch!, documentText, depth + 1);
        items.push(...(read.type === 'array' && !read.choice ? (read.children ?? []) : [read]));
      }
      return joinedList(expr, items, true);
    }
    case 'function_call': {
      const name = expr.namedChildren[0];
      const args = expr.namedChildren.find((c) => c?.type === 'function_arguments');
      const values = args?.namedChildren.filter((c) => c?.type === 'expression') ?? [];
      if (name?.type === 'identifier' && name.text === 'jsonencode' && values[0]) return convert(values[0], documentText, depth + 1);
      // `concat(["kms:Decrypt"], var.extra)`, `flatten([local.read, ["kms:Decrypt"]])`: the lists
      // written out are seen, a reference among them stands for a list we cannot see.
      if (name?.type === 'identifier' && (name.text === 'concat' || name.text === 'flatten') && values.length > 0) {
        const items: HclNode[] = [];
        const join = (node: HclNode, nesting: number): void => {
          if (node.type !== 'array' || nesting >= 8) {
            items.push(node);
            return;
          }
          // concat joins one level; flatten every level.
          for (const child of node.children ?? []) {
            if (child.type === 'array' && name.text === 'flatten') join(child, nesting + 1);
            else items.push(child);
          }
        };
        for (const value of values) if (value) join(convert(value, documentText, depth + 1), 0);
        return joinedList(expr, items, false);
      }
      // `format("arn:${local.p}:iam::${local.id}:root")`: a format with no verbs and nothing to fill
      // in is its string.
      if (name?.type === 'identifier' && name.text === 'format' && values.length === 1 && values[0]) {
        const only = convert(values[0], documentText, depth + 1);
        const literalText = only.parts ? only.parts.filter((p): p is string => typeof p === 'string').join('') : String(only.value ?? '');
        if (only.type === 'string' && !literalText.includes('%')) return only;
      }
      return reference();
    }
    default:
      return reference();
  }
}

/** An array of the items of several lists (`concat`, `flatten`, a conditional's branches). */
function joinedList(expr: SyntaxNode, items: HclNode[], choice: boolean): HclNode {
  const out = new HclNode('array', expr.startIndex, expr.endIndex - expr.startIndex);
  out.spread = true;
  if (choice) out.choice = true;
  out.children = items;
  for (const item of items) item.parent = out;
  return out;
}

/** An object key: a bare identifier, a quoted string, or (in parentheses) something we cannot see. */
export function objectKey(keyNode: SyntaxNode): string | undefined {
  const key = unwrap(keyNode);
  if (!key) return undefined;
  if (key.type === 'variable_expr' && key.namedChildCount === 1) return key.text;
  if (key.type === 'literal_value' && key.namedChildren[0]?.type === 'string_lit') return decodeLiteral(stringLiteralRaw(key.namedChildren[0]), 0, true);
  if (key.type === 'string_lit') return decodeLiteral(stringLiteralRaw(key), 0, true);
  if (key.type === 'template_expr' && key.namedChildren[0]?.type === 'quoted_template') {
    const parts = templateParts(key.namedChildren[0], true);
    return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : undefined;
  }
  return undefined;
}

function stringLiteralRaw(node: SyntaxNode): string {
  return node.namedChildren
    .filter((c) => c?.type === 'template_literal')
    .map((c) => c!.text)
    .join('');
}

function convertLiteral(node: SyntaxNode, documentText: string): HclNode {
  const inner = node.namedChildren[0];
  const at = (type: TreeNode['type'], value: unknown) => new HclNode(type, node.startIndex, node.endIndex - node.startIndex, value);
  if (!inner) return at('reference', node.text);
  switch (inner.type) {
    case 'numeric_lit':
      return at('number', Number(inner.text));
    case 'bool_lit':
      return at('boolean', inner.text === 'true');
    case 'null_lit':
      return at('null', null);
    case 'string_lit':
      return stringNode(inner, templateParts(inner, true));
    default:
      return convert(inner, documentText);
  }
}

/** A policy written as JSON inside an HCL string: a heredoc (raw lines) or a quoted string (HCL escapes). */
export function embeddedJson(node: SyntaxNode, documentText: string): JsonText | undefined {
  const expr = unwrap(node);
  if (!expr) return undefined;
  if (expr.type === 'template_expr' && expr.namedChildren[0]?.type === 'heredoc_template') {
    const content = heredocContent(expr.namedChildren[0], documentText);
    if (!content) return undefined;
    const text = documentText.slice(content.start, content.end);
    // The heredoc's own lines are the region: JSON ignores their indentation, and a fix's new lines
    // take the indentation of the lines around them, so nothing needs re-indenting.
    return templateJson(text, (offset) => content.start + offset, (inserted) => inserted, false);
  }
  const literal =
    expr.type === 'literal_value' && expr.namedChildren[0]?.type === 'string_lit'
      ? expr.namedChildren[0]
      : expr.type === 'string_lit'
        ? expr
        : expr.type === 'template_expr' && expr.namedChildren[0]?.type === 'quoted_template'
          ? expr.namedChildren[0]
          : undefined;
  if (!literal) return undefined;
  return quotedRegion(literal, documentText);
}

/** A quoted HCL string as a region: escapes decoded, interpolations kept as written (the template mode reads them). */
function quotedRegion(literal: SyntaxNode, documentText: string): JsonText | undefined {
  const start = literal.startIndex + 1;
  const end = literal.endIndex - 1;
  if (end < start) return undefined;
  const offsets: number[] = [];
  let text = '';
  for (const child of literal.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_literal') {
      // Template escapes stay as written: the JSON reader's Terraform mode reads `$${` itself.
      const raw = child.text;
      let i = 0;
      while (i < raw.length) {
        if (raw[i] === '\\' && i + 1 < raw.length) {
          const decoded = decodeLiteral(raw.slice(i, i + 2), 0, true);
          if (decoded.length === 1 && decoded !== raw.slice(i, i + 2)) {
            offsets.push(child.startIndex + i);
            text += decoded;
            i += 2;
            continue;
          }
        }
        offsets.push(child.startIndex + i);
        text += raw[i];
        i++;
      }
    } else if (child.type === 'template_interpolation' || child.type === 'template_directive') {
      for (let i = child.startIndex; i < child.endIndex; i++) {
        offsets.push(i);
        text += documentText[i];
      }
    }
  }
  offsets.push(end);
  const toDocument = (offset: number) => offsets[Math.max(0, Math.min(offset, offsets.length - 1))];
  const encode = (inserted: string) => inserted.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
  return templateJson(text, toDocument, encode, !text.includes('\n'));
}

const DOCUMENT_JSON = String.raw`data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.(?:minified_)?json`;
const WHOLE_DOCUMENT_JSON = new RegExp(`^${DOCUMENT_JSON}$`);

/** Every `data.aws_iam_policy_document.NAME.json` in a text: the name is the first group. */
export const DOCUMENT_REFERENCES = new RegExp(DOCUMENT_JSON, 'g');

/** `data.aws_iam_policy_document.NAME.json` (or `.minified_json`): the data source it names. */
export function policyDocumentReference(node: SyntaxNode): string | undefined {
  return WHOLE_DOCUMENT_JSON.exec(node.text.trim())?.[1];
}
