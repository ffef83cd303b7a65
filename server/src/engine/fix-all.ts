// Which fixes "fix all" applies, for the CLI's --fix and the editor's "Fix all" alike: per finding,
// its preferred fix of the allowed kind (safe only, or suggestions too), never a suppression
// comment, and never two fixes whose edits touch.
import type { Finding, Fix, Position, TextEdit } from './types';

/** `safe`: only fixes that remove nothing but the permission the finding is about and need no value. */
export type FixMode = 'safe' | 'suggestions';

/** The fix "fix all" applies for one finding in this mode, if any. */
export function fixToApply(finding: Finding, mode: FixMode): Fix | undefined {
  const allowed = finding.fixes.filter((f) => !f.suppression && (mode === 'suggestions' || f.kind === 'safe'));
  return allowed.find((f) => f.isPreferred) ?? allowed[0];
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  const intersect = comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
  // Two edits that start at one point conflict too: which text comes first would be arbitrary.
  return intersect || comparePositions(a.range.start, b.range.start) === 0;
}

/** The fixes of a lint pass that can be applied together, in document order, first come first served. */
export function selectApplicableEdits(findings: readonly Finding[], mode: FixMode = 'safe'): { edits: TextEdit[]; fixCount: number } {
  const accepted: TextEdit[] = [];
  let fixCount = 0;
  const ordered = [...findings].sort((a, b) => comparePositions(a.range.start, b.range.start));
  for (const finding of ordered) {
    const fix = fixToApply(finding, mode);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((edit) => accepted.some((taken) => editsOverlap(edit, taken)))) continue;
    if (fix.edits.some((edit, i) => fix.edits.some((other, j) => i < j && editsOverlap(edit, other)))) continue;
    accepted.push(...fix.edits);
    fixCount++;
  }
  return { edits: accepted, fixCount };
}
