import { propertyValue, stringValue } from '../json';
import { ruleMetaOf } from './meta';
import type { KeyRule } from './context';
import { keyAttribute, keyAttributeText } from '../sources/discover';

export const keyPendingDeletion: KeyRule = {
  meta: ruleMetaOf('kms-key-pending-deletion'),
  checkKey(key, ctx) {
    if (keyAttributeText(key, 'KeyState') !== 'PENDINGDELETION') return;
    const at = keyAttribute(key, 'KeyState')!;
    const date = key.containers.map((c) => stringValue(propertyValue(c, 'DeletionDate'))).find((d) => d);
    ctx.report(at, `This key is scheduled for deletion${date ? ` on ${date}` : ''}: once deleted, everything encrypted under it is lost for good.`);
  },
};
