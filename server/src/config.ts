// The project configuration, one file for the CLI and the editor: `.kms-policy-lint.json`
// (comments allowed), `.kms-policy-lint.yaml` / `.yml`, or a `kmsPolicyLint` key in package.json,
// found upward from each linted file (the nearest one wins; files are not merged). It is data only:
// nothing in it runs. Globs and file names in it are relative to the folder that holds it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { yamlPackage } from './engine/sources/yaml/package';
import { ruleMeta, type ConfiguredSuppression, type LintOptions, type SeveritySetting } from './engine';
import { matchesAnyPathGlob } from './path-glob';

export const CONFIG_FILE_NAMES = ['.kms-policy-lint.json', '.kms-policy-lint.yaml', '.kms-policy-lint.yml'] as const;
export const PACKAGE_JSON_KEY = 'kmsPolicyLint';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface ConfigSuppression extends ConfiguredSuppression {
  /** Globs of the files it applies to, relative to the config file; every file when absent. */
  files?: string[];
}

export interface ProjectConfig {
  /** The file it was read from (absolute). */
  readonly file: string;
  readonly rules: Record<string, SeveritySetting>;
  readonly accounts: string[];
  readonly organizations: string[];
  readonly include?: string[];
  readonly exclude: string[];
  readonly suppress: ConfigSuppression[];
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const KEYS = new Set(['$schema', 'rules', 'accounts', 'organizations', 'include', 'exclude', 'suppress']);
const MAX_CONFIG_BYTES = 1_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(file: string, key: string, value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw new ConfigError(file, `"${key}" must be a string or a list of strings`);
  return list as string[];
}

/** Checks a parsed configuration object; every mistake is an error naming the key, never a silent default. */
export function validateConfig(file: string, raw: unknown): ProjectConfig {
  if (!isRecord(raw)) throw new ConfigError(file, 'the configuration must be an object');
  for (const key of Object.keys(raw)) if (!KEYS.has(key)) throw new ConfigError(file, `unknown key "${key}" (known: ${[...KEYS].filter((k) => k !== '$schema').join(', ')})`);
  const rules: Record<string, SeveritySetting> = {};
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) throw new ConfigError(file, '"rules" must map rule ids to a severity');
    for (const [id, level] of Object.entries(raw.rules)) {
      if (!ruleMeta(id)) throw new ConfigError(file, `unknown rule "${id}" (kms-policy-lint --list-rules lists them)`);
      if (typeof level !== 'string' || !SEVERITY_SETTINGS.includes(level as SeveritySetting)) {
        throw new ConfigError(file, `rule "${id}": severity must be one of ${SEVERITY_SETTINGS.join(', ')}; got ${JSON.stringify(level)}`);
      }
      rules[id] = level as SeveritySetting;
    }
  }
  const accounts = raw.accounts === undefined ? [] : strings(file, 'accounts', raw.accounts);
  for (const account of accounts) if (!/^\d{12}$/.test(account)) throw new ConfigError(file, `account "${account}" is not a 12-digit AWS account id`);
  const organizations = raw.organizations === undefined ? [] : strings(file, 'organizations', raw.organizations);
  for (const org of organizations) if (!/^o-[a-z0-9]{10,32}$/.test(org)) throw new ConfigError(file, `organization "${org}" is not an AWS Organizations id (o-…)`);
  const suppress: ConfigSuppression[] = [];
  if (raw.suppress !== undefined) {
    if (!Array.isArray(raw.suppress)) throw new ConfigError(file, '"suppress" must be a list of {rule, files?, sid?, reason}');
    raw.suppress.forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.rule !== 'string') throw new ConfigError(file, `suppress[${i}] needs a "rule" (a rule id, or "*")`);
      for (const key of Object.keys(entry)) if (!['rule', 'files', 'sid', 'reason'].includes(key)) throw new ConfigError(file, `suppress[${i}]: unknown key "${key}"`);
      if (entry.sid !== undefined && typeof entry.sid !== 'string') throw new ConfigError(file, `suppress[${i}].sid must be a string`);
      if (entry.reason !== undefined && typeof entry.reason !== 'string') throw new ConfigError(file, `suppress[${i}].reason must be a string`);
      suppress.push({
        rule: entry.rule,
        ...(entry.files !== undefined ? { files: strings(file, `suppress[${i}].files`, entry.files) } : {}),
        ...(entry.sid !== undefined ? { sid: entry.sid as string } : {}),
        ...(entry.reason !== undefined ? { reason: entry.reason as string } : {}),
      });
    });
  }
  return {
    file,
    rules,
    accounts,
    organizations,
    ...(raw.include !== undefined ? { include: strings(file, 'include', raw.include) } : {}),
    exclude: raw.exclude === undefined ? [] : strings(file, 'exclude', raw.exclude),
    suppress,
  };
}

/** Parses a configuration file's text (JSON with comments, YAML, or package.json's key). */
export function parseConfig(file: string, text: string): ProjectConfig | undefined {
  const base = path.basename(file);
  if (base.endsWith('.yaml') || base.endsWith('.yml')) {
    const doc = yamlPackage().parseDocument(text, { prettyErrors: false });
    if (doc.errors.length > 0) throw new ConfigError(file, `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    return validateConfig(file, doc.toJS({ maxAliasCount: 50 }) ?? {});
  }
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new ConfigError(file, `not valid JSON: ${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  if (base === 'package.json') {
    if (!isRecord(raw) || raw[PACKAGE_JSON_KEY] === undefined) return undefined;
    return validateConfig(file, raw[PACKAGE_JSON_KEY]);
  }
  return validateConfig(file, raw);
}

function readSmall(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** The configuration that applies in a folder: the nearest one in it or above it. */
export class ConfigFinder {
  private readonly byFolder = new Map<string, { config: ProjectConfig | undefined; checked: number }>();

  /** `ttlMs`: how long an answer is trusted before the disk is looked at again (the editor: a second). */
  constructor(private readonly ttlMs = Number.POSITIVE_INFINITY) {}

  /** Throws ConfigError when the nearest configuration is broken: a broken file must not be silently skipped. */
  forFile(file: string): ProjectConfig | undefined {
    return this.forFolder(path.dirname(path.resolve(file)));
  }

  forFolder(folder: string): ProjectConfig | undefined {
    const now = Date.now();
    const cached = this.byFolder.get(folder);
    if (cached && now - cached.checked < this.ttlMs) return cached.config;
    let config: ProjectConfig | undefined;
    for (const name of [...CONFIG_FILE_NAMES, 'package.json']) {
      const file = path.join(folder, name);
      const text = readSmall(file);
      if (text === undefined) continue;
      config = parseConfig(file, text);
      if (config) break;
    }
    if (!config) {
      const parent = path.dirname(folder);
      config = parent !== folder ? this.forFolder(parent) : undefined;
    }
    if (this.byFolder.size > 10_000) this.byFolder.clear();
    this.byFolder.set(folder, { config, checked: now });
    return config;
  }

  clear(): void {
    this.byFolder.clear();
  }
}

/** A file's path relative to the configuration's folder, with forward slashes. */
function relativeTo(config: ProjectConfig, file: string): string {
  return path.relative(path.dirname(config.file), path.resolve(file)).split(path.sep).join('/');
}

/** Whether the configuration excludes a file (or, with `include`, does not include it). */
export function configExcludes(config: ProjectConfig | undefined, file: string): boolean {
  if (!config) return false;
  const relative = relativeTo(config, file);
  if (relative.startsWith('../')) return false;
  if (config.include && !matchesAnyPathGlob(relative, config.include)) return true;
  return matchesAnyPathGlob(relative, config.exclude);
}

/**
 * Lint options for one file: the configuration's, with what the user gave directly (command-line
 * flags, editor settings) taking precedence rule by rule; accounts and organizations from both.
 */
export function lintOptionsFor(config: ProjectConfig | undefined, file: string, direct: Pick<LintOptions, 'rules' | 'accounts'> = {}): Pick<LintOptions, 'rules' | 'accounts' | 'organizations' | 'suppressions'> {
  const rules = { ...(config?.rules ?? {}), ...(direct.rules ?? {}) };
  const accounts = [...new Set([...(direct.accounts ?? []), ...(config?.accounts ?? [])])];
  const relative = config ? relativeTo(config, file) : '';
  const suppressions = (config?.suppress ?? []).filter((s) => !s.files || matchesAnyPathGlob(relative, s.files)).map(({ files: _files, ...rest }) => rest);
  return {
    rules,
    accounts,
    ...(config && config.organizations.length > 0 ? { organizations: config.organizations } : {}),
    ...(suppressions.length > 0 ? { suppressions } : {}),
  };
}
