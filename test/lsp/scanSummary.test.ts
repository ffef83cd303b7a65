// The message the client shows when a workspace scan ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanSummary } from '../../client/src/protocol';
import { formatScanSummary } from '../../client/src/scanSummary';

const base: ScanSummary = {
  cancelled: false,
  folders: 1,
  filesFound: 12,
  filesScanned: 10,
  filesWithPolicies: 7,
  filesWithFindings: 3,
  findingsBySeverity: { error: 2, warning: 1, information: 1, hint: 0 },
  skipped: { 'too-large': 1, unreadable: 1 },
  excluded: { exclude: 4, filesExclude: 0, gitignore: 2 },
  durationMs: 1234,
};

describe('scan summary message', () => {
  it('gives findings by severity, files scanned, skipped and excluded, and why', () => {
    assert.equal(
      formatScanSummary(base),
      'Scanned 10 files (7 with policies) in 1.2 s. 2 errors, 1 warning, 1 information in 3 files. ' +
        'Skipped: 1 larger than kmsPolicyLint.maxFileSize, 1 unreadable. Excluded files and folders: 2 by .gitignore, 4 by kmsPolicyLint.exclude.',
    );
  });

  it('says when nothing was found and when the scan was cancelled', () => {
    const clean = { ...base, findingsBySeverity: { error: 0, warning: 0, information: 0, hint: 0 }, filesWithFindings: 0, skipped: {}, excluded: { exclude: 0, filesExclude: 0, gitignore: 0 } };
    assert.equal(formatScanSummary(clean), 'Scanned 10 files (7 with policies) in 1.2 s. No findings.');
    assert.equal(formatScanSummary({ ...clean, durationMs: 42 }), 'Scanned 10 files (7 with policies) in 42 ms. No findings.', 'never "0.0 s"');
    assert.match(formatScanSummary({ ...clean, cancelled: true, filesScanned: 1 }), /^Scan cancelled after 1 file of 12\. No findings\.$/);
  });
});
