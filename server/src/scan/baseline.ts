// A baseline: the findings a repository accepts for now, so a scan reports only new ones. Findings
// are matched by rule, file and statement (policy label and Sid or position among the statements),
// never by line, so edits elsewhere in a file do not bring old findings back. Each baseline entry
// absorbs as many findings as it counts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportedFinding } from './types';

export interface BaselineEntry {
  file: string;
  ruleId: string;
  policy?: string;
  statement?: string;
  count: number;
}

export interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

/** A key no two different entries share: a JSON array of the parts (no separator to collide with). */
function keyOf(file: string, finding: { ruleId: string; policy?: string; statement?: string }): string {
  return JSON.stringify([file, finding.ruleId, finding.policy ?? '', finding.statement ?? '']);
}

/** Paths in a baseline are relative to the baseline file's folder, with forward slashes. */
function relativeFile(baselineFile: string, absolutePath: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), absolutePath).split(path.sep).join('/');
}

export class BaselineWriter {
  private readonly counts = new Map<string, BaselineEntry>();
  constructor(private readonly file: string) {}

  add(absolutePath: string, findings: readonly ReportedFinding[]): void {
    const file = relativeFile(this.file, absolutePath);
    for (const finding of findings) {
      const entry = { ruleId: finding.ruleId, policy: finding.context?.policy, statement: finding.context?.statement };
      const key = keyOf(file, entry);
      const existing = this.counts.get(key);
      if (existing) existing.count++;
      else this.counts.set(key, { file, ruleId: entry.ruleId, ...(entry.policy ? { policy: entry.policy } : {}), ...(entry.statement ? { statement: entry.statement } : {}), count: 1 });
    }
  }

  write(): number {
    const findings = [...this.counts.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    const content: BaselineFile = { version: 1, findings };
    fs.writeFileSync(this.file, `${JSON.stringify(content, null, 2)}\n`);
    return findings.reduce((n, f) => n + f.count, 0);
  }
}

export class Baseline {
  private readonly remaining = new Map<string, number>();

  private constructor(private readonly file: string) {}

  /** Reads a baseline; a missing or malformed file is an error the caller reports (exit 2). */
  static read(file: string): Baseline {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (typeof raw !== 'object' || raw === null || (raw as BaselineFile).version !== 1 || !Array.isArray((raw as BaselineFile).findings)) {
      throw new Error('not a kms-policy-lint baseline (expected {"version": 1, "findings": [...]})');
    }
    const baseline = new Baseline(file);
    for (const entry of (raw as BaselineFile).findings) {
      if (typeof entry?.file !== 'string' || typeof entry.ruleId !== 'string') throw new Error('every baseline entry needs "file" and "ruleId"');
      const key = keyOf(entry.file, entry);
      const count = Number.isInteger(entry.count) && entry.count > 0 ? entry.count : 1;
      baseline.remaining.set(key, (baseline.remaining.get(key) ?? 0) + count);
    }
    return baseline;
  }

  /** The findings of a file the baseline does not account for. */
  filter(absolutePath: string, findings: readonly ReportedFinding[]): ReportedFinding[] {
    const file = relativeFile(this.file, absolutePath);
    return findings.filter((finding) => {
      const key = keyOf(file, { ruleId: finding.ruleId, policy: finding.context?.policy, statement: finding.context?.statement });
      const left = this.remaining.get(key) ?? 0;
      if (left === 0) return true;
      this.remaining.set(key, left - 1);
      return false;
    });
  }
}
