import { printParseErrorCode, visit, type Node } from 'jsonc-parser';
import { realizeFix, type FixDraft } from './fix';
import { ownAccount } from './iam/account';
import type { KeyRule, PolicyRule, ReportOptions } from './rules/context';
import { PLACEHOLDERS } from './rules/fixes';
import { decryptAllResources } from './rules/kms-decrypt-all-resources';
import { keyPendingDeletion } from './rules/kms-key-pending-deletion';
import { keyRotationDisabled } from './rules/kms-key-rotation-disabled';
import { unconditionedFullAccess } from './rules/kms-unconditioned-full-access';
import { wildcardPrincipal } from './rules/kms-wildcard-principal';
import { ruleMetaOf } from './rules/meta';
import { discover, isRecognized } from './sources/discover';
import { documentFromTree, parseDocumentFast, type JsonText } from './sources/json-text';
import { LineIndex } from './text';
import type { Finding, LintOptions, LintResult, RuleId, Severity } from './types';

const POLICY_RULES: PolicyRule[] = [wildcardPrincipal, unconditionedFullAccess, decryptAllResources];
const KEY_RULES: KeyRule[] = [keyRotationDisabled, keyPendingDeletion];

const POLICY_HINT = /"(Statement|Policy|KeyMetadata|KeyId|KeyState|eventSource|Effect|Principal)"/;

/** Whether the first thing after white space, a byte-order mark and comments is `{` or `[`. */
function opensAsJson(text: string): boolean {
  const start = /^(?:\uFEFF|\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text)![0].length;
  const first = text[start];
  return first === '{' || first === '[';
}

/** A cheap first look: could this text hold a policy, a key description or a KMS event? */
export function looksLikePolicyDocument(text: string): boolean {
  return POLICY_HINT.test(text);
}

class FindingCollector {
  readonly findings: Finding[] = [];
  private lines: LineIndex | undefined;

  constructor(
    readonly text: string,
    readonly options: LintOptions,
  ) {}

  /** Built on the first finding: a clean document never needs positions. */
  get index(): LineIndex {
    this.lines ??= new LineIndex(this.text);
    return this.lines;
  }

  /** Reports a finding at `offset`/`length` of `json`, which may be the document or a string inside it. */
  add(ruleId: RuleId, json: JsonText, offset: number, length: number, message: string, options: ReportOptions = {}): void {
    const setting = this.options.rules?.[ruleId];
    if (setting === 'off') return;
    const meta = ruleMetaOf(ruleId);
    const severity: Severity = options.severity ?? setting ?? meta.defaultSeverity;
    const start = json.toDocument(offset);
    const end = json.toDocument(offset + length);
    const drafts = this.options.fixes === false ? [] : options.fixes ?? [];
    const fixes = drafts
      .map((draft: FixDraft) => realizeFix(json, this.index, draft))
      .filter((fix): fix is NonNullable<typeof fix> => fix !== undefined);
    if (fixes.length > 0 && !fixes.some((f) => f.isPreferred)) fixes[0].isPreferred = true;
    this.findings.push({ ruleId, severity, message, range: this.index.range(start, end - start), offset: start, length: end - start, fixes });
  }

  addAt(ruleId: RuleId, json: JsonText, node: Node, message: string, options?: ReportOptions): void {
    this.add(ruleId, json, node.offset, node.length, message, options);
  }
}

function syntaxMessage(code: Parameters<typeof printParseErrorCode>[0]): string {
  const what = printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `Invalid JSON (${what}): the policy cannot be checked until it parses.`;
}

/** Flags strings still holding a placeholder a quick fix inserted. */
function reportPlaceholders(json: JsonText, collector: FindingCollector): void {
  if (!PLACEHOLDERS.some((p) => json.text.includes(p))) return;
  visit(json.text, {
    onLiteralValue(value: unknown, offset: number, length: number) {
      if (typeof value !== 'string') return;
      const placeholder = PLACEHOLDERS.find((p) => value.includes(p));
      if (placeholder) {
        collector.add('kms-placeholder-value', json, offset, length, `Replace the placeholder ${placeholder} with the real value.`);
      }
    },
  }, { allowTrailingComma: true });
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  try {
    return lintDocument(parseDocumentFast(text), options);
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(text, options);
    throw error;
  }
}

/** The parser recurses: a document nested thousands of levels deep exhausts the stack. */
export function tooDeep(text: string, options: LintOptions): LintResult {
  if (!looksLikePolicyDocument(text)) return { recognized: false, findings: [] };
  const collector = new FindingCollector(text, options);
  const doc = documentFromTree(text, undefined, []);
  collector.add('json-syntax', doc, 0, 1, 'The document is nested too deeply to be checked.');
  return { recognized: true, findings: collector.findings };
}

/** Lints a document parsed already (by an IncrementalParser, say). */
export function lintDocument(doc: JsonText, options: LintOptions = {}): LintResult {
  const text = doc.text;
  const collector = new FindingCollector(text, options);
  if (doc.errors.length > 0) {
    // A Terraform or YAML file may quote policy keys too; only a text that opens as JSON is broken JSON.
    if (!opensAsJson(text) || !looksLikePolicyDocument(text)) return { recognized: false, findings: [] };
    const error = doc.errors[0];
    collector.add('json-syntax', doc, error.offset, Math.max(error.length, 1), syntaxMessage(error.error));
    return { recognized: true, findings: collector.findings };
  }

  const found = discover(doc);
  for (const problem of found.syntaxProblems) {
    collector.add('json-syntax', problem.json, problem.error.offset, Math.max(problem.error.length, 1), syntaxMessage(problem.error.error));
  }
  for (const site of found.policies) {
    const own = ownAccount(site, options.accounts);
    for (const rule of POLICY_RULES) {
      const ctx = {
        site,
        own,
        report: (at: Node, message: string, reportOptions?: ReportOptions) => collector.addAt(rule.meta.id, site.json, at, message, reportOptions),
      };
      for (const statement of site.statements) rule.checkStatement(statement, ctx);
    }
    reportPlaceholders(site.json, collector);
  }
  for (const key of found.keys) {
    for (const rule of KEY_RULES) {
      rule.checkKey(key, { report: (at, message, reportOptions) => collector.addAt(rule.meta.id, doc, at, message, reportOptions) });
    }
  }
  for (const change of found.policyChanges) {
    collector.addAt('kms-key-policy-changed', doc, change.eventNameNode, `A ${change.eventName} event replaced this key's policy: review who it lets in.`);
  }
  collector.findings.sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
  return { recognized: isRecognized(found), findings: collector.findings };
}
