import type { ConditionElement, ConditionEntry, PolicyValue } from '../model/types';

/** Condition keys that pin the caller to known identities. */
const CALLER_KEYS = new Set(
  [
    'kms:CallerAccount', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths',
    'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:SourceOwner', 'aws:SourceVpc',
    'aws:SourceVpce', 'aws:SourceIp', 'aws:userid', 'aws:VpceAccount', 'aws:VpceOrgID', 'aws:VpceOrgPaths',
  ].map((k) => k.toLowerCase()),
);

const POSITIVE_OPERATORS = new Set(['stringequals', 'stringlike', 'stringequalsignorecase', 'arnequals', 'arnlike', 'ipaddress']);

/** Positive String*, Arn* and IpAddress operators, also under ForAnyValue:; never ForAllValues:, …IfExists, negations or Null. */
export function operatorPinsValues(operator: string): boolean {
  let op = operator.toLowerCase();
  if (op.startsWith('forallvalues:')) return false;
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  return POSITIVE_OPERATORS.has(op);
}

export interface EntryVerdict {
  pins: boolean;
  reason: string;
  note?: string;
}

export interface CallerVerdict {
  restricts: boolean;
  pinning: ConditionEntry[];
  verdicts: { entry: ConditionEntry; verdict: EntryVerdict }[];
}

function valuesAreFixed(values: readonly PolicyValue[]): boolean {
  if (values.length === 0) return false;
  return values.every((v) => {
    if (v.type === 'null') return false;
    const text = v.text.trim();
    return text !== '*' && text !== '0.0.0.0/0' && text !== '::/0';
  });
}

export function judgeConditionEntry(operator: string, key: string, values: readonly PolicyValue[]): EntryVerdict {
  if (!CALLER_KEYS.has(key.toLowerCase())) return { pins: false, reason: `\`${key}\` does not identify the caller.` };
  if (!operatorPinsValues(operator)) return { pins: false, reason: `\`${operator}\` does not pin the caller.` };
  if (!valuesAreFixed(values)) return { pins: false, reason: `\`${key}\` admits any value.` };
  return { pins: true, reason: `\`${key}\` pins the caller.` };
}

export function judgeCondition(condition: ConditionElement | undefined): CallerVerdict {
  const verdicts = (condition?.entries ?? []).map((entry) => ({ entry, verdict: judgeConditionEntry(entry.operator, entry.key, entry.values) }));
  const pinning = verdicts.filter((v) => v.verdict.pins).map((v) => v.entry);
  return { restricts: pinning.length > 0, pinning, verdicts };
}
