// The build's JSON copy of specs/ (dist/specs/<file>.json): the same documents, read at start-up with
// JSON.parse instead of a YAML parser that is slow until warmed up. specs/ stays the only source.
// A copy is used only while its YAML file has the content it was made from (a hash in
// dist/specs/manifest.json): file times are no guide, since npm sets them when it installs a package.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultSpecsDir, packageRoot } from '../package-root.js';

export const specCacheDir = join(packageRoot, 'dist', 'specs');
const manifestPath = join(specCacheDir, 'manifest.json');

export const isSpecFile = (name: string) => /\.(ya?ml|json)$/.test(name);

/** spec file name → sha256 of the content its cached copy was made from. */
type Manifest = Record<string, string>;

let manifest: Manifest | undefined;

function readManifest(): Manifest {
  if (!manifest) {
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    } catch {
      manifest = {};
    }
  }
  return manifest;
}

const contentHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The cached copy of specs/`file`, when there is one made from the file's current content. */
export function cachedCopy(dir: string, file: string): string | undefined {
  if (resolve(dir) !== defaultSpecsDir) return undefined;
  const copy = join(specCacheDir, `${file}.json`);
  const expected = readManifest()[file];
  if (expected === undefined || !existsSync(copy)) return undefined;
  return contentHash(join(dir, file)) === expected ? copy : undefined;
}

/** Writes the bundled JSON copy of every spec file and the manifest of their hashes (run by `npm run build`). */
export async function writeSpecCache(): Promise<void> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  mkdirSync(specCacheDir, { recursive: true });
  const hashes: Manifest = {};
  for (const file of readdirSync(defaultSpecsDir).filter(isSpecFile).sort()) {
    const path = join(defaultSpecsDir, file);
    const document = await SwaggerParser.bundle(path);
    writeFileSync(join(specCacheDir, `${file}.json`), JSON.stringify(document));
    hashes[file] = contentHash(path);
  }
  writeFileSync(manifestPath, `${JSON.stringify(hashes, null, 2)}\n`);
  manifest = hashes;
}
