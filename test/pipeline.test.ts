// The request pipeline every operation shares: auth, tenants, validation, errors, request ids, reset.

import request from 'supertest';
import { customers } from '../src/domain/collections.js';
import { loadSpecs, type OperationSpec } from '../src/openapi/load.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { FIXTURE, as, client, expectError, testApp } from './helpers.js';

const holders = `/v1/referrals/members/${FIXTURE.publishedCode}/holders`;
const operationsLoaded = loadSpecs(defaultSpecsDir);

describe('authentication', () => {
  it.each([
    ['no credentials', {}],
    ['an app id without a token', { 'X-App-Id': 'a' }],
    ['a token without an app id', { 'X-App-Token': 't' }],
    ['empty values', { 'X-App-Id': ' ', 'X-App-Token': ' ' }],
    ['a non-bearer Authorization header', { Authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers 401 for %s', async (_name, headers) => {
    const app = await testApp();
    const res = await request(app).get(`/v1/vouchers/${FIXTURE.publishedCode}`).set(headers as Record<string, string>);
    const body = expectError(res, 401, 'unauthorized', 'Unauthorized');
    expect(Object.keys(body).sort()).toEqual(['code', 'key', 'message', 'request_id']);
  });

  it('accepts any non-empty app id and token by default', async () => {
    const app = await testApp();
    const res = await request(app).get(`/v1/vouchers/${FIXTURE.publishedCode}`).set(as('anyone'));
    expect(res.status).toBe(200);
  });

  it('accepts a bearer token', async () => {
    const app = await testApp();
    const res = await request(app).get(`/v1/vouchers/${FIXTURE.publishedCode}`).set('Authorization', 'Bearer some-oauth-token');
    expect(res.status).toBe(200);
  });

  it('accepts only the configured pair when appId and appToken are set', async () => {
    const app = await testApp({ appId: 'the-app', appToken: 'the-secret' });
    const path = `/v1/vouchers/${FIXTURE.publishedCode}`;
    expectError(await request(app).get(path).set({ 'X-App-Id': 'the-app', 'X-App-Token': 'wrong' }), 401, 'unauthorized', 'Unauthorized');
    expectError(await request(app).get(path).set({ 'X-App-Id': 'other', 'X-App-Token': 'the-secret' }), 401, 'unauthorized', 'Unauthorized');
    expectError(await request(app).get(path).set('Authorization', 'Bearer wrong'), 401, 'unauthorized', 'Unauthorized');
    expect((await request(app).get(path).set({ 'X-App-Id': 'the-app', 'X-App-Token': 'the-secret' })).status).toBe(200);
    expect((await request(app).get(path).set('Authorization', 'Bearer the-secret')).status).toBe(200);
  });

  it('checks credentials before the payload', async () => {
    const app = await testApp();
    const res = await request(app).post(holders).send({ holders: [] });
    expectError(res, 401, 'unauthorized', 'Unauthorized');
  });

  describe.each([
    ['configured credentials', { appId: 'the-app', appToken: 'the-secret' }],
    ['any credentials', {}],
  ])('with %s, checks them before reading the body, on every operation', (_name, configured) => {
    const unauthorizedIn = (spec: OperationSpec, res: request.Response) =>
      spec.dialect === 'capillary'
        ? { status: res.status, body: res.body.response?.status }
        : { status: res.status, code: res.body.code, key: res.body.key, requestId: typeof res.body.request_id };
    const expected = (spec: OperationSpec) =>
      spec.dialect === 'capillary'
        ? { status: 401, body: { success: 'false', code: 401, message: 'Unauthorized' } }
        : { status: 401, code: 401, key: 'unauthorized', requestId: 'string' };
    const wrong = (spec: OperationSpec): Record<string, string>[] =>
      'appId' in configured
        ? spec.dialect === 'capillary'
          ? [{}, { Authorization: `Basic ${Buffer.from('the-app:wrong').toString('base64')}` }, { Authorization: 'Bearer wrong' }]
          : [{}, { 'X-App-Id': 'the-app', 'X-App-Token': 'wrong' }, { 'X-App-Id': 'other', 'X-App-Token': 'the-secret' }, { Authorization: 'Bearer wrong' }]
        : [{}, { 'X-App-Id': 'only-an-id' }];

    it.each(['malformed JSON', 'a body over the size limit'])('answers 401, not 400 or 413, to %s', async (what) => {
      const { operations } = await operationsLoaded;
      const app = await testApp({ ...configured, bodyLimit: '1kb' });
      const payload = what === 'malformed JSON' ? '{"holders": [' : JSON.stringify({ name: 'x'.repeat(4096) });
      // GET /_mock/health asks for no credentials (security: []).
      for (const spec of operations.filter((operation) => !operation.anonymous)) {
        for (const headers of wrong(spec)) {
          const path = spec.path.replace(/\{[^}]+\}/g, 'REF-ALICE001');
          const res = await request(app)[spec.method](path).set(headers).set('Content-Type', 'application/json').send(payload);
          expect({ route: `${spec.method} ${path}`, headers, answer: unauthorizedIn(spec, res) }).toEqual({
            route: `${spec.method} ${path}`,
            headers,
            answer: expected(spec),
          });
        }
      }
      // Several hundred requests, one after another: more than the default 5 s on a busy machine.
    }, 60_000);
  });
});

describe('tenants', () => {
  it('keeps each X-App-Id apart', async () => {
    const app = await testApp();
    const a = client(app, 'worker-a');
    const b = client(app, 'worker-b');
    expect((await a.post(holders, { holders: [{ source_id: 'only-in-a' }] })).status).toBe(200);
    expect((await a.get('/v1/customers/only-in-a')).status).toBe(200);
    expectError(await b.get('/v1/customers/only-in-a'), 404, 'not_found', 'Resource not found');
    expect((await b.get(holders)).body.total).toBe(1);
    expect((await a.get(holders)).body.total).toBe(2);
  });

  it('names the tenant by the bearer token when no app id is sent', async () => {
    const app = await testApp();
    const post = await request(app).post(holders).set('Authorization', 'Bearer token-1').send({ holders: [{ source_id: 'bearer-made' }] });
    expect(post.status).toBe(200);
    expect((await request(app).get('/v1/customers/bearer-made').set('Authorization', 'Bearer token-1')).status).toBe(200);
    expect((await request(app).get('/v1/customers/bearer-made').set('Authorization', 'Bearer token-2')).status).toBe(404);
  });
});

describe('POST /_mock/reset', () => {
  it("puts only the caller's tenant back to the fixtures", async () => {
    const app = await testApp();
    const a = client(app, 'reset-a');
    const b = client(app, 'reset-b');
    await a.post(holders, { holders: [{ source_id: 'a-made' }] });
    await b.post(holders, { holders: [{ source_id: 'b-made' }] });
    const res = await a.post('/_mock/reset');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await a.get('/v1/customers/a-made'), 404, 'not_found', 'Resource not found');
    expect((await a.get(holders)).body.total).toBe(1);
    expect((await b.get('/v1/customers/b-made')).status).toBe(200);
  });

  it('resets every tenant with all=true', async () => {
    const app = await testApp();
    const a = client(app, 'all-a');
    const b = client(app, 'all-b');
    await a.post(holders, { holders: [{ source_id: 'a-made' }] });
    await b.post(holders, { holders: [{ source_id: 'b-made' }] });
    expect((await a.post('/_mock/reset?all=true')).status).toBe(204);
    expectError(await a.get('/v1/customers/a-made'), 404, 'not_found', 'Resource not found');
    expectError(await b.get('/v1/customers/b-made'), 404, 'not_found', 'Resource not found');
  });

  it('validates its query like any operation', async () => {
    const app = await testApp();
    const body = expectError(await client(app).post('/_mock/reset?all=maybe'), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe('Property .all must be boolean');
  });

  it('needs credentials (they name the tenant)', async () => {
    const app = await testApp();
    expectError(await request(app).post('/_mock/reset'), 401, 'unauthorized', 'Unauthorized');
  });
});

describe('request bodies', () => {
  it('answers 400 invalid_payload for malformed JSON', async () => {
    const app = await testApp();
    const res = await request(app).post(holders).set(as('t')).set('Content-Type', 'application/json').send('{"holders": [');
    const body = expectError(res, 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toMatch(/^Invalid JSON: /);
  });

  it('answers 400 invalid_payload when a required body is missing', async () => {
    const app = await testApp();
    const body = expectError(await request(app).post(holders).set(as('t')), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Payload must be a JSON object sent with Content-Type: application/json');
  });

  it('answers 400 invalid_payload for a JSON array where an object is expected', async () => {
    const app = await testApp();
    const body = expectError(await client(app).post(holders, [{ source_id: 'x' }]), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Payload must be object');
  });

  describe('nesting', () => {
    /** A customer whose whole body nests `levels` deep: the body is level 1, metadata level 2, … */
    const nestedCustomer = (sourceId: string, levels: number) =>
      `{"source_id":"${sourceId}","metadata":${'{"a":'.repeat(levels - 2)}{}${'}'.repeat(levels - 2)}}`;
    const send = (app: Awaited<ReturnType<typeof testApp>>, text: string) =>
      request(app).post('/v1/customers').set(as('deep')).set('Content-Type', 'application/json').send(text);

    it('accepts a body nested 64 levels deep and serves it back', async () => {
      const app = await testApp();
      expect((await send(app, nestedCustomer('at-the-limit', 64))).status).toBe(200);
      const res = await client(app, 'deep').get('/v1/customers/at-the-limit');
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body.metadata)).toBe(`${'{"a":'.repeat(62)}{}${'}'.repeat(62)}`);
    });

    it.each([65, 5000, 150_000])('answers 400 invalid_payload naming the limit for %i levels, and writes nothing', async (levels) => {
      const app = await testApp();
      const body = expectError(await send(app, nestedCustomer('too-deep', levels)), 400, 'invalid_payload', 'Invalid payload');
      expect(body.details).toBe('The body is nested deeper than 64 levels');
      expectError(await client(app, 'deep').get('/v1/customers/too-deep'), 404, 'not_found', 'Resource not found');
      expect((await client(app, 'deep').get('/v1/customers')).status).toBe(200);
    });

    it('measures arrays as levels too, whatever the operation', async () => {
      const app = await testApp();
      const deepArray = `${'['.repeat(65)}${']'.repeat(65)}`;
      const res = await request(app).post(holders).set(as('deep')).set('Content-Type', 'application/json').send(`{"holders":${deepArray}}`);
      expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe('The body is nested deeper than 64 levels');
    });
  });

  it('answers 413 for a body over the limit', async () => {
    const app = await testApp({ bodyLimit: '1kb' });
    const big = { holders: [{ source_id: 'x', description: 'y'.repeat(2000) }] };
    const body = expectError(await client(app).post(holders, big), 413, 'payload_too_large', 'Payload too large');
    expect(body.details).toBe('Request body exceeds the limit of 1kb');
  });
});

describe('routing', () => {
  it('answers 404 in Voucherify shape for an unknown path', async () => {
    const app = await testApp();
    const body = expectError(await client(app).get('/v1/nothing-here'), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe('Cannot find route GET /v1/nothing-here');
  });

  it('answers 404 for a method the path does not serve', async () => {
    const app = await testApp();
    const body = expectError(await client(app).put(holders, {}), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe(`Cannot find route PUT ${holders}`);
  });

  it('answers 400 invalid_request for a path with broken percent-encoding', async () => {
    const app = await testApp();
    const body = expectError(await client(app).get('/v1/vouchers/%E2%82'), 400, 'invalid_request', 'Invalid request');
    expect(body.details).toBe("Failed to decode param '%E2%82'");
  });

  it('answers 404 without credentials too, and never HTML', async () => {
    const app = await testApp();
    const res = await request(app).get('/');
    expectError(res, 404, 'not_found', 'Resource not found');
  });

  it('answers 501 not_implemented for an operation in specs/ without a handler', async () => {
    // Overrides are merged over the built-in handlers; undefined takes one away.
    const app = await testApp({ handlers: { 'get-voucher': undefined } });
    const body = expectError(await client(app).get(`/v1/vouchers/${FIXTURE.publishedCode}`), 501, 'not_implemented', 'Not implemented');
    expect(body.details).toBe('Operation get-voucher is described but not served by mock-voucherify');
  });
});

describe('request ids', () => {
  it('sends a v-… id on every answer, as a header and in error bodies', async () => {
    const app = await testApp();
    const api = client(app);
    const ok = await api.get(holders);
    const failed = await api.get('/v1/vouchers/NOPE');
    expect(ok.headers['x-request-id']).toMatch(/^v-[0-9a-f]{18}$/);
    expect(failed.headers['x-request-id']).toBe(failed.body.request_id);
    expect(ok.headers['x-request-id']).not.toBe(failed.headers['x-request-id']);
  });
});

describe('unexpected failures', () => {
  it('answers 500 internal_error as JSON, rolls back, and reports the error', async () => {
    const errors: unknown[] = [];
    const app = await testApp({
      onError: (error) => errors.push(error),
      handlers: {
        'create-customer': (ctx) => {
          customers(ctx.tenant).put({ id: 'cust_half_written', source_id: 'half', metadata: {}, created_at: '2026-01-01T00:00:00.000Z', object: 'customer' });
          throw new Error('boom');
        },
        'get-customer': (ctx) => ({ status: 200, body: customers(ctx.tenant).get(ctx.params.customerId) ?? { missing: true } }),
      },
    });
    const api = client(app);
    const body = expectError(await api.post('/v1/customers', { source_id: 'half' }), 500, 'internal_error', 'Internal error');
    expect(body.details).toBe('boom');
    expect(errors).toHaveLength(1);
    // The write made before the throw was undone, so the customer is not there (and the fake
    // handler's answer fails response validation, proving it really looked).
    expect((await api.get('/v1/customers/cust_half_written')).body.key).toBe('response_validation_failed');
  });

  it('turns an answer that breaks the spec into 500 response_validation_failed in validation mode', async () => {
    const app = await testApp({ handlers: { 'get-voucher': () => ({ status: 200, body: { id: 42 } }) } });
    const body = expectError(await client(app).get('/v1/vouchers/ANY'), 500, 'response_validation_failed', 'Response does not match the spec');
    expect(body.details).toMatch(/^get-voucher 200: Response must have required property 'code'; /);
    expect(body.details).toContain('Property .id must be string');
  });

  it('serves the same answer without validation mode', async () => {
    const { createApp } = await import('../src/index.js');
    const app = await createApp({ handlers: { 'get-voucher': () => ({ status: 200, body: { id: 42 } }) } });
    const res = await client(app).get('/v1/vouchers/ANY');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 42 });
  });
});

describe('seeded ids', () => {
  it('generates the same ids for the same requests with the same seed', async () => {
    const run = async () => {
      const api = client(await testApp({ seed: 7 }));
      const res = await api.post(holders, { holders: [{ source_id: 'seeded-1' }, { source_id: 'seeded-2' }] });
      return res.body.holders.map((h: { id: string; customer_id: string }) => [h.id, h.customer_id]);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const other = await client(await testApp({ seed: 8 })).post(holders, { holders: [{ source_id: 'seeded-1' }] });
    expect(other.body.holders[0].customer_id).not.toBe(first[0][1]);
  });
});
