import { actionPatterns, grantsAllKms } from './actions';
import { principalEntries, rootAccount, type PrincipalEntry } from './principals';
import { isAllow, type PolicySite, type Statement } from '../policy';

export interface OwnAccount {
  /** The own account ids we know literally (may be empty when only a reference names it). */
  ids: string[];
  /** Whether anything told which account is the own one. */
  known: boolean;
}

export function grantOf(statement: Statement) {
  return statement.notAction
    ? { excluded: actionPatterns(statement.notAction) }
    : { allowed: actionPatterns(statement.action) };
}

/**
 * The key's own account, in the order RULES.md gives: the user's setting; the enclosing document;
 * `${AWS::AccountId}` / `data.aws_caller_identity` references; else the one account whose root gets kms:*.
 */
export function ownAccount(site: PolicySite, settingAccounts: readonly string[] = []): OwnAccount {
  if (settingAccounts.length > 0) return { ids: [...settingAccounts], known: true };
  if (site.documentAccounts.length > 0) return { ids: [...site.documentAccounts], known: true };
  const roots = site.statements.flatMap((s) => principalEntries(s.principal).map((e) => ({ statement: s, root: rootAccount(e) })));
  if (roots.some((r) => r.root?.kind === 'own-reference' && !r.root.placeholder)) return { ids: [], known: true };
  const fullAccessRoots = new Set<string>();
  for (const { statement, root } of roots) {
    if (root?.kind === 'literal' && isAllow(statement) && grantsAllKms(grantOf(statement))) fullAccessRoots.add(root.account);
  }
  if (fullAccessRoots.size === 1) return { ids: [...fullAccessRoots], known: true };
  return { ids: [], known: false };
}

export function isOwnRoot(entry: PrincipalEntry, own: OwnAccount): boolean {
  const root = rootAccount(entry);
  if (!root) return false;
  if (root.kind === 'own-reference') return true;
  return own.ids.includes(root.account);
}
