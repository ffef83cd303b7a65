// `kms-policy-lint explain` as users run it: the built CLI on files and on git repositories made for each test.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { PolicyAccess } from '../../server/src/engine/access';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const OWN = '111122223333';
const PARTNER = '999988887777';

const pretty = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) + '\n';
const ownRoot = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: 'kms:*', Resource: '*' };
const partner = { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' };
const ownRole = { Sid: 'App', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:role/App` }, Action: 'kms:Decrypt', Resource: '*' };
const everyone = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*' };

const folders: string[] = [];
after(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-policy-lint-explain-'));
  folders.push(root);
  write(root, files);
  return root;
}

function write(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' });
}

/** A repository whose first commit holds `files`. */
function repository(files: Record<string, string>): string {
  const root = tree(files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Test');
  git(root, 'config', 'user.email', 'test@example.com');
  git(root, 'config', 'commit.gpgsign', 'false');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

function explain(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'explain', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('explain FILE', () => {
  it('prints the table of each key policy, as text by default', () => {
    const root = tree({ 'key.json': pretty([ownRoot, partner]) });
    const run = explain(['key.json'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^key\.json:3 {2}key policy$/m);
    assert.match(run.stdout, /Use: own account, 1 account · Administer: own account · Grants: own account · Everyone: no/);
    assert.match(run.stdout, /account 999988887777 \[outside own account\]: Decrypt, DescribeKey\n\s+via 'Partner' \(line 13\)/);
  });

  it('prints JSON that holds the summaries as the engine computes them', () => {
    const root = tree({ 'key.json': pretty([ownRoot, partner]), 'other.json': '{"name": "not a policy"}' });
    const run = explain(['--format', 'json', 'key.json', 'other.json'], root);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; policies: PolicyAccess[] }[] };
    assert.deepEqual(report.files.map((f) => [f.path, f.policies.length]), [['key.json', 1], ['other.json', 0]]);
    const decrypters = report.files[0].policies[0].entries.filter((e) => e.actions.includes('kms:Decrypt')).map((e) => [e.principal.label, e.principal.outsideOwnAccount]);
    assert.deepEqual(decrypters, [[`own account ${OWN} (its IAM policies decide)`, 'no'], [`account ${PARTNER}`, 'yes']]);
  });

  it('prints Markdown tables, and only files with key policies from a folder', () => {
    const root = tree({ 'keys/a.json': pretty([ownRoot, everyone]), 'keys/identity.json': JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }) });
    const run = explain(['-f', 'markdown', 'keys'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^### `keys\/a\.json` — key policy \(line 3\)$/m);
    assert.match(run.stdout, /^\| Capability \| Who \| Outside own account \| Actions \| Via \| Conditions and exceptions \|$/m);
    assert.match(run.stdout, /^\| Use \| `everyone` \| yes \| Encrypt \| `Open` \(line 13\) \|/m);
    assert.doesNotMatch(run.stdout, /identity\.json/);
  });

  it('uses the own account given with --account', () => {
    const root = tree({ 'key.json': pretty([ownRoot, { ...ownRoot, Sid: 'Second', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` } }]) });
    assert.match(explain(['key.json'], root).stdout, /Own account: unknown/);
    const run = explain(['--account', PARTNER, 'key.json'], root);
    assert.match(run.stdout, /Own account: 999988887777 \(from the accounts setting\)/);
    assert.match(run.stdout, /account 111122223333 \[outside own account\]: all administer actions/);
  });

  it('exits 2 with a usage line on usage errors', () => {
    const root = tree({ 'key.json': pretty([ownRoot]) });
    for (const args of [[], ['--format', 'sarif', 'key.json'], ['--fail-on-new-access', 'key.json'], ['--account', '12', 'key.json'], ['--bogus', 'key.json'], ['missing.json'], ['--base', '-x', 'key.json'], ['--base=-x', 'key.json']]) {
      const run = explain(args, root);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^kms-policy-lint: [\s\S]+\nUsage: kms-policy-lint explain /, args.join(' '));
      assert.equal(run.stdout, '');
    }
  });
});

describe('explain --base', () => {
  it('prints a pull-request comment with what the change adds and removes', () => {
    const root = repository({ 'keys/key.json': pretty([ownRoot, everyone]) });
    write(root, { 'keys/key.json': pretty([ownRoot, partner]) });
    const run = explain(['--base', 'main', 'keys/key.json'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^## KMS key access changes$/m);
    assert.match(run.stdout, /^\*\*This change gives principals outside the own account more access\*\*/m);
    assert.match(run.stdout, /^#### `keys\/key\.json` — key policy$/m);
    const block = /```diff\n([\s\S]*?)\n```/.exec(run.stdout)?.[1].split('\n');
    assert.deepEqual(block, [
      "+ account 999988887777 can now decrypt (Decrypt, DescribeKey), via statement 'Partner' [outside the own account]",
      "- everyone can no longer use the key (Encrypt), was via statement 'Open'",
    ]);
    assert.match(run.stdout, /^Before: Use: own account, everyone · .*Everyone: yes \(use\) {2}$/m);
    assert.match(run.stdout, /^After: Use: own account, 1 account · .*Everyone: no$/m);
  });

  it('fails with --fail-on-new-access only when access widens outside the own account', () => {
    const root = repository({ 'key.json': pretty([ownRoot, everyone]) });
    write(root, { 'key.json': pretty([ownRoot, ownRole]) });
    const inside = explain(['--base', 'HEAD', '--fail-on-new-access', 'key.json'], root);
    assert.equal(inside.status, 0, `${inside.stdout}${inside.stderr}`);
    assert.match(inside.stdout, /\+ role arn:aws:iam::111122223333:role\/App can now decrypt/);
    write(root, { 'key.json': pretty([ownRoot, ownRole, partner]) });
    const outside = explain(['--base', 'HEAD', '--fail-on-new-access', 'key.json'], root);
    assert.equal(outside.status, 1, outside.stderr);
    assert.equal(explain(['--base', 'HEAD', 'key.json'], root).status, 0, 'without the flag a widening change is only reported');
  });

  it('compares whole folders, new and deleted files included, and says when nothing changed', () => {
    const root = repository({ 'keys/old.json': pretty([ownRoot, partner]), 'keys/same.json': pretty([ownRoot]), 'README.md': '# repo\n' });
    fs.rmSync(path.join(root, 'keys', 'old.json'));
    write(root, { 'keys/new.json': pretty([ownRoot, everyone]) });
    const run = explain(['--base', 'main', '--format', 'json', 'keys'], root);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { widensAccessOutsideOwnAccount: boolean; files: { path: string; status: string; policies: { changes: { text: string }[] }[] }[] };
    assert.equal(report.widensAccessOutsideOwnAccount, true);
    assert.deepEqual(
      report.files.map((f) => [f.path, f.status, f.policies.flatMap((p) => p.changes.map((c) => c.text)).filter((t) => /everyone|999988887777/.test(t))]),
      [
        ['keys/new.json', 'added', ["+ everyone can now use the key (Encrypt), via statement 'Open' [outside the own account]"]],
        ['keys/old.json', 'deleted', ["- account 999988887777 can no longer decrypt (Decrypt, DescribeKey), was via statement 'Partner'"]],
        ['keys/same.json', 'modified', []],
      ],
    );
    fs.rmSync(path.join(root, 'keys', 'new.json'));
    write(root, { 'keys/old.json': pretty([ownRoot, partner]) });
    const unchanged = explain(['--base', 'main', 'keys'], root);
    assert.equal(unchanged.status, 0);
    assert.match(unchanged.stdout, /No change in who can use, administer or create grants on the key policies compared with `main`\./);
  });

  it('reads hostile file names as they are: nothing runs, nothing is misread as an option', () => {
    const names = ['-rf --output=x.json', '$(touch pwned).json', "a'b\";c|d:e.json", 'new\nline.json'];
    const root = repository(Object.fromEntries(names.map((name) => [name, pretty([ownRoot])])));
    write(root, Object.fromEntries(names.map((name) => [name, pretty([ownRoot, partner])])));
    const run = explain(['--base', 'HEAD', '--fail-on-new-access', '--format', 'json', '--', ...names], root);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; status: string }[] };
    assert.deepEqual(report.files.map((f) => [f.path, f.status]).sort(), names.map((name) => [name, 'modified']).sort());
    assert.ok(!fs.existsSync(path.join(root, 'pwned')), 'no shell ran');
    assert.ok(!fs.existsSync(path.join(root, 'x.json')), 'no name became an option');
  });

  it('exits 2 for a ref that is not a commit, and outside a repository', () => {
    const root = repository({ 'key.json': pretty([ownRoot]) });
    const bad = explain(['--base', 'no-such-branch', 'key.json'], root);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"no-such-branch" is not a commit, branch or tag/);
    const plain = tree({ 'key.json': pretty([ownRoot]) });
    const outside = explain(['--base', 'HEAD', 'key.json'], plain);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /--base needs a git repository/);
  });
});
