import { judgeCondition } from '../iam/conditions';
import { isAllow } from '../iam/grants';
import type { Rule } from './rule';

export const conditionNote: Rule = {
  meta: {
    id: 'kms-condition-note',
    defaultSeverity: 'information',
    description: 'A Condition entry that probably does not do what was meant (StringEquals "*", …IfExists on a key every request carries).',
    note: true,
  },
  checkStatement(statement, ctx) {
    if (!isAllow(statement) || !statement.condition) return;
    for (const { entry, verdict } of judgeCondition(statement.condition).verdicts) {
      if (verdict.note) ctx.report(entry.loc, verdict.note);
    }
  },
};
