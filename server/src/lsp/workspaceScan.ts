// "Scan Workspace": finds candidate files in every folder, lints them from disk, and keeps them current.
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { readTextFile } from '../scan/lint-file';
import { dirname, join, posix, sep } from 'node:path';
import ignore from 'ignore';
import type { CancellationToken, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { Finding } from '../engine';
import { toDiagnostic, type ScannedFinding } from './diagnostics';
import type { DocumentLint } from './documentLinter';
import { excludesFolder, lintForEditor, matchesAnyGlob } from './lintForEditor';
import type { ScanSkipReason, ScanSummary } from './protocol';
import type { Settings, SettingsStore } from './settings';
import { pathToUri, toGlobPath, type Folder, type WorkspaceFolders } from './workspaceFolders';

export interface WorkspaceScanHost {
  folders: WorkspaceFolders;
  settings: SettingsStore;
  /** The lint of the open document at this path, or undefined when it is not open (then disk is the truth). */
  openDocumentLint(path: string): Promise<DocumentLint | undefined>;
  isOpen(path: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[], version: number | null): void;
  logError(message: string): void;
}

export interface ScannedFile {
  path: string;
  /** Without fixes: they are made again when the file is opened, and keeping them for every file costs memory. */
  findings: ScannedFinding[];
}

function withoutFixes({ ruleId, severity, message, range }: Finding): ScannedFinding {
  return { ruleId, severity, message, range };
}

type Exclusion = keyof ScanSummary['excluded'];

/** One folder's view of what the scan may read: include/exclude settings, files.exclude and .gitignore files. */
class FolderFilter {
  /** Parsed .gitignore per folder-relative directory ('' = the folder); null where there is none. */
  private readonly gitignores = new Map<string, ignore.Ignore | null>();

  constructor(
    readonly folder: Folder,
    readonly settings: Settings,
    private readonly filesExclude: readonly string[],
  ) {}

  /** Why an entry is left out, if it is; `relativePath` uses forward slashes. */
  async exclusion(relativePath: string, isFolder: boolean): Promise<Exclusion | undefined> {
    const matches = isFolder ? excludesFolder : matchesAnyGlob;
    if (matches(relativePath, this.settings.exclude)) return 'exclude';
    if (matches(relativePath, this.filesExclude)) return 'filesExclude';
    if (await this.gitignored(relativePath, isFolder)) return 'gitignore';
    return undefined;
  }

  includes(relativePath: string): boolean {
    return matchesAnyGlob(relativePath, this.settings.include);
  }

  /** Deeper .gitignore files override shallower ones, as in git; ignored parents are pruned before we get here. */
  private async gitignored(relativePath: string, isFolder: boolean): Promise<boolean> {
    let ignored = false;
    const parts = relativePath.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const base = parts.slice(0, depth).join('/');
      const rules = await this.gitignoreOf(base);
      if (!rules) continue;
      const below = parts.slice(depth).join('/') + (isFolder ? '/' : '');
      const result = rules.test(below);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private async gitignoreOf(base: string): Promise<ignore.Ignore | null> {
    const known = this.gitignores.get(base);
    if (known !== undefined) return known;
    let rules: ignore.Ignore | null = null;
    try {
      rules = ignore().add(await readFile(join(this.folder.path, base, '.gitignore'), 'utf8'));
    } catch {
      rules = null;
    }
    this.gitignores.set(base, rules);
    return rules;
  }
}

interface Candidate {
  path: string;
  filter: FolderFilter;
}

function emptySummary(folders: number): ScanSummary {
  return {
    cancelled: false,
    folders,
    filesFound: 0,
    filesScanned: 0,
    filesWithPolicies: 0,
    filesWithFindings: 0,
    findingsBySeverity: { error: 0, warning: 0, information: 0, hint: 0 },
    skipped: {},
    excluded: { exclude: 0, filesExclude: 0, gitignore: 0 },
    durationMs: 0,
  };
}

const PROGRESS_INTERVAL_MS = 100;
/** Files read ahead of the one being linted: enough to hide disk latency, few enough to bound memory. */
const READ_AHEAD = 8;

type FileOutcome =
  | { kind: 'linted'; findings: Finding[]; hasPolicy: boolean }
  | { kind: 'skipped'; reason: ScanSkipReason }
  /** A newer lint of the same file started while this one was reading: drop this result. */
  | { kind: 'superseded' };

export class WorkspaceScanner {
  /** Every file the last scan judged, with the findings it has now (kept current by the file watcher). */
  private tracked = new Map<string, ScannedFile>();
  /** Every folder above a tracked file, so deleting an unrelated file or folder costs no walk. */
  private readonly trackedFolders = new Set<string>();
  private filters = new Map<string, FolderFilter>();
  private hasScanned = false;
  /** Bumped per file on every re-lint, so a slow read never overwrites a newer result. */
  private readonly generations = new Map<string, number>();
  private activeScan: { cancel(): void } | undefined;

  constructor(private readonly host: WorkspaceScanHost) {}

  get scanned(): boolean {
    return this.hasScanned;
  }

  /** The last scan's files that have findings, in path order. */
  filesWithFindings(): ScannedFile[] {
    return [...this.tracked.values()].filter((file) => file.findings.length > 0).sort((a, b) => a.path.localeCompare(b.path));
  }

  isTracked(path: string): boolean {
    return this.tracked.has(path);
  }

  /** Scans every workspace folder; a new scan cancels the one still running. */
  async scan(token: CancellationToken, progress: WorkDoneProgressReporter | undefined): Promise<ScanSummary> {
    this.activeScan?.cancel();
    let superseded = false;
    const scan = { cancel: () => (superseded = true) };
    this.activeScan = scan;
    const cancelled = (): boolean => superseded || token.isCancellationRequested;

    const started = Date.now();
    const folders = this.host.folders.all;
    const summary = emptySummary(folders.length);
    progress?.begin('KMS Policy Lint: scanning workspace', 0, 'Finding files…', true);
    try {
      const filters = new Map<string, FolderFilter>();
      const candidates: Candidate[] = [];
      for (const folder of folders) {
        const [settings, filesExclude] = await Promise.all([this.host.settings.forResource(folder.uri), this.host.settings.filesExclude(folder.uri)]);
        const filter = new FolderFilter(folder, settings, filesExclude);
        filters.set(folder.path, filter);
        await this.collectCandidates(filter, candidates, summary, cancelled);
        if (cancelled()) break;
      }
      summary.filesFound = candidates.length;
      if (cancelled()) return this.finish(summary, started, true);

      const previous = this.tracked;
      this.tracked = new Map();
      this.filters = filters;
      this.hasScanned = true;
      let lastReport = 0;
      await this.lintCandidates(candidates, cancelled, (candidate, outcome, done) => {
        this.record(candidate.path, outcome, summary);
        previous.delete(candidate.path);
        const now = Date.now();
        if (progress && (now - lastReport >= PROGRESS_INTERVAL_MS || done === candidates.length)) {
          lastReport = now;
          progress.report(Math.floor((done / Math.max(1, candidates.length)) * 100), `${done}/${candidates.length} files`);
        }
      });
      // Files the previous scan judged that this one no longer covers lose their diagnostics.
      if (!cancelled()) for (const path of previous.keys()) this.clear(path);
      else for (const [path, file] of previous) if (!this.tracked.has(path)) this.track(path, file.findings);
      return this.finish(summary, started, cancelled());
    } finally {
      progress?.done();
      if (this.activeScan === scan) this.activeScan = undefined;
    }
  }

  /** Re-scans quietly (after a settings change) if a scan was ever run. */
  async refresh(token: CancellationToken): Promise<void> {
    if (this.hasScanned) await this.scan(token, undefined);
  }

  /** A watched file changed or appeared: lint it again if the scan covers it. */
  async fileChanged(path: string): Promise<void> {
    if (!this.hasScanned) return;
    const folder = this.host.folders.containing(path);
    const filter = folder && this.filters.get(folder.path);
    if (!filter) return;
    if (!this.tracked.has(path)) {
      const relativePath = toGlobPath(filter.folder.path, path);
      if (!filter.includes(relativePath) || (await this.excludedWithParents(filter, relativePath))) return;
    }
    const outcome = await this.lintFile(path, filter.settings);
    this.record(path, outcome, undefined);
  }

  /** A watched file or folder was deleted: forget everything the scan knew under it. */
  fileDeleted(path: string): void {
    if (this.tracked.delete(path)) {
      this.clear(path);
      return;
    }
    // Only a folder that held scanned files is worth a walk over everything tracked.
    if (!this.trackedFolders.delete(path)) return;
    const below = path.endsWith(sep) ? path : path + sep;
    for (const tracked of [...this.tracked.keys()]) {
      if (tracked.startsWith(below)) {
        this.tracked.delete(tracked);
        this.clear(tracked);
      }
    }
  }

  private track(path: string, findings: ScannedFinding[]): void {
    this.tracked.set(path, { path, findings });
    for (let folder = dirname(path); !this.trackedFolders.has(folder) && folder !== dirname(folder); folder = dirname(folder)) {
      this.trackedFolders.add(folder);
    }
  }

  /** An open document of a scanned file was closed: its diagnostics come from disk again. */
  async documentClosed(path: string): Promise<boolean> {
    const folder = this.host.folders.containing(path);
    const filter = folder && this.filters.get(folder.path);
    if (!this.tracked.has(path) || !filter) return false;
    this.record(path, await this.lintFile(path, filter.settings), undefined);
    return true;
  }

  private async excludedWithParents(filter: FolderFilter, relativePath: string): Promise<boolean> {
    const parts = relativePath.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      if (await filter.exclusion(parts.slice(0, depth).join('/'), true)) return true;
    }
    return (await filter.exclusion(relativePath, false)) !== undefined;
  }

  private finish(summary: ScanSummary, started: number, cancelled: boolean): ScanSummary {
    summary.cancelled = cancelled;
    summary.durationMs = Date.now() - started;
    return summary;
  }

  /** Walks a folder depth-first without following symbolic links, pruning excluded folders early. */
  private async collectCandidates(filter: FolderFilter, out: Candidate[], summary: ScanSummary, cancelled: () => boolean): Promise<void> {
    const pending: string[] = [''];
    while (pending.length > 0 && !cancelled()) {
      const relativeFolder = pending.pop() as string;
      let entries: Dirent[];
      try {
        entries = await readdir(join(filter.folder.path, relativeFolder), { withFileTypes: true });
      } catch (error) {
        this.host.logError(`Could not list ${join(filter.folder.path, relativeFolder)}: ${String(error)}`);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subfolders: string[] = [];
      for (const entry of entries) {
        const relativePath = relativeFolder ? posix.join(relativeFolder, entry.name) : entry.name;
        if (entry.isDirectory()) {
          const exclusion = await filter.exclusion(relativePath, true);
          if (exclusion) summary.excluded[exclusion]++;
          else subfolders.push(relativePath);
        } else if (entry.isFile() && filter.includes(relativePath)) {
          const exclusion = await filter.exclusion(relativePath, false);
          if (exclusion) summary.excluded[exclusion]++;
          else out.push({ path: join(filter.folder.path, relativePath), filter });
        }
      }
      // Reversed so the stack pops folders in name order.
      pending.push(...subfolders.reverse());
    }
  }

  private async lintCandidates(
    candidates: readonly Candidate[],
    cancelled: () => boolean,
    onFile: (candidate: Candidate, outcome: FileOutcome, done: number) => void,
  ): Promise<void> {
    const inFlight: Promise<FileOutcome>[] = [];
    let next = 0;
    const startNext = (): void => {
      if (next < candidates.length) {
        const candidate = candidates[next++];
        inFlight.push(this.lintFile(candidate.path, candidate.filter.settings));
      }
    };
    while (inFlight.length < READ_AHEAD && next < candidates.length) startNext();
    for (let done = 0; done < candidates.length && !cancelled(); ) {
      const outcome = await (inFlight.shift() as Promise<FileOutcome>);
      if (cancelled()) break;
      onFile(candidates[done], outcome, ++done);
      startNext();
    }
    // Let reads already started settle so none of them rejects unobserved.
    await Promise.allSettled(inFlight);
  }

  private async lintFile(path: string, settings: Settings): Promise<FileOutcome> {
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    const open = await this.host.openDocumentLint(path);
    if (open) return { kind: 'linted', ...open };
    if (!settings.enable) return { kind: 'skipped', reason: 'disabled' };
    // Reading is synchronous (bounded in size): give the connection a turn between files, so a
    // cancellation or a keystroke is served while a scan runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let text: string;
    try {
      // The CLI's reader: regular files only (a FIFO would hang the scan), BOMs and UTF-16 decoded.
      const read = readTextFile(path, settings.maxFileSize);
      if (read === 'too-large') return { kind: 'skipped', reason: 'too-large' };
      if (typeof read === 'string') return { kind: 'skipped', reason: read === 'binary' ? 'binary' : 'unreadable' };
      text = read.text;
    } catch {
      return { kind: 'skipped', reason: 'unreadable' };
    }
    if (this.generations.get(path) !== generation) return { kind: 'superseded' };
    const outcome = lintForEditor(text, settings, path, this.host.logError);
    if (outcome.linted) return { kind: 'linted', findings: outcome.findings, hasPolicy: true };
    if (outcome.reason === 'engine-error') return { kind: 'skipped', reason: 'engine-error' };
    return { kind: 'linted', findings: [], hasPolicy: false };
  }

  /** Publishes a file's outcome and remembers it; counts it into the summary when one is being built. */
  private record(path: string, outcome: FileOutcome, summary: ScanSummary | undefined): void {
    if (outcome.kind === 'superseded') return;
    if (outcome.kind === 'skipped') {
      if (summary) summary.skipped[outcome.reason] = (summary.skipped[outcome.reason] ?? 0) + 1;
      this.track(path, []);
      this.clear(path);
      return;
    }
    const findings = outcome.findings.map(withoutFixes);
    this.track(path, findings);
    if (summary) {
      summary.filesScanned++;
      if (outcome.hasPolicy) summary.filesWithPolicies++;
      if (outcome.findings.length > 0) summary.filesWithFindings++;
      for (const finding of outcome.findings) summary.findingsBySeverity[finding.severity]++;
    }
    // An open document's diagnostics carry its version (for code actions); disk results must not replace them.
    if (!this.host.isOpen(path)) this.host.publish(pathToUri(path), findings.map((finding) => toDiagnostic(finding, null)), null);
  }

  private clear(path: string): void {
    if (!this.host.isOpen(path)) this.host.publish(pathToUri(path), [], null);
  }
}
