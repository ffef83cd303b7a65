// Runs the files of a scan through worker threads (or the main thread for small scans) and
// hands the results back in discovery order, as soon as each one and all before it are done.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from '../lazy-builtins';
import type { DiscoveredFile } from './discover';
import { engineReadyFor } from './engine-ready';
import { scanFile } from './lint-file';
import type { FileResult, FileScanOptions, FileTask } from './types';

/** Up to this many files, starting workers costs more than it saves. */
export const INLINE_FILE_LIMIT = 32;
/** Files per message to a worker: large enough to amortise messaging, small enough to stream. */
const BATCH_SIZE = 8;
/** Batches each worker holds at once, so it never waits for the main thread between batches. */
const BATCHES_PER_WORKER = 2;
/** How far dispatch may run ahead of the oldest unfinished file: bounds the results held for reordering. */
const REORDER_WINDOW = 4096;

export interface WorkerRequest {
  id: number;
  tasks: FileTask[];
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'results'; id: number; results: FileResult[] };

export interface ScanRunOptions {
  files: AsyncIterable<DiscoveredFile>;
  fileOptions: FileScanOptions;
  /** Worker count; 1 scans in the main thread; undefined sizes the pool to the machine. */
  jobs?: number;
  workerScript: string;
  onResult: (result: FileResult) => void;
  /** Problems of the pool itself that cost no result (a worker that never started). */
  onWarning: (message: string) => void;
}

/** Emits results in sequence order whatever order they complete in. */
class OrderedEmitter {
  private readonly pending = new Map<number, FileResult>();
  nextSeq = 0;
  constructor(private readonly emit: (result: FileResult) => void) {}

  add(result: FileResult): void {
    this.pending.set(result.seq, result);
    for (let next = this.pending.get(this.nextSeq); next; next = this.pending.get(this.nextSeq)) {
      this.pending.delete(this.nextSeq);
      this.nextSeq++;
      this.emit(next);
    }
  }
}

async function* numbered(head: readonly DiscoveredFile[], rest: AsyncIterator<DiscoveredFile>): AsyncGenerator<FileTask> {
  let seq = 0;
  for (const file of head) yield { seq: seq++, ...file };
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield { seq: seq++, ...next.value };
}

/**
 * Workers by default: none on one or two cores, else one per core but one. Measured on two cores:
 * two workers scanned 10,000 files slower than the main thread alone (each thread warms up its own
 * compiled code, and the optimising compiler's background thread then has no core to itself);
 * with the optimiser off, the same two workers were 1.45x faster, so the threads themselves scale.
 */
export function defaultWorkerCount(cores: number): number {
  return cores <= 2 ? 1 : cores - 1;
}

export async function runScan(options: ScanRunOptions): Promise<void> {
  const iterator = options.files[Symbol.asyncIterator]();
  const head: DiscoveredFile[] = [];
  let exhausted = false;
  while (head.length <= INLINE_FILE_LIMIT) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
  }
  const workerCount = options.jobs ?? defaultWorkerCount(availableParallelism());
  const tasks = numbered(head, iterator);
  if (exhausted || workerCount <= 1 || !existsSync(options.workerScript)) {
    for await (const task of tasks) {
      await engineReadyFor(task.absolutePath);
      options.onResult({ ...task, outcome: scanFile(task.absolutePath, options.fileOptions, task.listedRegular) });
    }
    return;
  }
  await runPool(tasks, workerCount, options);
}

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  alive: boolean;
  inFlight: Map<number, FileTask[]>;
}

/**
 * Hands batches of files to workers as they have room. Until the first worker has started,
 * and after every worker has died, the main thread scans the files itself.
 */
function runPool(tasks: AsyncGenerator<FileTask>, workerCount: number, options: ScanRunOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const emitter = new OrderedEmitter(options.onResult);
    const workers: PoolWorker[] = [];
    let dispatched = 0;
    let exhausted = false;
    let pumping = false;
    let batchId = 0;
    let settled = false;

    const stopWorkers = (): Promise<unknown> => Promise.all(workers.map((w) => w.worker.terminate()));

    const finishIfDone = (): void => {
      if (settled || pumping || !exhausted || workers.some((w) => w.inFlight.size > 0)) return;
      settled = true;
      stopWorkers().then(() => resolve(), reject);
    };

    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stopWorkers().finally(() => reject(error));
    };

    const nextBatch = async (): Promise<FileTask[]> => {
      const batch: FileTask[] = [];
      while (batch.length < BATCH_SIZE && dispatched - emitter.nextSeq < REORDER_WINDOW) {
        const next = await tasks.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        batch.push(next.value);
        dispatched++;
      }
      return batch;
    };

    const withRoom = (): PoolWorker | undefined => workers.find((w) => w.alive && w.ready && w.inFlight.size < BATCHES_PER_WORKER);
    const anyReady = (): boolean => workers.some((w) => w.alive && w.ready);

    const pump = async (): Promise<void> => {
      if (pumping || settled) return;
      pumping = true;
      try {
        while (!exhausted && !settled && dispatched - emitter.nextSeq < REORDER_WINDOW) {
          if (!withRoom() && anyReady()) break; // the workers are busy: wait for a reply
          const batch = await nextBatch();
          if (batch.length === 0) continue;
          const target = withRoom();
          if (target) {
            const id = batchId++;
            target.inFlight.set(id, batch);
            target.worker.postMessage({ id, tasks: batch } satisfies WorkerRequest);
          } else {
            for (const task of batch) {
              await engineReadyFor(task.absolutePath);
              emitter.add({ ...task, outcome: scanFile(task.absolutePath, options.fileOptions, task.listedRegular) });
            }
            await nextTurn(); // let a worker's "ready" in
          }
        }
      } catch (error) {
        fail(error);
        return;
      } finally {
        pumping = false;
      }
      finishIfDone();
    };

    const onWorkerLost = (entry: PoolWorker, error: Error): void => {
      if (!entry.alive) return;
      entry.alive = false;
      if (!entry.ready) options.onWarning(`a scan worker did not start (${error.message}); scanning in the main thread`);
      const message = `scan worker stopped: ${error.message}`;
      for (const batch of entry.inFlight.values()) {
        for (const task of batch) emitter.add({ ...task, outcome: { kind: 'internal-error', message } });
      }
      entry.inFlight.clear();
      void pump();
      finishIfDone();
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = new (nodeWorkerThreads().Worker)(options.workerScript, { workerData: options.fileOptions });
      const entry: PoolWorker = { worker, ready: false, alive: true, inFlight: new Map() };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'ready') {
          entry.ready = true;
        } else {
          entry.inFlight.delete(message.id);
          for (const result of message.results) emitter.add(result);
        }
        void pump();
        finishIfDone();
      });
      worker.on('error', (error) => onWorkerLost(entry, error));
      worker.on('exit', (code) => {
        if (!settled) onWorkerLost(entry, new Error(`exit code ${code}`));
      });
      workers.push(entry);
    }
    void pump();
  });
}
