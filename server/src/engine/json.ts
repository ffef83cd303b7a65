// Small readers over jsonc-parser nodes. Policy element names are matched case-insensitively.
import type { Node } from 'jsonc-parser';

export function property(object: Node | undefined, name: string): Node | undefined {
  if (!object || object.type !== 'object' || !object.children) return undefined;
  const lower = name.toLowerCase();
  for (const prop of object.children) {
    const key = prop.children?.[0]?.value;
    if (typeof key !== 'string' || key.length !== name.length) continue;
    if (key === name || key.toLowerCase() === lower) return prop;
  }
  return undefined;
}

export function propertyValue(object: Node | undefined, name: string): Node | undefined {
  return property(object, name)?.children?.[1];
}

export function propertyName(prop: Node): string {
  const key = prop.children?.[0];
  return key && typeof key.value === 'string' ? key.value : '';
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** The elements of a value that may be one item or an array of items. */
export function items(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'array') return node.children ?? [];
  return [node];
}

export function properties(object: Node | undefined): Node[] {
  return object?.type === 'object' ? object.children ?? [] : [];
}

/**
 * The text a value shows, seeing through CloudFormation intrinsics: `{"Fn::Sub": "…${AWS::AccountId}…"}`
 * shows its template, `{"Ref": "X"}` shows `${X}`, joins are joined. Values we cannot see give undefined.
 */
export function visibleText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return node.value as string;
  if (node.type === 'number' || node.type === 'boolean') return String(node.value);
  if (node.type !== 'object' || node.children?.length !== 1) return undefined;
  const prop = node.children[0];
  const name = propertyName(prop);
  const value = prop.children?.[1];
  if (name === 'Ref') return `\${${stringValue(value) ?? '?'}}`;
  if (name === 'Fn::Sub') return visibleText(value?.type === 'array' ? value.children?.[0] : value);
  if (name === 'Fn::Join' && value?.type === 'array') {
    const separator = stringValue(value.children?.[0]) ?? '';
    const parts = items(value.children?.[1]).map((p) => visibleText(p) ?? '${?}');
    return parts.join(separator);
  }
  if (name.startsWith('Fn::')) return '${?}';
  return undefined;
}
