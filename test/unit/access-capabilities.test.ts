// The capability table places every action of the catalog, on purpose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTION_CAPABILITY, ACTIONS_OF, CAPABILITIES, capabilityOf, KEY_ACTIONS } from '../../server/src/engine/access';
import { actsOnKey, KMS_ACTION_NAMES } from '../../server/src/engine/iam/actions';

describe('access capabilities', () => {
  it('names every KMS action of the catalog, and nothing else', () => {
    const catalog = KMS_ACTION_NAMES.map((a) => a.slice('kms:'.length)).sort();
    const table = Object.keys(ACTION_CAPABILITY).sort();
    assert.deepEqual(catalog.filter((name) => !table.includes(name)), [], 'catalog actions the table does not place');
    assert.deepEqual(table.filter((name) => !catalog.includes(name)), [], 'table entries the catalog does not have');
  });

  it('leaves out exactly the actions authorised on no key resource', () => {
    for (const action of KMS_ACTION_NAMES) {
      assert.equal(capabilityOf(action) === 'not-on-key', !actsOnKey(action), action);
    }
    assert.ok(!KEY_ACTIONS.includes('kms:CreateKey'));
    assert.ok(!KEY_ACTIONS.includes('kms:ListAliases'));
  });

  it('splits the key actions into the four capabilities without overlap', () => {
    const all = CAPABILITIES.flatMap((c) => ACTIONS_OF[c]);
    assert.equal(all.length, KEY_ACTIONS.length);
    assert.equal(new Set(all).size, KEY_ACTIONS.length);
  });

  it('classifies by name, whatever the case', () => {
    assert.equal(capabilityOf('KMS:decrypt'), 'use');
    assert.equal(capabilityOf('kms:PutKeyPolicy'), 'administer');
    assert.equal(capabilityOf('kms:ScheduleKeyDeletion'), 'administer');
    assert.equal(capabilityOf('kms:DisableKeyRotation'), 'administer');
    assert.equal(capabilityOf('kms:CreateGrant'), 'grants');
    assert.equal(capabilityOf('kms:GetKeyPolicy'), 'view');
    for (const action of ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:Sign', 'kms:Verify', 'kms:GenerateMac', 'kms:VerifyMac', 'kms:DescribeKey']) {
      assert.equal(capabilityOf(action), 'use', action);
    }
  });
});
