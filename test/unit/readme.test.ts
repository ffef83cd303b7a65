import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { END, rulesTable, START } from '../../scripts/readme-rules';

it('the README opens with the two commands and lists the rules from their metadata', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(firstBlock, /^npm ci && npm run scan/m);
  assert.match(firstBlock, /^npm test/m);
  const table = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
  assert.equal(table, rulesTable(), 'run `npx tsx scripts/readme-rules.ts`');
});
