// CloudFormation templates, JSON or YAML (both read into TreeNodes, tags as `Fn::` objects): key
// policies of AWS::KMS::Key / ReplicaKey, identity policies of AWS::IAM::*, and the keys' rotation.
// Trust policies, VPC endpoint policies and other services' resource policies are not linted.
import type { OwnAccountExpression, PolicySyntax } from '../model/types';
import type { PolicyKind } from '../types';
import { buildKey, buildPolicy, impliedValue, ownAccountExpression, valueOf } from './build';
import type { JsonText } from './json-text';
import type { Found } from './json-document';
import { JsonEditor } from './json-editor';
import { looksLikePolicy, type ReadContext } from './policy-reader';
import { syntaxProblemOf } from './syntax';
import type { TemplateMode } from './template';
import { documentLoc, type TreeNode } from './tree';
import { intrinsic, lastProperties, property, propertyName, propertyValue, stringValue } from './tree-access';
import { ReadOnlyEditor, TreeKeyWriter, type TreeEditor } from './tree-writer';

export interface CloudFormationSyntax {
  /** How the template's own tree is read (the document as its region). */
  readonly context: ReadContext;
  readonly editor: TreeEditor;
  readonly syntax: PolicySyntax;
  /** A string holding a JSON policy, as a region of its own (escapes, block scalar indentation). */
  embedded(node: TreeNode, template: TemplateMode): (JsonText & { readonly readOnly?: boolean }) | undefined;
}

/** A template: `AWSTemplateFormatVersion`, or `Resources` with `Type: AWS::…` entries. */
export function isCloudFormation(root: TreeNode | undefined): root is TreeNode {
  if (root?.type !== 'object') return false;
  if (property(root, 'AWSTemplateFormatVersion')) return true;
  const resources = propertyValue(root, 'Resources');
  if (resources?.type !== 'object') return false;
  return lastProperties(resources).some((r) => /^(AWS|Custom|Alexa)::/.test(stringValue(propertyValue(r.children?.[1], 'Type')) ?? ''));
}

const IDENTITY_DOCUMENT_TYPES = new Set(['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy']);
const INLINE_POLICY_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);

export function readCloudFormation(root: TreeNode, cfn: CloudFormationSyntax, found: Found): void {
  const resources = propertyValue(root, 'Resources');
  for (const resourceProp of lastProperties(resources)) {
    const name = propertyName(resourceProp);
    const resource = resourceProp.children?.[1];
    const type = stringValue(propertyValue(resource, 'Type'));
    if (!resource || !type) continue;
    const props = propertyValue(resource, 'Properties');
    readMetadataSuppressions(cfn, resource, found);
    if (type === 'AWS::KMS::Key' || type === 'AWS::KMS::ReplicaKey') {
      const policy = propertyValue(props, 'KeyPolicy');
      if (policy) addPolicy(found, cfn, policy, 'key-policy', `${type} "${name}" KeyPolicy`);
      found.keys.push(keyFacts(cfn, resourceProp, resource, props, type === 'AWS::KMS::ReplicaKey'));
    } else if (IDENTITY_DOCUMENT_TYPES.has(type)) {
      const policy = propertyValue(props, 'PolicyDocument');
      if (policy) addPolicy(found, cfn, policy, 'identity-policy', `${type} "${name}" PolicyDocument`);
    } else if (INLINE_POLICY_TYPES.has(type)) {
      const policies = propertyValue(props, 'Policies');
      for (const [i, entry] of (policies?.type === 'array' ? (policies.children ?? []) : []).entries()) {
        const policy = propertyValue(entry, 'PolicyDocument');
        const policyName = stringValue(propertyValue(entry, 'PolicyName'));
        if (policy) addPolicy(found, cfn, policy, 'identity-policy', `${type} "${name}" Policies[${policyName ? `"${policyName}"` : i}]`);
      }
    }
  }
}

/**
 * Findings a resource accepts on purpose, as cfn-lint and cfn_nag read their Metadata:
 * `Metadata: { kms-policy-lint: { suppress: [ { rule: <id>, reason: <why> } ] } }` (a rule of `*`, or
 * a bare id string, also work).
 */
function readMetadataSuppressions(cfn: CloudFormationSyntax, resource: TreeNode, found: Found): void {
  const ours = propertyValue(propertyValue(resource, 'Metadata'), 'kms-policy-lint');
  const list = propertyValue(ours, 'suppress');
  if (!list) return;
  for (const entry of list.type === 'array' ? (list.children ?? []) : [list]) {
    const rule = entry.type === 'string' ? stringValue(entry) : stringValue(propertyValue(entry, 'rule'));
    if (!rule) continue;
    const reason = entry.type === 'object' ? stringValue(propertyValue(entry, 'reason')) : undefined;
    found.suppressions.push({
      loc: documentLoc(cfn.context, resource),
      anchor: documentLoc(cfn.context, entry),
      rules: rule === '*' ? undefined : [rule],
      ...(reason ? { reason } : {}),
    });
  }
}

/**
 * CloudFormation names the own account whatever it is: `AWS::AccountId`, as an intrinsic function
 * in a policy object, as `${AWS::AccountId}` in a `Fn::Sub` string.
 */
const ownArn = (service: string, region: string, resource: string): string => `arn:\${AWS::Partition}:${service}:${region}:\${AWS::AccountId}:${resource}`;
const OWN_ACCOUNT_IN_OBJECT = ownAccountExpression({ Ref: 'AWS::AccountId' }, '${AWS::AccountId}', ownArn, (arn) => ({ 'Fn::Sub': arn }));
const OWN_ACCOUNT_IN_SUB = ownAccountExpression('${AWS::AccountId}', '${AWS::AccountId}', ownArn);

interface CloudFormationFacts {
  kind: PolicyKind;
  label: string;
  documentAccounts: string[];
  ownAccountExpression?: OwnAccountExpression;
}

function addPolicy(found: Found, cfn: CloudFormationSyntax, value: TreeNode, kind: PolicyKind, label: string): void {
  const facts: CloudFormationFacts = { kind, label, documentAccounts: [] };
  if (value.type === 'object') {
    const fn = intrinsic(value);
    if (!fn) {
      if (looksLikePolicy(value)) found.policies.push(buildPolicy(value, cfn.context, cfn.editor, cfn.syntax, { ...facts, ownAccountExpression: OWN_ACCOUNT_IN_OBJECT }));
      return;
    }
    // `!If [condition, policy, otherPolicy]`: both branches are policies the stack may deploy.
    if (fn.name === 'Fn::If' && fn.argument?.type === 'array') {
      for (const branch of (fn.argument.children ?? []).slice(1, 3)) addPolicy(found, cfn, branch, kind, label);
      return;
    }
    // A policy written as a JSON string inside `Fn::Sub`.
    if (fn.name !== 'Fn::Sub') return;
    const template = fn.argument?.type === 'array' ? fn.argument.children?.[0] : fn.argument;
    if (template?.type === 'string') addEmbedded(found, cfn, template, 'cfn-sub', { ...facts, ownAccountExpression: OWN_ACCOUNT_IN_SUB });
    return;
  }
  if (value.type === 'string') addEmbedded(found, cfn, value, 'plain', facts);
}

function addEmbedded(found: Found, cfn: CloudFormationSyntax, node: TreeNode, mode: TemplateMode, facts: CloudFormationFacts): void {
  if (!String(node.value).trim().startsWith('{')) return;
  const inner = cfn.embedded(node, mode);
  if (!inner) return;
  if (inner.errors.length > 0) {
    found.syntaxProblems.push(syntaxProblemOf(inner, inner.errors[0]));
    return;
  }
  // A string whose characters cannot be mapped back exactly is read, but never edited.
  if (looksLikePolicy(inner.root)) found.policies.push(buildPolicy(inner.root, inner, inner.readOnly ? new ReadOnlyEditor(inner) : new JsonEditor(inner), 'json', facts));
}

function keyFacts(cfn: CloudFormationSyntax, resourceProp: TreeNode, resource: TreeNode, props: TreeNode | undefined, replica: boolean) {
  const ctx = cfn.context;
  const value = (name: string) => valueOf(propertyValue(props, name), ctx);
  const anchor = documentLoc(ctx, resourceProp.children?.[0] ?? resourceProp);
  return buildKey({
    loc: documentLoc(ctx, resource),
    anchor,
    source: 'cloudformation',
    manager: impliedValue('CUSTOMER', anchor),
    origin: value('Origin'),
    spec: value('KeySpec'),
    usage: value('KeyUsage'),
    rotation: value('EnableKeyRotation'),
    replica,
    writer: replica ? undefined : new TreeKeyWriter(cfn.editor, resource),
  });
}

/** CloudFormation JSON: the document's own tree, strings as JSON string literals. */
export function jsonCloudFormation(doc: JsonText, embedded: CloudFormationSyntax['embedded']): CloudFormationSyntax {
  return { context: doc, editor: new JsonEditor(doc), syntax: 'json', embedded };
}
