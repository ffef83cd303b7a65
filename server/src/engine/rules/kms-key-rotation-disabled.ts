import { keyAttribute, keyAttributeText } from '../sources/discover';
import { ruleMetaOf } from './meta';
import type { KeyRule } from './context';

export const keyRotationDisabled: KeyRule = {
  meta: ruleMetaOf('kms-key-rotation-disabled'),
  checkKey(key, ctx) {
    if (keyAttributeText(key, 'KeyManager') !== 'CUSTOMER') return;
    if ((keyAttributeText(key, 'Origin') ?? 'AWS_KMS') !== 'AWS_KMS') return;
    const spec = keyAttributeText(key, 'KeySpec') ?? keyAttributeText(key, 'CustomerMasterKeySpec');
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return;
    const usage = keyAttributeText(key, 'KeyUsage');
    if (usage !== undefined && usage !== 'ENCRYPT_DECRYPT') return;
    // AWS Config keeps the rotation status in its supplementary configuration.
    const rotation = keyAttribute(key, 'KeyRotationEnabled') ?? keyAttribute(key, 'KeyRotationStatus');
    const value = rotation?.children?.[1];
    if (value?.value === true || (typeof value?.value === 'string' && value.value.toLowerCase() === 'true')) return;
    const at = rotation ?? keyAttribute(key, 'KeyManager') ?? key.node;
    ctx.report(at, 'This customer-managed symmetric key does not rotate its key material automatically, so one leaked key version stays valid for good.');
  },
};

