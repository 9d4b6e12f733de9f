// The client-side API (/client/v1/…): every operation answers as its server-side twin, on the same
// tenant's data; client keys, the Origin header, OAuth client scopes, CORS; and the official
// client-side SDK (VoucherifyClientSide) unmodified against a running mock.

import voucherifySdk from '@voucherify/sdk';
import request from 'supertest';
import { startServer, type MockApp, type RunningServer } from '../src/index.js';
import { FIXTURE, as, client, expectError, recordAnswers, testApp, type Agent } from './helpers.js';
import { killAll, startCli } from './support/cli.js';

const TENANT = 'client-side-tenant';
const ORIGIN = 'https://shop.example.com';
const clientKeys = { 'X-Client-Application-Id': TENANT, 'X-Client-Token': 'public-token', Origin: ORIGIN };

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app, TENANT);
});

const clientGet = (path: string) => request(app).get(path).set(clientKeys);
const clientPost = (path: string, body: object) => request(app).post(path).set(clientKeys).send(body);
/**
 * Drops what differs between two answers by construction: the answer's new id, the request id,
 * the id of a failed redemption, and a tracking id made up for a customer met for the first time.
 */
const withoutId = (body: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify({ ...body, id: undefined }, (key, value: unknown) => (['request_id', 'resource_id', 'tracking_id'].includes(key) ? undefined : value))) as Record<string, unknown>;

const order = { amount: 5000, items: [{ object: 'order_item', product_id: 'prod_1', quantity: 2, price: 2500 }] };

describe('GET /client/v1/validate', () => {
  it('answers as POST /v1/vouchers/{code}/validate, the query in place of the body', async () => {
    const res = await clientGet(`/client/v1/validate?code=${FIXTURE.discountCode}&amount=5000&customer[source_id]=web-visitor&metadata[page]=cart`);
    const twin = await api.post(`/v1/vouchers/${FIXTURE.discountCode}/validate`, { order: { amount: 5000 }, customer: { source_id: 'web-visitor' }, metadata: { page: 'cart' } });
    expect(res.status).toBe(200);
    expect(withoutId(res.body)).toEqual(withoutId(twin.body));
    expect(res.body).toMatchObject({ valid: true, code: FIXTURE.discountCode, order: { amount: 5000, total_discount_amount: 1000, total_amount: 4000 } });
  });

  it('reads the items and a session from the query', async () => {
    const res = await clientGet(`/client/v1/validate?code=${FIXTURE.discountCode}&item[0][product_id]=prod_1&item[0][quantity]=2&item[0][price]=2500&session_type=LOCK&session_key=ssn_web_1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, order: { amount: 5000, items: [{ product_id: 'prod_1', quantity: 2 }] }, session: { key: 'ssn_web_1', type: 'LOCK' } });
  });

  it('answers valid false for an unknown code, as the twin does', async () => {
    const res = await clientGet('/client/v1/validate?code=NO-SUCH-CODE&amount=100');
    const twin = await api.post('/v1/vouchers/NO-SUCH-CODE/validate', { order: { amount: 100 } });
    expect(res.status).toBe(200);
    expect(withoutId(res.body)).toEqual(withoutId(twin.body));
    expect(res.body.valid).toBe(false);
  });

  it.each([
    ['no code', '/client/v1/validate?amount=100', 'invalid_query_params', 'Invalid query params'],
    ['an item without a quantity', `/client/v1/validate?code=${FIXTURE.discountCode}&item[0][product_id]=p`, 'invalid_query_params', 'Invalid query params'],
  ])('refuses %s: 400', async (_name, path, key, message) => {
    expectError(await clientGet(path), 400, key, message);
  });
});

describe('POST /client/v1/redeem', () => {
  it('redeems as POST /v1/vouchers/{code}/redemption, the code in the query', async () => {
    const res = await request(app)
      .post(`/client/v1/redeem?code=${FIXTURE.discountCode}&tracking_id=track-web`)
      .set(clientKeys)
      .send({ order: { amount: 3000 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'redemption', result: 'SUCCESS', tracking_id: 'track-web', voucher: { code: FIXTURE.discountCode }, order: { total_amount: 2000 } });
    const kept = await api.get(`/v1/redemptions/${res.body.id}`);
    expect(kept.body).toMatchObject({ id: res.body.id, result: 'SUCCESS' });
  });

  it("answers the twin's refusal for a code that does not exist", async () => {
    const res = await request(app).post('/client/v1/redeem?code=NO-SUCH-CODE').set(clientKeys).send({});
    const twin = await api.post('/v1/vouchers/NO-SUCH-CODE/redemption', {});
    expect(res.status).toBe(twin.status);
    expect(withoutId(res.body)).toEqual(withoutId(twin.body));
    expect(res.body.key).toBeDefined();
  });

  it('refuses a request without the code: 400', async () => {
    expectError(await request(app).post('/client/v1/redeem').set(clientKeys).send({}), 400, 'invalid_query_params', 'Invalid query params');
  });
});

describe('POST /client/v1/publish', () => {
  it('publishes as POST /v1/publications, the campaign in the query as the SDK sends it', async () => {
    const res = await request(app)
      .post(`/client/v1/publish?campaign=${encodeURIComponent(FIXTURE.discountCampaign)}`)
      .set(clientKeys)
      .send({ customer: { source_id: 'web-publishee' }, channel: 'Voucherify.js' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'publication', result: 'SUCCESS', channel: 'Voucherify.js', customer: { source_id: 'web-publishee' }, voucher: { campaign: FIXTURE.discountCampaign } });
  });

  it("answers the twin's 400 when neither campaign nor voucher is named", async () => {
    const body = expectError(await clientPost('/client/v1/publish', { customer: { source_id: 'x' } }), 400, 'missing_vouchers', 'Missing vouchers');
    expect(body.details).toBe('Either Campaign or Voucher is required');
  });
});

describe('POST /client/v1/validations and /client/v1/redemptions', () => {
  const stack = { redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], order };

  it('validates as POST /v1/validations', async () => {
    const res = await clientPost('/client/v1/validations', stack);
    const twin = await api.post('/v1/validations', stack);
    expect(res.status).toBe(200);
    expect(withoutId(res.body)).toEqual(withoutId(twin.body));
    expect(res.body.valid).toBe(true);
  });

  it('redeems as POST /v1/redemptions, and the redemption is kept', async () => {
    const res = await clientPost('/client/v1/redemptions', stack);
    expect(res.status).toBe(200);
    expect(res.body.redemptions).toHaveLength(1);
    expect(res.body.order).toMatchObject({ amount: 5000, total_discount_amount: 1000 });
    expect((await api.get(`/v1/redemptions/${res.body.parent_redemption.id}`)).status).toBe(200);
  });

  it("answers the twin's 400 for the same redeemable twice", async () => {
    const twice = { redeemables: [stack.redeemables[0], stack.redeemables[0]], order };
    const res = await clientPost('/client/v1/validations', twice);
    const twin = await api.post('/v1/validations', twice);
    expectError(res, 400, twin.body.key, twin.body.message);
  });

  it('refuses a body without redeemables: 400 invalid_payload', async () => {
    expectError(await clientPost('/client/v1/redemptions', { order }), 400, 'invalid_payload', 'Invalid payload');
  });
});

describe('POST /client/v1/qualifications and GET /client/v1/promotions/tiers', () => {
  it('qualifies as POST /v1/qualifications', async () => {
    const body = { customer: { source_id: 'web-visitor' }, order };
    const res = await clientPost('/client/v1/qualifications', body);
    const twin = await api.post('/v1/qualifications', body);
    expect(res.status).toBe(200);
    expect(withoutId(res.body)).toEqual(withoutId(twin.body));
  });

  it('lists tiers as GET /v1/promotions/tiers', async () => {
    const res = await clientGet('/client/v1/promotions/tiers?is_available=true&limit=5');
    const twin = await api.get('/v1/promotions/tiers?is_available=true&limit=5');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(twin.body);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'tiers' });
  });

  it('refuses a limit over 100: 400', async () => {
    expectError(await clientGet('/client/v1/promotions/tiers?limit=101'), 400, 'invalid_query_params', 'Invalid query params');
  });
});

describe('POST /client/v1/events', () => {
  it("tracks the event as POST /v1/events does: the customer made, the card earning by the event's rules", async () => {
    const program = (await api.post('/v1/loyalties', { name: 'Client Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } })).body;
    expect((await api.post(`/v1/loyalties/${program.id}/earning-rules`, [{ event: 'cart_abandoned', loyalty: { type: 'FIXED', points: 7 } }])).status).toBe(200);
    const card = (await api.post(`/v1/loyalties/${program.id}/members`, { customer: { source_id: 'source_customer_event' } })).body;
    const res = await clientPost('/client/v1/events', { event: 'cart_abandoned', customer: { source_id: 'source_customer_event' }, loyalty: { code: card.code } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'event', type: 'cart_abandoned', customer: { source_id: 'source_customer_event', object: 'customer' }, referral: null, loyalty: null });
    expect((await api.get(`/v1/loyalties/members/${card.code}`)).body.loyalty_card).toMatchObject({ points: 7, balance: 7 });
  });

  it('answers 400 without the event name, as its twin', async () => {
    const body = expectError(await clientPost('/client/v1/events', { customer: { source_id: 'x' } }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Payload must have required property 'event'");
  });
});

describe('client-side credentials', () => {
  it.each([
    ['no keys', { Origin: ORIGIN }],
    ['no token', { 'X-Client-Application-Id': TENANT, Origin: ORIGIN }],
    ['no application id', { 'X-Client-Token': 'public-token', Origin: ORIGIN }],
  ])('answers 401 with %s', async (_name, headers) => {
    expectError(await request(app).get('/client/v1/promotions/tiers').set(headers), 401, 'unauthorized', 'Unauthorized');
  });

  it('answers 401 without an Origin, saying so', async () => {
    const res = await request(app).get('/client/v1/promotions/tiers').set({ 'X-Client-Application-Id': TENANT, 'X-Client-Token': 'public-token' });
    expect(expectError(res, 401, 'unauthorized', 'Unauthorized').details).toBe('A client-side request must send the Origin header');
  });

  it('with a configured app id and client token, lets in only those', async () => {
    const fixed = await testApp({ appId: TENANT, clientToken: 'the-public-token' });
    const tiers = (headers: Record<string, string>) => request(fixed).get('/client/v1/promotions/tiers').set({ Origin: ORIGIN, ...headers });
    expect((await tiers({ 'X-Client-Application-Id': TENANT, 'X-Client-Token': 'the-public-token' })).status).toBe(200);
    expectError(await tiers({ 'X-Client-Application-Id': TENANT, 'X-Client-Token': 'wrong' }), 401, 'unauthorized', 'Unauthorized');
    expectError(await tiers({ 'X-Client-Application-Id': 'other-app', 'X-Client-Token': 'the-public-token' }), 401, 'unauthorized', 'Unauthorized');
  });

  it.each([
    ['--client-token', ['--client-token', 'cli-public'], {}],
    ['MOCK_VOUCHERIFY_CLIENT_TOKEN', [], { MOCK_VOUCHERIFY_CLIENT_TOKEN: 'cli-public' }],
  ])('are fixed from the CLI with %s', async (_name, args, env) => {
    const cli = await startCli(['--port', '0', ...args], env);
    try {
      const tiers = (token: string) => fetch(`${cli.url}/client/v1/promotions/tiers`, { headers: { 'X-Client-Application-Id': TENANT, 'X-Client-Token': token, Origin: ORIGIN } });
      expect((await tiers('cli-public')).status).toBe(200);
      const denied = await tiers('other');
      expect({ status: denied.status, body: await denied.json() }).toMatchObject({ status: 401, body: { code: 401, key: 'unauthorized', message: 'Unauthorized' } });
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('takes the server-side keys too (the reference lists them for publish)', async () => {
    const res = await request(app).get('/client/v1/promotions/tiers').set(as(TENANT));
    expect(res.status).toBe(200);
  });

  it('takes an OAuth token with a client scope, and refuses one with server scopes only', async () => {
    const token = async (scope: string) =>
      (await request(app).post('/v1/oauth/token').set(as(TENANT)).type('form').send({ grant_type: 'client_credentials', scope })).body.access_token as string;
    const validateOnly = await token('client_validate');
    const serverOnly = await token('api');
    const validate = `/client/v1/validate?code=${FIXTURE.discountCode}&amount=5000`;
    expect((await request(app).get(validate).set('Authorization', `Bearer ${validateOnly}`)).status).toBe(200);
    const tiers = await request(app).get('/client/v1/promotions/tiers').set('Authorization', `Bearer ${validateOnly}`);
    expect(expectError(tiers, 401, 'unauthorized', 'Unauthorized').details).toBe("The OAuth token's scope covers neither client_promotions nor client_api");
    const refused = await request(app).get(validate).set('Authorization', `Bearer ${serverOnly}`);
    expect(expectError(refused, 401, 'unauthorized', 'Unauthorized').details).toBe("The OAuth token's scope covers neither client_validate nor client_api");
  });
});

afterAll(() => killAll());

describe('under --cors', () => {
  it('lets a browser preflight the client headers, and read the answer', async () => {
    const cors = await testApp({ cors: true });
    const preflight = await request(cors)
      .options('/client/v1/validations')
      .set({ Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-client-application-id, x-client-token, content-type' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Client-Application-Id/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Client-Token/);
    const res = await request(cors).post('/client/v1/validations').set(clientKeys).send({ redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], order });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
  });
});

describe('the official client-side SDK (VoucherifyClientSide), unmodified', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 7, validateResponses: true, ...recordAnswers() });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const sdk = (trackingId?: string) =>
    voucherifySdk.VoucherifyClientSide({ clientApplicationId: 'sdk-client-side', clientSecretKey: 'public-key', apiUrl: server.url, origin: ORIGIN, trackingId });

  it('validates a code, with the order amount and customer', async () => {
    const answer = await sdk().validate({ code: FIXTURE.discountCode, amount: 5000, customer: { source_id: 'sdk-visitor' } });
    expect(answer).toMatchObject({ valid: true, code: FIXTURE.discountCode, order: { amount: 5000, total_discount_amount: 1000 } });
    const unknown = await sdk().validate('NO-SUCH-CODE');
    expect(unknown).toMatchObject({ valid: false, code: 'NO-SUCH-CODE' });
  });

  it('redeems a code for the tracked customer', async () => {
    const answer = await sdk('sdk-shopper').redeem(FIXTURE.discountCode, { order: { amount: 3000 } });
    expect(answer).toMatchObject({ object: 'redemption', result: 'SUCCESS', voucher: { code: FIXTURE.discountCode }, customer: { source_id: 'sdk-shopper' } });
  });

  it('publishes a code of a campaign to the tracked customer', async () => {
    const answer = (await sdk('sdk-subscriber').publish(FIXTURE.discountCampaign)) as unknown as Record<string, unknown>;
    expect(answer).toMatchObject({ object: 'publication', result: 'SUCCESS', channel: 'Voucherify.js', customer: { source_id: 'sdk-subscriber' } });
  });

  it('validates and redeems a stack, and checks qualifications', async () => {
    const stack = { redeemables: [{ object: 'voucher' as const, id: FIXTURE.discountCode }], order: { amount: 5000 } };
    expect(await sdk().validateStackable(stack)).toMatchObject({ valid: true, redeemables: [{ status: 'APPLICABLE', id: FIXTURE.discountCode }] });
    const redeemed = await sdk().redeemStackable({ ...stack, customer: { source_id: 'sdk-stacker' } });
    expect(redeemed.redemptions).toHaveLength(1);
    const qualified = await sdk().qualifications({ customer: { source_id: 'sdk-stacker' }, order: { amount: 5000 } });
    expect(qualified.redeemables).toMatchObject({ object: 'list' });
  });

  it("passes on the mock's errors as the SDK's VoucherifyError", async () => {
    const error = await sdk('sdk-subscriber')
      .publish('No Such Campaign')
      .then(() => undefined, (failure: unknown) => failure as { code: number; key: string; message: string });
    expect(error).toMatchObject({ code: 404, key: 'not_found', message: 'Resource not found' });
  });
});
