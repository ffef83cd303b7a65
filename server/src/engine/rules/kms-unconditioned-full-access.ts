import { isOwnRoot } from '../iam/account';
import { grantsAllKms, KEY_ADMIN_ACTIONS, KEY_USAGE_ACTIONS, patternGrantsAllKms } from '../iam/actions';
import { grantOf, hasCondition, isAllow } from '../iam/grants';
import type { Loc, PolicyEdit, Statement } from '../model/types';
import { literal } from '../model/values';
import type { FixProposal, PolicyContext, Rule } from './rule';
import { callerAccountFix, derivedSid, statementFix, touchable, withoutKmsActions } from './fixes';

/** Where the full grant is written: the `kms:*` / `*` entry, else the whole Action or NotAction. */
function fullAccessLoc(statement: Statement): Loc | undefined {
  const action = statement.action;
  if (!action) return undefined;
  if (action.not) return action.loc;
  const entry = action.items.find((item) => {
    const text = literal(item);
    return text !== undefined && patternGrantsAllKms(text);
  });
  return entry?.loc ?? action.loc;
}

/** kms:* replaced by `list`, keeping every non-KMS action (a NotAction statement plus the narrowed one where needed). */
function narrowing(statement: Statement, list: readonly string[]): PolicyEdit[] | undefined {
  const without = withoutKmsActions(statement, () => true);
  if (!without) return undefined;
  if (without.inPlace) return [{ op: 'setActions', not: false, actions: [...without.kept, ...list] }];
  return [{ op: 'splitStatement', original: [without.edit], copy: [{ op: 'setActions', not: false, actions: list }], copySid: derivedSid(statement, 'Kms') }];
}

function fixes(statement: Statement, ctx: PolicyContext): FixProposal[] {
  if (!touchable(statement)) return [];
  const out: FixProposal[] = [];
  const caller = callerAccountFix(ctx.policy, statement, ctx.own, false);
  const usage = narrowing(statement, KEY_USAGE_ACTIONS);
  const admin = narrowing(statement, KEY_ADMIN_ACTIONS);
  if (caller && !caller.hasPlaceholder) out.push({ ...caller, isPreferred: true });
  if (usage) out.push(statementFix(ctx.policy, statement, 'Replace kms:* with the key-usage actions', 'suggestion', false, usage, !caller || caller.hasPlaceholder));
  if (admin) out.push(statementFix(ctx.policy, statement, 'Replace kms:* with the key-administration actions', 'suggestion', false, admin));
  if (caller?.hasPlaceholder) out.push(caller);
  if (!out.some((f) => f.isPreferred) && out.length > 0) out[0] = { ...out[0], isPreferred: true };
  return out;
}

export const unconditionedFullAccess: Rule = {
  meta: {
    id: 'kms-unconditioned-full-access',
    defaultSeverity: 'warning', securitySeverity: 7.5, tags: ['security', 'kms', 'least-privilege'],
    description: "An Allow statement grants kms:* (or *) with no Condition, to someone other than the own account's root.",
  },
  checkStatement(statement, ctx) {
    if (!isAllow(statement) || hasCondition(statement) || !grantsAllKms(grantOf(statement))) return;
    const at = fullAccessLoc(statement);
    if (!at) return;
    if (ctx.policy.kind === 'key-policy') {
      const principal = statement.principal;
      if (!principal) return;
      if (!principal.not && !principal.opaque && principal.entries.length > 0 && principal.entries.every((e) => isOwnRoot(e, ctx.own))) {
        ctx.report(at, "The key's own account root gets kms:*: this delegates access to IAM policies of that account (AWS's default key policy).", {
          severity: 'information',
        });
        return;
      }
    }
    ctx.report(
      at,
      ctx.policy.kind === 'key-policy'
        ? "Grants kms:* with no Condition to a principal other than the key's own account root: it can use, re-key, share and delete the key."
        : 'Grants kms:* with no Condition: whoever holds this policy can use, administer and delete every key it reaches.',
      { fixes: () => fixes(statement, ctx) },
    );
  },
};
