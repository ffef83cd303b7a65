import { actionMatches, actsOnKey, DECRYPT_ACTIONS, grantedKmsActions, grants, reachesBeyondKms } from '../iam/actions';
import { matchesKeysOfAnyAccount } from '../iam/arns';
import { grantOf, isAllow } from '../iam/grants';
import type { EditValue, PolicyEdit, PolicyValue, Statement } from '../model/types';
import { literal, textWithReferences } from '../model/values';
import type { FixProposal, PolicyContext, Rule } from './rule';
import { derivedSid, KEY_ARN_PLACEHOLDER, ownAccountArns, statementFix, withoutKmsActions } from './fixes';

const reachesAnyAccount = (value: PolicyValue) => value.type !== 'null' && matchesKeysOfAnyAccount(textWithReferences(value));

const isDecrypt = (action: string) => DECRYPT_ACTIONS.some((d) => actionMatches(d, action));

function fixes(statement: Statement, decrypts: string[], ctx: PolicyContext): FixProposal[] {
  const resource = statement.resource;
  if (!resource || resource.not || resource.opaque) return [];
  const ownKeys = ownAccountArns(ctx.own, ctx.policy, 'kms', '*', 'key/*');
  const targets = [
    { label: "the own account's keys", arns: ownKeys.values, shown: ownKeys.shown, placeholder: ownKeys.placeholder },
    { label: 'one key', arns: [KEY_ARN_PLACEHOLDER] as EditValue[], shown: [KEY_ARN_PLACEHOLDER], placeholder: true },
  ];
  const grant = grantOf(statement);
  const needsStar = !!statement.action?.not || (grant.allowed ?? []).some(reachesBeyondKms) || grantedKmsActions(grant).some((a) => !actsOnKey(a));
  const kept = resource.items.filter((item) => !reachesAnyAccount(item)).map((item) => literal(item));
  const out: FixProposal[] = [];
  targets.forEach((target, i) => {
    let edits: PolicyEdit[] | undefined;
    let title: string;
    if (!needsStar) {
      if (kept.some((k) => k === undefined)) return;
      edits = [{ op: 'setResources', resources: [...(kept as string[]), ...target.arns] }];
      title = `Narrow Resource to ${target.label} (${target.shown.join(', ')})`;
    } else {
      const without = withoutKmsActions(statement, isDecrypt);
      if (!without || without.kept.length === 0 && without.inPlace) return;
      edits = [
        {
          op: 'splitStatement',
          original: [without.edit],
          copy: [
            { op: 'setActions', not: false, actions: decrypts },
            { op: 'setResources', resources: target.arns },
          ],
          copySid: derivedSid(statement, 'Decrypt'),
        },
      ];
      title = `Split the statement: allow ${decrypts.join(' and ')} only on ${target.label} (${target.shown.join(', ')})`;
    }
    out.push(statementFix(ctx.policy, statement, title, 'suggestion', target.placeholder, edits, i === 0));
  });
  return out;
}

export const decryptAllResources: Rule = {
  meta: {
    id: 'kms-decrypt-all-resources',
    defaultSeverity: 'warning', securitySeverity: 6.5, tags: ['security', 'kms', 'least-privilege'],
    description: 'An identity policy allows kms:Decrypt or kms:ReEncryptFrom on every key of every account (Security Hub KMS.1/KMS.2).',
  },
  checkStatement(statement, ctx) {
    if (ctx.policy.kind !== 'identity-policy' || !isAllow(statement)) return;
    const grant = grantOf(statement);
    const decrypts = DECRYPT_ACTIONS.filter((a) => grants(grant, a));
    if (decrypts.length === 0) return;
    const resource = statement.resource;
    let at;
    if (!resource) return;
    if (!resource.not) at = resource.items.find(reachesAnyAccount)?.loc;
    else if (!resource.opaque && !resource.items.some(reachesAnyAccount)) at = resource.loc;
    if (!at) return;
    ctx.report(at, `Allows ${decrypts.join(' and ')} on every KMS key of every account: anyone holding this policy can decrypt data encrypted under keys that trust them.`, {
      fixes: () => fixes(statement, [...decrypts], ctx),
    });
  },
};
