// The floor of a mixed scan: reads every file under a folder and parses it with the parser the
// linter uses for its syntax (JSON.parse, the yaml package's parseDocument, tree-sitter's HCL
// grammar), nothing else. Prints {files, bytes}.
// Usage: node scripts/bench/bare-parse.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const { parseDocument } = require('yaml');
const { Parser, Language } = require('web-tree-sitter');

await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
const hcl = new Parser();
hcl.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));

let files = 0;
let bytes = 0;
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) {
      const text = readFileSync(full, 'utf8');
      files++;
      bytes += text.length;
      if (full.endsWith('.json')) {
        try {
          JSON.parse(text);
        } catch {}
      } else if (full.endsWith('.yaml')) parseDocument(text);
      else if (full.endsWith('.tf')) hcl.parse(text)?.delete();
    }
  }
})(process.argv[2]);
console.log(JSON.stringify({ files, bytes }));
