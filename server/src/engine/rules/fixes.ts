// Fix proposals shared by several rules: semantic edits the policy's own writer turns into text.
import type { OwnAccount } from '../iam/account';
import { actionMatches, grantedKmsActions, grantsAllKms, KMS_ACTION_NAMES, reachesBeyondKms, type ActionGrant } from '../iam/actions';
import { actionPatterns } from '../iam/grants';
import { ACCOUNT_PLACEHOLDER, isRootPrincipal } from '../iam/principals';
import type { EditValue, Policy, PolicyEdit, Statement, StatementEdit } from '../model/types';
import { literal } from '../model/values';
import type { FixKind } from '../types';
import type { FixProposal } from './rule';

export const ORG_PLACEHOLDER = '<ORG_ID>';
export const KEY_ARN_PLACEHOLDER = '<KEY_ARN>';
export const PLACEHOLDERS = [ACCOUNT_PLACEHOLDER, ORG_PLACEHOLDER, KEY_ARN_PLACEHOLDER];

/**
 * The own account for a fix: its ids; else as the template names it (`AWS::AccountId`,
 * `data.aws_caller_identity`), which needs no placeholder; else the placeholder.
 */
export function accountsForFix(own: OwnAccount, policy: Policy): { values: EditValue[]; shown: string; placeholder: boolean } {
  if (own.ids.length > 0) return { values: [...own.ids], shown: own.ids.join(', '), placeholder: false };
  const expression = policy.ownAccountExpression;
  if (expression) return { values: [expression.account], shown: expression.accountShown, placeholder: false };
  return { values: [ACCOUNT_PLACEHOLDER], shown: ACCOUNT_PLACEHOLDER, placeholder: true };
}

/** ARNs of the own account (`arn:<partition>:<service>:<region>:<account>:<resource>`), one per account id, as accountsForFix finds them. */
export function ownAccountArns(own: OwnAccount, policy: Policy, service: string, region: string, resource: string): { values: EditValue[]; shown: string[]; placeholder: boolean } {
  const expression = own.ids.length === 0 ? policy.ownAccountExpression : undefined;
  if (expression) {
    const arn = expression.arn(service, region, resource);
    return { values: [arn.value], shown: [arn.shown], placeholder: false };
  }
  const arns = (own.ids.length > 0 ? own.ids : [ACCOUNT_PLACEHOLDER]).map((id) => `arn:${policy.partition ?? 'aws'}:${service}:${region}:${id}:${resource}`);
  return { values: arns, shown: arns, placeholder: own.ids.length === 0 };
}

/** A fix never touches a statement whose principal is an account root (the classic key lock-out). */
export function touchable(statement: Statement): boolean {
  return !statement.principal?.entries.some(isRootPrincipal);
}

export function statementFix(policy: Policy, statement: Statement, title: string, kind: FixKind, hasPlaceholder: boolean, edits: readonly PolicyEdit[], isPreferred = false): FixProposal {
  return { title, kind: hasPlaceholder ? 'suggestion' : kind, hasPlaceholder, isPreferred, edits: () => policy.writer.edit(statement, edits) };
}

/** Whether an identity statement also grants actions of other services (through `*`, another service, or NotAction). */
function grantsBeyondKms(statement: Statement): boolean {
  const action = statement.action;
  if (!action) return false;
  if (action.not || action.opaque) return true;
  return action.items.some((item) => {
    const text = literal(item);
    return text === undefined || reachesBeyondKms(text);
  });
}

/**
 * Adds `StringEquals kms:CallerAccount`. An identity statement that also grants other services'
 * actions is split instead: their requests carry no `kms:CallerAccount`, so the condition would
 * shut them off; the statement keeps them, and a copy holds `kms:*` with the condition. Undefined
 * when that split cannot be written exactly.
 */
export function callerAccountFix(policy: Policy, statement: Statement, own: OwnAccount, isPreferred: boolean): FixProposal | undefined {
  const { values, shown, placeholder } = accountsForFix(own, policy);
  const condition: StatementEdit = { op: 'addConditionEntry', operator: 'StringEquals', key: 'kms:CallerAccount', values };
  if (policy.kind !== 'identity-policy' || !grantsBeyondKms(statement)) {
    return statementFix(policy, statement, `Add Condition StringEquals kms:CallerAccount = ${shown}`, 'safe', placeholder, [condition], isPreferred);
  }
  const without = withoutKmsActions(statement, () => true);
  if (!without) return undefined;
  const split: PolicyEdit = {
    op: 'splitStatement',
    original: [without.edit],
    copy: [{ op: 'setActions', not: false, actions: ['kms:*'] }, condition],
    copySid: derivedSid(statement, 'Kms'),
  };
  return statementFix(policy, statement, `Split the statement: kms:* only for callers of ${shown}, the other actions as they are`, 'safe', placeholder, [split], isPreferred);
}

/** The own account's root principal (the first account's, when several are known). */
export function rootPrincipal(own: OwnAccount, policy: Policy): { value: EditValue; shown: string; placeholder: boolean } {
  const roots = ownAccountArns(own, policy, 'iam', '', 'root');
  return { value: roots.values[0], shown: roots.shown[0], placeholder: roots.placeholder };
}

/** Matches every action of every service: `*`, `*:*`. */
function isUniversal(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern.trim());
}

function sameAction(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The edit that takes the KMS actions `removed` out of what a statement grants and keeps every
 * other action, or undefined when that cannot be written exactly (a pattern like `k*` mixing KMS
 * with other services). `inPlace` tells whether the statement's Action stays a list of KMS
 * patterns (the replacement can join it) or had to become a NotAction (the replacement needs a
 * statement of its own).
 */
export function withoutKmsActions(statement: Statement, removed: (action: string) => boolean): { edit: StatementEdit; inPlace: boolean; kept: string[] } | undefined {
  const action = statement.action;
  if (!action || action.opaque || action.items.some((i) => i.type !== 'string' || literal(i) === undefined)) return undefined;
  const patterns = actionPatterns(action);
  const removedNames = KMS_ACTION_NAMES.filter(removed);
  const excludedKms = removedNames.length === KMS_ACTION_NAMES.length ? ['kms:*'] : removedNames;
  if (action.not) {
    // Everything but X becomes everything but X and the removed actions.
    // The list stays as written (a repeated entry too: a fix changes only what its title says).
    const added = excludedKms.filter((name) => !patterns.some((p) => actionMatches(p, name)));
    return { edit: { op: 'setActions', not: true, actions: [...patterns, ...added] }, inPlace: false, kept: [] };
  }
  const beyond = patterns.filter((p) => reachesBeyondKms(p) && KMS_ACTION_NAMES.some((name) => actionMatches(p, name)));
  if (beyond.length > 0) {
    if (!beyond.every(isUniversal)) return undefined;
    return { edit: { op: 'setActions', not: true, actions: excludedKms }, inPlace: false, kept: [] };
  }
  // Patterns the removal does not touch stay as written, repeats included; the covers that
  // replace the others add only what the list does not name already.
  const matches = patterns.map((pattern) => KMS_ACTION_NAMES.filter((name) => actionMatches(pattern, name)));
  const untouched = patterns.map((pattern, i) => reachesBeyondKms(pattern) || matches[i].length === 0 || !matches[i].some(removed));
  const stay = patterns.filter((_, i) => untouched[i]);
  const kept: string[] = [];
  const named = (action: string) => stay.some((p) => sameAction(p, action)) || kept.some((p) => sameAction(p, action));
  patterns.forEach((pattern, i) => {
    if (untouched[i]) {
      kept.push(pattern);
      return;
    }
    // A pattern reaching both removed and kept actions is narrowed to the kept ones, as few
    // prefix wildcards as cover exactly them (`kms:*` without Decrypt: `kms:C*`, `kms:Del*`, …).
    for (const cover of coverWithPrefixes(matches[i].filter((name) => !removed(name)), matches[i])) if (!named(cover)) kept.push(cover);
  });
  return { edit: { op: 'setActions', not: false, actions: kept }, inPlace: true, kept };
}

/**
 * The fewest `kms:Prefix*` patterns (and exact names) that match every action of `wanted` and no
 * other action of `universe` (both from the catalog).
 */
export function coverWithPrefixes(wanted: readonly string[], universe: readonly string[]): string[] {
  // The same few covers are asked for again and again (kms:* without the decrypt actions, say): a
  // bounded cache keyed by both lists spares a document with many findings the search for each.
  const key = `${wanted.join(',')}|${universe.join(',')}`;
  let cover = covers.get(key);
  if (!cover) {
    cover = searchCover(wanted, universe);
    if (covers.size >= COVER_CACHE_LIMIT) covers.clear();
    covers.set(key, cover);
  }
  return [...cover];
}

const COVER_CACHE_LIMIT = 256;
const covers = new Map<string, readonly string[]>();

function searchCover(wanted: readonly string[], universe: readonly string[]): string[] {
  const keep = new Set(wanted);
  const out: string[] = [];
  const visit = (prefix: string, names: readonly string[]) => {
    if (names.length === 0) return;
    if (names.every((n) => keep.has(n))) {
      out.push(names.length === 1 ? names[0] : `${prefix}*`);
      return;
    }
    const exact = names.find((n) => n === prefix);
    if (exact && keep.has(exact)) out.push(exact);
    const groups = new Map<string, string[]>();
    for (const name of names) {
      if (name.length <= prefix.length) continue;
      const next = name.slice(0, prefix.length + 1);
      const group = groups.get(next) ?? [];
      group.push(name);
      groups.set(next, group);
    }
    for (const [next, group] of groups) visit(next, group);
  };
  visit('kms:', universe.filter((n) => n.startsWith('kms:')));
  return out;
}

/** The statement's Sid with a suffix, for the statement a split adds. */
export function derivedSid(statement: Statement, suffix: string): string | undefined {
  const sid = statement.sid && literal(statement.sid);
  return sid ? `${sid}${suffix}` : undefined;
}

export { grantedKmsActions, grantsAllKms, type ActionGrant };
