import { literal } from '../model/values';
import type { Rule } from './rule';

const PENDING = new Set(['PENDINGDELETION', 'PENDINGREPLICADELETION']);

export const keyPendingDeletion: Rule = {
  meta: { id: 'kms-key-pending-deletion', defaultSeverity: 'warning', securitySeverity: 5.0, tags: ['security', 'kms', 'availability'], description: 'A key is scheduled for deletion (Security Hub KMS.3).' },
  checkKey(key, ctx) {
    const state = key.state && literal(key.state)?.trim().toUpperCase();
    if (!state || !PENDING.has(state)) return;
    const date = key.deletionDate && literal(key.deletionDate);
    const what = state === 'PENDINGREPLICADELETION' ? 'This replica key is scheduled for deletion' : 'This key is scheduled for deletion';
    ctx.report(key.state!.loc, `${what}${date ? ` on ${date}` : ''}: once deleted, everything encrypted under it is lost for good.`);
  },
};
