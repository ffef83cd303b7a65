// SARIF 2.1.0 for code-scanning dashboards: rules with help links, results with 1-based regions and fixes.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { docsUrl, RULES, type Range, type Severity } from '../engine';
import type { FileResult, ReportedFinding } from '../scan/types';
import type { Reporter, ScanSummary, Write } from './summary';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/kms-policy-lint/kms-policy-lint';
const SOURCE_ROOT = '%SRCROOT%';

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** LSP's 0-based line/UTF-16 character becomes SARIF's 1-based line/column (the run says utf16CodeUnits). */
export function sarifRegion(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Relative paths stay relative to %SRCROOT% (the current directory); absolute ones become file URIs. */
export function artifactLocation(displayPath: string): Sarif.ArtifactLocation {
  if (displayPath.startsWith('/') || /^[A-Za-z]:\//.test(displayPath)) return { uri: pathToFileURL(displayPath).href };
  return { uri: displayPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

export function createSarifReporter(write: Write, toolVersion: string, cwd: string): Reporter {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id as string, index]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  return {
    file(result: FileResult, findings: readonly ReportedFinding[]): void {
      const location = artifactLocation(result.displayPath);
      if (result.outcome.kind === 'unreadable' || result.outcome.kind === 'internal-error') {
        notifications.push({
          level: result.outcome.kind === 'internal-error' ? 'error' : 'warning',
          message: { text: `${result.displayPath}: ${result.outcome.message.split('\n')[0]}` },
          locations: [{ physicalLocation: { artifactLocation: location } }],
        });
      }
      for (const f of findings) {
        const sarifResult: Sarif.Result = {
          ruleId: f.ruleId,
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f.range) } }],
        };
        const index = ruleIndex.get(f.ruleId);
        if (index !== undefined) sarifResult.ruleIndex = index;
        if (f.fixes.length > 0) {
          sarifResult.fixes = f.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: [{
              artifactLocation: location,
              replacements: fix.edits.map((edit) => ({ deletedRegion: sarifRegion(edit.range), insertedContent: { text: edit.newText } })),
            }],
          }));
        }
        results.push(sarifResult);
      }
    },
    end(summary: ScanSummary): void {
      const log: Sarif.Log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [{
          tool: {
            driver: {
              name: 'kms-policy-lint',
              version: toolVersion,
              informationUri: INFORMATION_URI,
              rules: RULES.map((rule) => ({
                id: rule.id,
                shortDescription: { text: rule.description },
                helpUri: docsUrl(rule.id),
                defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
                ...(rule.note ? { properties: { note: true } } : {}),
              })),
            },
          },
          originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
          columnKind: 'utf16CodeUnits',
          invocations: [{ executionSuccessful: summary.internalErrors === 0, toolExecutionNotifications: notifications }],
          results,
        }],
      };
      write(JSON.stringify(log, null, 2) + '\n');
    },
  };
}
