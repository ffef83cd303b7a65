// Hover and completion over LSP: the engine answers from the policy model (hover) and the text
// around the cursor (completion); this file only converts positions and shapes.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Connection,
  type Hover,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeAt, hoverInModel, looksLikePolicyDocument, readDocument, type CompletionKind, type DocumentModel } from '../engine';
import { accessHover } from './accessSummary';
import { exceedsByteLimit } from './lintForEditor';
import type { SettingsStore } from './settings';
import { uriToPath } from './workspaceFolders';

export interface AssistHost {
  documents: TextDocuments<TextDocument>;
  settings(): SettingsStore;
  logError(message: string): void;
}

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  action: CompletionItemKind.Function,
  service: CompletionItemKind.Module,
  operator: CompletionItemKind.Operator,
  conditionKey: CompletionItemKind.Property,
  effect: CompletionItemKind.EnumMember,
  principalType: CompletionItemKind.EnumMember,
  element: CompletionItemKind.Field,
  snippet: CompletionItemKind.Snippet,
};

export function registerAssist(connection: Connection, host: AssistHost): void {
  // Hovers come in bursts over one version: read the model once per version.
  const models = new Map<string, { version: number; model: DocumentModel }>();
  host.documents.onDidClose(({ document }) => models.delete(document.uri));

  const modelOf = (document: TextDocument): DocumentModel => {
    const cached = models.get(document.uri);
    if (cached && cached.version === document.version) return cached.model;
    const model = readDocument(document.getText(), { fileName: uriToPath(document.uri) ?? document.uri, languageId: document.languageId });
    models.set(document.uri, { version: document.version, model });
    return model;
  };

  const usable = async (document: TextDocument): Promise<boolean> => {
    const settings = await host.settings().forResource(document.uri);
    return settings.enable && !exceedsByteLimit(document.getText(), settings.maxFileSize);
  };

  connection.onHover(async (params): Promise<Hover | null> => {
    try {
      const document = host.documents.get(params.textDocument.uri);
      if (!document || !(await usable(document)) || !looksLikePolicyDocument(document.getText())) return null;
      const offset = document.offsetAt(params.position);
      const model = modelOf(document);
      const settings = await host.settings().forResource(document.uri);
      const access = accessHover(model, offset, settings.accounts);
      if (access) return { contents: { kind: MarkupKind.Markdown, value: access } };
      const found = hoverInModel(model, offset);
      if (!found) return null;
      return { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: { start: document.positionAt(found.loc.start), end: document.positionAt(found.loc.end) } };
    } catch (error) {
      host.logError(`Hover failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  });

  connection.onCompletion(async (params): Promise<CompletionList | null> => {
    try {
      const document = host.documents.get(params.textDocument.uri);
      if (!document || !(await usable(document))) return null;
      const offset = document.offsetAt(params.position);
      const result = completeAt(document.getText(), offset, { fileName: uriToPath(document.uri) ?? document.uri, languageId: document.languageId });
      if (!result) return null;
      const range = { start: document.positionAt(result.replace.start), end: document.positionAt(result.replace.end) };
      const items = result.items.map(
        (entry): CompletionItem => ({
          label: entry.label,
          kind: KINDS[entry.kind],
          ...(entry.detail ? { detail: entry.detail } : {}),
          ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
          sortText: entry.sortText,
          ...(entry.filterText ? { filterText: entry.filterText } : {}),
          textEdit: { range, newText: entry.insertText },
          insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        }),
      );
      return { isIncomplete: result.isIncomplete, items };
    } catch (error) {
      host.logError(`Completion failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  });
}
