// The build's JSON copy of specs/ (dist/specs/<file>.json): the same documents, read at start-up with
// JSON.parse instead of a YAML parser that is slow until warmed up. specs/ stays the only source.

import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { defaultSpecsDir, packageRoot } from '../package-root.js';

export const specCacheDir = join(packageRoot, 'dist', 'specs');

export const isSpecFile = (name: string) => /\.(ya?ml|json)$/.test(name);

/** The cached copy of specs/`file`, when there is one at least as new as the file itself. */
export function cachedCopy(dir: string, file: string): string | undefined {
  if (resolve(dir) !== defaultSpecsDir) return undefined;
  const copy = join(specCacheDir, `${file}.json`);
  if (!existsSync(copy)) return undefined;
  return statSync(copy).mtimeMs >= statSync(join(dir, file)).mtimeMs ? copy : undefined;
}

/** Writes the bundled JSON copy of every spec file (run by `npm run build`). */
export async function writeSpecCache(): Promise<void> {
  mkdirSync(specCacheDir, { recursive: true });
  for (const file of readdirSync(defaultSpecsDir).filter(isSpecFile)) {
    const document = await SwaggerParser.bundle(join(defaultSpecsDir, file));
    writeFileSync(join(specCacheDir, `${file}.json`), JSON.stringify(document));
  }
}
