// Every rule the engine runs, in the order the docs list them. A rule's metadata lives in its module.
import type { RuleMeta } from '../types';
import { unknownActionRule } from './iam-unknown-action';
import { jsonSyntax } from './json-syntax';
import { conditionNote } from './kms-condition-note';
import { decryptAllResources } from './kms-decrypt-all-resources';
import { keyPendingDeletion } from './kms-key-pending-deletion';
import { keyPolicyChanged } from './kms-key-policy-changed';
import { keyRotationDisabled } from './kms-key-rotation-disabled';
import { placeholderValue } from './kms-placeholder-value';
import { unconditionedFullAccess } from './kms-unconditioned-full-access';
import { wildcardPrincipal } from './kms-wildcard-principal';
import type { Rule } from './rule';
import { unusedSuppression } from './unused-suppression';

export const RULE_MODULES: readonly Rule[] = [
  wildcardPrincipal,
  unconditionedFullAccess,
  decryptAllResources,
  keyRotationDisabled,
  keyPendingDeletion,
  unknownActionRule,
  jsonSyntax,
  placeholderValue,
  keyPolicyChanged,
  conditionNote,
  unusedSuppression,
];

/** Reported by the engine itself when a rule fails on a document: the other rules' findings still stand. */
export const INTERNAL_ERROR: RuleMeta = {
  id: 'internal-error',
  defaultSeverity: 'information',
  description: 'A rule failed on this document; the other rules still ran. Please report it with the document.',
  note: true,
};

export const RULES: readonly RuleMeta[] = [...RULE_MODULES.map((r) => r.meta), INTERNAL_ERROR];

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULES.find((r) => r.id === id);
}

const REPOSITORY = 'https://github.com/kms-policy-lint/kms-policy-lint';

/** The docs page a diagnostic links to. */
export function docsUrl(id: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${id}.md`;
}
