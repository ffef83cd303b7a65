import type { Policy, PrincipalEntry } from '../model/types';
import { grantsAllKms } from './actions';
import { grantOf, isAllow } from './grants';
import { rootAccount } from './principals';

export interface OwnAccount {
  /** The own account ids we know literally (may be empty when only a reference names it). */
  ids: string[];
  /** Interpolated roots taken as the own account (`${account_id}`), by their expression. */
  references: string[];
  /** Whether anything told which account is the own one. */
  known: boolean;
  /** Where the answer came from, for hover and messages. */
  source: 'setting' | 'document' | 'reference' | 'default-key-policy' | 'unknown';
}

/**
 * The key's own account, in the order RULES.md gives: the user's setting; the enclosing document;
 * `${AWS::AccountId}` / `data.aws_caller_identity` references; else the one account whose root gets
 * kms:* (the default key policy's shape), literal or interpolated.
 */
export function ownAccount(policy: Policy, settingAccounts: readonly string[] = []): OwnAccount {
  const fullAccessRoots = new Map<string, { literal?: string; reference?: string }>();
  let ownReference = false;
  for (const statement of policy.statements) {
    const entries = statement.principal && !statement.principal.not ? statement.principal.entries : [];
    let grantsAll: boolean | undefined;
    for (const entry of entries) {
      const root = rootAccount(entry);
      if (!root) continue;
      if (root.kind === 'own-reference' && !root.placeholder) ownReference = true;
      grantsAll ??= isAllow(statement) && grantsAllKms(grantOf(statement));
      if (!grantsAll) continue;
      if (root.kind === 'literal') fullAccessRoots.set(`literal:${root.account}`, { literal: root.account });
      else if (root.kind === 'interpolation') fullAccessRoots.set(`reference:${root.key}`, { reference: root.key });
    }
  }
  // An interpolated root granted kms:* is the default key policy's own root when it is the only one,
  // unless the policy names its own account by reference itself (`${AWS::AccountId}`,
  // `data.aws_caller_identity`): then `${TrustedAccountId}` beside it is another account.
  const soleRoot = fullAccessRoots.size === 1 ? [...fullAccessRoots.values()][0] : undefined;
  const references = soleRoot?.reference !== undefined && !ownReference ? [soleRoot.reference] : [];
  if (settingAccounts.length > 0) return { ids: [...settingAccounts], references, known: true, source: 'setting' };
  if (policy.documentAccounts.length > 0) return { ids: [...policy.documentAccounts], references, known: true, source: 'document' };
  if (ownReference) return { ids: [], references, known: true, source: 'reference' };
  if (soleRoot) return { ids: soleRoot.literal ? [soleRoot.literal] : [], references, known: true, source: 'default-key-policy' };
  return { ids: [], references: [], known: false, source: 'unknown' };
}

export function isOwnRoot(entry: PrincipalEntry, own: OwnAccount): boolean {
  const root = rootAccount(entry);
  if (!root) return false;
  if (root.kind === 'own-reference') return true;
  if (root.kind === 'interpolation') return own.references.includes(root.key);
  return own.ids.includes(root.account);
}
