// Last-resort cleanup: synchronous hooks run when the process exits, including on Ctrl+C or SIGTERM.

const hooks = new Set<() => void>();

/** Registers a synchronous hook for process exit; returns a function that unregisters it. */
export function onExit(hook: () => void): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

function runHooks(): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // One failing hook must not keep the others from cleaning up.
    }
  }
  hooks.clear();
}

process.on('exit', runHooks);
// Without a handler, a signal ends Node without 'exit' handlers; exiting explicitly runs them.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal} received, cleaning up`);
    process.exit(code);
  });
}
