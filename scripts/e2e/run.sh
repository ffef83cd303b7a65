#!/usr/bin/env bash
# The end-to-end tests in a real VS Code (code-server 4.100.3 + Debian Chromium), offline:
# install what they need (cached), package the .vsix, run the extension tests through
# @vscode/test-electron and the launcher, then the UI test against the installed .vsix.
# Every run uses fresh temp folders and stops every process it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$SECONDS
step() { echo "[e2e] $* ($((SECONDS - started)) s)"; }

step "install code-server and Debian packages (cached)"
scripts/e2e/install.sh > /dev/null
failed=()
step "package the extension"
# A .vsix left by an earlier run must not stand in for one this run failed to build.
rm -f ./*.vsix
npm run --silent package < /dev/null || failed+=("npm run package")
step "build the tests"
node scripts/e2e/build.mjs
step "extension tests"
# The launcher runs them in the code-server installed above; KMS_E2E_VSCODE=download lets
# @vscode/test-electron download VS Code instead (needs internet and a display).
KMS_E2E_VSCODE="${KMS_E2E_VSCODE:-code-server}" node out/e2e/runTest.js || failed+=("extension tests")
# The UI test runs even when the extension tests failed: both verdicts are worth having.
step "UI test"
node --test --test-reporter=spec out/e2e/ui/workbench.ui.js || failed+=("UI test")
if [ "${#failed[@]}" -gt 0 ]; then
  step "FAILED: ${failed[*]}"
  exit 1
fi
step "passed"
