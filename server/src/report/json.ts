// The JSON report: one object, positions 0-based as in LSP. Written as it goes: each file's findings
// leave as soon as the file is done, so a large scan's report never sits in memory whole.
import type { Range } from '../engine';
import type { FileResult, ReportedFinding } from '../scan/types';
import type { Reporter, ScanSummary, Write } from './summary';

export interface JsonReportFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: Range;
  fixes: { title: string; edits: { range: Range; newText: string }[] }[];
}

export interface JsonReport {
  version: 1;
  findings: JsonReportFinding[];
  filesScanned: number;
}

export function createJsonReporter(write: Write): Reporter {
  let started = false;
  let first = true;
  const start = (): void => {
    if (!started) write('{"version":1,"findings":[');
    started = true;
  };
  return {
    file(result: FileResult, fileFindings: readonly ReportedFinding[]): void {
      start();
      for (const f of fileFindings) {
        const finding: JsonReportFinding = { file: result.displayPath, ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range, fixes: f.fixes };
        write(`${first ? '' : ','}${JSON.stringify(finding)}`);
        first = false;
      }
    },
    end(summary: ScanSummary): void {
      start();
      write(`],"filesScanned":${summary.filesScanned}}\n`);
    },
  };
}
