// Terraform's block structure (`resource "type" "name" { … }`) copied out of the tree-sitter tree
// into plain data: the tree lives in WebAssembly memory and is freed as soon as a file is read,
// while fixes are written later from these offsets.
import { convert, type HclNode } from './expressions';
import type { SyntaxNode } from './hcl';

export interface Attribute {
  name: string;
  /** The whole attribute `name = value`. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** The value expression. */
  valueStart: number;
  valueEnd: number;
  /** The value read as a TreeNode. */
  value: HclNode;
  /** The value expression itself, while the tree is alive (read time only). */
  expression: SyntaxNode;
}

export interface Block {
  /** `resource`, `data`, `statement`, `principals`, `dynamic` … */
  type: string;
  labels: string[];
  start: number;
  end: number;
  /** Between the braces. */
  bodyStart: number;
  bodyEnd: number;
  /** Where the block's type identifier is. */
  typeStart: number;
  typeEnd: number;
  attributes: Map<string, Attribute>;
  /** In document order. */
  attributeList: Attribute[];
  blocks: Block[];
}

function labelOf(node: SyntaxNode): string {
  if (node.type === 'identifier') return node.text;
  // A quoted label: its literal text.
  return node.namedChildren
    .filter((c) => c?.type === 'template_literal')
    .map((c) => c!.text)
    .join('');
}

function readBody(body: SyntaxNode | undefined, text: string, into: Block, depth: number): void {
  if (!body) return;
  for (const child of body.namedChildren) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const nameNode = child.namedChildren.find((c) => c?.type === 'identifier');
      const expression = child.namedChildren.find((c) => c?.type === 'expression');
      if (!nameNode || !expression) continue;
      const attribute: Attribute = {
        name: nameNode.text,
        start: child.startIndex,
        end: child.endIndex,
        nameStart: nameNode.startIndex,
        nameEnd: nameNode.endIndex,
        valueStart: expression.startIndex,
        valueEnd: expression.endIndex,
        value: convert(expression, text),
        expression,
      };
      into.attributes.set(attribute.name, attribute);
      into.attributeList.push(attribute);
    } else if (child.type === 'block' && depth < 8) {
      into.blocks.push(readBlock(child, text, depth + 1));
    }
  }
}

export function readBlock(node: SyntaxNode, text: string, depth = 0): Block {
  const children = node.namedChildren.filter((c): c is SyntaxNode => !!c);
  const typeNode = children.find((c) => c.type === 'identifier');
  const labels = children.filter((c) => c !== typeNode && (c.type === 'string_lit' || c.type === 'identifier')).map(labelOf);
  const body = children.find((c) => c.type === 'body');
  const open = children.find((c) => c.type === 'block_start');
  const close = children.find((c) => c.type === 'block_end');
  const block: Block = {
    type: typeNode?.text ?? '',
    labels,
    start: node.startIndex,
    end: node.endIndex,
    bodyStart: open ? open.endIndex : node.startIndex,
    bodyEnd: close ? close.startIndex : node.endIndex,
    typeStart: typeNode?.startIndex ?? node.startIndex,
    typeEnd: typeNode?.endIndex ?? node.startIndex,
    attributes: new Map(),
    attributeList: [],
    blocks: [],
  };
  readBody(body, text, block, depth);
  return block;
}

/** The top-level blocks of a file. */
export function topLevelBlocks(root: SyntaxNode, text: string): Block[] {
  const body = root.namedChildren.find((c) => c?.type === 'body');
  return (body?.namedChildren ?? []).filter((c): c is SyntaxNode => c?.type === 'block').map((b) => readBlock(b, text));
}
