// Health, CORS, request logs (option and CLI) and handler overrides (merged, async).

import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { packageVersion } from '../src/package-root.js';
import { handlers as builtIn } from '../src/resources/index.js';
import type { HandlerOverrides, OperationContext } from '../src/index.js';
import { FIXTURE, as, client, expectError, testApp } from './helpers.js';

describe('GET /_mock/health', () => {
  it('answers without credentials, even when an app id and token are required', async () => {
    const app = await testApp({ appId: 'the-app', appToken: 'the-token' });
    const before = await request(app).get('/_mock/health');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ status: 'ok', version: packageVersion, uptime_ms: expect.any(Number), tenants: 0 });
    await request(app).get('/v1/customers').set({ 'X-App-Id': 'the-app', 'X-App-Token': 'the-token' });
    expect((await request(app).get('/_mock/health')).body.tenants).toBe(1);
    expect((await request(app).get('/v1/customers')).status).toBe(401);
  });
});

describe('CORS', () => {
  const preflight = (app: Parameters<typeof request>[0]) =>
    request(app)
      .options('/v1/vouchers/CODE')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-app-id, x-custom-thing');

  it('with cors, answers a preflight 204 with what may be sent', async () => {
    const res = await preflight(await testApp({ cors: true }));
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    const allowed = res.headers['access-control-allow-headers'].split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['X-App-Id', 'X-App-Token', 'Authorization', 'Content-Type', 'X-Voucherify-Channel', 'x-custom-thing']));
    expect(allowed.filter((h: string) => h.toLowerCase() === 'x-app-id')).toHaveLength(1);
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('with cors, lets every answer be read, errors included, and exposes X-Request-Id', async () => {
    const app = await testApp({ cors: true });
    const ok = await client(app).get('/v1/customers').set('Origin', 'http://localhost:3000');
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const refused = await request(app).get('/v1/customers');
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(refused.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(refused.headers['access-control-expose-headers']).toContain('Retry-After');
  });

  it('without cors, a preflight answers 404 and answers carry no CORS header', async () => {
    const app = await testApp();
    const res = await preflight(app);
    expectError(res, 404, 'not_found', 'Resource not found');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await client(app).get('/v1/customers')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request logs', () => {
  const TEXT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+) (\S+) (\S+) (\d{3}) (\d+(?:\.\d)?)ms (v-[0-9a-f]{18})(.*)$/;

  it('prints one text line per request: time, tenant, method, path, status, ms, request id', async () => {
    const lines: string[] = [];
    const app = await testApp({ log: true, logger: (line) => lines.push(line) });
    const ok = await client(app, 'log-tenant').get('/v1/customers');
    const missing = await request(app).get('/v1/nowhere');
    expect(lines).toHaveLength(2);
    expect(TEXT.exec(lines[0])?.slice(1, 5)).toEqual(['log-tenant', 'GET', '/v1/customers', '200']);
    expect(TEXT.exec(lines[0])?.[6]).toBe(ok.headers['x-request-id']);
    expect(TEXT.exec(lines[1])?.slice(1, 5)).toEqual(['-', 'GET', '/v1/nowhere', '404']);
    expect(TEXT.exec(lines[1])?.[6]).toBe(missing.headers['x-request-id']);
  });

  it('adds the bodies with logBodies, and writes JSON lines with logFormat json', async () => {
    const text: string[] = [];
    const withBodies = await testApp({ logBodies: true, logger: (line) => text.push(line) });
    await client(withBodies).post('/v1/customers', { source_id: 'logged' });
    expect(TEXT.exec(text[0])?.[7]).toMatch(/^ request=\{"source_id":"logged"\} response=\{.*"source_id":"logged".*\}$/);

    const json: string[] = [];
    const app = await testApp({ log: true, logFormat: 'json', logger: (line) => json.push(line) });
    const res = await client(app).post('/v1/customers', { source_id: 'logged' });
    expect(JSON.parse(json[0])).toEqual({
      time: expect.stringMatching(/Z$/),
      tenant: 'test-tenant',
      method: 'POST',
      path: '/v1/customers',
      status: 200,
      ms: expect.any(Number),
      request_id: res.headers['x-request-id'],
    });
    const both: string[] = [];
    const full = await testApp({ logBodies: true, logFormat: 'json', logger: (line) => both.push(line) });
    await client(full).post('/v1/customers', { source_id: 'logged' });
    expect(JSON.parse(both[0])).toMatchObject({ request_body: { source_id: 'logged' }, response_body: { source_id: 'logged', object: 'customer' } });
  });

  it('is quiet by default', async () => {
    const lines: string[] = [];
    const app = await testApp({ logger: (line) => lines.push(line) });
    await client(app).get('/v1/customers');
    expect(lines).toEqual([]);
    await expect(testApp({ log: true, logFormat: 'xml' as 'json' })).rejects.toThrow('logFormat must be "text" or "json", not "xml"');
  });

  it('prints JSON lines to stdout from the CLI with --log --log-format json', async () => {
    await withCli(['--log', '--log-format', 'json'], {}, async (url, lineCount, lines) => {
      const res = await fetch(`${url}/v1/vouchers/${FIXTURE.discountCode}`, { headers: as('cli-log') });
      expect(res.status).toBe(200);
      await lineCount(2);
      expect(JSON.parse(lines[1])).toMatchObject({ tenant: 'cli-log', method: 'GET', path: `/v1/vouchers/${FIXTURE.discountCode}`, status: 200, request_id: res.headers.get('x-request-id') });
    });
  });
});

const cli = fileURLToPath(new URL('../dist/bin/mock-voucherify.js', import.meta.url));

/** Runs the CLI with these flags and environment, hands its URL and stdout lines to `use`, then kills it. */
async function withCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  use: (url: string, lineCount: (n: number) => Promise<void>, lines: string[]) => Promise<void>,
): Promise<void> {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines: string[] = [];
    const waiters: (() => void)[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      waiters.splice(0).forEach((wake) => wake());
    });
    const lineCount = async (n: number) => {
      while (lines.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    await lineCount(1);
    await use(/^mock-voucherify listening on (\S+)$/.exec(lines[0])![1], lineCount, lines);
  } finally {
    child.kill('SIGKILL');
  }
}

describe('the CLI flags of the harness', () => {
  it('takes --cors, --journal-size, --latency and the log flags from the environment too', async () => {
    const env = { MOCK_VOUCHERIFY_CORS: 'true', MOCK_VOUCHERIFY_JOURNAL_SIZE: '1', MOCK_VOUCHERIFY_LATENCY: '200', MOCK_VOUCHERIFY_LOG_BODIES: '1' };
    await withCli([], env, async (url, lineCount, lines) => {
      const started = Date.now();
      const first = await fetch(`${url}/v1/customers`, { headers: { ...as('cli-env'), Origin: 'http://app.test' } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(first.headers.get('access-control-allow-origin')).toBe('http://app.test');
      const second = await fetch(`${url}/v1/campaigns`, { headers: as('cli-env') });
      const journal = await (await fetch(`${url}/_mock/requests`, { headers: as('cli-env') })).json();
      expect(journal.requests.map((e: { id: string }) => e.id)).toEqual([second.headers.get('x-request-id')]);
      await lineCount(3);
      expect(lines[1]).toMatch(/ cli-env GET \/v1\/customers 200 .* request=- response=\{/);
    });
  });

  it('refuses bad values', () => {
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } });
    expect(run(['--log-format', 'xml']).stderr).toBe('mock-voucherify: --log-format must be text or json, not "xml"\n');
    expect(run(['--journal-size=-1']).stderr).toMatch(/--journal-size must be a whole number from 0 to 1000000, not "-1"/);
    expect(run([], { MOCK_VOUCHERIFY_CORS: 'maybe' }).stderr).toBe('mock-voucherify: MOCK_VOUCHERIFY_CORS must be true, false, 1 or 0, not "maybe"\n');
    expect(run(['--help']).stdout).toMatch(/--journal-size N[\s\S]*--latency MS[\s\S]*--log-format FMT[\s\S]*--cors/);
  });
});

describe('handler overrides', () => {
  const clientKeys = { 'X-Client-Application-Id': 'test-tenant', 'X-Client-Token': 'public', Origin: 'https://shop.example.com' };

  it('reach the client-side twins: GET /client/v1/validate answers through an overridden validate-voucher', async () => {
    const app = await testApp({
      handlers: { 'validate-voucher': (ctx) => ({ status: 200, body: { valid: false, code: ctx.params.code, reason: 'overridden', tracking_id: 'track_test' } }) } as HandlerOverrides,
      validateResponses: false,
    });
    const res = await request(app).get(`/client/v1/validate?code=${FIXTURE.discountCode}&amount=100`).set(clientKeys);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { valid: false, code: FIXTURE.discountCode, reason: 'overridden', tracking_id: 'track_test' } });
  });

  it('leave an overridden client-side operation to its override, and a twin taken away answers 501 on both sides', async () => {
    const app = await testApp({
      handlers: {
        'validate-voucher-client-side': () => ({ status: 200, body: { valid: true, code: 'FROM-OVERRIDE' } }),
        'redeem-voucher': undefined,
      } as HandlerOverrides,
      validateResponses: false,
    });
    const validated = await request(app).get(`/client/v1/validate?code=${FIXTURE.discountCode}&amount=100`).set(clientKeys);
    expect(validated.body).toEqual({ valid: true, code: 'FROM-OVERRIDE' });
    const redeemed = await request(app).post(`/client/v1/redeem?code=${FIXTURE.discountCode}`).set(clientKeys).send({ order: { amount: 100 } });
    expect(expectError(redeemed, 501, 'not_implemented', 'Not implemented').details).toContain('redeem-voucher');
    expectError(await client(app).post(`/v1/vouchers/${FIXTURE.discountCode}/redemption`, { order: { amount: 100 } }), 501, 'not_implemented', 'Not implemented');
  });

  it('merge with the built-in handlers: one operation overridden, the others served', async () => {
    const app = await testApp({
      handlers: { 'get-voucher': (ctx) => ({ status: 404, body: { code: 404, key: 'not_found', message: 'Gone for the test', request_id: ctx.requestId } }) } satisfies HandlerOverrides,
    });
    expectError(await client(app).get(`/v1/vouchers/${FIXTURE.discountCode}`), 404, 'not_found', 'Gone for the test');
    expect((await client(app).get('/v1/customers')).status).toBe(200);
  });

  it('may be async; a tenant\'s other requests wait for it, other tenants do not', async () => {
    const events: string[] = [];
    const fixtureCustomers = (await client(await testApp()).get('/v1/customers')).body.customers.length;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const overrides: HandlerOverrides = {
      // Reads the customers, waits, then writes one named after what it read: an interleaved write would be missed.
      'create-customer': async (ctx) => {
        const seen = (builtIn['list-customers'](ctx as OperationContext) as { body: { customers: unknown[] } }).body.customers.length;
        events.push(`A read ${seen}`);
        await gate;
        const result = await builtIn['create-customer']({ ...ctx, tenant: ctx.tenant, body: { source_id: `after-${seen}` } } as unknown as OperationContext);
        events.push('A wrote');
        return result;
      },
      'get-customer': (ctx) => {
        events.push(`B ${ctx.tenantId}`);
        return builtIn['get-customer'](ctx as OperationContext);
      },
    };
    const app = await testApp({ handlers: overrides });
    const first = client(app).post('/v1/customers', { source_id: 'ignored' }).then((res) => res);
    let second;
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      second = client(app).get('/v1/customers/bob-shopper').then((res) => res);
      const other = await client(app, 'other-tenant').get('/v1/customers/bob-shopper');
      expect(other.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual([`A read ${fixtureCustomers}`, 'B other-tenant']);
    } finally {
      release();
    }
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, a.body.source_id, b.status]).toEqual([200, `after-${fixtureCustomers}`, 200]);
    expect(events).toEqual([`A read ${fixtureCustomers}`, 'B other-tenant', 'A wrote', 'B test-tenant']);
    expect((await client(app).get(`/v1/customers/after-${fixtureCustomers}`)).status).toBe(200);
  });

  it('answer 500 when their promise rejects, with onError called and their writes undone', async () => {
    const errors: unknown[] = [];
    const app = await testApp({
      onError: (error) => errors.push(error),
      handlers: {
        'create-customer': async (ctx) => {
          builtIn['create-customer'](ctx as OperationContext);
          await new Promise((resolve) => setTimeout(resolve, 10));
          throw new Error('the override failed');
        },
      } satisfies HandlerOverrides,
    });
    const res = await client(app).post('/v1/customers', { source_id: 'rolled-back' });
    const body = expectError(res, 500, 'internal_error', 'Internal error');
    expect(body.details).toBe('the override failed');
    // onError hears of it once (in response-validation mode, as the error the answer was made from).
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as { details?: string }).details ?? (errors[0] as Error).message)).toBe('the override failed');
    expectError(await client(app).get('/v1/customers/rolled-back'), 404, 'not_found', 'Resource not found');
  });
});
