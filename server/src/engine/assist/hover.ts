// Hover over a policy, in every syntax the sources read: what an action does (from the IAM catalog),
// which actions a wildcard covers, what a condition key carries and whether (and why) it pins the
// caller — the same judgement the rules use —, what a condition operator compares, who a principal is.
// It answers from the policy model, so JSON, JSON in strings, YAML and HCL behave alike.
import { judgeConditionEntry } from '../iam/conditions';
import { catalogAvailable, lookupAction, lookupConditionKey, lookupService, matchActions, type CatalogAction } from '../iam/catalog';
import { hasWildcard } from '../iam/catalog-glob';
import type { ConditionEntry, DocumentModel, ListElement, Loc, Policy, PolicyValue, PrincipalEntry, Statement } from '../model/types';
import { readDocument, type ReadOptions } from '../sources';

export interface HoverResult {
  /** Markdown. */
  readonly contents: string;
  readonly loc: Loc;
}

const LISTED_ACTIONS = 40;

const within = (loc: Loc | undefined, offset: number): loc is Loc => loc !== undefined && loc.start <= offset && offset <= loc.end;
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function actionMarkdown(action: CatalogAction): string {
  const service = lookupService(action.service);
  const lines = [`**${action.fullName}**${service ? ` — ${service.name}` : ''}`, '', action.description, '', `Access level: ${action.accessLevel}`];
  if (action.resourceTypes.length > 0) {
    lines.push('', `Resource types: ${action.resourceTypes.map((r) => `${code(r.name)}${r.required ? ' (required)' : ''}`).join(', ')}`);
  } else lines.push('', 'Resource types: none (the statement needs `"Resource": "*"`)');
  if (action.conditionKeys.length > 0) lines.push('', `Condition keys: ${action.conditionKeys.slice(0, 30).map(code).join(', ')}${action.conditionKeys.length > 30 ? ', …' : ''}`);
  return lines.join('\n');
}

function actionHover(element: ListElement, item: PolicyValue): string | undefined {
  if (item.parts) return `${code(item.text)}: a value the linter cannot see (a reference); it is treated as specific.`;
  const name = item.text.trim();
  const negation = element.not ? `\n\n*${element.name}*: the statement applies to every action **except** the ones listed.` : '';
  if (name === '*') return `${code('*')}: every action of every AWS service.${negation}`;
  if (!catalogAvailable()) return undefined;
  if (hasWildcard(name)) {
    const matched = matchActions(name);
    if (matched.length === 0) return `${code(name)} matches no action in the IAM catalog.${negation}`;
    const shown = matched.slice(0, LISTED_ACTIONS).map((a) => code(a.fullName)).join(', ');
    return `${code(name)} matches **${matched.length}** action${matched.length === 1 ? '' : 's'}: ${shown}${matched.length > LISTED_ACTIONS ? `, and ${matched.length - LISTED_ACTIONS} more` : ''}.${negation}`;
  }
  const action = lookupAction(name);
  return action ? actionMarkdown(action) + negation : `${code(name)} is not an action the IAM catalog knows.`;
}

const BASE_OPERATORS: Record<string, string> = {
  stringequals: 'the request value equals one of the values, case-sensitively (no wildcards: `*` is a literal star)',
  stringnotequals: 'the request value equals none of the values; true also when the request has no such key',
  stringequalsignorecase: 'the request value equals one of the values, ignoring case',
  stringnotequalsignorecase: 'the request value equals none of the values, ignoring case; true also when the key is absent',
  stringlike: 'the request value matches one of the patterns (`*` and `?` are wildcards)',
  stringnotlike: 'the request value matches none of the patterns; true also when the key is absent',
  arnequals: 'the request ARN matches one of the values (`*` and `?` are wildcards, compared part by part)',
  arnlike: 'the request ARN matches one of the patterns (`*` and `?` are wildcards)',
  arnnotequals: 'the request ARN matches none of the values; true also when the key is absent',
  arnnotlike: 'the request ARN matches none of the patterns; true also when the key is absent',
  numericequals: 'the request number equals one of the values',
  numericnotequals: 'the request number equals none of the values',
  numericlessthan: 'the request number is less than the value',
  numericlessthanequals: 'the request number is at most the value',
  numericgreaterthan: 'the request number is greater than the value',
  numericgreaterthanequals: 'the request number is at least the value',
  dateequals: 'the request date equals the value',
  datenotequals: 'the request date differs from the value',
  datelessthan: 'the request date is before the value',
  datelessthanequals: 'the request date is at or before the value',
  dategreaterthan: 'the request date is after the value',
  dategreaterthanequals: 'the request date is at or after the value',
  bool: 'the request value is the boolean given (`"true"` / `"false"`)',
  binaryequals: 'the request value equals the base64-encoded value',
  ipaddress: 'the request address is in one of the CIDR ranges',
  notipaddress: 'the request address is in none of the ranges; true also when the key is absent',
  null: '`"true"`: the request has no such key; `"false"`: it has one',
};

function operatorHover(operator: string): string {
  let rest = operator.trim();
  const notes: string[] = [];
  const set = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (set) {
    rest = rest.slice(set[0].length);
    notes.push(
      set[1].toLowerCase() === 'foranyvalue'
        ? '`ForAnyValue:` — true when **at least one** value of a multivalued request key matches.'
        : '`ForAllValues:` — true when **every** value of the request key matches, and also when the key is **absent**: it never restricts who the caller is.',
    );
  }
  const ifExists = /IfExists$/i.test(rest) && rest.toLowerCase() !== 'null';
  if (ifExists) {
    rest = rest.slice(0, -'IfExists'.length);
    notes.push('`…IfExists` — when the request has no such key, the entry is **true**: requests made by AWS services carry no principal keys, so it never restricts the caller.');
  }
  const base = BASE_OPERATORS[rest.toLowerCase()];
  const head = base ? `**${operator}** — true when ${base}.` : `**${operator}** is not a condition operator AWS knows: the statement is rejected or never applies.`;
  return [head, ...notes].join('\n\n');
}

function conditionKeyHover(entry: ConditionEntry): string {
  const lines: string[] = [];
  const known = catalogAvailable() ? lookupConditionKey(entry.key.trim()) : undefined;
  lines.push(known ? `**${entry.key.trim()}** (${known.type}${known.global ? ', global key' : ''})` : `**${entry.key.trim()}**`);
  if (known?.description) lines.push('', known.description);
  if (!known && catalogAvailable()) lines.push('', 'Not a condition key the IAM catalog knows.');
  const verdict = judgeConditionEntry(entry.operator, entry.key, entry.values);
  lines.push('', verdict.pins ? `Restricts the caller: ${verdict.reason}` : `Does not restrict the caller: ${verdict.reason}`);
  if (verdict.note) lines.push('', `> ${verdict.note}`);
  return lines.join('\n');
}

function principalHover(entry: PrincipalEntry, statementNot: boolean): string {
  const value = entry.value;
  const text = value.text.trim();
  const not = statementNot ? '\n\n*NotPrincipal*: with Allow, everyone **except** this principal gets in.' : '';
  if (value.parts) return `${code(text)}: a principal the linter cannot see (a reference); it is treated as a specific principal.${not}`;
  if (entry.type === '*' || text === '*') {
    return `${code('*')} — **anyone**: every principal of every AWS account, anonymous callers, and AWS services. Only a Condition that pins the caller (\`kms:CallerAccount\`, \`aws:PrincipalOrgID\`, …) narrows it.${not}`;
  }
  if (entry.type === 'Service') return `AWS service ${code(text)}: the service itself, acting for any customer unless \`aws:SourceAccount\` / \`aws:SourceArn\` say for whom.${not}`;
  if (entry.type === 'Federated') return `Federated identity provider ${code(text)}: users it authenticates (through \`sts:AssumeRoleWithWebIdentity\` / SAML).${not}`;
  if (entry.type === 'CanonicalUser') return `Canonical user ${code(text)} (an S3 canonical id).${not}`;
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(text) ?? /^(\d{12})$/.exec(text);
  if (root) return `Account **${root[1]}** — the account itself: its IAM policies decide which of its users and roles may use this. It is not "the root user" alone.${not}`;
  const role = /^arn:[^:]+:(iam|sts)::(\d{12}):(role|assumed-role|user|federated-user)\/(.+)$/.exec(text);
  if (role) return `The ${role[3].replace('-', ' ')} ${code(role[4])} of account **${role[2]}**.${not}`;
  return `Principal ${code(text)}.${not}`;
}

function effectHover(value: PolicyValue): string {
  return /^deny$/i.test(value.text.trim())
    ? '**Deny** — an explicit deny: it wins over every Allow, in this and every other policy.'
    : '**Allow** — grants the actions, unless an explicit Deny anywhere says otherwise.';
}

function resourceHover(policy: Policy, element: ListElement, item: PolicyValue): string | undefined {
  if (item.text.trim() !== '*' || item.parts) return undefined;
  return policy.kind === 'key-policy'
    ? '`*` in a key policy means **this key** (a key policy applies to its own key only).'
    : '`*` in an identity policy means **every resource** of every account the holder is trusted by' + '.';
}

function statementHover(policy: Policy, statement: Statement, offset: number): HoverResult | undefined {
  if (within(statement.effect?.loc, offset) && statement.effect && statement.effect.loc.end > statement.effect.loc.start) {
    return { contents: effectHover(statement.effect), loc: statement.effect.loc };
  }
  const action = statement.action;
  if (action) {
    for (const item of action.items) if (within(item.loc, offset)) {
      const contents = actionHover(action, item);
      if (contents) return { contents, loc: item.loc };
    }
  }
  const principal = statement.principal;
  if (principal) for (const entry of principal.entries) if (within(entry.value.loc, offset)) return { contents: principalHover(entry, principal.not), loc: entry.value.loc };
  for (const entry of statement.condition?.entries ?? []) {
    if (within(entry.operatorLoc, offset)) return { contents: operatorHover(entry.operator), loc: entry.operatorLoc };
    if (within(entry.keyLoc, offset) || entry.values.some((v) => within(v.loc, offset))) return { contents: conditionKeyHover(entry), loc: entry.keyLoc };
  }
  const resource = statement.resource;
  if (resource) for (const item of resource.items) if (within(item.loc, offset)) {
    const contents = resourceHover(policy, resource, item);
    if (contents) return { contents, loc: item.loc };
  }
  return undefined;
}

/** The hover of the policy element at `offset` in a read document; undefined when there is nothing to say. */
export function hoverInModel(doc: DocumentModel, offset: number): HoverResult | undefined {
  for (const policy of doc.policies) {
    if (!within(policy.loc, offset)) continue;
    for (const statement of policy.statements) {
      if (!within(statement.loc, offset)) continue;
      const found = statementHover(policy, statement, offset);
      if (found) return found;
    }
  }
  return undefined;
}

export function hoverAt(text: string, offset: number, options: ReadOptions = {}): HoverResult | undefined {
  return hoverInModel(readDocument(text, options), offset);
}
