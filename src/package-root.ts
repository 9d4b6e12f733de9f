// Finds mock-voucherify's package root, where specs/ and fixtures/ live, from src/ or from a build in dist/.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'mock-voucherify') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`mock-voucherify: cannot find the package root above ${start}`);
    dir = parent;
  }
}

export const packageRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
export const defaultSpecsDir = join(packageRoot, 'specs');
export const defaultFixturesPath = join(packageRoot, 'fixtures', 'default.json');
export const packageVersion = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
