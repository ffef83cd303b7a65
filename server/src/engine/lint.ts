// Runs the rules over what the sources found, and turns their reports into findings.
import { ownAccount, type OwnAccount } from './iam/account';
import { clearDocumentMemos } from './memo';
import type { DocumentModel, Loc, OffsetEdit, Policy, Statement } from './model/types';
import { literal } from './model/values';
import { INTERNAL_ERROR, RULE_MODULES } from './rules';
import type { FixProposal, PolicyContext, ReportOptions, Rule, RuleContext } from './rules/rule';
import { readDocument, type ReadResult } from './sources';
import { LineIndex } from './text';
import type { Finding, FindingContext, Fix, LintOptions, LintResult, RuleMeta, Severity } from './types';

class FindingCollector {
  readonly findings: Finding[] = [];
  private lines: LineIndex | undefined;
  private failed = false;

  constructor(
    readonly text: string,
    readonly options: LintOptions,
  ) {}

  /** Built on the first finding: a clean document never needs positions. */
  get index(): LineIndex {
    this.lines ??= new LineIndex(this.text);
    return this.lines;
  }

  add(meta: RuleMeta, at: Loc, message: string, options: ReportOptions, context: FindingContext | undefined): void {
    const setting = this.options.rules?.[meta.id];
    if (setting === 'off') return;
    const severity: Severity = options.severity ?? setting ?? meta.defaultSeverity;
    const start = Math.max(0, Math.min(at.start, this.text.length));
    const end = Math.max(start, Math.min(at.end, this.text.length));
    const propose = this.options.fixes === false ? undefined : options.fixes;
    this.findings.push(new LintFinding(meta.id, severity, message, this.index, start, end - start, propose, context));
  }

  /** A rule that throws costs one note for the document; the other rules' findings stand. */
  internalError(meta: RuleMeta, error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const detail = error instanceof Error ? error.message : String(error);
    this.add(INTERNAL_ERROR, { start: 0, end: 0 }, `The ${meta.id} check failed on this document (${detail}); the other checks still ran.`, {}, undefined);
  }
}

/** A class, not an object literal with a getter: V8 keeps such literals alive through young collections. */
class LintFinding implements Finding {
  readonly range: Finding['range'];
  context?: FindingContext;
  // Private state stays out of equality checks and copies: only what a finding says is enumerable.
  #built: Fix[] | undefined;
  readonly #lines: LineIndex;
  readonly #propose: (() => readonly FixProposal[]) | undefined;

  constructor(
    readonly ruleId: string,
    readonly severity: Severity,
    readonly message: string,
    lines: LineIndex,
    readonly offset: number,
    readonly length: number,
    propose: (() => readonly FixProposal[]) | undefined,
    context: FindingContext | undefined,
  ) {
    this.#lines = lines;
    this.#propose = propose;
    this.range = lines.range(offset, length);
    if (context) this.context = context;
  }

  get fixes(): Fix[] {
    this.#built ??= this.#propose ? realizeFixes(this.#propose, this.#lines) : [];
    return this.#built;
  }

  /** What JSON output and worker messages carry: the fixes worked out, the private state left behind. */
  toJSON(): Omit<Finding, 'fixes'> & { fixes: Fix[] } {
    return { ruleId: this.ruleId, severity: this.severity, message: this.message, range: this.range, offset: this.offset, length: this.length, fixes: this.fixes, ...(this.context ? { context: this.context } : {}) };
  }
}

function realizeFixes(propose: () => readonly FixProposal[], index: LineIndex): Fix[] {
  const fixes: Fix[] = [];
  let proposals: readonly FixProposal[];
  try {
    proposals = propose();
  } catch {
    // Building a fix must never cost a finding.
    return [];
  }
  for (const proposal of proposals) {
    let edits: readonly OffsetEdit[] | undefined;
    try {
      edits = proposal.edits();
    } catch {
      // Building a fix must never cost a finding.
      edits = undefined;
    }
    if (!edits || edits.length === 0) continue;
    fixes.push({
      title: proposal.title,
      kind: proposal.kind,
      isPreferred: proposal.isPreferred ?? false,
      hasPlaceholder: proposal.hasPlaceholder,
      edits: [...edits].sort((a, b) => a.start - b.start).map((e) => ({ range: index.range(e.start, e.end - e.start), newText: e.text })),
    });
  }
  if (fixes.length > 0 && !fixes.some((f) => f.isPreferred)) fixes[0].isPreferred = true;
  if (fixes.filter((f) => f.isPreferred).length > 1) {
    let seen = false;
    for (const fix of fixes) {
      if (fix.isPreferred && seen) fix.isPreferred = false;
      seen ||= fix.isPreferred;
    }
  }
  return fixes;
}

function statementContext(policy: Policy, statement: Statement): FindingContext {
  const sid = statement.sid ? literal(statement.sid) : undefined;
  return { ...(policy.label ? { policy: policy.label } : {}), statement: sid ? sid : `#${statement.index + 1}` };
}

function run(collector: FindingCollector, rule: Rule, body: () => void): void {
  try {
    body();
  } catch (error) {
    collector.internalError(rule.meta, error);
  }
}

/** What a rule sees of one policy; the own account is worked out only if a rule asks for it. */
class PolicyRun implements PolicyContext {
  current: Statement | undefined;

  constructor(
    readonly document: DocumentModel,
    readonly policy: Policy,
    private readonly rule: Rule,
    private readonly collector: FindingCollector,
    private readonly owners: Map<Policy, OwnAccount>,
    private readonly accounts: readonly string[] | undefined,
  ) {}

  get own(): OwnAccount {
    let own = this.owners.get(this.policy);
    if (!own) {
      own = ownAccount(this.policy, this.accounts);
      this.owners.set(this.policy, own);
    }
    return own;
  }

  report(at: Loc, message: string, options: ReportOptions = {}): void {
    const policy = this.policy;
    const context = this.current ? statementContext(policy, this.current) : policy.label ? { policy: policy.label } : undefined;
    this.collector.add(this.rule.meta, at, message, options, context);
  }
}

/** Runs every rule over a document model. */
export function lintModel(doc: DocumentModel, options: LintOptions = {}): Finding[] {
  const collector = new FindingCollector(doc.text, options);
  const owners = new Map<Policy, OwnAccount>();
  for (const rule of RULE_MODULES) {
    const base: RuleContext = {
      document: doc,
      report: (at, message, reportOptions = {}) => collector.add(rule.meta, at, message, reportOptions, undefined),
    };
    if (rule.checkDocument) run(collector, rule, () => rule.checkDocument!(base));
    if (rule.checkKey) for (const key of doc.keys) run(collector, rule, () => rule.checkKey!(key, base));
    if (!rule.checkPolicy && !rule.checkStatement) continue;
    for (const policy of doc.policies) {
      const ctx = new PolicyRun(doc, policy, rule, collector, owners, options.accounts);
      run(collector, rule, () => rule.checkPolicy?.(policy, ctx));
      if (!rule.checkStatement) continue;
      for (const statement of policy.statements) {
        ctx.current = statement;
        run(collector, rule, () => rule.checkStatement!(statement, ctx));
      }
    }
  }
  clearDocumentMemos();
  collector.findings.sort((a, b) => a.offset - b.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return collector.findings;
}

/** Reads and lints a document; it never throws on what a user types. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  let doc: ReadResult;
  try {
    doc = readDocument(text, { fileName: options.fileName, languageId: options.languageId });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(text, options);
    throw error;
  }
  return { recognized: doc.recognized, findings: lintModel(doc, options) };
}

/** The parser recurses: a document nested thousands of levels deep exhausts the stack. */
export function tooDeep(text: string, options: LintOptions): LintResult {
  const doc: DocumentModel = {
    text,
    format: 'unknown',
    policies: [],
    keys: [],
    events: [],
    syntaxProblems: [{ loc: { start: 0, end: Math.min(1, text.length) }, message: 'The document is nested too deeply to be checked.' }],
  };
  return { recognized: true, findings: lintModel(doc, options) };
}

export { looksLikePolicyDocument } from './sources';
