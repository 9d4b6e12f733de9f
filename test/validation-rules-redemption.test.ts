// Validation rules on the redemption (`redemption.*` names): the request's metadata, the gift
// credits it uses, and the tenant's redemption history (in all, per customer, this day / week /
// month), in single and stacked validations, redemptions and qualifications; the names the mock
// cannot evaluate refused when the rule is made.

import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'redemption-rules');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const createRule = (rules: Json, extra: Json = {}) => ok(api.post('/v1/validation-rules', { name: `Rule ${Math.random()}`, rules, ...extra }));
const oneRule = (name: string, conditions: Json, property?: string) => ({ '1': { name, ...(property ? { property } : {}), conditions }, logic: '1' });

/** A voucher (1000 off) with the rule assigned to it; answers its code and the rule. */
async function givenRuledVoucher(rules: Json, voucher: Json = {}) {
  const created = await givenVoucher(api, voucher);
  const rule = await createRule(rules);
  await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'voucher', related_object_id: created.id }));
  return { code: created.code as string, voucher: created, rule };
}

const order = { amount: 5000 };
const redeem = (code: string, body: Json = {}) => api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }], order, ...body });

describe('creating rules on the redemption', () => {
  it('keeps every redemption rule name the mock evaluates', async () => {
    const names = [
      'redemption.gift.amount',
      'redemption.reward.pay_with_points.points_used',
      'redemption.count.daily',
      'redemption.count.weekly',
      'redemption.count.monthly',
      'redemption.count.per_customer',
      'redemption.count.per_customer.daily',
      'redemption.count.per_customer.weekly',
      'redemption.count.per_customer.monthly',
    ];
    const rules: Json = { '1': { name: 'redemption.metadata', property: 'location_id', conditions: { $in: ['L2'] } } };
    names.forEach((name, i) => (rules[String(i + 2)] = { name, conditions: { $less_than_or_equal: [3] } }));
    rules.logic = Object.keys(rules).join(' and ');
    const rule = await createRule(rules);
    expect(rule.rules['1']).toEqual({ name: 'redemption.metadata', property: 'location_id', conditions: { $in: ['L2'] }, rules: {} });
    expect(names.map((_, i) => rule.rules[String(i + 2)].name)).toEqual(names);
  });

  it.each(['redemption.api_key', 'redemption.count.per_api_key', 'redemption.user.login', 'redemption.count.per_user'])(
    'refuses %s, which needs API keys or users the mock does not have',
    async (name) => {
      const res = await api.post('/v1/validation-rules', { name: 'x', rules: oneRule(name, { $is: ['a'] }) });
      const body = expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition');
      expect(body.details).toMatch(new RegExp(`^Rule '${name.replace(/\./g, '\\.')}' \\(rule '1'\\) is not one mock-voucherify evaluates`));
    },
  );

  it('refuses redemption.metadata without a property', async () => {
    const res = await api.post('/v1/validation-rules', { name: 'x', rules: oneRule('redemption.metadata', { $is: ['a'] }) });
    expect(expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition').details).toBe("Rule 'redemption.metadata' must have a 'property'");
  });
});

describe('redemption.metadata', () => {
  const location = () => oneRule('redemption.metadata', { $is: ['L2'] }, 'location_id');

  it('POST /v1/vouchers/{code}/validate: valid with the metadata the rule wants, else redemption_rules_violated', async () => {
    const { code, rule } = await givenRuledVoucher(location());
    expect((await ok(api.post(`/v1/vouchers/${code}/validate`, { order, metadata: { location_id: 'L2' } }))).valid).toBe(true);
    const refused = await ok(api.post(`/v1/vouchers/${code}/validate`, { order, metadata: { location_id: 'L1' } }));
    expect(refused).toMatchObject({ valid: false, reason: 'redemption does not match validation rules', code });
    expect(refused.error).toEqual({
      code: 400,
      key: 'redemption_rules_violated',
      message: 'redemption does not match validation rules',
      details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`,
      request_id: expect.stringMatching(/^v-/),
    });
    // No metadata at all: the value is missing, the rule does not hold.
    expect((await ok(api.post(`/v1/vouchers/${code}/validate`, { order }))).error.key).toBe('redemption_rules_violated');
  });

  it("the order's metadata is not the redemption's", async () => {
    const { code } = await givenRuledVoucher(location());
    const answer = await ok(api.post(`/v1/vouchers/${code}/validate`, { order: { ...order, metadata: { location_id: 'L2' } } }));
    expect(answer.error.key).toBe('redemption_rules_violated');
  });

  it('POST /v1/validations: the voucher INAPPLICABLE with the error', async () => {
    const { code, rule } = await givenRuledVoucher(location());
    const answer = await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: code }], order, metadata: { location_id: 'L3' } }));
    expect(answer.valid).toBe(false);
    expect(answer.redeemables[0]).toMatchObject({
      status: 'INAPPLICABLE',
      result: {
        error: { code: 400, key: 'redemption_rules_violated', message: 'redemption does not match validation rules', details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}` },
        details: { key: 'redemption_rules_violated', message: 'redemption does not match validation rules' },
      },
    });
  });

  it("POST /v1/redemptions: 400 redemption_rules_violated, recorded as a failed redemption, the voucher untouched; the rule's own message when it has one", async () => {
    const created = await givenVoucher(api);
    const code = created.code as string;
    const rule = await createRule(location(), { error: { message: 'Only in the second shop.' } });
    await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'voucher', related_object_id: created.id }));
    const res = await redeem(code, { metadata: { location_id: 'L1' } });
    const body = expectError(res, 400, 'redemption_rules_violated', 'Only in the second shop.');
    expect(body).toMatchObject({ details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`, resource_type: 'redemption' });
    expect(await ok(api.get(`/v1/redemptions/${body.resource_id}`))).toMatchObject({ result: 'FAILURE', failure_code: 'redemption_rules_violated' });
    expect((await ok(api.get(`/v1/vouchers/${code}`))).redemption.redeemed_quantity).toBe(0);
    expect((await ok(redeem(code, { metadata: { location_id: 'L2' } }))).redemptions[0].result).toBe('SUCCESS');
  });

  it('POST /v1/vouchers/{code}/redemption reads the request metadata too', async () => {
    const { code } = await givenRuledVoucher(location());
    expectError(await api.post(`/v1/vouchers/${code}/redemption`, { order, metadata: { location_id: 'L1' } }), 400, 'redemption_rules_violated', 'redemption does not match validation rules');
    expect((await ok(api.post(`/v1/vouchers/${code}/redemption`, { order, metadata: { location_id: 'L2' } }))).result).toBe('SUCCESS');
  });

  it('POST /v1/qualifications: the voucher qualifies with the metadata only; AUDIENCE_ONLY does not hold it against it', async () => {
    const { code } = await givenRuledVoucher(location());
    const codes = async (body: Json) => (await ok(api.post('/v1/qualifications', { order, options: { limit: 50 }, ...body }))).redeemables.data.map((r: Json) => r.id);
    expect(await codes({ metadata: { location_id: 'L2' } })).toContain(code);
    expect(await codes({ metadata: { location_id: 'L1' } })).not.toContain(code);
    expect(await codes({ scenario: 'AUDIENCE_ONLY', metadata: { location_id: 'L1' } })).toContain(code);
  });
});

describe('the order of the refusals', () => {
  it("the first condition the rule's logic finds failing names the key: customer, order or redemption", async () => {
    const customer = await givenCustomer(api, { metadata: { tier: 'gold' } });
    const { code } = await givenRuledVoucher({
      '1': { name: 'customer.metadata', property: 'tier', conditions: { $is: ['gold'] } },
      '2': { name: 'order.amount', conditions: { $more_than: [1000] } },
      '3': { name: 'redemption.metadata', property: 'channel', conditions: { $is: ['web'] } },
      logic: '1 and 2 and 3',
    });
    const keyOf = async (body: Json) => (await ok(api.post(`/v1/vouchers/${code}/validate`, body))).error?.key;
    expect(await keyOf({ customer: { id: customer.id }, order: { amount: 500 }, metadata: { channel: 'shop' } })).toBe('order_rules_violated');
    expect(await keyOf({ customer: { source_id: 'nobody' }, order: { amount: 500 }, metadata: { channel: 'shop' } })).toBe('customer_rules_violated');
    expect(await keyOf({ customer: { id: customer.id }, order: { amount: 5000 }, metadata: { channel: 'shop' } })).toBe('redemption_rules_violated');
    expect(await keyOf({ customer: { id: customer.id }, order: { amount: 5000 }, metadata: { channel: 'web' } })).toBeUndefined();
  });
});

describe('redemption counts', () => {
  it('redemption.count.per_customer: each customer as often as the rule allows; a rolled-back redemption does not count', async () => {
    const { code, rule } = await givenRuledVoucher(oneRule('redemption.count.per_customer', { $less_than_or_equal: [1] }), { redemption: { quantity: null } });
    const first = await ok(redeem(code, { customer: { source_id: 'ann' } }));
    const res = await redeem(code, { customer: { source_id: 'ann' } });
    expect(expectError(res, 400, 'redemption_rules_violated', 'redemption does not match validation rules').details).toBe(
      `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`,
    );
    await ok(redeem(code, { customer: { source_id: 'bob' } }));
    await ok(api.post(`/v1/redemptions/${first.parent_redemption.id}/rollbacks`));
    await ok(redeem(code, { customer: { source_id: 'ann' } }));
  });

  it('redemption.count.daily: the day’s redemptions of the voucher, whoever redeems; the next day counts anew', async () => {
    const { code } = await givenRuledVoucher(oneRule('redemption.count.daily', { $less_than_or_equal: [2] }), { redemption: { quantity: null } });
    await ok(redeem(code, { customer: { source_id: 'ann' } }));
    await ok(redeem(code, { customer: { source_id: 'bob' } }));
    expectError(await redeem(code, { customer: { source_id: 'cid' } }), 400, 'redemption_rules_violated', 'redemption does not match validation rules');
    await ok(api.post('/_mock/clock', { advance: 'P1D' }));
    await ok(redeem(code, { customer: { source_id: 'cid' } }));
  });

  it('redemption.count.per_customer.monthly: the customer’s redemptions of this month (UTC)', async () => {
    const { code } = await givenRuledVoucher(oneRule('redemption.count.per_customer.monthly', { $less_than: [2] }), { redemption: { quantity: null } });
    await ok(redeem(code, { customer: { source_id: 'ann' } }));
    const validation = await ok(api.post(`/v1/vouchers/${code}/validate`, { customer: { source_id: 'ann' }, order }));
    expect(validation.error.key).toBe('redemption_rules_violated');
    // 22 November + 9 days: December, a month of its own.
    await ok(api.post('/_mock/clock', { advance: 'P9D' }));
    expect((await ok(api.post(`/v1/vouchers/${code}/validate`, { customer: { source_id: 'ann' }, order }))).valid).toBe(true);
  });

  it('redemption.count.weekly: from Monday, UTC', async () => {
    const { code } = await givenRuledVoucher(oneRule('redemption.count.weekly', { $less_than_or_equal: [1] }), { redemption: { quantity: null } });
    // The tests' now is Sunday 22 November 2026, noon.
    await ok(redeem(code));
    expectError(await redeem(code), 400, 'redemption_rules_violated', 'redemption does not match validation rules');
    await ok(api.post('/_mock/clock', { advance: 'PT12H' }));
    await ok(redeem(code));
  });
});

describe('redemption.gift.amount', () => {
  it('the credits the request asks for, else those the card would pay', async () => {
    const { code, rule } = await givenRuledVoucher(oneRule('redemption.gift.amount', { $less_than_or_equal: [1000] }), {
      type: 'GIFT_VOUCHER',
      gift: { amount: 10000, effect: 'APPLY_TO_ORDER' },
    });
    expect((await ok(api.post(`/v1/vouchers/${code}/validate`, { order, gift: { credits: 1000 } }))).valid).toBe(true);
    const refused = await ok(api.post(`/v1/vouchers/${code}/validate`, { order, gift: { credits: 1500 } }));
    expect(refused.error).toMatchObject({ key: 'redemption_rules_violated', details: `Gift Card cannot be redeemed because of violated validation rules: ${rule.id}` });
    // No credits named: the card would pay the order's 5000.
    expect((await ok(api.post(`/v1/vouchers/${code}/validate`, { order }))).error.key).toBe('redemption_rules_violated');
    expect((await ok(api.post(`/v1/vouchers/${code}/validate`, { order: { amount: 800 } }))).valid).toBe(true);
  });
});

describe("the campaign's redemptions and orders (campaign.*)", () => {
  /** A DISCOUNT_COUPONS campaign of `count` codes (1000 off) with the rule assigned to the campaign; answers its codes and the rule. */
  async function givenRuledCampaign(rules: Json, count = 3) {
    const campaign = await ok(
      api.post('/v1/campaigns', {
        name: `Limited ${Math.random()}`,
        type: 'STATIC',
        campaign_type: 'DISCOUNT_COUPONS',
        vouchers_count: count,
        voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } },
      }),
    );
    const rule = await createRule(rules);
    await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'campaign', related_object_id: campaign.id }));
    const codes = (await ok(api.get(`/v1/vouchers?campaign_id=${campaign.id}`))).vouchers.map((v: Json) => v.code as string);
    return { codes, rule };
  }

  it('campaign.redemptions.count: two redemptions of the campaign, then the third code is refused (redemption_rules_violated)', async () => {
    const { codes, rule } = await givenRuledCampaign(oneRule('campaign.redemptions.count', { $less_than_or_equal: [2] }));
    await ok(redeem(codes[0]));
    await ok(redeem(codes[1]));
    const body = expectError(await redeem(codes[2]), 400, 'redemption_rules_violated', 'redemption does not match validation rules');
    expect(body.details).toBe(`Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`);
  });

  it('campaign.redemptions.customers_count: counts each customer once', async () => {
    const { codes } = await givenRuledCampaign(oneRule('campaign.redemptions.customers_count', { $less_than_or_equal: [1] }));
    const ann = await givenCustomer(api);
    const bob = await givenCustomer(api);
    await ok(redeem(codes[0], { customer: { id: ann.id } }));
    await ok(redeem(codes[1], { customer: { id: ann.id } }));
    expectError(await redeem(codes[2], { customer: { id: bob.id } }), 400, 'redemption_rules_violated', 'redemption does not match validation rules');
  });

  it("campaign.orders.amount: the campaign's orders, this one included, stay under the limit", async () => {
    const { codes } = await givenRuledCampaign(oneRule('campaign.orders.amount', { $less_than_or_equal: [12000] }));
    await ok(redeem(codes[0]));
    const res = await redeem(codes[1], { order: { amount: 7001 } });
    expectError(res, 400, 'redemption_rules_violated', 'redemption does not match validation rules');
    await ok(redeem(codes[1], { order: { amount: 7000 } }));
  });
});
