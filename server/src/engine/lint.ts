// Runs the rules over what the sources found, and turns their reports into findings.
import { ownAccount, type OwnAccount } from './iam/account';
import { applySuppressions, DIRECTIVE_PREFIX, directivesOf, suppressionComment } from './suppressions';
import { unusedSuppression } from './rules/unused-suppression';
import type { DocumentModel, Loc, OffsetEdit, Policy, Statement } from './model/types';
import { literal } from './model/values';
import { INTERNAL_ERROR, RULE_MODULES } from './rules';
import type { FixProposal, PolicyContext, ReportOptions, Rule, RuleContext } from './rules/rule';
import { jsonStrictness, readDocument, type ReadResult } from './sources';
import { LineIndex } from './text';
import type { Finding, FindingContext, Fix, LintOptions, LintResult, RuleMeta, Severity, SuppressedFinding } from './types';

class FindingCollector {
  readonly findings: Finding[] = [];
  private lines: LineIndex | undefined;
  private failed = false;

  constructor(
    readonly text: string,
    readonly options: LintOptions,
    /** The document, when findings may offer a suppression comment. */
    readonly document?: DocumentModel,
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
    const ruleFixes = options.fixes;
    const suppressFix = this.document ? suppressionProposal(this.document, this.options, meta.id, start) : undefined;
    const propose =
      this.options.fixes === false || (!ruleFixes && !suppressFix)
        ? undefined
        : () => [...(ruleFixes ? ruleFixes() : []), ...(suppressFix ? [suppressFix] : [])];
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
  declare context?: FindingContext;
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

const UNSUPPRESSIBLE = new Set(['json-syntax', 'internal-error', 'unused-suppression']);

/** Whether a suppression comment inserted at a line start leaves a YAML or HCL document reading the same, by document. */
const commentKeepsReading = new WeakMap<DocumentModel, Map<number, boolean>>();

/** "Suppress here": a comment on its own line above the finding, where the syntax has comments. */
function suppressionProposal(doc: DocumentModel, options: LintOptions, ruleId: string, offset: number): FixProposal | undefined {
  if (UNSUPPRESSIBLE.has(ruleId)) return undefined;
  const comment = suppressionComment(doc.format, ruleId);
  if (!comment) return undefined;
  const read = { fileName: options.fileName, languageId: options.languageId };
  if ((doc.format === 'json' || doc.format === 'cloudformation-json') && jsonStrictness(doc.text, read) === 'json') return undefined;
  return {
    title: `Suppress ${ruleId} on this line (a comment with the reason)`,
    kind: 'suggestion',
    hasPlaceholder: false,
    suppression: true,
    edits() {
      const text = doc.text;
      let lineStart = offset;
      while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
      let indentEnd = lineStart;
      while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const inserted = `${text.slice(lineStart, indentEnd)}${comment}${eol}`;
      // JSON strings never span lines, so a line start in JSONC is between tokens. In YAML and HCL a
      // comment line inside a multi-line string (a block scalar, a heredoc) would change the string:
      // there the edit stands only if the document still reads the same.
      if (doc.format === 'cloudformation-yaml' || doc.format === 'terraform') {
        // One re-read per line, however many findings start on it (aliases can put thousands there).
        let lines = commentKeepsReading.get(doc);
        if (!lines) commentKeepsReading.set(doc, (lines = new Map()));
        let keeps = lines.get(lineStart);
        if (keeps === undefined) {
          const after = readDocument(text.slice(0, lineStart) + inserted + text.slice(lineStart), read);
          keeps = !(after.syntaxProblems.length > doc.syntaxProblems.length || after.policies.length !== doc.policies.length);
          lines.set(lineStart, keeps);
        }
        if (!keeps) return undefined;
      }
      return [{ start: lineStart, end: lineStart, text: inserted }];
    },
  };
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
      ...(proposal.suppression ? { suppression: true } : {}),
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
    readonly organizations: readonly string[] = [],
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

/** Runs every rule over a document model; suppressed findings are set apart. */
export function lintModel(doc: DocumentModel, options: LintOptions = {}): Finding[] {
  return lintModelWithSuppressions(doc, options).findings;
}

export function lintModelWithSuppressions(doc: DocumentModel, options: LintOptions = {}): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const collector = new FindingCollector(doc.text, options, doc);
  const owners = new Map<Policy, OwnAccount>();
  for (const rule of RULE_MODULES) {
    // A rule turned off does not run at all (its findings would be dropped anyway).
    if (options.rules?.[rule.meta.id] === 'off') continue;
    const base: RuleContext = {
      document: doc,
      report: (at, message, reportOptions = {}) => collector.add(rule.meta, at, message, reportOptions, undefined),
    };
    if (rule.checkDocument) run(collector, rule, () => rule.checkDocument!(base));
    if (rule.checkKey) for (const key of doc.keys) run(collector, rule, () => rule.checkKey!(key, base));
    if (!rule.checkPolicy && !rule.checkStatement) continue;
    for (const policy of doc.policies) {
      const ctx = new PolicyRun(doc, policy, rule, collector, owners, options.accounts, options.organizations?.filter((o) => /^o-[a-z0-9]{10,32}$/.test(o)));
      run(collector, rule, () => rule.checkPolicy?.(policy, ctx));
      if (!rule.checkStatement) continue;
      for (const statement of policy.statements) {
        ctx.current = statement;
        run(collector, rule, () => rule.checkStatement!(statement, ctx));
      }
    }
  }
  const outcome = suppress(doc, options, collector);
  const byPlace = (a: Finding, b: Finding) => a.offset - b.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
  return { findings: outcome.findings.sort(byPlace), suppressed: outcome.suppressed.sort(byPlace) };
}

function suppress(doc: DocumentModel, options: LintOptions, collector: FindingCollector): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const configured = options.suppressions ?? [];
  const scoped = doc.suppressions ?? [];
  const hasDirectives = doc.text.includes(DIRECTIVE_PREFIX);
  if (!hasDirectives && scoped.length === 0 && configured.length === 0) return { findings: collector.findings, suppressed: [] };
  const directives = hasDirectives ? directivesOf(doc.text, doc.format, collector.index) : [];
  const outcome = applySuppressions(collector.findings, directives, scoped, configured);
  collector.findings.length = 0;
  collector.findings.push(...outcome.kept);
  for (const unused of outcome.unused) {
    collector.add(unusedSuppression.meta, unused.anchor, `This ${unused.describe} suppresses nothing: remove it, or it will hide a future finding nobody reviewed.`, {}, undefined);
  }
  const suppressed = outcome.suppressed.map(({ finding, suppression }) => Object.assign(finding, { suppression }) as SuppressedFinding);
  return { findings: collector.findings, suppressed };
}

/** Reads and lints a document; it never throws on what a user types. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  let doc: ReadResult;
  try {
    doc = readDocument(text, { fileName: options.fileName, languageId: options.languageId });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(text, options);
    return readerFailed(text, options, error);
  }
  const { findings, suppressed } = lintModelWithSuppressions(doc, options);
  return { recognized: doc.recognized, findings, ...(suppressed.length > 0 ? { suppressed } : {}) };
}

/** A reader that fails (or was not loaded: Terraform before `ready()`) costs one note, never an exception. */
function readerFailed(text: string, options: LintOptions, error: unknown): LintResult {
  const collector = new FindingCollector(text, options);
  collector.internalError({ id: 'reader', defaultSeverity: 'information', description: '' }, error);
  return { recognized: true, findings: collector.findings };
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
