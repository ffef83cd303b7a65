import type { Node } from 'jsonc-parser';
import { items, property, propertyValue, stringValue } from './json';
import type { JsonText } from './sources/json-text';
import type { PolicyKind } from './types';

export interface Statement {
  node: Node;
  effect: string | undefined;
  principal?: Node;
  notPrincipal?: Node;
  action?: Node;
  notAction?: Node;
  resource?: Node;
  notResource?: Node;
  condition?: Node;
}

/** Where a policy was found and what the document around it tells about the key. */
export interface PolicySite {
  kind: PolicyKind;
  json: JsonText;
  root: Node;
  statements: Statement[];
  /** Accounts the enclosing document names as the key's own (key ARN, AWSAccountId, recipientAccountId). */
  documentAccounts: string[];
  /** Partition of the key ARN, when the document shows one. */
  partition?: string;
}

export function readStatements(root: Node): Statement[] {
  const value = propertyValue(root, 'Statement');
  return items(value)
    .filter((node) => node.type === 'object')
    .map((node) => ({
      node,
      effect: stringValue(propertyValue(node, 'Effect')),
      principal: property(node, 'Principal'),
      notPrincipal: property(node, 'NotPrincipal'),
      action: property(node, 'Action'),
      notAction: property(node, 'NotAction'),
      resource: property(node, 'Resource'),
      notResource: property(node, 'NotResource'),
      condition: property(node, 'Condition'),
    }));
}

export function isAllow(statement: Statement): boolean {
  return statement.effect?.toLowerCase() === 'allow';
}

/** True when a policy object has a Statement made of statement-like objects. */
export function looksLikePolicy(root: Node | undefined): root is Node {
  if (root?.type !== 'object') return false;
  const statements = items(propertyValue(root, 'Statement'));
  return statements.length > 0 && statements.some((s) => s.type === 'object' && (property(s, 'Effect') || property(s, 'Action') || property(s, 'NotAction')));
}

/** Key policies (and other resource policies) name principals; identity policies don't. */
export function kindFromPrincipals(statements: Statement[]): PolicyKind {
  return statements.some((s) => s.principal || s.notPrincipal) ? 'key-policy' : 'identity-policy';
}

/** A Condition that is present and not empty. */
export function hasCondition(statement: Statement): boolean {
  const value = statement.condition?.children?.[1];
  if (!value) return false;
  return !(value.type === 'object' && (value.children?.length ?? 0) === 0);
}
