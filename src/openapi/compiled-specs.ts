// Loads and compiles specs/ once per folder and process: every app built from the same folder shares them.

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
      return { specs, validators, operations: orderRoutes(specs.operations).map((op) => validators.compile(op)) };
    });
    compiled.catch(() => cache.delete(dir));
    cache.set(dir, compiled);
  }
  return compiled;
}
