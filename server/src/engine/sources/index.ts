// Picks the reader for a document: its language (from the editor or the file name) first, then its content.
import type { DocumentFormat, DocumentModel } from '../model/types';
import { isCloudFormation, jsonCloudFormation, readCloudFormation } from './cloudformation';
import { emptyFound, readJsonDocument, type Found } from './json-document';
import { DUPLICATE_KEY_ERROR, documentJson, parseStringLiteral, type JsonStrictness, type JsonText } from './json-text';
import { syntaxProblemOf } from './syntax';
import { readerFor, type SyntaxReader } from './registry';

export interface ReadOptions {
  fileName?: string;
  languageId?: string;
}

export interface ReadResult extends DocumentModel {
  /** The document holds something the engine recognises (a policy, a key, an event, a broken policy document). */
  readonly recognized: boolean;
}

const POLICY_HINT = /["']?(Statement|Policy|KeyMetadata|KeyId|KeyState|eventSource|Effect|Principal|PolicyDocument|KeyPolicy)["']?\s*[:=]/;

/** A cheap first look: could this text hold a policy, a key description, a KMS event or a template with one? */
export function looksLikePolicyDocument(text: string): boolean {
  return POLICY_HINT.test(text) || /aws_kms_|aws_iam_|AWS::KMS::|AWS::IAM::/.test(text);
}

/** Whether the first thing after white space, a byte-order mark and comments is `{` or `[`. */
export function opensAsJson(text: string): boolean {
  let i = 0;
  for (;;) {
    while (i < text.length && (text[i] === '\uFEFF' || /\s/.test(text[i]))) i++;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else break;
  }
  return text[i] === '{' || text[i] === '[';
}

export type SourceKind = 'json' | 'jsonc' | 'yaml' | 'terraform' | 'template';

function extension(fileName: string | undefined): string {
  const name = (fileName ?? '').toLowerCase().replace(/\\/g, '/').split('/').pop() ?? '';
  for (const ext of ['.json.tpl', '.json.tftpl', '.tftpl', '.tpl', '.tfvars', '.tf', '.jsonc', '.json', '.yaml', '.yml', '.template']) {
    if (name.endsWith(ext)) return ext;
  }
  return '';
}

/** Which reader a document gets: the editor's language wins, then the file name, then the content. */
export function sourceKind(text: string, options: ReadOptions): SourceKind {
  const language = options.languageId?.toLowerCase();
  if (language === 'json') return 'json';
  if (language === 'jsonc') return 'jsonc';
  if (language === 'yaml' || language === 'cloudformation' || language === 'cloudformation-yaml') return 'yaml';
  if (language === 'terraform' || language === 'hcl' || language === 'terraform-vars') return 'terraform';
  switch (extension(options.fileName)) {
    case '.json':
      return 'json';
    case '.jsonc':
      return 'jsonc';
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.tf':
    case '.tfvars':
      return 'terraform';
    case '.tftpl':
    case '.tpl':
    case '.json.tpl':
    case '.json.tftpl':
      return 'template';
    default:
      if (opensAsJson(text)) return 'jsonc';
      if (/^\s*(resource|data|module|locals|variable|provider|terraform)\s+["{a-z]/m.test(text) && !/^\s*AWSTemplateFormatVersion\s*:/m.test(text)) return 'terraform';
      return 'yaml';
  }
}

function result(text: string, format: DocumentFormat, found: Found): ReadResult {
  const recognized = found.policies.length > 0 || found.keys.length > 0 || found.events.length > 0 || found.syntaxProblems.length > 0;
  return { text, format, ...found, recognized };
}

/** For a JSON document, the strictness it is read with; undefined for other syntaxes. */
export function jsonStrictness(text: string, options: ReadOptions): JsonStrictness | undefined {
  const kind = sourceKind(text, options);
  return kind === 'json' || kind === 'jsonc' ? kind : undefined;
}

/** Reads a JSON document parsed already (by an incremental parser). */
export function readParsedJson(doc: JsonText, strictness: JsonStrictness): ReadResult {
  return readJsonText(doc.text, strictness, 'json', doc);
}

/**
 * The last few documents read, so a lint and the hovers that follow it on the same text read it
 * once (YAML and HCL parsers cost far more than a lookup). Bounded; keyed by the text itself and
 * how it was named, compared in full, so different documents never share an entry.
 */
const recent: { text: string; fileName?: string; languageId?: string; result: ReadResult }[] = [];
const RECENT_LIMIT = 4;
/** Small documents are cheap to read again: only large ones are kept. */
const RECENT_MIN_LENGTH = 16 * 1024;

export function readDocument(text: string, options: ReadOptions = {}): ReadResult {
  if (text.length < RECENT_MIN_LENGTH) return readUncached(text, options);
  const hit = recent.find((r) => r.fileName === options.fileName && r.languageId === options.languageId && r.text === text);
  if (hit) return hit.result;
  const result = readUncached(text, options);
  recent.unshift({ text, fileName: options.fileName, languageId: options.languageId, result });
  if (recent.length > RECENT_LIMIT) recent.pop();
  return result;
}

function readUncached(text: string, options: ReadOptions): ReadResult {
  const kind = sourceKind(text, options);
  if (kind === 'yaml' || kind === 'terraform') {
    const reader: SyntaxReader | undefined = readerFor(kind);
    if (!reader) return result(text, 'unknown', emptyFound());
    const read = reader(text, options);
    return result(text, read.format, read.found);
  }
  if (kind === 'template') return readJsonText(text, 'jsonc', 'template');
  return readJsonText(text, kind, 'json');
}

function readJsonText(text: string, strictness: JsonStrictness, format: 'json' | 'template', parsed?: JsonText): ReadResult {
  const doc = parsed ?? documentJson(text, strictness, format === 'template' ? 'terraform' : 'plain');
  const found = emptyFound();
  const duplicatesOnly = doc.errors.length > 0 && doc.errors.every((e) => e.error === (DUPLICATE_KEY_ERROR as typeof e.error));
  if (doc.errors.length > 0) {
    // A template's placeholders are not JSON errors; whatever else keeps it from parsing is not ours to judge.
    if (format === 'template' || !opensAsJson(text) || !looksLikePolicyDocument(text)) return result(text, 'unknown', found);
    found.syntaxProblems.push(syntaxProblemOf(doc, doc.errors[0]));
    if (!duplicatesOnly) return result(text, format, found);
  }
  if (isCloudFormation(doc.root)) {
    readCloudFormation(doc.root, jsonCloudFormation(doc, (node, mode) => parseStringLiteral(doc.text, node, mode, doc.toDocument)), found);
    return result(text, 'cloudformation-json', found);
  }
  readJsonDocument(doc, found);
  return result(text, format, found);
}
