// The extension's settings as the server sees them: read per resource, validated, cached per document only.
import type { Connection } from 'vscode-languageserver/node';
import type { SeveritySetting } from '../engine';

export type RunTrigger = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunTrigger;
  rules: Record<string, SeveritySetting>;
  accounts: string[];
  include: string[];
  exclude: string[];
  maxFileSize: number;
  debounceMs: number;
  /** Mark information-level findings of the rules (the own root's `kms:*`, say); notes show regardless. */
  showInformation: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  run: 'onType',
  rules: {},
  accounts: [],
  include: ['**/*.json', '**/*.jsonc', '**/*.yaml', '**/*.yml', '**/*.tf', '**/*.template'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  maxFileSize: 5_000_000,
  debounceMs: 150,
  showInformation: false,
});

const SEVERITY_SETTINGS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown, fallback: readonly string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [...fallback];
}

function nonNegativeNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Turns whatever a client sent into settings; anything malformed falls back to its default. */
export function normalizeSettings(raw: unknown): Settings {
  const source = isRecord(raw) ? raw : {};
  const rules: Record<string, SeveritySetting> = {};
  if (isRecord(source.rules)) {
    for (const [id, severity] of Object.entries(source.rules)) {
      if (typeof severity === 'string' && SEVERITY_SETTINGS.includes(severity)) rules[id] = severity as SeveritySetting;
    }
  }
  return {
    enable: typeof source.enable === 'boolean' ? source.enable : DEFAULT_SETTINGS.enable,
    run: source.run === 'onSave' ? 'onSave' : 'onType',
    rules,
    accounts: stringArray(source.accounts, DEFAULT_SETTINGS.accounts),
    include: stringArray(source.include, DEFAULT_SETTINGS.include),
    exclude: stringArray(source.exclude, DEFAULT_SETTINGS.exclude),
    maxFileSize: nonNegativeNumber(source.maxFileSize, DEFAULT_SETTINGS.maxFileSize),
    debounceMs: nonNegativeNumber(source.debounceMs, DEFAULT_SETTINGS.debounceMs),
    showInformation: typeof source.showInformation === 'boolean' ? source.showInformation : DEFAULT_SETTINGS.showInformation,
  };
}

/** VS Code's `files.exclude` shape: glob -> true, or a sibling condition we cannot evaluate (ignored). */
export function enabledGlobs(filesExclude: unknown): string[] {
  if (!isRecord(filesExclude)) return [];
  return Object.entries(filesExclude)
    .filter(([, value]) => value === true)
    .map(([glob]) => glob);
}

/**
 * Reads settings through workspace/configuration when the client can answer it; otherwise uses
 * whatever the client pushed with workspace/didChangeConfiguration, over the defaults.
 */
export class SettingsStore {
  /** Per document (or folder) URI; dropped wholesale when settings change. */
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushedSettings: Settings = normalizeSettings(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly canPullConfiguration: boolean,
  ) {}

  forResource(uri: string): Promise<Settings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.fetch(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** The `files.exclude` globs in force for a folder. */
  async filesExclude(folderUri: string): Promise<string[]> {
    if (!this.canPullConfiguration) return [];
    try {
      return enabledGlobs(await this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' }));
    } catch (error) {
      this.connection.console.error(`Could not read files.exclude: ${String(error)}`);
      return [];
    }
  }

  /** Called on workspace/didChangeConfiguration, with the pushed payload (used only by clients that cannot be asked). */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.canPullConfiguration && isRecord(pushed)) this.pushedSettings = normalizeSettings(pushed.kmsPolicyLint);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<Settings> {
    if (!this.canPullConfiguration) return this.pushedSettings;
    try {
      return normalizeSettings(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'kmsPolicyLint' }));
    } catch (error) {
      this.connection.console.error(`Could not read settings for ${uri}: ${String(error)}`);
      this.cache.delete(uri);
      return normalizeSettings(undefined);
    }
  }
}
