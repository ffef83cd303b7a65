// The JSON report: one object, positions 0-based as in LSP. Only findings are kept until the end.
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
  filesScanned: number;
  findings: JsonReportFinding[];
}

export function createJsonReporter(write: Write): Reporter {
  const findings: JsonReportFinding[] = [];
  return {
    file(result: FileResult, fileFindings: readonly ReportedFinding[]): void {
      for (const f of fileFindings) {
        findings.push({ file: result.displayPath, ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range, fixes: f.fixes });
      }
    },
    end(summary: ScanSummary): void {
      const report: JsonReport = { version: 1, filesScanned: summary.filesScanned, findings };
      write(JSON.stringify(report) + '\n');
    },
  };
}
