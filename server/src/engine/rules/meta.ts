import type { RuleId, RuleMeta } from '../types';

const REPOSITORY = 'https://github.com/kms-policy-lint/kms-policy-lint';

/** Every rule and note the engine reports, in the order the docs list them. */
export const RULES: readonly RuleMeta[] = [
  { id: 'kms-wildcard-principal', defaultSeverity: 'error', description: 'An Allow statement of a key or resource policy lets any principal in, with no Condition restricting the caller.' },
  { id: 'kms-unconditioned-full-access', defaultSeverity: 'warning', description: 'An Allow statement grants kms:* (or *) with no Condition, to someone other than the own account\'s root.' },
  { id: 'kms-decrypt-all-resources', defaultSeverity: 'warning', description: 'An identity policy allows kms:Decrypt or kms:ReEncryptFrom on every key of every account (Security Hub KMS.1/KMS.2).' },
  { id: 'kms-key-rotation-disabled', defaultSeverity: 'warning', description: 'A customer-managed symmetric encryption key does not rotate its key material automatically (Security Hub KMS.4).' },
  { id: 'kms-key-pending-deletion', defaultSeverity: 'warning', description: 'A key is scheduled for deletion (Security Hub KMS.3).' },
  { id: 'json-syntax', defaultSeverity: 'error', description: 'The document is not valid JSON or JSONC.' },
  { id: 'kms-placeholder-value', defaultSeverity: 'information', description: 'A placeholder left by a quick fix still needs a real value.', note: true },
  { id: 'kms-key-policy-changed', defaultSeverity: 'information', description: 'A CloudTrail PutKeyPolicy event changed a key policy.', note: true },
];

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULES.find((r) => r.id === id);
}

/** The docs page a diagnostic links to. */
export function docsUrl(id: RuleId | string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${id}.md`;
}

export function ruleMetaOf(id: RuleId): RuleMeta {
  const meta = ruleMeta(id);
  if (!meta) throw new Error(`unknown rule ${id}`);
  return meta;
}
