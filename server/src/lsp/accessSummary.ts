// The access summary in the editor: a CodeLens above each key policy, the request the client's
// table view sends, and the hover text of the `Statement` key.
import * as fs from 'node:fs';
import type { CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, looksLikePolicyDocument, readDocument, type DocumentModel } from '../engine';
import { accessOfDocument, accessOfPolicy, type PolicyAccess } from '../engine/access';
import { inlineCode, escapeMarkdown } from '../engine/access/escape';
import { actionsText } from '../engine/access/format';
import { ACCESS_SUMMARY_METHOD, SHOW_ACCESS_COMMAND, type AccessSummaryParams, type AccessSummaryResult } from '../engine/access/protocol';
import { CAPABILITIES, CAPABILITY_TITLES } from '../engine/access/capabilities';
import { exceedsByteLimit, matchesAnyGlob } from './lintForEditor';
import type { Settings, SettingsStore } from './settings';
import { uriToPath, type WorkspaceFolders } from './workspaceFolders';

export interface AccessSummaryHost {
  documents: TextDocuments<TextDocument>;
  settings(): SettingsStore;
  folders: WorkspaceFolders;
  logError(message: string): void;
}

interface ReadForAccess {
  model: DocumentModel;
  version: number | null;
  accesses: PolicyAccess[];
}

/** Lines shown per capability in a hover before "and n more". */
const HOVER_LINES = 8;

function excluded(uri: string, settings: Settings, folders: WorkspaceFolders): boolean {
  const path = uriToPath(uri);
  return !!path && matchesAnyGlob(folders.globPath(path), settings.exclude);
}

/** The accounts a document's summaries use: what a lint of it would use. */
function read(text: string, uri: string, languageId: string | undefined, settings: Settings, version: number | null): ReadForAccess | undefined {
  if (!settings.enable || exceedsByteLimit(text, settings.maxFileSize) || !looksLikePolicyDocument(text)) return undefined;
  const model = readDocument(text, { fileName: uriToPath(uri) ?? uri, languageId });
  return { model, version, accesses: accessOfDocument(model, { accounts: settings.accounts }) };
}

/**
 * Markdown for the hover of a key policy's `Statement` key: the one-line summary and who can do
 * what. Undefined when the offset is not on the `Statement` key of a key policy.
 */
export function accessHover(doc: DocumentModel, offset: number, accounts: readonly string[] = []): string | undefined {
  const word = wordAt(doc.text, offset);
  if (!word || word.text.toLowerCase() !== 'statement') return undefined;
  const policyIndex = doc.policies.findIndex(
    (policy) => policy.kind === 'key-policy' && policy.loc.start <= word.start && word.end <= policy.loc.end && !insideStatementValue(policy.statements, word.start),
  );
  if (policyIndex < 0) return undefined;
  const access = accessOfPolicy(doc, policyIndex, { accounts });
  const lines = [`**Key access:** ${escapeMarkdown(access.summary)}`, ''];
  for (const capability of CAPABILITIES) {
    const entries = access.entries.filter((e) => e.capability === capability);
    if (entries.length === 0) continue;
    const shown = entries.slice(0, HOVER_LINES).map((e) => {
      const status = e.status === 'yes' ? '' : e.status === 'partly' ? ' (partly conditional)' : ' (conditional)';
      const via = e.via.map((g) => inlineCode(g.statement.name, false)).join(', ');
      return `- ${inlineCode(e.principal.label, false)}${status}: ${escapeMarkdown(actionsText(capability, e.actions))} — via ${via}`;
    });
    if (entries.length > HOVER_LINES) shown.push(`- and ${entries.length - HOVER_LINES} more`);
    lines.push(`*${CAPABILITY_TITLES[capability]}*`, '', ...shown, '');
  }
  for (const note of access.notes) lines.push(`> ${escapeMarkdown(note)}`, '');
  return lines.join('\n').trimEnd();
}

function wordAt(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const isWordChar = (i: number) => i >= 0 && i < text.length && /[A-Za-z_]/.test(text[i]);
  let start = offset;
  let end = offset;
  // A word is at most "Statement" long here: bound the walk so a long run of letters costs nothing.
  while (isWordChar(start - 1) && offset - start < 32) start--;
  while (isWordChar(end) && end - offset < 32) end++;
  return end > start ? { text: text.slice(start, end), start, end } : undefined;
}

/** Inside a statement's elements (a Sid or value spelled "Statement" is not the key). */
function insideStatementValue(statements: DocumentModel['policies'][number]['statements'], offset: number): boolean {
  return statements.some((s) => {
    const parts = [s.sid?.loc, s.effect?.loc, s.principal?.loc, s.action?.loc, s.resource?.loc, s.condition?.loc];
    return parts.some((loc) => loc && loc.start <= offset && offset < loc.end);
  });
}

export function registerAccessSummary(connection: Connection, host: AccessSummaryHost): void {
  // One computation per document version and settings: VS Code asks for lenses often.
  const cache = new Map<string, { version: number; settings: Settings; result: ReadForAccess | undefined }>();

  async function forOpenDocument(document: TextDocument): Promise<ReadForAccess | undefined> {
    const settings = await host.settings().forResource(document.uri);
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.settings === settings) return cached.result;
    const result = excluded(document.uri, settings, host.folders) ? undefined : read(document.getText(), document.uri, document.languageId, settings, document.version);
    cache.set(document.uri, { version: document.version, settings, result });
    return result;
  }

  async function forUri(uri: string): Promise<ReadForAccess | undefined> {
    const document = host.documents.get(uri);
    if (document) return forOpenDocument(document);
    // Not open (a command run on a file from the explorer): read it from disk, within the size limit.
    const path = uriToPath(uri);
    if (!path) return undefined;
    const settings = await host.settings().forResource(uri);
    if (excluded(uri, settings, host.folders)) return undefined;
    const stat = fs.statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > settings.maxFileSize) return undefined;
    return read(fs.readFileSync(path, 'utf8'), uri, undefined, settings, null);
  }

  host.documents.onDidClose(({ document }) => cache.delete(document.uri));

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    try {
      const document = host.documents.get(params.textDocument.uri);
      if (!document) return [];
      const read = await forOpenDocument(document);
      if (!read || read.accesses.length === 0) return [];
      const lines = new LineIndex(read.model.text);
      return read.accesses.map((access) => {
        const at = lines.positionAt(access.anchor.start);
        return {
          range: { start: at, end: at },
          command: { title: access.summary, command: SHOW_ACCESS_COMMAND, arguments: [params.textDocument.uri, access.policyIndex] },
        };
      });
    } catch (error) {
      host.logError(`Access summary lenses failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [];
    }
  });

  connection.onRequest(ACCESS_SUMMARY_METHOD, async (params: AccessSummaryParams): Promise<AccessSummaryResult | null> => {
    try {
      if (typeof params?.uri !== 'string') return null;
      const read = await forUri(params.uri);
      if (!read || read.accesses.length === 0) return null;
      const lines = new LineIndex(read.model.text);
      let access: PolicyAccess | undefined;
      if (typeof params.policyIndex === 'number') access = read.accesses.find((a) => a.policyIndex === params.policyIndex);
      else if (params.position && typeof params.position.line === 'number' && typeof params.position.character === 'number') {
        const offset = lines.offsetAt(params.position);
        access = read.accesses.find((a) => a.loc.start <= offset && offset <= a.loc.end);
      }
      access ??= typeof params.policyIndex === 'number' ? undefined : read.accesses[0];
      if (!access) return null;
      const policy = read.model.policies[access.policyIndex];
      return {
        uri: params.uri,
        version: read.version,
        access,
        statementRanges: policy.statements.map((s) => lines.range(s.loc.start, s.loc.end - s.loc.start)),
        policyRange: lines.range(policy.loc.start, policy.loc.end - policy.loc.start),
        policies: read.accesses.map((a) => ({ policyIndex: a.policyIndex, ...(a.label ? { label: a.label } : {}), line: a.line, summary: a.summary })),
      };
    } catch (error) {
      host.logError(`Access summary failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  });
}
