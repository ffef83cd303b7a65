// Small readers over TreeNodes. Policy element names are matched case-insensitively; when a key
// appears twice the last one counts, as JSON.parse and AWS read it.
import type { TreeNode } from './tree';

export function property(object: TreeNode | undefined, name: string): TreeNode | undefined {
  const children = object?.type === 'object' ? object.children : undefined;
  if (!children) return undefined;
  const lower = name.toLowerCase();
  for (let i = children.length - 1; i >= 0; i--) {
    const key = children[i].children?.[0]?.value;
    if (typeof key !== 'string' || key.length !== name.length) continue;
    if (key === name || key.toLowerCase() === lower) return children[i];
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
