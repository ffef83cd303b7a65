// Turns a policy object found in a tree into a model Policy, and key attributes into KeyFacts.
import type { KeyFacts, KeyWriter, Loc, Policy, PolicyContextFacts, PolicySyntax, PolicyValue, Statement } from '../model/types';
import type { PolicyKind } from '../types';
import { kindFromStatements, readStatements, readValue, type ReadContext, type TreeStatementOf } from './policy-reader';
import { documentLoc, type TreeNode } from './tree';
import { TreePolicyWriter, type TreeEditor } from './tree-writer';

export interface PolicyFound extends PolicyContextFacts {
  /** undefined: decided by whether the statements name principals. */
  kind?: PolicyKind;
  label?: string;
}

export function buildPolicy(root: TreeNode, ctx: ReadContext, editor: TreeEditor, syntax: PolicySyntax, found: PolicyFound): Policy {
  const statements: TreeStatementOf[] = readStatements(root, ctx);
  const nodes = new Map<Statement, TreeNode>(statements.map((s) => [s, s.node]));
  let loc: Loc | undefined;
  return {
    kind: found.kind ?? kindFromStatements(statements),
    statements,
    get loc() {
      loc ??= documentLoc(ctx, root);
      return loc;
    },
    syntax,
    label: found.label,
    documentAccounts: found.documentAccounts,
    partition: found.partition,
    writer: new TreePolicyWriter(editor, (statement) => nodes.get(statement)),
  };
}

export function valueOf(node: TreeNode | undefined, ctx: ReadContext): PolicyValue | undefined {
  return node ? readValue(node, ctx) : undefined;
}

/** A literal value the document does not hold (a CloudFormation key is the customer's by its type). */
export function impliedValue(text: string, loc: Loc): PolicyValue {
  return { text, type: 'string', loc };
}

export interface KeyFound {
  loc: Loc;
  anchor: Loc;
  source: KeyFacts['source'];
  manager?: PolicyValue;
  origin?: PolicyValue;
  spec?: PolicyValue;
  usage?: PolicyValue;
  rotation?: PolicyValue;
  state?: PolicyValue;
  deletionDate?: PolicyValue;
  replica?: boolean;
  external?: boolean;
  writer?: KeyWriter;
}

export function buildKey(found: KeyFound): KeyFacts {
  return { ...found, replica: found.replica ?? false, external: found.external ?? false };
}
