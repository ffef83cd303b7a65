// The access summary of every fixture under test/fixtures-access, as the `explain` text shows it,
// compared with its snapshot in test/snapshots-access. UPDATE_SNAPSHOTS=1 writes missing ones,
// UPDATE_SNAPSHOTS=all rewrites them (review the diff).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDocument } from '../../server/src/engine';
import { accessOfDocument, type AccessOptions } from '../../server/src/engine/access';
import { formatAccessText } from '../../server/src/engine/access/format';

const FIXTURES = join(__dirname, '..', 'fixtures-access');
const SNAPSHOTS = join(__dirname, '..', 'snapshots-access');
/** Beside a fixture, `<name>.options` holds the AccessOptions it is read with (JSON). */
const OPTIONS_SUFFIX = '.options';

describe('access summaries of the fixtures', () => {
  const names = readdirSync(FIXTURES).filter((name) => !name.endsWith(OPTIONS_SUFFIX)).sort();

  it('has fixtures in every source we read today', () => {
    const formats = new Set(names.map((name) => readDocument(readFileSync(join(FIXTURES, name), 'utf8'), { fileName: name }).format));
    for (const format of ['json', 'cloudformation-json', 'template']) assert.ok(formats.has(format as never), `no ${format} fixture`);
  });

  for (const name of names) {
    it(name, () => {
      const path = join(FIXTURES, name);
      const text = readFileSync(path, 'utf8');
      const options: AccessOptions = existsSync(path + OPTIONS_SUFFIX) ? (JSON.parse(readFileSync(path + OPTIONS_SUFFIX, 'utf8')) as AccessOptions) : {};
      const accesses = accessOfDocument(readDocument(text, { fileName: name }), options);
      assert.ok(accesses.length > 0, `${name} holds no key policy`);
      const snapshot = accesses.map((access) => formatAccessText(access, name)).join('\n');
      const file = join(SNAPSHOTS, `${name}.snap`);
      if (process.env.UPDATE_SNAPSHOTS && (!existsSync(file) || process.env.UPDATE_SNAPSHOTS === 'all')) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(file, snapshot);
      }
      assert.ok(existsSync(file), `missing snapshot ${file} (run with UPDATE_SNAPSHOTS=1 to write it)`);
      assert.equal(snapshot, readFileSync(file, 'utf8'));
    });
  }
});
