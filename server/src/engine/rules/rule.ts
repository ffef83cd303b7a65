// What a rule is: its metadata beside its logic, and the context the engine hands it.
import type { OwnAccount } from '../iam/account';
import type { DocumentModel, KeyFacts, Loc, OffsetEdit, Policy, Statement } from '../model/types';
import type { FixKind, RuleMeta, Severity } from '../types';

/** A fix as a rule proposes it: its edits are worked out only when someone asks for them. */
export interface FixProposal {
  title: string;
  kind: FixKind;
  hasPlaceholder: boolean;
  isPreferred?: boolean;
  /** A suppression comment, not a change of the policy. */
  suppression?: boolean;
  /** Document edits, or undefined when the syntax cannot write this fix exactly. */
  edits(): readonly OffsetEdit[] | undefined;
}

export interface ReportOptions {
  /** Called only when someone reads the finding's fixes: a report without fixes never pays for them. */
  fixes?: () => readonly FixProposal[];
  /** Notes keep their own level (information) whatever the rule's severity setting. */
  severity?: Severity;
}

export interface RuleContext {
  readonly document: DocumentModel;
  report(at: Loc, message: string, options?: ReportOptions): void;
}

export interface PolicyContext extends RuleContext {
  readonly policy: Policy;
  /** The key's own account, as far as the settings and the document tell. */
  readonly own: OwnAccount;
  /** The user's own organization ids, from the configuration (empty when unknown). */
  readonly organizations: readonly string[];
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Once per document (syntax problems, events). */
  checkDocument?(ctx: RuleContext): void;
  /** Once per policy, before its statements. */
  checkPolicy?(policy: Policy, ctx: PolicyContext): void;
  checkStatement?(statement: Statement, ctx: PolicyContext): void;
  checkKey?(key: KeyFacts, ctx: RuleContext): void;
}
