// Path globs from settings and config files: the usual patterns match as minimatch matches them,
// and a hostile pattern cannot hold a scan (no regular expression is built from it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minimatch } from 'minimatch';
import { compilePathGlob, matchesAnyPathGlob } from '../../server/src/path-glob';

const PATHS = ['x.json', 'a/x.json', 'a/b/x.jsonc', 'node_modules/p/x.json', 'a/node_modules/x.json', '.git/config', 'policies/a.json', 'policies/x/a.json', 't.yml', 'a/t.yaml', 'main.tf', 'mod/main.tf', 'b1.json', 'x1.json', 'x/.json', '.hidden.json'];
const GLOBS = ['**/*.json', '**/node_modules/**', '**/.git/**', 'policies/*.json', 'policies/**', '**/*.{yaml,yml}', '*.tf', '**/*.tf', '[ab]*.json', '[!ab]*.json', 'x?.json', 'a/**/x.json', '**', '*'];

describe('path globs', () => {
  for (const glob of GLOBS) {
    it(`${glob} matches what minimatch matches`, () => {
      const compiled = compilePathGlob(glob);
      for (const path of PATHS) assert.equal(compiled.matches(path), minimatch(path, glob, { dot: true }), `${glob} on ${path}`);
    });
  }

  it('reads a trailing slash as the folder\'s contents and ignores a leading ./', () => {
    assert.ok(compilePathGlob('legacy/').matches('legacy/old/a.json'));
    assert.ok(compilePathGlob('./policies/*.json').matches('policies/a.json'));
  });

  it('matches case-insensitively when asked (Windows paths)', () => {
    assert.ok(matchesAnyPathGlob('Policies/A.JSON', ['policies/*.json'], true));
    assert.ok(!matchesAnyPathGlob('Policies/A.JSON', ['policies/*.json'], false));
  });

  it('finishes on patterns that make backtracking matchers run for ever', { timeout: 20_000 }, () => {
    const hostile = ['**/' + '*a'.repeat(40) + '*b', '{a,b}'.repeat(40), '[' + 'a-'.repeat(500) + ']', '**/'.repeat(200) + 'x'];
    const path = `${'a/'.repeat(200)}${'a'.repeat(5000)}`;
    for (const glob of hostile) assert.equal(typeof compilePathGlob(glob).matches(path), 'boolean');
    assert.ok(!compilePathGlob(hostile[0]).matches(path), 'no b: no match');
  });
});
