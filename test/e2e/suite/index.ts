// Entry point the extension host loads (--extensionTestsPath): runs every *.test.js next to it with mocha.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extensionAndServerReady } from './support';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, forbidOnly: true, forbidPending: true });
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (testFiles.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const file of testFiles) mocha.addFile(join(__dirname, file));
  mocha.suite.beforeAll('the extension activates and its language server answers', extensionAndServerReady);
  return new Promise((resolveRun, rejectRun) => {
    mocha.run((failures) => (failures > 0 ? rejectRun(new Error(`${failures} extension test(s) failed`)) : resolveRun()));
  });
}
