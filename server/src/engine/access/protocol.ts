// The shapes of the access-summary request and command, shared by the server, the client and the
// tests; it imports nothing from either LSP library.
import type { Range } from '../types';
import type { PolicyAccess } from './types';

/** Client → server: the access summary of one key policy of a document. */
export const ACCESS_SUMMARY_METHOD = 'kmsPolicyLint/accessSummary';

/** The client command a CodeLens runs: `(uri: string, policyIndex: number)`; it opens the table. */
export const SHOW_ACCESS_COMMAND = 'kmsPolicyLint.showAccess';

export interface AccessSummaryParams {
  uri: string;
  /** The policy's position among the document's policies (as the CodeLens passes it). */
  policyIndex?: number;
  /** Without policyIndex: the key policy around this position, else the first one. */
  position?: { line: number; character: number };
}

export interface KeyPolicyListing {
  policyIndex: number;
  label?: string;
  line: number;
  summary: string;
}

export interface AccessSummaryResult {
  uri: string;
  /** The document version the summary was computed from (null for a file read from disk). */
  version: number | null;
  access: PolicyAccess;
  /** The range of each statement of the policy, by statement index, for links back to them. */
  statementRanges: Range[];
  policyRange: Range;
  /** Every key policy of the document, for switching between them. */
  policies: KeyPolicyListing[];
}
