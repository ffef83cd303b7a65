// The shape every syntax is read into before the policy reader sees it: jsonc-parser's node tree,
// plus references for what the linter cannot see. JSON comes as jsonc-parser (or fast-json) nodes;
// YAML and HCL converters build the same shape, CloudFormation tags becoming `{"Fn::…": …}` objects.
import type { Loc, TextPart } from '../model/types';

export interface TreeNode {
  readonly type: 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null' | 'reference';
  /** Scalars: the value. `reference`: the expression as written (`var.x`). */
  readonly value?: unknown;
  /** In the coordinates of the region the tree was read from (see Region). */
  readonly offset: number;
  readonly length: number;
  readonly parent?: TreeNode;
  /** Objects: properties. Properties: [key, value]. Arrays: elements. */
  readonly children?: readonly TreeNode[];
  /** Properties: the key's text, when the tree has it without building the key node (fast JSON). */
  readonly keyText?: string;
  /** A string with template interpolations: its literal parts and references, in order. */
  readonly parts?: readonly TextPart[];
  /** Arrays: lists joined by a function (`concat`, `flatten`): an element that is a reference is a list. */
  readonly spread?: boolean;
  /**
   * Arrays: the items of either branch of a conditional (`var.open ? "*" : local.role`), either of
   * which may be deployed: read as one list, never rewritten as one (it is not one).
   */
  readonly choice?: boolean;
}

/**
 * Where a tree's offsets live in the document. The document itself maps offsets as they are; a
 * policy held in a string (JSON string, YAML block scalar, HCL heredoc) maps through its escapes.
 */
export interface Region {
  /** The text the tree's offsets index (the decoded string for an embedded policy). */
  readonly text: string;
  toDocument(offset: number): number;
  /** How text inserted into the region must be written in the document (escapes, indentation). */
  encode(inserted: string): string;
  /** Whether the region's text is on one line: inserted text then stays on one line too. */
  readonly compact: boolean;
}

export function documentLoc(region: Region, node: { offset: number; length: number }): Loc {
  return { start: region.toDocument(node.offset), end: region.toDocument(node.offset + node.length) };
}

/** The document itself as a region. */
export function documentRegion(text: string): Region {
  return { text, toDocument: (offset) => offset, encode: (inserted) => inserted, compact: !text.includes('\n') };
}
