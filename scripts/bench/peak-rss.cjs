// Preloaded into a benchmarked process (node --require): writes its peak resident memory, in KB,
// to the file named by KMS_POLICY_LINT_PEAK_RSS_FILE when it exits. Worker threads count: they share the process.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.KMS_POLICY_LINT_PEAK_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
