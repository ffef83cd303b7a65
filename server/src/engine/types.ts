// The engine's public vocabulary. Positions follow LSP: 0-based lines, UTF-16 characters.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * `safe`: reduces nothing but the exact permission the finding is about and needs no value from the
 * user (`--fix` and "Fix all" apply only these). `suggestion`: changes who can do what, or inserts a
 * placeholder; offered as a quick fix, applied by the CLI only with `--fix-suggestions`.
 */
export type FixKind = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  edits: TextEdit[];
  kind: FixKind;
  /** The safest of a finding's fixes. */
  isPreferred: boolean;
  /** The fix inserts a value the engine could not know (account id, org id, key ARN). */
  hasPlaceholder: boolean;
}

export type RuleId =
  | 'kms-wildcard-principal'
  | 'kms-unconditioned-full-access'
  | 'kms-decrypt-all-resources'
  | 'kms-key-rotation-disabled'
  | 'kms-key-pending-deletion'
  | 'json-syntax'
  | 'kms-placeholder-value'
  | 'kms-key-policy-changed';

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  /** Document offsets of the range, for callers that work in offsets. */
  offset: number;
  length: number;
  fixes: Fix[];
}

export interface LintOptions {
  /** The user's own account ids (the `accounts` setting / `--account`). */
  accounts?: readonly string[];
  /** Per-rule severity overrides. */
  rules?: Partial<Record<string, SeveritySetting>>;
  /** A file name, used only as a hint (e.g. `.tf`); content decides. */
  fileName?: string;
  /** Compute each finding's fixes (default true); a report that shows no fixes can skip the work. */
  fixes?: boolean;
}

export interface LintResult {
  /** True when the document holds something the engine recognises (a policy, a key description, an event). */
  recognized: boolean;
  findings: Finding[];
}

export type PolicyKind = 'key-policy' | 'identity-policy';

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  description: string;
  /** Notes are information-level companions of a rule and never scored as problems. */
  note?: boolean;
}
