// Completion inside policies, from the IAM catalog: actions after Action / NotAction (KMS first,
// every service reachable by its prefix), condition operators and keys inside Condition, Effect
// values, principal types, statement element names, and snippets for a statement and for a safe key
// policy, written in the document's syntax. The context comes from the text around the cursor, so it
// works while the policy is half typed.
import { actionsOf, catalogAvailable, conditionKeysOf, listServices, lookupService } from '../iam/catalog';
import type { Loc } from '../model/types';
import { sourceKind, type ReadOptions } from '../sources';
import { cursorContext, type CursorContext, type Level, type Syntax } from './context';

export type CompletionKind = 'action' | 'service' | 'operator' | 'conditionKey' | 'effect' | 'principalType' | 'element' | 'snippet';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Text to insert over `replace`; a snippet uses `${1:…}` placeholders when `snippet` is set. */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly sortText: string;
  readonly filterText?: string;
}

export interface CompletionResult {
  readonly items: readonly CompletionEntry[];
  /** What the items replace: the partial word before the cursor. */
  readonly replace: Loc;
  /** More items come as the word grows (service prefixes open their actions). */
  readonly isIncomplete: boolean;
}

const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'NumericEquals', 'NumericNotEquals', 'NumericLessThan',
  'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals', 'DateEquals', 'DateNotEquals', 'DateLessThan',
  'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'Null',
];
const SET_PREFIXES = ['ForAnyValue:', 'ForAllValues:'];
const ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_TYPES: [string, string][] = [
  ['AWS', 'Accounts, IAM roles and users (`arn:aws:iam::111122223333:root`, role ARNs) or `*`.'],
  ['Service', 'An AWS service principal (`logs.amazonaws.com`).'],
  ['Federated', 'A web identity or SAML provider.'],
  ['CanonicalUser', 'An S3 canonical user id.'],
];
/** Keys that pin the caller (RULES.md): offered first, since they are what a wildcard principal needs. */
const CALLER_KEYS = new Set(['kms:calleraccount', 'aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip']);

const lower = (s: string) => s.toLowerCase();
const isOperator = (key: string) => {
  const base = key.replace(/^(ForAnyValue|ForAllValues):/i, '').replace(/IfExists$/i, '');
  return OPERATORS.some((o) => lower(o) === lower(base));
};

type Place = 'action' | 'operator' | 'conditionKey' | 'effect' | 'principalType' | 'element' | 'statementList' | 'document' | 'none';

/** What belongs at the cursor, from the enclosing keys (innermost first). */
function placeOf(levels: readonly Level[], syntax: Syntax): Place {
  const [first, second, third] = levels;
  if (!first) return 'document';
  const k1 = lower(first.key);
  if ((first.as === 'value' || first.as === 'list') && ['action', 'notaction', 'actions', 'not_actions'].includes(k1)) return 'action';
  if (first.as === 'value' && k1 === 'effect') return 'effect';
  if (syntax === 'hcl' && first.as === 'value') {
    if (k1 === 'test') return 'operator';
    if (k1 === 'variable') return 'conditionKey';
    if (k1 === 'type' && second && ['principals', 'not_principals'].includes(lower(second.key))) return 'principalType';
  }
  if (first.as === 'map') {
    if (k1 === 'condition') return 'operator';
    if (isOperator(first.key) && second && lower(second.key) === 'condition') return 'conditionKey';
    if (k1 === 'principal' || k1 === 'notprincipal') return 'principalType';
    if (k1 === '' && second?.as === 'list' && lower(second.key) === 'statement') return 'element';
    if (k1 === 'statement') return 'element';
    if (k1 === '' && !second) return 'document';
  }
  if (first.as === 'list' && lower(first.key) === 'statement') return 'statementList';
  // A key being typed under an operator in YAML (`StringEquals:` then a new line).
  if (first.as === 'value' && second?.as === 'map' && lower(second.key) === 'condition') return 'operator';
  if (first.as === 'value' && second && isOperator(second.key) && third && lower(third.key) === 'condition') return 'conditionKey';
  return 'none';
}

function quoteFor(ctx: CursorContext, syntax: Syntax, name: string): string {
  if (ctx.quoted) return name;
  if (syntax === 'yaml') return /^[A-Za-z][A-Za-z0-9:_/.*-]*$/.test(name) ? name : JSON.stringify(name);
  return JSON.stringify(name);
}

function actionItems(ctx: CursorContext, syntax: Syntax): { items: CompletionEntry[]; incomplete: boolean } {
  const colon = ctx.word.indexOf(':');
  if (colon > 0) {
    const service = ctx.word.slice(0, colon);
    const known = lookupService(service);
    if (!known) return { items: [], incomplete: true };
    const items = actionsOf(known.prefix).map((a): CompletionEntry => ({
      label: a.fullName,
      kind: 'action',
      detail: `${a.accessLevel} — ${known.name}`,
      documentation: a.description,
      insertText: quoteFor(ctx, syntax, a.fullName),
      sortText: `0${a.fullName}`,
      filterText: ctx.quoted ? a.fullName : quoteFor(ctx, syntax, a.fullName),
    }));
    items.unshift({ label: `${known.prefix}:*`, kind: 'action', detail: `every ${known.name} action`, insertText: quoteFor(ctx, syntax, `${known.prefix}:*`), sortText: '1' });
    return { items, incomplete: false };
  }
  const kms = actionsOf('kms').map((a): CompletionEntry => ({
    label: a.fullName,
    kind: 'action',
    detail: `${a.accessLevel} — AWS Key Management Service`,
    documentation: a.description,
    insertText: quoteFor(ctx, syntax, a.fullName),
    sortText: `0${a.fullName}`,
  }));
  const services = listServices().map((s): CompletionEntry => ({
    label: `${s.prefix}:`,
    kind: 'service',
    detail: s.name,
    documentation: `Actions of ${s.name}: type on after the colon.`,
    insertText: ctx.quoted ? `${s.prefix}:` : quoteFor(ctx, syntax, `${s.prefix}:`).slice(0, -1),
    sortText: `2${s.prefix}`,
  }));
  return { items: [...kms, ...services], incomplete: true };
}

function operatorItems(ctx: CursorContext, syntax: Syntax): CompletionEntry[] {
  const items: CompletionEntry[] = [];
  const add = (name: string, sort: string, detail: string) => items.push({ label: name, kind: 'operator', detail, insertText: quoteFor(ctx, syntax, name), sortText: sort });
  OPERATORS.forEach((o, i) => add(o, `0${String(i).padStart(2, '0')}`, 'condition operator'));
  for (const o of OPERATORS.filter((x) => x !== 'Null')) add(`${o}IfExists`, `1${o}`, 'true also when the key is absent: never restricts the caller');
  for (const prefix of SET_PREFIXES) for (const o of ['StringEquals', 'StringLike', 'ArnLike', 'StringNotEquals']) add(`${prefix}${o}`, `2${prefix}${o}`, prefix === 'ForAnyValue:' ? 'some value of a multivalued key' : 'every value of a multivalued key (true when absent)');
  return items;
}

function conditionKeyItems(ctx: CursorContext, syntax: Syntax): CompletionEntry[] {
  const colon = ctx.word.indexOf(':');
  const service = colon > 0 ? ctx.word.slice(0, colon).toLowerCase() : undefined;
  const sources = service && service !== 'aws' && service !== 'kms' ? [service, 'aws'] : ['kms', 'aws'];
  const seen = new Set<string>();
  const items: CompletionEntry[] = [];
  for (const source of sources) {
    for (const key of conditionKeysOf(source)) {
      const name = key.key.replace(/\$\{[^}]*\}/g, '');
      if (seen.has(lower(name))) continue;
      seen.add(lower(name));
      const caller = CALLER_KEYS.has(lower(name));
      items.push({
        label: name,
        kind: 'conditionKey',
        detail: `${key.type}${caller ? ' — pins the caller' : ''}`,
        documentation: key.description,
        insertText: quoteFor(ctx, syntax, name),
        sortText: `${caller ? '0' : source === 'kms' ? '1' : '2'}${name}`,
      });
    }
  }
  return items;
}

function simple(ctx: CursorContext, syntax: Syntax, kind: CompletionKind, values: [string, string][]): CompletionEntry[] {
  return values.map(([label, documentation], i) => ({ label, kind, documentation, insertText: quoteFor(ctx, syntax, label), sortText: String(i).padStart(2, '0') }));
}

const STATEMENT_SNIPPETS: Record<Syntax, string> = {
  json: '{\n\t"Sid": "${1:Statement}",\n\t"Effect": "${2|Allow,Deny|}",\n\t"Principal": { "AWS": "${3:arn:aws:iam::111122223333:root}" },\n\t"Action": ["${4:kms:Decrypt}"],\n\t"Resource": "*"\n}',
  yaml: '- Sid: ${1:Statement}\n  Effect: ${2|Allow,Deny|}\n  Principal:\n    AWS: ${3:arn:aws:iam::111122223333:root}\n  Action:\n    - ${4:kms:Decrypt}\n  Resource: "*"',
  hcl: '{\n  Sid       = "${1:Statement}"\n  Effect    = "${2|Allow,Deny|}"\n  Principal = { AWS = "${3:arn:aws:iam::111122223333:root}" }\n  Action    = ["${4:kms:Decrypt}"]\n  Resource  = "*"\n}',
};

const KEY_POLICY_SNIPPETS: Record<Syntax, string> = {
  json: [
    '{',
    '\t"Version": "2012-10-17",',
    '\t"Statement": [',
    '\t\t{ "Sid": "EnableIAMUserPermissions", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${1:111122223333}:root" }, "Action": "kms:*", "Resource": "*" },',
    '\t\t{ "Sid": "KeyAdministrators", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${1}:role/${2:KeyAdmin}" }, "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*" },',
    '\t\t{ "Sid": "KeyUsers", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${1}:role/${3:App}" }, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*", "Condition": { "StringEquals": { "kms:CallerAccount": "${1}" } } }',
    '\t]',
    '}',
  ].join('\n'),
  yaml: [
    'Version: "2012-10-17"',
    'Statement:',
    '  - Sid: EnableIAMUserPermissions',
    '    Effect: Allow',
    '    Principal:',
    '      AWS: !Sub arn:\\${AWS::Partition}:iam::\\${AWS::AccountId}:root',
    '    Action: kms:*',
    '    Resource: "*"',
    '  - Sid: KeyAdministrators',
    '    Effect: Allow',
    '    Principal:',
    '      AWS: !Sub arn:\\${AWS::Partition}:iam::\\${AWS::AccountId}:role/${1:KeyAdmin}',
    '    Action: [kms:Create*, kms:Describe*, kms:Enable*, kms:List*, kms:Put*, kms:Update*, kms:Revoke*, kms:Disable*, kms:Get*, kms:Delete*, kms:TagResource, kms:UntagResource, kms:ScheduleKeyDeletion, kms:CancelKeyDeletion]',
    '    Resource: "*"',
    '  - Sid: KeyUsers',
    '    Effect: Allow',
    '    Principal:',
    '      AWS: !Sub arn:\\${AWS::Partition}:iam::\\${AWS::AccountId}:role/${2:App}',
    '    Action: [kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*, kms:DescribeKey]',
    '    Resource: "*"',
    '    Condition:',
    '      StringEquals:',
    '        kms:CallerAccount: !Ref AWS::AccountId',
  ].join('\n'),
  hcl: [
    'jsonencode({',
    '  Version = "2012-10-17"',
    '  Statement = [',
    '    {',
    '      Sid       = "EnableIAMUserPermissions"',
    '      Effect    = "Allow"',
    '      Principal = { AWS = "arn:aws:iam::\\${data.aws_caller_identity.current.account_id}:root" }',
    '      Action    = "kms:*"',
    '      Resource  = "*"',
    '    },',
    '    {',
    '      Sid       = "KeyUsers"',
    '      Effect    = "Allow"',
    '      Principal = { AWS = "${1:arn:aws:iam::111122223333:role/App}" }',
    '      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]',
    '      Resource  = "*"',
    '      Condition = { StringEquals = { "kms:CallerAccount" = "\\${data.aws_caller_identity.current.account_id}" } }',
    '    },',
    '  ]',
    '})',
  ].join('\n'),
};

function snippetItems(syntax: Syntax, statement: boolean, keyPolicy: boolean): CompletionEntry[] {
  const items: CompletionEntry[] = [];
  if (statement) items.push({ label: 'statement', kind: 'snippet', detail: 'A new policy statement', insertText: STATEMENT_SNIPPETS[syntax], snippet: true, sortText: '9statement' });
  if (keyPolicy) {
    items.push({
      label: 'key policy (safe skeleton)',
      kind: 'snippet',
      detail: 'Root, key administrators, key users with a caller-account Condition',
      documentation: 'The default key policy shape: the own account root (IAM policies decide), an administrators statement without usage actions, and a users statement pinned to the own account.',
      insertText: KEY_POLICY_SNIPPETS[syntax],
      snippet: true,
      sortText: '9keypolicy',
    });
  }
  return items;
}

function syntaxOf(text: string, options: ReadOptions): Syntax {
  const kind = sourceKind(text, options);
  return kind === 'yaml' ? 'yaml' : kind === 'terraform' ? 'hcl' : 'json';
}

/** Completion items at `offset`; undefined when the cursor is not somewhere a policy name goes. */
export function completeAt(text: string, offset: number, options: ReadOptions = {}): CompletionResult | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const syntax = syntaxOf(text, options);
  const ctx = cursorContext(text, offset, syntax);
  const place = placeOf(ctx.levels, syntax);
  const replace = { start: ctx.quoted ? ctx.wordStart : ctx.wordStart, end: offset };
  const result = (items: CompletionEntry[], isIncomplete = false): CompletionResult => ({ items, replace, isIncomplete });
  if (!catalogAvailable() && (place === 'action' || place === 'conditionKey')) return undefined;
  switch (place) {
    case 'action': {
      const { items, incomplete } = actionItems(ctx, syntax);
      return result(items, incomplete);
    }
    case 'operator':
      return result(operatorItems(ctx, syntax));
    case 'conditionKey':
      return result(conditionKeyItems(ctx, syntax));
    case 'effect':
      return result(simple(ctx, syntax, 'effect', [['Allow', 'Grants the actions.'], ['Deny', 'An explicit deny: wins over every Allow.']]));
    case 'principalType':
      return result(simple(ctx, syntax, 'principalType', PRINCIPAL_TYPES));
    case 'element':
      return result(simple(ctx, syntax, 'element', ELEMENTS.map((e) => [e, `The statement's ${e}.`])));
    case 'statementList':
      return result(snippetItems(syntax, !ctx.quoted, false));
    case 'document':
      return ctx.quoted ? undefined : result(snippetItems(syntax, false, true));
    default:
      return undefined;
  }
}
