// Worker thread of the language server: lints the documents too large to lint on the thread that
// serves the editor, so a multi-megabyte policy never delays the diagnostics, hovers and
// completions of any other document. Findings travel back with their fixes computed.
import { parentPort } from 'node:worker_threads';
import { lintText, ready, type Finding, type LintOptions } from './engine';

export interface LintWorkerRequest {
  id: number;
  text: string;
  options: LintOptions;
}

export type LintWorkerReply = { id: number; findings: Finding[]; recognized: boolean } | { id: number; error: string };

const loaded = ready();

parentPort?.on('message', (request: LintWorkerRequest) => {
  void loaded.then(() => {
    try {
      const result = lintText(request.text, request.options);
      // The fixes are read here, once: the reply carries plain data.
      const findings: Finding[] = result.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range, offset: f.offset, length: f.length, fixes: f.fixes, ...(f.context ? { context: f.context } : {}) }));
      parentPort?.postMessage({ id: request.id, findings, recognized: result.recognized } satisfies LintWorkerReply);
    } catch (error) {
      parentPort?.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LintWorkerReply);
    }
  });
});
