import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type Node } from 'jsonc-parser';
import { IncrementalParser, lintText } from '../../server/src/engine';
import { parseFast } from '../../server/src/engine/sources/fast-json';
import { parseJson } from '../../server/src/engine/sources/json-text';
import { allFixtures } from '../helpers/fixtures';

function shape(node: Node | undefined): unknown {
  if (!node) return undefined;
  return [node.type, node.offset, node.length, node.value, (node.children ?? []).map(shape)];
}

const examples = readdirSync(join(__dirname, '..', '..', 'examples'))
  .filter((f) => f.endsWith('.json') || f.endsWith('.jsonc'))
  .map((f) => ({ name: `examples/${f}`, text: readFileSync(join(__dirname, '..', '..', 'examples', f), 'utf8') }));
// Plain-JSON variants of the fixtures: their marker comments removed.
const documents = [...allFixtures().map((f) => ({ name: f.name, text: f.text.replace(/^\s*\/\/.*$|\s\/\/ [^"\n]*$/gm, '') })), ...examples];

describe('JSON.parse path equals the jsonc-parser path', () => {
  for (const { name, text } of documents) {
    it(name, () => {
      // JSON.parse keeps the last of two equal keys: the engine reads such texts with jsonc-parser.
      const fast = parseJson(text).errors.length === 0 ? parseFast(text)?.node : undefined;
      if (fast) assert.deepEqual(shape(fast), shape(parseTree(text, [], { allowTrailingComma: true })), 'same tree, same offsets');
      // A fresh incremental parser reads the whole text with jsonc-parser.
      const withFixes = (result: ReturnType<typeof lintText>) => ({ ...result, findings: result.findings.map((f) => ({ ...f, fixes: f.fixes })) });
      assert.deepEqual(withFixes(lintText(text)), withFixes(new IncrementalParser().lint(text)), 'same findings and fixes');
    });
  }

  it('reads most fixtures through JSON.parse', () => {
    assert.ok(documents.filter(({ text }) => parseFast(text)).length >= documents.length / 2);
  });

  it('places nodes through escapes, unicode and odd spacing', () => {
    const text = ' \r\n{ "a\\"b" :[1 ,true,null, "x\\\\"] ,"c":{"d":-1.5e3},"\\u00e9":"é" , "e" : [ ] }\n';
    assert.deepEqual(shape(parseFast(text)?.node), shape(parseTree(text)));
  });
});
