import { getNodeValue, type Node } from 'jsonc-parser';
import { items, propertyName, visibleText } from '../json';
import { grantOf, isOwnRoot } from '../iam/account';
import { grantsAllKms, KEY_ADMIN_ACTIONS, KEY_USAGE_ACTIONS } from '../iam/actions';
import { principalEntries } from '../iam/principals';
import { hasCondition, isAllow, type Statement } from '../policy';
import type { Modification } from '../fix';
import { ruleMetaOf } from './meta';
import type { PolicyRule } from './context';
import { callerAccountFix } from './fixes';

const grantsAllKmsAlone = (node: Node) => {
  const text = visibleText(node);
  return text !== undefined && grantsAllKms({ allowed: [text] });
};

/** Where the full grant is written: the `kms:*` / `*` entry, else the whole Action or NotAction. */
function fullAccessNode(statement: Statement): Node | undefined {
  if (statement.notAction) return statement.notAction;
  return items(statement.action?.children?.[1]).find(grantsAllKmsAlone) ?? statement.action;
}

function replaceFullAccess(statement: Statement, list: string[]): Modification[] {
  if (statement.notAction) {
    return [{ path: [propertyName(statement.notAction)], value: undefined }, { path: ['Action'], value: list }];
  }
  const action = statement.action!;
  const entries = items(action.children?.[1]);
  const kept = action.children?.[1]?.type === 'array' ? entries.filter((e) => !grantsAllKmsAlone(e)) : [];
  const value = kept.length === entries.length ? list : [...kept.map((e) => getNodeValue(e) as unknown), ...list];
  return [{ path: [propertyName(action)], value }];
}

export const unconditionedFullAccess: PolicyRule = {
  meta: ruleMetaOf('kms-unconditioned-full-access'),
  checkStatement(statement, ctx) {
    if (!isAllow(statement) || hasCondition(statement) || !grantsAllKms(grantOf(statement))) return;
    const at = fullAccessNode(statement);
    if (!at) return;
    if (ctx.site.kind === 'key-policy') {
      if (!statement.principal && !statement.notPrincipal) return;
      const entries = principalEntries(statement.principal);
      if (!statement.notPrincipal && entries.length > 0 && entries.every((e) => isOwnRoot(e, ctx.own))) {
        ctx.report(at, "The key's own account root gets kms:*: this delegates access to IAM policies of that account (AWS's default key policy).", { severity: 'information' });
        return;
      }
    }
    ctx.report(
      at,
      ctx.site.kind === 'key-policy'
        ? "Grants kms:* with no Condition to a principal other than the key's own account root: it can use, re-key, share and delete the key."
        : 'Grants kms:* with no Condition: whoever holds this policy can use, administer and delete every key it reaches.',
      {
        fixes: [
          { title: 'Replace kms:* with the key-usage actions', statement, modifications: replaceFullAccess(statement, KEY_USAGE_ACTIONS), hasPlaceholder: false, isPreferred: true },
          { title: 'Replace kms:* with the key-administration actions', statement, modifications: replaceFullAccess(statement, KEY_ADMIN_ACTIONS), hasPlaceholder: false },
          ...callerAccountFix(statement, ctx.own, false),
        ],
      },
    );
  },
};
