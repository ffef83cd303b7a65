// What each KMS action lets a principal do with a key, in the words a reviewer asks about:
// use it, administer it, hand out grants on it, or read its metadata. The table names every action
// of the catalog (test/unit/access-capabilities.test.ts fails when the catalog grows an action this
// table does not place), so a new action is classified on purpose, never by accident.
import { actsOnKey, KMS_ACTION_NAMES } from '../iam/actions';

export type Capability = 'use' | 'administer' | 'grants' | 'view';

/** The order capabilities are shown in. */
export const CAPABILITIES: readonly Capability[] = ['use', 'administer', 'grants', 'view'];

export const CAPABILITY_TITLES: Readonly<Record<Capability, string>> = {
  use: 'Use',
  administer: 'Administer',
  grants: 'Grants',
  view: 'View',
};

/**
 * Where each catalog action belongs. `not-on-key` actions are authorised on no key resource
 * (`kms:CreateKey`, `kms:ListKeys`…): a key policy cannot grant them, so the summary leaves them out.
 */
export const ACTION_CAPABILITY: Readonly<Record<string, Capability | 'not-on-key'>> = {
  // Cryptographic operations, and what callers read to perform them (DescribeKey, GetPublicKey): the
  // "Allow use of the key" list of AWS's default key policy, for every key spec.
  Encrypt: 'use',
  Decrypt: 'use',
  ReEncryptFrom: 'use',
  ReEncryptTo: 'use',
  GenerateDataKey: 'use',
  GenerateDataKeyPair: 'use',
  GenerateDataKeyPairWithoutPlaintext: 'use',
  GenerateDataKeyWithoutPlaintext: 'use',
  Sign: 'use',
  Verify: 'use',
  GenerateMac: 'use',
  VerifyMac: 'use',
  DeriveSharedSecret: 'use',
  GetPublicKey: 'use',
  DescribeKey: 'use',
  // Changing the key, its policy, its life cycle, its aliases, tags, material and replicas: what the
  // "Allow access for Key Administrators" list of the default key policy covers.
  PutKeyPolicy: 'administer',
  ScheduleKeyDeletion: 'administer',
  CancelKeyDeletion: 'administer',
  EnableKey: 'administer',
  DisableKey: 'administer',
  EnableKeyRotation: 'administer',
  DisableKeyRotation: 'administer',
  RotateKeyOnDemand: 'administer',
  TagResource: 'administer',
  UntagResource: 'administer',
  UpdateKeyDescription: 'administer',
  CreateAlias: 'administer',
  UpdateAlias: 'administer',
  DeleteAlias: 'administer',
  ImportKeyMaterial: 'administer',
  DeleteImportedKeyMaterial: 'administer',
  GetParametersForImport: 'administer',
  ReplicateKey: 'administer',
  UpdatePrimaryRegion: 'administer',
  SynchronizeMultiRegionKey: 'administer',
  // A grant lets its grantee use the key without the key policy: handing them out is its own power.
  // Revoking and retiring them sit beside it (the default key policy gives all three to key users,
  // only for AWS resources), not under administration: they take access away, never add it.
  CreateGrant: 'grants',
  RevokeGrant: 'grants',
  RetireGrant: 'grants',
  // Reading the key's configuration without changing it or using it.
  GetKeyPolicy: 'view',
  GetKeyRotationStatus: 'view',
  GetKeyLastUsage: 'view',
  ListGrants: 'view',
  ListKeyPolicies: 'view',
  ListKeyRotations: 'view',
  ListResourceTags: 'view',
  // Authorised on no key: account-level operations and custom key stores.
  ConnectCustomKeyStore: 'not-on-key',
  CreateCustomKeyStore: 'not-on-key',
  DeleteCustomKeyStore: 'not-on-key',
  DescribeCustomKeyStores: 'not-on-key',
  DisconnectCustomKeyStore: 'not-on-key',
  UpdateCustomKeyStore: 'not-on-key',
  CreateKey: 'not-on-key',
  GenerateRandom: 'not-on-key',
  ListAliases: 'not-on-key',
  ListKeys: 'not-on-key',
  ListRetirableGrants: 'not-on-key',
};

const BY_LOWER_NAME = new Map(Object.entries(ACTION_CAPABILITY).map(([name, capability]) => [`kms:${name}`.toLowerCase(), capability]));

/**
 * The capability of a catalog action (`kms:Decrypt` → use). An action this table does not know
 * (a newer catalog) falls back to what the catalog says about it: acting on no key, or
 * administering it — the cautious reading, since administration is what a reviewer must not miss.
 */
export function capabilityOf(action: string): Capability | 'not-on-key' {
  const known = BY_LOWER_NAME.get(action.toLowerCase());
  if (known) return known;
  return actsOnKey(action) ? 'administer' : 'not-on-key';
}

/** The catalog actions a key policy can grant, in catalog order: the universe of the access summary. */
export const KEY_ACTIONS: readonly string[] = KMS_ACTION_NAMES.filter((action) => capabilityOf(action) !== 'not-on-key');

/** The key actions of each capability. */
export const ACTIONS_OF: Readonly<Record<Capability, readonly string[]>> = {
  use: KEY_ACTIONS.filter((a) => capabilityOf(a) === 'use'),
  administer: KEY_ACTIONS.filter((a) => capabilityOf(a) === 'administer'),
  grants: KEY_ACTIONS.filter((a) => capabilityOf(a) === 'grants'),
  view: KEY_ACTIONS.filter((a) => capabilityOf(a) === 'view'),
};
