// "Scan Workspace" over a temporary folder: diagnostics for files never opened, exclusions, progress, cancel, file changes, SARIF.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, LspSession } from './lspClient';
import { DECRYPT_ALL_IDENTITY_POLICY, OWN_ROOT_KEY_POLICY, pretty, WILDCARD_KEY_POLICY } from './policies';

interface ScanSummary {
  cancelled: boolean;
  folders: number;
  filesFound: number;
  filesScanned: number;
  filesWithPolicies: number;
  filesWithFindings: number;
  findingsBySeverity: Record<'error' | 'warning' | 'information' | 'hint', number>;
  skipped: Record<string, number>;
  excluded: { exclude: number; filesExclude: number; gitignore: number };
}

const FILE_CREATED = 1;
const FILE_CHANGED = 2;
const FILE_DELETED = 3;
const SCAN_DEADLINE_MS = 60_000;

function writeTree(root: string, files: Record<string, string>): void {
  for (const [relativePath, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relativePath)), { recursive: true });
    writeFileSync(join(root, relativePath), text);
  }
}

const uriOf = (root: string, relativePath: string): string => pathToFileURL(join(root, relativePath)).href;

describe('workspace scan', () => {
  let root: string;
  let session: LspSession;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'kms-scan-'));
    writeTree(root, {
      'keys/open-to-all.json': pretty(WILDCARD_KEY_POLICY),
      'iam/decrypt-everything.policy.json': DECRYPT_ALL_IDENTITY_POLICY,
      'keys/fine.json': OWN_ROOT_KEY_POLICY,
      'package.json': '{"name":"app"}',
      'notes.txt': WILDCARD_KEY_POLICY,
      'node_modules/dep/policy.json': WILDCARD_KEY_POLICY,
      'build/.gitignore-me.json': WILDCARD_KEY_POLICY,
      'build/out.json': WILDCARD_KEY_POLICY,
      'logs/keep.json': WILDCARD_KEY_POLICY,
      'logs/other.json': WILDCARD_KEY_POLICY,
      'hidden-by-editor/x.json': WILDCARD_KEY_POLICY,
      'generated/skip.json': WILDCARD_KEY_POLICY,
      'big/large.json': pretty(WILDCARD_KEY_POLICY) + ' '.repeat(20_000),
      'gen/a.generated.json': WILDCARD_KEY_POLICY,
      'gen/keep.generated.json': WILDCARD_KEY_POLICY,
      'gen/.gitignore': '!keep.generated.json\n',
      '.gitignore': 'build/\nlogs/*\n!logs/keep.json\n*.generated.json\n',
    });
    session = await LspSession.start({
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'scan' }],
      settings: { exclude: ['**/node_modules/**', '**/generated/**'], maxFileSize: 10_000 },
      filesExclude: { '**/hidden-by-editor': true },
    });
  });
  after(async () => {
    await session.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics for files never opened, honouring include, exclude, files.exclude, .gitignore and maxFileSize', async () => {
    const summary = await session.request<ScanSummary>('kmsPolicyLint/scanWorkspace', { workDoneToken: 'scan-1' }, undefined, SCAN_DEADLINE_MS);

    const wildcard = await session.waitForDiagnostics(uriOf(root, 'keys/open-to-all.json'), (p) => p.diagnostics.length > 0, 'scan diagnostics');
    assert.deepEqual(wildcard.diagnostics.map((d) => d.code), ['kms-wildcard-principal']);
    assert.deepEqual(wildcard.diagnostics[0].data, { version: null, fixes: [] }, 'no version and so no fixes for a file on disk');
    const decrypt = await session.waitForDiagnostics(uriOf(root, 'iam/decrypt-everything.policy.json'), (p) => p.diagnostics.length > 0, 'scan diagnostics');
    assert.deepEqual(decrypt.diagnostics.map((d) => d.code), ['kms-decrypt-all-resources']);
    const kept = await session.waitForDiagnostics(uriOf(root, 'logs/keep.json'), (p) => p.diagnostics.length > 0, 'a file .gitignore re-includes');
    assert.deepEqual(kept.diagnostics.map((d) => d.code), ['kms-wildcard-principal']);
    const keptBelow = await session.waitForDiagnostics(uriOf(root, 'gen/keep.generated.json'), (p) => p.diagnostics.length > 0, 'a file a deeper .gitignore re-includes');
    assert.deepEqual(keptBelow.diagnostics.map((d) => d.code), ['kms-wildcard-principal']);

    for (const excluded of ['notes.txt', 'node_modules/dep/policy.json', 'build/out.json', 'logs/other.json', 'hidden-by-editor/x.json', 'generated/skip.json', 'big/large.json', 'gen/a.generated.json']) {
      assert.equal(session.latestDiagnostics(uriOf(root, excluded))?.diagnostics.length ?? 0, 0, `${excluded} must not be reported`);
    }

    assert.equal(summary.cancelled, false);
    assert.equal(summary.folders, 1);
    // keys/open-to-all, keys/fine, iam/decrypt-everything, package.json, logs/keep, gen/keep.generated, big/large
    assert.equal(summary.filesFound, 7);
    assert.equal(summary.filesScanned, 6);
    assert.deepEqual(summary.skipped, { 'too-large': 1 });
    assert.equal(summary.filesWithPolicies, 5);
    assert.equal(summary.filesWithFindings, 4);
    assert.equal(summary.findingsBySeverity.error, 3);
    assert.equal(summary.findingsBySeverity.warning, 1);
    // node_modules/ and generated/; hidden-by-editor/; build/, logs/other.json and gen/a.generated.json
    assert.deepEqual(summary.excluded, { exclude: 2, filesExclude: 1, gitignore: 3 });

    const begin = await session.waitForProgress((e) => e.token === 'scan-1' && e.value.kind === 'begin', 'progress begin');
    assert.equal(begin.value.cancellable, true);
    const reports = session.progress.filter((e) => e.token === 'scan-1' && e.value.kind === 'report');
    assert.equal(reports.at(-1)?.value.message, '7/7 files');
    assert.equal(reports.at(-1)?.value.percentage, 100);
    await session.waitForProgress((e) => e.token === 'scan-1' && e.value.kind === 'end', 'progress end');
  });

  it('keeps scanned files current: changed files are linted again, deleted files and folders cleared, new ones picked up', async () => {
    const changed = uriOf(root, 'keys/open-to-all.json');
    writeFileSync(join(root, 'keys/open-to-all.json'), OWN_ROOT_KEY_POLICY);
    const deleted = uriOf(root, 'iam/decrypt-everything.policy.json');
    unlinkSync(join(root, 'iam/decrypt-everything.policy.json'));
    writeTree(root, { 'keys/new.json': WILDCARD_KEY_POLICY, 'generated/new.json': WILDCARD_KEY_POLICY });
    const created = uriOf(root, 'keys/new.json');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: changed, type: FILE_CHANGED },
        { uri: deleted, type: FILE_DELETED },
        { uri: created, type: FILE_CREATED },
        { uri: uriOf(root, 'generated/new.json'), type: FILE_CREATED },
      ],
    });
    await session.waitForDiagnostics(changed, (p) => p.diagnostics.length === 0, 'the fixed file cleared');
    await session.waitForDiagnostics(deleted, (p) => p.diagnostics.length === 0, 'the deleted file cleared');
    const fresh = await session.waitForDiagnostics(created, (p) => p.diagnostics.length > 0, 'the new file linted');
    assert.deepEqual(fresh.diagnostics.map((d) => d.code), ['kms-wildcard-principal']);
    await session.barrier();
    assert.equal(session.latestDiagnostics(uriOf(root, 'generated/new.json')), undefined, 'an excluded new file stays unreported');

    rmSync(join(root, 'gen'), { recursive: true });
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'gen'), type: FILE_DELETED }] });
    await session.waitForDiagnostics(uriOf(root, 'gen/keep.generated.json'), (p) => p.diagnostics.length === 0, 'files of a deleted folder cleared');
  });

  it('gives an opened scanned file versioned diagnostics, and its disk findings back when closed', async () => {
    const uri = uriOf(root, 'keys/new.json');
    await session.open(uri, OWN_ROOT_KEY_POLICY, 1);
    assert.deepEqual(await session.diagnosticsForVersion(uri, 1), [], 'the editor text wins while open');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FILE_CHANGED }] });
    await session.request('kmsPolicyLint/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS);
    assert.deepEqual(session.latestDiagnostics(uri), { uri, version: 1, diagnostics: [] }, 'neither the watcher nor a scan overrides an open document');
    await session.close(uri);
    const back = await session.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 'the disk findings after close');
    assert.deepEqual(back.diagnostics.map((d) => d.code), ['kms-wildcard-principal']);
  });

  it('exports the findings of the last scan as SARIF 2.1.0', async () => {
    const sarif = await session.request<string | null>('kmsPolicyLint/lastScanSarif');
    assert.ok(sarif);
    const log = JSON.parse(sarif) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    const reported = log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]).sort();
    assert.deepEqual(reported, [
      ['kms-wildcard-principal', 'keys/new.json'],
      ['kms-wildcard-principal', 'logs/keep.json'],
    ]);
  });
});

describe('workspace scan cancellation and repeat', () => {
  it('stops when cancelled, says so, and a later scan completes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kms-scan-cancel-'));
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`d${i % 30}/p${i}.json`] = i % 2 ? WILDCARD_KEY_POLICY : OWN_ROOT_KEY_POLICY;
    writeTree(root, files);
    const session = await LspSession.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'many' }] });
    try {
      const cancellation = new CancellationTokenSource();
      const scanning = session.request<ScanSummary>('kmsPolicyLint/scanWorkspace', { workDoneToken: 'cancel-me' }, cancellation, SCAN_DEADLINE_MS);
      await session.waitForProgress((e) => e.token === 'cancel-me' && e.value.kind === 'report' && /^\d+\/3000 files$/.test(e.value.message ?? ''), 'the first file counts');
      cancellation.cancel();
      const cancelled = await scanning;
      assert.equal(cancelled.cancelled, true);
      assert.equal(cancelled.filesFound, 3000);
      assert.ok(cancelled.filesScanned < 3000, `scanned ${cancelled.filesScanned}`);

      const complete = await session.request<ScanSummary>('kmsPolicyLint/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS);
      assert.equal(complete.cancelled, false);
      assert.equal(complete.filesScanned, 3000);
      assert.equal(complete.filesWithFindings, 1500);
      await session.waitForDiagnostics(uriOf(root, 'd29/p2999.json'), (p) => p.diagnostics.length === 1, 'the last file reported');
    } finally {
      await session.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('multi-root workspaces', () => {
  it('reads settings per folder, for the scan and for open documents, and scans folders added later', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kms-multi-root-'));
    const [strict, relaxed, added] = ['strict', 'relaxed', 'added'].map((name) => join(parent, name));
    for (const folder of [strict, relaxed, added]) writeTree(folder, { 'key.json': WILDCARD_KEY_POLICY });
    const folderUri = (folder: string): string => pathToFileURL(folder).href;
    const session = await LspSession.start({
      workspaceFolders: [
        { uri: folderUri(strict), name: 'strict' },
        { uri: folderUri(relaxed), name: 'relaxed' },
      ],
      folderSettings: { [folderUri(relaxed)]: { rules: { 'kms-wildcard-principal': 'warning' } } },
    });
    try {
      const summary = await session.request<ScanSummary>('kmsPolicyLint/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS);
      assert.equal(summary.folders, 2);
      assert.deepEqual(summary.findingsBySeverity, { error: 1, warning: 1, information: 0, hint: 0 });
      const severityIn = async (folder: string): Promise<number | undefined> =>
        (await session.waitForDiagnostics(uriOf(folder, 'key.json'), (p) => p.diagnostics.length > 0, `diagnostics in ${folder}`)).diagnostics[0].severity;
      assert.equal(await severityIn(strict), 1);
      assert.equal(await severityIn(relaxed), 2);

      const opened = uriOf(relaxed, 'other.json');
      await session.open(opened, WILDCARD_KEY_POLICY, 1);
      assert.deepEqual((await session.diagnosticsForVersion(opened, 1)).map((d) => d.severity), [2], 'an open document follows its folder');

      await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: folderUri(added), name: 'added' }], removed: [] },
      });
      const again = await session.request<ScanSummary>('kmsPolicyLint/scanWorkspace', {}, undefined, SCAN_DEADLINE_MS);
      assert.equal(again.folders, 3);
      assert.equal(await severityIn(added), 1);
    } finally {
      await session.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
