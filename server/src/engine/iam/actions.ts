import { documentMemo } from '../memo';
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
  return globMatch(pattern, action);
}

export interface ActionGrant {
  /** Patterns of `Action`, or undefined when the statement uses `NotAction`. */
  allowed?: string[];
  /** Patterns of `NotAction`. */
  excluded?: string[];
}

export function grants(grant: ActionGrant, action: string): boolean {
  if (grant.allowed) return grant.allowed.some((p) => actionMatches(p, action));
  if (grant.excluded) return !grant.excluded.some((p) => actionMatches(p, action));
  return false;
}

/** Answers about one grant, which statements read once and rules ask about several times. */
const kmsAnswers = documentMemo<ActionGrant, { all?: boolean; any?: boolean }>();

function answersOf(grant: ActionGrant): { all?: boolean; any?: boolean } {
  let answers = kmsAnswers.get(grant);
  if (!answers) {
    answers = {};
    kmsAnswers.set(grant, answers);
  }
  return answers;
}

/** Whether every KMS action of the catalog is granted: `kms:*`, `*`, or a NotAction that excludes no KMS action. */
export function grantsAllKms(grant: ActionGrant): boolean {
  const answers = answersOf(grant);
  answers.all ??= KMS_ACTION_NAMES.every((action) => grants(grant, action));
  return answers.all;
}

/** Whether any KMS action of the catalog is granted. */
export function grantsAnyKms(grant: ActionGrant): boolean {
  const answers = answersOf(grant);
  answers.any ??= KMS_ACTION_NAMES.some((action) => grants(grant, action));
  return answers.any;
}

export function grantedKmsActions(grant: ActionGrant): string[] {
  return KMS_ACTION_NAMES.filter((action) => grants(grant, action));
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
