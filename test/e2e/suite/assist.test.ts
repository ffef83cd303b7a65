/// <reference types="mocha" />
// Writing policies in a real VS Code: hover and completion from the server, in JSON and in a
// CloudFormation YAML template, and a suppression comment honoured there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, findingsOf, openInEditor, waitForFinding } from './support';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('hover and completion in a real VS Code', () => {
  it('hovers an action with its catalog entry and a principal "*" as anyone', async () => {
    const editor = await openInEditor('key-policy.json');
    const text = editor.document.getText();
    await waitForFinding(editor.document.uri, 'kms-wildcard-principal');
    const onAction = editor.document.positionAt(text.lastIndexOf('kms:Decrypt') + 4);
    const action = await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, onAction);
      const shown = hoverText(hovers ?? []);
      return shown.includes('kms:Decrypt') ? shown : undefined;
    }, 'a hover on kms:Decrypt');
    assert.match(action, /Access level: Write/);
    const onStar = editor.document.positionAt(text.indexOf('"AWS":"*"') + 7);
    const star = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, onStar)) ?? []);
    assert.match(star, /anyone/);
  });

  it('completes actions in a YAML template, KMS first', async () => {
    const editor = await openInEditor('template.yaml');
    const at = editor.document.positionAt(editor.document.getText().indexOf('- kms:Decrypt') + '- kms:De'.length);
    const list = await eventually(async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
      return result && result.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'kms:Decrypt') ? result : undefined;
    }, 'kms:Decrypt among the completions');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('kms:DescribeKey'));
  });

  it('lints the YAML template and honours its suppression comment', async () => {
    const editor = await openInEditor('template.yaml');
    const uri = editor.document.uri;
    const finding = await waitForFinding(uri, 'kms-wildcard-principal');
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[finding.range.start.line].trim(), 'Principal: "*"');
    assert.ok(finding.range.start.line < lines.findIndex((l) => l.includes('AcceptedOnPurpose')), 'the Public statement is flagged');
    assert.equal(findingsOf(uri, 'kms-wildcard-principal').length, 1, 'the suppressed statement is not');
  });
});

describe('the configuration file in a real VS Code', () => {
  it('applies the nearest .kms-policy-lint.json: its rule severity wins over the default', async () => {
    const editor = await openInEditor('configured/key-policy.json');
    const finding = await waitForFinding(editor.document.uri, 'kms-wildcard-principal', vscode.DiagnosticSeverity.Warning);
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
  });
});

