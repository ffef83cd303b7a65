// The effective access a key policy gives: who (groups of principals) can do what (capabilities),
// through which statements and under which conditions, once Deny statements have taken their share.
//
// Deny statements: one with no Condition removes what it denies from every group it covers. One
// whose only Condition entry is a negated single-valued match (`StringNotEquals kms:CallerAccount`)
// is exactly "allow only when it matches": its positive form joins the conditions of the grants it
// covers, and the group is worked out again (everyone becomes that account's principals). Any other
// Deny, or one that covers only part of a group, is shown as an exception, never guessed.
import { ownAccount, type OwnAccount } from '../iam/account';
import { type ActionGrant } from '../iam/actions';
import { globMatch } from '../iam/glob';
import { actionPatterns } from '../iam/grants';
import type { DocumentModel, Loc, Policy, Statement } from '../model/types';
import { literal } from '../model/values';
import { equalsIgnoreCase } from '../sources/tree-access';
import { LineIndex } from '../text';
import { actionsOfMask, CAPABILITY_MASK, maskOfGrant, NO_ACTIONS, type ActionMask } from './action-set';
import { CAPABILITIES, type Capability } from './capabilities';
import { conditionGloss, conditionText, groupsOf, type Cond, type GroupInfo } from './groups';
import { sameAccount, targetOfEntry, type Target } from './principals';
import { summaryLine } from './summary';
import type { AccessEntry, AccessException, AccessGrant, ConditionNote, PolicyAccess, PrincipalGroup, PrincipalKind, StatementRef } from './types';

export interface AccessOptions {
  /** The user's own account ids (the `accounts` setting / `--account`). */
  accounts?: readonly string[];
}

/** Work items a policy may create while Deny conditions split grants; past it, Denies are shown as exceptions. */
const SPLIT_BUDGET = 20_000;

interface RawGrant {
  readonly target: Target;
  readonly ref: StatementRef;
  readonly mask: ActionMask;
  readonly conds: readonly Cond[];
  /** Resource and NotPrincipal qualifications: they make the grant conditional. */
  readonly notes: readonly ConditionNote[];
  readonly uncertain: readonly string[];
}

interface DenyInfo {
  readonly index: number;
  readonly ref: StatementRef;
  readonly mask: ActionMask;
  readonly targets: readonly Target[];
  /** NotPrincipal: the Deny covers everyone but `targets`. */
  readonly not: boolean;
  /** `none`: no Condition; `implied`: one negated entry, whose positive form is `implied`; `conditional`: anything else. */
  readonly kind: 'none' | 'implied' | 'conditional';
  readonly implied?: Cond;
  /** The conditions, in words, for exception notes. */
  readonly when?: string;
  /** The Deny also names principals we cannot see: where no visible one covers a group, it may still reach it. */
  readonly unseenTargets: boolean;
}

interface Item {
  readonly raw: RawGrant;
  readonly info: GroupInfo;
  mask: ActionMask;
  readonly conds: readonly Cond[];
  readonly implied: ReadonlySet<number>;
  readonly excepts: { deny: DenyInfo; mask: ActionMask; partial: boolean }[];
  /** The first Deny still to weigh. */
  readonly next: number;
}

const NEGATED_TO_POSITIVE: Readonly<Record<string, string>> = {
  stringnotequals: 'StringEquals',
  stringnotequalsignorecase: 'StringEqualsIgnoreCase',
  stringnotlike: 'StringLike',
  arnnotequals: 'ArnEquals',
  arnnotlike: 'ArnLike',
  notipaddress: 'IpAddress',
};

// Keys with several values per request: a single-valued negation of them is not a plain "only when".
const MULTIVALUED_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths', 'aws:vpceorgpaths', 'aws:tagkeys', 'aws:calledvia', 'kms:encryptioncontextkeys', 'aws:principalservicenameslist']);

/**
 * The positive operator a Deny's negated one leaves standing: `StringNotEquals` and
 * `StringNotEqualsIfExists` both deny when the key is absent, so both leave "present and equal".
 */
function positiveOf(operator: string, key: string): string | undefined {
  const op = operator.toLowerCase();
  if (op.includes(':') || MULTIVALUED_KEYS.has(key.toLowerCase())) return undefined;
  return NEGATED_TO_POSITIVE[op.endsWith('ifexists') ? op.slice(0, -'ifexists'.length) : op];
}

// Key ARNs of one partition that share nothing else: a Resource matching all of them matches this
// key, wherever it is. When the own account is known, the key is in it, so only region and id vary.
const SAMPLE_KEYS = [
  ['us-east-1', '111111111111', 'key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  ['eu-west-2', '222222222222', 'key/mrk-0123456789abcdef'],
];
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** Whether a Resource pattern matches the key whatever its ARN, as far as the document tells. */
function coversAnyKey(pattern: string, partition: string | undefined, ownAccounts: readonly string[]): boolean {
  const trimmed = pattern.trim();
  const account = ownAccounts.length === 1 ? ownAccounts[0] : undefined;
  return (partition ? [partition] : PARTITIONS).some((p) => SAMPLE_KEYS.every(([region, sample, key]) => globMatch(trimmed, `arn:${p}:kms:${region}:${account ?? sample}:${key}`, false)));
}

class PolicyReader {
  private lines: LineIndex | undefined;
  readonly notes: string[] = [];

  constructor(
    private readonly text: string,
    readonly own: OwnAccount,
  ) {}

  line(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.positionAt(offset).line + 1;
  }

  ref(statement: Statement): StatementRef {
    const sid = statement.sid ? (literal(statement.sid) ?? statement.sid.text) : undefined;
    return { index: statement.index, name: sid ? sid : `#${statement.index + 1}`, loc: statement.loc, line: this.line(statement.loc.start) };
  }
}

function effectOf(statement: Statement): 'allow' | 'deny' | 'unknown' | 'missing' {
  const effect = statement.effect;
  if (!effect) return 'missing';
  if (equalsIgnoreCase(effect.text, 'Allow')) return 'allow';
  if (equalsIgnoreCase(effect.text, 'Deny')) return 'deny';
  return 'unknown';
}

function grantOfStatement(statement: Statement): ActionGrant {
  const action = statement.action;
  if (!action) return { allowed: [] };
  return action.not ? { excluded: actionPatterns(action) } : { allowed: actionPatterns(action) };
}

function condsOf(statement: Statement): Cond[] {
  return (statement.condition?.entries ?? []).map((entry) => ({ operator: entry.operator, key: entry.key, values: entry.values, loc: entry.loc, opaque: entry.opaque }));
}

function targetsOf(statement: Statement): Target[] {
  const principal = statement.principal;
  if (!principal) return [];
  const targets: Target[] = [];
  const seen = new Set<string>();
  for (const entry of principal.entries) {
    const target = targetOfEntry(entry);
    const key = `${target.kind}:${'text' in target ? target.text : 'name' in target ? target.name : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(target);
  }
  // A reference in the list may stand for several principals; it is shown as itself. Anything else unseen is "principals we cannot see".
  if (principal.opaque && !principal.entries.some((e) => e.value.parts)) targets.push({ kind: 'unseen' });
  return targets;
}

function targetLabel(target: Target): string {
  switch (target.kind) {
    case 'wildcard':
      return 'everyone';
    case 'root':
      return `account ${target.account.text}`;
    case 'arn':
    case 'other':
      return target.text;
    case 'service':
      return `service ${target.name}`;
    case 'federated':
      return `federated users of ${target.name}`;
    case 'unseen':
      return 'principals we cannot see';
  }
}

type Relation = 'covers' | 'partial' | 'none';

const BROAD_KINDS: ReadonlySet<PrincipalKind> = new Set(['everyone', 'everyone-through', 'organization', 'org-path', 'unknown']);

/** How much of a group a Deny's principal entry reaches. */
function relate(target: Target, info: GroupInfo, own: OwnAccount): Relation {
  const kind = info.group.kind;
  switch (target.kind) {
    case 'wildcard':
      return 'covers';
    case 'unseen':
    case 'other':
      return 'partial';
    case 'root': {
      if (kind === 'service') return 'none';
      if (BROAD_KINDS.has(kind) || kind === 'federated') return 'partial';
      // An account principal in a Deny covers every identity of that account.
      const same = sameAccount(target.account, info.account, own);
      return same === 'same' ? 'covers' : same === 'different' ? 'none' : 'partial';
    }
    case 'arn': {
      if (kind === 'service' || kind === 'federated') return 'none';
      if (BROAD_KINDS.has(kind)) return 'partial';
      if (kind === 'principal') {
        const text = info.principalText ?? '';
        if (text === target.text && !info.group.pattern && !info.group.unresolved) return 'covers';
        if (info.group.unresolved || info.group.key.startsWith('userid:')) return 'partial';
        if (info.group.pattern) return globMatch(text, target.text, false) ? 'partial' : 'none';
        return 'none';
      }
      // account / account-principals: the Deny takes one identity out of the account.
      const same = sameAccount(target.account, info.account, own);
      return same === 'different' ? 'none' : 'partial';
    }
    case 'service':
      if (kind === 'service') {
        if (info.serviceName === '*') return 'partial';
        return info.serviceName?.toLowerCase() === target.name.toLowerCase() ? 'covers' : 'none';
      }
      return kind === 'everyone' || kind === 'everyone-through' || kind === 'unknown' ? 'partial' : 'none';
    case 'federated':
      if (kind === 'federated') return info.federatedName === target.name ? 'covers' : 'none';
      return kind === 'everyone' || kind === 'everyone-through' || kind === 'unknown' ? 'partial' : 'none';
  }
}

function relateDeny(deny: DenyInfo, info: GroupInfo, own: OwnAccount): Relation {
  const relations = deny.targets.map((t) => relate(t, info, own));
  if (!deny.not) return relations.includes('covers') ? 'covers' : relations.includes('partial') ? 'partial' : 'none';
  // NotPrincipal: the Deny reaches whoever the list does not name.
  if (relations.includes('covers')) return 'none';
  return relations.includes('partial') ? 'partial' : 'covers';
}

function denyText(deny: DenyInfo, partial: boolean): string {
  const who = deny.not ? `everyone but ${deny.targets.map(targetLabel).join(', ')}` : deny.targets.map(targetLabel).join(', ');
  const scope = partial || deny.unseenTargets ? ` for ${who}` : '';
  const when = deny.when ? ` when ${deny.when}` : '';
  return `except${scope}${when} (Deny '${deny.ref.name}')`;
}

function resourceQualification(statement: Statement, partition: string | undefined, ownAccounts: readonly string[]): { note?: ConditionNote; uncertain?: string } {
  const resource = statement.resource;
  if (!resource) return {};
  const items = resource.items.map((v) => v.text.trim());
  if (resource.not) {
    return { uncertain: `NotResource ${items.join(', ')}: applies unless this key is one of them` };
  }
  if (!resource.opaque && resource.items.some((v) => !v.parts && coversAnyKey(v.text, partition, ownAccounts))) return {};
  const shown = items.length > 0 ? items.join(' or ') : '(none)';
  return { note: { text: `Resource ${shown}`, gloss: 'only if this key is one of these', loc: resource.loc } };
}

function readStatements(policy: Policy, reader: PolicyReader): { grants: RawGrant[]; denies: DenyInfo[] } {
  const grants: RawGrant[] = [];
  const denies: DenyInfo[] = [];
  // Long policies repeat the same action lists: match each list against the catalog once.
  const masks = new Map<string, ActionMask>();
  for (const statement of policy.statements) {
    const ref = reader.ref(statement);
    const effect = effectOf(statement);
    if (effect === 'missing') {
      reader.notes.push(`Statement '${ref.name}' has no Effect: AWS rejects the policy.`);
      continue;
    }
    const grant = grantOfStatement(statement);
    const grantKey = JSON.stringify(grant);
    let mask = masks.get(grantKey);
    if (mask === undefined) masks.set(grantKey, (mask = maskOfGrant(grant)));
    const uncertain: string[] = [];
    if (statement.action?.opaque) uncertain.push('actions we cannot see');
    if (mask === NO_ACTIONS && !statement.action?.opaque) continue;
    if (!statement.principal) {
      reader.notes.push(`Statement '${ref.name}' has no Principal: a key policy statement needs one.`);
      continue;
    }
    const conds = condsOf(statement);
    const conditionUnseen = !!statement.condition?.opaque;
    if (effect === 'deny') {
      const targets = targetsOf(statement);
      const unseenTargets = targets.some((t) => t.kind === 'unseen' || t.kind === 'other');
      let kind: DenyInfo['kind'] = conds.length === 0 && !conditionUnseen ? 'none' : 'conditional';
      let implied: Cond | undefined;
      if (conds.length === 1 && !conditionUnseen && conds[0].values.length > 0) {
        const positive = positiveOf(conds[0].operator, conds[0].key);
        if (positive) {
          kind = 'implied';
          implied = { operator: positive, key: conds[0].key, values: conds[0].values, loc: conds[0].loc, opaque: conds[0].opaque, impliedBy: ref };
        }
      }
      const whenParts = conds.map(conditionText);
      if (conditionUnseen) whenParts.push('conditions we cannot see');
      if (statement.action?.opaque) reader.notes.push(`Deny '${ref.name}' lists actions we cannot see: it may take away more than shown.`);
      if (statement.resource && !resourceCoversKey(statement, policy.partition, reader.own.ids)) {
        // A Deny on other resources may not apply to this key: never subtract on a guess.
        kind = 'conditional';
        whenParts.push(`this key is ${statement.resource.not ? 'not ' : ''}one of ${statement.resource.items.map((v) => v.text.trim()).join(', ')}`);
      }
      denies.push({
        index: denies.length,
        ref,
        mask,
        targets,
        not: statement.principal.not,
        kind,
        implied,
        when: whenParts.length > 0 ? whenParts.join(' and ') : undefined,
        unseenTargets,
      });
      continue;
    }
    if (effect === 'unknown') uncertain.push(`Effect ${statement.effect!.text.trim()} we cannot see: this may be a Deny`);
    if (conditionUnseen) uncertain.push('a Condition we cannot see');
    const notes: ConditionNote[] = [];
    const resource = resourceQualification(statement, policy.partition, reader.own.ids);
    if (resource.note) notes.push(resource.note);
    if (resource.uncertain) uncertain.push(resource.uncertain);
    let targets = targetsOf(statement);
    if (statement.principal.not) {
      const listed = targets.map(targetLabel).join(', ');
      notes.push({ text: `NotPrincipal ${listed}`, gloss: `everyone but ${listed}`, loc: statement.principal.loc });
      targets = [{ kind: 'wildcard' }];
    }
    for (const target of targets) grants.push({ target, ref, mask, conds, notes, uncertain });
  }
  return { grants, denies };
}

function resourceCoversKey(statement: Statement, partition: string | undefined, ownAccounts: readonly string[]): boolean {
  const resource = statement.resource;
  if (!resource) return true;
  return !resource.not && !resource.opaque && resource.items.some((v) => !v.parts && coversAnyKey(v.text, partition, ownAccounts));
}

/** Applies the Deny statements to the grants: what is left, split by the groups it reaches. */
function applyDenies(grants: readonly RawGrant[], denies: readonly DenyInfo[], reader: PolicyReader): Item[] {
  const own = reader.own;
  const queue: Item[] = [];
  for (const raw of grants) {
    for (const info of groupsOf(raw.target, raw.conds, own)) queue.push({ raw, info, mask: raw.mask, conds: raw.conds, implied: new Set(), excepts: [], next: 0 });
  }
  const done: Item[] = [];
  let budget = SPLIT_BUDGET;
  let budgetNoted = false;
  while (queue.length > 0) {
    const item = queue.pop()!;
    for (let d = item.next; d < denies.length && item.mask !== NO_ACTIONS; d++) {
      const deny = denies[d];
      if (item.implied.has(deny.index)) continue;
      const overlap = item.mask & deny.mask;
      if (overlap === NO_ACTIONS) continue;
      const relation = relateDeny(deny, item.info, own);
      if (relation === 'none') continue;
      if (relation === 'covers' && deny.kind === 'none') {
        item.mask &= ~deny.mask;
        continue;
      }
      if (relation === 'covers' && deny.kind === 'implied' && deny.implied) {
        if (budget > 0) {
          budget--;
          item.mask &= ~deny.mask;
          const conds = [...item.conds, deny.implied];
          const implied = new Set([...item.implied, deny.index]);
          for (const info of groupsOf(item.raw.target, conds, own)) {
            // The narrowed part is a grant of its own. In the same group, the Denies weighed so far
            // weigh the same; in a new group (everyone became one account) every Deny is weighed again.
            const sameGroup = info.group.key === item.info.group.key;
            const excepts = sameGroup ? item.excepts.filter((e) => (e.mask & overlap) !== NO_ACTIONS).map((e) => ({ ...e, mask: e.mask & overlap })) : [];
            queue.push({ raw: item.raw, info, mask: overlap, conds, implied, excepts, next: sameGroup ? d + 1 : 0 });
          }
          continue;
        }
        if (!budgetNoted) {
          budgetNoted = true;
          reader.notes.push('The policy has too many conditional Deny statements to combine them all: some are shown as exceptions.');
        }
      }
      item.excepts.push({ deny, mask: overlap, partial: relation === 'partial' });
    }
    if (item.mask !== NO_ACTIONS) done.push(item);
  }
  return done;
}

interface EntryBuilder {
  principal: PrincipalGroup;
  capability: Capability;
  mask: ActionMask;
  unconditional: ActionMask;
  via: Map<string, { grant: AccessGrant; mask: ActionMask }>;
  excepts: Map<string, { text: string; ref: StatementRef; mask: ActionMask }>;
}

function conditionNotes(item: Item): ConditionNote[] {
  const notes: ConditionNote[] = [];
  for (const cond of item.conds) {
    if (item.info.defining.has(cond)) continue;
    const note: ConditionNote = { text: conditionText(cond), loc: cond.loc };
    const gloss = conditionGloss(cond);
    if (gloss) note.gloss = gloss;
    if (cond.impliedBy) note.impliedBy = cond.impliedBy;
    notes.push(note);
  }
  return [...notes, ...item.raw.notes];
}

const KIND_ORDER: readonly PrincipalKind[] = ['account', 'account-principals', 'principal', 'service', 'organization', 'org-path', 'federated', 'everyone-through', 'everyone', 'unknown'];

function compareEntries(a: AccessEntry, b: AccessEntry): number {
  const cap = CAPABILITIES.indexOf(a.capability) - CAPABILITIES.indexOf(b.capability);
  if (cap !== 0) return cap;
  const ownRank = (e: AccessEntry) => (e.principal.own === true ? 0 : 1);
  const kind = KIND_ORDER.indexOf(a.principal.kind) - KIND_ORDER.indexOf(b.principal.kind);
  if (kind !== 0) return kind;
  const own = ownRank(a) - ownRank(b);
  if (own !== 0) return own;
  return a.principal.label < b.principal.label ? -1 : a.principal.label > b.principal.label ? 1 : 0;
}

function buildEntries(items: readonly Item[]): AccessEntry[] {
  const builders = new Map<string, EntryBuilder>();
  for (const item of items) {
    const notes = conditionNotes(item);
    const conditional = notes.length > 0 || item.raw.uncertain.length > 0;
    let exceptMask = NO_ACTIONS;
    for (const e of item.excepts) exceptMask |= e.mask;
    for (const capability of CAPABILITIES) {
      const mask = item.mask & CAPABILITY_MASK[capability];
      if (mask === NO_ACTIONS) continue;
      const key = `${item.info.group.key}|${capability}`;
      let builder = builders.get(key);
      if (!builder) {
        builder = { principal: item.info.group, capability, mask: NO_ACTIONS, unconditional: NO_ACTIONS, via: new Map(), excepts: new Map() };
        builders.set(key, builder);
      }
      builder.mask |= mask;
      if (!conditional) builder.unconditional |= mask & ~exceptMask;
      const viaKey = `${item.raw.ref.index}|${notes.map((n) => n.text).join('&')}|${item.raw.uncertain.join('&')}`;
      const via = builder.via.get(viaKey);
      if (via) via.mask |= mask;
      else builder.via.set(viaKey, { grant: { statement: item.raw.ref, actions: [], conditions: notes, uncertain: [...item.raw.uncertain] }, mask });
      for (const e of item.excepts) {
        const touched = e.mask & mask;
        if (touched === NO_ACTIONS) continue;
        const text = denyText(e.deny, e.partial);
        const exceptKey = `${e.deny.index}|${text}`;
        const existing = builder.excepts.get(exceptKey);
        if (existing) existing.mask |= touched;
        else builder.excepts.set(exceptKey, { text, ref: e.deny.ref, mask: touched });
      }
    }
  }
  const entries: AccessEntry[] = [];
  for (const b of builders.values()) {
    const via = [...b.via.values()]
      .map(({ grant, mask }) => ({ ...grant, actions: actionsOfMask(mask) }))
      .sort((x, y) => x.statement.index - y.statement.index);
    const except: AccessException[] = [...b.excepts.values()]
      .map((e) => ({ statement: e.ref, actions: actionsOfMask(e.mask), text: e.text }))
      .sort((x, y) => x.statement.index - y.statement.index);
    const conditionalMask = b.mask & ~b.unconditional;
    entries.push({
      principal: b.principal,
      capability: b.capability,
      actions: actionsOfMask(b.mask),
      conditionalActions: actionsOfMask(conditionalMask),
      status: conditionalMask === NO_ACTIONS ? 'yes' : b.unconditional === NO_ACTIONS ? 'conditional' : 'partly',
      via,
      except,
    });
  }
  return entries.sort(compareEntries);
}

/** Where a policy is best pointed at: its `Statement` key when it can be found just before the first statement, else its start. */
export function policyAnchor(text: string, policy: Policy): Loc {
  const first = policy.statements[0];
  const start = policy.loc.start;
  if (first && first.loc.start > start && first.loc.start - start <= 10_000) {
    const at = text.slice(start, first.loc.start).toLowerCase().lastIndexOf('statement');
    if (at >= 0) return { start: start + at, end: start + at + 'statement'.length };
  }
  return { start, end: start };
}

function ownInfo(own: OwnAccount): PolicyAccess['ownAccount'] {
  return { ids: [...own.ids], references: [...own.references], known: own.known, source: own.source };
}

/** The access one key policy gives. */
export function accessOfPolicy(doc: DocumentModel, policyIndex: number, options: AccessOptions = {}): PolicyAccess {
  const policy = doc.policies[policyIndex];
  const own = ownAccount(policy, options.accounts ?? []);
  const reader = new PolicyReader(doc.text, own);
  const { grants, denies } = readStatements(policy, reader);
  const entries = buildEntries(applyDenies(grants, denies, reader));
  const anchor = policyAnchor(doc.text, policy);
  const access: PolicyAccess = {
    policyIndex,
    loc: policy.loc,
    anchor,
    line: reader.line(anchor.start),
    ownAccount: ownInfo(own),
    entries,
    notes: reader.notes,
    summary: '',
  };
  if (policy.label) access.label = policy.label;
  access.summary = summaryLine(access);
  return access;
}

/** The access of every key policy of a document (identity policies grant no one access to a key). */
export function accessOfDocument(doc: DocumentModel, options: AccessOptions = {}): PolicyAccess[] {
  const out: PolicyAccess[] = [];
  doc.policies.forEach((policy, index) => {
    if (policy.kind === 'key-policy') out.push(accessOfPolicy(doc, index, options));
  });
  return out;
}

