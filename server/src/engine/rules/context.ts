import type { Node } from 'jsonc-parser';
import type { FixDraft } from '../fix';
import type { OwnAccount } from '../iam/account';
import type { PolicySite, Statement } from '../policy';
import type { KeyDescription } from '../sources/discover';
import type { RuleMeta, Severity } from '../types';

export interface ReportOptions {
  fixes?: FixDraft[];
  /** Notes keep their own level (information) whatever the rule's severity setting. */
  severity?: Severity;
}

export interface PolicyContext {
  site: PolicySite;
  own: OwnAccount;
  report(at: Node, message: string, options?: ReportOptions): void;
}

export interface KeyContext {
  report(at: Node, message: string, options?: ReportOptions): void;
}

export interface PolicyRule {
  meta: RuleMeta;
  checkStatement(statement: Statement, ctx: PolicyContext): void;
}

export interface KeyRule {
  meta: RuleMeta;
  checkKey(key: KeyDescription, ctx: KeyContext): void;
}
