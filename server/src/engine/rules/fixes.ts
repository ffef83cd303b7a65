// Fix drafts shared by several rules.
import { property, propertyName } from '../json';
import type { Modification } from '../fix';
import type { OwnAccount } from '../iam/account';
import { ACCOUNT_PLACEHOLDER } from '../iam/principals';
import type { Statement } from '../policy';

export const ORG_PLACEHOLDER = '<ORG_ID>';
export const KEY_ARN_PLACEHOLDER = '<KEY_ARN>';
export const PLACEHOLDERS = [ACCOUNT_PLACEHOLDER, ORG_PLACEHOLDER, KEY_ARN_PLACEHOLDER];

/** The own account id for a fix, or the placeholder when we don't know it. */
export function accountForFix(own: OwnAccount): { value: string | string[]; placeholder: boolean } {
  if (own.ids.length === 0) return { value: ACCOUNT_PLACEHOLDER, placeholder: true };
  return { value: own.ids.length === 1 ? own.ids[0] : [...own.ids], placeholder: false };
}

/** Adds `operator: {key: value}` to a statement's Condition, merging into what is there. */
export function addConditionEntry(statement: Statement, operator: string, key: string, value: unknown): Modification[] | undefined {
  const conditionProp = statement.condition;
  const condition = conditionProp?.children?.[1];
  if (!conditionProp || !condition) return [{ path: ['Condition'], value: { [operator]: { [key]: value } } }];
  if (condition.type !== 'object') return undefined;
  const conditionName = propertyName(conditionProp);
  const operatorProp = property(condition, operator);
  if (!operatorProp) return [{ path: [conditionName, operator], value: { [key]: value } }];
  if (operatorProp.children?.[1]?.type !== 'object') return undefined;
  const keyProp = property(operatorProp.children[1], key);
  return [{ path: [conditionName, propertyName(operatorProp), keyProp ? propertyName(keyProp) : key], value }];
}

export function callerAccountFix(statement: Statement, own: OwnAccount, isPreferred: boolean) {
  const account = accountForFix(own);
  const modifications = addConditionEntry(statement, 'StringEquals', 'kms:CallerAccount', account.value);
  if (!modifications) return [];
  const shown = Array.isArray(account.value) ? account.value.join(', ') : account.value;
  return [{ title: `Add Condition StringEquals kms:CallerAccount = ${shown}`, statement, modifications, hasPlaceholder: account.placeholder, isPreferred }];
}

export function rootPrincipalArn(own: OwnAccount, partition = 'aws'): { arn: string; placeholder: boolean } {
  const account = own.ids[0] ?? ACCOUNT_PLACEHOLDER;
  return { arn: `arn:${partition}:iam::${account}:root`, placeholder: own.ids.length === 0 };
}
