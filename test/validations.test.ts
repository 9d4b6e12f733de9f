// Validations: redeemables checked against an order, stacked or one voucher, with the discounts to the cent.

import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenLoyaltyCard, givenReferralCode, givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

/** A cart of 20.00 × 2 and 7.00. */
const cart = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };
const voucher = (id: string, extra: Record<string, unknown> = {}) => ({ object: 'voucher', id, ...extra });
/** A new voucher's code (see givenVoucher). */
const newCode = async (overrides: Record<string, unknown> = {}) => (await givenVoucher(api, overrides)).code as string;

async function validate(body: Record<string, unknown>) {
  const res = await api.post('/v1/validations', body);
  expect(res.status).toBe(200);
  return res.body;
}

/** Each redeemable's status, and its error key or skip reason. */
const statuses = (answer: { redeemables: { status: string; id: string; result: { error?: { key: string }; details?: { key: string } } }[] }) =>
  answer.redeemables.map((r) => [r.id, r.status, r.result.error?.key ?? (r.status === 'SKIPPED' ? r.result.details?.key : undefined)]);

describe('POST /v1/validations', () => {
  it('applies one voucher to the order and answers its totals', async () => {
    const code = await newCode({ discount: { type: 'PERCENT', percent_off: 10 } });
    const answer = await validate({ redeemables: [voucher(code)], order: cart });
    expect(answer).toMatchObject({
      id: expect.stringMatching(/^valid_[0-9a-f]{18}$/),
      valid: true,
      order: { amount: 4700, discount_amount: 470, total_discount_amount: 470, total_amount: 4230, applied_discount_amount: 470, object: 'order' },
      stacking_rules: { redeemables_limit: 30, applicable_redeemables_limit: 30, redeemables_application_mode: 'ALL', redeemables_sorting_rule: 'REQUESTED_ORDER' },
      tracking_id: expect.stringMatching(/^track_/),
    });
    expect(answer.redeemables).toEqual([
      expect.objectContaining({ status: 'APPLICABLE', id: code, object: 'voucher', result: { discount: { type: 'PERCENT', percent_off: 10 } } }),
    ]);
    expect(answer).not.toHaveProperty('inapplicable_redeemables');
  });

  it('stacks redeemables in the requested order, each on what the ones before left', async () => {
    const items = await newCode({ discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS' } });
    const gift = await newCode({ type: 'GIFT_VOUCHER', gift: { amount: 5000 } });
    const percent = await newCode({ discount: { type: 'PERCENT', percent_off: 40, effect: 'APPLY_TO_ORDER' } });
    const answer = await validate({
      redeemables: [voucher(items), voucher(gift, { gift: { credits: 100 } }), voucher(percent)],
      order: { items: [{ product_id: 'prod_watch', price: 2000 }, { product_id: 'prod_roses', price: 700 }] },
    });
    expect(answer.valid).toBe(true);
    const totals = answer.redeemables.map((r: { order: Record<string, number> }) => [r.order.total_amount, r.order.total_applied_discount_amount]);
    expect(totals).toEqual([
      [1000, 1700],
      [900, 100],
      [540, 360],
    ]);
    expect(answer.redeemables[1].result).toEqual({ gift: { credits: 100 } });
    expect(answer.order).toMatchObject({
      amount: 2700,
      discount_amount: 460,
      items_discount_amount: 1700,
      total_discount_amount: 2160,
      total_amount: 540,
      applied_discount_amount: 460,
      items_applied_discount_amount: 1700,
      total_applied_discount_amount: 2160,
    });
  });

  it('makes the answer invalid at the first redeemable that cannot be used, and skips the rest', async () => {
    const code = await newCode();
    const answer = await validate({ redeemables: [voucher(code), voucher('NO-SUCH-CODE'), voucher(code.replace('GIVEN', 'OTHER'))], order: cart });
    expect(answer.valid).toBe(false);
    expect(answer).not.toHaveProperty('order');
    expect(statuses(answer)).toEqual([
      [code, 'APPLICABLE', undefined],
      ['NO-SUCH-CODE', 'INAPPLICABLE', 'not_found'],
      [code.replace('GIVEN', 'OTHER'), 'SKIPPED', 'preceding_validation_failed'],
    ]);
    expect(answer.redeemables[1].result.error).toMatchObject({
      code: 404,
      message: 'Resource not found',
      details: 'Cannot find voucher with id NO-SUCH-CODE',
      resource_id: 'NO-SUCH-CODE',
      resource_type: 'voucher',
      request_id: expect.stringMatching(/^v-/),
    });
    expect(answer.redeemables[2].result.details).toEqual({ key: 'preceding_validation_failed', message: 'Redeemable cannot be applied due to preceding validation failure' });
    expect(answer.inapplicable_redeemables).toHaveLength(1);
    expect(answer.skipped_redeemables).toHaveLength(1);
  });

  describe('refuses a voucher that cannot be used now', () => {
    const refused = async (redeemable: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const answer = await validate({ redeemables: [redeemable], order: cart, ...extra });
      expect(answer.valid).toBe(false);
      return answer.redeemables[0].result.error;
    };

    it.each<[string, Record<string, unknown>, string, string]>([
      ['disabled', { active: false }, 'voucher_disabled', 'voucher is disabled'],
      ['not active yet', { start_date: '2027-01-01T00:00:00Z' }, 'voucher_not_active', 'voucher not active'],
      ['expired', { expiration_date: '2026-01-01T00:00:00Z' }, 'voucher_expired', 'voucher expired'],
      // The tests' clock stands on Sunday 2026-11-22, 12:00 UTC.
      ['outside its days of the week', { validity_day_of_week: [1, 2, 3] }, 'voucher_not_active_now', 'voucher not active now'],
      ['outside its hours', { validity_hours: { daily: [{ start_time: '08:00', expiration_time: '10:00', days_of_week: [0] }] } }, 'voucher_not_active_now', 'voucher not active now'],
    ])('%s', async (_name, fields, key, message) => {
      const code = await newCode(fields);
      expect(await refused(voucher(code))).toMatchObject({ code: 400, key, message, details: code });
    });

    it('a gift card asked for more credits than its balance, or with no order to pay', async () => {
      const code = await newCode({ type: 'GIFT_VOUCHER', gift: { amount: 500 } });
      expect(await refused(voucher(code, { gift: { credits: 600 } }))).toMatchObject({ code: 400, key: 'gift_amount_exceeded', message: 'gift amount exceeded', details: code });
      const answer = await validate({ redeemables: [voucher(code)] });
      expect(answer.redeemables[0].result.error).toMatchObject({
        code: 400,
        key: 'missing_order_items_amount',
        message: 'Missing applicable order items',
        details: 'At least one applicable order item with amount is required to redeem this GIFT_VOUCHER',
      });
    });

    it('a referral code used by its own referrer', async () => {
      const { code, referrer } = await givenReferralCode(api);
      const error = await refused(voucher(code.code as string), { customer: { id: referrer.id } });
      expect(error).toMatchObject({ code: 400, key: 'referrer_not_permitted_to_redeem', message: 'voucher cannot be redeemed by referrer', details: code.code });
    });

    it('a referral code without a customer (a customer the tenant does not have yet is enough)', async () => {
      const { code } = await givenReferralCode(api);
      expect(await refused(voucher(code.code as string))).toMatchObject({
        code: 400,
        key: 'missing_customer',
        message: 'Missing customer',
        details: 'A customer is required to redeem a referral code',
      });
      const answer = await validate({ redeemables: [voucher(code.code as string)], customer: { source_id: 'someone-new' }, order: { amount: 1000 } });
      expect(answer.valid).toBe(true);
    });

    it('a loyalty card without a reward, with one the mock does not know, or in the hands of another customer', async () => {
      const { card, customer } = await givenLoyaltyCard(api);
      const other = await givenCustomer(api);
      const holder = { customer: { id: customer.id } };
      expect(await refused(voucher(card.code as string), holder)).toMatchObject({ code: 400, key: 'missing_reward', message: 'Missing reward', details: 'A reward is required when redeeming a LOYALTY_CARD' });
      expect(await refused(voucher(card.code as string, { reward: { id: 'rew_unknown' } }), holder)).toMatchObject({
        code: 404,
        key: 'not_found',
        message: 'Resource not found',
        resource_type: 'reward',
      });
      // More points than the card has (givenLoyaltyCard's card starts with none).
      expect(await refused(voucher(card.code as string, { reward: { id: 'rew_x', points: 10 } }), holder)).toMatchObject({
        code: 400,
        key: 'loyalty_card_points_exceeded',
        message: 'loyalty card points exceeded',
        details: card.code,
      });
      expect(await refused(voucher(card.code as string, { reward: { id: 'rew_x' } }), { customer: { id: other.id } })).toMatchObject({
        code: 400,
        key: 'invalid_customer',
        message: 'Customer must be a holder of a loyalty card.',
        details: card.code,
      });
    });

    it('a promotion tier, which the mock does not keep yet', async () => {
      expect(await refused({ object: 'promotion_tier', id: 'promo_x' })).toMatchObject({
        code: 404,
        key: 'not_found',
        message: 'Resource not found',
        details: 'Cannot find promotion_tier with id promo_x',
      });
    });
  });

  it('answers 400 duplicated_redeemables for the same redeemable twice', async () => {
    const code = await newCode();
    const body = expectError(await api.post('/v1/validations', { redeemables: [voucher(code), voucher(code)] }), 400, 'duplicated_redeemables', 'Duplicated redeemables detected');
    expect(body.details).toBe('Duplicated redeemables detected in one redemption');
  });

  it('refuses more than 30 redeemables, and none', async () => {
    const many = Array.from({ length: 31 }, (_, i) => voucher(`CODE-${i}`));
    expect(expectError(await api.post('/v1/validations', { redeemables: many }), 400, 'invalid_payload', 'Invalid payload').details).toBe(
      'Property .redeemables should NOT have more than 30 items',
    );
    expectError(await api.post('/v1/validations', { redeemables: [] }), 400, 'invalid_payload', 'Invalid payload');
  });

  // Voucherify's 'Invalid payload' example: a redeemable without its id, worded the older way.
  it("answers 400 invalid_payload, Property .redeemables[1] should have required property 'id', for a redeemable without id", async () => {
    const code = await newCode();
    const body = expectError(await api.post('/v1/validations', { redeemables: [voucher(code), { object: 'voucher' }] }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Property .redeemables[1] should have required property 'id'");
  });

  it("works on a stored order's items when the order names one, and answers 404 for an unknown order id", async () => {
    const order = (await api.post('/v1/orders', { source_id: 'cart-9', items: [{ product_id: 'p', price: 3000 }] })).body;
    const code = await newCode();
    const answer = await validate({ redeemables: [voucher(code)], order: { source_id: 'cart-9' } });
    expect(answer.order).toMatchObject({ id: order.id, source_id: 'cart-9', amount: 3000, total_amount: 2000, status: 'CREATED' });
    const missing = expectError(await api.post('/v1/validations', { redeemables: [voucher(code)], order: { id: 'ord_missing' } }), 404, 'not_found', 'Resource not found');
    expect(missing.details).toBe('Cannot find order with id ord_missing');
  });

  it("names the customer, uses the customer's source_id as the tracking id, and writes nothing", async () => {
    const customer = await givenCustomer(api);
    const code = await newCode({ redemption: { quantity: 1 } });
    const answer = await validate({ redeemables: [voucher(code)], order: cart, customer: { source_id: customer.source_id }, session: { type: 'LOCK' } });
    expect(answer).toMatchObject({ tracking_id: customer.source_id, order: { customer_id: customer.id }, session: { key: expect.stringMatching(/^ssn_/), type: 'LOCK', ttl: 7, ttl_unit: 'DAYS' } });
    await validate({ redeemables: [voucher(code)], order: cart, customer: { source_id: 'nobody-yet' } });
    expect((await api.get('/v1/customers/nobody-yet')).status).toBe(404);
    expect((await api.get(`/v1/vouchers/${code}`)).body.redemption.redeemed_quantity).toBe(0);
  });
});

describe('POST /v1/vouchers/{code}/validate', () => {
  it('answers a valid discount with the order it makes', async () => {
    const { code, campaign } = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 1500 } });
    const res = await api.post(`/v1/vouchers/${code}/validate`, { order: { amount: 10000 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      valid: true,
      code,
      discount: { type: 'AMOUNT', amount_off: 1500 },
      order: { amount: 10000, discount_amount: 1500, total_amount: 8500, applied_discount_amount: 1500 },
      applicable_to: { object: 'list', total: 0 },
      campaign,
    });
  });

  it("answers a gift card's credits and balance", async () => {
    const code = await newCode({ type: 'GIFT_VOUCHER', gift: { amount: 32000, effect: 'APPLY_TO_ORDER' } });
    const res = await api.post(`/v1/vouchers/${code}/validate`, { gift: { credits: 2 }, order: { amount: 1000, metadata: { currency: 'USD' } } });
    expect(res.body).toMatchObject({
      valid: true,
      gift: { amount: 32000, balance: 32000, effect: 'APPLY_TO_ORDER' },
      order: { amount: 1000, discount_amount: 2, total_amount: 998, metadata: { currency: 'USD' } },
    });
    expect(res.body.order).not.toHaveProperty('items');
  });

  it('answers 200 valid false with the reason and the error', async () => {
    const code = await newCode({ active: false, metadata: { note: 'paused' } });
    const res = await api.post(`/v1/vouchers/${code}/validate`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: false,
      reason: 'voucher is disabled',
      error: { code: 400, key: 'voucher_disabled', message: 'voucher is disabled', details: code, request_id: expect.stringMatching(/^v-/) },
      tracking_id: expect.stringMatching(/^track_/),
      code,
      metadata: { note: 'paused' },
    });
  });

  it('answers an unknown code as valid false with a 404 error', async () => {
    const res = await api.post('/v1/vouchers/NOPE-1/validate', {});
    expect(res.body).toMatchObject({
      valid: false,
      reason: 'Resource not found',
      error: { code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find voucher with id NOPE-1' },
    });
  });
});
