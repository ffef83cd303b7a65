// A YAML document (the `yaml` package's document API) read into TreeNodes. CloudFormation's short
// tags become the objects the long form writes (`!Ref X` → `{"Ref": "X"}`, `!Sub s` →
// `{"Fn::Sub": s}`), so the CloudFormation reader sees one shape for JSON and YAML templates.
// Aliases resolve to the anchored node's own TreeNodes (linear in the text, however many aliases),
// and the editor refuses to touch anything inside an anchored node.
import type { Document, Node as YamlNode, Scalar } from 'yaml';
import { yamlPackage } from './package';
import type { TreeNode } from '../tree';

export interface YamlInfo {
  /** The YAML node a TreeNode was read from (a tagged node's object and property share it). */
  readonly node: YamlNode;
  /** Collections: written in flow style (`[…]`, `{…}`). */
  readonly flow: boolean;
  /** Scalars: how the value is written (PLAIN, QUOTE_DOUBLE, QUOTE_SINGLE, BLOCK_LITERAL, BLOCK_FOLDED). */
  readonly style?: Scalar['type'];
}

export interface YamlTree {
  readonly root: TreeNode | undefined;
  readonly errors: readonly { message: string; start: number; end: number; duplicateKey: boolean }[];
  readonly info: WeakMap<TreeNode, YamlInfo>;
  /** Ranges of anchored nodes and aliases: text a fix must not change (other places share it). */
  readonly shared: readonly { start: number; end: number }[];
}

/** Nesting deeper than this is read as an opaque value (no real template nests this deep). */
const MAX_DEPTH = 200;

interface Mutable {
  type: TreeNode['type'];
  value?: unknown;
  offset: number;
  length: number;
  parent?: TreeNode;
  children?: TreeNode[];
}

function intrinsicName(tag: string): string | undefined {
  if (!tag.startsWith('!') || tag.startsWith('!!')) return undefined;
  const name = tag.slice(1);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return undefined;
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

export function parseYaml(text: string): { doc: Document.Parsed | undefined; error?: string } {
  try {
    return { doc: yamlPackage().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: false }) };
  } catch (error) {
    return { doc: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The offset where a tag written before a node starts (node ranges leave the tag out). */
function tagStart(text: string, start: number, tag: string): number {
  let i = start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r')) i--;
  return text.slice(i - tag.length, i) === tag ? i - tag.length : start;
}

/** The end of a node's own text, without the line breaks and blanks its range may carry. */
export function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s]/.test(text[e - 1])) e--;
  return e;
}

export function readYamlTree(text: string, doc: Document.Parsed): YamlTree {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlPackage();
  const info = new WeakMap<TreeNode, YamlInfo>();
  const converted = new Map<YamlNode, TreeNode>();
  const anchors = new Map<string, YamlNode>();
  const shared: { start: number; end: number }[] = [];
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: e.pos[1], duplicateKey: e.code === 'DUPLICATE_KEY' }));

  const make = (type: TreeNode['type'], offset: number, end: number, parent: TreeNode | undefined, value?: unknown): Mutable => {
    const node: Mutable = { type, offset, length: Math.max(0, end - offset), parent };
    if (value !== undefined) node.value = value;
    return node;
  };

  const convert = (node: unknown, parent: TreeNode | undefined, depth: number): TreeNode => {
    if (isAlias(node)) {
      const range = node.range ?? [0, 0, 0];
      shared.push({ start: range[0], end: range[1] });
      // The anchor read last before this alias (conversion goes in document order): the package's
      // own resolve() searches the whole document for every alias, quadratic in a hostile file.
      const target = anchors.get(node.source);
      const done = target ? converted.get(target as YamlNode) : undefined;
      if (done) return done;
      return make('reference', range[0], range[1], parent, `*${node.source}`) as TreeNode;
    }
    if (!node || typeof node !== 'object' || !('range' in node)) return make('null', 0, 0, parent) as TreeNode;
    const yamlNode = node as YamlNode;
    const range = yamlNode.range ?? [0, 0, 0];
    const end = contentEnd(text, range[0], range[1]);
    if (yamlNode.anchor) {
      shared.push({ start: range[0], end });
      anchors.set(yamlNode.anchor, yamlNode);
    }
    const name = yamlNode.tag ? intrinsicName(yamlNode.tag) : undefined;
    if (name) {
      // `!Ref X`: an object with one property, both spanning the tag and its value.
      const start = tagStart(text, range[0], yamlNode.tag!);
      const object = make('object', start, end, parent);
      const prop = make('property', start, end, object as TreeNode);
      const key = make('string', start, start + yamlNode.tag!.length, prop as TreeNode, name);
      const value = plain(yamlNode, prop as TreeNode, depth + 1, range, end);
      prop.children = [key as TreeNode, value];
      object.children = [prop as TreeNode];
      info.set(object as TreeNode, { node: yamlNode, flow: true });
      converted.set(yamlNode, object as TreeNode);
      return object as TreeNode;
    }
    const converted1 = plain(yamlNode, parent, depth, range, end);
    converted.set(yamlNode, converted1);
    return converted1;
  };

  const plain = (node: YamlNode, parent: TreeNode | undefined, depth: number, range: readonly number[], end: number): TreeNode => {
    if (depth > MAX_DEPTH) return make('reference', range[0], end, parent, '…') as TreeNode;
    if (isScalar(node)) {
      const v = node.value;
      let out: Mutable;
      if (typeof v === 'string') out = make('string', range[0], end, parent, v);
      else if (typeof v === 'boolean') out = make('boolean', range[0], end, parent, v);
      // Numbers keep the digits as written: `012345678901` is an account id, not 12345678901.
      else if (typeof v === 'number' || typeof v === 'bigint') out = make('number', range[0], end, parent, text.slice(range[0], end));
      else if (v === null || v === undefined) out = make('null', range[0], end, parent, null);
      else out = make('string', range[0], end, parent, String(v));
      info.set(out as TreeNode, { node, flow: false, style: node.type });
      return out as TreeNode;
    }
    if (isSeq(node)) {
      const out = make('array', range[0], end, parent);
      out.children = node.items.map((item) => convert(item, out as TreeNode, depth + 1));
      info.set(out as TreeNode, { node, flow: Boolean(node.flow) });
      return out as TreeNode;
    }
    if (isMap(node)) {
      const out = make('object', range[0], end, parent);
      const children: TreeNode[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        // `<<: *base` merges the anchored map's keys (ahead of the map's own).
        if (isScalar(keyNode) && keyNode.value === '<<' && pair.value) {
          const merged = convert(pair.value, out as TreeNode, depth + 1);
          if (merged.type === 'object') children.push(...(merged.children ?? []));
          continue;
        }
        const keyRange = keyNode?.range ?? [range[0], range[0], range[0]];
        const valueNode = pair.value as YamlNode | null;
        const valueRange = valueNode?.range;
        const propEnd = valueRange ? contentEnd(text, valueRange[0], valueRange[1]) : contentEnd(text, keyRange[0], keyRange[1]);
        const prop = make('property', keyRange[0], Math.max(propEnd, keyRange[1]), out as TreeNode);
        const key = isScalar(keyNode)
          ? (make('string', keyRange[0], contentEnd(text, keyRange[0], keyRange[1]), prop as TreeNode, String(keyNode.value ?? '')) as TreeNode)
          : (make('reference', keyRange[0], keyRange[1], prop as TreeNode, '?') as TreeNode);
        if (isScalar(keyNode)) info.set(key, { node: keyNode, flow: false, style: keyNode.type });
        const value = valueNode ? convert(valueNode, prop as TreeNode, depth + 1) : (make('null', keyRange[1], keyRange[1], prop as TreeNode, null) as TreeNode);
        prop.children = [key, value];
        info.set(prop as TreeNode, { node: (keyNode ?? node) as YamlNode, flow: Boolean(node.flow) });
        children.push(prop as TreeNode);
      }
      out.children = children;
      info.set(out as TreeNode, { node, flow: Boolean(node.flow) });
      return out as TreeNode;
    }
    return make('null', range[0], end, parent, null) as TreeNode;
  };

  const root = doc.contents ? convert(doc.contents, undefined, 0) : undefined;
  return { root, errors, info, shared };
}
