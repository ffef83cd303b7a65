// Worker thread of a parallel scan: reads, lints (and fixes) the files it is handed, returns only findings.
import { parentPort, workerData } from 'node:worker_threads';
import { scanFile } from './scan/lint-file';
import type { WorkerReply, WorkerRequest } from './scan/run-scan';
import type { FileScanOptions } from './scan/types';

const options = workerData as FileScanOptions;

parentPort?.on('message', (request: WorkerRequest & { id: number }) => {
  const reply: WorkerReply & { id: number } = {
    id: request.id,
    results: request.tasks.map((task) => ({ ...task, outcome: scanFile(task.absolutePath, options) })),
  };
  parentPort?.postMessage(reply);
});
