// Lints open documents: debounced per document, each version at most once, stale results never published.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser, type Finding } from '../engine';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { editorFindings, lintForEditor, matchesAnyGlob, prepareEditorLint, type LintOutcome } from './lintForEditor';
import { LintWorker, WORKER_THRESHOLD_CHARS } from './lintWorker';
import type { Settings, SettingsStore } from './settings';
import { uriToPath, type WorkspaceFolders } from './workspaceFolders';

export type LintTrigger = 'open' | 'change' | 'save' | 'settings';

export interface DocumentLinterHost {
  document(uri: string): TextDocument | undefined;
  settings: SettingsStore;
  folders: WorkspaceFolders;
  publish(uri: string, diagnostics: Diagnostic[], version: number | null): void;
  logError(message: string): void;
}

export interface DocumentLint {
  findings: Finding[];
  /** False when the document was skipped or holds no policy. */
  hasPolicy: boolean;
}

interface LintedVersion extends DocumentLint {
  version: number;
}

/**
 * Findings whose fixes are sent with the diagnostics; the rest are built when a code action asks.
 * Building a fix costs ~0.3 ms: on a document with 85 findings, sending them all made a keystroke
 * cost 34 ms instead of 9.
 */
export const FIXES_SENT = 10;

function tooLargeNote(maxFileSize: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `Not checked: this document is larger than kmsPolicyLint.maxFileSize (${maxFileSize} bytes). Raise the setting to check it.`,
  };
}

export class DocumentLinter {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, LintedVersion>();
  /** One parser per open document: typing re-parses only the object or array around the edit. */
  private readonly parsers = new Map<string, IncrementalParser>();
  /** Large documents are linted off the thread that serves the editor; one lint in flight per document version. */
  private readonly inFlight = new Map<string, { version: number; lint: Promise<DocumentLint> }>();

  constructor(
    private readonly host: DocumentLinterHost,
    private readonly worker: LintWorker | undefined = new LintWorker(),
  ) {}

  /** Lints the document after its debounce; typing resets the delay, so only the latest version is linted. */
  async schedule(uri: string, trigger: LintTrigger): Promise<void> {
    const settings = await this.host.settings.forResource(uri);
    if (trigger === 'change' && settings.run === 'onSave') return;
    if (trigger === 'settings') this.linted.delete(uri);
    this.cancel(uri);
    const delay = trigger === 'change' ? settings.debounceMs : 0;
    if (delay === 0) {
      await this.lintLatest(uri, settings);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lintLatest(uri, settings);
      }, delay),
    );
  }

  /** The lint of the document's current version, linting it now if that has not happened yet. */
  async current(document: TextDocument): Promise<DocumentLint> {
    const cached = this.linted.get(document.uri);
    if (cached?.version === document.version) return cached;
    const settings = await this.host.settings.forResource(document.uri);
    this.cancel(document.uri);
    return this.lintLatest(document.uri, settings);
  }

  /** The findings of the document's current version if it has been linted; never lints. */
  lintedFindings(document: TextDocument): Finding[] | undefined {
    const cached = this.linted.get(document.uri);
    return cached?.version === document.version ? cached.findings : undefined;
  }

  /** Forgets a closed document; the caller decides what its diagnostics become. */
  forget(uri: string): void {
    this.cancel(uri);
    this.linted.delete(uri);
    this.parsers.delete(uri);
    this.inFlight.delete(uri);
  }

  dispose(): void {
    this.worker?.dispose();
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async lintLatest(uri: string, settings: Settings): Promise<DocumentLint> {
    const document = this.host.document(uri);
    if (!document) return { findings: [], hasPolicy: false };
    const cached = this.linted.get(uri);
    if (cached?.version === document.version) return cached;
    const running = this.inFlight.get(uri);
    if (running?.version === document.version) return running.lint;
    if (document.getText().length >= WORKER_THRESHOLD_CHARS && this.worker?.available) {
      const lint = this.lintInWorker(document, settings);
      this.inFlight.set(uri, { version: document.version, lint });
      return lint;
    }
    return this.record(document, this.lint(document, settings), settings);
  }

  private record(document: TextDocument, outcome: LintOutcome, settings?: Settings): DocumentLint {
    const lint: LintedVersion = { version: document.version, findings: outcome.linted ? outcome.findings : [], hasPolicy: outcome.linted };
    this.linted.set(document.uri, lint);
    // Fixes travel with the first findings; past that, a code action builds the fixes it is asked for.
    const diagnostics = lint.findings.map((finding, i) => toDiagnostic(finding, document.version, i < FIXES_SENT));
    // A document over the size limit is not linted; one note says so, rather than a silence that reads as "clean".
    if (!outcome.linted && outcome.reason === 'too-large' && settings) diagnostics.push(tooLargeNote(settings.maxFileSize));
    this.host.publish(document.uri, diagnostics, document.version);
    return lint;
  }

  /** A large document: linted in the worker; the result counts only if no newer version came meanwhile. */
  private async lintInWorker(document: TextDocument, settings: Settings): Promise<DocumentLint> {
    const path = uriToPath(document.uri);
    const version = document.version;
    const text = document.getText();
    let outcome: LintOutcome;
    if (path && matchesAnyGlob(this.host.folders.globPath(path), settings.exclude)) outcome = { linted: false, reason: 'excluded' };
    else {
      const prepared = prepareEditorLint(text, settings, path ?? document.uri, this.host.logError, document.languageId);
      if ('skip' in prepared) outcome = { linted: false, reason: prepared.skip };
      else {
        try {
          const result = await this.worker!.lint(text, prepared.options);
          outcome = result.recognized ? { linted: true, findings: editorFindings(result.findings, settings, prepared.options) } : { linted: false, reason: 'not-a-policy' };
        } catch (error) {
          this.host.logError(`Linting ${path ?? document.uri} in the worker failed: ${error instanceof Error ? error.message : String(error)}`);
          outcome = this.lint(document, settings);
        }
      }
    }
    if (this.inFlight.get(document.uri)?.version === version) this.inFlight.delete(document.uri);
    const current = this.host.document(document.uri);
    // A newer version is (or will be) linted on its own: this result is stale.
    if (!current || current.version !== version) return { findings: outcome.linted ? outcome.findings : [], hasPolicy: outcome.linted };
    return this.record(current, outcome, settings);
  }

  private lint(document: TextDocument, settings: Settings): LintOutcome {
    const path = uriToPath(document.uri);
    if (path && matchesAnyGlob(this.host.folders.globPath(path), settings.exclude)) return { linted: false, reason: 'excluded' };
    let parser = this.parsers.get(document.uri);
    if (!parser) {
      parser = new IncrementalParser();
      this.parsers.set(document.uri, parser);
    }
    const outcome = lintForEditor(document.getText(), settings, path ?? document.uri, this.host.logError, parser, document.languageId);
    // After a failure the parser's tree may be half-patched: start the next version afresh.
    if (!outcome.linted && outcome.reason === 'engine-error') this.parsers.delete(document.uri);
    return outcome;
  }
}
