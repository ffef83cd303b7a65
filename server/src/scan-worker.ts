// Worker thread of a parallel scan: reads, lints (and fixes) the files it is handed, returns only findings.
import { parentPort, workerData } from 'node:worker_threads';
import { engineReadyFor } from './scan/engine-ready';
import { scanFile } from './scan/lint-file';
import type { WorkerMessage, WorkerRequest } from './scan/run-scan';
import type { FileResult, FileScanOptions } from './scan/types';

const options = workerData as FileScanOptions;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

parentPort?.on('message', (request: WorkerRequest) => {
  void (async () => {
    const results: FileResult[] = [];
    for (const task of request.tasks) {
      // Terraform's WebAssembly parser loads when the first file that may hold HCL comes, as in the main thread.
      await engineReadyFor(task.absolutePath);
      results.push({ ...task, outcome: scanFile(task.absolutePath, options, task.listedRegular) });
    }
    post({ kind: 'results', id: request.id, results });
  })().catch((error: unknown) => {
    // A worker that cannot load its parser stops; the pool reports its files and carries on without it.
    setImmediate(() => {
      throw error instanceof Error ? error : new Error(String(error));
    });
  });
});
post({ kind: 'ready' });
