// Voucherify's published examples (validations, redemptions, rollbacks, orders): each request sent
// as published, to vouchers made as the official answer shows them, and the answer's totals,
// statuses and errors as in the official answer (ids and dates aside).

import { loadFixtures, type MockApp } from '../src/index.js';
import { defaultFixturesPath } from '../src/package-root.js';
import { client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

type Body = Record<string, unknown>;
type Json = Record<string, any>;

// ---- what the tests compare -------------------------------------------------------------------

const ORDER_TOTALS = [
  'amount',
  'discount_amount',
  'items_discount_amount',
  'total_discount_amount',
  'total_amount',
  'applied_discount_amount',
  'items_applied_discount_amount',
  'total_applied_discount_amount',
] as const;
const ITEM_AMOUNTS = ['quantity', 'amount', 'discount_amount', 'applied_discount_amount', 'price', 'subtotal_amount'] as const;
/** The fields of an item a UNIT discount changes, besides its amounts. */
const UNIT_FIELDS = ['discount_quantity', 'initial_quantity', 'initial_amount'] as const;

/** The fields of `object` named in `keys` that it has: an answer leaves out a zero discount, and so does the official one. */
function pick(object: Json, keys: readonly string[]): Json {
  const picked: Json = {};
  for (const key of keys) if (object[key] !== undefined) picked[key] = object[key];
  return picked;
}

const totalsOf = (order: Json) => pick(order, ORDER_TOTALS);
const itemsOf = (order: Json, keys: readonly string[] = ITEM_AMOUNTS) => (order.items as Json[]).map((item) => pick(item, keys));

// ---- how the tests talk to the mock ------------------------------------------------------------

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(200);
  return res.body;
}

const path = (code: string) => `/v1/vouchers/${encodeURIComponent(code)}`;
const createVoucher = (code: string, body: Body) => ok(api.post(path(code), body));
const createCampaign = (body: Body) => ok(api.post('/v1/campaigns', { type: 'STATIC', ...body }));
const createCustomer = (body: Body) => ok(api.post('/v1/customers', body));
const validateVoucher = (code: string, body: Body) => api.post(`${path(code)}/validate`, body);
const redeemVoucher = (code: string, body: Body) => api.post(`${path(code)}/redemption`, body);

/** A product (and its SKUs) of the catalogue the published answers were priced from, with its Voucherify ids. */
interface Catalogued {
  id: string;
  price: number | null;
  skus?: { id: string; price: number | null }[];
}

/**
 * The tests' app and client again, the tenant's fixtures holding these products and SKUs: the
 * catalogue the published answers name by id (the API gives products ids of its own).
 */
async function givenCatalogue(entries: Catalogued[], rewards: Json[] = []): Promise<void> {
  const fixtures = loadFixtures(defaultFixturesPath);
  const created_at = '2026-01-01T00:00:00.000Z';
  const common = { metadata: {}, image_url: null, created_at, updated_at: null };
  fixtures.products = Object.fromEntries(
    entries.map(({ id, price }) => [id, { id, source_id: null, name: `Product ${id}`, price, attributes: [], ...common, object: 'product' }]),
  );
  fixtures.skus = Object.fromEntries(
    entries.flatMap(({ id: product_id, skus = [] }) =>
      skus.map(({ id, price }) => [id, { id, source_id: null, product_id, sku: `SKU ${id}`, price, currency: 'USD', attributes: {}, ...common, object: 'sku' }]),
    ),
  );
  if (rewards.length > 0) fixtures.rewards = Object.fromEntries(rewards.map((reward) => [reward.id, reward]));
  app = await testApp({ fixtures });
  api = client(app);
}

/** A reward as the fixtures hold it: the published answers name rewards by their Voucherify ids. */
const rewardRecord = (id: string, name: string, type: string, parameters: Json): Json => ({
  id,
  name,
  type,
  parameters,
  stock: null,
  redeemed: null,
  attributes: {},
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: null,
  metadata: {},
  object: 'reward',
});

/** The request with every item's quantity as a number: the published examples send some as strings ("1"). */
function numericQuantities(body: Body): Body {
  const order = body.order as Json;
  return { ...body, order: { ...order, items: (order.items as Json[]).map((item) => ({ ...item, quantity: Number(item.quantity) })) } };
}

/** 36_bob, the customer of the redeem and rollback answers. */
const bob = () =>
  createCustomer({
    source_id: '36_bob',
    name: 'Bob Jones',
    email: 'bob.jones@email.com',
    metadata: { age: 26, favorite_brands: ['Nike', 'Adidas', 'Reebok'], accepts_marketing: false, acquisition_channel: 'Facebook' },
  });

// ---- POST /v1/validations ---------------------------------------------------------------------

describe('validate-stacked-discounts', () => {
  const sandbox = { redeemables: [{ object: 'voucher', id: 'BLCKFRDY' }], order: { amount: 5500 } };

  const oneRedeemable = {
    customer: { source_id: 'sample_customer', metadata: { key: 'value' } },
    options: { expand: ['order', 'redeemable', 'category'] },
    redeemables: [{ object: 'voucher', id: 'voucher-code' }],
    session: { type: 'LOCK' },
    order: {
      amount: 55000,
      status: 'PAID',
      items: [
        { quantity: 2, price: 20000, source_id: 'sample product1', related_object: 'product', product: { metadata: { key: 'value' } } },
        { quantity: 1, price: 15000, source_id: 'sample product2', related_object: 'product', product: { metadata: { key: 'value' } } },
      ],
      metadata: { key: 'value' },
    },
  };

  // Neither request has an official answer: the vouchers they name are not shown anywhere, so the
  // tests check what the request alone decides (accepted, the order's amounts as sent).
  it('Sandbox onboarding validation: accepted, the order amount as sent', async () => {
    await createVoucher('BLCKFRDY', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 0, effect: 'APPLY_TO_ORDER' } });
    const answer = await ok(api.post('/v1/validations', sandbox));
    expect(answer.valid).toBe(true);
    expect(answer.redeemables.map((r: Json) => r.status)).toEqual(['APPLICABLE']);
    expect(totalsOf(answer.order)).toEqual({ amount: 5500, total_amount: 5500 });
  });

  it('1 Redeemable: accepted, the order and its items priced as sent, the session locked', async () => {
    await createVoucher('voucher-code', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 0, effect: 'APPLY_TO_ORDER' } });
    const answer = await ok(api.post('/v1/validations', oneRedeemable));
    expect(answer.valid).toBe(true);
    expect(answer.redeemables.map((r: Json) => r.status)).toEqual(['APPLICABLE']);
    expect(totalsOf(answer.order)).toEqual({ amount: 55000, total_amount: 55000 });
    expect(itemsOf(answer.order)).toEqual([
      { quantity: 2, amount: 40000, price: 20000, subtotal_amount: 40000 },
      { quantity: 1, amount: 15000, price: 15000, subtotal_amount: 15000 },
    ]);
    expect(answer.session).toEqual({ key: expect.stringMatching(/^ssn_/), type: 'LOCK', ttl: 7, ttl_unit: 'DAYS' });
  });

  // The request names two promotion tiers by Voucherify's ids: it is sent with the ids of the tiers
  // made here. AnsvocvP pays 4 points for a reward that is no COIN reward: the order stays as it is.
  it('5 Redeemables → True - 5 Redeemables', async () => {
    await givenCatalogue(
      [
        { id: 'prod_s3C0nDpr0DuC7', price: null, skus: [{ id: 'sku_0a3efc90375d1217e2', price: 2000 }] },
        { id: 'prod_0bc3bd8a4e072c5275', price: 700 },
      ],
      [rewardRecord('rew_EPx1hCTpqzF0HW1z9NKckZH4', 'Roses', 'MATERIAL', { product: { id: 'prod_0bc3bd8a4e072c5275', sku_id: null } })],
    );
    await createVoucher('GNcuPKGe', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS' } });
    const program = await ok(api.post('/v1/loyalties', { name: 'Loyalty Campaign - Test Points', type: 'STATIC', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 6500 } } }));
    await createVoucher('AnsvocvP', { campaign_id: program.id, type: 'LOYALTY_CARD', loyalty_card: { points: 6500 } });
    await ok(api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: 'rew_EPx1hCTpqzF0HW1z9NKckZH4', parameters: { loyalty: { points: 4 } } }]));
    await createVoucher('M3X8IwW8', { type: 'GIFT_VOUCHER', gift: { amount: 10000 } });
    const promotion = await createCampaign({
      name: 'Promotions',
      campaign_type: 'PROMOTION',
      promotion: {
        tiers: [
          { name: '40%', banner: '40% off', action: { discount: { type: 'PERCENT', percent_off: 40, effect: 'APPLY_TO_ORDER' } } },
          { name: '0.30', banner: '0.30 off', action: { discount: { type: 'AMOUNT', amount_off: 30, effect: 'APPLY_TO_ORDER' } } },
        ],
      },
    });
    const [percent, amount] = promotion.promotion.tiers as Json[];
    const request = {
      customer: { source_id: '36_bob' },
      options: { expand: ['order', 'redeemable', 'category'] },
      redeemables: [
        { object: 'voucher', id: 'GNcuPKGe' },
        { object: 'voucher', id: 'AnsvocvP', reward: { id: 'rew_EPx1hCTpqzF0HW1z9NKckZH4' } },
        { object: 'voucher', id: 'M3X8IwW8', gift: { credits: 100 } },
        { object: 'promotion_tier', id: percent.id },
        { object: 'promotion_tier', id: amount.id },
      ],
      session: { type: 'LOCK' },
      order: { items: [{ sku_id: 'sku_0a3efc90375d1217e2', quantity: 1 }, { product_id: 'prod_0bc3bd8a4e072c5275', quantity: 1 }] },
    };
    const answer = await ok(api.post('/v1/validations', request));
    expect(answer.valid).toBe(true);
    expect(answer.redeemables.map((r: Json) => [r.status, r.id, r.result])).toEqual([
      ['APPLICABLE', 'GNcuPKGe', { discount: { type: 'AMOUNT', effect: 'APPLY_TO_ITEMS', amount_off: 1000 } }],
      ['APPLICABLE', 'AnsvocvP', { loyalty_card: { points: 4 } }],
      ['APPLICABLE', 'M3X8IwW8', { gift: { credits: 100 } }],
      ['APPLICABLE', percent.id, expect.objectContaining({ discount: { type: 'PERCENT', effect: 'APPLY_TO_ORDER', percent_off: 40 } })],
      ['APPLICABLE', amount.id, expect.objectContaining({ discount: { type: 'AMOUNT', effect: 'APPLY_TO_ORDER', amount_off: 30 } })],
    ]);
    expect(totalsOf(answer.redeemables[1].order)).toEqual({ amount: 2700, items_discount_amount: 1700, total_discount_amount: 1700, total_amount: 1000 });
    expect(totalsOf(answer.order)).toEqual({
      amount: 2700,
      discount_amount: 490,
      items_discount_amount: 1700,
      total_discount_amount: 2190,
      total_amount: 510,
      applied_discount_amount: 490,
      items_applied_discount_amount: 1700,
      total_applied_discount_amount: 2190,
    });
    expect(itemsOf(answer.order)).toEqual([
      { quantity: 1, amount: 2000, discount_amount: 1000, applied_discount_amount: 1000, price: 2000, subtotal_amount: 1000 },
      { quantity: 1, amount: 700, discount_amount: 700, applied_discount_amount: 700, price: 700, subtotal_amount: 0 },
    ]);
  });

  // The answer 'False' has no request of its own: this is the request it answers.
  it('False: a voucher that does not exist makes it invalid, and the redeemable after it is skipped', async () => {
    const answer = await ok(
      api.post('/v1/validations', {
        redeemables: [
          { object: 'voucher', id: 'eee33463' },
          { object: 'promotion_tier', id: 'promo_Mwy9XpA0TLctSGriM5kum0qp' },
        ],
      }),
    );
    expect(answer.valid).toBe(false);
    expect(answer.redeemables.map((r: Json) => [r.status, r.id, r.object])).toEqual([
      ['INAPPLICABLE', 'eee33463', 'voucher'],
      ['SKIPPED', 'promo_Mwy9XpA0TLctSGriM5kum0qp', 'promotion_tier'],
    ]);
    expect(answer.redeemables[0].result.error).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find voucher with id eee33463',
      request_id: expect.stringMatching(/^v-/),
      resource_id: 'eee33463',
      resource_type: 'voucher',
    });
    expect(answer).not.toHaveProperty('order');
  });
});

// ---- POST /v1/vouchers/{code}/validate --------------------------------------------------------

describe('validate-voucher', () => {
  /** The cart of 'Fixed', 'Percentage' and 'Amount': 465.00 in five lines. */
  const webinarItems = [
    { source_id: 'webinar_BF_sweater_pink_sweater', quantity: '1', price: 6500, related_object: 'product' },
    { source_id: 'webinar_BF_pants_navy_sweat_pants', quantity: '1', price: 6000, related_object: 'product' },
    { source_id: '5h1pp1ng', quantity: '1', price: 2000, related_object: 'product' },
    { source_id: 'webinar_BF_pants_gray_sweat_pants', quantity: '2', price: 5000, related_object: 'product' },
    { source_id: 'webinar_BF_sweater_pearl', quantity: '2', price: 11000, related_object: 'product' },
  ];
  /** Each line of that cart as the official answers show it, undiscounted. */
  const webinarLines = [
    { quantity: 1, amount: 6500, price: 6500, subtotal_amount: 6500 },
    { quantity: 1, amount: 6000, price: 6000, subtotal_amount: 6000 },
    { quantity: 1, amount: 2000, price: 2000, subtotal_amount: 2000 },
    { quantity: 2, amount: 10000, price: 5000, subtotal_amount: 10000 },
    { quantity: 2, amount: 22000, price: 11000, subtotal_amount: 22000 },
  ];
  const bobSmith = {
    source_id: 'your_customer_source_ID',
    name: 'Bob Smith',
    description: 'A frequent customer',
    email: 'bob.smith@email.com',
    phone: '+1 933 222 3333',
    address: { city: 'New York', country: 'United States', line_1: '123 Main St.', line_2: 'APT 3 BLG 5', postal_code: '10001', state: 'NY' },
    metadata: { lang: 'en', test: true },
    birthday: '1960-12-01',
  };

  const percentage = {
    customer: bobSmith,
    order: { items: webinarItems },
    session: { type: 'LOCK', key: 'your_custom_key', ttl_unit: 'NANOSECONDS', ttl: 1 },
  };
  const amount = {
    customer: bobSmith,
    order: { items: webinarItems, metadata: { currency: 'EUR' } },
    session: { type: 'LOCK', key: 'your_custom_key', ttl_unit: 'NANOSECONDS', ttl: 1 },
  };
  const freeShipping = {
    customer: { id: 'cust_4vMj8Twr5nBzvTrNCgipMb6M' },
    order: {
      items: [
        { product_id: 'prod_0ba621bae5d39762ce', quantity: '1' },
        { product_id: 'prod_0b661d404787ec6d3b', quantity: '1', price: 3100 },
      ],
    },
  };
  const giftCard = {
    customer: { source_id: '286401dc-6f4c-4ebb-8ca2-9f78b3e84c7d' },
    order: { amount: 1000, metadata: { currency: 'USD' } },
    gift: { credits: 2 },
    metadata: { location_id: ['L1'] },
  };
  const referralCode = {
    customer: { source_id: 'earlybirdcust' },
    order: { amount: 20000, metadata: { currency: 'USD' } },
    metadata: { location_id: ['L1'] },
  };

  describe('Percentage', () => {
    const givenEarlyBird = async (expiration_date: string | null) => {
      const campaign = await createCampaign({
        name: 'Webinar - Early Bird Scenario',
        campaign_type: 'DISCOUNT_COUPONS',
        voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } },
      });
      await createVoucher('EarlyBird-tB6zCApA', {
        campaign: campaign.name,
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
        expiration_date,
        metadata: { shoutout: 'Get an early bird special. The earlier you order, the better discount you will get.' },
      });
    };
    const expectTenPercentOff = (answer: Json) => {
      expect(answer.valid).toBe(true);
      expect(answer.code).toBe('EarlyBird-tB6zCApA');
      expect(answer.discount).toEqual({ type: 'PERCENT', effect: 'APPLY_TO_ORDER', percent_off: 10 });
      expect(answer.campaign).toBe('Webinar - Early Bird Scenario');
      expect(totalsOf(answer.order)).toEqual({
        amount: 46500,
        discount_amount: 4650,
        total_discount_amount: 4650,
        total_amount: 41850,
        applied_discount_amount: 4650,
        total_applied_discount_amount: 4650,
      });
      expect(itemsOf(answer.order)).toEqual(webinarLines);
      expect(answer.order.customer_id).toBeNull();
      expect(answer.session).toEqual({ key: 'your_custom_key', type: 'LOCK', ttl: 1, ttl_unit: 'NANOSECONDS' });
    };

    // Quantities sent as strings ("1", "2"), as published: Voucherify took them and answered 200.
    it('as published (quantities as strings): 10% off the order', async () => {
      await givenEarlyBird(null);
      expectTenPercentOff(await ok(validateVoucher('EarlyBird-tB6zCApA', percentage)));
    });

    it('with its quantities as numbers: 10% off the order', async () => {
      await givenEarlyBird(null);
      expectTenPercentOff(await ok(validateVoucher('EarlyBird-tB6zCApA', numericQuantities(percentage))));
    });

    // 'Voucher expired' has no request of its own; it names this voucher and the tracking id of 'Percentage': that request, the voucher expired.
    const expectExpired = (answer: Json) => {
      expect(answer).toMatchObject({ valid: false, reason: 'voucher expired', code: 'EarlyBird-tB6zCApA' });
      expect(answer.error).toEqual({ code: 400, key: 'voucher_expired', message: 'voucher expired', details: 'EarlyBird-tB6zCApA', request_id: expect.stringMatching(/^v-/) });
      expect(answer.metadata).toEqual({ shoutout: 'Get an early bird special. The earlier you order, the better discount you will get.' });
    };

    it('Voucher expired, as published (quantities as strings)', async () => {
      await givenEarlyBird('2022-10-29T00:00:00.000Z');
      expectExpired(await ok(validateVoucher('EarlyBird-tB6zCApA', percentage)));
    });

    it('Voucher expired, with its quantities as numbers', async () => {
      await givenEarlyBird('2022-10-29T00:00:00.000Z');
      expectExpired(await ok(validateVoucher('EarlyBird-tB6zCApA', numericQuantities(percentage))));
    });
  });

  describe('Amount', () => {
    const givenPayInEuros = () =>
      createVoucher('PAYINEUROS', {
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' },
        metadata: { shoutout: 'Pay in euros to get 10 Euros off, any other currency to get 5 off in that currency.' },
      });
    const expectTenOff = (answer: Json) => {
      expect(answer.valid).toBe(true);
      expect(answer.discount).toEqual({ type: 'AMOUNT', effect: 'APPLY_TO_ORDER', amount_off: 1000 });
      expect(totalsOf(answer.order)).toEqual({
        amount: 46500,
        discount_amount: 1000,
        total_discount_amount: 1000,
        total_amount: 45500,
        applied_discount_amount: 1000,
        total_applied_discount_amount: 1000,
      });
      expect(itemsOf(answer.order)).toEqual(webinarLines);
      expect(answer.order.metadata).toEqual({ currency: 'EUR' });
    };

    // Quantities sent as strings ("1", "2"), as published: Voucherify took them and answered 200.
    it('as published (quantities as strings): 10.00 off the order', async () => {
      await givenPayInEuros();
      expectTenOff(await ok(validateVoucher('PAYINEUROS', amount)));
    });

    it('with its quantities as numbers: 10.00 off the order', async () => {
      await givenPayInEuros();
      expectTenOff(await ok(validateVoucher('PAYINEUROS', numericQuantities(amount))));
    });
  });

  // A FIXED price per item from a validation rule's applicable_to products, each with a price
  // formula on the order amount (IF(ORDER_AMOUNT > 300;ORDER_ITEM_PRICE * 0.8;…), in the currency's
  // main unit), on a FIXED discount without fixed_amount: 93.00 off the items (sweaters 20%, pants
  // 10%, shipping free), as Voucherify answers. The rule takes the formulas as strings, as the
  // published answer shows them, and the answer lists the rule's products as applicable_to.
  it('Fixed: sweaters 20% off, pants 10% off, shipping free (price formulas)', async () => {
    const formula = (rate: string) => `IF(ORDER_AMOUNT > ${rate === '0.8' ? 300 : 200};ORDER_ITEM_PRICE * ${rate};ORDER_ITEM_PRICE)`;
    const product = (source_id: string, price_formula: string) => ({ object: 'product', source_id, id: source_id, price_formula, effect: 'APPLY_TO_EVERY' });
    const rule = await ok(
      api.post('/v1/validation-rules', {
        name: 'SPENDMOREGETMORE prices',
        type: 'basic',
        applicable_to: {
          included: [
            product('5h1pp1ng', 'IF(ORDER_AMOUNT > 400;0;20)'),
            product('webinar_BF_sweater_pink_sweater', formula('0.8')),
            product('webinar_BF_pants_navy_sweat_pants', formula('0.9')),
            product('webinar_BF_pants_gray_sweat_pants', formula('0.9')),
            product('webinar_BF_sweater_pearl', formula('0.8')),
          ],
        },
      }),
    );
    const campaign = await createCampaign({ name: 'SPENDMOREGETMORE', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } } });
    await createVoucher('SPENDMOREGETMORE-DaIXFJvn', { campaign: campaign.name, type: 'DISCOUNT_VOUCHER', discount: { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } });
    await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'campaign', related_object_id: campaign.id }));
    const fixed = { customer: { source_id: '08dd9b5a-26de-44aa-a1d4-d9adfa9e8ec2' }, order: { items: webinarItems }, session: { type: 'LOCK' } };
    const answer = await ok(validateVoucher('SPENDMOREGETMORE-DaIXFJvn', fixed));
    expect(answer.valid).toBe(true);
    expect(totalsOf(answer.order)).toEqual({
      amount: 46500,
      items_discount_amount: 9300,
      total_discount_amount: 9300,
      total_amount: 37200,
      items_applied_discount_amount: 9300,
      total_applied_discount_amount: 9300,
    });
    expect(itemsOf(answer.order).map((item) => item.subtotal_amount)).toEqual([5200, 5400, 0, 9000, 17600]);
    expect(answer.applicable_to).toMatchObject({ object: 'list', data_ref: 'data', total: 5 });
    expect(answer.applicable_to.data[0]).toEqual({ object: 'product', source_id: '5h1pp1ng', id: '5h1pp1ng', price_formula: 'IF(ORDER_AMOUNT > 400;0;20)', effect: 'APPLY_TO_EVERY' });
    expect(answer.inapplicable_to).toEqual({ object: 'list', data_ref: 'data', total: 0, data: [] });
  });

  // A loyalty card paying 10 points of a pay-with-points reward worth 0.05 a point.
  it('Loyalty Card', async () => {
    await givenCatalogue(
      [
        { id: 'prod_0bd76fc58f8038b043', price: 8500 },
        { id: 'prod_0bd76bd0e204542738', price: 6000 },
      ],
      [rewardRecord('rew_4ZF6Y69U2PXE3GLIZxfozgg1', '1 point = $0.05', 'COIN', { coin: { exchange_ratio: 0.05, points_ratio: 1 } })],
    );
    const program = await ok(api.post('/v1/loyalties', { name: 'Loyalty Campaign', type: 'STATIC', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 100 } } }));
    await createVoucher('LOYALTY-CARD-ng3Kb9tM', { campaign_id: program.id, type: 'LOYALTY_CARD', loyalty_card: { points: 100 } });
    const [assignment] = (await ok(api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: 'rew_4ZF6Y69U2PXE3GLIZxfozgg1' }]))) as unknown as Json[];
    const loyaltyCard = {
      order: { items: [{ product_id: 'prod_0bd76fc58f8038b043', quantity: '1' }, { product_id: 'prod_0bd76bd0e204542738', quantity: '1' }] },
      reward: { id: 'rew_4ZF6Y69U2PXE3GLIZxfozgg1', points: 10 },
    };
    const answer = await ok(validateVoucher('LOYALTY-CARD-ng3Kb9tM', loyaltyCard));
    expect(answer).toMatchObject({
      valid: true,
      code: 'LOYALTY-CARD-ng3Kb9tM',
      loyalty: { points_cost: 10 },
      reward: { id: 'rew_4ZF6Y69U2PXE3GLIZxfozgg1', assignment_id: assignment.id, points: 10 },
      campaign: 'Loyalty Campaign',
      campaign_id: program.id,
    });
    expect(totalsOf(answer.order)).toEqual({
      amount: 14500,
      discount_amount: 50,
      total_discount_amount: 50,
      total_amount: 14450,
      applied_discount_amount: 50,
      total_applied_discount_amount: 50,
    });
    expect(itemsOf(answer.order)).toEqual([
      { quantity: 1, amount: 8500, price: 8500, subtotal_amount: 8500 },
      { quantity: 1, amount: 6000, price: 6000, subtotal_amount: 6000 },
    ]);
  });

  // 'Loyalty points exceeded' has no request of its own: the 'Loyalty Card' request (10 points of a
  // reward), sent for a card that holds fewer. The points are checked before the reward is looked up.
  it('Loyalty points exceeded', async () => {
    const program = await ok(api.post('/v1/loyalties', { name: 'Loyalty Program', type: 'AUTO_UPDATE', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 5 } } }));
    const holder = await createCustomer({ source_id: 'loyal-holder' });
    const card = await ok(api.post(`/v1/loyalties/${program.id}/members`, { customer: holder.id }));
    const code = card.code as string;
    const loyaltyCard = {
      customer: { id: holder.id },
      order: { items: [{ product_id: 'prod_0bd76fc58f8038b043', quantity: '1', price: 8500 }, { product_id: 'prod_0bd76bd0e204542738', quantity: '1', price: 6000 }] },
      reward: { id: 'rew_4ZF6Y69U2PXE3GLIZxfozgg1', points: 10 },
    };
    const answer = await ok(validateVoucher(code, loyaltyCard));
    expect(answer).toMatchObject({ valid: false, reason: 'loyalty card points exceeded', code, error: { code: 400, key: 'loyalty_card_points_exceeded', message: 'loyalty card points exceeded', details: code } });
  });

  // 'False' has no request of its own: the Gift Card request (redemption metadata location_id
  // ['L1']) sent for a gift card whose rule on the redemption metadata wants another location.
  // Voucherify answers redemption_rules_violated, 'redemption does not match validation rules'.
  it('False: a gift card refused by a rule on the redemption metadata', async () => {
    const campaign = await createCampaign({ name: 'Gift Card Campaign', campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 32000 } } });
    const card = await createVoucher('vBQvYFEM', { campaign: campaign.name, type: 'GIFT_VOUCHER', gift: { amount: 32000, effect: 'APPLY_TO_ORDER' } });
    const rule = await ok(
      api.post('/v1/validation-rules', {
        name: 'Location L2 only',
        type: 'advanced',
        rules: { '1': { name: 'redemption.metadata', property: 'location_id', conditions: { $in: ['L2'] }, rules: {} }, logic: '1' },
      }),
    );
    await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'voucher', related_object_id: card.id }));
    const answer = await ok(validateVoucher('vBQvYFEM', giftCard));
    expect(answer).toMatchObject({ valid: false, reason: 'redemption does not match validation rules', code: 'vBQvYFEM', metadata: {} });
    expect(answer.error).toEqual({
      code: 400,
      key: 'redemption_rules_violated',
      message: 'redemption does not match validation rules',
      details: `Gift Card cannot be redeemed because of violated validation rules: ${rule.id}`,
      request_id: expect.stringMatching(/^v-/),
    });
  });

  describe('Free Shipping', () => {
    const givenFreeShipping = () =>
      createVoucher('Test - Discount - Free Shipping', {
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'UNIT', effect: 'ADD_MISSING_ITEMS', unit_off: 1, unit_type: 'prod_5h1pp1ng' },
      });
    /** The first item names a product of the catalogue only; its price (12.00) is the catalogue's, as the answer shows it. */
    const priced = () => {
      const body = numericQuantities(freeShipping) as Json;
      body.order.items[0].price = 1200;
      return body;
    };
    const expectTotals = (answer: Json) => {
      expect(answer.valid).toBe(true);
      expect(answer.discount).toMatchObject({ type: 'UNIT', effect: 'ADD_MISSING_ITEMS', unit_off: 1, unit_type: 'prod_5h1pp1ng' });
      expect(totalsOf(answer.order)).toEqual({ amount: 4300, total_amount: 4300 });
      expect(answer.order.items.map((item: Json) => item.product_id)).toEqual(['prod_0ba621bae5d39762ce', 'prod_0b661d404787ec6d3b', 'prod_5h1pp1ng']);
      expect(answer.order.customer_id).toBeNull();
    };
    const officialItems = [
      { quantity: 1, amount: 1200, price: 1200, subtotal_amount: 1200 },
      { quantity: 1, amount: 3100, price: 3100, subtotal_amount: 3100 },
      // The shipping product has no price in the catalogue: the free unit shows no amounts.
      { quantity: 1, discount_quantity: 1, initial_quantity: 0 },
    ];

    // The first item is priced by the catalogue (12.00); the shipping product has no price there.
    it('as published: the shipping added, free, nothing off', async () => {
      await givenCatalogue([
        { id: 'prod_0ba621bae5d39762ce', price: 1200 },
        { id: 'prod_5h1pp1ng', price: null },
      ]);
      await givenFreeShipping();
      const answer = await ok(validateVoucher('Test - Discount - Free Shipping', freeShipping));
      expectTotals(answer);
      expect(itemsOf(answer.order, [...ITEM_AMOUNTS, ...UNIT_FIELDS])).toEqual(officialItems);
    });

    it("with numeric quantities and the catalogue's price: the shipping added, free, nothing off", async () => {
      await givenFreeShipping();
      expectTotals(await ok(validateVoucher('Test - Discount - Free Shipping', priced())));
    });

    // A free unit of a product with no known price: its item shows no amounts, as Voucherify shows it.
    it("with numeric quantities and the catalogue's price: the free unit's item as Voucherify shows it", async () => {
      await givenFreeShipping();
      const answer = await ok(validateVoucher('Test - Discount - Free Shipping', priced()));
      expect(itemsOf(answer.order, [...ITEM_AMOUNTS, ...UNIT_FIELDS])).toEqual(officialItems);
    });
  });

  describe('UNIT discounts on a stored order (Unit - Add order items, Multiple Product Variants)', () => {
    const ORDER_SOURCE_ID = '47f491d1-a697-4f92-95ca-2ba1f463efa8';
    const CUSTOMER_SOURCE_ID = '08dd9b5a-26de-44aa-a1d4-d9adfa9e8ec2';

    const addOrderItems = {
      customer: { source_id: CUSTOMER_SOURCE_ID },
      order: { source_id: ORDER_SOURCE_ID },
      session: { type: 'LOCK', ttl_unit: 'NANOSECONDS', ttl: 1 },
    };
    const multipleVariants = (orderId: string) => ({ customer: { source_id: CUSTOMER_SOURCE_ID }, order: { id: orderId } });

    /**
     * The order both answers start from: 95.00 and 185.00, paid with a stacked redemption of two
     * redeemables (its `redemptions` entry) that took 84.00 off the order (30%) and added a free
     * unit of shipping.
     */
    async function givenPaidOrder(): Promise<Json> {
      await createVoucher('EXAMPLE-30-OFF', { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 30, effect: 'APPLY_TO_ORDER' } });
      await createVoucher('EXAMPLE-FREE-SHIPPING', {
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'UNIT', effect: 'ADD_MISSING_ITEMS', unit_off: 1, unit_type: 'prod_5h1pp1ng' },
      });
      const redeemed = await ok(
        api.post('/v1/redemptions', {
          customer: { source_id: CUSTOMER_SOURCE_ID },
          redeemables: [
            { object: 'voucher', id: 'EXAMPLE-30-OFF' },
            { object: 'voucher', id: 'EXAMPLE-FREE-SHIPPING' },
          ],
          order: {
            source_id: ORDER_SOURCE_ID,
            items: [
              { source_id: 'A0E20000000295J', related_object: 'sku', product_id: 'prod_0b661d31134b299cc2', quantity: 1, price: 9500 },
              { source_id: 'M0E20000000EAT6', related_object: 'sku', quantity: 1, price: 18500 },
            ],
          },
        }),
      );
      expect(totalsOf(redeemed.order)).toMatchObject({ amount: 28000, discount_amount: 8400, total_amount: 19600 });
      return redeemed.order;
    }

    const givenAddNewItems = () =>
      createVoucher('Test - Discount - Unit - Add new order items', {
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'UNIT', effect: 'ADD_NEW_ITEMS', unit_off: 3, unit_type: 'sku_0b661e41fc8d35a8f8' },
      });
    const givenManyItems = () =>
      createVoucher('Test - Discount - Unit - Multiple - Product Variants', {
        type: 'DISCOUNT_VOUCHER',
        discount: {
          type: 'UNIT',
          effect: 'ADD_MANY_ITEMS',
          units: [
            { effect: 'ADD_MISSING_ITEMS', unit_off: 3, unit_type: 'sku_0b661e41fc8d35a8f7' },
            { effect: 'ADD_NEW_ITEMS', unit_off: 4, unit_type: 'sku_0b661e41fc8d35a8f6' },
          ],
        },
      });

    /** What the answers show of the items the stored order had: the two lines, and the free shipping unit. */
    const storedLines = [
      { quantity: 1, amount: 9500, price: 9500, subtotal_amount: 9500 },
      { quantity: 1, amount: 18500, price: 18500, subtotal_amount: 18500 },
    ];

    it('Unit - Add order items: valid, the stored order with its own discount, three free units added', async () => {
      const stored = await givenPaidOrder();
      await givenAddNewItems();
      const answer = await ok(validateVoucher('Test - Discount - Unit - Add new order items', addOrderItems));
      expect(answer.valid).toBe(true);
      expect(answer.order).toMatchObject({ id: stored.id, source_id: ORDER_SOURCE_ID, status: 'PAID', discount_amount: 8400, total_amount: 19600 });
      expect(itemsOf(answer.order).slice(0, 2)).toEqual(storedLines);
      expect(answer.order.items.map((item: Json) => pick(item, ['quantity', 'discount_quantity', 'initial_quantity']))).toEqual([
        { quantity: 1 },
        { quantity: 1 },
        { quantity: 1, discount_quantity: 1, initial_quantity: 0 },
        { quantity: 3, discount_quantity: 3, initial_quantity: 0 },
      ]);
      expect(answer.order.items[2].product_id).toBe('prod_5h1pp1ng');
      expect(answer.session).toEqual({ key: expect.stringMatching(/^ssn_/), type: 'LOCK', ttl: 1, ttl_unit: 'NANOSECONDS' });
    });

    /** The SKUs the UNIT discounts add, at 299.00 each in the catalogue (the price is the SKUs' product's). */
    const givenSkuCatalogue = () =>
      givenCatalogue([
        {
          id: 'prod_0b661e41fc8d35a8f5',
          price: 29900,
          skus: [
            { id: 'sku_0b661e41fc8d35a8f8', price: null },
            { id: 'sku_0b661e41fc8d35a8f7', price: 29900 },
            { id: 'sku_0b661e41fc8d35a8f6', price: null },
          ],
        },
      ]);

    // The three units of sku_0b661e41fc8d35a8f8 cost 299.00 each in the catalogue.
    it("Unit - Add order items: the free units priced at the catalogue's 299.00", async () => {
      await givenSkuCatalogue();
      await givenPaidOrder();
      await givenAddNewItems();
      const answer = await ok(validateVoucher('Test - Discount - Unit - Add new order items', addOrderItems));
      expect(totalsOf(answer.order)).toEqual({
        amount: 117700,
        discount_amount: 8400,
        items_discount_amount: 89700,
        total_discount_amount: 98100,
        total_amount: 19600,
        items_applied_discount_amount: 89700,
        total_applied_discount_amount: 89700,
      });
      expect(pick(answer.order.items[3], [...ITEM_AMOUNTS, ...UNIT_FIELDS])).toEqual({
        quantity: 3,
        discount_quantity: 3,
        initial_quantity: 0,
        amount: 89700,
        discount_amount: 89700,
        initial_amount: 0,
        applied_discount_amount: 89700,
        price: 29900,
        subtotal_amount: 0,
      });
    });

    // The request names the order by Voucherify's id (ord_FDdsDI3FppuiqHa4s7drZEMP): the test sends the id the mock gave the same order.
    it('Multiple Product Variants: valid, the stored order with its own discount, 3 and 4 free units added', async () => {
      const stored = await givenPaidOrder();
      await givenManyItems();
      const answer = await ok(validateVoucher('Test - Discount - Unit - Multiple - Product Variants', multipleVariants(stored.id)));
      expect(answer.valid).toBe(true);
      expect(answer.order).toMatchObject({ id: stored.id, source_id: ORDER_SOURCE_ID, status: 'PAID', discount_amount: 8400, total_amount: 19600 });
      expect(itemsOf(answer.order).slice(0, 2)).toEqual(storedLines);
      expect(answer.order.items.slice(2).map((item: Json) => pick(item, ['quantity', 'discount_quantity', 'initial_quantity']))).toEqual([
        { quantity: 1, discount_quantity: 1, initial_quantity: 0 },
        { quantity: 3, discount_quantity: 3, initial_quantity: 0 },
        { quantity: 4, discount_quantity: 4, initial_quantity: 0 },
      ]);
    });

    // An added unit of a SKU is named by sku_id (its unit_type), as Voucherify's answers name it.
    it('Unit - Add order items and Multiple Product Variants: the free units name their SKU as sku_id', async () => {
      const stored = await givenPaidOrder();
      await givenAddNewItems();
      await givenManyItems();
      const added = await ok(validateVoucher('Test - Discount - Unit - Add new order items', addOrderItems));
      expect(added.order.items[3].sku_id).toBe('sku_0b661e41fc8d35a8f8');
      const many = await ok(validateVoucher('Test - Discount - Unit - Multiple - Product Variants', multipleVariants(stored.id)));
      expect(many.order.items.slice(3).map((item: Json) => item.sku_id)).toEqual(['sku_0b661e41fc8d35a8f7', 'sku_0b661e41fc8d35a8f6']);
    });

    // Both SKUs cost 299.00 in the catalogue.
    it("Multiple Product Variants: the free units priced at the catalogue's 299.00", async () => {
      await givenSkuCatalogue();
      const stored = await givenPaidOrder();
      await givenManyItems();
      const answer = await ok(validateVoucher('Test - Discount - Unit - Multiple - Product Variants', multipleVariants(stored.id)));
      expect(totalsOf(answer.order)).toEqual({
        amount: 237300,
        discount_amount: 8400,
        items_discount_amount: 209300,
        total_discount_amount: 217700,
        total_amount: 19600,
        items_applied_discount_amount: 209300,
        total_applied_discount_amount: 209300,
      });
      expect(answer.order.items.slice(3).map((item: Json) => pick(item, [...ITEM_AMOUNTS, ...UNIT_FIELDS]))).toEqual([
        { quantity: 3, discount_quantity: 3, initial_quantity: 0, amount: 89700, discount_amount: 89700, initial_amount: 0, applied_discount_amount: 89700, price: 29900, subtotal_amount: 0 },
        { quantity: 4, discount_quantity: 4, initial_quantity: 0, amount: 119600, discount_amount: 119600, initial_amount: 0, applied_discount_amount: 119600, price: 29900, subtotal_amount: 0 },
      ]);
    });
  });

  describe('Gift Card', () => {
    const givenGiftCard = async (active: boolean) => {
      const campaign = await createCampaign({ name: 'Gift Card Campaign', campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 32000 } } });
      await createVoucher('GIFT-CARD-kW4aEsfB', {
        campaign: campaign.name,
        type: 'GIFT_VOUCHER',
        gift: { amount: 32000, balance: 21500, effect: 'APPLY_TO_ORDER' },
        active,
      });
    };

    it('2 credits off an order of 10.00, the card as it is', async () => {
      await givenGiftCard(true);
      const answer = await ok(validateVoucher('GIFT-CARD-kW4aEsfB', giftCard));
      expect(answer.valid).toBe(true);
      expect(answer.gift).toEqual({ amount: 32000, balance: 21500, effect: 'APPLY_TO_ORDER' });
      expect(answer.campaign).toBe('Gift Card Campaign');
      expect(totalsOf(answer.order)).toEqual({
        amount: 1000,
        discount_amount: 2,
        total_discount_amount: 2,
        total_amount: 998,
        applied_discount_amount: 2,
        total_applied_discount_amount: 2,
      });
      expect(answer.order).not.toHaveProperty('items');
      expect(answer.order.metadata).toEqual({ currency: 'USD' });
    });

    // 'Voucher disabled' has no request of its own; it names the same card: the Gift Card request, the card disabled.
    it('Voucher disabled', async () => {
      await givenGiftCard(false);
      const answer = await ok(validateVoucher('GIFT-CARD-kW4aEsfB', giftCard));
      expect(answer).toMatchObject({ valid: false, reason: 'voucher is disabled', code: 'GIFT-CARD-kW4aEsfB', metadata: {} });
      expect(answer.error).toEqual({ code: 400, key: 'voucher_disabled', message: 'voucher is disabled', details: 'GIFT-CARD-kW4aEsfB', request_id: expect.stringMatching(/^v-/) });
    });
  });

  // The 400 answers 'Missing Parameter' and 'Missing reward' have no request of their own: each is the request that meets its refusal.
  describe('400 answers', () => {
    // Voucherify answers these refusals 400, not 200 with valid false.
    it('Missing Parameter: a gift card with no order amount to pay', async () => {
      await createVoucher('GIFT-CARD-kW4aEsfB', { type: 'GIFT_VOUCHER', gift: { amount: 32000, effect: 'APPLY_TO_ORDER' } });
      const body = expectError(await validateVoucher('GIFT-CARD-kW4aEsfB', { gift: { credits: 2 } }), 400, 'missing_order_items_amount', 'Missing applicable order items');
      expect(body.details).toBe('At least one applicable order item with amount is required to redeem this GIFT_VOUCHER');
    });

    it('Missing reward: a loyalty card with no reward named', async () => {
      await createVoucher('LOYALTY-CARD-ng3Kb9tM', { type: 'LOYALTY_CARD', loyalty_card: { points: 100 } });
      const body = expectError(await validateVoucher('LOYALTY-CARD-ng3Kb9tM', { order: { amount: 14500 } }), 400, 'missing_reward', 'Missing reward');
      expect(body.details).toBe('A reward is required when redeeming a LOYALTY_CARD');
    });

    // 'Metadata Validation Failed' has no request of its own: the Gift Card request with a single
    // location where the tenant's redemption metadata schema wants a list of known locations.
    it('Metadata Validation Failed: the redemption metadata refused by its schema', async () => {
      const fixtures = loadFixtures(defaultFixturesPath);
      const locations = { type: 'string', array: true, optional: true, objectType: null, eq: ['L1', 'L2', 'L3'] };
      const schema = { id: 'ms_r3d3mpt10n', related_object: 'redemption', properties: { location_id: locations }, allow_defined_only: false, created_at: '2026-01-01T00:00:00.000Z', updated_at: null, object: 'metadata_schema' };
      fixtures.metadata_schemas = { [schema.id]: schema };
      app = await testApp({ fixtures });
      api = client(app);
      await createVoucher('vBQvYFEM', { type: 'GIFT_VOUCHER', gift: { amount: 32000, effect: 'APPLY_TO_ORDER' } });
      const res = await validateVoucher('vBQvYFEM', { ...giftCard, metadata: { location_id: 'L1' } });
      const body = expectError(res, 400, 'metadata_validation_failed', 'Metadata validation failed');
      expect(body.details).toBe("location_id: must be an array, and every element: must be a string, must be equal to one of L1,L2,L3 (actual value is 'L1')");
      // As published (a list of one known location), the card is valid.
      expect((await ok(validateVoucher('vBQvYFEM', giftCard))).valid).toBe(true);
    });
  });

  describe('Referral Code', () => {
    /** The referral code of 'Referral Campaign', 30% off, published to its referrer. */
    async function givenReferralCode(referrer: Json) {
      const campaign = await createCampaign({
        name: 'Referral Campaign',
        campaign_type: 'REFERRAL_PROGRAM',
        referral_program: { conversion_event_type: 'redemption' },
        voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 30, effect: 'APPLY_TO_ORDER' }, is_referral_code: true },
      });
      await createVoucher('REFERRAL-CODE-OxBakPYf', { campaign: campaign.name, type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 30, effect: 'APPLY_TO_ORDER' } });
      await ok(api.post('/v1/publications', { voucher: 'REFERRAL-CODE-OxBakPYf', customer: { id: referrer.id } }));
    }

    it('30% off for a customer who is not the referrer', async () => {
      await createCustomer({ source_id: 'earlybirdcust' });
      const referrer = await createCustomer({ source_id: 'referrer' });
      await givenReferralCode(referrer);
      const answer = await ok(validateVoucher('REFERRAL-CODE-OxBakPYf', referralCode));
      expect(answer.valid).toBe(true);
      expect(answer.discount).toEqual({ type: 'PERCENT', effect: 'APPLY_TO_ORDER', percent_off: 30 });
      expect(answer.campaign).toBe('Referral Campaign');
      expect(totalsOf(answer.order)).toEqual({
        amount: 20000,
        discount_amount: 6000,
        total_discount_amount: 6000,
        total_amount: 14000,
        applied_discount_amount: 6000,
        total_applied_discount_amount: 6000,
      });
    });

    // The answer names the code's referrer as the order's referrer.
    it("the order's referrer is the code's referrer", async () => {
      await createCustomer({ source_id: 'earlybirdcust' });
      const referrer = await createCustomer({ source_id: 'referrer' });
      await givenReferralCode(referrer);
      const answer = await ok(validateVoucher('REFERRAL-CODE-OxBakPYf', referralCode));
      expect(answer.order).toMatchObject({ referrer: { id: referrer.id, object: 'customer' }, referrer_id: referrer.id });
    });

    // 'Cannot be redeemed by referrer' has no request of its own: the Referral Code request, sent by the code's referrer.
    it('Cannot be redeemed by referrer', async () => {
      const referrer = await createCustomer({ source_id: 'earlybirdcust' });
      await givenReferralCode(referrer);
      const answer = await ok(validateVoucher('REFERRAL-CODE-OxBakPYf', referralCode));
      expect(answer).toMatchObject({ valid: false, reason: 'voucher cannot be redeemed by referrer', code: 'REFERRAL-CODE-OxBakPYf' });
      expect(answer.error).toEqual({
        code: 400,
        key: 'referrer_not_permitted_to_redeem',
        message: 'voucher cannot be redeemed by referrer',
        details: 'REFERRAL-CODE-OxBakPYf',
        request_id: expect.stringMatching(/^v-/),
      });
    });
  });
});

// ---- POST /v1/redemptions and POST /v1/vouchers/{code}/redemption -----------------------------

describe('redeem-stacked-discounts', () => {
  const sandbox = { redeemables: [{ object: 'voucher', id: 'BLCKFRDY' }], order: { amount: 5500 } };
  const general = {
    customer: { source_id: 'sample_customer', metadata: { key: 'value' } },
    options: { expand: ['order', 'redeemable', 'category'] },
    redeemables: [{ object: 'voucher', id: 'voucher-code' }],
    session: { type: 'LOCK', key: 'session_key' },
    order: {
      amount: 55000,
      status: 'PAID',
      items: [
        { quantity: 2, price: 20000, source_id: 'sample product1', related_object: 'product', product: { metadata: { key: 'value' } } },
        { quantity: 1, price: 15000, source_id: 'sample product2', related_object: 'product', product: { metadata: { key: 'value' } } },
      ],
      metadata: { key: 'value' },
    },
  };

  // Neither request has an official answer, nor do the vouchers they name: the tests check what the
  // request alone decides (redeemed, the order stored PAID with its amounts as sent).
  it('Sandbox onboarding redemption: redeemed, the order paid as sent', async () => {
    await createVoucher('BLCKFRDY', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 0, effect: 'APPLY_TO_ORDER' } });
    const answer = await ok(api.post('/v1/redemptions', sandbox));
    expect(answer.parent_redemption).toMatchObject({ result: 'SUCCESS', status: 'SUCCEEDED', related_object_type: 'redemption' });
    expect(answer.redemptions.map((r: Json) => [r.result, r.voucher.code])).toEqual([['SUCCESS', 'BLCKFRDY']]);
    expect(answer.order.status).toBe('PAID');
    expect(totalsOf(answer.order)).toEqual({ amount: 5500, total_amount: 5500 });
  });

  it('General example: redeemed, the order paid as sent, for the customer sent', async () => {
    await createVoucher('voucher-code', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 0, effect: 'APPLY_TO_ORDER' } });
    const answer = await ok(api.post('/v1/redemptions', general));
    expect(answer.redemptions.map((r: Json) => [r.result, r.voucher.code, r.session])).toEqual([['SUCCESS', 'voucher-code', { key: 'session_key' }]]);
    expect(answer.parent_redemption.customer).toMatchObject({ source_id: 'sample_customer', metadata: { key: 'value' } });
    expect(answer.order).toMatchObject({ status: 'PAID', customer_id: answer.parent_redemption.customer_id, metadata: { key: 'value' } });
    expect(totalsOf(answer.order)).toEqual({ amount: 55000, total_amount: 55000 });
    expect(itemsOf(answer.order)).toEqual([
      { quantity: 2, amount: 40000, price: 20000, subtotal_amount: 40000 },
      { quantity: 1, amount: 15000, price: 15000, subtotal_amount: 15000 },
    ]);
  });
});

/**
 * The order of the redeem-voucher answers 'Gift Voucher' and 'Discount Coupon' (and of the
 * rollbacks of those redemptions). No request is published for them: the request sends the
 * customer and the order as the answers show them, an order of 60.00 whose items say their amounts.
 */
const bobsOrder = {
  customer: { source_id: '36_bob' },
  order: {
    amount: 6000,
    items: [
      { product_id: 'prod_0a9f9ab4ab019a42d5', quantity: 1, price: 3000, amount: 3300 },
      { product_id: 'prod_0a9f9aeddb019a42db', quantity: 2, price: 3000, amount: 3400 },
    ],
  },
};
const bobsLines = [
  { quantity: 1, amount: 3300, price: 3000, subtotal_amount: 3300 },
  { quantity: 2, amount: 3400, price: 3000, subtotal_amount: 3400 },
];

/** CODE14 of 'Gift Card Campaign': 20.00 of credits, 18 redemptions, from 2020-08-16. */
async function givenCode14(fields: Body = {}): Promise<Json> {
  const campaign = await createCampaign({ name: 'Gift Card Campaign', campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 2000 } } });
  await createVoucher('CODE14', {
    campaign: campaign.name,
    type: 'GIFT_VOUCHER',
    gift: { amount: 2000 },
    category: 'Second',
    redemption: { quantity: 18 },
    start_date: '2020-08-16T00:00:00.000Z',
    additional_info: 'secret-code1',
    metadata: { region: 'APAC', season: 'Fall' },
    ...fields,
  });
  return campaign;
}

/** 2CpRCE2c: 3.00 off shared by the items, already redeemed once. */
async function givenCoupon2CpRCE2c(): Promise<void> {
  await createVoucher('2CpRCE2c', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 300, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY' } });
  await ok(redeemVoucher('2CpRCE2c', { order: { amount: 1000, items: [{ product_id: 'prod_0a9f9ab4ab019a42d5', quantity: 1, price: 1000 }] } }));
}

describe('redeem-voucher', () => {
  it('Gift Voucher: the whole balance pays 20.00 of the order', async () => {
    const customer = await bob();
    const campaign = await givenCode14();
    const answer = await ok(redeemVoucher('CODE14', bobsOrder));
    expect(answer).toMatchObject({ object: 'redemption', result: 'SUCCESS', amount: 2000, gift: { amount: 2000 }, customer_id: customer.id, related_object_type: 'voucher' });
    expect(answer.order).toMatchObject({ status: 'PAID', customer_id: customer.id, referrer_id: null });
    expect(totalsOf(answer.order)).toEqual({
      amount: 6000,
      discount_amount: 2000,
      total_discount_amount: 2000,
      total_amount: 4000,
      applied_discount_amount: 2000,
      total_applied_discount_amount: 2000,
    });
    expect(itemsOf(answer.order)).toEqual(bobsLines);
    expect(answer.order.redemptions[answer.id]).toMatchObject({
      related_object_type: 'voucher',
      related_object_id: answer.voucher.id,
      related_object_parent_id: campaign.id,
    });
    expect(answer.voucher).toMatchObject({
      code: 'CODE14',
      campaign: 'Gift Card Campaign',
      gift: { amount: 2000, balance: 0 },
      redemption: { quantity: 18, redeemed_quantity: 1, redeemed_amount: 2000 },
    });
  });

  it('Discount Coupon: 3.00 shared by the items, in proportion to their amounts', async () => {
    const customer = await bob();
    await givenCoupon2CpRCE2c();
    const answer = await ok(redeemVoucher('2CpRCE2c', bobsOrder));
    expect(answer).toMatchObject({ object: 'redemption', result: 'SUCCESS', customer_id: customer.id });
    expect(answer).not.toHaveProperty('amount');
    expect(totalsOf(answer.order)).toEqual({
      amount: 6000,
      items_discount_amount: 300,
      total_discount_amount: 300,
      total_amount: 5700,
      items_applied_discount_amount: 300,
      total_applied_discount_amount: 300,
    });
    expect(itemsOf(answer.order)).toEqual([
      { quantity: 1, amount: 3300, discount_amount: 148, applied_discount_amount: 148, price: 3000, subtotal_amount: 3152 },
      { quantity: 2, amount: 3400, discount_amount: 152, applied_discount_amount: 152, price: 3000, subtotal_amount: 3248 },
    ]);
    expect(answer.order.redemptions[answer.id]).toEqual({ date: expect.any(String), related_object_type: 'voucher', related_object_id: answer.voucher.id });
    expect(answer.voucher).toMatchObject({
      code: '2CpRCE2c',
      discount: { type: 'AMOUNT', amount_off: 300, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY' },
      redemption: { quantity: null, redeemed_quantity: 2 },
    });
  });

  /** AnsvocvP, a loyalty card of 'Loyalty Campaign - Test Points' held by nobody. */
  const givenAnsvocvP = async (active: boolean) => {
    const program = await ok(api.post('/v1/loyalties', { name: 'Loyalty Campaign - Test Points', type: 'STATIC', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 6500 } } }));
    await createVoucher('AnsvocvP', { campaign_id: program.id, type: 'LOYALTY_CARD', loyalty_card: { points: 6500 }, active });
    return program;
  };

  // The request is not published: 36_bob pays the order of the 'Discount Coupon' answer with 300
  // points of the '100 = $20' pay-with-points reward the answer shows.
  it('Loyalty Card: 300 points of 100 = $20 pay the whole 60.00', async () => {
    await givenCatalogue([], [rewardRecord('rew_INt3fGH3n7xIr3ZQcq4kkUZ1', '100 = $20', 'COIN', { coin: { exchange_ratio: 20, points_ratio: 100 } })]);
    const customer = await bob();
    const program = await givenAnsvocvP(true);
    await ok(api.post(`/v1/loyalties/${program.id}/members`, { customer: customer.id, voucher: 'AnsvocvP' }));
    const [assignment] = (await ok(api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: 'rew_INt3fGH3n7xIr3ZQcq4kkUZ1' }]))) as unknown as Json[];
    const answer = await ok(redeemVoucher('AnsvocvP', { ...bobsOrder, reward: { id: 'rew_INt3fGH3n7xIr3ZQcq4kkUZ1', points: 300 } }));
    expect(answer).toMatchObject({
      object: 'redemption',
      customer_id: customer.id,
      amount: 300,
      result: 'SUCCESS',
      related_object_type: 'voucher',
      reward: {
        customer: { id: customer.id, source_id: '36_bob', object: 'customer' },
        assignment_id: assignment.id,
        id: 'rew_INt3fGH3n7xIr3ZQcq4kkUZ1',
        object: 'reward',
        name: '100 = $20',
        parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } },
        type: 'COIN',
      },
      loyalty_card: { points: 300 },
      voucher: { code: 'AnsvocvP', loyalty_card: { points: 6500, balance: 6200 }, redemption: { redeemed_quantity: 1, redeemed_points: 300 } },
    });
    expect(totalsOf(answer.order)).toEqual({
      amount: 6000,
      discount_amount: 6000,
      total_discount_amount: 6000,
      total_amount: 0,
      applied_discount_amount: 6000,
      total_applied_discount_amount: 6000,
    });
    expect(itemsOf(answer.order)).toEqual(bobsLines);
    expect(answer.order.redemptions[answer.id]).toEqual({ date: expect.any(String), related_object_type: 'voucher', related_object_id: answer.voucher.id, related_object_parent_id: program.id });
  });
  /** The failed redemption the error names. */
  const expectFailedRedemption = (body: Json) => expect({ resource_id: body.resource_id, resource_type: body.resource_type }).toEqual({ resource_id: expect.stringMatching(/^rf_/), resource_type: 'redemption' });

  // The 400 answers have no request of their own: 36_bob redeems the voucher they name.
  it('Voucher disabled', async () => {
    await bob();
    await givenAnsvocvP(false);
    const body = expectError(await redeemVoucher('AnsvocvP', { customer: { source_id: '36_bob' } }), 400, 'voucher_disabled', 'voucher is disabled');
    expect(body.details).toBe('AnsvocvP');
    expectFailedRedemption(body);
  });

  it('Invalid Customer: the customer does not hold the loyalty card', async () => {
    await bob();
    await givenAnsvocvP(true);
    const body = expectError(await redeemVoucher('AnsvocvP', { customer: { source_id: '36_bob' } }), 400, 'invalid_customer', 'Customer must be a holder of a loyalty card.');
    expect(body.details).toBe('AnsvocvP');
    expectFailedRedemption(body);
  });

  it('Voucher Inactive: outside the days of the week the voucher is valid on', async () => {
    await bob();
    // The tests' clock stands on a Sunday.
    await givenCode14({ validity_day_of_week: [1, 2, 3, 4, 5] });
    const body = expectError(await redeemVoucher('CODE14', bobsOrder), 400, 'voucher_not_active_now', 'voucher not active now');
    expect(body.details).toBe('CODE14');
    expectFailedRedemption(body);
  });
});

// ---- POST /v1/redemptions/{id}/rollback and /rollbacks ----------------------------------------

/** cust_SolpIN5N4oZbCnrxZ5NHrbVB, Annie Lemons, the customer the published rollback request names by id. */
const ANNIE = 'cust_SolpIN5N4oZbCnrxZ5NHrbVB';

/** The published request of both rollback endpoints ('Promotion'). */
const promotionRollback = {
  customer: {
    id: ANNIE,
    name: 'Annie Lemons',
    email: 'annie@lemon.com',
    phone: '+1 933 222 3334',
    birthday: '1900-12-02',
    birthdate: '1900-12-01',
    address: { city: 'New York', state: 'NY', line_1: '123 Main St.', line_2: 'APT 3 BLG 5', country: 'United States', postal_code: '100012' },
    metadata: { age: 23 },
  },
  order: { source_id: 'test_rollback_8' },
  metadata: { location_id: ['L2'] },
};

/**
 * The tenant the rollback answer 'Promotion Tier' comes from: Annie (a fixture, for her id), the
 * 40% tier 'Percent Discount', and her order test_rollback_8 (2 × 500.00 and 1 × 1000.00) redeemed
 * with it: through the tier's own redemption endpoint, or `stacked` through POST /v1/redemptions.
 */
async function givenAnniesTierRedemption(stacked = false): Promise<{ tier: Json; redemption: Json }> {
  const fixtures = loadFixtures(defaultFixturesPath);
  const customers = fixtures.customers as Record<string, Json>;
  const template = Object.values(customers)[0]!;
  customers[ANNIE] = { ...template, id: ANNIE, source_id: 'annie@lemon.com', name: 'Annie Lemons', email: 'annie@lemon.com', phone: '+1 933 222 3334', metadata: { age: 23 } };
  app = await testApp({ fixtures });
  api = client(app);
  const campaign = await createCampaign({
    name: 'Promotion Campaign',
    campaign_type: 'PROMOTION',
    promotion: { tiers: [{ name: 'Percent Discount', banner: 'Get 40% off', action: { discount: { type: 'PERCENT', percent_off: 40, effect: 'APPLY_TO_ORDER' } } }] },
  });
  const tier = campaign.promotion.tiers[0] as Json;
  const order = {
    source_id: 'test_rollback_8',
    items: [
      { source_id: 'apple534', related_object: 'product', quantity: 2, price: 50000 },
      { source_id: 'apple534-ihd5', related_object: 'sku', quantity: 1, price: 100000 },
    ],
  };
  const redemption = stacked
    ? await ok(api.post('/v1/redemptions', { redeemables: [{ object: 'promotion_tier', id: tier.id }], customer: { id: ANNIE }, order }))
    : await ok(api.post(`/v1/promotions/tiers/${tier.id}/redemption`, { customer: { id: ANNIE }, order }));
  return { tier, redemption };
}

describe('rollback-redemption', () => {
  it('Promotion → Promotion Tier: the tier redemption rolled back, the order cancelled at its amounts', async () => {
    const { tier, redemption } = await givenAnniesTierRedemption();
    const answer = await ok(api.post(`/v1/redemptions/${redemption.id}/rollback`, promotionRollback));
    expect(answer).toMatchObject({
      object: 'redemption_rollback',
      result: 'SUCCESS',
      redemption: redemption.id,
      customer_id: ANNIE,
      metadata: { location_id: ['L2'] },
      related_object_type: 'promotion_tier',
      related_object_id: tier.id,
      voucher: null,
      promotion_tier: { id: tier.id, campaign_id: tier.campaign_id, action: { discount: { type: 'PERCENT', percent_off: 40, effect: 'APPLY_TO_ORDER' } } },
      customer: { id: ANNIE, name: 'Annie Lemons', email: 'annie@lemon.com', source_id: 'annie@lemon.com', object: 'customer' },
    });
    expect(answer.order).toMatchObject({ id: redemption.order.id, source_id: 'test_rollback_8', status: 'CANCELED', customer_id: ANNIE });
    expect(totalsOf(answer.order)).toEqual({ amount: 200000, total_amount: 200000 });
    expect(itemsOf(answer.order)).toEqual([
      { quantity: 2, amount: 100000, price: 50000, subtotal_amount: 100000 },
      { quantity: 1, amount: 100000, price: 100000, subtotal_amount: 100000 },
    ]);
    expect(answer.order.redemptions[redemption.id]).toEqual({
      date: expect.any(String),
      rollback_id: answer.id,
      rollback_date: expect.any(String),
      related_object_type: 'promotion_tier',
      related_object_id: tier.id,
      related_object_parent_id: tier.campaign_id,
    });
  });

  // The rollback names a redemption of AnsvocvP: 36_bob bought 'Digital Present' (a coupon of '$20
  // off the entire order') for 2 points with an order of three bouquets. The rollback gives the
  // points back; the coupon stays the customer's.
  it('Loyalty Card', async () => {
    const customer = await bob();
    const program = await ok(api.post('/v1/loyalties', { name: 'Loyalty Campaign - Test Points', type: 'STATIC', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 6500 } } }));
    await createVoucher('AnsvocvP', { campaign_id: program.id, type: 'LOYALTY_CARD', loyalty_card: { points: 6500 } });
    await ok(api.post(`/v1/loyalties/${program.id}/members`, { customer: customer.id, voucher: 'AnsvocvP' }));
    const coupons = await createCampaign({
      name: '$20 off the entire order',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 2000, effect: 'APPLY_TO_ORDER' } },
    });
    const reward = await ok(api.post('/v1/rewards', { name: 'Digital Present', type: 'CAMPAIGN', parameters: { campaign: { id: coupons.id } } }));
    const [assignment] = (await ok(api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: reward.id, parameters: { loyalty: { points: 2 } } }]))) as unknown as Json[];
    const order = { items: [{ product_id: 'prod_0bc3bd8a4e072c5275', quantity: 3, price: 700 }] };
    const redemption = await ok(redeemVoucher('AnsvocvP', { customer: { source_id: '36_bob' }, order, reward: { id: reward.id } }));
    expect(redemption.voucher.loyalty_card).toEqual({ points: 6500, balance: 6498 });

    const reason = 'A UI rollback to check for result in API response to listing.';
    const answer = await ok(api.post(`/v1/redemptions/${redemption.id}/rollback`).query({ reason }).send({}));
    expect(answer).toMatchObject({
      id: expect.stringMatching(/^rr_/),
      object: 'redemption_rollback',
      customer_id: customer.id,
      amount: -2,
      redemption: redemption.id,
      reason,
      result: 'SUCCESS',
      related_object_type: 'voucher',
      related_object_id: redemption.voucher.id,
      reward: {
        customer: { id: customer.id, source_id: '36_bob' },
        assignment_id: assignment.id,
        voucher: { campaign: '$20 off the entire order', campaign_id: coupons.id, type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 2000, effect: 'APPLY_TO_ORDER' }, holder_id: customer.id },
        id: reward.id,
        object: 'reward',
        name: 'Digital Present',
        parameters: { campaign: { id: coupons.id, type: 'DISCOUNT_COUPONS' } },
        type: 'CAMPAIGN',
      },
      loyalty_card: { points: -2 },
      voucher: { code: 'AnsvocvP', loyalty_card: { points: 6500, balance: 6500 } },
    });
    expect(answer.order).toMatchObject({ status: 'CANCELED', customer_id: customer.id });
    expect(totalsOf(answer.order)).toEqual({ amount: 2100, total_amount: 2100 });
    expect(answer.order.redemptions[redemption.id]).toEqual({
      date: expect.any(String),
      rollback_id: answer.id,
      rollback_date: expect.any(String),
      related_object_type: 'voucher',
      related_object_id: redemption.voucher.id,
      related_object_parent_id: program.id,
    });
  });

  // The rollback answers have no request of their own: they roll back the redemptions of the
  // redeem-voucher answers 'Discount Coupon' and 'Gift Voucher' (their ids), with no body.
  it('Discount Coupon: the order cancelled, back to its amounts without the discount', async () => {
    const customer = await bob();
    await givenCoupon2CpRCE2c();
    const redemption = await ok(redeemVoucher('2CpRCE2c', bobsOrder));
    const answer = await ok(api.post(`/v1/redemptions/${redemption.id}/rollback`));
    expect(answer).toMatchObject({ object: 'redemption_rollback', result: 'SUCCESS', redemption: redemption.id, customer_id: customer.id });
    expect(answer).not.toHaveProperty('amount');
    expect(answer.order).toMatchObject({ id: redemption.order.id, status: 'CANCELED' });
    expect(totalsOf(answer.order)).toEqual({ amount: 6000, total_amount: 6000 });
    expect(itemsOf(answer.order)).toEqual(bobsLines);
    expect(answer.order.redemptions[redemption.id]).toMatchObject({ rollback_id: answer.id, related_object_type: 'voucher', related_object_id: redemption.voucher.id });
    expect(answer.voucher).toMatchObject({ code: '2CpRCE2c', redemption: { quantity: null, redeemed_quantity: 1 } });
  });

  it('Gift Card: the credits given back to the card, the order cancelled', async () => {
    await bob();
    await givenCode14();
    const redemption = await ok(redeemVoucher('CODE14', bobsOrder));
    const answer = await ok(api.post(`/v1/redemptions/${redemption.id}/rollback`));
    expect(answer).toMatchObject({ object: 'redemption_rollback', result: 'SUCCESS', redemption: redemption.id, amount: -2000, gift: { amount: -2000 } });
    expect(answer.order.status).toBe('CANCELED');
    expect(totalsOf(answer.order)).toEqual({ amount: 6000, total_amount: 6000 });
    expect(itemsOf(answer.order)).toEqual(bobsLines);
    expect(answer.order.redemptions[redemption.id]).toMatchObject({ rollback_id: answer.id, related_object_parent_id: redemption.voucher.campaign_id });
    expect(answer.voucher).toMatchObject({ code: 'CODE14', gift: { amount: 2000, balance: 2000 }, redemption: { quantity: 18, redeemed_quantity: 0, redeemed_amount: 0 } });
  });

  // The 400 and 404 answers have no request of their own: each is the request that meets its refusal.
  describe('refusals', () => {
    const redeemed = async () => {
      await bob();
      await givenCoupon2CpRCE2c();
      return ok(redeemVoucher('2CpRCE2c', bobsOrder));
    };
    const rollback = (id: string, body?: Body) => api.post(`/v1/redemptions/${id}/rollback`, body);
    const stacked = async () => {
      await createVoucher('BLCKFRDY', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } });
      return ok(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: 'BLCKFRDY' }], order: { amount: 5500 } }));
    };

    it('Already rolledback', async () => {
      const redemption = await redeemed();
      await ok(rollback(redemption.id));
      const body = expectError(await rollback(redemption.id), 400, 'already_rolled_back', 'Already rolled back');
      expect(body).toMatchObject({ details: 'Redemption has been already rolled back.', resource_id: expect.stringMatching(/^rrf_/), resource_type: 'redemption_rollback' });
    });

    it('Invalid Redemption Parent: a redemption of a stack', async () => {
      const { redemptions } = await stacked();
      const body = expectError(await rollback(redemptions[0].id), 400, 'invalid_redemption_parent', 'Invalid redemption parent');
      expect(body.details).toBe('You can rollback only a redemption that does not have parent redemption.');
    });

    it('Invalid Redemption: the parent of a stack', async () => {
      const { parent_redemption: parent } = await stacked();
      const body = expectError(await rollback(parent.id), 400, 'invalid_redemption', 'Invalid redemption');
      expect(body.details).toBe('You can rollback only a single redemption. Use different endpoint for stacked redemption.');
    });

    it('Invalid Order: an order that is not the redemption’s', async () => {
      const redemption = await redeemed();
      await ok(api.post('/v1/orders', { source_id: 'test_rollback_8', amount: 1000 }));
      const body = expectError(await rollback(redemption.id, { order: { source_id: 'test_rollback_8' } }), 400, 'invalid_order', 'Invalid order');
      expect(body.details).toBe('Order is not related with redemption.');
    });

    it('Invalidate Customer: a customer who is not the redemption’s', async () => {
      const redemption = await redeemed();
      const other = await createCustomer({ source_id: 'annie@lemon.com', name: 'Annie Lemons' });
      const body = expectError(await rollback(redemption.id, { customer: { id: other.id } }), 400, 'invalid_customer', 'Invalid customer');
      expect(body.details).toBe('Customer is not related with redemption.');
    });

    it('Cannot find customer', async () => {
      const redemption = await redeemed();
      const body = expectError(await rollback(redemption.id, { customer: { id: 'cust_eWgXlBBiY6THFRJwX45Iakv4s' } }), 404, 'not_found', 'Resource not found');
      expect(body).toMatchObject({
        details: 'Cannot find customer with id cust_eWgXlBBiY6THFRJwX45Iakv4s',
        resource_id: 'cust_eWgXlBBiY6THFRJwX45Iakv4s',
        resource_type: 'customer',
      });
    });

    describe('rollback-stacked-redemptions', () => {
      const rollbackStack = (id: string) => api.post(`/v1/redemptions/${id}/rollbacks`);

      it('Invalid Redemption Parent: a redemption of a stack', async () => {
        const { redemptions } = await stacked();
        const body = expectError(await rollbackStack(redemptions[0].id), 400, 'invalid_redemption_parent', 'Invalid redemption parent');
        expect(body.details).toBe('You can rollback only a redemption that does not have parent redemption.');
      });

      it('Already rolled back', async () => {
        const { parent_redemption: parent } = await stacked();
        await ok(rollbackStack(parent.id));
        const body = expectError(await rollbackStack(parent.id), 400, 'already_rolled_back', 'Already rolled back');
        expect(body).toMatchObject({ details: 'Redemption has been already rolled back.', resource_id: expect.stringMatching(/^rrf_/), resource_type: 'redemption_rollback' });
      });

      // 'Promotion' has no answer of its own: the request rolls back a stack holding the tier, sent by its customer for its order.
      it('Promotion: the stack with the tier rolled back, the order cancelled at its amounts', async () => {
        const { tier, redemption } = await givenAnniesTierRedemption(true);
        const answer = await ok(api.post(`/v1/redemptions/${redemption.parent_redemption.id}/rollbacks`, promotionRollback));
        expect(answer.parent_rollback).toMatchObject({ result: 'SUCCESS', redemption: redemption.parent_redemption.id, customer_id: ANNIE, metadata: { location_id: ['L2'] } });
        expect(answer.rollbacks.map((r: Json) => [r.related_object_type, r.related_object_id, r.result])).toEqual([['promotion_tier', tier.id, 'SUCCESS']]);
        expect(answer.order).toMatchObject({ source_id: 'test_rollback_8', status: 'CANCELED', customer_id: ANNIE });
        expect(totalsOf(answer.order)).toEqual({ amount: 200000, total_amount: 200000 });
      });
    });
  });
});

// ---- POST /v1/orders and PUT /v1/orders/{id} --------------------------------------------------

describe('orders', () => {
  const example = {
    amount: 20000,
    customer: { source_id: 'sample_customer' },
    status: 'PAID',
    items: [{ quantity: 1, price: 20000, source_id: 'sample product1', related_object: 'product', product: { metadata: { key: 'value' } } }],
  };
  const example2 = {
    source_id: 'new',
    status: 'FULFILLED',
    metadata: { location_id: ['L1', 'L2'], payment_mean: ['paypal', 'credit-card'] },
    customer: {
      source_id: 'bob.smith.1@email.com',
      name: 'Bob Smith',
      description: 'A nice customer',
      email: 'bob.smith.1@email.com',
      phone: '+1 933 222 3333',
      address: { city: 'New York', country: 'United Statese', line_1: '123 Main St', line_2: 'APT 3 BLG 4', postal_code: '10001', state: 'NY' },
      metadata: { lang: 'en', test: false },
      birthdate: '2022-01-02',
    },
    referrer: {
      source_id: 'jane.smith@email.com',
      name: 'Jane Smith',
      description: 'A really nice customer',
      email: 'jane.smith@email.com',
      phone: '+1 933 222 3334',
      address: { city: 'New York', country: 'United States', line_1: '123 Main St.', line_2: 'APT 3 BLG 4', postal_code: '10001', state: 'NY' },
      metadata: { lang: 'en', test: false },
      birthday: '2022-03-03',
    },
    items: [
      {
        source_id: 'prod_1',
        related_object: 'product',
        quantity: 2,
        product: { name: 'Apple iPhone 12', price: 60000, metadata: { color: ['purple'], vendor: 'mall' }, override: true },
      },
      {
        source_id: 'ComicBook_1',
        related_object: 'sku',
        quantity: 1,
        product: { source_id: 'Books', name: 'Comic Books1', price: 2100, metadata: { color: ['silver'], vendor: 'Bookstore1' }, override: true },
        sku: { sku: 'Comics1', source_id: 'ComicBook_1', price: 1700, metadata: { color: ['golden'], vendor: 'islands' }, override: true },
      },
    ],
  };
  /** The order of the answer 'Example' (to Example 2), as created and as updated. */
  const expectExampleOrder = (order: Json, status: string) => {
    expect(order).toMatchObject({ source_id: 'new', status, metadata: example2.metadata, object: 'order' });
    expect(totalsOf(order)).toEqual({ amount: 121700, total_amount: 121700 });
    expect(itemsOf(order)).toEqual([
      { quantity: 2, amount: 120000, price: 60000, subtotal_amount: 120000 },
      { quantity: 1, amount: 1700, price: 1700, subtotal_amount: 1700 },
    ]);
    expect(order.customer).toEqual({ id: order.customer_id, object: 'customer' });
    expect(order.referrer).toEqual({ id: order.referrer_id, object: 'customer' });
    expect(order.referrer_id).not.toBe(order.customer_id);
  };

  // 'Example' has no answer of its own: the test checks what the request decides.
  it('create-order Example: created as sent', async () => {
    const order = await ok(api.post('/v1/orders', example));
    expect(order).toMatchObject({ status: 'PAID', customer_id: expect.stringMatching(/^cust_/) });
    expect(totalsOf(order)).toEqual({ amount: 20000, total_amount: 20000 });
    expect(itemsOf(order)).toEqual([{ quantity: 1, amount: 20000, price: 20000, subtotal_amount: 20000 }]);
  });

  it('create-order Example 2 → Example: each item priced by its SKU, else its product', async () => {
    const order = await ok(api.post('/v1/orders', example2));
    expectExampleOrder(order, 'FULFILLED');
  });

  // The objects sent with override: true are stored in the catalogue; the answer shows them with their ids.
  it('create-order Example 2 → Example: the products and SKU stored, the items showing them', async () => {
    const order = await ok(api.post('/v1/orders', example2));
    const [iphone, comics] = order.items;
    expect(iphone).not.toHaveProperty('product_id');
    expect(iphone.product).toEqual({ id: expect.stringMatching(/^prod_/), source_id: 'prod_1', name: 'Apple iPhone 12', metadata: { color: ['purple'], vendor: 'mall' }, price: 60000 });
    expect(comics).toMatchObject({ source_id: 'ComicBook_1', related_object: 'sku', product_id: comics.product.id });
    expect(comics.product).toEqual({ id: expect.stringMatching(/^prod_/), source_id: 'Books', name: 'Comic Books1', metadata: { color: ['silver'], vendor: 'Bookstore1' }, price: 2100 });
    expect(comics.sku).toEqual({ id: expect.stringMatching(/^sku_/), source_id: 'ComicBook_1', sku: 'Comics1', metadata: { color: ['golden'], vendor: 'islands' }, price: 1700 });
    expect((await ok(api.get('/v1/skus/ComicBook_1'))).product_id).toBe(comics.product.id);
  });

  it('update-order Example: cancelled, its amounts as they were', async () => {
    const created = await ok(api.post('/v1/orders', example2));
    const order = await ok(api.put(`/v1/orders/${created.id}`, { status: 'CANCELED' }));
    expectExampleOrder(order, 'CANCELED');
    expect({ customer_id: order.customer_id, referrer_id: order.referrer_id }).toEqual({ customer_id: created.customer_id, referrer_id: created.referrer_id });
  });
});
