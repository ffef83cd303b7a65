import type { Rule } from './rule';

/** Reported by the engine after the other rules: a suppression comment or Metadata entry that suppressed nothing. */
export const unusedSuppression: Rule = {
  meta: {
    id: 'unused-suppression',
    defaultSeverity: 'information',
    description: 'A suppression comment or Metadata entry that suppresses no finding (remove it, so suppressions do not rot).',
    note: true,
  },
};
