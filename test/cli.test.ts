// The real mock-voucherify command (the built bin), as `npx mock-voucherify` runs it.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/bin/mock-voucherify.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mock-voucherify-cli-'));
const children = new Set<ChildProcess>();

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does it first)`);
});
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

/** Starts the CLI and resolves with the URL from its one "listening" line. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /^mock-voucherify listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve({ child, url: match[1], lines });
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
    child.kill(signal);
  });
}

const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });
const auth = { 'X-App-Id': 'cli', 'X-App-Token': 't' };

describe('mock-voucherify', () => {
  it('starts on port 0, prints its URL once, serves requests and stops on SIGTERM', async () => {
    const { child, url, lines } = await start(['--port', '0']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/v1/referrals/members/REF-ALICE001/holders`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: 'list', total: 1 });
    expect(lines).toEqual([`mock-voucherify listening on ${url}`]);
    expect(await stop(child)).toBe(0);
  });

  it('stops cleanly on SIGINT and keeps --db state for the next start', async () => {
    const db = join(tmp, 'cli-db.json');
    const first = await start(['--port', '0', '--db', db, '--seed', '5']);
    const added = await fetch(`${first.url}/v1/customers`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ source_id: 'cli-made', name: 'From the CLI' }),
    });
    expect(added.status).toBe(200);
    expect(await stop(first.child, 'SIGINT')).toBe(0);
    expect(JSON.parse(readFileSync(db, 'utf8')).tenants.cli.customers).toBeDefined();
    const second = await start(['--port', '0', '--db', db]);
    const customer = await fetch(`${second.url}/v1/customers/cli-made`, { headers: auth });
    expect(customer.status).toBe(200);
    expect((await customer.json()).name).toBe('From the CLI');
    await stop(second.child);
  });

  it('accepts only --app-id/--app-token when given (or their environment variables)', async () => {
    const { child, url } = await start(['--port', '0', '--app-id', 'ci-app'], { MOCK_VOUCHERIFY_APP_TOKEN: 'ci-secret' });
    const denied = await fetch(`${url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': 'ci-app', 'X-App-Token': 'nope' } });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ code: 401, key: 'unauthorized', message: 'Unauthorized' });
    const allowed = await fetch(`${url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': 'ci-app', 'X-App-Token': 'ci-secret' } });
    expect(allowed.status).toBe(200);
    await stop(child);
  });

  it('seeds tenants from --fixtures', async () => {
    const fixtures = join(tmp, 'tiny.json');
    writeFileSync(
      fixtures,
      JSON.stringify({
        campaigns: [{ id: 'camp_tiny00000000000000000000', name: 'Tiny', campaign_type: 'DISCOUNT_COUPONS' }],
        vouchers: [{ id: 'v_tiny', code: 'TINY-1', campaign_id: 'camp_tiny00000000000000000000' }],
      }),
    );
    const { child, url } = await start(['--port', '0', '--fixtures', fixtures]);
    expect((await fetch(`${url}/v1/vouchers/REF-ALICE001`, { headers: auth })).status).toBe(404);
    await stop(child);
  });

  it('keeps at most --max-tenants tenants: the least recently used starts from the fixtures again', async () => {
    const { child, url } = await start(['--port', '0', '--max-tenants', '1']);
    const as = (tenant: string) => ({ 'X-App-Id': tenant, 'X-App-Token': 't', 'Content-Type': 'application/json' });
    const created = await fetch(`${url}/v1/customers`, { method: 'POST', headers: as('first'), body: JSON.stringify({ source_id: 'made-in-first' }) });
    expect(created.status).toBe(200);
    expect((await fetch(`${url}/v1/customers/made-in-first`, { headers: as('first') })).status).toBe(200);
    expect((await fetch(`${url}/v1/vouchers/REF-ALICE001`, { headers: as('second') })).status).toBe(200);
    expect((await fetch(`${url}/v1/customers/made-in-first`, { headers: as('first') })).status).toBe(404);
    expect(await stop(child)).toBe(0);
  });

  it('refuses bad fixtures with a message naming the file and the problem', () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{"vouchers": [');
    const result = run(['--port', '0', '--fixtures', broken]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^mock-voucherify: bad fixtures: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number from 0 to 65535, not "abc"/],
    [['--seed', '1.5'], /--seed must be a whole number from 0 to 4294967295, not "1.5"/],
    [['--colour'], /Unknown option '--colour'/],
    [['--max-tenants', '0'], /--max-tenants must be a whole number from 1 to 1000000000, not "0"/],
  ])('rejects %j', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('is importable by its package name, as a dependency of a test suite', () => {
    const script = [
      "import { startServer, createApp } from 'mock-voucherify';",
      'const server = await startServer({ port: 0 });',
      "const res = await fetch(server.url + '/v1/vouchers/REF-ALICE001', { headers: { 'X-App-Id': 'a', 'X-App-Token': 't' } });",
      'console.log(res.status, typeof createApp);',
      'await server.close();',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('200 function');
  });

  it('prints --help and --version', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: mock-voucherify [options]');
    for (const flag of ['--port', '--host', '--fixtures', '--db', '--seed', '--app-id', '--app-token', '--max-tenants']) expect(help.stdout).toContain(flag);
    const version = run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});

describe('mock-voucherify and requests the HTTP parser refuses', () => {
  it("answers them in Voucherify's shape with a request id, then closes the connection", async () => {
    const { child, url } = await start(['--port', '0', '--app-id', 'cli', '--app-token', 't']);
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.setTimeout(5_000, () => socket.destroy(new Error('the connection stayed open')));
      socket.on('data', (chunk) => (text += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
      socket.write(`GET /v1/vouchers/${'A'.repeat(17 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain('Connection: close');
    expect(JSON.parse(body)).toEqual({
      code: 431,
      key: 'request_header_fields_too_large',
      message: 'Request header fields too large',
      details: 'The request line and headers exceed the limit of 16384 bytes',
      request_id: expect.stringMatching(/^v-[0-9a-f]{18}$/),
    });
    expect(await stop(child)).toBe(0);
  });
});
