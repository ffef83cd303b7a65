// Turns a policy object found in a tree into a model Policy, and key attributes into KeyFacts.
import type { EditValue, KeyFacts, KeyWriter, Loc, OwnAccountExpression, Policy, PolicyContextFacts, PolicySyntax, PolicyValue, PolicyWriter } from '../model/types';
import type { PolicyKind } from '../types';
import { kindFromStatements, readStatements, readValue, type ReadContext, type TreeStatementOf } from './policy-reader';
import { documentLoc, type TreeNode } from './tree';
import { TreePolicyWriter, type TreeEditor } from './tree-writer';

export interface PolicyFound extends PolicyContextFacts {
  /** undefined: decided by whether the statements name principals. */
  kind?: PolicyKind;
  label?: string;
}

class TreePolicy implements Policy {
  readonly kind: PolicyKind;
  readonly label?: string;
  readonly documentAccounts: readonly string[];
  readonly partition?: string;
  readonly ownAccountExpression?: OwnAccountExpression;
  readonly writer: PolicyWriter;
  private located: Loc | undefined;

  constructor(
    private readonly root: TreeNode,
    private readonly ctx: ReadContext,
    readonly statements: readonly TreeStatementOf[],
    readonly syntax: PolicySyntax,
    editor: TreeEditor,
    found: PolicyFound,
  ) {
    this.kind = found.kind ?? kindFromStatements(statements);
    this.label = found.label;
    this.documentAccounts = found.documentAccounts;
    this.partition = found.partition;
    if (found.ownAccountExpression) this.ownAccountExpression = found.ownAccountExpression;
    this.writer = new TreePolicyWriter(editor, (statement) => (statement as TreeStatementOf).node);
  }

  get loc(): Loc {
    this.located ??= documentLoc(this.ctx, this.root);
    return this.located;
  }
}

/**
 * How a syntax names the own account: `account` as written, `arnText` an ARN of it as text (what
 * titles show), `written` that text as the policy must hold it (`{"Fn::Sub": …}`, an HCL string).
 */
export function ownAccountExpression(
  account: EditValue,
  accountShown: string,
  arnText: (service: string, region: string, resource: string) => string,
  written: (arn: string) => EditValue = (arn) => arn,
): OwnAccountExpression {
  return {
    account,
    accountShown,
    arn: (service, region, resource) => {
      const arn = arnText(service, region, resource);
      return { value: written(arn), shown: arn };
    },
  };
}

export function buildPolicy(root: TreeNode, ctx: ReadContext, editor: TreeEditor, syntax: PolicySyntax, found: PolicyFound): Policy {
  return new TreePolicy(root, ctx, readStatements(root, ctx), syntax, editor, found);
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
