// Terraform `.tf` files: key policies and identity policies of the AWS provider's resources,
// `aws_iam_policy_document` data sources, and the keys' rotation. Trust policies, VPC endpoint
// policies and other services' resource policies are not linted.
import { HCL_EXPRESSION, type KeyFacts, type Loc, type OwnAccountExpression, type Policy, type SyntaxProblem } from '../../model/types';
import type { PolicyKind } from '../../types';
import { buildKey, buildPolicy, impliedValue, ownAccountExpression } from '../build';
import { emptyFound, type Found } from '../json-document';
import { JsonEditor } from '../json-editor';
import { looksLikePolicy, readValue, type ReadContext } from '../policy-reader';
import { registerReader } from '../registry';
import { syntaxProblemOf } from '../syntax';
import { documentRegion } from '../tree';
import type { OffsetEdit } from '../../model/types';
import { topLevelBlocks, type Attribute, type Block } from './blocks';
import { convert, DOCUMENT_REFERENCES, embeddedJson, policyDocumentReference, unwrap } from './expressions';
import { withHclTree } from './hcl';
import { HclBlockEditor, HclObjectEditor } from './hcl-editor';
import { readPolicyDocument } from './policy-document';

const KEY_POLICY_RESOURCES = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_key_policy', 'aws_kms_replica_external_key', 'aws_kms_external_key']);
const IDENTITY_POLICY_RESOURCES = new Set(['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy']);

const loc = (start: number, end: number): Loc => ({ start, end });

/** What a policy document's `.json` feeds: a key or identity policy, or something these rules do not lint. */
type DocumentUse = PolicyKind | 'not-linted';

function addUse(reading: Reading, name: string, use: DocumentUse): boolean {
  const uses = reading.documentUses.get(name) ?? new Set<DocumentUse>();
  reading.documentUses.set(name, uses);
  if (uses.has(use)) return false;
  uses.add(use);
  return true;
}

/**
 * Documents referenced from `start` to `end` feed a policy these rules do not lint: a trust policy,
 * a VPC endpoint policy, another service's resource policy (S3, SNS, SQS, …), an SCP.
 */
function noteNotLinted(reading: Reading, start: number, end: number): void {
  for (const match of reading.text.slice(start, end).matchAll(DOCUMENT_REFERENCES)) addUse(reading, match[1], 'not-linted');
}

/**
 * Resource types whose policies may be identity policies these rules read or could read
 * (IAM, KMS, IAM Identity Center permission sets): a document they reference is not taken for
 * another service's policy (trust policies aside).
 */
const IDENTITY_OR_KEY_TYPES = /^aws_(iam|kms|ssoadmin)_/;

interface Reading {
  text: string;
  found: Found;
  ctx: ReadContext;
  objectEditor: HclObjectEditor;
  /** How each `aws_iam_policy_document` is used: the kind of policy its `.json` feeds. */
  documentUses: Map<string, Set<DocumentUse>>;
  /** The own account as a fix writes it, when the file declares `data "aws_caller_identity"`. */
  ownAccount?: { inHcl: OwnAccountExpression; inString: OwnAccountExpression };
}

/**
 * The own account from `data.aws_caller_identity.NAME.account_id` (the own account by definition):
 * an expression in HCL objects and policy documents, an interpolation in JSON written as an HCL
 * string (a heredoc or a quoted string is a template).
 */
function ownAccountOf(accountId: string): Reading['ownAccount'] {
  const arnText = (service: string, region: string, resource: string) => `arn:aws:${service}:${region}:\${${accountId}}:${resource}`;
  return {
    inHcl: ownAccountExpression({ [HCL_EXPRESSION]: accountId }, accountId, arnText, (arn) => ({ [HCL_EXPRESSION]: JSON.stringify(arn) })),
    inString: ownAccountExpression(`\${${accountId}}`, accountId, arnText),
  };
}

function readPolicyAttribute(reading: Reading, attribute: Attribute, kind: PolicyKind, label: string, depth = 0): void {
  // `policy = var.open ? jsonencode({...}) : jsonencode({...})`: both branches may be deployed.
  const expr = unwrap(attribute.expression);
  if (expr?.type === 'conditional' && depth < 8) {
    for (const branch of expr.namedChildren.slice(1, 3)) {
      if (branch) readPolicyAttribute(reading, { ...attribute, expression: branch, value: convert(branch, reading.text) }, kind, label, depth + 1);
    }
    return;
  }
  const reference = policyDocumentReference(attribute.expression);
  if (reference) {
    addUse(reading, reference, kind);
    return;
  }
  const facts = { kind, label, documentAccounts: [] };
  const own = reading.ownAccount;
  const value = attribute.value;
  if (value.type === 'object') {
    if (looksLikePolicy(value)) reading.found.policies.push(buildPolicy(value, reading.ctx, reading.objectEditor, 'hcl', { ...facts, ...(own ? { ownAccountExpression: own.inHcl } : {}) }));
    return;
  }
  const inner = embeddedJson(attribute.expression, reading.text);
  if (!inner || !inner.text.trim().startsWith('{')) return;
  if (inner.errors.length > 0) {
    // A template may write JSON we cannot see whole; only plain JSON that does not parse is broken.
    if (!/[$%]\{/.test(inner.text)) reading.found.syntaxProblems.push(syntaxProblemOf(inner, inner.errors[0]));
    return;
  }
  if (looksLikePolicy(inner.root)) reading.found.policies.push(buildPolicy(inner.root, inner, new JsonEditor(inner), 'json', { ...facts, ...(own ? { ownAccountExpression: own.inString } : {}) }));
}

/** Rotation on: `enable_key_rotation = true` in the key's resource block. */
function rotationWriter(text: string, block: Block) {
  return {
    enableRotation(): readonly OffsetEdit[] | undefined {
      const editor = new HclBlockEditor(text);
      const existing = block.attributes.get('enable_key_rotation');
      const edits = existing ? editor.replaceAttribute(existing, 'true') : editor.addAttribute(block, 'enable_key_rotation', 'true');
      if (!edits || !editor.verify(edits)) return undefined;
      return edits;
    },
  };
}

function keyFacts(reading: Reading, block: Block, type: string): KeyFacts {
  const value = (name: string) => {
    const attribute = block.attributes.get(name);
    return attribute ? readValue(attribute.value, reading.ctx) : undefined;
  };
  const anchor = loc(block.labels.length > 0 ? block.typeStart : block.start, block.bodyStart);
  const customStore = block.attributes.has('custom_key_store_id') || block.attributes.has('xks_key_id');
  return buildKey({
    loc: loc(block.start, block.end),
    anchor,
    source: 'terraform',
    manager: impliedValue('CUSTOMER', anchor),
    spec: value('customer_master_key_spec') ?? value('key_spec'),
    usage: value('key_usage'),
    rotation: value('enable_key_rotation'),
    replica: type === 'aws_kms_replica_key' || type === 'aws_kms_replica_external_key',
    // Imported key material, a CloudHSM or an external key store: KMS cannot rotate it.
    external: customStore || type === 'aws_kms_external_key' || type === 'aws_kms_replica_external_key',
    writer: type === 'aws_kms_key' && !customStore ? rotationWriter(reading.text, block) : undefined,
  });
}

function readResource(reading: Reading, block: Block): void {
  const [type, name] = block.labels;
  if (!type) return;
  const label = `${type}.${name ?? '?'}`;
  if (KEY_POLICY_RESOURCES.has(type)) {
    const policy = block.attributes.get('policy');
    if (policy) readPolicyAttribute(reading, policy, 'key-policy', `${label} policy`);
    if (type !== 'aws_kms_key_policy') reading.found.keys.push(keyFacts(reading, block, type));
  } else if (IDENTITY_POLICY_RESOURCES.has(type)) {
    const policy = block.attributes.get('policy');
    if (policy) readPolicyAttribute(reading, policy, 'identity-policy', `${label} policy`);
  } else if (type === 'aws_iam_role') {
    for (const inline of block.blocks.filter((b) => b.type === 'inline_policy')) {
      const policy = inline.attributes.get('policy');
      if (policy) readPolicyAttribute(reading, policy, 'identity-policy', `${label} inline_policy`);
    }
    const trust = block.attributes.get('assume_role_policy');
    if (trust) noteNotLinted(reading, trust.valueStart, trust.valueEnd);
  } else if (!IDENTITY_OR_KEY_TYPES.test(type)) {
    noteNotLinted(reading, block.start, block.end);
  }
}

/** Source and override documents merged into a policy document count as used the same way. */
function propagateUses(reading: Reading, documents: Map<string, Block>): void {
  let changed = true;
  for (let round = 0; changed && round < 10; round++) {
    changed = false;
    for (const [name, block] of documents) {
      const uses = reading.documentUses.get(name);
      if (!uses) continue;
      for (const attr of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
        const attribute = block.attributes.get(attr);
        if (!attribute) continue;
        for (const match of attribute.expression.text.matchAll(DOCUMENT_REFERENCES)) {
          for (const use of uses) if (addUse(reading, match[1], use)) changed = true;
        }
      }
    }
  }
}

/** Every block this reader reads names one of these: a file without them is not parsed at all. */
const CANDIDATE = /aws_kms_|aws_iam_/;

export function readTerraform(text: string): Found {
  const found = emptyFound();
  if (!CANDIDATE.test(text)) return found;
  const ctx: ReadContext = { ...documentRegion(text), template: 'none' };
  const reading: Reading = { text, found, ctx, objectEditor: new HclObjectEditor(text), documentUses: new Map() };
  const read = withHclTree(text, (root) => {
    const blocks = topLevelBlocks(root, text);
    const identity = blocks.find((b) => b.type === 'data' && b.labels[0] === 'aws_caller_identity' && b.labels[1] && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(b.labels[1]));
    if (identity) reading.ownAccount = ownAccountOf(`data.aws_caller_identity.${identity.labels[1]}.account_id`);
    const documents = new Map<string, Block>();
    for (const block of blocks) {
      if (block.type === 'resource') readResource(reading, block);
      else if (block.type === 'data' && block.labels[0] === 'aws_iam_policy_document' && block.labels[1]) documents.set(block.labels[1], block);
    }
    propagateUses(reading, documents);
    for (const [name, block] of documents) {
      // A document used both ways (rare) is judged as the stricter kind: a key policy. One that
      // feeds only policies these rules do not lint (a role's trust policy, an endpoint or bucket
      // policy) is skipped; one not used in this file is judged by its principals.
      const uses = reading.documentUses.get(name);
      const kind: PolicyKind | undefined = uses?.has('key-policy') ? 'key-policy' : uses?.has('identity-policy') ? 'identity-policy' : undefined;
      if (!kind && uses?.has('not-linted')) continue;
      const policy: Policy = readPolicyDocument(block, text, kind, `data.aws_iam_policy_document.${name}`, reading.ownAccount?.inHcl);
      if (policy.statements.length > 0) found.policies.push(policy);
    }
    return root.hasError ? firstError(root) : undefined;
  });
  if (read) found.syntaxProblems.push(read);
  return found;
}

/** A Terraform file that does not parse where it holds a policy gets one problem at its first error. */
function firstError(root: import('./hcl').SyntaxNode): SyntaxProblem | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) return { loc: loc(node.startIndex, Math.max(node.endIndex, node.startIndex + 1)), message: `Invalid HCL (${node.isMissing ? `missing ${node.type}` : 'unexpected text'}): the policies around it cannot all be checked until it parses.` };
    if (!node.hasError) continue;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
  return undefined;
}

registerReader('terraform', (text) => {
  const found = readTerraform(text);
  // A broken .tf file that holds no policy is Terraform's business, not ours.
  if (found.policies.length === 0 && found.keys.length === 0) found.syntaxProblems.length = 0;
  return { format: 'terraform', found };
});

export { unwrap };
