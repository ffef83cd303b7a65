// Bundles the CLI, the language server and the extension client into dist/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/gen-iam-table.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // jsonc-parser's UMD main does not bundle; its ESM build does.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: { 'scan-worker': 'server/src/scan-worker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);
