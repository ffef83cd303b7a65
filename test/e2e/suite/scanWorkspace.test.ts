/// <reference types="mocha" />
// "KMS Policy Lint: Scan Workspace" lints files that were never opened in an editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForFinding, workspaceUri } from './support';

const SCAN_COMMAND = 'kmsPolicyLint.scanWorkspace';

/** The part of the command's result (the server's scan summary) these tests rely on. */
interface ScanSummary {
  cancelled: boolean;
  filesScanned: number;
  filesWithFindings: number;
  findingsBySeverity: { error: number; warning: number };
}

describe('Scan Workspace command', () => {
  it('is contributed by the extension', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(SCAN_COMMAND), `${SCAN_COMMAND} is not registered`);
  });

  it('reports findings of files never opened', async () => {
    const keyPolicy = workspaceUri('never-opened/key-policy.json');
    const identityPolicy = workspaceUri('never-opened/identity-policy.json');
    const opened = vscode.workspace.textDocuments.map((document) => document.uri.toString());
    assert.ok(!opened.includes(keyPolicy.toString()) && !opened.includes(identityPolicy.toString()), 'fixture files were opened before the scan');

    const findingsArrive = Promise.all([
      waitForFinding(keyPolicy, 'kms-wildcard-principal', vscode.DiagnosticSeverity.Error),
      waitForFinding(identityPolicy, 'kms-decrypt-all-resources', vscode.DiagnosticSeverity.Warning),
    ]);
    const summary = await vscode.commands.executeCommand<ScanSummary | undefined>(SCAN_COMMAND);
    const [keyFinding, identityFinding] = await findingsArrive;
    assert.ok(summary, 'the command returned no scan summary');
    assert.equal(summary.cancelled, false);
    // The two files never opened alone make two files with findings, an error and a warning.
    assert.ok(summary.filesScanned >= 2 && summary.filesWithFindings >= 2, JSON.stringify(summary));
    assert.ok(summary.findingsBySeverity.error >= 1 && summary.findingsBySeverity.warning >= 1, JSON.stringify(summary));
    assert.equal(keyFinding.range.start.line, 11);
    assert.equal(identityFinding.range.start.line, 3);
    const stillUnopened = vscode.workspace.textDocuments.every((document) => document.uri.toString() !== keyPolicy.toString());
    assert.ok(stillUnopened, 'the scan opened the file in an editor instead of linting it from disk');
  });
});
