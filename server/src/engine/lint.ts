import type { LintOptions, LintResult } from './types';

export function looksLikePolicyDocument(text: string): boolean {
  return /"(Statement|Policy|KeyMetadata|KeyId|eventSource|Records)"/.test(text);
}

export function lintText(_text: string, _options: LintOptions = {}): LintResult {
  return { recognized: false, findings: [] };
}
