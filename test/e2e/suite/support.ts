// Shared waits and lookups for the extension tests. Every wait is on an event or a condition with a deadline.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kms-policy-lint.kms-policy-lint';
export const DIAGNOSTIC_SOURCE = 'kms-policy-lint';

/** Long enough for a cold language server on a slow CI machine, short enough to fail a broken one quickly. */
export const DEADLINE_MS = 20_000;

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

export function docsTargetOf(diagnostic: vscode.Diagnostic): vscode.Uri | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.target : undefined;
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

export function findingsOf(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return ourDiagnostics(uri).filter((diagnostic) => ruleIdOf(diagnostic) === ruleId);
}

function describeDiagnostics(uri: vscode.Uri): string {
  const list = ourDiagnostics(uri).map(
    (d) => `${ruleIdOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
  );
  return list.length > 0 ? list.join('; ') : 'none';
}

/** Resolves with the diagnostics of `uri` once `condition` holds for them, woken by onDidChangeDiagnostics. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  condition: (diagnostics: vscode.Diagnostic[]) => boolean,
  expectation: string,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  const current = ourDiagnostics(uri);
  if (condition(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${uri.path}: ${expectation} did not happen within ${timeoutMs} ms; diagnostics: ${describeDiagnostics(uri)}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = ourDiagnostics(uri);
      if (!condition(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

export async function waitForFinding(uri: vscode.Uri, ruleId: string, severity?: vscode.DiagnosticSeverity): Promise<vscode.Diagnostic> {
  const matches = (d: vscode.Diagnostic): boolean => ruleIdOf(d) === ruleId && (severity === undefined || d.severity === severity);
  const severityText = severity === undefined ? '' : ` (${vscode.DiagnosticSeverity[severity]})`;
  const diagnostics = await waitForDiagnostics(uri, (list) => list.some(matches), `a ${ruleId}${severityText} finding`);
  const found = diagnostics.find(matches);
  assert.ok(found);
  return found;
}

export async function waitForNoFinding(uri: vscode.Uri, ruleId: string): Promise<void> {
  await waitForDiagnostics(uri, (list) => !list.some((d) => ruleIdOf(d) === ruleId), `the ${ruleId} finding going away`);
}

/** Polls a condition until it holds or the deadline passes; for state that has no change event. */
export async function eventually<T>(produce: () => Promise<T | undefined>, expectation: string | (() => string), timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await produce();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const described = typeof expectation === 'string' ? expectation : expectation();
      throw new Error(`${described} did not happen within ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The code actions offered for a finding. Right after a diagnostic appears the workbench's copy of
 * the markers can lag the extension host's, so the provider may answer [] or reject with Canceled:
 * ask again until quick fixes come back.
 */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const ruleId = ruleIdOf(diagnostic);
  let lastAnswer = 'no answer yet';
  return eventually(async () => {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    lastAnswer = JSON.stringify((actions ?? []).map((action) => action.title));
    // The API command drops each action's diagnostics; at the finding's own range, the actions with edits are its fixes.
    const fixes = (actions ?? []).filter(isCodeAction).filter((action) => action.edit !== undefined);
    return fixes.length > 0 ? fixes : undefined;
  }, () => `quick fixes for ${ruleId} in ${uri.path} (last answer: ${lastAnswer})`);
}

/** A provider may answer with bare Commands; only CodeActions carry an edit, a kind and isPreferred. */
function isCodeAction(action: vscode.CodeAction | vscode.Command): action is vscode.CodeAction {
  return typeof (action as vscode.Command).command !== 'string';
}

export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit ?? action.command, `"${action.title}" has neither an edit nor a command`);
}

/**
 * Before any test: the extension activates and its language server publishes diagnostics. When the
 * server cannot start, this one failure says so, instead of every test timing out on its own.
 */
export async function extensionAndServerReady(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  await extension.activate();
  const editor = await openInEditor('key-policy.json');
  await waitForDiagnostics(editor.document.uri, (diagnostics) => diagnostics.length > 0, 'the first diagnostics from the language server', 2 * DEADLINE_MS);
}
