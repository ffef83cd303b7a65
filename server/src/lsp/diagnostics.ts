// Findings become LSP diagnostics that carry their fixes, so code actions never recompute them.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../engine';
import { ruleDocsUri } from './docs';

export const DIAGNOSTIC_SOURCE = 'kms-policy-lint';

/** What every diagnostic of ours carries in `data`. `version` is null for files linted from disk. */
export interface DiagnosticData {
  version: number | null;
  /** Absent when the fixes were left to be built on a code-action request (documents with many findings). */
  fixes?: Fix[];
}

const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A finding without its fixes and offsets: what the workspace scan keeps for files that are not open. */
export type ScannedFinding = Pick<Finding, 'ruleId' | 'severity' | 'message' | 'range'>;

export function toDiagnostic(finding: Finding | ScannedFinding, version: number | null, withFixes = true): Diagnostic {
  // Code actions need the document version a fix was made for; a file read from disk has none, so its fixes are not sent.
  const data: DiagnosticData = withFixes ? { version, fixes: version !== null && 'fixes' in finding ? finding.fixes : [] } : { version };
  return {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUri(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPosition(value: unknown): boolean {
  return isRecord(value) && typeof value.line === 'number' && typeof value.character === 'number';
}

function isRange(value: unknown): boolean {
  return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

function isFix(value: unknown): value is Fix {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    typeof value.isPreferred === 'boolean' &&
    typeof value.hasPlaceholder === 'boolean' &&
    (value.kind === 'safe' || value.kind === 'suggestion') &&
    Array.isArray(value.edits) &&
    value.edits.every((edit) => isRecord(edit) && isRange(edit.range) && typeof edit.newText === 'string')
  );
}

/** `data` comes back from the client untyped; trust it only if it has our shape. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data: unknown = diagnostic.data;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isRecord(data)) return undefined;
  if (!(typeof data.version === 'number' || data.version === null)) return undefined;
  if (data.fixes === undefined) return { version: data.version };
  if (!Array.isArray(data.fixes) || !data.fixes.every(isFix)) return undefined;
  return { version: data.version, fixes: data.fixes };
}
