// The policy model every source builds and every rule reads. It knows no syntax: JSON, a JSON
// string, CloudFormation YAML and Terraform HCL all become these shapes, with each element's place
// in the original text, so findings, fixes, hover and the access summary work the same everywhere.
import type { PolicyKind, TextEdit } from '../types';

/** A span of the original document, in UTF-16 offsets: [start, end). */
export interface Loc {
  readonly start: number;
  readonly end: number;
}

/**
 * Something the linter cannot see: a CloudFormation parameter or attribute (`AWS::AccountId`,
 * `MyParam`, `Key.Arn`), a Terraform expression (`var.x`, `data.aws_caller_identity.current.account_id`,
 * `local.id`), a template placeholder. `ref` is the expression as written, without `${}`.
 */
export interface Reference {
  readonly ref: string;
}

/** A literal stretch of text, or a reference. */
export type TextPart = string | Reference;

/**
 * A scalar of a policy as AWS would receive it. IAM policy variables (`${aws:username}`) are
 * literal text here; template interpolations (`!Sub ${AWS::AccountId}`, HCL `${var.x}`) are parts
 * that are references.
 */
export interface PolicyValue {
  /** Literal text with each reference written `${ref}`; numbers and booleans as JSON writes them; `null` for null. */
  readonly text: string;
  /** Present only when some of the value is a reference: the literal parts and the references, in order. */
  readonly parts?: readonly TextPart[];
  /** What the source holds: a JSON scalar type, or `reference` for a value that is wholly or partly opaque. */
  readonly type: 'string' | 'number' | 'boolean' | 'null' | 'reference';
  readonly loc: Loc;
}

/** `Action` / `NotAction`, `Resource` / `NotResource`: one value or a list. */
export interface ListElement {
  /** `NotAction` / `NotResource`. */
  readonly not: boolean;
  /** The element as written in the source (`Action`, `not_actions`…), for messages. */
  readonly name: string;
  /** The whole element, key included. */
  readonly loc: Loc;
  /** The key alone. */
  readonly keyLoc: Loc;
  readonly items: readonly PolicyValue[];
  /** Some of the list could not be seen (a reference standing for several items). */
  readonly opaque: boolean;
}

export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare `"Principal": "*"`. */
  readonly type: string;
  readonly value: PolicyValue;
  /**
   * The value is an expression that stands for a list of principals (Terraform's
   * `identifiers = var.key_owners`): whoever they are, it is not one account's root.
   */
  readonly several?: boolean;
}

/** `Principal` / `NotPrincipal`. */
export interface PrincipalElement {
  readonly not: boolean;
  readonly name: string;
  readonly loc: Loc;
  readonly keyLoc: Loc;
  readonly entries: readonly PrincipalEntry[];
  /** Part of the principal could not be seen. */
  readonly opaque: boolean;
}

/** One `operator: { key: values }` pair of a Condition. */
export interface ConditionEntry {
  /** As written: `StringEquals`, `ForAnyValue:StringLike`… */
  readonly operator: string;
  /** As written: `aws:PrincipalArn`… */
  readonly key: string;
  readonly values: readonly PolicyValue[];
  /** The key with its values. */
  readonly loc: Loc;
  readonly operatorLoc: Loc;
  readonly keyLoc: Loc;
  /** The values (or the key) could not be seen. */
  readonly opaque: boolean;
}

export interface ConditionElement {
  readonly loc: Loc;
  readonly keyLoc: Loc;
  readonly entries: readonly ConditionEntry[];
  /** Part of the Condition could not be seen (an operator block that is a reference, a dynamic block). */
  readonly opaque: boolean;
}

export interface Statement {
  /** Position in the policy's statement list (0-based). */
  readonly index: number;
  /** The whole statement. */
  readonly loc: Loc;
  readonly sid?: PolicyValue;
  /** `Allow` or `Deny` as written; sources that default the effect (Terraform) give a value at the statement's loc. */
  readonly effect?: PolicyValue;
  readonly principal?: PrincipalElement;
  readonly action?: ListElement;
  readonly resource?: ListElement;
  readonly condition?: ConditionElement;
}

/** What the document around a policy tells about the key. */
export interface PolicyContextFacts {
  /** Accounts the enclosing document names as the key's own (key ARN, `AWSAccountId`, `recipientAccountId`). */
  readonly documentAccounts: readonly string[];
  /**
   * How the policy's own syntax names the own account, when it can whatever the account is: a
   * CloudFormation template's `AWS::AccountId`, a Terraform file's `data.aws_caller_identity`. A fix
   * writes it where no account id is known.
   */
  readonly ownAccountExpression?: OwnAccountExpression;
  /** Partition of the key ARN, when the document shows one. */
  readonly partition?: string;
}

/**
 * A value a fix writes: text, an intrinsic function of a CloudFormation template
 * (`{"Ref": "AWS::AccountId"}`), or an HCL expression written as it is (`{"${}": "data.x.y"}`).
 */
export type EditValue = string | { readonly [fn: string]: string };

/** The key of an EditValue that is an HCL expression, written without quotes. */
export const HCL_EXPRESSION = '${}';

/** The own account as an expression of the policy's syntax. */
export interface OwnAccountExpression {
  /** The account id, as written into the policy (`{"Ref": "AWS::AccountId"}`, `${AWS::AccountId}` in a `Fn::Sub` string, an HCL expression). */
  readonly account: EditValue;
  /** How fix titles show it: `${AWS::AccountId}`. */
  readonly accountShown: string;
  /**
   * An ARN of the own account (`arn:…:<service>:<region>:<account>:<resource>`), as written into the
   * policy and as titles show it: `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root`.
   */
  arn(service: string, region: string, resource: string): { readonly value: EditValue; readonly shown: string };
}

/** The syntax a policy is written in; it decides how fixes are written. */
export type PolicySyntax = 'json' | 'yaml' | 'hcl' | 'hcl-policy-document';

export interface Policy extends PolicyContextFacts {
  readonly kind: PolicyKind;
  readonly statements: readonly Statement[];
  /** The whole policy. */
  readonly loc: Loc;
  readonly syntax: PolicySyntax;
  /** Where it was found, for people: `AWS::KMS::Key "AppKey" KeyPolicy`, `aws_kms_key.app policy`. */
  readonly label?: string;
  /** Turns semantic edits into text edits in this policy's syntax. */
  readonly writer: PolicyWriter;
}

/** The attributes of a KMS key that the key rules read. Absent attributes are undefined. */
export interface KeyFacts {
  /** The key's description or resource as a whole. */
  readonly loc: Loc;
  /** Where a finding about the key as a whole goes (the resource's name or type, the KeyManager field). */
  readonly anchor: Loc;
  readonly source: 'description' | 'cloudformation' | 'terraform';
  /** `CUSTOMER` or `AWS`; CloudFormation and Terraform keys are the customer's. */
  readonly manager?: PolicyValue;
  /** `AWS_KMS`, `EXTERNAL`, `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`. */
  readonly origin?: PolicyValue;
  /** `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`… */
  readonly spec?: PolicyValue;
  /** `ENCRYPT_DECRYPT`, `SIGN_VERIFY`, `GENERATE_VERIFY_MAC`… */
  readonly usage?: PolicyValue;
  /** Automatic rotation: the value as written, absent when the document says nothing. */
  readonly rotation?: PolicyValue;
  /** `Enabled`, `PendingDeletion`, `PendingReplicaDeletion`… */
  readonly state?: PolicyValue;
  readonly deletionDate?: PolicyValue;
  /** A replica key: its rotation follows the primary. */
  readonly replica: boolean;
  /** A key whose material lives outside KMS (imported, CloudHSM, external key store) by its resource type. */
  readonly external: boolean;
  /** Sets rotation on, where the source can write it. */
  readonly writer?: KeyWriter;
}

/** A CloudTrail record that set (or tried to set) a key policy. */
export interface PolicyEvent {
  readonly eventName: string;
  /** The `eventName` value, where the note goes. */
  readonly loc: Loc;
  /** The errorCode of a failed call. */
  readonly errorCode?: string;
}

export interface SyntaxProblem {
  readonly loc: Loc;
  readonly message: string;
}

/** Everything a source found in one document. */
export interface DocumentModel {
  readonly text: string;
  /** What the document is, as the sources recognised it. */
  readonly format: DocumentFormat;
  readonly policies: readonly Policy[];
  readonly keys: readonly KeyFacts[];
  readonly events: readonly PolicyEvent[];
  readonly syntaxProblems: readonly SyntaxProblem[];
  /** Findings the document accepts on purpose outside comments (CloudFormation resource Metadata). */
  readonly suppressions?: readonly ScopedSuppression[];
}

/** A suppression that covers a span of the document: a CloudFormation resource's Metadata entry. */
export interface ScopedSuppression {
  /** What it covers (the resource). */
  readonly loc: Loc;
  /** Where it is written, for an unused-suppression note. */
  readonly anchor: Loc;
  /** The rule ids it names; undefined for every rule. */
  readonly rules?: readonly string[];
  readonly reason?: string;
}

export type DocumentFormat =
  | 'json'
  | 'cloudformation-json'
  | 'cloudformation-yaml'
  | 'terraform'
  | 'template'
  | 'unknown';

// ---- Semantic edits: what a fix means, written once per rule; each syntax writes it its own way.

/** The statement's action element becomes `Action: actions` (or `NotAction` when `not`), replacing Action or NotAction. */
export interface SetActionsEdit {
  readonly op: 'setActions';
  readonly not: boolean;
  readonly actions: readonly string[];
}

/** The resource element becomes `Resource: resources`, replacing Resource or NotResource. */
export interface SetResourcesEdit {
  readonly op: 'setResources';
  readonly resources: readonly EditValue[];
}

/** The principal element becomes `Principal: {type: values}`, replacing Principal or NotPrincipal. */
export interface SetPrincipalEdit {
  readonly op: 'setPrincipal';
  readonly type: string;
  readonly values: readonly EditValue[];
}

/** Adds `operator: {key: values}` to the Condition, creating or merging (the key's values are replaced if present). */
export interface AddConditionEntryEdit {
  readonly op: 'addConditionEntry';
  readonly operator: string;
  readonly key: string;
  readonly values: readonly EditValue[];
}

export type StatementEdit = SetActionsEdit | SetResourcesEdit | SetPrincipalEdit | AddConditionEntryEdit;

/**
 * Splits a statement in two: the statement itself gets `original`, and a copy of it (principal,
 * resources and conditions as written, references included) inserted right after it gets `copy`.
 * A policy whose `Statement` is one object becomes a list.
 */
export interface SplitStatementEdit {
  readonly op: 'splitStatement';
  readonly original: readonly StatementEdit[];
  readonly copy: readonly StatementEdit[];
  /** The copy's Sid, when the statement has one (Sids must stay unique). */
  readonly copySid?: string;
}

export type PolicyEdit = StatementEdit | SplitStatementEdit;

export interface PolicyWriter {
  /**
   * Text edits (document offsets) that make the changes to one statement, or undefined when this
   * syntax cannot write them exactly (the fix is then not offered). Edits never overlap and touch
   * nothing outside the statement, except the brackets a split adds around a lone statement.
   */
  edit(statement: Statement, edits: readonly PolicyEdit[]): readonly OffsetEdit[] | undefined;
}

export interface KeyWriter {
  /** Text edits that turn automatic rotation on, or undefined when the source cannot write it. */
  enableRotation(): readonly OffsetEdit[] | undefined;
}

/** A replacement of [start, end) of the document by `text`. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type { TextEdit };
