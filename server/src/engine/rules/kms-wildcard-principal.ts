import { propertyName } from '../json';
import { restrictsCaller } from '../iam/conditions';
import { hasWildcardPrincipal } from '../iam/principals';
import { isAllow } from '../policy';
import { ruleMetaOf } from './meta';
import type { PolicyRule } from './context';
import { addConditionEntry, callerAccountFix, ORG_PLACEHOLDER, rootPrincipalArn } from './fixes';

export const wildcardPrincipal: PolicyRule = {
  meta: ruleMetaOf('kms-wildcard-principal'),
  checkStatement(statement, ctx) {
    if (ctx.site.kind !== 'key-policy' || !isAllow(statement) || !hasWildcardPrincipal(statement)) return;
    if (restrictsCaller(statement.condition)) return;
    const at = statement.notPrincipal ?? statement.principal;
    if (!at) return;

    const orgCondition = addConditionEntry(statement, 'StringEquals', 'aws:PrincipalOrgID', ORG_PLACEHOLDER);
    const root = rootPrincipalArn(ctx.own, ctx.site.partition);
    const principalName = propertyName(at);
    ctx.report(
      at,
      statement.notPrincipal
        ? 'Allow with NotPrincipal lets every principal except the listed ones use this key, and no Condition restricts the caller.'
        : 'Principal "*" with no Condition restricting the caller: anyone in any AWS account can use this key.',
      {
        fixes: [
          ...callerAccountFix(statement, ctx.own, true),
          ...(orgCondition ? [{ title: `Add Condition StringEquals aws:PrincipalOrgID = ${ORG_PLACEHOLDER}`, statement, modifications: orgCondition, hasPlaceholder: true }] : []),
          {
            title: `Replace the wildcard principal with ${root.arn}`,
            statement,
            hasPlaceholder: root.placeholder,
            modifications: statement.notPrincipal
              ? [{ path: [principalName], value: undefined }, { path: ['Principal'], value: { AWS: root.arn } }]
              : [{ path: [principalName], value: { AWS: root.arn } }],
          },
        ],
      },
    );
  },
};
