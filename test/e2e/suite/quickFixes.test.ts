/// <reference types="mocha" />
// Quick fixes through VS Code's own code-action command: the edit lands, the document stays valid, the finding goes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, findingsOf, openInEditor, quickFixesFor, waitForFinding, waitForNoFinding } from './support';

interface PolicyStatement {
  Sid?: string;
  Condition?: Record<string, Record<string, unknown>>;
  Resource?: unknown;
}
interface PolicyDocument {
  Statement: PolicyStatement[];
}

function preferred(actions: vscode.CodeAction[]): vscode.CodeAction {
  const preferredActions = actions.filter((action) => action.isPreferred);
  assert.equal(preferredActions.length, 1, `expected one preferred fix, got: ${actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ')}`);
  return preferredActions[0];
}

describe('quick fixes in a real VS Code', () => {
  it('restricts a wildcard principal to the own account with a kms:CallerAccount condition', async () => {
    const editor = await openInEditor('key-policy-to-fix.json');
    const uri = editor.document.uri;
    const finding = await waitForFinding(uri, 'kms-wildcard-principal');
    const fixes = await quickFixesFor(uri, finding);
    for (const fix of fixes) assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `${fix.title} is not a quick fix`);
    const fix = preferred(fixes);
    assert.match(fix.title, /kms:CallerAccount/);

    await applyCodeAction(fix);
    const policy = JSON.parse(editor.document.getText()) as PolicyDocument;
    const statement = policy.Statement.find((s) => s.Sid === 'x');
    assert.deepEqual(statement?.Condition, { StringEquals: { 'kms:CallerAccount': '111122223333' } });
    await waitForNoFinding(uri, 'kms-wildcard-principal');
    assert.deepEqual(findingsOf(uri, 'json-syntax'), []);
  });

  it('edits the policy inside a CloudTrail event string through its escapes', async () => {
    const editor = await openInEditor('cloudtrail-put-key-policy.json');
    const uri = editor.document.uri;
    const finding = await waitForFinding(uri, 'kms-wildcard-principal');
    const fix = preferred(await quickFixesFor(uri, finding));

    await applyCodeAction(fix);
    const event = JSON.parse(editor.document.getText()) as { requestParameters: { policy: string } };
    const policy = JSON.parse(event.requestParameters.policy) as PolicyDocument;
    assert.deepEqual(policy.Statement.find((s) => s.Sid === 'x')?.Condition, { StringEquals: { 'kms:CallerAccount': '111122223333' } });
    await waitForNoFinding(uri, 'kms-wildcard-principal');
  });

  it('narrows the Resource of a decrypt-everything identity policy', async () => {
    const editor = await openInEditor('identity-policy.jsonc');
    const uri = editor.document.uri;
    const finding = await waitForFinding(uri, 'kms-decrypt-all-resources');
    const fix = preferred(await quickFixesFor(uri, finding));

    await applyCodeAction(fix);
    assert.ok(!editor.document.getText().includes('"Resource":"*"'), `Resource is still "*":\n${editor.document.getText()}`);
    await waitForNoFinding(uri, 'kms-decrypt-all-resources');
    assert.deepEqual(findingsOf(uri, 'json-syntax'), []);
  });
});
