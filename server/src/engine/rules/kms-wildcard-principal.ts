import { isCallerKey, judgeCondition } from '../iam/conditions';
import { isAllow } from '../iam/grants';
import { hasWildcardPrincipal } from '../iam/principals';
import type { Rule } from './rule';
import { callerAccountFix, ORG_PLACEHOLDER, rootPrincipal, statementFix, touchable } from './fixes';
import { grantOfStatement, grantsAnyKms } from './grants-of';

export const wildcardPrincipal: Rule = {
  meta: {
    id: 'kms-wildcard-principal',
    defaultSeverity: 'error', securitySeverity: 9.1, tags: ['security', 'kms', 'public-access'],
    description: 'An Allow statement of a key policy lets any principal use a KMS action, with no Condition restricting the caller.',
  },
  checkStatement(statement, ctx) {
    if (ctx.policy.kind !== 'key-policy' || !isAllow(statement) || !hasWildcardPrincipal(statement)) return;
    if (!grantsAnyKms(grantOfStatement(statement))) return;
    const verdict = judgeCondition(statement.condition);
    if (verdict.restricts || statement.condition?.opaque) return;
    const principal = statement.principal!;
    // The reason the user most needs: why an entry that looks like a restriction is not one.
    const why = (verdict.verdicts.find((v) => isCallerKey(v.entry.key)) ?? verdict.verdicts[0])?.verdict.reason;
    const base = principal.not
      ? 'Allow with NotPrincipal lets every principal except the listed ones use this key, and no Condition restricts the caller.'
      : statement.condition
        ? 'Principal "*" and no Condition entry restricts the caller: anyone in any AWS account can use this key.'
        : 'Principal "*" with no Condition restricting the caller: anyone in any AWS account can use this key.';
    // With the organization known, the Condition admits exactly the own organization: safe.
    const orgFix = () => {
      const orgs = ctx.organizations.length > 0 ? [...ctx.organizations] : [ORG_PLACEHOLDER];
      const shown = orgs.length === 1 ? orgs[0] : orgs.join(', ');
      return statementFix(ctx.policy, statement, `Add Condition StringEquals aws:PrincipalOrgID = ${shown}`, 'safe', ctx.organizations.length === 0, [
        { op: 'addConditionEntry', operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: orgs },
      ]);
    };
    const fixes = () => {
      if (!touchable(statement)) return [];
      const root = rootPrincipal(ctx.own, ctx.policy);
      const caller = callerAccountFix(ctx.policy, statement, ctx.own, true);
      // A principal partly unseen (a conditional's branches) is not rewritten whole.
      const replace = principal.opaque
        ? []
        : [statementFix(ctx.policy, statement, `Replace the wildcard principal with ${root.shown}`, 'suggestion', root.placeholder, [{ op: 'setPrincipal', type: 'AWS', values: [root.value] }])];
      return [...(caller ? [caller] : []), orgFix(), ...replace];
    };
    ctx.report(principal.loc, why ? `${base} ${why}` : base, { fixes });
  },
};
