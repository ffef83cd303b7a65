// The access summary as plain data: JSON-serialisable, the same for the CLI, the editor and tests.
import type { Loc } from '../model/types';
import type { Capability } from './capabilities';

export type { Capability } from './capabilities';

/**
 * Who a grant reaches.
 * - `account`: an account's root principal. Its IAM policies decide which of its identities get the
 *   access (for the own account, IAM alone; for another account, IAM there *and* this grant).
 * - `account-principals`: any principal of an account, with no IAM policy needed in the own account
 *   (a wildcard principal pinned by `kms:CallerAccount` / `aws:PrincipalAccount`).
 * - `principal`: a role, user, session, principal id, or the ARNs `aws:PrincipalArn` matches.
 * - `service`: an AWS service principal, or any service acting for someone (`aws:SourceAccount`…).
 * - `organization` / `org-path`: every principal of an organisation or an OU (`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`).
 * - `everyone-through`: any principal of any account, only through a network or endpoint.
 * - `everyone`: any principal of any account (a wildcard no caller condition pins).
 * - `federated`: users of an identity provider.
 * - `unknown`: principals the linter cannot see (a dynamic block, a list parameter).
 */
export type PrincipalKind =
  | 'account'
  | 'account-principals'
  | 'principal'
  | 'service'
  | 'organization'
  | 'org-path'
  | 'everyone-through'
  | 'everyone'
  | 'federated'
  | 'unknown';

/** `yes`: the principal is outside the key's own account; `unknown`: we cannot tell (a reference, no known own account). */
export type Outside = 'yes' | 'no' | 'unknown';

export interface PrincipalGroup {
  kind: PrincipalKind;
  /** Identity of the group across versions of a policy: what diffs compare. */
  key: string;
  /** For people: `account 999988887777`, `role arn:aws:iam::…:role/App`, `everyone`. */
  label: string;
  /** The account id, ARN, service, organisation or path as written; references as `${ref}`. */
  value?: string;
  /** The account the group lives in, when one is named (literal, `${ref}`, or a placeholder). */
  account?: string;
  /** In the key's own account: true, false, or absent when we cannot tell. */
  own?: boolean;
  outsideOwnAccount: Outside;
  /** Some of the group's identity is a value we cannot see (a reference or a placeholder). */
  unresolved?: boolean;
  /** Services: whom they act for (accounts, resource ARNs, organisations); empty means anyone. */
  actingFor?: string[];
  /** `everyone-through`: the network and endpoint conditions, as text. */
  through?: string[];
  /** `principal`: the value is an ARN pattern (`aws:PrincipalArn` with `*`), not one principal. */
  pattern?: boolean;
}

export interface StatementRef {
  /** 0-based position in the policy. */
  index: number;
  /** The Sid, or `#n` (1-based) when there is none. */
  name: string;
  loc: Loc;
  /** 1-based line of the statement's start in the document. */
  line: number;
}

export interface ConditionNote {
  /** `StringEquals kms:CallerAccount = 111122223333`. */
  text: string;
  /** What it means in plain words, where we know the key (`only through s3.eu-west-1.amazonaws.com`). */
  gloss?: string;
  loc: Loc;
  /** Set when a Deny statement implies this condition (`Deny … StringNotEquals` = allow only when equal). */
  impliedBy?: StatementRef;
}

/** One statement's part in an entry. */
export interface AccessGrant {
  statement: StatementRef;
  /** The actions of the entry's capability this statement gives. */
  actions: string[];
  /** Every condition the access depends on (the statement's, and those a Deny implies). */
  conditions: ConditionNote[];
  /** What we could not see or evaluate here, in words; the grant then counts as conditional. */
  uncertain: string[];
}

/** A Deny statement that takes this access away only sometimes, or only from part of the group. */
export interface AccessException {
  statement: StatementRef;
  actions: string[];
  /** `except when aws:SecureTransport = false`, `except for role …`. */
  text: string;
}

export type AccessStatus = 'yes' | 'partly' | 'conditional';

export interface AccessEntry {
  principal: PrincipalGroup;
  capability: Capability;
  /** The actions granted, `kms:Name`, in catalog order. */
  actions: string[];
  /** The subset of `actions` granted only under conditions, exceptions or uncertainty. */
  conditionalActions: string[];
  /** `yes`: every action unconditionally; `conditional`: none; `partly`: some. */
  status: AccessStatus;
  via: AccessGrant[];
  except: AccessException[];
}

export interface OwnAccountInfo {
  ids: string[];
  references: string[];
  known: boolean;
  source: 'setting' | 'document' | 'reference' | 'default-key-policy' | 'unknown';
}

export interface PolicyAccess {
  /** Position of the policy among the document's policies. */
  policyIndex: number;
  /** `AWS::KMS::Key "AppKey" KeyPolicy`; absent for a bare policy document. */
  label?: string;
  loc: Loc;
  /** Where the policy is best pointed at: its `Statement` key, else its start. */
  anchor: Loc;
  /** 1-based line of the anchor. */
  line: number;
  ownAccount: OwnAccountInfo;
  entries: AccessEntry[];
  /** Policy-wide remarks: statements we could not read, Deny statements we could not place. */
  notes: string[];
  /** `Use: 2 accounts, 1 role, 1 service · Administer: own account · Everyone: no`. */
  summary: string;
}
