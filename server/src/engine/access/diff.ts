// What a change to a key policy does to access: who gains or loses which actions, and whose
// conditions got wider. Compared action by action; a grant counts as no wider only when each of
// its new condition sets holds at least the conditions of some grant that was there before.
import { KEY_ACTIONS, type Capability } from './capabilities';
import { actionsText } from './format';
import { escapeMarkdown, fenceFor, inlineCode, printable } from './escape';
import type { AccessEntry, Outside, PolicyAccess, PrincipalGroup, StatementRef } from './types';

export type ChangeKind = 'added' | 'removed' | 'widened' | 'narrowed' | 'changed';

export interface AccessChange {
  kind: ChangeKind;
  principal: PrincipalGroup;
  capability: Capability;
  actions: string[];
  /** The statements that give the access now (removed: that gave it before). */
  statements: StatementRef[];
  /** Conditions now, and before, in words (empty: none). */
  conditions: string[];
  before: string[];
  /** Someone may now do something they could not before. */
  widens: boolean;
  outsideOwnAccount: Outside;
  /** `+ account 999988887777 can now decrypt (Decrypt), via statement 'Partner'`. */
  text: string;
}

export interface PolicyChange {
  /** How the policy was matched between the versions: its label, or its position. */
  policy: string;
  label?: string;
  before?: PolicyAccess;
  after?: PolicyAccess;
  changes: AccessChange[];
}

interface ActionState {
  entry: AccessEntry;
  unconditional: boolean;
  /** One set of conditions per way the action is granted (exceptions of Deny statements included). */
  conditionSets: string[][];
  statements: StatementRef[];
}

function statesOf(access: PolicyAccess | undefined): Map<string, ActionState> {
  const states = new Map<string, ActionState>();
  for (const entry of access?.entries ?? []) {
    const conditional = new Set(entry.conditionalActions);
    for (const action of entry.actions) {
      const excepts = entry.except.filter((e) => e.actions.includes(action)).map((e) => e.text);
      const vias = entry.via.filter((g) => g.actions.includes(action));
      states.set(`${entry.principal.key}|${action}`, {
        entry,
        unconditional: !conditional.has(action),
        conditionSets: vias.map((g) => [...g.conditions.map((c) => c.text), ...g.uncertain.map((u) => `uncertain: ${u}`), ...excepts]),
        statements: vias.map((g) => g.statement),
      });
    }
  }
  return states;
}

const includesAll = (outer: readonly string[], inner: readonly string[]) => inner.every((c) => outer.includes(c));

/** Every new way holds at least the conditions of some old way: no one gains. */
function noWider(after: ActionState, before: ActionState): boolean {
  if (before.unconditional) return true;
  if (after.unconditional) return false;
  return after.conditionSets.every((set) => before.conditionSets.some((old) => includesAll(set, old)));
}

function verb(capability: Capability, actions: readonly string[]): string {
  switch (capability) {
    case 'use':
      return actions.includes('kms:Decrypt') ? 'decrypt' : 'use the key';
    case 'administer':
      return 'administer the key';
    case 'grants':
      return actions.includes('kms:CreateGrant') ? 'create grants' : 'revoke or retire grants';
    case 'view':
      return "read the key's configuration";
  }
}

function viaText(statements: readonly StatementRef[]): string {
  const names = [...new Set(statements.map((s) => `'${printable(s.name)}'`))];
  if (names.length === 0) return '';
  return `, via statement${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** ` when A and B, except when C (Deny 'D')`: conditions first, then the exceptions of Deny statements. */
function whenText(conditions: readonly string[]): string {
  const plain = conditions.filter((c) => !c.startsWith('except '));
  const exceptions = conditions.filter((c) => c.startsWith('except '));
  return `${plain.length > 0 ? ` when ${plain.map(printable).join(' and ')}` : ''}${exceptions.length > 0 ? `${plain.length > 0 ? ',' : ''} ${exceptions.map(printable).join(', ')}` : ''}`;
}

function outsideText(change: Pick<AccessChange, 'widens' | 'outsideOwnAccount'>): string {
  if (!change.widens) return '';
  return change.outsideOwnAccount === 'yes' ? ' [outside the own account]' : change.outsideOwnAccount === 'unknown' ? ' [account unknown]' : '';
}

function describe(change: Omit<AccessChange, 'text'>): string {
  const who = printable(change.principal.label);
  const does = `${verb(change.capability, change.actions)} (${actionsText(change.capability, change.actions)})`;
  const via = viaText(change.statements);
  const marker = outsideText(change);
  const before = change.before.length > 0 ? ` (before:${whenText(change.before)})` : ' (before: without conditions)';
  switch (change.kind) {
    case 'added':
      return `+ ${who} can now ${does}${whenText(change.conditions)}${via}${marker}`;
    case 'removed':
      return `- ${who} can no longer ${does}${via.replace(', via', ', was via')}`;
    case 'widened':
      return `+ ${who} can now ${does} ${change.conditions.length > 0 ? `with fewer conditions:${whenText(change.conditions)}` : 'without conditions'}${before}${via}${marker}`;
    case 'narrowed':
      return `- ${who} can now ${does} only${whenText(change.conditions)}${before}${via}`;
    case 'changed':
      return `! ${who} can ${does} under changed conditions:${whenText(change.conditions)}${before}${via}${marker}`;
  }
}

function conditionsOf(state: ActionState | undefined): string[] {
  if (!state || state.unconditional) return [];
  return [...new Set(state.conditionSets.flat())];
}

/** The changes between two versions of one key policy; either may be absent (added or removed policy). */
export function diffAccess(before: PolicyAccess | undefined, after: PolicyAccess | undefined): AccessChange[] {
  const old = statesOf(before);
  const now = statesOf(after);
  const grouped = new Map<string, Omit<AccessChange, 'text'>>();
  const add = (kind: ChangeKind, state: ActionState, action: string, widens: boolean, conditions: string[], was: string[]) => {
    const key = `${kind}|${state.entry.principal.key}|${state.entry.capability}|${conditions.join('&')}|${was.join('&')}`;
    let change = grouped.get(key);
    if (!change) {
      change = {
        kind,
        principal: state.entry.principal,
        capability: state.entry.capability,
        actions: [],
        statements: [],
        conditions,
        before: was,
        widens,
        outsideOwnAccount: state.entry.principal.outsideOwnAccount,
      };
      grouped.set(key, change);
    }
    change.actions.push(action);
    for (const s of state.statements) if (!change.statements.some((t) => t.index === s.index)) change.statements.push(s);
  };
  for (const [key, state] of now) {
    const action = key.slice(key.lastIndexOf('|') + 1);
    const prior = old.get(key);
    if (!prior) {
      add('added', state, action, true, conditionsOf(state), []);
      continue;
    }
    const wider = !noWider(state, prior);
    const narrower = !noWider(prior, state);
    if (!wider && !narrower) continue;
    if (wider && narrower) add('changed', state, action, true, conditionsOf(state), conditionsOf(prior));
    else if (wider) add('widened', state, action, true, conditionsOf(state), conditionsOf(prior));
    else add('narrowed', state, action, false, conditionsOf(state), conditionsOf(prior));
  }
  for (const [key, state] of old) {
    if (now.has(key)) continue;
    add('removed', state, key.slice(key.lastIndexOf('|') + 1), false, [], conditionsOf(state));
  }
  const order: ChangeKind[] = ['added', 'widened', 'changed', 'narrowed', 'removed'];
  return [...grouped.values()]
    .map((change) => {
      change.actions.sort((a, b) => KEY_ACTIONS.indexOf(a) - KEY_ACTIONS.indexOf(b));
      change.statements.sort((a, b) => a.index - b.index);
      return { ...change, text: describe(change) };
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.principal.label < b.principal.label ? -1 : a.principal.label > b.principal.label ? 1 : 0));
}

/** Matches the key policies of two versions of a document (by label, else by position) and compares each pair. */
export function diffDocuments(before: readonly PolicyAccess[], after: readonly PolicyAccess[]): PolicyChange[] {
  const keyed = (list: readonly PolicyAccess[]) => {
    const seen = new Map<string, number>();
    return list.map((access, position) => {
      const base = access.label ?? `#${position + 1}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { key: n > 1 ? `${base} (${n})` : base, access };
    });
  };
  const old = keyed(before);
  const now = keyed(after);
  const keys = [...new Set([...now.map((k) => k.key), ...old.map((k) => k.key)])];
  return keys.map((key) => {
    const b = old.find((k) => k.key === key)?.access;
    const a = now.find((k) => k.key === key)?.access;
    const change: PolicyChange = { policy: key, changes: diffAccess(b, a) };
    const label = a?.label ?? b?.label;
    if (label) change.label = label;
    if (b) change.before = b;
    if (a) change.after = a;
    return change;
  });
}

/** Whether a change lets anyone outside the own account (or of an account we cannot tell) do more. */
export function widensOutside(change: AccessChange): boolean {
  return change.widens && change.outsideOwnAccount !== 'no';
}

export interface FileChanges {
  path: string;
  /** The file is new since the base, gone from the working tree, or in both. */
  status: 'added' | 'deleted' | 'modified';
  policies: PolicyChange[];
}

function changedPolicies(files: readonly FileChanges[]): { file: FileChanges; policy: PolicyChange }[] {
  return files.flatMap((file) => file.policies.filter((policy) => policy.changes.length > 0).map((policy) => ({ file, policy })));
}

const STATUS_NOTE: Readonly<Record<FileChanges['status'], string>> = { added: ' (new file)', deleted: ' (deleted)', modified: '' };

/** What the changes do to key access, as Markdown for a pull-request comment. */
export function formatChangesMarkdown(files: readonly FileChanges[], base: string): string {
  const out: string[] = ['## KMS key access changes', ''];
  const changed = changedPolicies(files);
  if (changed.length === 0) {
    out.push(`No change in who can use, administer or create grants on the key policies compared with ${inlineCode(base)}.`, '');
    return out.join('\n');
  }
  const widening = changed.some(({ policy }) => policy.changes.some(widensOutside));
  out.push(widening ? `**This change gives principals outside the own account more access** (compared with ${inlineCode(base)}).` : `Compared with ${inlineCode(base)}.`, '');
  for (const { file, policy } of changed) {
    const label = policy.label ? ` ${inlineCode(policy.label)}` : '';
    out.push(`#### ${inlineCode(file.path)}${STATUS_NOTE[file.status]} — key policy${label}`, '');
    const body = policy.changes.map((c) => c.text).join('\n');
    const fence = fenceFor(body);
    out.push(`${fence}diff`, body, fence, '');
    if (policy.before) out.push(`Before: ${escapeMarkdown(policy.before.summary)}  `);
    if (policy.after) out.push(`After: ${escapeMarkdown(policy.after.summary)}`);
    if (!policy.after) out.push('After: the policy is gone.');
    out.push('');
  }
  return out.join('\n');
}

/** The same, for a terminal. */
export function formatChangesText(files: readonly FileChanges[], base: string): string {
  const changed = changedPolicies(files);
  if (changed.length === 0) return `No change in key access compared with ${printable(base)}.\n`;
  const out: string[] = [];
  for (const { file, policy } of changed) {
    out.push(`${printable(file.path)}${STATUS_NOTE[file.status]}  key policy${policy.label ? ` ${printable(policy.label)}` : ''}`);
    for (const change of policy.changes) out.push(`  ${change.text}`);
    if (policy.before) out.push(`  Before: ${policy.before.summary}`);
    if (policy.after) out.push(`  After:  ${policy.after.summary}`);
    out.push('');
  }
  return out.join('\n');
}
