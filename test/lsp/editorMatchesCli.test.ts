// The editor and the command line judge a file alike: every fixture (JSON, JSONC, CloudFormation
// YAML, Terraform) scanned by the CLI and opened in the server gives the same findings, at the same
// places, with the same severities.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { allFixtures } from '../helpers/fixtures';
import { LspSession, REPOSITORY_ROOT } from './lspClient';

const LANGUAGES: Record<string, string> = { '.json': 'json', '.jsonc': 'jsonc', '.yaml': 'yaml', '.yml': 'yaml', '.tf': 'terraform' };

describe('editor and CLI agree', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-policy-lint-agree-'));
  // Fixtures that carry their own lint options (accounts, rules) are left out: the CLI is given none.
  const fixtures = allFixtures().filter((f) => LANGUAGES[path.extname(f.name)] && !/^\s*(\/\/|#)\s*options:/m.test(f.text));
  let session: LspSession;
  before(async () => {
    for (const f of fixtures) {
      fs.mkdirSync(path.dirname(path.join(root, f.name)), { recursive: true });
      fs.writeFileSync(path.join(root, f.name), f.text);
    }
    // Information-level findings too, so everything the CLI reports is comparable.
    session = await LspSession.start({ settings: { showInformation: true } });
  });
  after(async () => {
    await session.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reports the same findings for every fixture', async () => {
    const run = spawnSync(process.execPath, [path.join(REPOSITORY_ROOT, 'dist', 'cli.js'), 'scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { file: string; ruleId: string; severity: string; range: { start: { line: number; character: number } } }[] };
    const severities: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
    let compared = 0;
    for (const f of fixtures) {
      const uri = pathToFileURL(path.join(root, f.name)).href;
      await session.open(uri, f.text, 1, LANGUAGES[path.extname(f.name)]);
      const diagnostics = await session.diagnosticsForVersion(uri, 1, 30_000);
      const editor = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${severities[d.severity ?? 1]}`).sort();
      const cli = report.findings.filter((x) => x.file === f.name.split(path.sep).join('/')).map((x) => `${x.range.start.line}:${x.range.start.character} ${x.ruleId} ${x.severity}`).sort();
      assert.deepEqual(editor, cli, f.name);
      await session.close(uri);
      compared++;
    }
    assert.ok(compared >= 40, `${compared} fixtures compared`);
    assert.ok(fixtures.some((f) => f.name.endsWith('.yaml')) && fixtures.some((f) => f.name.endsWith('.tf')), 'YAML and Terraform among them');
  });
});
