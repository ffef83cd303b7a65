/// <reference types="mocha" />
// Settings take effect without a restart: a rule's severity follows kmsPolicyLint.rules.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findingsOf, openInEditor, ruleIdOf, waitForDiagnostics, waitForFinding } from './support';

describe('settings', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('kmsPolicyLint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('changes a rule severity, and turns it off, through kmsPolicyLint.rules', async () => {
    const editor = await openInEditor('key-policy-severity.json');
    const uri = editor.document.uri;
    await waitForFinding(uri, 'kms-wildcard-principal', vscode.DiagnosticSeverity.Error);

    const configuration = vscode.workspace.getConfiguration('kmsPolicyLint', uri);
    await configuration.update('rules', { 'kms-wildcard-principal': 'warning' }, vscode.ConfigurationTarget.Workspace);
    const warning = await waitForFinding(uri, 'kms-wildcard-principal', vscode.DiagnosticSeverity.Warning);
    assert.equal(findingsOf(uri, 'kms-wildcard-principal').length, 1, 'the error was not replaced by the warning');
    assert.equal(warning.range.start.line, 11);

    await configuration.update('rules', { 'kms-wildcard-principal': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (list) => !list.some((d) => ruleIdOf(d) === 'kms-wildcard-principal'), 'the rule turning off');
  });
});
