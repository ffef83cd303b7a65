// Node modules the command line needs only sometimes, loaded on first use: each costs milliseconds
// of every start (crypto pulls in the streams, child_process the sockets), and most scans of a few
// files need none of them (SARIF fingerprints, `explain --base`, a worker pool).
export function nodeCrypto(): typeof import('node:crypto') {
  return require('node:crypto') as typeof import('node:crypto');
}

export function nodeChildProcess(): typeof import('node:child_process') {
  return require('node:child_process') as typeof import('node:child_process');
}

export function nodeWorkerThreads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}
