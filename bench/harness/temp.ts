// Temporary folders for the bench, removed when done and, failing that, when the process exits.

import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { onExit } from './exit-hooks.js';

const live = new Set<string>();
onExit(() => live.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A new empty folder under the system's temp dir, as a real path (module paths are compared as real paths). */
export function makeTempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(os.tmpdir(), `mock-voucherify-bench-${prefix}-`)));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}
