// Loads specs/ once per folder and process, and compiles every operation's validators right after:
// every app built from the same folder shares them.

import { loadSpecs, type LoadedSpecs } from './load.js';
import { orderRoutes } from './routes.js';
import { Validators, type CompiledOperation } from './validators.js';

export interface CompiledSpecs {
  specs: LoadedSpecs;
  validators: Validators;
  /** In the order Express must try them (static paths before parametric ones). */
  operations: CompiledOperation[];
}

const cache = new Map<string, Promise<CompiledSpecs>>();

export function compileSpecs(dir: string): Promise<CompiledSpecs> {
  let compiled = cache.get(dir);
  if (!compiled) {
    compiled = loadSpecs(dir).then((specs) => {
      const validators = new Validators(specs);
      const operations = orderRoutes(specs.operations).map((op) => validators.compile(op));
      warmUp(operations);
      return { specs, validators, operations };
    });
    compiled.catch(() => cache.delete(dir));
    cache.set(dir, compiled);
  }
  return compiled;
}

/**
 * Compiles every operation's validators, one operation per turn of the event loop, so the server
 * listens (and answers) without waiting for all of them: compiling ~40 operations takes a few
 * hundred milliseconds, more than the rest of start-up. A request that arrives first compiles its
 * own operation. A schema that fails to compile is left for its first request, which answers 500
 * naming the problem (test/spec-coverage.test.ts compiles them all).
 */
function warmUp(operations: CompiledOperation[]): void {
  let next = 0;
  const step = () => {
    if (next >= operations.length) return;
    try {
      operations[next++].validators();
    } catch {
      // reported by the operation's first request
    }
    setImmediate(step).unref();
  };
  setImmediate(step).unref();
}
