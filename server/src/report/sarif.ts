// SARIF 2.1.0 for code-scanning dashboards: rules with help (the rule's page, shipped with the
// package) and security severities, results with 1-based regions, stable fingerprints and fixes.
// Written as it goes: each file's results leave as soon as the file is done, so a report of
// 100,000 files never sits in memory whole.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeCrypto } from '../lazy-builtins';
import type * as Sarif from 'sarif';
import { docsUrl, RULES, type Range, type RuleMeta, type Severity } from '../engine';
import type { FileResult, ReportedFinding } from '../scan/types';
import type { Reporter, ScanSummary, Write } from './summary';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/kms-policy-lint/kms-policy-lint';
const SOURCE_ROOT = '%SRCROOT%';
/** The fingerprint's name says what it hashes; a new scheme gets a new name. */
const FINGERPRINT = 'kmsPolicyLint/v1';

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

/** The rule's page as help text: shipped beside dist/ (or read from the sources in development). */
function helpMarkdown(id: string): string | undefined {
  for (const base of [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules'), path.join(__dirname, '..', '..', 'docs', 'rules')]) {
    try {
      return fs.readFileSync(path.join(base, `${id}.md`), 'utf8');
    } catch {
      // the next place
    }
  }
  return undefined;
}

function sarifRule(rule: RuleMeta): Sarif.ReportingDescriptor {
  const markdown = helpMarkdown(rule.id);
  const properties: Record<string, unknown> = {};
  if (rule.tags) properties.tags = [...rule.tags];
  if (rule.securitySeverity !== undefined) properties['security-severity'] = rule.securitySeverity.toFixed(1);
  if (rule.note) properties.note = true;
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri: docsUrl(rule.id),
    help: { text: rule.description, ...(markdown ? { markdown } : {}) },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/**
 * A finding's identity across runs: rule, file, policy and statement, and which occurrence of that
 * it is — not its line, so code scanning keeps tracking it when lines move.
 */
function fingerprint(file: string, finding: ReportedFinding, occurrence: number): string {
  const identity = JSON.stringify([finding.ruleId, file, finding.context?.policy ?? '', finding.context?.statement ?? '', occurrence]);
  return nodeCrypto().createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

export function createSarifReporter(write: Write, toolVersion: string, cwd: string): Reporter {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id as string, index]));
  const notifications: Sarif.Notification[] = [];
  let started = false;
  let first = true;
  const start = (): void => {
    if (started) return;
    started = true;
    const driver: Sarif.ToolComponent = { name: 'kms-policy-lint', version: toolVersion, informationUri: INFORMATION_URI, rules: RULES.map(sarifRule) };
    const head = {
      tool: { driver },
      originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
      columnKind: 'utf16CodeUnits',
    };
    // Everything up to the results array; the array and the invocations follow as the scan goes.
    write(`{\n"$schema": ${JSON.stringify(SARIF_SCHEMA)},\n"version": "2.1.0",\n"runs": [\n${JSON.stringify(head).slice(0, -1)},\n"results": [\n`);
  };
  return {
    file(result: FileResult, findings: readonly ReportedFinding[]): void {
      start();
      const location = artifactLocation(result.displayPath);
      if (result.outcome.kind === 'unreadable' || result.outcome.kind === 'internal-error') {
        notifications.push({
          level: result.outcome.kind === 'internal-error' ? 'error' : 'warning',
          message: { text: `${result.displayPath}: ${result.outcome.message.split('\n')[0]}` },
          locations: [{ physicalLocation: { artifactLocation: location } }],
        });
      }
      const occurrences = new Map<string, number>();
      for (const f of findings) {
        const key = JSON.stringify([f.ruleId, f.context?.policy ?? '', f.context?.statement ?? '']);
        const occurrence = occurrences.get(key) ?? 0;
        occurrences.set(key, occurrence + 1);
        const sarifResult: Sarif.Result = {
          ruleId: f.ruleId,
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f.range) } }],
          partialFingerprints: { [FINGERPRINT]: fingerprint(result.displayPath, f, occurrence) },
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
        write(`${first ? '' : ',\n'}${JSON.stringify(sarifResult)}`);
        first = false;
      }
    },
    end(summary: ScanSummary): void {
      start();
      const invocations = [{ executionSuccessful: summary.internalErrors === 0, toolExecutionNotifications: notifications }];
      write(`\n],\n"invocations": ${JSON.stringify(invocations)}\n}\n]\n}\n`);
    },
  };
}
