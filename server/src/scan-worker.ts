// Worker thread of a parallel scan: reads, lints (and fixes) the files it is handed, returns only findings.
import { parentPort, workerData } from 'node:worker_threads';
import { ready } from './engine';
import { scanFile } from './scan/lint-file';
import type { WorkerMessage, WorkerRequest } from './scan/run-scan';
import type { FileScanOptions } from './scan/types';

const options = workerData as FileScanOptions;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

parentPort?.on('message', (request: WorkerRequest) => {
  post({ kind: 'results', id: request.id, results: request.tasks.map((task) => ({ ...task, outcome: scanFile(task.absolutePath, options) })) });
});
// The engine is loaded (Terraform's parser too) by now: the main thread can stop scanning on its own.
void ready().then(
  () => post({ kind: 'ready' }),
  (error: unknown) => {
    throw error instanceof Error ? error : new Error(String(error));
  },
);
