// Compiles test/e2e into out/e2e: the launcher, runTest, the mocha suite (loaded by the extension
// host) and the UI test. Packages stay external and resolve from the project's node_modules.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/e2e/suite';
const suiteEntries = readdirSync(suiteDir)
  .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
  .map((name) => join(suiteDir, name));

await build({
  entryPoints: [
    'test/e2e/harness/launcher.ts',
    'test/e2e/runTest.ts',
    'test/e2e/ui/workbench.ui.ts',
    ...suiteEntries,
  ],
  outbase: 'test/e2e',
  outdir: 'out/e2e',
  bundle: true,
  packages: 'external',
  external: ['vscode'],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
});
