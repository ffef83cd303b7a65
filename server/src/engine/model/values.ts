// Reading PolicyValues: what is literal, what is a reference, what a wildcard.
import type { PolicyValue, Reference, TextPart } from './types';

/** The value's text when all of it is visible; undefined when part of it is a reference. */
export function literal(value: PolicyValue): string | undefined {
  return value.parts ? undefined : value.text;
}

export function isReference(part: TextPart): part is Reference {
  return typeof part !== 'string';
}

/** The text with every reference replaced by `stand` (specific text by default: a reference names something specific). */
export function textWithReferences(value: PolicyValue, stand = 'X'): string {
  if (!value.parts) return value.text;
  return value.parts.map((p) => (typeof p === 'string' ? p : stand)).join('');
}

/** `"*"` as visible text (not `${ref}` standing for it). */
export function isStar(value: PolicyValue): boolean {
  return !value.parts && value.text.trim() === '*';
}
