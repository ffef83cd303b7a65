import type { Node } from 'jsonc-parser';
import { items, properties, propertyName, visibleText } from '../json';
import type { Statement } from '../policy';

export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare `"Principal": "*"`. */
  type: string;
  /** The visible text, undefined for values we cannot see (they are specific). */
  value: string | undefined;
  node: Node;
}

export function principalEntries(prop: Node | undefined): PrincipalEntry[] {
  const value = prop?.children?.[1];
  if (!value) return [];
  if (value.type !== 'object') return items(value).map((node) => ({ type: '*', value: visibleText(node), node }));
  const entries: PrincipalEntry[] = [];
  for (const typeProp of properties(value)) {
    const type = propertyName(typeProp);
    for (const node of items(typeProp.children?.[1])) entries.push({ type, value: visibleText(node), node });
  }
  return entries;
}

function isWildcardEntry(entry: PrincipalEntry): boolean {
  return entry.value === '*' && (entry.type === '*' || entry.type.toLowerCase() === 'aws');
}

/** `"*"`, `{"AWS": "*"}`, an AWS list holding `"*"`, or any `NotPrincipal` of an Allow statement. */
export function hasWildcardPrincipal(statement: Statement): boolean {
  if (statement.notPrincipal) return true;
  return principalEntries(statement.principal).some(isWildcardEntry);
}

const ACCOUNT_REFERENCE = /^\$\{(AWS::AccountId|data\.aws_caller_identity\.[^}]*)\}$/i;
/** What a quick fix writes where it does not know the account; it stands for the own account. */
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';

export type RootAccount =
  | { kind: 'literal'; account: string }
  /** `${AWS::AccountId}`, `data.aws_caller_identity`, or the fix placeholder: the own account by definition. */
  | { kind: 'own-reference'; placeholder: boolean };

/** The account whose root a principal value names: `111122223333` or `arn:aws:iam::111122223333:root`. */
export function rootAccount(entry: PrincipalEntry): RootAccount | undefined {
  if (entry.type.toLowerCase() !== 'aws' || entry.value === undefined) return undefined;
  const value = entry.value.trim();
  const arn = /^arn:[^:]*:iam::(\$\{[^}]*\}|[^:]+):root$/i.exec(value);
  const account = arn ? arn[1] : value;
  if (/^\d{12}$/.test(account)) return { kind: 'literal', account };
  if (ACCOUNT_REFERENCE.test(account)) return { kind: 'own-reference', placeholder: false };
  if (account === ACCOUNT_PLACEHOLDER) return { kind: 'own-reference', placeholder: true };
  return undefined;
}

/** Whether an account segment is a reference to the own account (`${AWS::AccountId}`, `data.aws_caller_identity`). */
export function isOwnAccountReference(text: string): boolean {
  return ACCOUNT_REFERENCE.test(text);
}
