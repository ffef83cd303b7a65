// Reads fixture files whose lines carry the rule ids of the findings that must start there.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LintOptions } from '../../server/src/engine';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface Fixture {
  name: string;
  path: string;
  text: string;
  options: LintOptions;
  /** `line:ruleId` (1-based line) for every marked finding, sorted. */
  expected: string[];
}

const RULE_ID = '(?:kms-[a-z-]+|iam-[a-z-]+|json-syntax|unused-suppression)';
// `// rule-id` in JSONC (and HCL), `# rule-id` in YAML and HCL, at the end of the line where a finding starts.
const MARKER = new RegExp(`(?://|#)\\s*(${RULE_ID}(?:\\s+${RULE_ID})*)\\s*$`);
const OPTIONS = /^\s*(?:\/\/|#)\s*options:\s*(\{.*\})\s*$/;

/**
 * Plain `.json` cannot hold marker comments (it is strict JSON): such a fixture has its markers
 * in a `<name>.expect` file beside it, one `line rule-id…` per line, and is linted as a `.json` file.
 */
function readSidecar(path: string, text: string): Fixture {
  const expected: string[] = [];
  for (const line of readFileSync(`${path}.expect`, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(line);
    if (match) for (const id of match[2].split(/\s+/)) expected.push(`${match[1]}:${id}`);
  }
  return { name: relative(FIXTURES, path), path, text, options: { fileName: path }, expected: expected.sort() };
}

export function readFixture(path: string): Fixture {
  const text = readFileSync(path, 'utf8');
  if (existsSync(`${path}.expect`)) return readSidecar(path, text);
  const expected: string[] = [];
  let options: LintOptions = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const opts = OPTIONS.exec(line);
    if (opts) options = JSON.parse(opts[1]) as LintOptions;
    const marker = MARKER.exec(line);
    if (marker) for (const id of marker[1].split(/\s+/)) expected.push(`${i + 1}:${id}`);
  });
  // YAML, Terraform and template fixtures are read by their extension; JSON fixtures stay JSONC so they can carry markers.
  if (!/\.(jsonc?|template)$/.test(path)) options = { fileName: path, ...options };
  return { name: relative(FIXTURES, path), path, text, options, expected: expected.sort() };
}

export function allFixtures(dir = FIXTURES): Fixture[] {
  const out: Fixture[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...allFixtures(path));
    else if (/\.(jsonc?|template|ya?ml|tf|tftpl|tpl)$/.test(name)) out.push(readFixture(path));
  }
  return out;
}
