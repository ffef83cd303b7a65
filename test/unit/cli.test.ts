// The command line as users run it: `node dist/cli.js scan ...` on folders made for each test.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { docsUrl, RULES } from '../../server/src/engine';
import type { JsonReport, JsonReportFinding } from '../../server/src/report/json';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SARIF_SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const OWN_ACCOUNT = '111122223333';

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** A key policy that lets anyone in: kms-wildcard-principal (error) and kms-unconditioned-full-access (warning). */
const WILDCARD_KEY_POLICY = pretty({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
});
/** An identity policy that decrypts with every key: kms-decrypt-all-resources (warning). */
const DECRYPT_EVERYWHERE_POLICY = pretty({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }],
});
/** The default key policy's root statement: nothing at warning or error level. */
const CLEAN_KEY_POLICY = pretty({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
});
const BROKEN_POLICY = '{"Statement": [';

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const temporaryFolders: string[] = [];

function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-policy-lint-cli-'));
  temporaryFolders.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return root;
}

function runCli(args: readonly string[], cwd: string, cli = CLI): CliRun {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scanJson(args: readonly string[], cwd: string): { run: CliRun; report: JsonReport } {
  const run = runCli(['scan', '--format', 'json', ...args], cwd);
  assert.equal(run.stderr, '', 'no message on stderr');
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

const problems = (findings: readonly JsonReportFinding[]): JsonReportFinding[] =>
  findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

const summarize = (findings: readonly JsonReportFinding[]): string[] =>
  findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`);

/** The lines a statement object spans in a pretty-printed single-statement policy. */
function statementLines(text: string): { first: number; last: number } {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() === '{' && line.startsWith('    '));
  const last = lines.findIndex((line, i) => i > first && /^ {4}\}/.test(line));
  return { first, last };
}

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
});

after(() => {
  for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('exits 0 on a clean folder and prints a summary', () => {
    const root = makeTree({ 'key-policy.json': CLEAN_KEY_POLICY });
    const run = runCli(['scan'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^0 errors, 0 warnings, \d+ information, \d+ hints in 1 file scanned/m);
  });

  it('exits 1 when a finding is at or above the default warning level', () => {
    const root = makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY });
    assert.equal(runCli(['scan'], root).status, 1);
  });

  it('exits 2 on a missing path, naming it on stderr, without a report', () => {
    const root = makeTree({ 'key-policy.json': WILDCARD_KEY_POLICY });
    const run = runCli(['scan', 'key-policy.json', 'no-such-folder'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no-such-folder/);
    assert.equal(run.stdout, '');
  });

  for (const [label, args] of [
    ['an unknown flag', ['scan', '--bogus']],
    ['an unknown rule id', ['scan', '--rule', 'kms-no-such-rule=off']],
    ['a bad rule level', ['scan', '--rule', 'kms-wildcard-principal=fatal']],
    ['a malformed --rule', ['scan', '--rule', 'kms-wildcard-principal']],
    ['an unknown format', ['scan', '--format', 'xml']],
    ['an unknown --fail-on level', ['scan', '--fail-on', 'hint']],
    ['an account id that is not 12 digits', ['scan', '--account', '12345']],
    ['a missing command', []],
    ['an unknown command', ['lint']],
  ] as const) {
    it(`exits 2 on ${label}`, () => {
      const root = makeTree({ 'key-policy.json': WILDCARD_KEY_POLICY });
      const run = runCli(args, root);
      assert.equal(run.status, 2, run.stdout);
      assert.match(run.stderr, /kms-policy-lint: .+/);
      assert.equal(run.stdout, '');
    });
  }

  it('prints help and the version with exit 0', () => {
    const root = makeTree({});
    const help = runCli(['--help'], root);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: kms-policy-lint scan/);
    const version = runCli(['--version'], root);
    assert.equal(version.status, 0);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), manifest.version);
  });
});

describe('--fail-on and --rule', () => {
  it('fails on warnings by default, on errors only with --fail-on error, never with none', () => {
    const warningsOnly = makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY });
    assert.equal(runCli(['scan'], warningsOnly).status, 1);
    assert.equal(runCli(['scan', '--fail-on', 'warning'], warningsOnly).status, 1);
    assert.equal(runCli(['scan', '--fail-on', 'error'], warningsOnly).status, 0);
    assert.equal(runCli(['scan', '--fail-on', 'none'], warningsOnly).status, 0);
    const withError = makeTree({ 'key-policy.json': WILDCARD_KEY_POLICY });
    assert.equal(runCli(['scan', '--fail-on', 'error'], withError).status, 1);
    assert.equal(runCli(['scan', '--fail-on', 'none'], withError).status, 0);
  });

  it('counts information-level findings only for --fail-on information', () => {
    const root = makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY });
    const demoted = ['--rule', 'kms-decrypt-all-resources=information'];
    const { report } = scanJson(demoted, root);
    assert.deepEqual(summarize(report.findings.filter((f) => f.ruleId === 'kms-decrypt-all-resources')), ['identity.json kms-decrypt-all-resources information']);
    assert.equal(runCli(['scan', ...demoted], root).status, 0);
    assert.equal(runCli(['scan', ...demoted, '--fail-on', 'warning'], root).status, 0);
    assert.equal(runCli(['scan', ...demoted, '--fail-on', 'information'], root).status, 1);
  });

  it('turns a rule off and changes another one\'s severity', () => {
    const root = makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY, 'key-policy.json': WILDCARD_KEY_POLICY });
    const { report: off } = scanJson(['--rule', 'kms-decrypt-all-resources=off'], root);
    assert.ok(!off.findings.some((f) => f.ruleId === 'kms-decrypt-all-resources'));
    assert.ok(off.findings.some((f) => f.ruleId === 'kms-wildcard-principal'), 'other rules still run');
    const { report: demoted } = scanJson(['--rule', 'kms-wildcard-principal=warning'], root);
    const wildcard = demoted.findings.filter((f) => f.ruleId === 'kms-wildcard-principal');
    assert.equal(wildcard.length, 1);
    assert.equal(wildcard[0].severity, 'warning');
    assert.equal(runCli(['scan', '--fail-on', 'error', '--rule', 'kms-wildcard-principal=warning', 'key-policy.json'], root).status, 0);
  });

  it('takes the own account from --account', () => {
    // The root of another account getting kms:* is a warning; naming that account as our own makes it the default statement.
    const otherRoot = pretty({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:*', Resource: '*' },
      ],
    });
    const root = makeTree({ 'key-policy.json': otherRoot });
    const { report: unknownOwner } = scanJson([], root);
    assert.ok(problems(unknownOwner.findings).some((f) => f.ruleId === 'kms-unconditioned-full-access'));
    const { report: ownedByPartner } = scanJson(['--account', '444455556666'], root);
    const partnerStatementLine = otherRoot.split('\n').findIndex((line) => line.includes('"Sid": "Partner"'));
    const flaggedLines = problems(ownedByPartner.findings).filter((f) => f.ruleId === 'kms-unconditioned-full-access').map((f) => f.range.start.line);
    assert.ok(flaggedLines.length > 0);
    assert.ok(flaggedLines.every((line) => line < partnerStatementLine), `only the other account's root statement is flagged: ${flaggedLines}`);
  });
});

describe('reports', () => {
  const files = {
    'keys/open-key.json': WILDCARD_KEY_POLICY,
    'keys/clean-key.json': CLEAN_KEY_POLICY,
    'roles/decrypt.json': DECRYPT_EVERYWHERE_POLICY,
    'roles/broken.json': BROKEN_POLICY,
    'README.md': '# not a policy\n',
    'notes.txt': 'nothing to see\n',
  };

  it('text: one line per finding with 1-based positions, then the summary', () => {
    const root = makeTree(files);
    const run = runCli(['scan'], root);
    assert.equal(run.status, 1);
    const { report } = scanJson([], root);
    const lines = run.stdout.trimEnd().split('\n');
    const summary = lines.pop() ?? '';
    assert.equal(lines.length, report.findings.length);
    report.findings.forEach((f, i) => {
      assert.equal(lines[i], `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.message}  ${f.ruleId}`);
    });
    const count = (severity: string): number => report.findings.filter((f) => f.severity === severity).length;
    assert.match(summary, new RegExp(`^${count('error')} errors?, ${count('warning')} warnings?, ${count('information')} information, .* in ${report.filesScanned} files scanned`));
  });

  it('json: one object with 0-based ranges on the flagged statements, the broken file and the others', () => {
    const root = makeTree(files);
    const { run, report } = scanJson([], root);
    assert.equal(run.status, 1);
    assert.deepEqual(Object.keys(report), ['version', 'findings', 'filesScanned']);
    assert.equal(report.version, 1);
    assert.equal(report.filesScanned, 5, 'README.md is not a candidate; notes.txt is read and holds nothing');
    assert.deepEqual(summarize(problems(report.findings)).sort(), [
      'keys/open-key.json kms-unconditioned-full-access warning',
      'keys/open-key.json kms-wildcard-principal error',
      'roles/broken.json json-syntax error',
      'roles/decrypt.json kms-decrypt-all-resources warning',
    ]);
    for (const finding of report.findings) {
      assert.deepEqual(Object.keys(finding), ['file', 'ruleId', 'severity', 'message', 'range', 'fixes']);
      for (const fix of finding.fixes) assert.deepEqual(Object.keys(fix), ['title', 'edits']);
    }
    for (const finding of problems(report.findings).filter((f) => f.ruleId !== 'json-syntax')) {
      const text = files[finding.file as keyof typeof files];
      const { first, last } = statementLines(text);
      assert.ok(finding.range.start.line > first && finding.range.end.line < last, `${finding.ruleId} lies inside its statement`);
      const line = text.split('\n')[finding.range.start.line];
      assert.ok(finding.range.start.character < line.length, 'the column is on the line');
    }
    const syntax = report.findings.find((f) => f.ruleId === 'json-syntax');
    assert.ok(syntax && syntax.range.start.line <= 1);
  });

  it('sarif: validates against the SARIF 2.1.0 schema and agrees with the JSON report', () => {
    const root = makeTree(files);
    const run = runCli(['scan', '--format', 'sarif'], root);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

    const driver = log.runs[0].tool.driver;
    assert.deepEqual(driver.rules?.map((r) => r.id), RULES.map((r) => r.id));
    for (const rule of driver.rules ?? []) {
      assert.equal(rule.helpUri, docsUrl(rule.id));
      assert.ok(rule.shortDescription?.text);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration?.level ?? ''));
    }

    const { report } = scanJson([], root);
    const results = log.runs[0].results ?? [];
    assert.equal(results.length, report.findings.length);
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
    const region = (range: JsonReportFinding['range']): Sarif.Region => ({
      startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1,
    });
    report.findings.forEach((finding, i) => {
      const result = results[i];
      assert.equal(result.ruleId, finding.ruleId);
      assert.equal(driver.rules?.[result.ruleIndex ?? -1]?.id, finding.ruleId);
      assert.equal(result.level, level[finding.severity as keyof typeof level]);
      assert.equal(result.message.text, finding.message);
      const location = result.locations?.[0]?.physicalLocation;
      assert.equal(location?.artifactLocation?.uri, finding.file);
      assert.deepEqual(location?.region, region(finding.range));
      assert.equal(result.fixes?.length ?? 0, finding.fixes.length);
      finding.fixes.forEach((fix, j) => {
        const change = result.fixes?.[j].artifactChanges[0];
        assert.equal(result.fixes?.[j].description?.text, fix.title);
        assert.equal(change?.artifactLocation.uri, finding.file);
        assert.deepEqual(change?.replacements.map((r) => [r.deletedRegion, r.insertedContent?.text]), fix.edits.map((e) => [region(e.range), e.newText]));
      });
    });
    assert.ok(results.some((r) => (r.fixes?.length ?? 0) > 0), 'some results carry fixes');
  });

  it('sarif: rules carry help and security severity; fingerprints follow the statement, not the line', () => {
    const root = makeTree({ 'key.json': WILDCARD_KEY_POLICY });
    const sarif = () => JSON.parse(runCli(['scan', '--format', 'sarif'], root).stdout) as Sarif.Log;
    const before = sarif();
    const rule = before.runs[0].tool.driver.rules?.find((r) => r.id === 'kms-wildcard-principal');
    assert.equal(rule?.properties?.['security-severity'], '9.1');
    assert.ok((rule?.properties?.tags as string[]).includes('security'));
    assert.match(rule?.help?.markdown ?? '', /^# kms-wildcard-principal/);
    const prints = (log: Sarif.Log) => (log.runs[0].results ?? []).map((r) => [r.ruleId, r.partialFingerprints?.['kmsPolicyLint/v1']]);
    assert.ok(prints(before).every(([, p]) => typeof p === 'string' && p.length === 32));
    fs.writeFileSync(path.join(root, 'key.json'), '\n\n\n' + WILDCARD_KEY_POLICY);
    const after = sarif();
    assert.deepEqual(prints(after), prints(before), 'same fingerprints after the lines moved');
    assert.notDeepEqual((after.runs[0].results ?? [])[0].locations, (before.runs[0].results ?? [])[0].locations);
  });

  it('--output writes the report to a file and nothing to standard output', () => {
    const root = makeTree(files);
    const run = runCli(['scan', '--format', 'json', '--output', 'report.json'], root);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const written = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8')) as JsonReport;
    fs.rmSync(path.join(root, 'report.json'));
    assert.deepEqual(written, scanJson([], root).report, 'the report is not scanned itself');
  });

  it('--output to a folder that does not exist is a usage error', () => {
    const root = makeTree(files);
    assert.equal(runCli(['scan', '--output', 'missing/report.txt'], root).status, 2);
  });
});

describe('files', () => {
  it('skips node_modules, .git, .terraform and cdk.out unless named', () => {
    const root = makeTree({
      'policy.json': DECRYPT_EVERYWHERE_POLICY,
      'node_modules/pkg/policy.json': WILDCARD_KEY_POLICY,
      '.git/policy.json': WILDCARD_KEY_POLICY,
      'infra/.terraform/policy.json': WILDCARD_KEY_POLICY,
      'cdk.out/policy.json': WILDCARD_KEY_POLICY,
    });
    const { report } = scanJson([], root);
    assert.equal(report.filesScanned, 1);
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))], ['policy.json']);
    const { report: named } = scanJson(['node_modules/pkg/policy.json'], root);
    assert.deepEqual([...new Set(problems(named.findings).map((f) => f.file))], ['node_modules/pkg/policy.json']);
  });

  it('reports paths as given or relative to the current folder, with forward slashes', () => {
    const root = makeTree({ 'a/b/policy.json': DECRYPT_EVERYWHERE_POLICY });
    const sub = path.join(root, 'a');
    assert.deepEqual([...new Set(scanJson([], root).report.findings.map((f) => f.file))], ['a/b/policy.json']);
    assert.deepEqual([...new Set(scanJson(['./a/'], root).report.findings.map((f) => f.file))], ['a/b/policy.json']);
    assert.deepEqual([...new Set(scanJson([path.join(root, 'a')], root).report.findings.map((f) => f.file))], ['a/b/policy.json']);
    assert.deepEqual([...new Set(scanJson(['..'], path.join(sub, 'b')).report.findings.map((f) => f.file))], ['../b/policy.json']);
    assert.deepEqual([...new Set(scanJson(['b/policy.json'], sub).report.findings.map((f) => f.file))], ['b/policy.json']);
    assert.equal(scanJson(['a', './a/', 'a/b/../b/..'], root).report.filesScanned, 1, 'a folder named three times is scanned once');
  });

  it('decides by content: binary files, non-policies and source code give nothing, a policy without extension is found', () => {
    const root = makeTree({
      policy: DECRYPT_EVERYWHERE_POLICY,
      'image.json': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x7b, 0x22]),
      'package.json': pretty({ name: 'x', version: '1.0.0' }),
      'deploy.py': `client.put_key_policy(KeyId=key, Policy=json.dumps({"Statement": [\n`,
    });
    const { report } = scanJson([], root);
    assert.deepEqual(summarize(report.findings), ['policy kms-decrypt-all-resources warning']);
  });

  it('reports a path it cannot read on stderr and goes on with the others', async () => {
    const root = makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY });
    // A socket: it exists, but reading it would fail or block.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'socket.json'), resolve));
    try {
      const run = runCli(['scan', '--format', 'json', 'socket.json', 'identity.json'], root);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /cannot read socket\.json/);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.deepEqual(summarize(problems(report.findings)), ['identity.json kms-decrypt-all-resources warning']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads UTF-8 with a byte-order mark and UTF-16 the same as plain UTF-8', () => {
    const root = makeTree({
      'plain.json': WILDCARD_KEY_POLICY,
      'bom.json': `\ufeff${WILDCARD_KEY_POLICY}`,
      'utf16.json': new Uint8Array(Buffer.from(`\ufeff${WILDCARD_KEY_POLICY}`, 'utf16le')),
    });
    const { report } = scanJson([], root);
    const positions = (file: string): string[] => report.findings.filter((f) => f.file === file).map((f) => `${f.ruleId} ${JSON.stringify(f.range)}`);
    assert.ok(positions('plain.json').length >= 2);
    assert.deepEqual(positions('bom.json'), positions('plain.json'));
    assert.deepEqual(positions('utf16.json'), positions('plain.json'));
  });

  it('orders findings by file, then position, the same on every run', () => {
    const tree: Record<string, string> = {};
    for (const name of ['z', 'a', 'm']) {
      tree[`${name}/key.json`] = WILDCARD_KEY_POLICY;
      tree[`${name}.json`] = DECRYPT_EVERYWHERE_POLICY;
    }
    const root = makeTree(tree);
    const first = scanJson([], root).report;
    const files = first.findings.map((f) => f.file);
    assert.deepEqual([...new Set(files)], ['a.json', 'a/key.json', 'm.json', 'm/key.json', 'z.json', 'z/key.json']);
    for (const file of new Set(files)) {
      const starts = first.findings.filter((f) => f.file === file).map((f) => f.range.start.line * 1e6 + f.range.start.character);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    }
    assert.deepEqual(scanJson([], root).report, first);
  });
});

describe('--fix', () => {
  it('applies the safe fixes in place; the re-scan has fewer problems and the file still parses', () => {
    const root = makeTree({ 'key-policy.json': WILDCARD_KEY_POLICY, 'identity.json': DECRYPT_EVERYWHERE_POLICY, 'clean.json': CLEAN_KEY_POLICY });
    const account = ['--account', OWN_ACCOUNT];
    const before = scanJson(account, root).report;
    const fixRun = runCli(['scan', '--fix', '--format', 'json', ...account], root);
    assert.equal(fixRun.stderr, '');
    const reportedAfterFix = JSON.parse(fixRun.stdout) as JsonReport;
    const after = scanJson(account, root).report;
    assert.deepEqual(reportedAfterFix, after, '--fix reports what remains');
    assert.ok(problems(after.findings).length < problems(before.findings).length);
    const keyPolicy = fs.readFileSync(path.join(root, 'key-policy.json'), 'utf8');
    assert.doesNotThrow(() => JSON.parse(keyPolicy), 'key-policy.json still parses');
    assert.ok(keyPolicy.includes(`"kms:CallerAccount": "${OWN_ACCOUNT}"`), 'the wildcard principal got the own account as a caller Condition (a safe fix)');
    assert.equal(fs.readFileSync(path.join(root, 'identity.json'), 'utf8'), DECRYPT_EVERYWHERE_POLICY, 'narrowing Resource is a suggestion: --fix leaves it');
    runCli(['scan', '--fix-suggestions', ...account], root);
    const identity = fs.readFileSync(path.join(root, 'identity.json'), 'utf8');
    assert.doesNotThrow(() => JSON.parse(identity));
    assert.ok(identity.includes(OWN_ACCOUNT), '--fix-suggestions narrowed the identity policy to the own account');
    assert.equal(fs.readFileSync(path.join(root, 'clean.json'), 'utf8'), CLEAN_KEY_POLICY, 'a clean file is not touched');
  });

  it('never writes a placeholder: without an account, fixes that need one are left alone', () => {
    const root = makeTree({ 'key-policy.json': WILDCARD_KEY_POLICY, 'identity.json': DECRYPT_EVERYWHERE_POLICY });
    runCli(['scan', '--fix'], root);
    const after = scanJson([], root).report;
    assert.ok(!after.findings.some((f) => f.ruleId === 'kms-placeholder-value'));
    assert.equal(fs.readFileSync(path.join(root, 'identity.json'), 'utf8'), DECRYPT_EVERYWHERE_POLICY);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(root, 'key-policy.json'), 'utf8')));
  });
});

describe('--fix is a promise', () => {
  it('never takes away other services\' actions: a caller Condition on "*" goes on a kms:* copy, in a template as in JSON', () => {
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Admin:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Sid: Admin',
      '            Effect: Allow',
      '            Action: "*"',
      '            Resource: "*"',
      '',
    ].join('\n');
    const root = makeTree({ 'admin.json': admin, 'admin.yaml': template });
    // The template names its own account (AWS::AccountId): the caller Condition is a safe fix there without --account.
    runCli(['scan', '--fix', '.'], root);
    runCli(['scan', '--fix', '--account', OWN_ACCOUNT, 'admin.json'], root);
    const json = JSON.parse(fs.readFileSync(path.join(root, 'admin.json'), 'utf8')) as { Statement: Record<string, unknown>[] };
    assert.deepEqual(json.Statement[0], { Sid: 'Admin', Effect: 'Allow', NotAction: 'kms:*', Resource: '*' }, 'everything but KMS, unconditioned, as before');
    assert.deepEqual(json.Statement[1], { Sid: 'AdminKms', Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': OWN_ACCOUNT } } });
    const yaml = parseYaml(fs.readFileSync(path.join(root, 'admin.yaml'), 'utf8'), { customTags: [{ tag: '!Ref', resolve: (value: string) => ({ Ref: value }) }] }) as {
      Resources: { Admin: { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } } };
    };
    const statements = yaml.Resources.Admin.Properties.PolicyDocument.Statement;
    assert.deepEqual(statements[0], { Sid: 'Admin', Effect: 'Allow', NotAction: 'kms:*', Resource: '*' });
    assert.deepEqual(statements[1], { Sid: 'AdminKms', Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } } } });
  });

  it('applies only safe fixes; --fix-suggestions also applies each preferred suggestion, and its placeholder stays a warning', () => {
    const root = makeTree({ 'key-policy.json': WILDCARD_KEY_POLICY });
    const file = path.join(root, 'key-policy.json');
    runCli(['scan', '--fix'], root);
    assert.equal(fs.readFileSync(file, 'utf8'), WILDCARD_KEY_POLICY, 'no safe fix without an account: the file is untouched');
    const run = runCli(['scan', '--fix-suggestions', '--format', 'json'], root);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.notEqual(fixed, WILDCARD_KEY_POLICY);
    assert.doesNotThrow(() => JSON.parse(fixed));
    assert.ok(fixed.includes('<ACCOUNT_ID>'), 'the suggestion wrote its placeholder');
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.ok(report.findings.some((f) => f.ruleId === 'kms-placeholder-value' && f.severity === 'warning'));
    assert.equal(run.status, 1, 'a placeholder fails CI');
  });

  it('leaves a file untouched, and says so, when its bytes cannot be written back exactly', () => {
    const latin1 = Buffer.from(WILDCARD_KEY_POLICY.replace('"Open"', '"Caf\u00e9"'), 'latin1');
    const oddUtf16 = Buffer.from([0xff, 0xfe, ...Buffer.from(WILDCARD_KEY_POLICY, 'utf16le'), 0x41]);
    const root = makeTree({ 'latin1.json': new Uint8Array(latin1), 'odd-utf16.json': new Uint8Array(oddUtf16) });
    const run = runCli(['scan', '--fix', '--account', OWN_ACCOUNT], root);
    assert.equal(fs.readFileSync(path.join(root, 'latin1.json')).toString('hex'), latin1.toString('hex'), 'latin1.json unchanged, byte for byte');
    assert.equal(fs.readFileSync(path.join(root, 'odd-utf16.json')).toString('hex'), oddUtf16.toString('hex'), 'odd-utf16.json unchanged, byte for byte');
    assert.match(run.stderr, /latin1\.json not fixed: .*cannot be written back exactly/);
    assert.match(run.stderr, /odd-utf16\.json not fixed/);
    assert.equal(run.status, 1, 'the findings still count');
  });
});

describe('hostile files', () => {
  it('skips a FIFO (and a symlink to one) instead of waiting on it, and reports the other files', { skip: process.platform === 'win32' ? 'no FIFOs on Windows' : false }, () => {
    const root = makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY });
    const made = spawnSync('mkfifo', [path.join(root, 'pipe.json')]);
    assert.equal(made.status, 0, 'mkfifo works here');
    fs.symlinkSync(path.join(root, 'pipe.json'), path.join(root, 'link.json'));
    const started = Date.now();
    const result = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '--jobs', '1', '.', 'pipe.json'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.ok(Date.now() - started < 30_000, 'the scan did not hang');
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(summarize(problems(report.findings)), summarize(problems(scanJson([], makeTree({ 'identity.json': DECRYPT_EVERYWHERE_POLICY })).report.findings)));
  });

  it('prints file names and policy text without control characters, one line per finding', () => {
    const evil = 'evil\u001b[2J\nname.json';
    const root = makeTree({ [evil]: WILDCARD_KEY_POLICY.replace('"Open"', '"\\u001b]0;owned\\u0007"') });
    const run = runCli(['scan', '--format', 'text', '--fail-on', 'none'], root);
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(run.stdout), 'no control character reaches the terminal');
    const lines = run.stdout.trimEnd().split('\n');
    const findingLines = lines.filter((l) => l.includes('kms-'));
    assert.ok(findingLines.length >= 2);
    for (const line of findingLines) assert.ok(line.startsWith('evil\\x1b[2J\\x0aname.json:'), line);
  });
});

describe('parallel scanning', () => {
  function manyFiles(count: number): Record<string, string> {
    const kinds = [WILDCARD_KEY_POLICY, DECRYPT_EVERYWHERE_POLICY, CLEAN_KEY_POLICY, BROKEN_POLICY];
    const tree: Record<string, string> = {};
    for (let i = 0; i < count; i++) tree[`team-${i % 7}/policy-${String(i).padStart(3, '0')}.json`] = kinds[i % kinds.length];
    return tree;
  }

  it('gives the same report through worker threads as in the main thread', () => {
    const root = makeTree(manyFiles(200));
    const single = scanJson(['--jobs', '1'], root).report;
    const parallel = scanJson(['--jobs', '3'], root).report;
    const automatic = scanJson([], root).report;
    assert.equal(single.filesScanned, 200);
    const count = (ruleId: string): number => single.findings.filter((f) => f.ruleId === ruleId).length;
    assert.equal(count('kms-wildcard-principal'), 50);
    assert.equal(count('kms-decrypt-all-resources'), 50);
    assert.equal(count('json-syntax'), 50);
    assert.deepEqual(parallel, single);
    assert.deepEqual(automatic, single);
    const text = runCli(['scan', '--jobs', '3'], root);
    assert.equal(text.stdout, runCli(['scan', '--jobs', '1'], root).stdout);
  });

  /** A copy of the CLI with the given worker script beside it. */
  function cliWithWorker(workerSource: string): string {
    const bin = makeTree({ 'scan-worker.js': workerSource });
    fs.copyFileSync(CLI, path.join(bin, 'cli.js'));
    // Terraform's parser is WebAssembly that ships beside the bundle.
    for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-terraform.wasm']) fs.copyFileSync(path.join(path.dirname(CLI), wasm), path.join(bin, wasm));
    return path.join(bin, 'cli.js');
  }

  it('turns the files held by a worker that dies into internal errors (exit 2) and scans the rest', () => {
    const cli = cliWithWorker([
      "const { parentPort } = require('node:worker_threads');",
      "parentPort.on('message', () => { throw new Error('worker exploded'); });",
      "parentPort.postMessage({ kind: 'ready' });",
    ].join('\n'));
    // Enough files that the workers start long before the main thread could finish alone.
    const root = makeTree(manyFiles(600));
    const run = runCli(['scan', '--format', 'json', '--jobs', '2'], root, cli);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /internal error on team-\d\/policy-\d+\.json: scan worker stopped: worker exploded/);
    const failed = run.stderr.split('\n').filter((line) => line.includes('internal error')).length;
    assert.ok(failed > 0 && failed < 600, `${failed} files failed`);
    assert.equal((JSON.parse(run.stdout) as JsonReport).filesScanned, 600 - failed);
  });

  it('scans in the main thread when no worker starts, and starts none for a small scan', () => {
    const cli = cliWithWorker('throw new Error("worker bundle broken");\n');
    // Enough files that the workers start long before the main thread could finish alone.
    const root = makeTree(manyFiles(600));
    const run = runCli(['scan', '--format', 'json', '--jobs', '2'], root, cli);
    assert.match(run.stderr, /a scan worker did not start \(worker bundle broken\); scanning in the main thread/);
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout), scanJson(['--jobs', '1'], root).report);
    const small = makeTree(manyFiles(10));
    const smallRun = runCli(['scan', '--fail-on', 'none', '--jobs', '2'], small, cli);
    assert.equal(smallRun.stderr, '', 'a small scan starts no worker');
    assert.equal(smallRun.status, 0);
  });
});
