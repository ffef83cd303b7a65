// Code actions hand back the fixes the engine computed with each finding; nothing is recomputed here.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { selectApplicableEdits, type Finding, type Fix } from '../engine';
import { ruleDocsUri } from './docs';
import { DIAGNOSTIC_SOURCE, diagnosticData } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kmsPolicyLint`;
export const SHOW_DOCUMENTATION_COMMAND = 'kmsPolicyLint.showDocumentation';

function workspaceEdit(uri: string, edits: TextEdit[]): CodeAction['edit'] {
  return { changes: { [uri]: edits } };
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * A diagnostic's fixes: from its `data` when that was made for this very version. Clients that drop
 * `data` get the fixes of the current version's finding with the same rule and range, if it was linted.
 */
function fixesFor(document: TextDocument, diagnostic: Diagnostic, currentFindings: readonly Finding[] | undefined): Fix[] | undefined {
  const data = diagnosticData(diagnostic);
  if (data?.fixes) return data.version === document.version ? data.fixes : undefined;
  // Fixes left out of the diagnostic (many findings), or a client that drops `data`: the current lint's, built now.
  if (data && data.version !== document.version) return undefined;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || (!data && diagnostic.data !== undefined) || !currentFindings) return undefined;
  return currentFindings.find((finding) => finding.ruleId === diagnostic.code && sameRange(finding.range, diagnostic.range))?.fixes;
}

/** Quick fixes and a documentation link for each of our diagnostics, if it was made for this very version. */
export function quickFixes(document: TextDocument, diagnostics: readonly Diagnostic[], currentFindings: readonly Finding[] | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const documentedRules = new Set<string>();
  for (const diagnostic of diagnostics) {
    const fixes = fixesFor(document, diagnostic, currentFindings);
    if (!fixes) continue;
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: workspaceEdit(document.uri, fix.edits),
      });
    }
    const ruleId = String(diagnostic.code);
    if (!documentedRules.has(ruleId)) {
      documentedRules.add(ruleId);
      actions.push({
        title: `Show documentation for ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleDocsUri(ruleId)] },
      });
    }
  }
  return actions;
}

/** What "Fix all" applies: the engine's choice, the same as the CLI's --fix (safe fixes only). */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  return selectApplicableEdits(findings, 'safe').edits;
}

export function fixAllAction(document: TextDocument, findings: readonly Finding[]): CodeAction | undefined {
  const edits = fixAllEdits(findings);
  if (edits.length === 0) return undefined;
  return { title: 'Fix all auto-fixable KMS policy problems', kind: FIX_ALL_KIND, edit: workspaceEdit(document.uri, edits) };
}

/** Whether the client's `only` filter admits actions of this kind (kinds are dot-separated hierarchies). */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
