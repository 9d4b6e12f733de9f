// Redemptions and rollbacks: what a checkout spends and gives back, and how each refusal is answered.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenLoyaltyCard, givenReferralCode, givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
let now: Date;

beforeEach(async () => {
  now = NOW;
  app = await testApp({ clock: () => now });
  api = client(app);
});

/** A cart of 20.00 × 2 and 7.00. */
const cart = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };
const voucher = (id: string, extra: Record<string, unknown> = {}) => ({ object: 'voucher', id, ...extra });
const newCode = async (overrides: Record<string, unknown> = {}) => (await givenVoucher(api, overrides)).code as string;
const giftCode = (amount = 5000, extra: Record<string, unknown> = {}) => newCode({ type: 'GIFT_VOUCHER', gift: { amount }, ...extra });

async function redeemStack(body: Record<string, unknown>) {
  const res = await api.post('/v1/redemptions', body);
  expect(res.status).toBe(200);
  return res.body;
}

async function redeemOne(code: string, body: Record<string, unknown> = {}) {
  const res = await api.post(`/v1/vouchers/${encodeURIComponent(code)}/redemption`, body);
  expect(res.status).toBe(200);
  return res.body;
}

const getVoucher = async (code: string) => (await api.get(`/v1/vouchers/${encodeURIComponent(code)}`)).body;

describe('POST /v1/redemptions (stacked)', () => {
  it('redeems every redeemable: a parent, one child each, and the order stored PAID with the discounts', async () => {
    const percent = await newCode({ discount: { type: 'PERCENT', percent_off: 10 } });
    const gift = await giftCode(5000);
    const answer = await redeemStack({
      redeemables: [voucher(percent), voucher(gift, { gift: { credits: 1000 } })],
      order: { source_id: 'order-1', ...cart },
      customer: { source_id: 'alice', name: 'Alice' },
      metadata: { shop: 'web' },
    });
    const { parent_redemption: parent, redemptions, order } = answer;
    expect(parent).toMatchObject({
      id: expect.stringMatching(/^r_[0-9a-f]{18}$/),
      object: 'redemption',
      date: NOW.toISOString(),
      customer_id: expect.stringMatching(/^cust_/),
      tracking_id: 'alice',
      metadata: { shop: 'web' },
      redemption: null,
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      channel: { channel_id: 'test-tenant', channel_type: 'API' },
      customer: { source_id: 'alice', name: 'Alice', object: 'customer' },
      related_object_type: 'redemption',
      related_object_id: parent.id,
      voucher: null,
    });
    expect(redemptions).toHaveLength(2);
    expect(redemptions.map((r: { redemption: string }) => r.redemption)).toEqual([parent.id, parent.id]);
    expect(redemptions[0]).toMatchObject({ related_object_type: 'voucher', voucher: { code: percent, redemption: { redeemed_quantity: 1 } } });
    expect(redemptions[0]).not.toHaveProperty('amount');
    expect(redemptions[1]).toMatchObject({ amount: 1000, gift: { amount: 1000 }, voucher: { code: gift, gift: { amount: 5000, balance: 4000 } } });
    // A child's order: the order's id and metadata with the totals after that redeemable.
    expect(redemptions[1].order).toEqual({
      id: answer.order.id,
      source_id: 'order-1',
      amount: 4700,
      discount_amount: 1470,
      total_discount_amount: 1470,
      total_amount: 3230,
      applied_discount_amount: 1000,
      total_applied_discount_amount: 1000,
      metadata: {},
      object: 'order',
    });
    // The ids of one stack follow each other, as Voucherify's do.
    const ids = [parent.id, ...redemptions.map((r: { id: string }) => r.id)];
    expect([...ids].sort()).toEqual(ids);
    expect(order).toMatchObject({
      id: expect.stringMatching(/^ord_/),
      source_id: 'order-1',
      status: 'PAID',
      amount: 4700,
      discount_amount: 1470,
      total_discount_amount: 1470,
      total_amount: 3230,
      applied_discount_amount: 1470,
      total_applied_discount_amount: 1470,
      customer_id: parent.customer_id,
      object: 'order',
      redemptions: {
        [parent.id]: { date: NOW.toISOString(), related_object_type: 'redemption', related_object_id: parent.id, stacked: redemptions.map((r: { id: string }) => r.id) },
      },
    });
    const stored = (await api.get(`/v1/orders/${order.id}`)).body;
    expect(stored).toMatchObject({ status: 'PAID', amount: 4700, discount_amount: 1470, total_amount: 3230, redemptions: order.redemptions });
    expect(stored).not.toHaveProperty('applied_discount_amount');
  });

  it('spends the vouchers: redeemed quantity, gift balance and redeemed amount', async () => {
    const code = await newCode({ discount: { type: 'AMOUNT', amount_off: 500 }, redemption: { quantity: 2 } });
    const gift = await giftCode(3000);
    await redeemStack({ redeemables: [voucher(code), voucher(gift)], order: { amount: 2000 } });
    expect((await getVoucher(code)).redemption).toMatchObject({ quantity: 2, redeemed_quantity: 1 });
    // Without credits asked for, a gift card pays what is left of the order (1500), at most its balance.
    expect(await getVoucher(gift)).toMatchObject({ gift: { amount: 3000, balance: 1500 }, redemption: { redeemed_quantity: 1, redeemed_amount: 1500 } });
  });

  it('counts on the customer: redemptions, gift credits and the order', async () => {
    const customer = await givenCustomer(api, { source_id: 'bob' });
    const gift = await giftCode(3000);
    await redeemStack({ redeemables: [voucher(gift, { gift: { credits: 500 } })], order: { amount: 2000 }, customer: { id: customer.id } });
    const summary = (await api.get(`/v1/customers/${customer.id}`)).body.summary;
    expect(summary.redemptions).toMatchObject({ total_redeemed: 1, total_succeeded: 1, total_failed: 0, gift: { redeemed_amount: 500 } });
    expect(summary.orders).toMatchObject({ total_amount: 1500, total_count: 1, average_amount: 1500, last_order_amount: 1500, last_order_date: NOW.toISOString() });
  });

  it('redeems against an order the tenant has, named by id', async () => {
    const created = await api.post('/v1/orders', { source_id: 'cart-7', amount: 10000 });
    const code = await newCode({ discount: { type: 'AMOUNT', amount_off: 2500 } });
    const { order } = await redeemStack({ redeemables: [voucher(code)], order: { id: created.body.id } });
    expect(order).toMatchObject({ id: created.body.id, source_id: 'cart-7', status: 'PAID', amount: 10000, discount_amount: 2500, total_amount: 7500 });
    expect((await api.get('/v1/orders')).body.total).toBe(1);
  });

  it('fails as a whole when one redeemable cannot be used: nothing spent, a failed parent recorded, the error answered', async () => {
    const good = await newCode({ discount: { type: 'AMOUNT', amount_off: 500 } });
    const disabled = await newCode({ active: false });
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(good), voucher(disabled)], order: { amount: 2000 }, customer: { source_id: 'carol' } });
    const error = expectError(res, 400, 'voucher_disabled', 'voucher is disabled');
    expect(error).toMatchObject({ details: disabled, resource_id: expect.stringMatching(/^rf_[0-9a-f]{18}$/), resource_type: 'redemption' });
    expect((await getVoucher(good)).redemption.redeemed_quantity).toBe(0);
    expect((await api.get('/v1/orders')).body.total).toBe(0);
    const failed = (await api.get(`/v1/redemptions/${error.resource_id}`)).body;
    expect(failed).toMatchObject({
      id: error.resource_id,
      result: 'FAILURE',
      status: 'FAILED',
      failure_code: 'voucher_disabled',
      failure_message: 'voucher is disabled',
      order: null,
      related_object_type: 'redemption',
      related_object_id: error.resource_id,
      voucher: null,
      customer: { source_id: 'carol' },
    });
    const customer = (await api.get('/v1/customers/carol')).body;
    expect(customer.summary.redemptions).toMatchObject({ total_redeemed: 1, total_failed: 1, total_succeeded: 0 });
  });

  it('answers an unknown code 404, recorded as a failed redemption', async () => {
    const res = await api.post('/v1/redemptions', { redeemables: [voucher('NOPE')], order: { amount: 100 } });
    const error = expectError(res, 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ details: 'Cannot find voucher with id NOPE', resource_id: expect.stringMatching(/^rf_/), resource_type: 'redemption' });
    expect((await api.get(`/v1/redemptions/${error.resource_id}`)).body).toMatchObject({ failure_code: 'not_found', failure_message: 'Resource not found', customer: null });
  });

  it('refuses the same redeemable twice before anything is checked', async () => {
    const code = await newCode();
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(code), voucher(code)], order: { amount: 100 } });
    expect(expectError(res, 400, 'duplicated_redeemables', 'Duplicated redeemables detected').details).toBe('Duplicated redeemables detected in one redemption');
    expect((await api.get('/v1/redemptions')).body.total).toBe(0);
  });

  it('refuses more than 30 redeemables', async () => {
    const redeemables = Array.from({ length: 31 }, (_, i) => voucher(`CODE-${i}`));
    const res = await api.post('/v1/redemptions', { redeemables, order: { amount: 100 } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toMatch(/redeemables/);
  });

  it('refuses a voucher redeemed up to its quantity', async () => {
    const code = await newCode({ redemption: { quantity: 1 } });
    await redeemStack({ redeemables: [voucher(code)], order: { amount: 1000 } });
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 1000 } });
    expect(expectError(res, 400, 'quantity_exceeded', 'quantity exceeded').details).toBe(code);
  });

  it('refuses a gift card asked for more credits than it holds', async () => {
    const gift = await giftCode(1000);
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(gift, { gift: { credits: 1500 } })], order: { amount: 5000 } });
    expectError(res, 400, 'gift_amount_exceeded', 'gift amount exceeded');
    expect((await getVoucher(gift)).gift.balance).toBe(1000);
  });

  it('refuses a referral code redeemed by its own referrer', async () => {
    const { code, referrer } = await givenReferralCode(api);
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(code.code as string)], customer: { id: referrer.id }, order: { amount: 1000 } });
    expectError(res, 400, 'referrer_not_permitted_to_redeem', 'voucher cannot be redeemed by referrer');
  });

  it('refuses a referral code redeemed without a customer', async () => {
    const { code } = await givenReferralCode(api);
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(code.code as string)], order: { amount: 1000 } });
    expect(expectError(res, 400, 'missing_customer', 'Missing customer').details).toBe('A customer is required to redeem a referral code');
    const friend = await redeemStack({ redeemables: [voucher(code.code as string)], order: { amount: 1000 }, customer: { source_id: 'a-friend' } });
    expect(friend.redemptions[0]).toMatchObject({ result: 'SUCCESS', customer: { source_id: 'a-friend' } });
  });

  it("names a referral code's referrer as the order's referrer", async () => {
    const { code, referrer } = await givenReferralCode(api);
    const { order } = await redeemStack({ redeemables: [voucher(code.code as string)], order: { amount: 1000 }, customer: { source_id: 'invited' } });
    expect(order).toMatchObject({ referrer: { id: referrer.id, object: 'customer' }, referrer_id: referrer.id });
    expect((await api.get(`/v1/orders/${order.id}`)).body.referrer_id).toBe(referrer.id);
  });

  it('refuses a loyalty card without a reward, and one redeemed by someone who does not hold it', async () => {
    const { card, customer } = await givenLoyaltyCard(api);
    const own = await api.post('/v1/redemptions', { redeemables: [voucher(card.code as string)], customer: { id: customer.id }, order: { amount: 1000 } });
    expectError(own, 400, 'missing_reward', 'Missing reward');
    const stranger = await givenCustomer(api);
    const other = await api.post('/v1/redemptions', { redeemables: [voucher(card.code as string)], customer: { id: stranger.id }, order: { amount: 1000 } });
    expectError(other, 400, 'invalid_customer', 'Customer must be a holder of a loyalty card.');
  });

  it('answers an unknown order id 404 and an unknown customer id 404, recording nothing', async () => {
    const code = await newCode();
    expectError(await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { id: 'ord_missing' } }), 404, 'not_found', 'Resource not found');
    expectError(await api.post('/v1/redemptions', { redeemables: [voucher(code)], customer: { id: 'cust_missing' } }), 404, 'not_found', 'Resource not found');
    expect((await api.get('/v1/redemptions')).body.total).toBe(0);
  });

  it('uses the clock: a voucher expired by then is refused', async () => {
    const code = await newCode({ expiration_date: '2026-12-01T00:00:00.000Z' });
    now = new Date('2026-12-02T00:00:00.000Z');
    expectError(await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 100 } }), 400, 'voucher_expired', 'voucher expired');
  });
});

describe('POST /v1/vouchers/{code}/redemption', () => {
  it('redeems one voucher: a redemption of its own, with the order and the voucher after it', async () => {
    const code = await newCode({ discount: { type: 'AMOUNT', amount_off: 300, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY' } });
    const redemption = await redeemOne(code, {
      order: { items: [{ product_id: 'prod_1', price: 3000, quantity: 1, amount: 3300 }, { product_id: 'prod_2', price: 3000, quantity: 2, amount: 3400 }], amount: 6000 },
    });
    expect(redemption).toMatchObject({
      id: expect.stringMatching(/^r_/),
      object: 'redemption',
      redemption: null,
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      related_object_type: 'voucher',
      voucher: { code, redemption: { redeemed_quantity: 1 } },
      order: {
        status: 'PAID',
        amount: 6000,
        items_discount_amount: 300,
        total_discount_amount: 300,
        total_amount: 5700,
        items_applied_discount_amount: 300,
        total_applied_discount_amount: 300,
      },
    });
    // The official example's split of 300 over items of 3300 and 3400.
    expect(redemption.order.items.map((i: { discount_amount: number }) => i.discount_amount)).toEqual([148, 152]);
    expect(redemption.order.redemptions[redemption.id]).toEqual({ date: NOW.toISOString(), related_object_type: 'voucher', related_object_id: redemption.voucher.id });
  });

  it("links a campaign's voucher to its campaign in the order's entry", async () => {
    const campaign = (await api.post('/v1/campaigns', { name: 'Gifts', campaign_type: 'GIFT_VOUCHERS', type: 'AUTO_UPDATE', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 2000 } } })).body;
    const code = (await api.post(`/v1/campaigns/${campaign.id}/vouchers`, {})).body.code;
    const redemption = await redeemOne(code, { order: { amount: 6000 } });
    expect(redemption).toMatchObject({ amount: 2000, gift: { amount: 2000 }, order: { discount_amount: 2000, total_amount: 4000 } });
    expect(redemption.order.redemptions[redemption.id]).toMatchObject({ related_object_type: 'voucher', related_object_parent_id: campaign.id });
  });

  it('takes the tracking id from the query', async () => {
    const code = await newCode();
    const res = await api.post(`/v1/vouchers/${code}/redemption?tracking_id=track-me`, { order: { amount: 100 } });
    expect(res.body.tracking_id).toBe('track-me');
  });

  it('answers a voucher that cannot be used 400, and records the failure with the voucher', async () => {
    const code = await newCode({ active: false });
    const res = await api.post(`/v1/vouchers/${code}/redemption`, { order: { amount: 100 } });
    const error = expectError(res, 400, 'voucher_disabled', 'voucher is disabled');
    expect(error).toMatchObject({ details: code, resource_id: expect.stringMatching(/^rf_/), resource_type: 'redemption' });
    expect((await api.get(`/v1/redemptions/${error.resource_id}`)).body).toMatchObject({
      result: 'FAILURE',
      status: 'FAILED',
      related_object_type: 'voucher',
      voucher: { code },
      order: null,
    });
  });

  it.each([
    ['not active yet', { start_date: '2026-12-01T00:00:00Z' }, 'voucher_not_active', 'voucher not active'],
    ['expired', { expiration_date: '2026-11-01T00:00:00Z' }, 'voucher_expired', 'voucher expired'],
    ['outside its days of the week', { validity_day_of_week: [1, 2] }, 'voucher_not_active_now', 'voucher not active now'],
  ])('refuses a voucher %s', async (_name, overrides, key, message) => {
    const code = await newCode(overrides);
    expectError(await api.post(`/v1/vouchers/${code}/redemption`, { order: { amount: 100 } }), 400, key, message);
  });

  it('answers a gift card redeemed without an order amount with missing_order_items_amount', async () => {
    const gift = await giftCode(1000);
    const res = await api.post(`/v1/vouchers/${gift}/redemption`, {});
    expect(expectError(res, 400, 'missing_order_items_amount', 'Missing applicable order items').details).toBe(
      'At least one applicable order item with amount is required to redeem this GIFT_VOUCHER',
    );
  });

  it('answers an unknown code 404', async () => {
    const res = await api.post('/v1/vouchers/NOPE/redemption', { order: { amount: 100 } });
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe('Cannot find voucher with id NOPE');
  });
});

describe('GET /v1/redemptions and /v1/redemptions/{id}', () => {
  it('lists redemptions and rollbacks newest first, with the filters', async () => {
    const a = await newCode();
    const b = await newCode();
    const first = await redeemOne(a, { order: { amount: 100 }, customer: { source_id: 'dora' } });
    await redeemOne(b, { order: { amount: 100 } });
    await api.post('/v1/vouchers/NOPE/redemption', { order: { amount: 100 } });
    await api.post(`/v1/redemptions/${first.id}/rollback`);

    const all = (await api.get('/v1/redemptions')).body;
    expect(all).toMatchObject({ object: 'list', data_ref: 'redemptions', total: 4 });
    expect(all.redemptions.map((r: { object: string; result: string }) => `${r.object}:${r.result}`)).toEqual([
      'redemption_rollback:SUCCESS',
      'redemption:FAILURE',
      'redemption:SUCCESS',
      'redemption:SUCCESS',
    ]);
    expect((await api.get('/v1/redemptions?result=FAILURE')).body.total).toBe(1);
    expect((await api.get('/v1/redemptions?customer=dora')).body.total).toBe(2);
    expect((await api.get(`/v1/redemptions?filters[voucher_code][conditions][$is]=${b}`)).body.total).toBe(1);
    expect((await api.get('/v1/redemptions?filters[object][conditions][$is]=redemption_rollback')).body.total).toBe(1);
    expect((await api.get('/v1/redemptions?limit=1&page=2')).body.redemptions).toHaveLength(1);
    expect((await api.get('/v1/redemptions?order=created_at')).body.redemptions[0].id).toBe(first.id);
    expect((await api.get('/v1/redemptions?created_at[after]=2026-11-23T00:00:00Z')).body.total).toBe(0);
  });

  it('filters by campaign name', async () => {
    const campaign = (await api.post('/v1/campaigns', { name: 'Spring', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 } } })).body;
    const code = (await api.post(`/v1/campaigns/${campaign.id}/vouchers`, {})).body.code;
    await redeemOne(code, { order: { amount: 1000 } });
    await redeemOne(await newCode(), { order: { amount: 1000 } });
    expect((await api.get('/v1/redemptions?campaign=Spring')).body.total).toBe(1);
  });

  it('gets a redemption with its status as it is now', async () => {
    const code = await newCode();
    const redemption = await redeemOne(code, { order: { amount: 100 } });
    expect((await api.get(`/v1/redemptions/${redemption.id}`)).body).toEqual(redemption);
    const rollback = (await api.post(`/v1/redemptions/${redemption.id}/rollback`)).body;
    expect((await api.get(`/v1/redemptions/${redemption.id}`)).body).toMatchObject({
      status: 'ROLLED_BACK',
      result: 'SUCCESS',
      related_redemptions: { rollbacks: [{ id: rollback.id, date: NOW.toISOString() }] },
    });
  });

  it('answers an unknown id 404', async () => {
    const res = await api.get('/v1/redemptions/r_0000');
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe('Cannot find redemption with id r_0000');
  });
});

describe('GET /v1/vouchers/{code}/redemption', () => {
  it("lists the voucher's redemptions and rollbacks with its quantity", async () => {
    const code = await newCode({ redemption: { quantity: 5 } });
    const first = await redeemOne(code, { order: { amount: 100 } });
    await redeemOne(code, { order: { amount: 100 } });
    await api.post(`/v1/redemptions/${first.id}/rollback`);
    const answer = (await api.get(`/v1/vouchers/${code}/redemption`)).body;
    expect(answer).toMatchObject({ quantity: 5, redeemed_quantity: 1, object: 'list', data_ref: 'redemption_entries', total: 3, url: `/v1/vouchers/${code}/redemptions?page=1&limit=10` });
    expect(answer.redemption_entries.map((r: { object: string }) => r.object)).toEqual(['redemption_rollback', 'redemption', 'redemption']);
  });

  it('answers an unknown code 404', async () => {
    expectError(await api.get('/v1/vouchers/NOPE/redemption'), 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/redemptions/{id}/rollback', () => {
  it('gives back the redemption and the credits, cancels the order without its discounts, and records the rollback', async () => {
    const gift = await giftCode(5000);
    const customer = await givenCustomer(api, { source_id: 'erin' });
    const redemption = await redeemOne(gift, { order: { amount: 6000 }, customer: { id: customer.id } });
    const res = await api.post(`/v1/redemptions/${redemption.id}/rollback?reason=Wrong%20card`, { metadata: { by: 'support' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^rr_[0-9a-f]{18}$/),
      object: 'redemption_rollback',
      date: NOW.toISOString(),
      customer_id: customer.id,
      tracking_id: redemption.tracking_id,
      metadata: { by: 'support' },
      amount: -5000,
      redemption: redemption.id,
      reason: 'Wrong card',
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      related_object_type: 'voucher',
      related_object_id: redemption.voucher.id,
      voucher: { code: gift, gift: { balance: 5000 }, redemption: { redeemed_quantity: 0, redeemed_amount: 0 } },
      gift: { amount: -5000 },
      order: { status: 'CANCELED', amount: 6000, total_amount: 6000 },
    });
    expect(res.body.order).not.toHaveProperty('discount_amount');
    expect(res.body.order.redemptions[redemption.id]).toMatchObject({ rollback_id: res.body.id, rollback_date: NOW.toISOString() });
    expect((await getVoucher(gift)).gift.balance).toBe(5000);
    expect((await api.get(`/v1/orders/${redemption.order.id}`)).body).toMatchObject({ status: 'CANCELED', total_amount: 6000 });
    const summary = (await api.get(`/v1/customers/${customer.id}`)).body.summary.redemptions;
    expect(summary).toMatchObject({ total_rolled_back: 1, total_rollback_succeeded: 1, gift: { redeemed_amount: 0 } });
  });

  it("records the gift card's redemption and refund as transactions", async () => {
    const gift = await giftCode(5000);
    const redemption = await redeemOne(gift, { order: { amount: 1200, source_id: 'o-gift' } });
    const rollback = (await api.post(`/v1/redemptions/${redemption.id}/rollback`)).body;
    const { data } = (await api.get(`/v1/vouchers/${gift}/transactions`)).body;
    const balance = (amount: number, left: number) => ({ type: 'gift_voucher', total: 5000, amount, object: 'balance', balance: left, related_object: { id: redemption.voucher.id, type: 'voucher' } });
    expect(data).toEqual([
      expect.objectContaining({
        type: 'CREDITS_REFUND',
        source_id: null,
        source: null,
        reason: null,
        details: { balance: balance(1200, 5000), order: { id: redemption.order.id, source_id: 'o-gift' }, redemption: { id: redemption.id }, rollback: { id: rollback.id } },
      }),
      expect.objectContaining({
        type: 'CREDITS_REDEMPTION',
        details: { balance: balance(-1200, 3800), order: { id: redemption.order.id, source_id: 'o-gift' }, redemption: { id: redemption.id } },
      }),
    ]);
  });

  it('restores an order whose UNIT discount added free items', async () => {
    const code = await newCode({ discount: { type: 'UNIT', unit_off: 1, unit_type: 'prod_gift', effect: 'ADD_NEW_ITEMS' } });
    const redemption = await redeemOne(code, { order: { items: [{ product_id: 'prod_a', price: 1000, quantity: 1 }] } });
    expect(redemption.order.items).toHaveLength(2);
    const rollback = (await api.post(`/v1/redemptions/${redemption.id}/rollback`)).body;
    expect(rollback.order).toMatchObject({ amount: 1000, total_amount: 1000 });
    expect(rollback.order.items).toEqual([{ object: 'order_item', product_id: 'prod_a', quantity: 1, amount: 1000, price: 1000, subtotal_amount: 1000 }]);
  });

  it('refuses a second rollback, recording the refused one', async () => {
    const redemption = await redeemOne(await newCode(), { order: { amount: 100 } });
    await api.post(`/v1/redemptions/${redemption.id}/rollback`);
    const res = await api.post(`/v1/redemptions/${redemption.id}/rollback`);
    const error = expectError(res, 400, 'already_rolled_back', 'Already rolled back');
    expect(error).toMatchObject({ details: 'Redemption has been already rolled back.', resource_id: expect.stringMatching(/^rrf_/), resource_type: 'redemption_rollback' });
    const listed = (await api.get('/v1/redemptions?result=FAILURE')).body.redemptions;
    expect(listed).toEqual([expect.objectContaining({ id: error.resource_id, object: 'redemption_rollback', status: 'FAILED', failure_code: 'already_rolled_back' })]);
  });

  it("refuses a stack's parent and its child", async () => {
    const stack = await redeemStack({ redeemables: [voucher(await newCode())], order: { amount: 100 } });
    const parent = await api.post(`/v1/redemptions/${stack.parent_redemption.id}/rollback`);
    expect(expectError(parent, 400, 'invalid_redemption', 'Invalid redemption').details).toBe(
      'You can rollback only a single redemption. Use different endpoint for stacked redemption.',
    );
    const child = await api.post(`/v1/redemptions/${stack.redemptions[0].id}/rollback`);
    expect(expectError(child, 400, 'invalid_redemption_parent', 'Invalid redemption parent').details).toBe(
      'You can rollback only a redemption that does not have parent redemption.',
    );
  });

  it('refuses a failed redemption', async () => {
    const res = await api.post(`/v1/vouchers/${await newCode({ active: false })}/redemption`, {});
    const failedId = res.body.resource_id;
    expect(expectError(await api.post(`/v1/redemptions/${failedId}/rollback`), 400, 'invalid_redemption', 'Invalid redemption').details).toBe(
      'You can rollback only a successful redemption.',
    );
  });

  it("refuses a customer or an order that are not the redemption's", async () => {
    const redemption = await redeemOne(await newCode(), { order: { amount: 100, source_id: 'o-1' }, customer: { source_id: 'finn' } });
    const other = await givenCustomer(api, { source_id: 'gus' });
    const wrongCustomer = await api.post(`/v1/redemptions/${redemption.id}/rollback`, { customer: { id: other.id } });
    expect(expectError(wrongCustomer, 400, 'invalid_customer', 'Invalid customer').details).toBe('Customer is not related with redemption.');
    const unknownCustomer = await api.post(`/v1/redemptions/${redemption.id}/rollback`, { customer: { id: 'cust_nobody' } });
    expect(expectError(unknownCustomer, 404, 'not_found', 'Resource not found').details).toBe('Cannot find customer with id cust_nobody');
    await api.post('/v1/orders', { source_id: 'o-2', amount: 5 });
    const wrongOrder = await api.post(`/v1/redemptions/${redemption.id}/rollback`, { order: { source_id: 'o-2' } });
    expect(expectError(wrongOrder, 400, 'invalid_order', 'Invalid order').details).toBe('Order is not related with redemption.');
    // The right ones pass.
    const ok = await api.post(`/v1/redemptions/${redemption.id}/rollback`, { customer: { source_id: 'finn' }, order: { source_id: 'o-1' } });
    expect(ok.status).toBe(200);
  });

  it('answers an unknown redemption 404', async () => {
    expectError(await api.post('/v1/redemptions/r_nope/rollback'), 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/redemptions/{parentId}/rollbacks', () => {
  it('rolls back every child and the parent, and cancels the order', async () => {
    const percent = await newCode({ discount: { type: 'PERCENT', percent_off: 10 }, redemption: { quantity: 1 } });
    const gift = await giftCode(2000);
    const stack = await redeemStack({ redeemables: [voucher(percent), voucher(gift)], order: { amount: 10000 }, customer: { source_id: 'hana' } });
    const res = await api.post(`/v1/redemptions/${stack.parent_redemption.id}/rollbacks?reason=cancelled`);
    expect(res.status).toBe(200);
    const { rollbacks, parent_rollback: parent, order } = res.body;
    expect(rollbacks.map((r: { redemption: string }) => r.redemption)).toEqual(stack.redemptions.map((r: { id: string }) => r.id));
    expect(rollbacks[1]).toMatchObject({ amount: -2000, gift: { amount: -2000 }, reason: 'cancelled' });
    expect(parent).toMatchObject({ object: 'redemption_rollback', redemption: stack.parent_redemption.id, related_object_type: 'redemption', result: 'SUCCESS' });
    expect(order).toMatchObject({ status: 'CANCELED', amount: 10000, total_amount: 10000 });
    expect(order.redemptions[stack.parent_redemption.id]).toMatchObject({
      rollback_id: parent.id,
      rollback_stacked: rollbacks.map((r: { id: string }) => r.id),
    });
    // Spent again after the rollback: the quantity of 1 is free.
    expect((await getVoucher(percent)).redemption.redeemed_quantity).toBe(0);
    expect((await getVoucher(gift)).gift.balance).toBe(2000);
    for (const child of stack.redemptions) expect((await api.get(`/v1/redemptions/${child.id}`)).body.status).toBe('ROLLED_BACK');
    expect((await api.get(`/v1/redemptions/${stack.parent_redemption.id}`)).body.status).toBe('ROLLED_BACK');
    await redeemStack({ redeemables: [voucher(percent)], order: { amount: 100 } });
  });

  it('refuses a second rollback, a child and a single redemption', async () => {
    const stack = await redeemStack({ redeemables: [voucher(await newCode())], order: { amount: 100 } });
    await api.post(`/v1/redemptions/${stack.parent_redemption.id}/rollbacks`);
    expectError(await api.post(`/v1/redemptions/${stack.parent_redemption.id}/rollbacks`), 400, 'already_rolled_back', 'Already rolled back');
    expectError(await api.post(`/v1/redemptions/${stack.redemptions[0].id}/rollbacks`), 400, 'invalid_redemption_parent', 'Invalid redemption parent');
    const single = await redeemOne(await newCode(), { order: { amount: 100 } });
    const res = await api.post(`/v1/redemptions/${single.id}/rollbacks`);
    expect(expectError(res, 400, 'invalid_redemption', 'Invalid redemption').details).toBe(
      'You can rollback only a stacked redemption. Use different endpoint for single redemption.',
    );
  });
});

describe('validation sessions (LOCK)', () => {
  it('holds the last redemption of a voucher for the session; others are refused until it is released', async () => {
    const code = await newCode({ redemption: { quantity: 1 } });
    const validation = await api.post('/v1/validations', { redeemables: [voucher(code)], order: { amount: 100 }, session: { type: 'LOCK', key: 'ssn-1' } });
    expect(validation.body.session).toEqual({ key: 'ssn-1', type: 'LOCK', ttl: 7, ttl_unit: 'DAYS' });
    const other = await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 100 } });
    expectError(other, 400, 'quantity_exceeded', 'quantity exceeded');
    expect((await api.delete(`/v1/vouchers/${code}/sessions/ssn-1`)).status).toBe(204);
    await redeemStack({ redeemables: [voucher(code)], order: { amount: 100 } });
  });

  it('lets the session that holds a voucher redeem it, and the hold ends', async () => {
    const code = await newCode({ redemption: { quantity: 1 } });
    await api.post(`/v1/vouchers/${code}/validate`, { order: { amount: 100 }, session: { type: 'LOCK', key: 'ssn-2' } });
    const redemption = await redeemStack({ redeemables: [voucher(code)], order: { amount: 100 }, session: { key: 'ssn-2' } });
    expect(redemption.redemptions[0].session).toEqual({ key: 'ssn-2' });
    expectError(await api.delete(`/v1/vouchers/${code}/sessions/ssn-2`), 404, 'not_found', 'Resource not found');
  });

  it("holds a gift card's credits", async () => {
    const gift = await giftCode(1000);
    await api.post('/v1/validations', { redeemables: [voucher(gift, { gift: { credits: 800 } })], order: { amount: 5000 }, session: { type: 'LOCK', key: 'ssn-3' } });
    const res = await api.post('/v1/redemptions', { redeemables: [voucher(gift, { gift: { credits: 500 } })], order: { amount: 5000 } });
    expectError(res, 400, 'gift_amount_exceeded', 'gift amount exceeded');
    const rest = await redeemStack({ redeemables: [voucher(gift)], order: { amount: 5000 } });
    expect(rest.redemptions[0].amount).toBe(200);
  });

  it('ends when its ttl runs out, by the clock', async () => {
    const code = await newCode({ redemption: { quantity: 1 } });
    await api.post('/v1/validations', { redeemables: [voucher(code)], order: { amount: 100 }, session: { type: 'LOCK', key: 'ssn-4', ttl: 30, ttl_unit: 'MINUTES' } });
    now = new Date(NOW.getTime() + 29 * 60_000);
    expectError(await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 100 } }), 400, 'quantity_exceeded', 'quantity exceeded');
    now = new Date(NOW.getTime() + 31 * 60_000);
    await redeemStack({ redeemables: [voucher(code)], order: { amount: 100 } });
  });

  it('gives a session without a key a new one', async () => {
    const code = await newCode();
    const res = await api.post(`/v1/vouchers/${code}/validate`, { order: { amount: 100 }, session: { type: 'LOCK' } });
    expect(res.body.session).toEqual({ key: expect.stringMatching(/^ssn_[0-9A-Za-z]{32}$/), type: 'LOCK', ttl: 7, ttl_unit: 'DAYS' });
  });

  it('answers an unknown voucher or session 404', async () => {
    const code = await newCode();
    const voucherMissing = await api.delete('/v1/vouchers/NOPE/sessions/ssn-1');
    expect(expectError(voucherMissing, 404, 'not_found', 'Resource not found').details).toBe('Cannot find voucher with id NOPE');
    const sessionMissing = await api.delete(`/v1/vouchers/${code}/sessions/ssn-x`);
    expect(expectError(sessionMissing, 404, 'not_found', 'Resource not found')).toMatchObject({ details: 'Cannot find session with id ssn-x', resource_type: 'session' });
  });
});
