// Injected faults (POST/GET/DELETE /_mock/faults) and the latency option.

import voucherifySdk from '@voucherify/sdk';
import type { MockApp, RunningServer } from '../src/index.js';
import { startServer } from '../src/index.js';
import { FIXTURE, client, expectError, testApp, type Agent } from './helpers.js';

const { VoucherifyServerSide } = voucherifySdk;

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

const addFault = async (agent: Agent, definition: Record<string, unknown>) => {
  const res = await agent.post('/_mock/faults', definition);
  expect(res.status).toBe(201);
  return res.body as Record<string, unknown> & { id: string };
};

const voucher = `/v1/vouchers/${FIXTURE.discountCode}`;

describe('POST /_mock/faults', () => {
  it('answers the fault N times, then stops; the fault counts what it matched and fired', async () => {
    const fault = await addFault(api, { operationId: 'get-voucher', status: 503, key: 'service_unavailable', message: 'Try later', details: 'Injected', times: 2 });
    expect(fault).toMatchObject({ id: expect.stringMatching(/^fault_/), object: 'fault', operationId: 'get-voucher', status: 503, times: 2, after: 0, matched: 0, fired: 0 });
    for (let i = 0; i < 2; i++) {
      const res = await api.get(voucher);
      const body = expectError(res, 503, 'service_unavailable', 'Try later');
      expect(body).toEqual({ code: 503, key: 'service_unavailable', message: 'Try later', details: 'Injected', request_id: res.headers['x-request-id'] });
    }
    expect((await api.get(voucher)).status).toBe(200);
    const listed = await api.get('/_mock/faults');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ object: 'list', data_ref: 'faults', total: 1, faults: [{ id: fault.id, matched: 3, fired: 2 }] });
  });

  it('lets `after` matching calls through first', async () => {
    await addFault(api, { operationId: 'get-voucher', status: 500, after: 2, times: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get(voucher)).status);
    expect(statuses).toEqual([200, 200, 500, 200]);
  });

  it('defaults key and message from the status, and keeps on firing without `times`', async () => {
    await addFault(api, { operationId: 'list-customers', status: 500 });
    for (let i = 0; i < 3; i++) expectError(await api.get('/v1/customers'), 500, 'internal_server_error', 'Internal Server Error');
  });

  it('writes nothing: a faulted create leaves no record', async () => {
    await addFault(api, { operationId: 'create-customer', status: 502, times: 1 });
    expectError(await api.post('/v1/customers', { source_id: 'never-made' }), 502, 'bad_gateway', 'Bad Gateway');
    expectError(await api.get('/v1/customers/never-made'), 404, 'not_found', 'Resource not found');
    expect((await api.post('/v1/customers', { source_id: 'made' })).status).toBe(200);
  });

  it('matches by method and a path template, or a concrete path only', async () => {
    await addFault(api, { method: 'get', path: '/v1/vouchers/{code}', status: 500, times: 1 });
    await addFault(api, { method: 'GET', path: '/v1/customers/bob-shopper', status: 418 });
    expect((await api.get('/v1/vouchers/ANY-CODE')).status).toBe(500);
    expect((await api.get(`/v1/customers/${FIXTURE.customerSourceIds[1]}`)).status).toBe(200);
    expectError(await api.get('/v1/customers/bob-shopper'), 418, 'i_m_a_teapot', "I'm a Teapot");
  });

  it('applies to the tenant that made it only', async () => {
    await addFault(api, { operationId: 'get-voucher', status: 500 });
    expect((await client(app, 'other-tenant').get(voucher)).status).toBe(200);
  });

  it('delays a request by latency_ms and serves it normally without a status; with one, delays then fails', async () => {
    await addFault(api, { operationId: 'get-voucher', latency_ms: 150, times: 1 });
    let started = Date.now();
    expect((await api.get(voucher)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await addFault(api, { operationId: 'list-customers', latency_ms: 150, status: 504, times: 1 });
    started = Date.now();
    expectError(await api.get('/v1/customers'), 504, 'gateway_timeout', 'Gateway Timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses a bad definition with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ operationId: 'get-voucher', status: 399 }, 'Property .status must be >= 400'],
      [{ operationId: 'get-voucher', status: 600 }, 'Property .status must be <= 599'],
      [{ operationId: 'no-such-operation', status: 500 }, 'operationId: no operation is called "no-such-operation"'],
      [{ operationId: 'mock-reset', status: 500 }, 'operationId: "mock-reset" is an endpoint of the mock itself, which faults never apply to'],
      [{ method: 'POST', path: '/_mock/reset', status: 500 }, 'path: /_mock/reset is an endpoint of the mock itself, which faults never apply to'],
      [{ method: 'GET', path: '/v2/nowhere', status: 500 }, 'path: no operation serves GET /v2/nowhere'],
      [{ method: 'GET', path: '/v1/vouchers/{id}', status: 500 }, 'path: no operation serves GET /v1/vouchers/{id}'],
      [{ status: 500 }, 'operationId: a fault needs an operationId, or a method and a path'],
      [{ operationId: 'get-voucher', method: 'GET', path: voucher, status: 500 }, 'operationId: give either operationId, or method and path, not both'],
      [{ operationId: 'get-voucher' }, 'status: a fault needs a status (400–599), a latency_ms or headers'],
      [{ operationId: 'get-voucher', status: 500, times: 0 }, 'Property .times must be >= 1'],
      [{ operationId: 'get-voucher', status: 500, headers: { 'Bad Name': 'x' } }, 'headers: "Bad Name" is not a valid header name'],
    ];
    for (const [definition, details] of cases) {
      const body = expectError(await api.post('/_mock/faults', definition), 400, 'invalid_payload', 'Invalid payload');
      expect(body.details).toContain(details);
    }
    expect((await api.get('/_mock/faults')).body.total).toBe(0);
  });

  it('DELETE /_mock/faults/{id} removes one (404 when unknown); DELETE /_mock/faults removes all', async () => {
    const first = await addFault(api, { operationId: 'get-voucher', status: 500 });
    await addFault(api, { operationId: 'list-customers', status: 500 });
    expect((await api.delete(`/_mock/faults/${first.id}`)).status).toBe(204);
    expect((await api.get(voucher)).status).toBe(200);
    const body = expectError(await api.delete(`/_mock/faults/${first.id}`), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe(`Cannot find fault with id ${first.id}`);
    expect((await api.delete('/_mock/faults')).status).toBe(204);
    expect((await api.get('/v1/customers')).status).toBe(200);
    expect((await api.get('/_mock/faults')).body).toEqual({ object: 'list', data_ref: 'faults', faults: [], total: 0 });
  });

  it('never applies to the /_mock/ endpoints, so a fault can always be removed', async () => {
    await addFault(api, { method: 'GET', path: '/v1/customers', status: 500 });
    expect((await api.get('/_mock/faults')).status).toBe(200);
    expect((await api.delete('/_mock/faults')).status).toBe(204);
  });

  it('is cleared by a reset of the tenant', async () => {
    await addFault(api, { operationId: 'get-voucher', status: 500 });
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expect((await api.get('/_mock/faults')).body.total).toBe(0);
    expect((await api.get(voucher)).status).toBe(200);
  });
});

describe('the latency option', () => {
  it('delays every request but the /_mock/ ones', async () => {
    const slow = client(await testApp({ latency: 300 }));
    let started = Date.now();
    expect((await slow.get('/v1/customers')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    expect((await slow.get('/_mock/faults')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(290);
  });
});

describe('a 429 fault, seen through the official SDK', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ seed: 7 });
  });
  afterAll(() => server.close());

  const sdk = () => VoucherifyServerSide({ applicationId: 'sdk-429', secretKey: 'secret', apiUrl: server.url, exposeErrorCause: true });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { 'X-App-Id': 'sdk-429', 'X-App-Token': 'secret', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('answers 429 with Retry-After and X-Rate-Limit-* headers, which the SDK error carries', async () => {
    expect((await admin('POST', '/_mock/faults', { operationId: 'get-voucher', status: 429, times: 1, headers: { 'Retry-After': '7' } })).status).toBe(201);
    const client = sdk();
    const error = (await client.vouchers.get(FIXTURE.discountCode).catch((e: unknown) => e)) as {
      code: number;
      key: string;
      cause?: { response?: { headers: Record<string, string> } };
    };
    expect({ code: error.code, key: error.key }).toEqual({ code: 429, key: 'too_many_requests' });
    expect(error.cause?.response?.headers).toMatchObject({ 'retry-after': '7', 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0' });
  });

  it("reaches the SDK's apiLimitsHandler, which reads the headers of successful answers", async () => {
    await admin('DELETE', '/_mock/faults');
    const headers = { 'X-Rate-Limit-Limit': '300', 'X-Rate-Limit-Remaining': '1', 'Retry-After': '30' };
    expect((await admin('POST', '/_mock/faults', { operationId: 'get-voucher', headers, times: 1 })).status).toBe(201);
    const client = sdk();
    expect(client.apiLimitsHandler.areLimitsAvailable()).toBe(false);
    await client.vouchers.get(FIXTURE.discountCode);
    expect(client.apiLimitsHandler.areLimitsAvailable()).toBe(true);
    expect([client.apiLimitsHandler.getRateLimit(), client.apiLimitsHandler.getRateLimitRemaining(), client.apiLimitsHandler.getRetryAfter()]).toEqual([300, 1, 30]);
    // The fault fired once: the next answer carries no rate-limit header.
    await client.vouchers.get(FIXTURE.discountCode);
    expect(client.apiLimitsHandler.getRateLimitRemaining()).toBe(0);
    expect(client.apiLimitsHandler.getRateLimit()).toBe(0);
  });
});
