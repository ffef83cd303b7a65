import type { KeyFacts, PolicyValue } from '../model/types';
import { literal } from '../model/values';
import type { Rule } from './rule';

const upper = (value: PolicyValue | undefined) => (value ? literal(value)?.trim().toUpperCase() : undefined);

/** Whether the document shows rotation off: missing, false or "false"; a reference we cannot see is not flagged. */
function rotationOff(key: KeyFacts): boolean {
  const rotation = key.rotation;
  if (!rotation) return true;
  if (rotation.type === 'reference') return false;
  return rotation.type === 'null' || rotation.text.trim().toLowerCase() !== 'true';
}

/** A customer-managed symmetric encryption key whose material KMS generated: the only kind that can rotate automatically. */
export function canRotate(key: KeyFacts): boolean {
  if (key.replica || key.external) return false;
  if (upper(key.manager) !== 'CUSTOMER') return false;
  if (key.origin && (key.origin.type === 'reference' || upper(key.origin) !== 'AWS_KMS')) return false;
  if (key.spec && (key.spec.type === 'reference' || upper(key.spec) !== 'SYMMETRIC_DEFAULT')) return false;
  if (key.usage && (key.usage.type === 'reference' || upper(key.usage) !== 'ENCRYPT_DECRYPT')) return false;
  return true;
}

export const keyRotationDisabled: Rule = {
  meta: {
    id: 'kms-key-rotation-disabled',
    defaultSeverity: 'warning', securitySeverity: 4.0, tags: ['security', 'kms', 'cryptography'],
    description: 'A customer-managed symmetric encryption key does not rotate its key material automatically (Security Hub KMS.4).',
  },
  checkKey(key, ctx) {
    if (!canRotate(key) || !rotationOff(key)) return;
    const writer = key.writer;
    const attribute = key.source === 'terraform' ? 'enable_key_rotation = true' : 'EnableKeyRotation: true';
    ctx.report(key.rotation?.loc ?? key.anchor, 'This customer-managed symmetric key does not rotate its key material automatically, so one leaked key version stays valid for good.', {
      fixes: () => writer
        ? [{ title: `Turn automatic rotation on (${attribute})`, kind: 'safe', hasPlaceholder: false, isPreferred: true, edits: () => writer.enableRotation() }]
        : [],
    });
  },
};
