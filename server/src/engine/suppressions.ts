// Findings accepted on purpose: comments in the document (JSONC, YAML, HCL), CloudFormation
// Metadata, and the configuration file's entries. Suppressed findings are kept apart, never lost,
// and a suppression that suppresses nothing is reported so it does not rot.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { DocumentFormat, Loc, ScopedSuppression } from './model/types';
import type { LineIndex } from './text';
import type { ConfiguredSuppression, Finding, Suppression } from './types';

export const DIRECTIVE_PREFIX = 'kms-policy-lint-';

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; undefined for every rule. */
  rules?: string[];
  reason?: string;
  /** The comment holding it. */
  loc: Loc;
  /** 0-based line of the comment. */
  line: number;
}

/** A comment of the document: where it is and its text without the comment markers. */
interface Comment {
  start: number;
  end: number;
  body: string;
}

/** Comments of a JSON(C) text, from jsonc-parser's scanner: never fooled by `//` inside strings. */
function jsonComments(text: string): Comment[] {
  const scanner = createScanner(text, false);
  const out: Comment[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const raw = text.slice(start, start + scanner.getTokenLength());
    const body = kind === SyntaxKind.LineCommentTrivia ? raw.slice(2) : raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
    out.push({ start, end: start + raw.length, body });
  }
  return out;
}

/**
 * Comments of a YAML or HCL text: `#` (and in HCL `//`, `/* … *\/`) outside quoted strings, found
 * line by line. Only lines that mention the directive prefix are looked at.
 */
function hashComments(text: string, slashes: boolean): Comment[] {
  const out: Comment[] = [];
  let from = 0;
  for (let hit = text.indexOf(DIRECTIVE_PREFIX); hit >= 0; hit = text.indexOf(DIRECTIVE_PREFIX, from)) {
    let lineStart = hit;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    let lineEnd = text.indexOf('\n', hit);
    if (lineEnd < 0) lineEnd = text.length;
    from = lineEnd + 1;
    let quote: string | undefined;
    for (let i = lineStart; i < hit; i++) {
      const c = text[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        continue;
      }
      const opensHash = c === '#' && (i === lineStart || /\s/.test(text[i - 1]));
      const opensSlashes = slashes && c === '/' && (text[i + 1] === '/' || text[i + 1] === '*');
      if (opensHash || opensSlashes) {
        const markerLength = opensHash ? 1 : 2;
        const block = opensSlashes && text[i + 1] === '*';
        const close = block ? text.indexOf('*/', i + 2) : -1;
        const end = block && close >= 0 ? close + 2 : lineEnd;
        const body = text.slice(i + markerLength, block && close >= 0 ? close : lineEnd);
        out.push({ start: i, end, body: body.replace(/\r$/, '') });
        break;
      }
    }
    if (from > text.length) break;
  }
  return out;
}

const DIRECTIVE = /^\s*kms-policy-lint-(disable-next-line|disable-line|disable|enable)\b(.*)$/s;

function parseDirective(comment: Comment, index: LineIndex): Directive | undefined {
  const match = DIRECTIVE.exec(comment.body);
  if (!match) return undefined;
  const kind = match[1] as DirectiveKind;
  const [ruleText, ...reasonParts] = match[2].split(/\s--\s|\s--$/);
  const rules = ruleText
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  const reason = reasonParts.join(' -- ').trim();
  return {
    kind,
    rules: rules.length > 0 ? rules : undefined,
    reason: reason || undefined,
    loc: { start: comment.start, end: comment.end },
    line: index.positionAt(comment.start).line,
  };
}

/** The suppression directives written in the document's comments. */
export function directivesOf(text: string, format: DocumentFormat, index: LineIndex): Directive[] {
  if (!text.includes(DIRECTIVE_PREFIX)) return [];
  let comments: Comment[];
  if (format === 'cloudformation-yaml') comments = hashComments(text, false);
  else if (format === 'terraform') comments = hashComments(text, true);
  else comments = jsonComments(text);
  const out: Directive[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment, index);
    if (directive) out.push(directive);
  }
  return out;
}

interface Cover {
  suppression: Suppression;
  covers(finding: Finding): boolean;
  /** Where an unused suppression is reported. */
  anchor: Loc;
  used: boolean;
  describe: string;
}

const names = (rules: readonly string[] | undefined, ruleId: string) => !rules || rules.includes(ruleId) || rules.includes('*');

function directiveCovers(directives: readonly Directive[]): Cover[] {
  const covers: Cover[] = [];
  const open: Directive[] = [];
  const sorted = [...directives].sort((a, b) => a.loc.start - b.loc.start);
  const blockEnds = new Map<Directive, number>();
  for (const directive of sorted) {
    if (directive.kind === 'disable') open.push(directive);
    else if (directive.kind === 'enable') {
      // `enable` closes the blocks it names (or all of them).
      for (let i = open.length - 1; i >= 0; i--) {
        const d = open[i];
        if (!directive.rules || !d.rules || d.rules.some((r) => directive.rules!.includes(r))) {
          blockEnds.set(d, directive.line);
          open.splice(i, 1);
        }
      }
    }
  }
  for (const directive of sorted) {
    if (directive.kind === 'enable') continue;
    const justification = directive.reason;
    const suppression: Suppression = { kind: 'inSource', ...(justification ? { justification } : {}) };
    let first: number;
    let last: number;
    if (directive.kind === 'disable-next-line') first = last = directive.line + 1;
    else if (directive.kind === 'disable-line') first = last = directive.line;
    else {
      first = directive.line;
      last = blockEnds.get(directive) ?? Number.MAX_SAFE_INTEGER;
    }
    covers.push({
      suppression,
      anchor: directive.loc,
      used: false,
      describe: `kms-policy-lint-${directive.kind}${directive.rules ? ` ${directive.rules.join(', ')}` : ''}`,
      covers: (finding) => finding.range.start.line >= first && finding.range.start.line <= last && names(directive.rules, finding.ruleId),
    });
  }
  return covers;
}

function scopedCovers(scoped: readonly ScopedSuppression[]): Cover[] {
  return scoped.map((s) => ({
    suppression: { kind: 'inSource', ...(s.reason ? { justification: s.reason } : {}) },
    anchor: s.anchor,
    used: false,
    describe: `Metadata suppression${s.rules ? ` of ${s.rules.join(', ')}` : ''}`,
    covers: (finding: Finding) => finding.offset >= s.loc.start && finding.offset < s.loc.end && names(s.rules, finding.ruleId),
  }));
}

function configuredCovers(configured: readonly ConfiguredSuppression[]): Cover[] {
  return configured.map((c) => ({
    suppression: { kind: 'external', ...(c.reason ? { justification: c.reason } : {}) },
    anchor: { start: 0, end: 0 },
    used: false,
    describe: 'configuration suppression',
    covers: (finding: Finding) => (c.rule === '*' || c.rule === finding.ruleId) && (c.sid === undefined || finding.context?.statement === c.sid),
  }));
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: { finding: Finding; suppression: Suppression }[];
  /** In-document suppressions that matched nothing: where they are and what they say. */
  unused: { anchor: Loc; describe: string }[];
}

/** Never suppressed: a suppression cannot hide a broken document or the linter's own failure. */
const UNSUPPRESSIBLE = new Set(['json-syntax', 'internal-error', 'unused-suppression']);

export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly Directive[],
  scoped: readonly ScopedSuppression[],
  configured: readonly ConfiguredSuppression[],
): SuppressionOutcome {
  const inDocument = [...directiveCovers(directives), ...scopedCovers(scoped)];
  const covers = [...inDocument, ...configuredCovers(configured)];
  const kept: Finding[] = [];
  const suppressed: SuppressionOutcome['suppressed'] = [];
  for (const finding of findings) {
    const cover = UNSUPPRESSIBLE.has(finding.ruleId) ? undefined : covers.find((c) => c.covers(finding));
    if (!cover) {
      kept.push(finding);
      continue;
    }
    cover.used = true;
    suppressed.push({ finding, suppression: cover.suppression });
  }
  return { kept, suppressed, unused: inDocument.filter((c) => !c.used).map((c) => ({ anchor: c.anchor, describe: c.describe })) };
}

/** The comment that suppresses `ruleId` on the line of `offset`, written the way the syntax writes comments. */
export function suppressionComment(format: DocumentFormat, ruleId: string): string | undefined {
  const body = `kms-policy-lint-disable-next-line ${ruleId} -- <reason>`;
  if (format === 'cloudformation-yaml' || format === 'terraform') return `# ${body}`;
  if (format === 'json' || format === 'cloudformation-json' || format === 'template') return `// ${body}`;
  return undefined;
}
