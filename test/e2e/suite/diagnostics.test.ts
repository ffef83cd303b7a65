/// <reference types="mocha" />
// Diagnostics as VS Code shows them: rule id in `code`, docs link as its target, the exact range, the severity.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, docsTargetOf, findingsOf, openInEditor, ourDiagnostics, ruleIdOf, waitForFinding } from './support';

function assertLinksToDocs(diagnostic: vscode.Diagnostic, ruleId: string): void {
  const target = docsTargetOf(diagnostic);
  assert.ok(target, `${ruleId}: diagnostic.code has no docs target`);
  // The link names the page shipped in the extension: it opens offline, inside the editor.
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const page = join(extension.extensionPath, 'docs', 'rules', `${ruleId}.md`);
  assert.equal(target.scheme, 'file');
  assert.equal(target.fsPath, vscode.Uri.file(page).fsPath);
  assert.ok(existsSync(page), `docs/rules/${ruleId}.md is missing`);
}

describe('diagnostics in a real VS Code', () => {
  it('flags the wildcard principal of a key policy as an error on the Principal of that statement', async () => {
    const editor = await openInEditor('key-policy.json');
    const uri = editor.document.uri;
    const finding = await waitForFinding(uri, 'kms-wildcard-principal');

    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    const statementLine = editor.document.getText().split('\n').findIndex((line) => line.includes('"Sid":"x"'));
    assert.equal(finding.range.start.line, statementLine);
    assert.equal(editor.document.getText(finding.range), '"Principal":{"AWS":"*"}');
    assert.match(finding.message, /any AWS account/);
    assert.ok(!finding.message.includes('kms-wildcard-principal'), 'the rule id belongs in code, not in the message');
    assertLinksToDocs(finding, 'kms-wildcard-principal');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'the extension did not activate for a JSON policy');

    // The default "Enable IAM User Permissions" statement is never an error or a warning.
    const rootStatementProblems = ourDiagnostics(uri).filter(
      (d) => d.range.start.line < statementLine && d.severity <= vscode.DiagnosticSeverity.Warning,
    );
    assert.deepEqual(rootStatementProblems.map(ruleIdOf), []);
  });

  it('warns about kms:Decrypt on every resource in an IAM policy written in JSONC', async () => {
    const editor = await openInEditor('identity-policy.jsonc');
    const uri = editor.document.uri;
    const finding = await waitForFinding(uri, 'kms-decrypt-all-resources');

    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    const lines = editor.document.getText().split('\n');
    const statementLine = lines.findIndex((line) => line.includes('"Action":"kms:Decrypt"'));
    // The finding sits on the "*" of Resource, where the narrowing fix will write.
    assert.equal(finding.range.start.line, statementLine);
    assert.equal(finding.range.start.character, lines[statementLine].indexOf('"Resource":"*"') + '"Resource":'.length);
    assert.equal(editor.document.getText(finding.range), '"*"');
    assertLinksToDocs(finding, 'kms-decrypt-all-resources');
    // Comments are JSONC, not a syntax error; an identity policy has no principal to flag.
    assert.deepEqual(findingsOf(uri, 'json-syntax'), []);
    assert.deepEqual(findingsOf(uri, 'kms-wildcard-principal'), []);
  });

  it('finds the wildcard principal inside the policy string of a CloudTrail PutKeyPolicy event', async () => {
    const editor = await openInEditor('cloudtrail-put-key-policy.json');
    const document = editor.document;
    const finding = await waitForFinding(document.uri, 'kms-wildcard-principal');

    const text = document.getText();
    const stringStart = text.indexOf('"policy": "') + '"policy": '.length;
    const stringEnd = text.indexOf('"\n', stringStart);
    assert.ok(stringStart > '"policy": '.length && stringEnd > stringStart, 'fixture: the policy string was not found');
    const start = document.offsetAt(finding.range.start);
    const end = document.offsetAt(finding.range.end);
    assert.ok(start > stringStart && end <= stringEnd, `finding ${start}-${end} is not inside the string ${stringStart}-${stringEnd}`);
    // The range covers the escaped source text of the principal, quotes and backslashes included.
    assert.equal(document.getText(finding.range), '\\"Principal\\":{\\"AWS\\":\\"*\\"}');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    assertLinksToDocs(finding, 'kms-wildcard-principal');
  });

  it('warns about a key description pending deletion without rotation', async () => {
    const editor = await openInEditor('key-description.json');
    const uri = editor.document.uri;
    const pendingDeletion = await waitForFinding(uri, 'kms-key-pending-deletion', vscode.DiagnosticSeverity.Warning);
    const rotation = await waitForFinding(uri, 'kms-key-rotation-disabled', vscode.DiagnosticSeverity.Warning);

    assert.equal(editor.document.lineAt(pendingDeletion.range.start.line).text.trim(), '"KeyState": "PendingDeletion",');
    assert.equal(editor.document.lineAt(rotation.range.start.line).text.trim(), '"KeyRotationEnabled": false,');
    assert.match(pendingDeletion.message, /2026-12-01/);
    assertLinksToDocs(pendingDeletion, 'kms-key-pending-deletion');
    assertLinksToDocs(rotation, 'kms-key-rotation-disabled');
  });

  it('finds "*" among the AWS principals of `aws kms get-key-policy` output', async () => {
    const editor = await openInEditor('get-key-policy-output.json');
    const document = editor.document;
    const finding = await waitForFinding(document.uri, 'kms-wildcard-principal', vscode.DiagnosticSeverity.Error);

    // One line holds the whole policy string; the finding is its second statement's Principal, escapes and all.
    assert.equal(finding.range.start.line, 1);
    const covered = document.getText(finding.range);
    assert.ok(covered.startsWith('\\"Principal\\": {') && covered.includes('\\"*\\"') && covered.endsWith('}'), covered);
    const secondStatement = document.lineAt(1).text.indexOf('Allow use of the key');
    assert.ok(finding.range.start.character > secondStatement, 'the finding is not on the second statement');
    assertLinksToDocs(finding, 'kms-wildcard-principal');
  });
});
