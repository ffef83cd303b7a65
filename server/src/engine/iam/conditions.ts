import type { Node } from 'jsonc-parser';
import { items, properties, propertyName } from '../json';

/** Condition keys that pin the caller to known identities. */
const CALLER_KEYS = new Set(
  [
    'kms:CallerAccount', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths',
    'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:SourceOwner', 'aws:SourceVpc',
    'aws:SourceVpce', 'aws:SourceIp', 'aws:userid', 'aws:username',
  ].map((k) => k.toLowerCase()),
);

const POSITIVE_OPERATORS = new Set(['stringequals', 'stringlike', 'stringequalsignorecase', 'arnequals', 'arnlike', 'ipaddress']);

/** Positive String*, Arn* and IpAddress operators, also under ForAnyValue:; never ForAllValues:, …IfExists, negations or Null. */
export function operatorPinsValues(operator: string): boolean {
  let op = operator.toLowerCase();
  if (op.startsWith('forallvalues:')) return false;
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  return POSITIVE_OPERATORS.has(op);
}

/** Every value fixed: not `"*"`, not an empty list, not null, not an address range that admits every address. */
function valuesAreFixed(value: Node | undefined): boolean {
  const list = items(value);
  if (list.length === 0) return false;
  return list.every((v) => {
    if (v.type === 'null') return false;
    if (v.type !== 'string') return true;
    const text = (v.value as string).trim();
    return text !== '*' && text !== '0.0.0.0/0' && text !== '::/0';
  });
}

export interface CallerRestriction {
  operator: string;
  key: string;
}

/** The entries of a Condition that restrict the caller (empty when it restricts no one). */
export function callerRestrictions(conditionProp: Node | undefined): CallerRestriction[] {
  const found: CallerRestriction[] = [];
  for (const operatorProp of properties(conditionProp?.children?.[1])) {
    const operator = propertyName(operatorProp);
    if (!operatorPinsValues(operator)) continue;
    for (const keyProp of properties(operatorProp.children?.[1])) {
      const key = propertyName(keyProp);
      if (CALLER_KEYS.has(key.toLowerCase()) && valuesAreFixed(keyProp.children?.[1])) found.push({ operator, key });
    }
  }
  return found;
}

export function restrictsCaller(conditionProp: Node | undefined): boolean {
  return callerRestrictions(conditionProp).length > 0;
}
