// Reads one file, lints it, optionally fixes it in place. Runs in a worker or in the main thread.
import * as fs from 'node:fs';
import { applyEdits, lintText, selectApplicableEdits, type Finding, type FixMode, type LintOptions } from '../engine';
import { ConfigFinder, configExcludes, lintOptionsFor, type ProjectConfig } from '../config';
import type { FileOutcome, FileScanOptions, ReportedFinding } from './types';

/** How many lint-fix rounds --fix runs at most: each round can only unlock a few more fixes. */
const MAX_FIX_ROUNDS = 10;

// @types/node 20.9 predates TypeScript 5.7's generic Uint8Array; a Buffer is one at run time.
const asBytes = (buffer: Buffer): Uint8Array => buffer as unknown as Uint8Array;

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

interface DecodedFile {
  text: string;
  encoding: Encoding;
}

const BYTE_ORDER_MARK = '\ufeff';

/** Decodes by byte-order mark: Windows PowerShell writes `aws ... > policy.json` as UTF-16. */
function decode(bytes: Buffer): DecodedFile | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString('utf16le', 2), encoding: 'utf16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.alloc(bytes.length - 2);
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      swapped[i - 2] = bytes[i + 1];
      swapped[i - 1] = bytes[i];
    }
    return { text: swapped.toString('utf16le'), encoding: 'utf16be' };
  }
  if (bytes.includes(0)) return undefined; // binary
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // Editors hide the mark; dropping it keeps our columns the same as theirs.
    return { text: bytes.toString('utf8', 3), encoding: 'utf8-bom' };
  }
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}

/** The bytes a text is written as in an encoding. */
function encoded(file: DecodedFile): Buffer {
  switch (file.encoding) {
    case 'utf8':
      return Buffer.from(file.text, 'utf8');
    case 'utf8-bom':
      return Buffer.from(BYTE_ORDER_MARK + file.text, 'utf8');
    case 'utf16le':
      return Buffer.from(BYTE_ORDER_MARK + file.text, 'utf16le');
    case 'utf16be':
      return Buffer.from(BYTE_ORDER_MARK + file.text, 'utf16le').swap16();
  }
}

/**
 * Whether writing the decoded text back gives the very bytes that were read: not so for invalid
 * UTF-8 (read as U+FFFD), Latin-1 bytes, or UTF-16 of odd length. Such a file is never rewritten.
 */
function roundTrips(bytes: Buffer, file: DecodedFile): boolean {
  return encoded(file).equals(asBytes(bytes));
}

/** Writes a fixed text back in the encoding it was read in. */
function writeEncoded(absolutePath: string, file: DecodedFile): void {
  switch (file.encoding) {
    case 'utf8':
      return fs.writeFileSync(absolutePath, file.text, 'utf8');
    case 'utf8-bom':
      return fs.writeFileSync(absolutePath, BYTE_ORDER_MARK + file.text, 'utf8');
    case 'utf16le':
      return fs.writeFileSync(absolutePath, BYTE_ORDER_MARK + file.text, 'utf16le');
    case 'utf16be':
      return fs.writeFileSync(absolutePath, asBytes(Buffer.from(BYTE_ORDER_MARK + file.text, 'utf16le').swap16()));
  }
}

function toReported(finding: Finding): ReportedFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: finding.range,
    fixes: finding.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
    ...(finding.context ? { context: finding.context } : {}),
  };
}

const hasSyntaxError = (findings: readonly Finding[]): boolean => findings.some((f) => f.ruleId === 'json-syntax');

/**
 * Applies fixes until nothing changes. A round that would break the document's syntax is
 * thrown away, so a faulty fix can never corrupt a file.
 */
export function fixText(text: string, options: LintOptions, mode: FixMode = 'safe'): { text: string; findings: Finding[]; recognized: boolean; fixesApplied: number } {
  let current = lintText(text, options);
  let currentText = text;
  let fixesApplied = 0;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const { edits, fixCount } = selectApplicableEdits(current.findings, mode);
    if (fixCount === 0) break;
    let nextText: string;
    try {
      nextText = applyEdits(currentText, edits);
    } catch {
      break;
    }
    if (nextText === currentText) break;
    const next = lintText(nextText, options);
    if (hasSyntaxError(next.findings) && !hasSyntaxError(current.findings)) break;
    currentText = nextText;
    current = next;
    fixesApplied += fixCount;
  }
  return { text: currentText, findings: current.findings, recognized: current.recognized, fixesApplied };
}

/**
 * One open, one fstat, reads into a buffer sized from it: the fewest system calls for a bounded read.
 * `listedRegular`: a folder listing (readdir's file type) said regular file, so no stat is needed first.
 */
function readLimited(absolutePath: string, maxBytes: number, listedRegular = false): Buffer | 'too-large' | 'not-a-file' {
  // Opening a FIFO waits for a writer, a device may act on being opened: only regular files (a symlink
  // counts as what it points to) are opened, and without blocking, in case one is swapped in between;
  // fstat on the open file then decides.
  if (!listedRegular && !fs.statSync(absolutePath).isFile()) return 'not-a-file';
  const fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return 'not-a-file';
    if (stat.size > maxBytes) return 'too-large';
    // One spare byte tells a file that grew since fstat from one that did not.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return 'too-large';
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(asBytes(grown), 0, 0, length);
        buffer = grown;
      }
      const read = fs.readSync(fd, asBytes(buffer), length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a file as the CLI and the editor's workspace scan both read it: regular files only, bounded
 * in size, decoded by byte-order mark (UTF-8, UTF-16), binary files refused.
 */
export function readTextFile(absolutePath: string, maxBytes: number): { text: string } | 'too-large' | 'not-a-file' | 'binary' {
  const bytes = readLimited(absolutePath, maxBytes);
  if (bytes === 'too-large' || bytes === 'not-a-file') return bytes;
  const file = decode(bytes);
  return file ? { text: file.text } : 'binary';
}

/** Each thread finds configuration files for itself; a scan reads each folder's once. */
const configs = new ConfigFinder();

export function scanFile(absolutePath: string, options: FileScanOptions, listedRegular = false): FileOutcome {
  let config: ProjectConfig | undefined;
  try {
    config = configs.forFile(absolutePath);
  } catch (error) {
    return { kind: 'unreadable', message: `invalid configuration ${error instanceof Error ? error.message : String(error)}` };
  }
  if (configExcludes(config, absolutePath)) return { kind: 'skipped', reason: 'excluded' };
  let bytes: Buffer | 'too-large' | 'not-a-file';
  try {
    bytes = readLimited(absolutePath, options.maxFileBytes, listedRegular);
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
  if (bytes === 'too-large' || bytes === 'not-a-file') return { kind: 'skipped', reason: bytes };
  const file = decode(bytes);
  if (!file) return { kind: 'skipped', reason: 'binary' };
  const lintOptions: LintOptions = { ...options.lint, ...lintOptionsFor(config, absolutePath, options.lint), fileName: absolutePath };
  try {
    if (!options.fix) {
      const result = lintText(file.text, lintOptions);
      return { kind: 'linted', recognized: result.recognized, findings: result.findings.map(toReported), fixesApplied: 0 };
    }
    const fixed = fixText(file.text, lintOptions, options.fixMode ?? 'safe');
    if (fixed.text === file.text) return { kind: 'linted', recognized: fixed.recognized, findings: fixed.findings.map(toReported), fixesApplied: 0 };
    if (!roundTrips(bytes, file)) {
      // Nothing is written; the findings are those of the file as it is.
      const result = lintText(file.text, lintOptions);
      return {
        kind: 'linted',
        recognized: result.recognized,
        findings: result.findings.map(toReported),
        fixesApplied: 0,
        fixRefused: `not fixed: its bytes are not valid ${file.encoding.startsWith('utf8') ? 'UTF-8' : 'UTF-16'} throughout, so it cannot be written back exactly`,
      };
    }
    writeEncoded(absolutePath, { text: fixed.text, encoding: file.encoding });
    return { kind: 'linted', recognized: fixed.recognized, findings: fixed.findings.map(toReported), fixesApplied: fixed.fixesApplied };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { kind: 'internal-error', message };
  }
}
