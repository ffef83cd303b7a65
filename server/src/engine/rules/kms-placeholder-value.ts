import type { PolicyValue, Statement } from '../model/types';
import type { Rule } from './rule';
import { PLACEHOLDERS } from './fixes';

function valuesOf(statement: Statement): PolicyValue[] {
  const values: PolicyValue[] = [];
  if (statement.sid) values.push(statement.sid);
  for (const entry of statement.principal?.entries ?? []) values.push(entry.value);
  values.push(...(statement.action?.items ?? []), ...(statement.resource?.items ?? []));
  for (const entry of statement.condition?.entries ?? []) values.push(...entry.values);
  return values;
}

export const placeholderValue: Rule = {
  meta: {
    id: 'kms-placeholder-value',
    defaultSeverity: 'warning', securitySeverity: 5.0, tags: ['correctness', 'kms'],
    description: 'A placeholder left by a quick fix still needs a real value: a policy holding it does not deploy.',
  },
  checkStatement(statement, ctx) {
    for (const value of valuesOf(statement)) {
      // Every placeholder is written in angle brackets: most values need no closer look.
      const placeholder = value.text.includes('<') ? PLACEHOLDERS.find((p) => value.text.includes(p)) : undefined;
      if (placeholder) ctx.report(value.loc, `Replace the placeholder ${placeholder} with the real value: AWS rejects a policy that still holds it.`);
    }
  },
};
