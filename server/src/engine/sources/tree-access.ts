// Small readers over TreeNodes. Policy element names are matched case-insensitively; when a key
// appears twice the last one counts, as JSON.parse and AWS read it.
import type { TreeNode } from './tree';

/** ASCII case-insensitive equality without allocating lower-case copies (element names are ASCII). */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const lx = x >= 65 && x <= 90 ? x + 32 : x;
    const ly = y >= 65 && y <= 90 ? y + 32 : y;
    if (lx !== ly) return false;
  }
  return true;
}

export function property(object: TreeNode | undefined, name: string): TreeNode | undefined {
  const children = object?.type === 'object' ? object.children : undefined;
  if (!children) return undefined;
  for (let i = children.length - 1; i >= 0; i--) {
    const key = children[i].keyText ?? children[i].children?.[0]?.value;
    if (typeof key === 'string' && equalsIgnoreCase(key, name)) return children[i];
  }
  return undefined;
}

export function propertyValue(object: TreeNode | undefined, name: string): TreeNode | undefined {
  return property(object, name)?.children?.[1];
}

export function propertyKey(prop: TreeNode): TreeNode | undefined {
  return prop.children?.[0];
}

export function propertyName(prop: TreeNode): string {
  if (prop.keyText !== undefined) return prop.keyText;
  const key = prop.children?.[0];
  return key && typeof key.value === 'string' ? key.value : '';
}

export function stringValue(node: TreeNode | undefined): string | undefined {
  return node?.type === 'string' && !node.parts ? (node.value as string) : undefined;
}

export function properties(object: TreeNode | undefined): readonly TreeNode[] {
  return object?.type === 'object' ? (object.children ?? []) : [];
}

/** The properties of an object with repeated keys removed, keeping each key's last occurrence in place. */
export function lastProperties(object: TreeNode | undefined): TreeNode[] {
  const props = properties(object);
  if (props.length < 2) return [...props];
  const seen = new Set<string>();
  const out: TreeNode[] = [];
  for (let i = props.length - 1; i >= 0; i--) {
    const name = propertyName(props[i]);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(props[i]);
  }
  return out.reverse();
}

/** A CloudFormation intrinsic function object (`{"Ref": …}`, `{"Fn::Sub": …}`): its name and argument. */
export function intrinsic(node: TreeNode | undefined): { name: string; argument: TreeNode | undefined } | undefined {
  if (node?.type !== 'object' || node.children?.length !== 1) return undefined;
  const prop = node.children[0];
  const name = propertyName(prop);
  if (name !== 'Ref' && name !== 'Condition' && !name.startsWith('Fn::')) return undefined;
  return { name, argument: prop.children?.[1] };
}
