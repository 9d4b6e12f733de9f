// Metadata schemas: seeded by the fixtures, read by GET /v1/metadata-schemas(/{resource}) (over the
// API and the official SDK's metadataSchemas.*), and the redemption's and order's metadata of
// validations and redemptions checked against them (400 metadata_validation_failed, nothing written).

import { loadFixtures, startServer, type MockApp, type RunningServer } from '../src/index.js';
import { defaultFixturesPath } from '../src/package-root.js';
import { client, expectError, recordAnswers, testApp, type Agent } from './helpers.js';
import { givenVoucher } from './support/builders.js';
import { VoucherifyServerSide, sdkError } from './support/sdk.js';

type Json = Record<string, any>;

const created_at = '2026-01-01T00:00:00.000Z';
const def = (type: string, extra: Json = {}) => ({ type, array: false, optional: true, objectType: null, ...extra });

const redemptionSchema = {
  id: 'ms_r3d3mpt10n',
  related_object: 'redemption',
  properties: {
    location_id: def('string', { array: true, eq: ['L1', 'L2', 'L3'] }),
    channel: def('string', { optional: false, minLength: 2 }),
    basket_size: def('number', { gte: 1, lt: 100 }),
    gift_wrap: def('boolean'),
    legacy: def('string', { deleted: true }),
  },
  allow_defined_only: true,
  created_at,
  updated_at: null,
  object: 'metadata_schema',
};
const orderSchema = {
  id: 'ms_0rd3r',
  related_object: 'order',
  properties: { delivery_date: def('date'), shop: def('string', { ne: ['closed'] }) },
  allow_defined_only: false,
  created_at,
  updated_at: '2026-02-01T00:00:00.000Z',
  object: 'metadata_schema',
};

function fixturesWithSchemas() {
  const fixtures = loadFixtures(defaultFixturesPath);
  fixtures.metadata_schemas = { [redemptionSchema.id]: redemptionSchema, [orderSchema.id]: orderSchema };
  return fixtures;
}

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp({ fixtures: fixturesWithSchemas() });
  api = client(app, 'metadata-schemas');
});

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

describe('GET /v1/metadata-schemas', () => {
  it("lists the tenant's schemas by related object", async () => {
    expect(await ok(api.get('/v1/metadata-schemas'))).toEqual({ object: 'list', data_ref: 'schemas', schemas: [orderSchema, redemptionSchema], total: 2 });
  });

  it('lists none for a tenant whose fixtures have none', async () => {
    const plain = client(await testApp(), 'plain');
    expect(await ok(plain.get('/v1/metadata-schemas'))).toEqual({ object: 'list', data_ref: 'schemas', schemas: [], total: 0 });
  });
});

describe('GET /v1/metadata-schemas/{resource}', () => {
  it('answers the schema of the related object', async () => {
    expect(await ok(api.get('/v1/metadata-schemas/redemption'))).toEqual(redemptionSchema);
  });

  it('answers 404 for a related object without a schema, as Voucherify words it', async () => {
    const body = expectError(await api.get('/v1/metadata-schemas/earning_rules'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find metadata schema with id earning_rules', resource_id: 'earning_rules', resource_type: 'metadata schema' });
  });
});

describe('metadata checked in validations and redemptions', () => {
  const order = { amount: 5000 };
  const good = { channel: 'web', location_id: ['L2'] };
  const refused = async (res: PromiseLike<{ status: number; body: Json }> & object, details: string) =>
    expect(expectError((await res) as never, 400, 'metadata_validation_failed', 'Metadata validation failed').details).toBe(details);

  it('POST /v1/vouchers/{code}/validate: metadata that fits passes; each requirement in the details', async () => {
    const code = (await givenVoucher(api)).code as string;
    const validate = (metadata: Json, orderMetadata?: Json) => api.post(`/v1/vouchers/${code}/validate`, { order: { ...order, metadata: orderMetadata }, metadata });
    expect((await ok(validate({ ...good, basket_size: 3, gift_wrap: true }, { delivery_date: '2026-12-24' }))).valid).toBe(true);
    await refused(validate({ location_id: ['L2'] }), 'channel: is required');
    await refused(validate({ ...good, channel: 'w' }), "channel: must be a string, must be at least 2 characters long (actual value is 'w')");
    await refused(validate({ ...good, location_id: ['L9'] }), 'location_id: must be an array, and every element: must be a string, must be equal to one of L1,L2,L3 (actual value is ["L9"])');
    await refused(validate({ ...good, basket_size: 100 }), 'basket_size: must be a number, must be less than 100, must be greater than or equal to 1 (actual value is 100)');
    await refused(validate({ ...good, gift_wrap: 'yes' }), "gift_wrap: must be a boolean (actual value is 'yes')");
    // allow_defined_only: a property the schema does not define (or defines as deleted) is refused.
    await refused(validate({ ...good, coupon_source: 'tv' }), 'coupon_source: is not defined in the redemption metadata schema');
    await refused(validate({ ...good, legacy: 'x' }), 'legacy: is not defined in the redemption metadata schema');
    // The order's schema: allow_defined_only false lets other properties through.
    expect((await ok(validate(good, { anything: 1 }))).valid).toBe(true);
    await refused(validate(good, { delivery_date: '24.12.2026' }), "delivery_date: must be a date (YYYY-MM-DD) (actual value is '24.12.2026')");
    await refused(validate(good, { shop: 'closed' }), "shop: must be a string, must not be equal to any of closed (actual value is 'closed')");
  });

  it('POST /v1/validations: 400 before any redeemable is checked', async () => {
    const code = (await givenVoucher(api)).code as string;
    await refused(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: code }], order, metadata: { channel: 'web', location_id: 'L1' } }), "location_id: must be an array, and every element: must be a string, must be equal to one of L1,L2,L3 (actual value is 'L1')");
    expect((await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: code }], order, metadata: good }))).valid).toBe(true);
  });

  it('POST /v1/redemptions and POST /v1/vouchers/{code}/redemption: 400, nothing redeemed, nothing recorded', async () => {
    const code = (await givenVoucher(api)).code as string;
    await refused(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }], order, metadata: {} }), 'channel: is required');
    await refused(api.post(`/v1/vouchers/${code}/redemption`, { order: { ...order, metadata: { shop: 'closed' } }, metadata: good }), "shop: must be a string, must not be equal to any of closed (actual value is 'closed')");
    expect((await ok(api.get(`/v1/vouchers/${code}`))).redemption.redeemed_quantity).toBe(0);
    expect((await ok(api.get('/v1/redemptions'))).total).toBe(0);
    expect((await ok(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }], order, metadata: good }))).redemptions[0].result).toBe('SUCCESS');
  });

  it('POST /v1/promotions/tiers/{id}/validation and /redemption check them too', async () => {
    const campaign = await ok(api.post('/v1/campaigns', { name: 'Promo', campaign_type: 'PROMOTION', promotion: { tiers: [{ name: 'Five off', action: { discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } }] } }));
    const tier = campaign.promotion.tiers[0].id as string;
    await refused(api.post(`/v1/promotions/tiers/${tier}/validation`, { order, metadata: {} }), 'channel: is required');
    await refused(api.post(`/v1/promotions/tiers/${tier}/redemption`, { order, metadata: { channel: 'web', gift_wrap: 1 } }), 'gift_wrap: must be a boolean (actual value is 1)');
    expect((await ok(api.post(`/v1/promotions/tiers/${tier}/redemption`, { order, metadata: good }))).result).toBe('SUCCESS');
  });
});

describe('metadataSchemas through the official SDK', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 5, validateResponses: true, ...recordAnswers(), fixtures: fixturesWithSchemas() });
  });
  afterAll(() => server.close());

  it('lists and reads the schemas; an unknown one is the 404', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-metadata', secretKey: 'sdk-secret', apiUrl: server.url });
    const list = await sdk.metadataSchemas.list();
    expect(list).toMatchObject({ object: 'list', data_ref: 'schemas', total: 2 });
    expect(list.schemas.map((s) => s.related_object)).toEqual(['order', 'redemption']);
    expect(await sdk.metadataSchemas.get('order')).toEqual(orderSchema);
    expect(await sdkError(sdk.metadataSchemas.get('reward'))).toEqual({ code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find metadata schema with id reward' });
  });
});
