// Finds what a JSON document holds: policies (bare, in strings), key descriptions, CloudTrail events.
import { arnAccount, arnPartition } from '../iam/arns';
import type { KeyFacts, Loc, Policy, PolicyEvent, ScopedSuppression, SyntaxProblem } from '../model/types';
import type { PolicyKind } from '../types';
import { buildKey, buildPolicy, valueOf } from './build';
import { JsonEditor } from './json-editor';
import { parseStringLiteral, type JsonText } from './json-text';
import { looksLikePolicy } from './policy-reader';
import { syntaxProblemOf } from './syntax';
import { documentLoc, type TreeNode } from './tree';
import { property, propertyValue, stringValue } from './tree-access';

export interface Found {
  policies: Policy[];
  keys: KeyFacts[];
  events: PolicyEvent[];
  syntaxProblems: SyntaxProblem[];
  suppressions: ScopedSuppression[];
}

export function emptyFound(): Found {
  return { policies: [], keys: [], events: [], syntaxProblems: [], suppressions: [] };
}

const KEY_FIELDS = ['KeyId', 'KeyManager', 'KeyState', 'KeyRotationEnabled', 'Origin', 'KeySpec', 'KeyUsage'];
const POLICY_EVENTS = new Set(['CreateKey', 'PutKeyPolicy', 'ReplicateKey']);

export function readJsonDocument(doc: JsonText, found: Found = emptyFound()): Found {
  const root = doc.root;
  if (root?.type === 'array') for (const element of root.children ?? []) visitObject(doc, element, found);
  else if (root) visitObject(doc, root, found);
  return found;
}

function visitObject(doc: JsonText, node: TreeNode, found: Found): void {
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
    (c): c is TreeNode => c?.type === 'object',
  );
  const isKeyDescription =
    containers.some((c) => KEY_FIELDS.some((f) => property(c, f))) || (property(node, 'Arn') && /:kms:/.test(stringValue(propertyValue(node, 'Arn')) ?? ''));
  const policyValue = containers.map((c) => propertyValue(c, 'Policy')).find((p) => p !== undefined);
  if (isKeyDescription) {
    found.keys.push(keyDescription(doc, node, containers));
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

/**
 * A loc worked out when read: locating a node in plain JSON costs a walk of the text before it.
 * A class, not an object literal with getters: V8 keeps every such literal alive through young
 * collections, which made whole documents survive into the old generation.
 */
class LazyLoc implements Loc {
  private loc: Loc | undefined;
  constructor(
    private readonly doc: JsonText,
    private readonly node: TreeNode,
  ) {}
  get start(): number {
    this.loc ??= documentLoc(this.doc, this.node);
    return this.loc.start;
  }
  get end(): number {
    this.loc ??= documentLoc(this.doc, this.node);
    return this.loc.end;
  }
}

function lazyLoc(doc: JsonText, node: TreeNode): Loc {
  return new LazyLoc(doc, node);
}

/** The first container of a key description that has the attribute. */
function attribute(containers: readonly TreeNode[], name: string): TreeNode | undefined {
  for (const container of containers) {
    const prop = property(container, name);
    if (prop) return prop;
  }
  return undefined;
}

function keyDescription(doc: JsonText, node: TreeNode, containers: readonly TreeNode[]): KeyFacts {
  const value = (name: string) => valueOf(attribute(containers, name)?.children?.[1], doc);
  // AWS Config keeps the rotation status in its supplementary configuration.
  const rotationProp = attribute(containers, 'KeyRotationEnabled') ?? attribute(containers, 'KeyRotationStatus');
  const anchorProp = rotationProp ?? attribute(containers, 'KeyManager');
  const multiRegion = propertyValue(attribute(containers, 'MultiRegionConfiguration')?.children?.[1], 'MultiRegionKeyType');
  return buildKey({
    loc: lazyLoc(doc, node),
    anchor: lazyLoc(doc, anchorProp ?? node),
    source: 'description',
    manager: value('KeyManager'),
    origin: value('Origin'),
    spec: value('KeySpec') ?? value('CustomerMasterKeySpec'),
    usage: value('KeyUsage'),
    rotation: valueOf(rotationProp?.children?.[1], doc),
    state: value('KeyState'),
    deletionDate: value('DeletionDate'),
    replica: stringValue(multiRegion)?.toUpperCase() === 'REPLICA',
  });
}

function visitEvent(doc: JsonText, event: TreeNode, found: Found): void {
  const source = stringValue(propertyValue(event, 'eventSource'))?.toLowerCase();
  const nameNode = propertyValue(event, 'eventName');
  const name = stringValue(nameNode);
  if (source !== 'kms.amazonaws.com' || !nameNode || !name || !POLICY_EVENTS.has(name)) return;
  const account = stringValue(propertyValue(event, 'recipientAccountId'));
  const policy = propertyValue(propertyValue(event, 'requestParameters'), 'policy');
  const errorCode = stringValue(propertyValue(event, 'errorCode'));
  found.events.push({ eventName: name, loc: lazyLoc(doc, nameNode), errorCode: errorCode || undefined });
  if (policy) addPolicyValue(found, doc, policy, 'key-policy', account && /^\d{12}$/.test(account) ? [account] : []);
}

/** A policy given as an object, or as a string holding JSON (linted in place, through its escapes). */
function addPolicyValue(found: Found, doc: JsonText, value: TreeNode, kind: PolicyKind | undefined, accounts: string[], partition?: string): void {
  if (value.type === 'object') {
    if (looksLikePolicy(value)) addPolicy(found, doc, value, kind, accounts, partition);
    return;
  }
  if (value.type !== 'string' || !String(value.value).trim().startsWith('{')) return;
  const inner = parseStringLiteral(doc.text, value, 'plain', doc.toDocument);
  if (inner.errors.length > 0) {
    found.syntaxProblems.push(syntaxProblemOf(inner, inner.errors[0]));
    return;
  }
  if (looksLikePolicy(inner.root)) addPolicy(found, inner, inner.root, kind, accounts, partition);
}

function addPolicy(found: Found, json: JsonText, root: TreeNode, kind: PolicyKind | undefined, accounts: string[], partition?: string): void {
  found.policies.push(buildPolicy(root, json, new JsonEditor(json), 'json', { kind, documentAccounts: accounts, partition }));
}
