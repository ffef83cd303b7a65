// Ctrl+C must not leave code-server or Chromium behind: on a signal, run the cleanup once, then exit.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Returns the function that unregisters the handlers once the normal path has cleaned up. */
export function cleanUpOnSignals(cleanUp: () => Promise<void>): () => void {
  // The same Ctrl+C can arrive twice (from the terminal, then forwarded by runTests()): act once.
  let cleaning = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (cleaning) return;
    cleaning = true;
    process.stderr.write(`[e2e] ${signal}: stopping code-server and the browser\n`);
    void cleanUp().finally(() => process.exit(130));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}
