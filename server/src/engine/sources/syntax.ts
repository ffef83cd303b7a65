import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SyntaxProblem } from '../model/types';
import { DUPLICATE_KEY_ERROR } from './json-text';
import type { Region } from './tree';

/** The last character before `offset` that is not white space. */
function previousSignificant(text: string, offset: number): string | undefined {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i >= 0 ? text[i] : undefined;
}

function describeError(text: string, error: ParseError): string {
  if (error.error === (DUPLICATE_KEY_ERROR as ParseError['error'])) {
    return 'Invalid JSON (duplicate key): this key appears twice in one object; only the last one counts, so the first is silently ignored.';
  }
  const at = text[error.offset];
  let what = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  if (at === "'") what = 'single quotes: JSON strings and keys need double quotes';
  else if ((at === '}' || at === ']') && previousSignificant(text, error.offset) === ',') what = 'trailing comma: JSON allows none before a closing bracket';
  else if (what === 'invalid comment token') what = 'comment: a .json file cannot hold comments (a .jsonc file can)';
  return `Invalid JSON (${what}): the policy cannot be checked until it parses.`;
}

/** A parse error of a region as a problem at its place in the document. */
export function syntaxProblemOf(region: Region, error: ParseError): SyntaxProblem {
  const start = region.toDocument(error.offset);
  const end = region.toDocument(error.offset + Math.max(error.length, 1));
  return { loc: { start, end: Math.max(end, start + 1) }, message: describeError(region.text, error) };
}
