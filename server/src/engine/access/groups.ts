// Who a grant reaches: a Principal entry together with the Condition entries that pin the caller.
// A wildcard pinned by `kms:CallerAccount` is that account's principals, not everyone; a service
// principal pinned by `aws:SourceAccount` acts for that account only. Whether an entry pins is
// judgeConditionEntry's answer, the same the rules use.
import type { OwnAccount } from '../iam/account';
import { globMatch } from '../iam/glob';
import { judgeConditionEntry } from '../iam/conditions';
import type { Loc, PolicyValue } from '../model/types';
import { accountOfArn, accountOfValue, isOwnAccount, isPlaceholder, sameAccount, type AccountRef, type Target } from './principals';
import type { Outside, PrincipalGroup, StatementRef } from './types';

/** A condition a grant depends on: one of its statement's Condition entries, or one a Deny implies. */
export interface Cond {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly PolicyValue[];
  readonly loc: Loc;
  /** The entry's values could not all be seen. */
  readonly opaque: boolean;
  readonly impliedBy?: StatementRef;
}

/** A group with what relating it to Deny statements needs. */
export interface GroupInfo {
  readonly group: PrincipalGroup;
  readonly account?: AccountRef;
  /** `principal` groups: the ARN or id as written. */
  readonly principalText?: string;
  /** `service` groups: the service principal, `*` for any service. */
  readonly serviceName?: string;
  readonly federatedName?: string;
  /** The conditions the group's description already expresses: they make no grant conditional. */
  readonly defining: ReadonlySet<Cond>;
}

const lower = (s: string) => s.toLowerCase();

const PRINCIPAL_ARN_KEYS = new Set(['aws:principalarn']);
const USER_ID_KEYS = new Set(['aws:userid']);
const ACCOUNT_KEYS = new Set(['kms:calleraccount', 'aws:principalaccount']);
const ORG_PATH_KEYS = new Set(['aws:principalorgpaths']);
const ORG_KEYS = new Set(['aws:principalorgid']);
/** Keys a service principal's request carries about the resource it acts for, most specific first. */
const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgpaths', 'aws:sourceorgid'];
const NETWORK_KEYS = new Set(['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths']);
const VIA_SERVICE = 'kms:viaservice';

function valueText(value: PolicyValue): string {
  return value.text.trim();
}

/** `StringEquals kms:CallerAccount = 111122223333 or 444455556666`. */
export function conditionText(cond: Pick<Cond, 'operator' | 'key' | 'values'>): string {
  const values = cond.values.map(valueText);
  return `${cond.operator} ${cond.key} = ${values.length > 0 ? values.join(' or ') : '(no value)'}`;
}

function bareOperator(operator: string): string {
  let op = lower(operator);
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  return op;
}

function isPositiveMatch(operator: string): boolean {
  const op = bareOperator(operator);
  return ['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'stringequalsifexists', 'stringlikeifexists', 'arnlikeifexists', 'arnequalsifexists'].includes(op);
}

/** The plain-words meaning of conditions whose key we know, for people. */
export function conditionGloss(cond: Pick<Cond, 'operator' | 'key' | 'values'>): string | undefined {
  const key = lower(cond.key);
  const values = cond.values.map(valueText).join(' or ');
  const op = bareOperator(cond.operator);
  if (key === 'kms:grantisforawsresource' && op === 'bool') {
    return values.toLowerCase() === 'true' ? 'only grants an AWS service creates for a resource it manages' : undefined;
  }
  if (!isPositiveMatch(cond.operator) && op !== 'ipaddress') return undefined;
  if (key === VIA_SERVICE) return `only through ${values}`;
  if (ACCOUNT_KEYS.has(key)) return `only callers in account ${values}`;
  if (ORG_KEYS.has(key)) return `only principals of organisation ${values}`;
  if (ORG_PATH_KEYS.has(key)) return `only principals under OU path ${values}`;
  if (PRINCIPAL_ARN_KEYS.has(key)) return `only principals matching ${values}`;
  if (key === 'aws:sourceip') return `only from ${values}`;
  if (key === 'aws:sourcevpce') return `only through VPC endpoint ${values}`;
  if (key === 'aws:sourcevpc') return `only from VPC ${values}`;
  if (key === 'aws:sourceaccount') return `only on behalf of account ${values}`;
  if (key === 'aws:sourcearn') return `only on behalf of ${values}`;
  if (key.startsWith('kms:encryptioncontext:')) return `only with encryption context ${cond.key.slice('kms:EncryptionContext:'.length)} = ${values}`;
  return undefined;
}

function pins(cond: Cond): boolean {
  return judgeConditionEntry(cond.operator, cond.key, cond.values).pins;
}

function outsideOf(own: boolean | undefined): Outside {
  return own === true ? 'no' : own === false ? 'yes' : 'unknown';
}

function unresolvedAccount(account: AccountRef | undefined): boolean {
  return !!account && (account.literal === undefined || !!account.placeholder) && !account.ownReference;
}

function accountGroup(account: AccountRef, own: OwnAccount, defining: ReadonlySet<Cond>): GroupInfo {
  const isOwn = isOwnAccount(account, own);
  const label = isOwn ? `own account ${account.text} (its IAM policies decide)` : `account ${account.text}`;
  const group: PrincipalGroup = { kind: 'account', key: `account:${account.text}`, label, value: account.text, account: account.text, outsideOwnAccount: outsideOf(isOwn) };
  if (isOwn !== undefined) group.own = isOwn;
  if (unresolvedAccount(account)) group.unresolved = true;
  return { group, account, defining };
}

function accountPrincipalsGroup(account: AccountRef, own: OwnAccount, defining: ReadonlySet<Cond>): GroupInfo {
  const isOwn = isOwnAccount(account, own);
  const label = isOwn ? `any principal in own account ${account.text}` : `any principal in account ${account.text}`;
  const group: PrincipalGroup = {
    kind: 'account-principals',
    key: `account-principals:${account.text}`,
    label,
    value: account.text,
    account: account.text,
    outsideOwnAccount: outsideOf(isOwn),
  };
  if (isOwn !== undefined) group.own = isOwn;
  if (unresolvedAccount(account)) group.unresolved = true;
  return { group, account, defining };
}

function principalNoun(resource: string): string {
  const type = resource.split('/')[0].toLowerCase();
  if (type === 'role') return 'role';
  if (type === 'user') return 'user';
  if (type === 'assumed-role') return 'role session';
  if (type === 'federated-user') return 'federated user';
  return 'principal';
}

function resourceOfArnText(text: string): string {
  return text.split(':').slice(5).join(':');
}

function arnPrincipalGroup(text: string, account: AccountRef | undefined, own: OwnAccount, defining: ReadonlySet<Cond>, unresolved: boolean): GroupInfo {
  const pattern = /[*?]/.test(text);
  const noun = principalNoun(resourceOfArnText(text));
  const label = pattern ? `principals matching ${text}` : `${noun} ${text}`;
  const isOwn = isOwnAccount(account, own);
  const group: PrincipalGroup = { kind: 'principal', key: `principal:${text}`, label, value: text, outsideOwnAccount: outsideOf(isOwn) };
  if (account) group.account = account.text;
  if (isOwn !== undefined) group.own = isOwn;
  if (pattern) group.pattern = true;
  if (unresolved || unresolvedAccount(account) || isPlaceholder(text)) group.unresolved = true;
  return { group, account, principalText: text, defining };
}

function userIdGroup(text: string, defining: ReadonlySet<Cond>): GroupInfo {
  const group: PrincipalGroup = { kind: 'principal', key: `userid:${text}`, label: `principal with id ${text}`, value: text, outsideOwnAccount: 'unknown' };
  if (/[*?]/.test(text)) group.pattern = true;
  return { group, principalText: text, defining };
}

/** Whom a service acts for, from the pinning source and caller conditions (AND between entries, OR within one). */
function actingFor(conds: readonly Cond[], own: OwnAccount): { texts: string[]; outside: Outside; defining: Cond[] } {
  const defining: Cond[] = [];
  const texts: string[] = [];
  const verdicts: Outside[] = [];
  for (const cond of conds) {
    const key = lower(cond.key);
    // aws:PrincipalAccount is absent from a service principal's requests: it names no one a service acts for.
    if (!(SOURCE_KEYS.includes(key) || key === 'kms:calleraccount') || !pins(cond)) continue;
    defining.push(cond);
    const described: string[] = [];
    const outsides: Outside[] = [];
    for (const value of cond.values) {
      const text = valueText(value);
      if (key === 'aws:sourcearn') {
        described.push(text);
        outsides.push(outsideOf(isOwnAccount(accountOfArn(value), own)));
      } else if (key === 'aws:sourceorgid' || key === 'aws:sourceorgpaths') {
        described.push(key === 'aws:sourceorgid' ? `organisation ${text}` : `OU path ${text}`);
        outsides.push('yes');
      } else {
        described.push(`account ${text}`);
        outsides.push(outsideOf(isOwnAccount(accountOfValue(value), own)));
      }
    }
    texts.push(described.join(' or '));
    // One entry admits any of its values: outside when any is, inside when all are.
    verdicts.push(outsides.includes('yes') ? 'yes' : outsides.every((o) => o === 'no') ? 'no' : 'unknown');
  }
  // Entries must all hold: one that keeps the service inside the own account is enough.
  const outside: Outside = verdicts.length === 0 ? 'yes' : verdicts.includes('no') ? 'no' : verdicts.includes('unknown') ? 'unknown' : 'yes';
  return { texts, outside, defining };
}

function serviceGroup(name: string, conds: readonly Cond[], own: OwnAccount, baseDefining: readonly Cond[] = []): GroupInfo {
  const acting = actingFor(conds, own);
  const via = conds.filter((c) => lower(c.key) === VIA_SERVICE && isPositiveMatch(c.operator) && c.values.length > 0);
  const through = via.map((c) => c.values.map(valueText).join(' or '));
  const who = name === '*' ? 'any AWS service' : `service ${name}`;
  const forWhom = acting.texts.length > 0 ? ` acting for ${acting.texts.join(' and ')}` : ' acting for any account';
  const label = `${who}${forWhom}${through.length > 0 ? `, through ${through.join(' and ')}` : ''}`;
  const group: PrincipalGroup = {
    kind: 'service',
    key: `service:${lower(name)}|${[...acting.texts].sort().join('&')}|${[...through].sort().join('&')}`,
    label,
    value: name,
    outsideOwnAccount: acting.outside,
    actingFor: acting.texts,
  };
  if (through.length > 0) group.through = through;
  return { group, serviceName: name, defining: new Set([...baseDefining, ...acting.defining, ...via]) };
}

/**
 * Whether a grant to a principal of a literal account can never apply, because a caller-account
 * condition names other accounts only (`Principal: 111…` with `kms:CallerAccount = 444…`).
 */
function contradictsAccount(account: AccountRef | undefined, conds: readonly Cond[]): boolean {
  if (account?.literal === undefined) return false;
  for (const cond of conds) {
    const key = lower(cond.key);
    const op = bareOperator(cond.operator).replace(/ifexists$/, '');
    if (cond.opaque || cond.values.length === 0 || cond.values.some((v) => v.parts)) continue;
    if (ACCOUNT_KEYS.has(key) && ['stringequals', 'stringequalsignorecase', 'stringlike'].includes(op)) {
      const matches = cond.values.some((v) => (op === 'stringlike' ? globMatch(valueText(v), account.literal!, false) : valueText(v) === account.literal));
      if (!matches) return true;
    }
    if (PRINCIPAL_ARN_KEYS.has(key) && ['stringequals', 'stringlike', 'arnequals', 'arnlike'].includes(op)) {
      // Every ARN names another literal account: no principal of this account matches.
      const accounts = cond.values.map((v) => valueText(v).split(':')[4]);
      if (accounts.every((a) => a !== undefined && /^\d{12}$/.test(a) && a !== account.literal)) return true;
    }
  }
  return false;
}

function groupAccount(info: GroupInfo): AccountRef | undefined {
  return info.group.kind === 'account' || info.group.kind === 'account-principals' || info.group.kind === 'principal' ? info.account : undefined;
}

/** The groups a wildcard principal reaches under its conditions: the most specific pinning entry decides. */
function wildcardGroups(conds: readonly Cond[], own: OwnAccount): GroupInfo[] {
  const pinning = conds.filter(pins);
  const firstWith = (keys: ReadonlySet<string> | readonly string[]) => {
    for (const key of keys) {
      const found = pinning.find((c) => lower(c.key) === key);
      if (found) return found;
    }
    return undefined;
  };
  const byArn = firstWith(PRINCIPAL_ARN_KEYS);
  if (byArn) return byArn.values.map((v) => arnPrincipalGroup(valueText(v), accountOfArn(v), own, new Set([byArn]), !!v.parts));
  const byUserId = firstWith(USER_ID_KEYS);
  if (byUserId) return byUserId.values.map((v) => userIdGroup(valueText(v), new Set([byUserId])));
  const byAccount = firstWith(ACCOUNT_KEYS);
  if (byAccount) {
    // An account id is twelve digits: any other visible text (`"*"` under StringEquals) matches no caller.
    const couldMatch = (v: PolicyValue) => !!v.parts || isPlaceholder(v.text) || /^\d{12}$/.test(valueText(v)) || /[*?]/.test(valueText(v));
    return byAccount.values.filter(couldMatch).map((v) => accountPrincipalsGroup(accountOfValue(v), own, new Set([byAccount])));
  }
  const byPath = firstWith(ORG_PATH_KEYS);
  if (byPath) {
    return byPath.values.map((v) => ({
      group: { kind: 'org-path', key: `org-path:${valueText(v)}`, label: `principals under OU path ${valueText(v)}`, value: valueText(v), outsideOwnAccount: 'yes' },
      defining: new Set([byPath]),
    }));
  }
  const byOrg = firstWith(ORG_KEYS);
  if (byOrg) {
    return byOrg.values.map((v) => ({
      group: { kind: 'organization', key: `organization:${valueText(v)}`, label: `principals of organisation ${valueText(v)}`, value: valueText(v), outsideOwnAccount: 'yes' },
      defining: new Set([byOrg]),
    }));
  }
  // Only AWS services acting for a resource carry aws:SourceArn / aws:SourceAccount.
  if (SOURCE_KEYS.some((key) => pinning.some((c) => lower(c.key) === key))) return [serviceGroup('*', conds, own)];
  const network = pinning.filter((c) => NETWORK_KEYS.has(lower(c.key)));
  if (network.length > 0) {
    const through = network.map(conditionText);
    return [
      {
        group: {
          kind: 'everyone-through',
          key: `everyone-through:${[...through].sort().join('&')}`,
          label: `everyone, but only through ${through.join(' and ')}`,
          outsideOwnAccount: 'yes',
          through,
        },
        defining: new Set(network),
      },
    ];
  }
  return [{ group: { kind: 'everyone', key: 'everyone', label: 'everyone', outsideOwnAccount: 'yes' }, defining: new Set() }];
}

const EQUALITY_OPERATORS = new Set(['stringequals', 'stringequalsignorecase']);

/**
 * Whether two equality conditions on one key admit no common value (`kms:CallerAccount = A` and,
 * implied by a Deny, `kms:CallerAccount = B`): no request satisfies both, so the grant gives nothing.
 * Only plain single-valued equality with visible values is compared; anything else may be satisfiable.
 */
function conditionsContradict(conds: readonly Cond[]): boolean {
  if (conds.length < 2) return false;
  const allowed = new Map<string, Set<string>>();
  for (const cond of conds) {
    const op = lower(cond.operator);
    if (!EQUALITY_OPERATORS.has(op) || cond.opaque || cond.values.length === 0 || cond.values.some((v) => v.parts)) continue;
    // Compared without case: a case-sensitive pair that differs only in case is then kept, never wrongly dropped.
    const values = new Set(cond.values.map((v) => lower(valueText(v))));
    const key = lower(cond.key);
    const before = allowed.get(key);
    const now = before ? new Set([...before].filter((v) => values.has(v))) : values;
    if (now.size === 0) return true;
    allowed.set(key, now);
  }
  return false;
}

/** The groups a Principal entry reaches under the grant's conditions; none when the conditions contradict it. */
export function groupsOf(target: Target, conds: readonly Cond[], own: OwnAccount): GroupInfo[] {
  if (conditionsContradict(conds)) return [];
  let groups: GroupInfo[];
  switch (target.kind) {
    case 'wildcard':
      groups = wildcardGroups(conds, own);
      break;
    case 'root':
      groups = [accountGroup(target.account, own, new Set())];
      break;
    case 'arn':
      groups = [arnPrincipalGroup(target.text, target.account, own, new Set(), false)];
      break;
    case 'service':
      groups = [serviceGroup(target.name, conds, own)];
      break;
    case 'federated':
      groups = [
        {
          group: { kind: 'federated', key: `federated:${target.name}`, label: `federated users of ${target.name}`, value: target.name, outsideOwnAccount: 'yes' },
          federatedName: target.name,
          defining: new Set(),
        },
      ];
      break;
    case 'other': {
      // A reference the policy's shape shows to be the own account (the one root given kms:*) is its root.
      if (target.reference !== undefined && own.references.includes(target.reference)) {
        groups = [accountGroup({ text: target.text, reference: target.reference }, own, new Set())];
        break;
      }
      const label = target.type.toLowerCase() === 'aws' ? `principal ${target.text}` : `${target.type} principal ${target.text}`;
      const group: PrincipalGroup = { kind: 'principal', key: `principal:${target.text}`, label, value: target.text, outsideOwnAccount: 'unknown' };
      if (target.unresolved) group.unresolved = true;
      groups = [{ group, principalText: target.text, defining: new Set() }];
      break;
    }
    case 'unseen':
      groups = [{ group: { kind: 'unknown', key: 'unknown', label: 'principals we cannot see', outsideOwnAccount: 'unknown', unresolved: true }, defining: new Set() }];
      break;
  }
  return groups.filter((info) => !contradictsAccount(groupAccount(info), conds)).map((info) => withTautologies(info, conds, own));
}

/**
 * A caller-account condition that every principal of the group satisfies (`kms:CallerAccount` =
 * the group's own account) says nothing more than the group does: it joins the defining ones.
 */
function withTautologies(info: GroupInfo, conds: readonly Cond[], own: OwnAccount): GroupInfo {
  const account = groupAccount(info);
  if (!account) return info;
  const redundant = conds.filter((cond) => {
    if (info.defining.has(cond) || !ACCOUNT_KEYS.has(lower(cond.key)) || cond.values.length === 0) return false;
    const op = bareOperator(cond.operator);
    if (op !== 'stringequals' && op !== 'stringequalsignorecase' && op !== 'stringlike') return false;
    return cond.values.some((v) => sameAccount(accountOfValue(v), account, own) === 'same');
  });
  return redundant.length === 0 ? info : { ...info, defining: new Set([...info.defining, ...redundant]) };
}
