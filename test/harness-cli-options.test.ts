// The command's options: each flag has a MOCK_VOUCHERIFY_* environment variable, a flag wins over
// its variable, and a bad value fails the start with a message naming where it came from.
// --validate-responses, --body-limit, and the --db folder check run against the built binary.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, killAll, startCli } from './support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mock-voucherify-options-'));
afterAll(() => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});

/** This process's environment without MOCK_VOUCHERIFY_* variables, plus `env`. */
const cliEnv = (env: NodeJS.ProcessEnv = {}) => ({ ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_VOUCHERIFY_'))), ...env });

/** Runs the CLI to its end with only `env`'s MOCK_VOUCHERIFY_* variables: for starts that must fail. */
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [cli, ...args], { env: cliEnv(env), encoding: 'utf8', timeout: 20_000 });

const auth = { 'X-App-Id': 'options', 'X-App-Token': 't', 'Content-Type': 'application/json' };

/** A fixture customer whose name is a number: served as is, but not what specs/ says a customer is. */
const offSpecFixtures = join(tmp, 'off-spec.json');
writeFileSync(
  offSpecFixtures,
  JSON.stringify({
    customers: [{ id: 'cust_offspec0000000000000000', source_id: 'off-spec', name: 42, object: 'customer', metadata: {}, created_at: '2026-01-01T00:00:00.000Z' }],
  }),
);

describe('mock-voucherify --help', () => {
  it('lists every flag with its MOCK_VOUCHERIFY_* environment variable', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    const options = help.stdout.slice(help.stdout.indexOf('Options:'), help.stdout.indexOf('-h, --help'));
    const flags = [...options.matchAll(/^ {2}--([a-z-]+)/gm)].map((match) => match[1]);
    expect(flags).toEqual(expect.arrayContaining(['port', 'host', 'fixtures', 'db', 'seed', 'app-id', 'app-token', 'max-tenants', 'validate-responses', 'body-limit']));
    for (const flag of flags) {
      const line = options.split('\n').find((text) => text.startsWith(`  --${flag}`))!;
      expect(line).toContain(`env MOCK_VOUCHERIFY_${flag.toUpperCase().replace(/-/g, '_')}`);
    }
  });
});

describe('mock-voucherify --validate-responses', () => {
  const getOffSpec = async (url: string) => fetch(`${url}/v1/customers/off-spec`, { headers: auth });

  it('is off by default: an answer that does not fit specs/ is served', async () => {
    const server = await startCli(['--port', '0', '--fixtures', offSpecFixtures]);
    const res = await getOffSpec(server.url);
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe(42);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it.each([
    ['the flag', ['--validate-responses'], {}],
    ['MOCK_VOUCHERIFY_VALIDATE_RESPONSES=true', [], { MOCK_VOUCHERIFY_VALIDATE_RESPONSES: 'true' }],
    ['MOCK_VOUCHERIFY_VALIDATE_RESPONSES=1', [], { MOCK_VOUCHERIFY_VALIDATE_RESPONSES: '1' }],
  ])('with %s, answers 500 response_validation_failed for it and serves answers that fit', async (_label, args, env) => {
    const server = await startCli(['--port', '0', '--fixtures', offSpecFixtures, ...args], env);
    const res = await getOffSpec(server.url);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 500, key: 'response_validation_failed', message: 'Response does not match the spec' });
    const made = await fetch(`${server.url}/v1/customers`, { method: 'POST', headers: auth, body: JSON.stringify({ source_id: 'fits', name: 'Fits' }) });
    expect(made.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it.each(['false', '0', 'FALSE'])('is off with MOCK_VOUCHERIFY_VALIDATE_RESPONSES=%s', async (value) => {
    const server = await startCli(['--port', '0', '--fixtures', offSpecFixtures], { MOCK_VOUCHERIFY_VALIDATE_RESPONSES: value });
    expect((await getOffSpec(server.url)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

describe('mock-voucherify --body-limit', () => {
  const post = (url: string, bytes: number) =>
    fetch(`${url}/v1/customers`, { method: 'POST', headers: auth, body: JSON.stringify({ source_id: `big-${bytes}`, metadata: { filler: 'x'.repeat(bytes) } }) });

  it.each([
    ['--body-limit 2kb', ['--body-limit', '2kb'], {}],
    ['MOCK_VOUCHERIFY_BODY_LIMIT=2kb', [], { MOCK_VOUCHERIFY_BODY_LIMIT: '2kb' }],
  ])('with %s, accepts a body under it and answers 413 above it', async (_label, args, env) => {
    const server = await startCli(['--port', '0', ...args], env);
    expect((await post(server.url, 1000)).status).toBe(200);
    const refused = await post(server.url, 3000);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: 413, key: 'payload_too_large', message: 'Payload too large', details: 'Request body exceeds the limit of 2kb' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

describe('mock-voucherify option errors', () => {
  const size = 'must be a size of at least 1 byte such as 512kb or 1mb (a number, then b, kb, mb, gb, tb or pb)';
  it.each([
    [['--body-limit', '1megabyte'], {}, `mock-voucherify: --body-limit ${size}, not "1megabyte"\n`],
    [['--body-limit', '0'], {}, `mock-voucherify: --body-limit ${size}, not "0"\n`],
    [[], { MOCK_VOUCHERIFY_BODY_LIMIT: '10xyz' }, `mock-voucherify: MOCK_VOUCHERIFY_BODY_LIMIT ${size}, not "10xyz"\n`],
    [[], { MOCK_VOUCHERIFY_PORT: 'abc' }, 'mock-voucherify: MOCK_VOUCHERIFY_PORT must be a whole number from 0 to 65535, not "abc"\n'],
    [[], { MOCK_VOUCHERIFY_SEED: '-1' }, 'mock-voucherify: MOCK_VOUCHERIFY_SEED must be a whole number from 0 to 4294967295, not "-1"\n'],
    [[], { MOCK_VOUCHERIFY_MAX_TENANTS: '0' }, 'mock-voucherify: MOCK_VOUCHERIFY_MAX_TENANTS must be a whole number from 1 to 1000000000, not "0"\n'],
    [[], { MOCK_VOUCHERIFY_VALIDATE_RESPONSES: 'yes' }, 'mock-voucherify: MOCK_VOUCHERIFY_VALIDATE_RESPONSES must be true, false, 1 or 0, not "yes"\n'],
    [['--port', 'abc'], { MOCK_VOUCHERIFY_PORT: '0' }, 'mock-voucherify: --port must be a whole number from 0 to 65535, not "abc"\n'],
  ])('%j with %j: exits 1 naming the flag or variable', (args, env, message) => {
    const result = run(args, env);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });

  it('takes the flag over a bad environment variable (the variable is not read)', async () => {
    const server = await startCli(['--port', '0', '--seed', '3'], { MOCK_VOUCHERIFY_PORT: 'abc', MOCK_VOUCHERIFY_SEED: 'nope' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

// Permissions do not stop root: as root, the read-only folder test runs the CLI as the unprivileged
// user nobody (65534), in a folder everyone can enter. The same check with a read-only test disk, which
// runs everywhere: test/harness-db-folder.test.ts.
const readOnlyBase = mkdtempSync(join(tmpdir(), 'mock-voucherify-read-only-'));
chmodSync(readOnlyBase, 0o755);
const readOnly = join(readOnlyBase, 'read-only');
mkdirSync(readOnly);
chmodSync(readOnly, 0o555);
afterAll(() => rmSync(readOnlyBase, { recursive: true, force: true }));
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const runAsUser = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { ...asUser, env: cliEnv(), encoding: 'utf8', timeout: 20_000 });
const canRunAsUser = runAsUser(['--version']).status === 0;
if (!canRunAsUser) console.warn('harness-cli-options: the read-only --db folder test is skipped: the unprivileged user cannot run the built CLI here');

describe('mock-voucherify --db folder checks', () => {
  // (--db with a missing folder: test/durability.test.ts.)
  it('exits 1 when the MOCK_VOUCHERIFY_DB folder does not exist, naming the variable', () => {
    const missing = join(tmp, 'no-such-folder', 'state.json');
    const byEnv = run(['--port', '0'], { MOCK_VOUCHERIFY_DB: missing });
    expect(byEnv.stderr).toBe(`mock-voucherify: MOCK_VOUCHERIFY_DB ${missing}: the folder ${join(tmp, 'no-such-folder')} does not exist\n`);
    expect(byEnv.status).toBe(1);
  });

  (canRunAsUser ? it : it.skip)('exits 1 when the folder cannot be written', () => {
    const result = runAsUser(['--port', '0', '--db', join(readOnly, 'state.json')]);
    expect(result.stderr).toBe(`mock-voucherify: --db ${join(readOnly, 'state.json')}: the folder ${readOnly} cannot be written (no permission, or a read-only file system)\n`);
    expect(result.status).toBe(1);
  });
});
