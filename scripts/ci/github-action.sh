#!/usr/bin/env bash
# The GitHub Action's entry: scans, writes SARIF for code scanning, and turns each finding into a
# workflow annotation on the pull request. Runs locally too (the tests do):
#   INPUT_PATHS=policies INPUT_FAIL_ON=warning KMS_POLICY_LINT="node dist/cli.js" bash scripts/ci/github-action.sh
set -uo pipefail

paths=${INPUT_PATHS:-.}
fail_on=${INPUT_FAIL_ON:-warning}
sarif=${INPUT_SARIF:-kms-policy-lint.sarif}
output=${GITHUB_OUTPUT:-/dev/null}

if [[ -n "${KMS_POLICY_LINT:-}" ]]; then
  read -r -a cli <<<"$KMS_POLICY_LINT"
else
  cli=(npx --yes "kms-policy-lint${INPUT_VERSION:+@$INPUT_VERSION}")
fi
read -r -a targets <<<"$(tr '\n' ' ' <<<"$paths")"

# One scan, two reports: SARIF for code scanning, JSON for the annotations.
json=$(mktemp)
"${cli[@]}" scan "${targets[@]}" --format sarif --output "$sarif" --fail-on none
status=$?
if [[ $status -ge 2 ]]; then
  echo "::error::kms-policy-lint could not complete the scan (exit $status)"
  exit "$status"
fi
echo "sarif=$sarif" >>"$output"
"${cli[@]}" scan "${targets[@]}" --format json --output "$json" --fail-on "$fail_on"
status=$?

# Annotations: ::error / ::warning / ::notice file=…,line=…,col=…,title=…::message (escaped as GitHub requires).
node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const esc = (s, prop) => String(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(prop ? /[:,]/g : /$^/, (c) => (c === ":" ? "%3A" : "%2C"));
  const kind = { error: "error", warning: "warning", information: "notice", hint: "notice" };
  for (const f of report.findings) {
    const p = `file=${esc(f.file, true)},line=${f.range.start.line + 1},col=${f.range.start.character + 1},endLine=${f.range.end.line + 1},title=${esc(f.ruleId, true)}`;
    console.log(`::${kind[f.severity] ?? "notice"} ${p}::${esc(f.message)}`);
  }
' "$json"
rm -f "$json"
exit "$status"
