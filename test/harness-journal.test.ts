// The request journal: GET/DELETE /_mock/requests and GET /_mock/requests/{requestId}.

import request from 'supertest';
import type { MockApp } from '../src/index.js';
import { FIXTURE, as, client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

const list = async (agent: Agent, query = '') => {
  const res = await agent.get(`/_mock/requests${query}`);
  expect(res.status).toBe(200);
  return res.body.requests as Record<string, unknown>[];
};

describe('the request journal', () => {
  it('finds a request by the X-Request-Id of its answer, with its query, body and answer', async () => {
    const created = await api.post('/v1/customers?x=1', { source_id: 'journal-1', name: 'Jo' });
    expect(created.status).toBe(200);
    const id = created.headers['x-request-id'];
    const res = await api.get(`/_mock/requests/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id,
      object: 'request',
      time: '2026-11-22T12:00:00.000Z',
      method: 'POST',
      path: '/v1/customers',
      operationId: 'create-customer',
      query: { x: '1' },
      body: { source_id: 'journal-1', name: 'Jo' },
      status: 200,
      response_body: created.body,
      duration_ms: expect.any(Number),
    });
    expect(res.body.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('records failures: a 400, a 404 of the API, a route that does not exist, a 401', async () => {
    const invalid = await api.post('/v1/customers', { source_id: 42 });
    const missing = await api.get('/v1/customers/nobody');
    const noRoute = await api.get('/v1/nothing-here?a=b');
    const refused = await request(app).get('/v1/customers').set('X-App-Id', 'test-tenant');
    expect([invalid.status, missing.status, noRoute.status, refused.status]).toEqual([400, 404, 404, 401]);
    const entries = await list(api);
    expect(entries.map((e) => [e.id, e.status, e.operationId])).toEqual([
      [refused.headers['x-request-id'], 401, 'list-customers'],
      [noRoute.headers['x-request-id'], 404, null],
      [missing.headers['x-request-id'], 404, 'get-customer'],
      [invalid.headers['x-request-id'], 400, 'create-customer'],
    ]);
    expect(entries[1]).toMatchObject({ path: '/v1/nothing-here', query: { a: 'b' }, response_body: noRoute.body });
    expect(entries[3]).toMatchObject({ body: { source_id: 42 }, response_body: invalid.body });
    expect(entries[3].response_body).toMatchObject({ key: 'invalid_payload', request_id: invalid.headers['x-request-id'] });
  });

  it('keeps the request body as it was sent, through a redemption that reads it everywhere', async () => {
    const body = {
      redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }],
      order: { items: [{ product_id: 'p1', quantity: 2, price: 1500 }], metadata: { nested: { a: [1, 2] } } },
      customer: { source_id: 'journal-buyer' },
      metadata: { via: 'journal' },
    };
    const sent = structuredClone(body);
    const res = await api.post('/v1/redemptions', body);
    expect(res.status).toBe(200);
    const [entry] = await list(api, '?limit=1');
    expect(entry.body).toEqual(sent);
  });

  it('lists newest first, filtered by operationId, method, path (concrete or template), status, since and limit', async () => {
    await api.get(`/v1/vouchers/${FIXTURE.discountCode}`);
    await api.get('/v1/vouchers/NOPE');
    await api.post('/v1/customers', { source_id: 'f-1' });
    await api.get('/v1/customers');
    expect((await list(api)).map((e) => e.path)).toEqual(['/v1/customers', '/v1/customers', '/v1/vouchers/NOPE', `/v1/vouchers/${FIXTURE.discountCode}`]);
    expect((await list(api, '?operationId=get-voucher')).map((e) => e.path)).toEqual(['/v1/vouchers/NOPE', `/v1/vouchers/${FIXTURE.discountCode}`]);
    expect((await list(api, '?method=post')).map((e) => e.operationId)).toEqual(['create-customer']);
    expect((await list(api, '?path=/v1/vouchers/NOPE')).length).toBe(1);
    expect((await list(api, `?path=${encodeURIComponent('/v1/vouchers/{code}')}`)).length).toBe(2);
    expect((await list(api, '?status=404')).map((e) => e.path)).toEqual(['/v1/vouchers/NOPE']);
    expect((await list(api, '?limit=2')).map((e) => e.operationId)).toEqual(['list-customers', 'create-customer']);
  });

  it('filters by time with since, on the mock clock', async () => {
    let now = Date.parse('2026-11-22T12:00:00.000Z');
    const timed = client(await testApp({ clock: () => new Date(now) }));
    await timed.get('/v1/customers');
    now += 60_000;
    await timed.get('/v1/campaigns');
    const res = await timed.get('/_mock/requests?since=2026-11-22T12:00:30Z');
    expect(res.body.requests.map((e: { operationId: string }) => e.operationId)).toEqual(['list-campaigns']);
    expectError(await timed.get('/_mock/requests?since=yesterday'), 400, 'invalid_query_params', 'Invalid query params');
  });

  it('does not journal its own endpoints, and keeps tenants apart', async () => {
    await api.get('/v1/customers');
    await list(api);
    await api.get('/_mock/requests/v-000000000000000000');
    await api.post('/_mock/reset');
    const other = client(app, 'other-tenant');
    await other.get('/v1/campaigns');
    expect((await list(api)).map((e) => e.operationId)).toEqual(['mock-reset']);
    expect((await list(other)).map((e) => e.operationId)).toEqual(['list-campaigns']);
  });

  it('answers 404 in Voucherify shape for an unknown request id, and for another tenant\'s', async () => {
    const mine = await api.get('/v1/customers');
    const res = await client(app, 'other-tenant').get(`/_mock/requests/${mine.headers['x-request-id']}`);
    const body = expectError(res, 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: `Cannot find request with id ${mine.headers['x-request-id']}`, resource_type: 'request' });
  });

  it('DELETE /_mock/requests empties the tenant\'s journal', async () => {
    await api.get('/v1/customers');
    const res = await api.delete('/_mock/requests');
    expect(res.status).toBe(204);
    expect(await list(api)).toEqual([]);
  });

  it('is cleared by a reset of the tenant, and by a reset of all', async () => {
    const other = client(app, 'other-tenant');
    await api.get('/v1/customers');
    await other.get('/v1/customers');
    await api.post('/_mock/reset');
    expect((await list(api)).map((e) => e.operationId)).toEqual(['mock-reset']);
    expect((await list(other)).length).toBe(1);
    await api.post('/_mock/reset?all=true');
    expect(await list(other)).toEqual([]);
  });

  it('shows each answer as it was sent, even after the records it showed have changed', async () => {
    const first = await api.post('/v1/customers', { source_id: 'changing', name: 'Before' });
    const read = await api.get('/v1/customers/changing');
    expect((await api.put(`/v1/customers/${first.body.id}`, { name: 'After' })).status).toBe(200);
    const [readEntry, createEntry] = [
      await api.get(`/_mock/requests/${read.headers['x-request-id']}`),
      await api.get(`/_mock/requests/${first.headers['x-request-id']}`),
    ];
    expect(readEntry.body.response_body).toEqual(read.body);
    expect(createEntry.body.response_body).toEqual(first.body);
    expect(createEntry.body.response_body.name).toBe('Before');
  });

  it("goes with a tenant evicted by maxTenants (it starts afresh, journal included)", async () => {
    const small = await testApp({ maxTenants: 1 });
    const first = client(small, 'first-tenant');
    const sent = await first.get('/v1/customers');
    expect((await client(small, 'second-tenant').get('/v1/customers')).status).toBe(200);
    const res = await first.get(`/_mock/requests/${sent.headers['x-request-id']}`);
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe(`Cannot find request with id ${sent.headers['x-request-id']}`);
  });

  it('keeps journalSize requests per tenant, the newest; 0 keeps none', async () => {
    const small = client(await testApp({ journalSize: 3 }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await small.get(`/v1/customers?page=${i + 1}`)).headers['x-request-id']);
    expect((await list(small)).map((e) => e.id)).toEqual(ids.slice(2).reverse());
    const none = client(await testApp({ journalSize: 0 }));
    await none.get('/v1/customers');
    expect(await list(none)).toEqual([]);
    await expect(testApp({ journalSize: -1 })).rejects.toThrow('journalSize must be a whole number of at least 0, not -1');
  });

  it('keeps a refused caller\'s requests out of the configured app\'s journal, and its journal closed to it', async () => {
    const strict = await testApp({ appId: 'the-app', appToken: 'the-token' });
    const refused = await request(strict).get('/v1/customers').set(as('intruder'));
    expect(refused.status).toBe(401);
    const res = await request(strict).get('/_mock/requests').set({ 'X-App-Id': 'the-app', 'X-App-Token': 'the-token' });
    expect(res.body.requests).toEqual([]);
    const intruder = await request(strict).get('/_mock/requests').set(as('intruder'));
    expect(intruder.status).toBe(401);
  });
});
