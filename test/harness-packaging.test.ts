// The package as npm publishes it: `npm pack`, unpacked into a throwaway Jest project (CommonJS, then
// ESM) that uses mock-voucherify/jest as its globalSetup, requires/imports the package, and makes real
// requests; the TypeScript types of both entry points are checked from a .cts and an .mts file.
// The projects live under scratch/ (git-ignored) so that the package's dependencies, jest and
// typescript resolve from this repository's node_modules, without a network.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIMEOUT = 90_000;

const repo = fileURLToPath(new URL('..', import.meta.url));
const jestBin = join(repo, 'node_modules', 'jest', 'bin', 'jest.js');
const tscBin = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
mkdirSync(join(repo, 'scratch'), { recursive: true });
const work = mkdtempSync(join(repo, 'scratch', 'pack-'));

/** `npm pack` of the built package (scripts off: the suite has built it, and must not rebuild under other tests). */
function pack(): { tarball?: string; problem?: string } {
  if (!existsSync(join(repo, 'dist', 'cjs', 'index.cjs'))) return { problem: 'dist/ is not built: run "npm run build" (npm test does it first)' };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  if (result.error || result.status !== 0) return { problem: `npm pack cannot run here: ${result.error?.message ?? result.stderr}` };
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  return tarball ? { tarball: join(work, tarball) } : { problem: 'npm pack wrote no .tgz' };
}

const packed = pack();
if (packed.problem) console.warn(`harness-packaging: skipped, ${packed.problem}`);
const maybe = packed.tarball ? it : it.skip;

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh project folder with the packed package unpacked in its node_modules. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const untar = spawnSync('tar', ['-xzf', packed.tarball!, '-C', join(dir, 'node_modules')], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  renameSync(join(dir, 'node_modules', 'package'), join(dir, 'node_modules', 'mock-voucherify'));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** The child's environment: none of this suite's Jest/ESM settings, nor a mock URL from outside. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of Object.keys(env)) if (name.startsWith('MOCK_VOUCHERIFY_') || name.startsWith('JEST_')) delete env[name];
  if (!extra.NODE_OPTIONS) delete env.NODE_OPTIONS;
  delete env.NODE_ENV;
  return { ...env, ...extra };
}

function runJest(dir: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [jestBin, '--ci', '--runInBand', '--no-cache'], {
    cwd: dir,
    env: childEnv({ FORCE_COLOR: '0', ...env }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, error: result.error };
}

const jestConfig = {
  testEnvironment: 'node',
  transform: {},
  globalSetup: 'mock-voucherify/jest/global-setup',
  globalTeardown: 'mock-voucherify/jest/global-teardown',
  globals: { mockVoucherify: { seed: 7 } },
};

/** The test file of the child projects: `load` is how it gets the package (require or import). */
const customerTest = (load: string) => `${load}

/** Where the package was loaded from: the file named by the stack of an error it throws. */
function loadedFrom() {
  try {
    loadFixtures(__dirname_ + '/no-such-fixtures.json');
  } catch (error) {
    return /(\\/[^\\s()]*node_modules\\/mock-voucherify\\/dist\\/[^:\\s()]*)/.exec(error.stack)?.[1];
  }
}

const auth = { 'X-App-Id': 'pack-check', 'X-App-Token': 'secret', 'Content-Type': 'application/json' };

test('the globalSetup mock keeps a customer', async () => {
  const url = process.env.MOCK_VOUCHERIFY_URL;
  expect(url).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/);
  const created = await fetch(url + '/v1/customers', { method: 'POST', headers: auth, body: JSON.stringify({ source_id: 'packed', name: 'Packed Customer' }) });
  expect(created.status).toBe(200);
  const read = await fetch(url + '/v1/customers/packed', { headers: auth });
  expect(read.status).toBe(200);
  const body = await read.json();
  expect(body).toMatchObject({ object: 'customer', source_id: 'packed', name: 'Packed Customer' });
  console.log('read back ' + body.name + ' with ' + loadedFrom());
});

test('the package starts a server of its own', async () => {
  const server = await startServer({ port: 0, appId: 'own', appToken: 'own-token' });
  try {
    const res = await fetch(server.url + '/v1/customers/nobody', { headers: { 'X-App-Id': 'own', 'X-App-Token': 'own-token' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 404, key: 'not_found' });
  } finally {
    await server.close();
  }
});
`;

describe('the packed package', () => {
  maybe('works in a CommonJS Jest project: require(), mock-voucherify/jest globalSetup, real requests', () => {
    const dir = project('cjs', {
      'package.json': JSON.stringify({ name: 'pack-check-cjs', private: true, type: 'commonjs', jest: jestConfig }),
      'customer.test.js': customerTest(
        "const { startServer, loadFixtures } = require('mock-voucherify');\nconst __dirname_ = __dirname;",
      ),
    });
    const { status, output, error } = runJest(dir);
    expect(error).toBeUndefined();
    expect(output).toContain('Tests:       2 passed, 2 total');
    // The copy required is the packed one, its CommonJS build.
    expect(output).toContain(`read back Packed Customer with ${dir}/node_modules/mock-voucherify/dist/cjs/index.cjs`);
    expect(status).toBe(0);
  }, TIMEOUT);

  maybe('works in an ESM Jest project (--experimental-vm-modules): import, the same globalSetup', () => {
    const dir = project('esm', {
      'package.json': JSON.stringify({ name: 'pack-check-esm', private: true, type: 'module', jest: jestConfig }),
      'customer.test.js': customerTest(
        "import { startServer, loadFixtures } from 'mock-voucherify';\nconst __dirname_ = new URL('.', import.meta.url).pathname;",
      ),
    });
    const { status, output, error } = runJest(dir, { NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning' });
    expect(error).toBeUndefined();
    expect(output).toContain('Tests:       2 passed, 2 total');
    expect(output).toContain(`read back Packed Customer with ${dir}/node_modules/mock-voucherify/dist/src/`);
    expect(status).toBe(0);
  }, TIMEOUT);

  maybe('a failing test in the child project fails its run (the checks above can fail)', () => {
    const dir = project('failing', {
      'package.json': JSON.stringify({ name: 'pack-check-failing', private: true, type: 'commonjs', jest: jestConfig }),
      'customer.test.js': `test('a customer nobody made', async () => {
  const res = await fetch(process.env.MOCK_VOUCHERIFY_URL + '/v1/customers/ghost', { headers: { 'X-App-Id': 'a', 'X-App-Token': 'b' } });
  expect(res.status).toBe(200);
});`,
    });
    const { status, output } = runJest(dir);
    expect(output).toContain('Tests:       1 failed, 1 total');
    expect(status).toBe(1);
  }, TIMEOUT);

  maybe('has TypeScript types for require (.cts) and import (.mts), API objects included', () => {
    const use = `
const options: ServerOptions = { port: 0, seed: 1, bodyLimit: '1mb', validateResponses: true };
const customer: Customer = { id: 'cust_1', object: 'customer' } as Customer;
const name: string | null | undefined = customer.name;
const voucher = {} as Voucher;
const code: string = voucher.code;
// @ts-expect-error: a voucher's code is a string (this line fails the check if the types were \`any\`)
const notANumber: number = voucher.code;
const answer: ResponseBody<'get-customer'> = customer;
void [options, name, code, notANumber, answer, startServer, setup];
`;
    const dir = project('types', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.cts', 'check.mts'] }),
      'package.json': JSON.stringify({ name: 'pack-check-types', private: true }),
      'check.cts': `import { startServer, type ServerOptions, type Customer, type Voucher, type ResponseBody } from 'mock-voucherify';\nimport setup = require('mock-voucherify/jest/global-setup');\n${use}`,
      'check.mts': `import { startServer, type ServerOptions, type Customer, type Voucher, type ResponseBody } from 'mock-voucherify';\nimport setup from 'mock-voucherify/jest/global-setup';\n${use}`,
    });
    const result = spawnSync(process.execPath, [tscBin, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  }, TIMEOUT);
});
