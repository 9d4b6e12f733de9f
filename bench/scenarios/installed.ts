// Scenario `installed`: start-up of the package as npm installs it, and whether that copy uses its prebuilt spec cache.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Scenario } from '../harness/context.js';
import { timeStartups } from '../harness/first-request.js';
import { ms } from '../harness/format.js';
import { report } from '../harness/report.js';
import { median } from '../harness/stats.js';

const run = promisify(execFile);
const PROJECT = fileURLToPath(new URL('../../../', import.meta.url));
const RUNS = 10;
const TARGET_STARTUP_MS = 500;
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * `npm pack` of this checkout, extracted where npm would install it. The bench has just built dist/,
 * so packing skips the lifecycle scripts (prepare would rebuild it).
 */
async function install(tmp: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
    cwd: PROJECT,
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 16 * 2 ** 20,
  });
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
  const modules = join(tmp, 'node_modules');
  const installed = join(modules, 'mock-voucherify');
  mkdirSync(installed, { recursive: true });
  // -m as npm install does (pacote's noMtime): files get the time of extraction, not the archive's fixed 1985 date.
  await run('tar', ['-xzmf', join(tmp, filename), '-C', installed, '--strip-components=1'], { timeout: COMMAND_TIMEOUT_MS });
  // Dependencies without the network: the project's own node_modules, entry by entry.
  for (const name of readdirSync(join(PROJECT, 'node_modules'))) {
    if (name.startsWith('.') || name === 'mock-voucherify') continue;
    symlinkSync(join(PROJECT, 'node_modules', name), join(modules, name), 'dir');
  }
  specsAfterCache(installed);
  return installed;
}

/**
 * npm install gives each file the time it is written (pacote's noMtime), and the tarball holds dist/specs/
 * before specs/: each spec ends up as new as its cache copy or newer, by a clock tick or more, depending on
 * timing. Making every spec 1 s newer fixes the figure to the case a content check must handle, instead of
 * letting it flip with the tick from run to run.
 */
function specsAfterCache(installed: string): void {
  for (const file of readdirSync(join(installed, 'specs'))) {
    const copy = join(installed, 'dist', 'specs', `${file}.json`);
    if (!existsSync(copy)) continue;
    const later = new Date(statSync(copy).mtimeMs + 1_000);
    utimesSync(join(installed, 'specs', file), later, later);
  }
}

/** How many of the installed copy's specs/*.yaml its own spec-cache module would read from the prebuilt JSON. */
async function specCacheUse(installed: string): Promise<{ used: number; files: number }> {
  const module = pathToFileURL(join(installed, 'dist', 'src', 'openapi', 'spec-cache.js')).href;
  const { cachedCopy } = (await import(module)) as { cachedCopy: (dir: string, file: string) => string | undefined };
  const specsDir = join(installed, 'specs');
  const files = readdirSync(specsDir).filter((name) => /\.ya?ml$/.test(name));
  const used = files.filter((file) => cachedCopy(specsDir, file) !== undefined).length;
  return { used, files: files.length };
}

export const installed: Scenario = {
  name: 'installed',
  description: `start-up of the npm-packed package (${RUNS} runs) and its use of the prebuilt spec cache`,
  async run(context) {
    const copy = await install(context.tempDir('installed'));
    const cli = join(copy, 'dist', 'bin', 'mock-voucherify.js');
    if (!existsSync(cli)) throw new Error(`the packed package has no ${cli}: run npm run build first`);

    const times = await timeStartups(RUNS, cli);
    const mid = median(times);
    report(`Start-up to first served request (installed package, ${RUNS} runs)`, `median ${ms(mid)}, max ${ms(Math.max(...times))}`, {
      text: `median < ${TARGET_STARTUP_MS} ms`,
      pass: mid < TARGET_STARTUP_MS,
    });

    const { used, files } = await specCacheUse(copy);
    report('Installed package (specs/ written after dist/specs/, as by npm install): spec cache', `used for ${used} of ${files} files`, {
      text: 'all',
      pass: files > 0 && used === files,
    });
  },
};
