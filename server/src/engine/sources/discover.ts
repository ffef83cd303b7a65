// Finds what a JSON document holds: policies (bare, in strings), key descriptions, CloudTrail events.
import type { Node, ParseError } from 'jsonc-parser';
import { property, propertyValue, stringValue } from '../json';
import { kindFromPrincipals, looksLikePolicy, readStatements, type PolicySite } from '../policy';
import { arnAccount, arnPartition } from '../iam/arns';
import { parseStringLiteral, type JsonText } from './json-text';
import type { PolicyKind } from '../types';

/** A key's attributes as a key description shows them (Panther/AWS Config resource, `describe-key` output). */
export interface KeyDescription {
  /** The objects that may carry the attributes, most specific first. */
  containers: Node[];
  node: Node;
}

export interface KeyPolicyEvent {
  eventName: string;
  /** The `eventName` property, where the note goes. */
  eventNameNode: Node;
}

export interface SyntaxProblem {
  json: JsonText;
  error: ParseError;
}

export interface Discovered {
  policies: PolicySite[];
  keys: KeyDescription[];
  policyChanges: KeyPolicyEvent[];
  syntaxProblems: SyntaxProblem[];
}

const KEY_FIELDS = ['KeyId', 'KeyManager', 'KeyState', 'KeyRotationEnabled', 'Origin', 'KeySpec', 'KeyUsage'];

export function discover(doc: JsonText): Discovered {
  const found: Discovered = { policies: [], keys: [], policyChanges: [], syntaxProblems: [] };
  const root = doc.root;
  if (root?.type === 'array') for (const element of root.children ?? []) visitObject(doc, element, found);
  else if (root) visitObject(doc, root, found);
  return found;
}

function visitObject(doc: JsonText, node: Node, found: Discovered): void {
  if (node.type !== 'object') return;
  const records = propertyValue(node, 'Records');
  if (records?.type === 'array') {
    for (const record of records.children ?? []) visitObject(doc, record, found);
    return;
  }
  if (property(node, 'eventSource') && property(node, 'eventName')) {
    visitEvent(doc, node, found);
    return;
  }
  if (looksLikePolicy(node)) {
    addPolicy(found, doc, node, undefined, []);
    return;
  }
  // `aws iam get-role-policy` / `get-policy-version` output: the kind follows from the statements.
  const policyDocument = propertyValue(node, 'PolicyDocument') ?? propertyValue(propertyValue(node, 'PolicyVersion'), 'Document');
  if (policyDocument) {
    addPolicyValue(found, doc, policyDocument, undefined, []);
    return;
  }
  const containers = [propertyValue(node, 'KeyMetadata'), propertyValue(node, 'configuration'), node, propertyValue(node, 'supplementaryConfiguration')].filter(
    (c): c is Node => c?.type === 'object',
  );
  const isKeyDescription = containers.some((c) => KEY_FIELDS.some((f) => property(c, f))) || (property(node, 'Arn') && /:kms:/.test(stringValue(propertyValue(node, 'Arn')) ?? ''));
  const policyValue = containers.map((c) => propertyValue(c, 'Policy')).find((p) => p !== undefined);
  if (isKeyDescription) {
    found.keys.push({ containers, node });
    const accounts: string[] = [];
    let partition: string | undefined;
    for (const c of containers) {
      const arn = stringValue(propertyValue(c, 'Arn'));
      const fromArn = arn ? arnAccount(arn) : undefined;
      if (fromArn) accounts.push(fromArn);
      partition ??= arn ? arnPartition(arn) : undefined;
      for (const field of ['AWSAccountId', 'AccountId']) {
        const id = stringValue(propertyValue(c, field));
        if (id && /^\d{12}$/.test(id)) accounts.push(id);
      }
    }
    if (policyValue) addPolicyValue(found, doc, policyValue, 'key-policy', [...new Set(accounts)], partition);
    return;
  }
  // `aws kms get-key-policy` output: {"Policy": "<json>"} (and PolicyName).
  if (policyValue) addPolicyValue(found, doc, policyValue, 'key-policy', []);
}

function visitEvent(doc: JsonText, event: Node, found: Discovered): void {
  const source = stringValue(propertyValue(event, 'eventSource'))?.toLowerCase();
  const nameNode = propertyValue(event, 'eventName');
  const name = stringValue(nameNode);
  if (source !== 'kms.amazonaws.com' || !nameNode || (name !== 'CreateKey' && name !== 'PutKeyPolicy')) return;
  const account = stringValue(propertyValue(event, 'recipientAccountId'));
  const policy = propertyValue(propertyValue(event, 'requestParameters'), 'policy');
  if (name === 'PutKeyPolicy') found.policyChanges.push({ eventName: name, eventNameNode: nameNode });
  if (policy) addPolicyValue(found, doc, policy, 'key-policy', account && /^\d{12}$/.test(account) ? [account] : []);
}

/** A policy given as an object, or as a string holding JSON (linted in place, through its escapes). */
function addPolicyValue(found: Discovered, doc: JsonText, value: Node, kind: PolicyKind | undefined, accounts: string[], partition?: string): void {
  if (value.type === 'object') {
    if (looksLikePolicy(value)) addPolicy(found, doc, value, kind, accounts, partition);
    return;
  }
  if (value.type !== 'string' || !(value.value as string).trim().startsWith('{')) return;
  const inner = parseStringLiteral(doc.text, value);
  if (inner.errors.length > 0) {
    found.syntaxProblems.push({ json: inner, error: inner.errors[0] });
    return;
  }
  if (looksLikePolicy(inner.root)) addPolicy(found, inner, inner.root, kind, accounts, partition);
}

function addPolicy(found: Discovered, json: JsonText, root: Node, kind: PolicyKind | undefined, accounts: string[], partition?: string): void {
  const statements = readStatements(root);
  found.policies.push({ kind: kind ?? kindFromPrincipals(statements), json, root, statements, documentAccounts: accounts, partition });
}

/** The first container of a key description that has the attribute. */
export function keyAttribute(key: KeyDescription, name: string) {
  for (const container of key.containers) {
    const prop = property(container, name);
    if (prop) return prop;
  }
  return undefined;
}

export const keyAttributeText = (key: KeyDescription, name: string) => stringValue(keyAttribute(key, name)?.children?.[1])?.toUpperCase();

export function isRecognized(found: Discovered): boolean {
  return found.policies.length > 0 || found.keys.length > 0 || found.policyChanges.length > 0 || found.syntaxProblems.length > 0;
}

