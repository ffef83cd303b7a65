// One configuration for the CLI and the editor: found upward, validated loudly, overridden by flags.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { ConfigError, ConfigFinder, configExcludes, lintOptionsFor, parseConfig } from '../../server/src/config';
import { RULES } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const OPEN_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }, null, 2) + '\n';
const folders: string[] = [];
after(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-policy-lint-config-'));
  folders.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('configuration file', () => {
  it('reads JSON with comments, YAML, and package.json\'s kmsPolicyLint key alike', () => {
    const json = parseConfig('/p/.kms-policy-lint.json', '{ // ours\n "rules": {"kms-key-rotation-disabled": "off"}, "accounts": ["111122223333"], }');
    const yaml = parseConfig('/p/.kms-policy-lint.yaml', 'rules:\n  kms-key-rotation-disabled: "off"\naccounts: ["111122223333"]\n');
    const pkg = parseConfig('/p/package.json', JSON.stringify({ name: 'x', kmsPolicyLint: { rules: { 'kms-key-rotation-disabled': 'off' }, accounts: ['111122223333'] } }));
    for (const config of [json, yaml, pkg]) {
      assert.deepEqual(config?.rules, { 'kms-key-rotation-disabled': 'off' });
      assert.deepEqual(config?.accounts, ['111122223333']);
    }
    assert.equal(parseConfig('/p/package.json', '{"name": "no config here"}'), undefined);
  });

  it('rejects every mistake with a message that names it', () => {
    const bad: [string, RegExp][] = [
      ['{"rule": {}}', /unknown key "rule"/],
      ['{"rules": {"kms-wildcard-principal": "loud"}}', /severity must be one of/],
      ['{"rules": {"kms-wildcard-principle": "off"}}', /unknown rule "kms-wildcard-principle"/],
      ['{"accounts": ["1234"]}', /not a 12-digit AWS account id/],
      ['{"organizations": ["org-1"]}', /not an AWS Organizations id/],
      ['{"suppress": [{"sid": "x"}]}', /needs a "rule"/],
      ['{"rules": ', /not valid JSON/],
    ];
    for (const [text, message] of bad) assert.throws(() => parseConfig('/p/.kms-policy-lint.json', text), (e: unknown) => e instanceof ConfigError && message.test(e.message), text);
  });

  it('applies the nearest file upward, its globs relative to its own folder; direct options win rule by rule', () => {
    const root = tree({
      '.kms-policy-lint.json': JSON.stringify({ rules: { 'kms-wildcard-principal': 'warning' }, exclude: ['vendor/**'] }),
      'team/.kms-policy-lint.yaml': 'rules:\n  kms-wildcard-principal: "off"\nsuppress:\n  - rule: kms-decrypt-all-resources\n    files: "legacy/*.json"\n    reason: migrating\n',
      'team/legacy/a.json': '{}',
    });
    const finder = new ConfigFinder();
    assert.equal(finder.forFile(path.join(root, 'x.json'))?.rules['kms-wildcard-principal'], 'warning');
    const team = finder.forFile(path.join(root, 'team', 'legacy', 'a.json'));
    assert.equal(team?.file, path.join(root, 'team', '.kms-policy-lint.yaml'));
    const options = lintOptionsFor(team, path.join(root, 'team', 'legacy', 'a.json'), { rules: { 'kms-wildcard-principal': 'error' } });
    assert.equal(options.rules?.['kms-wildcard-principal'], 'error');
    assert.deepEqual(options.suppressions, [{ rule: 'kms-decrypt-all-resources', reason: 'migrating' }]);
    assert.equal(lintOptionsFor(team, path.join(root, 'team', 'b.json')).suppressions, undefined);
    assert.ok(configExcludes(finder.forFile(path.join(root, 'vendor', 'p.json')), path.join(root, 'vendor', 'p.json')));
  });

  it('the CLI follows it: severities, accounts in fixes, exclusions; a broken file is exit 2, said once', () => {
    const root = tree({
      '.kms-policy-lint.json': JSON.stringify({ rules: { 'kms-wildcard-principal': 'information' }, accounts: ['111122223333'], exclude: ['skip/**'] }),
      'key.json': OPEN_POLICY,
      'skip/key.json': OPEN_POLICY,
    });
    const run = cli(['scan', '--format', 'json'], root);
    const report = JSON.parse(run.stdout) as { findings: { file: string; ruleId: string; severity: string }[] };
    assert.deepEqual(report.findings.map((f) => [f.file, f.ruleId, f.severity]), [['key.json', 'kms-wildcard-principal', 'information']]);
    assert.equal(run.status, 0);
    assert.equal(cli(['scan', '--rule', 'kms-wildcard-principal=error'], root).status, 1, '--rule beats the file');
    cli(['scan', '--fix'], root);
    assert.match(fs.readFileSync(path.join(root, 'key.json'), 'utf8'), /"kms:CallerAccount": "111122223333"/, 'the account from the file made the fix safe');

    fs.writeFileSync(path.join(root, 'skip', '.kms-policy-lint.json'), '{"rules": {"nope": "off"}}');
    fs.writeFileSync(path.join(root, 'skip', 'other.json'), OPEN_POLICY);
    const broken = cli(['scan', 'skip'], root);
    assert.equal(broken.status, 2);
    assert.equal(broken.stderr.match(/invalid configuration .*unknown rule "nope"/g)?.length, 1, broken.stderr);
  });

  it('--print-config shows what applies to a file; --list-rules and --explain come from the rules themselves', () => {
    const root = tree({ 'a/.kms-policy-lint.yaml': 'accounts: ["111122223333"]\n', 'a/p.json': OPEN_POLICY });
    const printed = JSON.parse(cli(['--print-config', 'a/p.json'], root).stdout) as { configFile: string; accounts: string[] };
    assert.equal(printed.configFile, path.join(root, 'a', '.kms-policy-lint.yaml'));
    assert.deepEqual(printed.accounts, ['111122223333']);
    const listed = cli(['--list-rules'], root).stdout.trim().split('\n').map((line) => line.split('\t'));
    assert.deepEqual(listed.map((l) => l[0]), RULES.map((r) => r.id));
    for (const [, , , docs] of listed) assert.ok(fs.existsSync(docs), docs);
    assert.match(cli(['--explain', 'kms-wildcard-principal'], root).stdout, /^# kms-wildcard-principal/);
    assert.equal(cli(['--explain', 'no-such-rule'], root).status, 2);
  });

  it('says when nothing was found; --fail-on-empty makes that exit 2', () => {
    const root = tree({ 'readme.md': '# nothing here\n' });
    const plain = cli(['scan'], root);
    assert.equal(plain.status, 0);
    assert.match(plain.stderr, /no policy found in \d+ files? scanned/);
    assert.equal(cli(['scan', '--fail-on-empty'], root).status, 2);
  });

  it('a baseline hides the findings it lists, matched by statement, not by line', () => {
    const root = tree({ 'key.json': OPEN_POLICY });
    assert.equal(cli(['scan', '--write-baseline', 'baseline.json'], root).status, 1);
    fs.writeFileSync(path.join(root, 'key.json'), '\n\n\n' + OPEN_POLICY);
    const quiet = cli(['scan', 'key.json', '--baseline', 'baseline.json', '--format', 'json'], root);
    assert.equal(quiet.status, 0);
    assert.deepEqual((JSON.parse(quiet.stdout) as { findings: unknown[] }).findings, []);
    fs.writeFileSync(path.join(root, 'key.json'), OPEN_POLICY.replace('"Open"', '"Renamed"'));
    assert.equal(cli(['scan', 'key.json', '--baseline', 'baseline.json'], root).status, 1, 'a new statement is a new finding');
    assert.equal(cli(['scan', '--baseline', 'missing.json'], root).status, 2);
  });

  it('its JSON schema lists every rule and accepts what the reader accepts', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'kms-policy-lint.schema.json'), 'utf8')) as { properties: { rules: { properties: Record<string, unknown> } } };
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULES.map((r) => r.id));
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate({ rules: { 'kms-wildcard-principal': 'off' }, accounts: ['111122223333'], suppress: [{ rule: '*', files: 'a/*.json', reason: 'r' }] }));
    assert.ok(!validate({ rules: { 'kms-wildcard-principal': 'loud' } }));
    assert.ok(!validate({ unknown: true }));
  });
});
