import { getNodeValue, type Node } from 'jsonc-parser';
import { items, propertyName, propertyValue, stringValue, visibleText } from '../json';
import { grantOf } from '../iam/account';
import { actionMatches, actsOnKey, DECRYPT_ACTIONS, grantedKmsActions, grants, KMS_ACTION_NAMES, reachesBeyondKms } from '../iam/actions';
import { matchesKeysOfAnyAccount } from '../iam/arns';
import { isAllow, type Statement } from '../policy';
import type { FixDraft, Modification } from '../fix';
import { ruleMetaOf } from './meta';
import type { PolicyContext, PolicyRule } from './context';
import { accountForFix, KEY_ARN_PLACEHOLDER } from './fixes';

const reachesAnyAccount = (node: Node) => {
  const text = visibleText(node);
  return text !== undefined && matchesKeysOfAnyAccount(text);
};

/** Resource narrowed: the offending entries replaced by the target. */
function narrowResource(statement: Statement, target: string): Modification[] {
  const resource = statement.resource!;
  const value = resource.children?.[1];
  if (value?.type !== 'array') return [{ path: [propertyName(resource)], value: target }];
  const kept = items(value).filter((e) => !reachesAnyAccount(e)).map((e) => getNodeValue(e) as unknown);
  return [{ path: [propertyName(resource)], value: kept.length === 0 ? target : [...kept, target] }];
}

/** The statement's actions without the decrypt ones, or undefined when that can't be written as a list. */
function actionsWithoutDecrypt(statement: Statement): Modification | undefined {
  if (statement.notAction) {
    const excluded = items(statement.notAction.children?.[1]).map((e) => getNodeValue(e) as unknown);
    const missing = DECRYPT_ACTIONS.filter((a) => !excluded.some((e) => typeof e === 'string' && actionMatches(e, a)));
    return { path: [propertyName(statement.notAction)], value: [...excluded, ...missing] };
  }
  const action = statement.action!;
  const result: unknown[] = [];
  for (const entry of items(action.children?.[1])) {
    const text = visibleText(entry);
    if (text === undefined || !DECRYPT_ACTIONS.some((a) => actionMatches(text, a))) {
      result.push(getNodeValue(entry));
      continue;
    }
    if (reachesBeyondKms(text)) return undefined;
    for (const name of KMS_ACTION_NAMES) {
      if (actionMatches(text, name) && !DECRYPT_ACTIONS.some((d) => d.toLowerCase() === name.toLowerCase())) result.push(name);
    }
  }
  const unique = [...new Set(result.map((r) => JSON.stringify(r)))].map((r) => JSON.parse(r) as unknown);
  return { path: [propertyName(action)], value: unique };
}

function splitStatement(statement: Statement, decrypts: string[], target: string): Pick<FixDraft, 'modifications' | 'appendStatement'> | undefined {
  const rewritten = actionsWithoutDecrypt(statement);
  if (!rewritten) return undefined;
  const sid = stringValue(propertyValue(statement.node, 'Sid'));
  const condition = statement.condition?.children?.[1];
  const added = {
    ...(sid ? { Sid: `${sid}Decrypt` } : {}),
    Effect: 'Allow',
    Action: decrypts.length === 1 ? decrypts[0] : decrypts,
    Resource: target,
    ...(condition ? { Condition: getNodeValue(condition) as unknown } : {}),
  };
  return { modifications: [rewritten], appendStatement: added };
}

function fixes(statement: Statement, decrypts: string[], ctx: PolicyContext): FixDraft[] {
  if (!statement.resource) return [];
  const account = accountForFix(ctx.own);
  const accountId = Array.isArray(account.value) ? account.value[0] : account.value;
  const targets = [
    { label: "the own account's keys", arn: `arn:${ctx.site.partition ?? 'aws'}:kms:*:${accountId}:key/*`, placeholder: account.placeholder },
    { label: 'one key', arn: KEY_ARN_PLACEHOLDER, placeholder: true },
  ];
  const grant = grantOf(statement);
  const needsStar =
    !!statement.notAction || (grant.allowed ?? []).some(reachesBeyondKms) || grantedKmsActions(grant).some((a) => !actsOnKey(a));
  const drafts: FixDraft[] = [];
  targets.forEach((target, i) => {
    const change = needsStar ? splitStatement(statement, decrypts, target.arn) : { modifications: narrowResource(statement, target.arn) };
    if (!change) return;
    drafts.push({
      statement,
      ...change,
      title: needsStar
        ? `Split the statement: allow ${decrypts.join(' and ')} only on ${target.label} (${target.arn})`
        : `Narrow Resource to ${target.label} (${target.arn})`,
      hasPlaceholder: target.placeholder,
      isPreferred: i === 0,
    });
  });
  return drafts;
}

export const decryptAllResources: PolicyRule = {
  meta: ruleMetaOf('kms-decrypt-all-resources'),
  checkStatement(statement, ctx) {
    if (ctx.site.kind !== 'identity-policy' || !isAllow(statement)) return;
    const decrypts = DECRYPT_ACTIONS.filter((a) => grants(grantOf(statement), a));
    if (decrypts.length === 0) return;
    let at: Node | undefined;
    if (statement.resource) at = items(statement.resource.children?.[1]).find(reachesAnyAccount);
    else if (statement.notResource && !items(statement.notResource.children?.[1]).some(reachesAnyAccount)) at = statement.notResource;
    if (!at) return;
    ctx.report(at, `Allows ${decrypts.join(' and ')} on every KMS key of every account: anyone holding this policy can decrypt data encrypted under keys that trust them.`, {
      fixes: fixes(statement, [...decrypts], ctx),
    });
  },
};
