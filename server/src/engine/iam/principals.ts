import type { PolicyValue, PrincipalEntry, Statement, TextPart } from '../model/types';
import { isStar } from '../model/values';

/** What a quick fix writes where it does not know the account; it stands for the own account. */
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';

function isWildcardEntry(entry: PrincipalEntry): boolean {
  return isStar(entry.value) && (entry.type === '*' || entry.type.toLowerCase() === 'aws');
}

/** `"*"`, `{"AWS": "*"}`, an AWS list holding `"*"`, or any `NotPrincipal` of an Allow statement. */
export function hasWildcardPrincipal(statement: Statement): boolean {
  const principal = statement.principal;
  if (!principal) return false;
  if (principal.not) return true;
  return principal.entries.some(isWildcardEntry);
}

// `${AWS::AccountId}` and `data.aws_caller_identity.<name>.account_id` are the own account by definition.
const OWN_ACCOUNT_REFERENCE = /^(AWS::AccountId|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.(account_id|id))$/i;

export type RootAccount =
  | { kind: 'literal'; account: string }
  /** `${AWS::AccountId}`, `data.aws_caller_identity`, or the fix placeholder: the own account by definition. */
  | { kind: 'own-reference'; placeholder: boolean }
  /** An account we cannot see (`${account_id}`, `var.account`, `local.id`): `key` tells two apart. */
  | { kind: 'interpolation'; key: string };

/** Splits parts at `:` into ARN fields; references stay whole inside the field they stand in. */
function fields(parts: readonly TextPart[]): TextPart[][] {
  const out: TextPart[][] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string') {
      out[out.length - 1].push(part);
      continue;
    }
    const pieces = part.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) out.push([]);
      if (piece) out[out.length - 1].push(piece);
    });
  }
  return out;
}

function accountOf(field: readonly TextPart[]): RootAccount | undefined {
  if (field.length === 1 && typeof field[0] === 'string') {
    const text = field[0].trim();
    if (/^\d{12}$/.test(text)) return { kind: 'literal', account: text };
    if (text === ACCOUNT_PLACEHOLDER) return { kind: 'own-reference', placeholder: true };
    return undefined;
  }
  if (field.length === 1 && typeof field[0] !== 'string') {
    const ref = field[0].ref.trim();
    if (OWN_ACCOUNT_REFERENCE.test(ref)) return { kind: 'own-reference', placeholder: false };
    return { kind: 'interpolation', key: ref };
  }
  return undefined;
}

/**
 * A value that is not an ARN: a bare account id names that account's root. One we cannot see as a
 * whole (`"${account_id}"`, `!Ref AccountId`, `local.account_id`) is taken for an account id only
 * when its name says so: `"${role_arn}"`, `!GetAtt Role.Arn`, `aws_iam_role.admin.arn` may name
 * any principal, and are no root.
 */
function wholeValueAccount(field: readonly TextPart[]): RootAccount | undefined {
  const account = accountOf(field);
  if (account?.kind !== 'interpolation') return account;
  return namesAnAccount(account.key) ? account : undefined;
}

/** Whether a reference's name says it holds an account id (`var.partner_account_id`), not an ARN (`aws_iam_role.app.arn`). */
export function namesAnAccount(reference: string): boolean {
  return /account|acct/i.test(reference) && !/arn$/i.test(reference.trim());
}

/**
 * The account whose root a principal value names: `111122223333`, `arn:<partition>:iam::111122223333:root`,
 * `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root`, `arn:aws:iam::${var.account}:root`.
 */
export function rootAccount(entry: PrincipalEntry): RootAccount | undefined {
  if (entry.type.toLowerCase() !== 'aws' || entry.several) return undefined;
  return rootAccountOf(entry.value);
}

const LITERAL_ROOT = /^arn:[^:]*:iam::(\d{12}):root$/i;

export function rootAccountOf(value: PolicyValue): RootAccount | undefined {
  if (!value.parts) {
    // The common case, literal text, without splitting it into fields.
    const text = value.text.trim();
    if (/^\d{12}$/.test(text)) return { kind: 'literal', account: text };
    const match = LITERAL_ROOT.exec(text);
    if (match) return { kind: 'literal', account: match[1] };
    if (!text.includes(ACCOUNT_PLACEHOLDER) && !text.includes('${')) return undefined;
  }
  const parts: readonly TextPart[] = value.parts ?? [value.text];
  const f = fields(parts);
  if (f.length === 1) return wholeValueAccount(f[0]);
  // arn : partition : iam : (region) : account : root
  if (f.length !== 6) return undefined;
  const [arn, , service, region, account, resource] = f;
  const textOf = (field: readonly TextPart[]) => (field.length === 1 && typeof field[0] === 'string' ? field[0] : field.length === 0 ? '' : undefined);
  if (textOf(arn) !== 'arn' || textOf(service)?.toLowerCase() !== 'iam' || textOf(region) !== '' || textOf(resource) !== 'root') return undefined;
  return accountOf(account);
}

/** Whether a principal entry names an account root, whoever's. */
export function isRootPrincipal(entry: PrincipalEntry): boolean {
  return rootAccount(entry) !== undefined;
}
