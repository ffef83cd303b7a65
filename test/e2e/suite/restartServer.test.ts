/// <reference types="mocha" />
// After "KMS Policy Lint: Restart Server" the new server lints as the user types.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, waitForFinding } from './support';

const RESTART_COMMAND = 'kmsPolicyLint.restartServer';
const WILDCARD_STATEMENT = ',\n    {"Sid":"typed","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}';

describe('Restart Server command', () => {
  it('restarts the server, which then lints an edit as it is typed', async () => {
    await vscode.commands.executeCommand(RESTART_COMMAND);
    const editor = await openInEditor('key-policy-edited-after-restart.json');
    const document = editor.document;

    // Type a statement after the last one, without saving: the server lints the editor's text.
    const lastStatementEnd = document.positionAt(document.getText().lastIndexOf('}', document.getText().lastIndexOf(']')));
    const insertAt = lastStatementEnd.translate(0, 1);
    assert.ok(await editor.edit((edit) => edit.insert(insertAt, WILDCARD_STATEMENT)));
    assert.ok(document.isDirty);

    const finding = await waitForFinding(document.uri, 'kms-wildcard-principal', vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(finding.range), '"Principal":"*"');
  });
});
