// The access summary for people: plain text for a terminal, Markdown for a review, the words both share.
import { ACTIONS_OF, CAPABILITIES, CAPABILITY_TITLES, type Capability } from './capabilities';
import { escapeMarkdown, inlineCode, printable } from './escape';
import type { AccessEntry, AccessGrant, ConditionNote, PolicyAccess, StatementRef } from './types';

// Families written with one pattern in key policies; shown that way when the whole family is there.
// Broader families first: `GenerateDataKey*` takes in `GenerateDataKeyPair*` when all four are there.
const FAMILIES = ['GenerateDataKey', 'GenerateDataKeyPair', 'ReEncrypt', 'Describe', 'Enable', 'Disable', 'Update', 'Delete', 'Get', 'List'];

const shortName = (action: string) => action.replace(/^kms:/i, '');

/** `all use actions (15)`, or the action names with whole families folded (`GenerateDataKey*`). */
export function actionsText(capability: Capability, actions: readonly string[]): string {
  const all = ACTIONS_OF[capability];
  if (actions.length === all.length && all.length > 1) return `all ${capability === 'grants' ? 'grant' : capability} actions (${all.length})`;
  const names = new Set(actions.map(shortName));
  const shown: string[] = [];
  const folded = new Set<string>();
  for (const family of FAMILIES) {
    const members = all.map(shortName).filter((n) => n.startsWith(family));
    if (members.length >= 2 && members.every((n) => names.has(n) && !folded.has(n))) {
      shown.push(`${family}*`);
      for (const m of members) folded.add(m);
    }
  }
  for (const name of names) if (!folded.has(name)) shown.push(name);
  return shown.sort().join(', ');
}

export function statementText(ref: StatementRef): string {
  return `'${printable(ref.name)}' (line ${ref.line})`;
}

export function conditionWords(note: ConditionNote): string {
  const implied = note.impliedBy ? ` [implied by Deny '${printable(note.impliedBy.name)}']` : '';
  return `${printable(note.text)}${note.gloss ? ` (${printable(note.gloss)})` : ''}${implied}`;
}

/** What one statement's grant depends on, in words; empty when nothing. */
export function grantConditions(grant: AccessGrant): string[] {
  return [...grant.conditions.map(conditionWords), ...grant.uncertain.map((u) => `uncertain: ${printable(u)}`)];
}

const STATUS_WORDS: Readonly<Record<AccessEntry['status'], string>> = { yes: '', partly: ' [partly conditional]', conditional: ' [conditional]' };

export function ownAccountText(access: PolicyAccess): string {
  const own = access.ownAccount;
  const names = [...own.ids, ...own.references.map((r) => `\${${r}}`)];
  const from: Record<typeof own.source, string> = {
    setting: 'from the accounts setting',
    document: 'from the document',
    reference: 'the account the template deploys to',
    'default-key-policy': 'the one account whose root gets kms:*',
    unknown: '',
  };
  if (!own.known) return 'unknown (set --account or the accounts setting to tell)';
  return `${names.length > 0 ? printable(names.join(', ')) : 'the deploying account'} (${from[own.source]})`;
}

export function policyTitle(access: PolicyAccess): string {
  return access.label ? `key policy ${printable(access.label)}` : 'key policy';
}

/** The table of one key policy, for a terminal. */
export function formatAccessText(access: PolicyAccess, where: string): string {
  const lines: string[] = [];
  lines.push(`${printable(where)}:${access.line}  ${policyTitle(access)}`);
  lines.push(`  Own account: ${ownAccountText(access)}`);
  lines.push(`  ${access.summary}`);
  for (const note of access.notes) lines.push(`  Note: ${printable(note)}`);
  for (const capability of CAPABILITIES) {
    const entries = access.entries.filter((e) => e.capability === capability);
    if (entries.length === 0) continue;
    lines.push('', `  ${CAPABILITY_TITLES[capability]}`);
    for (const entry of entries) {
      const outside = entry.principal.outsideOwnAccount === 'yes' ? ' [outside own account]' : entry.principal.outsideOwnAccount === 'unknown' ? ' [account unknown]' : '';
      lines.push(`    ${printable(entry.principal.label)}${outside}${STATUS_WORDS[entry.status]}: ${actionsText(capability, entry.actions)}`);
      for (const grant of entry.via) {
        const conditions = grantConditions(grant);
        const actions = grant.actions.length === entry.actions.length ? '' : ` (${actionsText(capability, grant.actions)})`;
        lines.push(`      via ${statementText(grant.statement)}${actions}${conditions.length > 0 ? ` when ${conditions.join(' and ')}` : ''}`);
      }
      for (const e of entry.except) lines.push(`      ${printable(e.text)} (${actionsText(capability, e.actions)})`);
    }
  }
  return lines.join('\n') + '\n';
}

function cell(text: string): string {
  return text === '' ? ' ' : text;
}

/** The table of one key policy, as Markdown. */
export function formatAccessMarkdown(access: PolicyAccess, where: string): string {
  const lines: string[] = [];
  const label = access.label ? ` ${inlineCode(access.label)}` : '';
  lines.push(`### ${inlineCode(where)} — key policy${label} (line ${access.line})`, '');
  lines.push(`Own account: ${escapeMarkdown(ownAccountText(access))}`, '');
  lines.push(`**${escapeMarkdown(access.summary)}**`, '');
  for (const note of access.notes) lines.push(`> ${escapeMarkdown(note)}`, '');
  if (access.entries.length === 0) {
    lines.push('No principal gets any access to the key from this policy.', '');
    return lines.join('\n');
  }
  lines.push('| Capability | Who | Outside own account | Actions | Via | Conditions and exceptions |', '|---|---|---|---|---|---|');
  for (const entry of access.entries) {
    const via = entry.via.map((g) => `${inlineCode(g.statement.name)} (line ${g.statement.line})`).join('<br>');
    const conditions = [
      ...entry.via.flatMap((g) => grantConditions(g).map((c) => `${inlineCode(g.statement.name)}: ${inlineCode(c)}`)),
      ...entry.except.map((e) => inlineCode(e.text)),
    ].join('<br>');
    const status = entry.status === 'yes' ? '' : ` (${entry.status === 'partly' ? 'partly conditional' : 'conditional'})`;
    lines.push(
      `| ${CAPABILITY_TITLES[entry.capability]} | ${inlineCode(entry.principal.label)}${status} | ${entry.principal.outsideOwnAccount} | ${escapeMarkdown(actionsText(entry.capability, entry.actions))} | ${cell(via)} | ${cell(conditions)} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
