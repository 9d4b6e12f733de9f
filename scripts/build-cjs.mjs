// Build step (npm run build): the CommonJS build in dist/cjs/, for require('mock-voucherify') and
// Jest's CommonJS runtime. One bundle of src/index.ts with the dependencies left to require(), except
// the ESM-only ones (lowdb and steno), which are bundled since a CommonJS runtime cannot load them.
// The Jest global setup/teardown modules require the package's own bundle instead of holding a copy.
// Type declarations: dist/src/**/*.d.ts copied as dist/cjs/types/**/*.d.cts, so that TypeScript sees
// CommonJS types for the CommonJS entry points.

import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cjs');
const esmOnly = ['lowdb', 'steno'];

/** src/jest/*.ts import '../index.js': in the CommonJS build that is dist/cjs/index.cjs, required at run time. */
const packageIndexExternal = {
  name: 'package-index-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      args.importer.startsWith(join(root, 'src', 'jest')) ? { path: '../index.cjs', external: true } : undefined,
    );
  },
};

const dependencies = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies ?? {});

await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts', 'src/jest/global-setup.ts', 'src/jest/global-teardown.ts'],
  outdir: out,
  outbase: 'src',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: dependencies.filter((name) => !esmOnly.includes(name)),
  plugins: [packageIndexExternal],
  // src/package-root.ts finds specs/ and fixtures/ from its own file's URL.
  define: { 'import.meta.url': '__mock_voucherify_file_url' },
  banner: { js: 'var __mock_voucherify_file_url = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

/** Every .d.ts under dist/src as a .d.cts under dist/cjs/types, its relative imports pointing at .cjs. */
function copyDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyDeclarations(path);
    else if (entry.name.endsWith('.d.ts')) {
      const target = join(out, 'types', relative(join(root, 'dist', 'src'), path)).replace(/\.d\.ts$/, '.d.cts');
      const text = readFileSync(path, 'utf8').replace(/((?:from|import\()\s*['"]\.{1,2}\/[^'"]*)\.js(['"])/g, '$1.cjs$2');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
}
copyDeclarations(join(root, 'dist', 'src'));
