// The one place that answers "does this Condition entry pin the caller, and why" (RULES.md, "A
// Condition restricts the caller"). The rules, the hover and the access summary all ask it, so the
// same reason reaches every user.
import type { ConditionElement, ConditionEntry, PolicyValue } from '../model/types';
import { globMatch, hasWildcard } from './glob';
import { openFamily } from './ip-ranges';

export interface EntryVerdict {
  pins: boolean;
  /** One sentence a user reads in a diagnostic or a hover. */
  reason: string;
  /** An information note worth showing even though the verdict stands. */
  note?: string;
}

export interface CallerVerdict {
  restricts: boolean;
  pinning: ConditionEntry[];
  verdicts: { entry: ConditionEntry; verdict: EntryVerdict }[];
}

type KeyKind = 'account' | 'arn' | 'org-id' | 'org-paths' | 'vpc' | 'ip' | 'userid';

/** Condition keys that can pin the caller, and which part of their value names the caller. */
const CALLER_KEYS = new Map<string, KeyKind>([
  ['kms:calleraccount', 'account'],
  ['aws:principalaccount', 'account'],
  ['aws:sourceaccount', 'account'],
  ['aws:sourceowner', 'account'],
  ['aws:vpceaccount', 'account'],
  ['aws:principalarn', 'arn'],
  ['aws:sourcearn', 'arn'],
  ['aws:principalorgid', 'org-id'],
  ['aws:sourceorgid', 'org-id'],
  ['aws:vpceorgid', 'org-id'],
  ['aws:principalorgpaths', 'org-paths'],
  ['aws:sourceorgpaths', 'org-paths'],
  ['aws:vpceorgpaths', 'org-paths'],
  ['aws:sourcevpc', 'vpc'],
  ['aws:sourcevpce', 'vpc'],
  ['aws:sourceip', 'ip'],
  ['aws:userid', 'userid'],
]);

/** Why some well-known keys do not restrict the caller. */
const NOT_CALLER_KEYS = new Map<string, string>([
  ['aws:username', 'is unique only within one account: a user of that name can exist in any account'],
  ['kms:viaservice', 'names the AWS service a request comes through, which callers of any account use'],
  ['kms:grantisforawsresource', 'says the grant is for an AWS service, which callers of any account use'],
  ['aws:securetransport', 'only asks for TLS, which any caller can use'],
  ['aws:calledvia', 'names services, not callers'],
  ['aws:calledviafirst', 'names services, not callers'],
  ['aws:calledvialast', 'names services, not callers'],
  ['aws:principaltype', 'names a kind of principal, which exists in every account'],
  ['aws:principalservicename', 'names a service, which acts for callers of any account'],
]);

/** Keys every request signed by an IAM principal carries: `…IfExists` on them only adds a way in for requests without them. */
const ALWAYS_PRESENT = new Set(['kms:calleraccount', 'aws:principalaccount', 'aws:principalarn', 'aws:userid']);

const LITERAL_OPERATORS = new Set(['stringequals', 'stringequalsignorecase']);
const GLOB_OPERATORS = new Set(['stringlike', 'arnequals', 'arnlike']);
const NEGATED_OPERATORS = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike', 'notipaddress']);

interface Operator {
  base: string;
  forAllValues: boolean;
  ifExists: boolean;
}

function parseOperator(operator: string): Operator {
  let base = operator.trim().toLowerCase();
  let forAllValues = false;
  if (base.startsWith('forallvalues:')) {
    forAllValues = true;
    base = base.slice('forallvalues:'.length);
  } else if (base.startsWith('foranyvalue:')) {
    base = base.slice('foranyvalue:'.length);
  }
  const ifExists = base.endsWith('ifexists');
  if (ifExists) base = base.slice(0, -'ifexists'.length);
  return { base, forAllValues, ifExists };
}

/** `StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, `IpAddress` (also under ForAnyValue:), without IfExists. */
export function operatorPinsValues(operator: string): boolean {
  const op = parseOperator(operator);
  return !op.forAllValues && !op.ifExists && (LITERAL_OPERATORS.has(op.base) || GLOB_OPERATORS.has(op.base) || op.base === 'ipaddress');
}

// ---- Policy variables in values

/** Variables that resolve from the caller: the value then follows whoever asks. */
const CALLER_DERIVED = ['aws:principalaccount', 'aws:principalarn', 'aws:userid', 'aws:principalorgid', 'aws:principalorgpaths'];
/** Variables whose value the caller chooses (names, tags): they can be made to equal anything. */
const CALLER_CHOSEN = /^aws:(username|principaltag\/.*|requesttag\/.*)$/i;
/** Variables that resolve from the key: they pin. */
const KEY_DERIVED = ['aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths'];

// What an attacker from another account has: its own identity, any names it likes.
const ATTACKER = {
  account: '999999999999',
  arn: 'arn:aws:iam::999999999999:role/attacker',
  userid: 'AROAATTACKERUNIQUEID0:attacker',
  orgId: 'o-attacker0000',
  orgPaths: 'o-attacker0000/r-atk0/ou-atk0-attacker/',
};
const ATTACKER_VALUES: Record<string, string> = {
  'aws:principalaccount': ATTACKER.account,
  'aws:principalarn': ATTACKER.arn,
  'aws:userid': ATTACKER.userid,
  'aws:principalorgid': ATTACKER.orgId,
  'aws:principalorgpaths': ATTACKER.orgPaths,
};

const VARIABLE = /\$\{([^}]*)\}/g;

function variablesOf(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1].trim().toLowerCase());
}

// ---- Identity parts

/** The part of a value that names the caller, by key kind. */
function identityPart(kind: KeyKind, text: string): string {
  switch (kind) {
    case 'arn': {
      const fields = text.split(':');
      if (fields.length < 5) return text;
      const account = fields[4];
      // ARNs of services without accounts (an S3 bucket): the resource name before any `/` names it.
      if (account === '' && fields.length >= 6) return fields.slice(5).join(':').split('/')[0];
      return account;
    }
    case 'org-paths':
      return text.split('/')[0];
    case 'userid':
      return text.split(':')[0];
    default:
      return text;
  }
}

/** The attacker's own value for a key kind, whole and identity part. */
function attackerValue(kind: KeyKind): { whole: string; identity: string } | undefined {
  switch (kind) {
    case 'account':
      return { whole: ATTACKER.account, identity: ATTACKER.account };
    case 'arn':
      return { whole: ATTACKER.arn, identity: ATTACKER.account };
    case 'org-id':
      return { whole: ATTACKER.orgId, identity: ATTACKER.orgId };
    case 'org-paths':
      return { whole: ATTACKER.orgPaths, identity: ATTACKER.orgId };
    case 'userid':
      return { whole: ATTACKER.userid, identity: ATTACKER.userid.split(':')[0] };
    default:
      return undefined;
  }
}

/** Whether a whole value, once substituted, is one the key can have (OrgPaths always run o-…/r-…/…/). */
function wellFormed(kind: KeyKind, value: string): boolean {
  if (kind === 'org-paths') return /^o-[^/]+\/r-[^/]+\/([^/]+\/)*$/.test(value);
  if (kind === 'account') return /^\d{12}$/.test(value);
  if (kind === 'arn') return value.split(':').length >= 6;
  return true;
}

const quote = (text: string) => `\`${text.length > 80 ? `${text.slice(0, 77)}…` : text}\``;

/** The text used for judging: references (template values we cannot see) stand as specific text. */
function visible(value: PolicyValue): string {
  if (!value.parts) return value.text;
  return value.parts.map((p) => (typeof p === 'string' ? p : 'X')).join('');
}

interface ValueVerdict {
  pins: boolean;
  reason?: string;
}

const KIND_NAMES: Record<KeyKind, string> = {
  account: 'account',
  arn: 'account in the ARN',
  'org-id': 'organization',
  'org-paths': 'organization',
  vpc: 'VPC or endpoint',
  ip: 'address',
  userid: 'unique id',
};

function judgeValue(key: string, kind: KeyKind, op: Operator, value: PolicyValue): ValueVerdict {
  if (value.type === 'null') return { pins: false, reason: `${quote(key)} is null, which matches no real value` };
  const text = visible(value);
  const literal = LITERAL_OPERATORS.has(op.base);
  const variables = variablesOf(text);
  if (variables.length > 0) {
    const identity = identityPart(kind, text);
    if (variablesOf(identity).some((v) => CALLER_CHOSEN.test(v))) {
      return { pins: false, reason: `${quote(text)} takes its ${KIND_NAMES[kind]} from a name or tag the caller chooses, so any caller can match it` };
    }
    if (variables.some((v) => CALLER_DERIVED.includes(v))) {
      // What the value becomes for an attacker: its own identity where the variables stand.
      const substituted = text.replace(VARIABLE, (whole, name: string) => ATTACKER_VALUES[name.trim().toLowerCase()] ?? (KEY_DERIVED.includes(name.trim().toLowerCase()) ? 'KEYOWNED' : whole));
      const attacker = attackerValue(kind);
      if (attacker) {
        const matches = literal
          ? (op.base === 'stringequalsignorecase' ? identityPart(kind, substituted).toLowerCase() === attacker.identity.toLowerCase() : identityPart(kind, substituted) === attacker.identity) &&
            wellFormed(kind, substituted)
          : globMatch(identityPart(kind, substituted), attacker.identity, false) && (kind !== 'org-paths' || globMatch(substituted, attacker.whole, false));
        if (matches) return { pins: false, reason: `${quote(text)} resolves from the caller itself, so every caller matches its own value` };
        return { pins: true, reason: `${quote(text)} can match no caller's own value` };
      }
    }
  }
  if (kind === 'ip' && op.base === 'ipaddress') return { pins: true };
  if (literal) {
    // Literal comparison: `*` is just the character `*`.
    return { pins: true };
  }
  const identity = identityPart(kind, text);
  if (identity === '' && kind !== 'arn') return { pins: false, reason: `${quote(text)} names no ${KIND_NAMES[kind]}` };
  if (hasWildcard(identity)) {
    const what =
      kind === 'arn'
        ? `any account can create ${/:role\//.test(text) ? 'a role' : /:user\//.test(text) ? 'a user' : 'a resource'} of that name`
        : kind === 'account'
          ? 'it matches accounts other than yours'
          : kind === 'org-id' || kind === 'org-paths'
            ? 'it matches other organizations'
            : kind === 'vpc'
              ? 'it matches VPCs and endpoints of other accounts'
              : kind === 'userid'
                ? 'it matches principals of any account'
                : 'it matches anyone';
    return { pins: false, reason: `${quote(text)} does not restrict: ${what}` };
  }
  return { pins: true };
}

/** One Condition entry: operator as written (`ForAnyValue:StringLike`), key as written, its values. */
export function judgeConditionEntry(operator: string, key: string, values: readonly PolicyValue[]): EntryVerdict {
  const lowerKey = key.trim().toLowerCase();
  const kind = CALLER_KEYS.get(lowerKey);
  const op = parseOperator(operator);
  const note = noteFor(op, operator, key, lowerKey, values);
  const verdict = (pins: boolean, reason: string): EntryVerdict => (note ? { pins, reason, note } : { pins, reason });
  if (!kind) {
    const why = NOT_CALLER_KEYS.get(lowerKey) ?? (/^aws:(principaltag|requesttag|resourcetag)\//.test(lowerKey) ? 'is a tag, which callers of any account can carry' : /^kms:encryptioncontext/.test(lowerKey) ? 'is encryption context, which any caller can send' : 'does not identify the caller');
    return verdict(false, `${quote(key)} ${why}.`);
  }
  if (op.forAllValues) return verdict(false, `${quote(operator)} never restricts: ForAllValues is true when the request has no ${quote(key)} at all.`);
  if (op.ifExists) return verdict(false, `${quote(operator)} never restricts: requests without ${quote(key)} (AWS service principals send none) pass.`);
  // Negated operators are true when the request lacks the key (AWS service principals, callers
  // outside any organization): even `StringNotEquals aws:PrincipalOrgID ${aws:PrincipalOrgID}` lets them in.
  if (NEGATED_OPERATORS.has(op.base)) return verdict(false, `${quote(operator)} is negated: it lets in every caller except the ones it names, and every request without ${quote(key)}.`);
  if (!(LITERAL_OPERATORS.has(op.base) || GLOB_OPERATORS.has(op.base) || op.base === 'ipaddress')) {
    return verdict(false, `${quote(operator)} does not compare ${quote(key)} with fixed identities.`);
  }
  // An empty list matches no request: the statement admits no one (RULES.md counts it among the
  // conditions that are no finding).
  if (values.length === 0) return verdict(true, `${quote(key)} has no values: no caller can match it.`);
  if (kind === 'ip' && op.base === 'ipaddress') {
    const open = openFamily(values.filter((v) => !v.parts).map((v) => v.text));
    if (open) return verdict(false, `${quote(key)} ${values.length === 1 ? quote(values[0].text) : 'ranges'} cover every IPv${open} address: any caller matches.`);
  }
  for (const value of values) {
    const judged = judgeValue(key, kind, op, value);
    if (!judged.pins) return verdict(false, `${quote(key)} ${judged.reason ?? `${quote(value.text)} does not restrict`}.`);
  }
  const shown = values.length === 1 ? quote(values[0].text) : `${values.length} values`;
  return verdict(true, `${quote(key)} = ${shown} pins the caller's ${KIND_NAMES[kind]}.`);
}

function noteFor(op: Operator, operator: string, key: string, lowerKey: string, values: readonly PolicyValue[]): string | undefined {
  if (LITERAL_OPERATORS.has(op.base) && !op.forAllValues && values.some((v) => !v.parts && v.text.trim() === '*')) {
    return `${quote(operator)} compares literally: ${quote(key)} = "*" matches only the text "*", which no real caller has (StringLike was probably meant).`;
  }
  if (op.ifExists && ALWAYS_PRESENT.has(lowerKey)) {
    return `Every request an IAM principal signs carries ${quote(key)}: IfExists only lets in requests without it (AWS service principals), which is rarely what was meant.`;
  }
  return undefined;
}

/** Whether a condition key is one that can pin the caller (whatever its operator and values). */
export function isCallerKey(key: string): boolean {
  return CALLER_KEYS.has(key.trim().toLowerCase());
}

/** A Condition as a whole: it restricts the caller when at least one entry pins. */
export function judgeCondition(condition: ConditionElement | undefined): CallerVerdict {
  const verdicts = (condition?.entries ?? []).map((entry) => ({ entry, verdict: judgeConditionEntry(entry.operator, entry.key, entry.values) }));
  const pinning = verdicts.filter((v) => v.verdict.pins).map((v) => v.entry);
  return { restricts: pinning.length > 0, pinning, verdicts };
}
