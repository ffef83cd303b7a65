import { globMatch } from './glob';
import { KMS_ACTIONS } from './kms-actions.generated';

/** Every KMS action of the catalog, as `kms:Name`. */
export const KMS_ACTION_NAMES: readonly string[] = KMS_ACTIONS.map(([name]) => `kms:${name}`);
const ACTS_ON_KEY = new Map(KMS_ACTIONS.map(([name, onKey]) => [`kms:${name}`.toLowerCase(), onKey]));

export const DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'] as const;

/** The key-usage and key-administration action lists of AWS's default key policy. */
export const KEY_USAGE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*',
  'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

export function actionMatches(pattern: string, action: string): boolean {
  const index = KMS_INDEX.get(action);
  if (index !== undefined) return kmsMaskOf(pattern)[index] === 1;
  return globMatch(pattern, action);
}

export interface ActionGrant {
  /** Patterns of `Action`, or undefined when the statement uses `NotAction`. */
  allowed?: string[];
  /** Patterns of `NotAction`. */
  excluded?: string[];
  /** The KMS actions granted, one byte per action of the catalog: worked out on first use. */
  kmsMask?: Uint8Array;
}

export function grants(grant: ActionGrant, action: string): boolean {
  const patterns = grant.allowed ?? grant.excluded;
  if (!patterns) return false;
  let matched = false;
  for (let i = 0; i < patterns.length && !matched; i++) matched = actionMatches(patterns[i], action);
  return grant.allowed ? matched : !matched;
}

// Which KMS actions a pattern matches, worked out once per pattern text (policies repeat the same
// few patterns endlessly) and kept in a bounded cache: one byte per action of the catalog.
const KMS_INDEX = new Map(KMS_ACTION_NAMES.map((name, i) => [name, i]));
const KMS_LOWER = KMS_ACTION_NAMES.map((name) => name.toLowerCase());
const MASK_CACHE_LIMIT = 4096;
const masks = new Map<string, Uint8Array>();

function kmsMaskOf(pattern: string): Uint8Array {
  let mask = masks.get(pattern);
  if (mask) return mask;
  mask = new Uint8Array(KMS_LOWER.length);
  const lower = pattern.toLowerCase();
  // Only patterns that can reach KMS need matching: `s3:GetObject` matches none of its actions.
  if (lower === '*' || lower.startsWith('kms:') || !/^[a-z0-9-]*:/.test(lower)) {
    for (let i = 0; i < KMS_LOWER.length; i++) mask[i] = globMatch(lower, KMS_LOWER[i], false) ? 1 : 0;
  }
  if (pattern.length <= 512) {
    if (masks.size >= MASK_CACHE_LIMIT) masks.clear();
    masks.set(pattern, mask);
  }
  return mask;
}

/** The KMS actions a grant allows, one byte per action of the catalog. */
function grantMask(grant: ActionGrant): Uint8Array {
  if (grant.kmsMask) return grant.kmsMask;
  const mask = new Uint8Array(KMS_LOWER.length);
  const patterns = grant.allowed ?? grant.excluded ?? [];
  for (const pattern of patterns) {
    const matched = kmsMaskOf(pattern);
    for (let i = 0; i < mask.length; i++) mask[i] |= matched[i];
  }
  if (grant.excluded) for (let i = 0; i < mask.length; i++) mask[i] ^= 1;
  else if (!grant.allowed) mask.fill(0);
  grant.kmsMask = mask;
  return mask;
}

/** Whether a single Action pattern grants every KMS action (`kms:*`, `*`, `kms:*e*`…). */
export function patternGrantsAllKms(pattern: string): boolean {
  return kmsMaskOf(pattern).every((bit) => bit === 1);
}

/** Whether every KMS action of the catalog is granted: `kms:*`, `*`, or a NotAction that excludes no KMS action. */
export function grantsAllKms(grant: ActionGrant): boolean {
  return grantMask(grant).every((bit) => bit === 1);
}

/** Whether any KMS action of the catalog is granted. */
export function grantsAnyKms(grant: ActionGrant): boolean {
  return grantMask(grant).includes(1);
}

export function grantedKmsActions(grant: ActionGrant): string[] {
  const mask = grantMask(grant);
  return KMS_ACTION_NAMES.filter((_, i) => mask[i] === 1);
}

/** Whether a KMS action is authorised on a key resource (others, like kms:ListKeys, need `"*"`). */
export function actsOnKey(action: string): boolean {
  return ACTS_ON_KEY.get(action.toLowerCase()) ?? false;
}

/** Whether a pattern can match actions of services other than KMS. */
export function reachesBeyondKms(pattern: string): boolean {
  const colon = pattern.indexOf(':');
  if (colon < 0) return true;
  const service = pattern.slice(0, colon);
  return service.toLowerCase() !== 'kms';
}
