// The language server's side of the lint worker: one worker thread, started on first use. A
// document's newer version supersedes an older one still waiting; a stale reply is dropped by the
// caller (it checks the version). If the worker cannot start, large documents are linted here.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding, LintOptions } from '../engine';
import type { LintWorkerReply, LintWorkerRequest } from '../lint-worker';

/** Documents at least this large are linted in the worker. */
export const WORKER_THRESHOLD_CHARS = 512 * 1024;

export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: { findings: Finding[]; recognized: boolean }) => void; reject: (e: Error) => void }>();
  private failed = false;

  constructor(private readonly script = path.join(__dirname, 'lint-worker.js')) {}

  /** Whether the worker can be used (it exists in the bundle, and has not failed to start). */
  get available(): boolean {
    return !this.failed;
  }

  lint(text: string, options: LintOptions): Promise<{ findings: Finding[]; recognized: boolean }> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, options } satisfies LintWorkerRequest);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (reply: LintWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve({ findings: reply.findings, recognized: reply.recognized });
    });
    const fail = (error: Error): void => {
      this.failed = true;
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`the lint worker stopped (exit ${code})`));
      this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }
}
