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
  /** The fix writes a suppression comment: offered one by one, never applied by "fix all". */
  suppression?: boolean;
}

/** A rule's id, as diagnostics, the CLI, SARIF, settings and docs file names show it. */
export type RuleId = string;

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  /** Document offsets of the range, for callers that work in offsets. */
  offset: number;
  length: number;
  /** Worked out when first read: a report that shows no fixes never pays for them. */
  readonly fixes: Fix[];
  /** Where the finding is, for people and for baselines: the policy and the statement (Sid or position). */
  context?: FindingContext;
}

export interface FindingContext {
  /** `AWS::KMS::Key "AppKey" KeyPolicy`, `aws_kms_key.app policy`; absent for a bare policy document. */
  policy?: string;
  /** The statement's Sid, or `#n` (1-based) when it has none. */
  statement?: string;
}

export interface LintOptions {
  /** The user's own account ids (the `accounts` setting / `--account`). */
  accounts?: readonly string[];
  /** The user's own AWS Organizations ids (`o-…`): a fix can write them instead of `<ORG_ID>`. */
  organizations?: readonly string[];
  /** Per-rule severity overrides. */
  rules?: Partial<Record<string, SeveritySetting>>;
  /** The file name: its extension tells JSON (strict) from JSONC, YAML, Terraform and templates. */
  fileName?: string;
  /** The editor's language id (`json`, `jsonc`, `yaml`, `terraform`), which wins over the file name. */
  languageId?: string;
  /** Compute each finding's fixes (default true); a report that shows no fixes can skip the work. */
  fixes?: boolean;
  /** Findings accepted on purpose by the configuration (a `.kms-policy-lint` file's `suppress` entries for this file). */
  suppressions?: readonly ConfiguredSuppression[];
}

/** A finding accepted in the configuration, for files that cannot carry comments (plain `.json`). */
export interface ConfiguredSuppression {
  /** A rule id, or `*` for every rule. */
  rule: string;
  /** Only the statement with this Sid (or `#n` for the n-th statement without one); every statement when absent. */
  sid?: string;
  reason?: string;
}

/** Why a finding is not reported: accepted on purpose, in the document or in the configuration. */
export interface Suppression {
  /** `inSource`: a comment or CloudFormation Metadata; `external`: the configuration file (SARIF's kinds). */
  kind: 'inSource' | 'external';
  justification?: string;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

export interface LintResult {
  /** True when the document holds something the engine recognises (a policy, a key description, an event). */
  recognized: boolean;
  findings: Finding[];
  /** Findings accepted on purpose (kept apart, so reports can list them, as SARIF does). */
  suppressed?: SuppressedFinding[];
}

export type PolicyKind = 'key-policy' | 'identity-policy';

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  description: string;
  /** Notes are information-level companions of a rule and never scored as problems. */
  note?: boolean;
  /** For code-scanning dashboards (SARIF `security-severity`, 0–10): how bad a finding is for security. */
  securitySeverity?: number;
  /** For code-scanning dashboards (SARIF `properties.tags`). */
  tags?: readonly string[];
}
