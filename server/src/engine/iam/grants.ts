// What a statement's Action / NotAction grants, read from the model.
import type { ListElement, Statement } from '../model/types';
import { literal } from '../model/values';
import type { ActionGrant } from './actions';

/** The action patterns an element lists; values we cannot see are left out (they name something specific). */
export function actionPatterns(element: ListElement | undefined): string[] {
  const patterns: string[] = [];
  for (const item of element?.items ?? []) {
    const text = literal(item);
    if (text !== undefined && item.type === 'string') patterns.push(text);
  }
  return patterns;
}

export function grantOf(statement: Statement): ActionGrant {
  const action = statement.action;
  if (!action) return { allowed: [] };
  return action.not ? { excluded: actionPatterns(action) } : { allowed: actionPatterns(action) };
}

export function isAllow(statement: Statement): boolean {
  return statement.effect?.text.toLowerCase() === 'allow';
}

/** A Condition that is present and not empty. */
export function hasCondition(statement: Statement): boolean {
  const condition = statement.condition;
  return !!condition && (condition.entries.length > 0 || condition.opaque);
}
