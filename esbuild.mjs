// Bundles the CLI, the language server and the extension client into dist/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

// Terraform's parser: tree-sitter's runtime and its HCL grammar, as WebAssembly beside the bundles.
const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
for (const [pkg, file] of [['web-tree-sitter', 'web-tree-sitter.wasm'], ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-terraform.wasm']]) {
  copyFileSync(require.resolve(`${pkg}/${file}`), `dist/${file}`);
}

execFileSync(process.execPath, ['scripts/gen-iam-table.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // jsonc-parser's UMD main does not bundle; its ESM build does.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle lacks; its CommonJS build does not.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: { 'scan-worker': 'server/src/scan-worker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { 'lint-worker': 'server/src/lint-worker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);
