// What the scanner hands from file readers (main thread or workers) to the reporters.
import type { Finding, LintOptions, Range } from '../engine';

/** A finding as reporters need it: no document offsets, which mean nothing outside the worker. */
export interface ReportedFinding {
  ruleId: Finding['ruleId'];
  severity: Finding['severity'];
  message: string;
  range: Range;
  fixes: { title: string; edits: { range: Range; newText: string }[] }[];
  /** Which policy and statement it is about: what a baseline matches on. */
  context?: Finding['context'];
}

export type SkipReason = 'binary' | 'too-large' | 'not-a-file' | 'excluded';

/** What became of one file. Only findings travel back, never file contents. */
export type FileOutcome =
  | { kind: 'linted'; recognized: boolean; findings: ReportedFinding[]; fixesApplied: number; /** Why --fix left the file untouched. */ fixRefused?: string }
  | { kind: 'skipped'; reason: SkipReason }
  | { kind: 'unreadable'; message: string }
  | { kind: 'internal-error'; message: string };

export interface FileTask {
  /** Position in discovery order; results are reported in this order. */
  seq: number;
  absolutePath: string;
  /** The path shown to the user: as given, or relative to the current directory, with forward slashes. */
  displayPath: string;
  /** The folder listing said regular file: no stat before opening it. */
  listedRegular?: boolean;
}

export interface FileResult extends FileTask {
  outcome: FileOutcome;
}

export interface FileScanOptions {
  lint: Pick<LintOptions, 'accounts' | 'rules' | 'fixes'>;
  /** Apply fixes in place: the safe ones, or (`suggestions`) each finding's preferred fix. */
  fix: boolean;
  fixMode?: 'safe' | 'suggestions';
  maxFileBytes: number;
}
