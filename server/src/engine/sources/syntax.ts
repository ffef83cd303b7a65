import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SyntaxProblem } from '../model/types';
import { DUPLICATE_KEY_ERROR } from './json-text';
import type { Region } from './tree';

function describeError(error: ParseError): string {
  if (error.error === (DUPLICATE_KEY_ERROR as ParseError['error'])) return 'Invalid JSON (duplicate key): AWS reads only the last of two equal keys, so the first one is ignored.';
  const what = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `Invalid JSON (${what}): the policy cannot be checked until it parses.`;
}

/** A parse error of a region as a problem at its place in the document. */
export function syntaxProblemOf(region: Region, error: ParseError): SyntaxProblem {
  const start = region.toDocument(error.offset);
  const end = region.toDocument(error.offset + Math.max(error.length, 1));
  return { loc: { start, end: Math.max(end, start + 1) }, message: describeError(error) };
}
