// The one-line summary: `Use: own account, 2 accounts, 1 role · Administer: own account · Everyone: no`.
import type { Capability } from './capabilities';
import type { AccessEntry, PolicyAccess, PrincipalGroup } from './types';

const CAPABILITY_WORDS: Readonly<Record<Capability, string>> = { use: 'use', administer: 'administer', grants: 'create grants', view: 'view' };

/** Countable nouns, in the order the line lists them. */
const NOUNS = [
  ['own', 'own account', 'own account'],
  ['account', 'account', 'accounts'],
  ['role', 'role', 'roles'],
  ['user', 'user', 'users'],
  ['principal', 'principal', 'principals'],
  ['service', 'service', 'services'],
  ['organization', 'organisation', 'organisations'],
  ['org-path', 'OU', 'OUs'],
  ['federated', 'identity provider', 'identity providers'],
  ['everyone-through', 'everyone through a network condition', 'everyone through network conditions'],
  ['everyone', 'everyone', 'everyone'],
  ['unknown', 'principals we cannot see', 'principals we cannot see'],
] as const;

type Noun = (typeof NOUNS)[number][0];

export function nounOf(principal: PrincipalGroup): Noun {
  switch (principal.kind) {
    case 'account':
    case 'account-principals':
      return principal.own === true ? 'own' : 'account';
    case 'principal': {
      if (principal.pattern || !principal.value) return 'principal';
      const resource = principal.value.split(':').slice(5).join(':').toLowerCase();
      return resource.startsWith('role/') ? 'role' : resource.startsWith('user/') ? 'user' : 'principal';
    }
    default:
      return principal.kind;
  }
}

function whoCanText(entries: readonly AccessEntry[]): string {
  const counts = new Map<Noun, Set<string>>();
  for (const entry of entries) {
    const noun = nounOf(entry.principal);
    let keys = counts.get(noun);
    if (!keys) counts.set(noun, (keys = new Set()));
    // "own account" once, whether its IAM or any of its principals get the access.
    keys.add(noun === 'own' || noun === 'account' ? (entry.principal.account ?? entry.principal.key) : entry.principal.key);
  }
  const parts: string[] = [];
  for (const [noun, singular, plural] of NOUNS) {
    const keys = counts.get(noun);
    if (!keys) continue;
    if (noun === 'own' || noun === 'everyone' || noun === 'unknown') parts.push(singular);
    else if (noun === 'everyone-through') parts.push(keys.size === 1 ? singular : plural);
    else parts.push(`${keys.size} ${keys.size === 1 ? singular : plural}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'nobody';
}

function everyoneText(entries: readonly AccessEntry[]): string {
  const open = entries.filter((e) => e.capability !== 'view' && (e.principal.kind === 'everyone' || e.principal.kind === 'everyone-through'));
  if (open.length === 0) return 'no';
  const capabilities = (list: readonly AccessEntry[]) => [...new Set(list.map((e) => CAPABILITY_WORDS[e.capability]))].join(', ');
  const unconditional = open.filter((e) => e.principal.kind === 'everyone' && e.status !== 'conditional');
  if (unconditional.length > 0) return `yes (${capabilities(unconditional)})`;
  const conditional = open.filter((e) => e.principal.kind === 'everyone');
  if (conditional.length > 0) return `with conditions (${capabilities(conditional)})`;
  return `only through network conditions (${capabilities(open)})`;
}

export function summaryLine(access: Pick<PolicyAccess, 'entries'>): string {
  const of = (capability: Capability) => access.entries.filter((e) => e.capability === capability);
  const parts = [`Use: ${whoCanText(of('use'))}`, `Administer: ${whoCanText(of('administer'))}`];
  // Who can hand out access: revoking or retiring a grant takes access away and is left to the table.
  const grants = of('grants').filter((e) => e.actions.includes('kms:CreateGrant'));
  if (grants.length > 0) parts.push(`Grants: ${whoCanText(grants)}`);
  parts.push(`Everyone: ${everyoneText(access.entries)}`);
  return parts.join(' · ');
}
