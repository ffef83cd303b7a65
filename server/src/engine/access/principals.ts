// What a Principal entry names, read from the model: an account root, a role or user ARN, a
// service, an identity provider, the wildcard, or a value we cannot see. Accounts keep their
// references and placeholders as written, so the summary can show them instead of guessing.
import type { OwnAccount } from '../iam/account';
import { namesAnAccount } from '../iam/principals';
import type { PolicyValue, PrincipalEntry, TextPart } from '../model/types';
import { isStar } from '../model/values';

/** An account as a policy names it. */
export interface AccountRef {
  /** As shown: `111122223333`, `${var.partner}`, `<ACCOUNT_ID>`. */
  text: string;
  /** Twelve visible digits. */
  literal?: string;
  /** `${AWS::AccountId}`, `data.aws_caller_identity.*`: the own account by definition. */
  ownReference?: boolean;
  /** An expression we cannot see (`var.partner`): its text tells two apart. */
  reference?: string;
  /** A `<PLACEHOLDER>` someone still has to fill in. */
  placeholder?: boolean;
}

export type Target =
  | { kind: 'wildcard' }
  | { kind: 'root'; account: AccountRef; text: string }
  /** A principal ARN that is not a root: role, user, session, federated user… */
  | { kind: 'arn'; text: string; resource: string; account?: AccountRef }
  | { kind: 'service'; name: string }
  | { kind: 'federated'; name: string }
  /** Something we cannot place: a whole reference, a principal id, a canonical user. */
  | { kind: 'other'; text: string; type: string; unresolved: boolean; reference?: string }
  /** Part of the principal the source could not show us (a dynamic block, a list parameter). */
  | { kind: 'unseen' };

// `${AWS::AccountId}` and `data.aws_caller_identity.<name>.account_id` are the own account by definition.
const OWN_ACCOUNT_REFERENCE = /^(AWS::AccountId|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.(account_id|id))$/i;
const PLACEHOLDER = /<[A-Za-z0-9_.:-]+>/;

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** A value's parts split at `:` into ARN fields; references stay whole inside the field they stand in. */
export function arnFields(value: PolicyValue): TextPart[][] {
  const parts: readonly TextPart[] = value.parts ?? [value.text];
  const out: TextPart[][] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string') {
      out[out.length - 1].push(part);
      continue;
    }
    part.split(':').forEach((piece, i) => {
      if (i > 0) out.push([]);
      if (piece) out[out.length - 1].push(piece);
    });
  }
  return out;
}

function fieldText(field: readonly TextPart[]): string {
  return field.map((p) => (typeof p === 'string' ? p : `\${${p.ref}}`)).join('');
}

/** The account a field holds, as far as it can be read; undefined for an empty field. */
export function accountOfField(field: readonly TextPart[]): AccountRef | undefined {
  if (field.length === 0) return undefined;
  const text = fieldText(field).trim();
  if (field.length === 1 && typeof field[0] === 'string') {
    if (/^\d{12}$/.test(text)) return { text, literal: text };
    if (isPlaceholder(text)) return { text, placeholder: true };
    return { text };
  }
  if (field.length === 1 && typeof field[0] !== 'string') {
    const ref = field[0].ref.trim();
    return OWN_ACCOUNT_REFERENCE.test(ref) ? { text, ownReference: true } : { text, reference: ref };
  }
  return { text, reference: text };
}

/** The account a whole value names (`kms:CallerAccount` values, `aws:SourceAccount`…). */
export function accountOfValue(value: PolicyValue): AccountRef {
  const fields = arnFields(value);
  if (fields.length === 1) return accountOfField(fields[0]) ?? { text: value.text };
  return { text: value.text, reference: value.parts ? value.text : undefined };
}

/** The account field of an ARN value (`arn:partition:service:region:account:resource`), when it has one. */
export function accountOfArn(value: PolicyValue): AccountRef | undefined {
  const fields = arnFields(value);
  if (fields.length < 6 || fieldText(fields[0]) !== 'arn') return undefined;
  return accountOfField(fields[4]);
}

function targetOfAwsValue(value: PolicyValue): Target {
  const text = value.text.trim();
  const fields = arnFields(value);
  if (fields.length === 1) {
    const account = accountOfField(fields[0]);
    // A bare account id is the account's root; so is a reference that names an account
    // (`${var.partner_account_id}`), not one that names an ARN (`${aws_iam_role.app.arn}`, `${AppRole.Arn}`).
    if (account?.literal || account?.placeholder || account?.ownReference) return { kind: 'root', account, text };
    if (account?.reference !== undefined && namesAnAccount(account.reference)) return { kind: 'root', account, text };
    return { kind: 'other', text, type: 'AWS', unresolved: !!value.parts || isPlaceholder(text), reference: account?.reference };
  }
  if (fields.length >= 6 && fieldText(fields[0]) === 'arn') {
    const service = fieldText(fields[2]).toLowerCase();
    const resource = fields.slice(5).map(fieldText).join(':');
    const account = accountOfField(fields[4]);
    if (service === 'iam' && resource === 'root' && account) return { kind: 'root', account, text };
    return { kind: 'arn', text, resource, account };
  }
  return { kind: 'other', text, type: 'AWS', unresolved: !!value.parts || isPlaceholder(text) };
}

/** `"*"` or `{"AWS": "*"}` (an AWS list holding `"*"` gives one such entry). */
function isWildcardPrincipalEntry(entry: PrincipalEntry): boolean {
  return isStar(entry.value) && (entry.type === '*' || entry.type.toLowerCase() === 'aws');
}

/** What one Principal entry names. */
export function targetOfEntry(entry: PrincipalEntry): Target {
  if (isWildcardPrincipalEntry(entry)) return { kind: 'wildcard' };
  const type = entry.type.toLowerCase();
  const text = entry.value.text.trim();
  if (type === 'aws') return targetOfAwsValue(entry.value);
  if (type === 'service') return entry.value.parts ? { kind: 'other', text, type: entry.type, unresolved: true } : { kind: 'service', name: text };
  if (type === 'federated') return entry.value.parts ? { kind: 'other', text, type: entry.type, unresolved: true } : { kind: 'federated', name: text };
  return { kind: 'other', text, type: entry.type, unresolved: !!entry.value.parts || isPlaceholder(text) };
}

/** Whether an account is the key's own: true, false, or undefined when nothing tells. */
export function isOwnAccount(account: AccountRef | undefined, own: OwnAccount): boolean | undefined {
  if (!account) return undefined;
  if (account.ownReference) return true;
  if (account.reference !== undefined && own.references.includes(account.reference)) return true;
  if (account.literal !== undefined && own.ids.length > 0) return own.ids.includes(account.literal);
  return undefined;
}

export type Sameness = 'same' | 'different' | 'unknown';

/** Whether two accounts are the same one, as far as the policy and the own account tell. */
export function sameAccount(a: AccountRef | undefined, b: AccountRef | undefined, own: OwnAccount): Sameness {
  if (!a || !b) return 'unknown';
  if (a.literal !== undefined && b.literal !== undefined) return a.literal === b.literal ? 'same' : 'different';
  if (a.text === b.text && !a.placeholder) return 'same';
  const ownA = isOwnAccount(a, own);
  const ownB = isOwnAccount(b, own);
  if (ownA === true && ownB === true) return 'same';
  if ((ownA === true && ownB === false) || (ownA === false && ownB === true)) return 'different';
  return 'unknown';
}
