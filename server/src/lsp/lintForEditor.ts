// Decides whether a text gets linted under the user's settings, and lints it without ever throwing.
import { lintText, looksLikePolicyDocument, ruleMeta, type Finding, type IncrementalParser, type LintOptions } from '../engine';
import { isAbsolute } from 'node:path';
import { ConfigFinder, configExcludes, lintOptionsFor, type ProjectConfig } from '../config';
import { matchesAnyPathGlob } from '../path-glob';
import type { Settings } from './settings';

export type SkipReason = 'disabled' | 'excluded' | 'too-large' | 'not-a-policy' | 'engine-error' | 'unreadable';

export type LintOutcome = { linted: true; findings: Finding[] } | { linted: false; reason: SkipReason };

export const SKIP_REASON_LABELS: Readonly<Record<SkipReason, string>> = {
  disabled: 'kmsPolicyLint.enable is off',
  excluded: 'matched kmsPolicyLint.exclude or the configuration file\'s exclude',
  'too-large': 'larger than kmsPolicyLint.maxFileSize',
  'not-a-policy': 'no policy in it',
  'engine-error': 'the linter failed on it (see the output)',
  unreadable: 'could not be read',
};

/** True when a slash-separated path (relative to its workspace folder) matches one of the globs (linear time, whatever the glob). */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  return matchesAnyPathGlob(relativePath, globs, process.platform === 'win32');
}

/** A folder is pruned when it matches, or when everything inside it would (`**\/node_modules/**`). */
export function excludesFolder(relativePath: string, globs: readonly string[]): boolean {
  return matchesAnyGlob(relativePath, globs) || matchesAnyGlob(`${relativePath}/`, globs);
}

/** Size in UTF-8 bytes without encoding the whole text when the answer is obvious. */
export function exceedsByteLimit(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

// Looked at again at most once a second: a keystroke costs no disk access, an edited configuration counts soon.
const configs = new ConfigFinder(1000);
const reportedConfigErrors = new Set<string>();

/** The configuration for a file; a broken one is logged once and ignored (the editor keeps linting). */
function projectConfig(fileName: string, logError: (message: string) => void): ProjectConfig | undefined {
  try {
    return configs.forFile(fileName);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!reportedConfigErrors.has(message)) logError(`Invalid kms-policy-lint configuration, ignored: ${message}`);
    reportedConfigErrors.add(message);
    return undefined;
  }
}

export type PreparedLint = { skip: SkipReason } | { options: LintOptions };

/** Whether a text gets linted under the settings and the project configuration, and with which options. */
export function prepareEditorLint(text: string, settings: Settings, fileName: string | undefined, logError: (message: string) => void, languageId?: string): PreparedLint {
  if (!settings.enable) return { skip: 'disabled' };
  if (exceedsByteLimit(text, settings.maxFileSize)) return { skip: 'too-large' };
  if (!looksLikePolicyDocument(text)) return { skip: 'not-a-policy' };
  const config = fileName && isAbsolute(fileName) ? projectConfig(fileName, logError) : undefined;
  if (fileName && config && configExcludes(config, fileName)) return { skip: 'excluded' };
  // The project's configuration file, with the editor's settings taking precedence rule by rule.
  return { options: { ...lintOptionsFor(config, fileName ?? '', { accounts: settings.accounts, rules: settings.rules }), fileName, languageId } };
}

/** What the editor shows of a lint: the rules' information-level findings (the default key policy's root statement) only when asked for. */
export function editorFindings(findings: Finding[], settings: Settings, options: LintOptions): Finding[] {
  if (settings.showInformation) return findings;
  const rules = options.rules ?? {};
  return findings.filter((f) => f.severity !== 'information' || ruleMeta(f.ruleId)?.note === true || rules[f.ruleId] !== undefined);
}

/** Lints a text; an open document passes its own parser, which re-parses only what each edit touched. */
export function lintForEditor(
  text: string,
  settings: Settings,
  fileName: string | undefined,
  logError: (message: string) => void,
  parser?: IncrementalParser,
  languageId?: string,
): LintOutcome {
  const prepared = prepareEditorLint(text, settings, fileName, logError, languageId);
  if ('skip' in prepared) return { linted: false, reason: prepared.skip };
  try {
    const result = parser ? parser.lint(text, prepared.options) : lintText(text, prepared.options);
    if (!result.recognized) return { linted: false, reason: 'not-a-policy' };
    return { linted: true, findings: editorFindings(result.findings, settings, prepared.options) };
  } catch (error) {
    // The engine promises not to throw; if it does anyway, the editor must keep working.
    logError(`Linting ${fileName ?? 'a document'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { linted: false, reason: 'engine-error' };
  }
}
