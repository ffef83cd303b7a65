// The ways CI and editors run the CLI: the VS Code problem matcher against real text output, the
// GitHub Action's entry script run locally, and the pre-commit hook's command as pre-commit runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BAD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] }, null, 2) + '\n';
const IDENTITY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }, null, 2) + '\n';
const folders: string[] = [];
after(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-policy-lint-ci-'));
  folders.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('CI integrations', () => {
  it('the problem matcher reads every finding line of the text output, as the JSON report has it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: { name: string; pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number } }[] } };
    const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'kms-policy-lint')!;
    const regexp = new RegExp(matcher.pattern.regexp);
    const root = tree({ 'keys/key.json': BAD, 'identity.json': IDENTITY });
    const text = spawnSync(process.execPath, [CLI, 'scan', '--fail-on', 'none'], { cwd: root, encoding: 'utf8' }).stdout;
    const json = JSON.parse(spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8' }).stdout) as { findings: { file: string; ruleId: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] };
    const matched = text.split('\n').map((line) => regexp.exec(line)).filter((m): m is RegExpExecArray => m !== null);
    const p = matcher.pattern;
    assert.deepEqual(
      matched.map((m) => [m[p.file], Number(m[p.line]), Number(m[p.column]), m[p.severity], m[p.message], m[p.code]]),
      json.findings.map((f) => [f.file, f.range.start.line + 1, f.range.start.character + 1, f.severity, f.message, f.ruleId]),
    );
    assert.ok(matched.length >= 3);
    assert.ok(!regexp.test(text.trimEnd().split('\n').at(-1)!), 'the summary line is not a problem');
  });

  it('the GitHub Action writes SARIF, annotates each finding and fails at --fail-on', () => {
    const root = tree({ 'policies/key.json': BAD, 'policies/ok.json': '{"name": "not a policy"}' });
    const output = path.join(root, 'github-output.txt');
    fs.writeFileSync(output, '');
    const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'ci', 'github-action.sh')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KMS_POLICY_LINT: `${process.execPath} ${CLI}`, INPUT_PATHS: 'policies', INPUT_FAIL_ON: 'warning', INPUT_SARIF: 'out.sarif', GITHUB_OUTPUT: output },
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^::error file=policies\/key\.json,line=\d+,col=\d+,endLine=\d+,title=kms-wildcard-principal::Principal/m);
    assert.match(run.stdout, /^::warning file=policies\/key\.json,.*title=kms-unconditioned-full-access::/m);
    const sarif = JSON.parse(fs.readFileSync(path.join(root, 'out.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length >= 2);
    assert.match(fs.readFileSync(output, 'utf8'), /^sarif=out\.sarif$/m);
    const lenient = spawnSync('bash', [path.join(ROOT, 'scripts', 'ci', 'github-action.sh')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KMS_POLICY_LINT: `${process.execPath} ${CLI}`, INPUT_PATHS: 'policies', INPUT_FAIL_ON: 'none', INPUT_SARIF: 'out.sarif', GITHUB_OUTPUT: output },
    });
    assert.equal(lenient.status, 0, 'fail-on none passes');
  });

  it('the pre-commit hook runs its entry on the staged files its pattern selects', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; language: string }[];
    const hook = hooks.find((h) => h.id === 'kms-policy-lint')!;
    const files = new RegExp(hook.files);
    const root = tree({ 'key.json': BAD, 'template.yaml': 'a: 1\n', 'README.md': '# x\n' });
    const staged = ['key.json', 'template.yaml', 'README.md'].filter((f) => files.test(f));
    assert.deepEqual(staged, ['key.json', 'template.yaml']);
    const [command, ...args] = hook.entry.split(' ');
    assert.equal(command, 'kms-policy-lint', 'the package bin');
    const run = spawnSync(process.execPath, [CLI, ...args, ...staged], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1, 'pre-commit blocks the commit');
    assert.match(run.stdout, /key\.json:\d+:\d+ {2}error/);
  });
});
