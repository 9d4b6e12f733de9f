// Promotion tiers in the checkout: stacked with vouchers in POST /v1/validations and
// POST /v1/redemptions (totals to the cent), a stack read as its tiers, and a tier's refusals.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'promotions-checkout');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(status);
  return res.body;
}

/** A cart of 20.00 × 2 and 7.00: 47.00. */
const cart = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };
const tierRef = (id: string) => ({ object: 'promotion_tier', id });

/** A PROMOTION campaign with a 10% tier and a 5.00 tier; answers the campaign and the two tier ids. */
async function givenPromotion(extra: Json = {}) {
  const campaign = await ok(
    api.post('/v1/campaigns', {
      name: 'Spring',
      campaign_type: 'PROMOTION',
      promotion: {
        tiers: [
          { name: 'Ten percent', action: { discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } } },
          { name: 'Five off', action: { discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } },
        ],
      },
      ...extra,
    }),
  );
  const [percent, amount] = campaign.promotion.tiers.map((t: Json) => t.id as string);
  return { campaign, percent, amount };
}

describe('promotion tiers in POST /v1/validations', () => {
  it('stacks a tier after a voucher: each on what the ones before left', async () => {
    const { percent } = await givenPromotion();
    const code = (await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } })).code as string;
    const answer = await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: code }, tierRef(percent)], order: cart }));
    // 47.00 − 10.00 = 37.00; 10% of 37.00 = 3.70: 33.30.
    expect(answer).toMatchObject({ valid: true, order: { amount: 4700, discount_amount: 1370, total_discount_amount: 1370, total_amount: 3330 } });
    expect(answer.redeemables[1]).toMatchObject({
      status: 'APPLICABLE',
      id: percent,
      object: 'promotion_tier',
      result: { discount: { type: 'PERCENT', percent_off: 10 } },
      order: { total_amount: 3330, applied_discount_amount: 370 },
    });
  });

  it('stacks a tier before a voucher, in the requested order', async () => {
    const { percent, amount } = await givenPromotion();
    const code = (await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } })).code as string;
    const answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(percent), { object: 'voucher', id: code }, tierRef(amount)], order: cart }));
    // 10% of 47.00 = 4.70; then 10.00; then 5.00: 47.00 − 19.70 = 27.30.
    expect(answer.order).toMatchObject({ discount_amount: 1970, total_amount: 2730 });
  });

  it("answers a tier's refusals in Voucherify's words", async () => {
    const { campaign, percent, amount } = await givenPromotion();
    await ok(api.post(`/v1/promotions/tiers/${percent}/disable`));
    let answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(percent), tierRef(amount)], order: cart }));
    expect(answer.valid).toBe(false);
    expect(answer.redeemables[0]).toMatchObject({
      status: 'INAPPLICABLE',
      result: { error: { code: 400, key: 'promotion_inactive', message: 'Inactive Promotion', details: `Promotion Tier with id: ${percent} is disabled.` } },
    });
    expect(answer.redeemables[1]).toMatchObject({ status: 'SKIPPED', result: { details: { key: 'preceding_validation_failed' } } });

    await ok(api.put(`/v1/promotions/tiers/${amount}`, { start_date: new Date(NOW.getTime() + 86_400_000).toISOString() }));
    answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(amount)], order: cart }));
    expect(answer.redeemables[0].result.error).toMatchObject({ key: 'promotion_inactive', details: `Promotion Tier with id: ${amount} is not active yet.` });

    await ok(api.put(`/v1/promotions/tiers/${amount}`, { start_date: null, expiration_date: '2026-01-01T00:00:00Z' }));
    answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(amount)], order: cart }));
    expect(answer.redeemables[0].result.error).toMatchObject({ key: 'promotion_inactive', details: `Promotion Tier with id: ${amount} has expired.` });

    await ok(api.put(`/v1/promotions/tiers/${amount}`, { expiration_date: null }));
    await ok(api.post(`/v1/campaigns/${campaign.id}/disable`));
    answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(amount)], order: cart }));
    expect(answer.redeemables[0].result.error).toMatchObject({ key: 'promotion_inactive', details: `Promotion Tier with id: ${amount} belongs to a disabled campaign.` });

    answer = await ok(api.post('/v1/validations', { redeemables: [tierRef('promo_unknown')], order: cart }));
    expect(answer.redeemables[0].result.error).toMatchObject({ code: 404, key: 'not_found', details: 'Cannot find promotion_tier with id promo_unknown' });
  });

  it('reads a promotion stack as its tiers, in the stack\'s order; a stack goes alone', async () => {
    const { campaign, percent, amount } = await givenPromotion();
    const stack = await ok(api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'Both', tiers: { ids: [amount, percent] } }));
    const answer = await ok(api.post('/v1/validations', { redeemables: [{ object: 'promotion_stack', id: stack.id }], order: cart }));
    // 47.00 − 5.00 = 42.00; 10% of 42.00 = 4.20: 37.80.
    expect(answer.redeemables.map((r: Json) => [r.object, r.id])).toEqual([
      ['promotion_tier', amount],
      ['promotion_tier', percent],
    ]);
    expect(answer.order).toMatchObject({ discount_amount: 920, total_amount: 3780 });
    const code = (await givenVoucher(api)).code as string;
    const res = await api.post('/v1/validations', { redeemables: [{ object: 'promotion_stack', id: stack.id }, { object: 'voucher', id: code }], order: cart });
    expectError(res, 400, 'invalid_redeemables', 'Invalid redeemables');
    expect(res.body.details).toBe('Promotion Stack cannot be use with other redeemables');
    const unknown = await ok(api.post('/v1/validations', { redeemables: [{ object: 'promotion_stack', id: 'stack_unknown' }], order: cart }));
    expect(unknown.redeemables[0].result.error).toMatchObject({ code: 404, key: 'not_found', details: 'Cannot find promotion_stack with id stack_unknown' });
  });
});

describe('promotion tiers in POST /v1/redemptions', () => {
  it('redeems a tier stacked with a voucher and counts it on the tier', async () => {
    const { percent } = await givenPromotion();
    const code = (await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } })).code as string;
    const answer = await ok(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }, tierRef(percent)], order: cart }));
    expect(answer.order).toMatchObject({ amount: 4700, total_discount_amount: 1370, total_amount: 3330, status: 'PAID' });
    const child = answer.redemptions[1];
    expect(child).toMatchObject({
      result: 'SUCCESS',
      redemption: answer.parent_redemption.id,
      related_object_type: 'promotion_tier',
      related_object_id: percent,
      voucher: null,
      promotion_tier: { id: percent, summary: { redemptions: { total_redeemed: 1 } }, object: 'promotion_tier' },
    });
    const tier = await ok(api.get(`/v1/promotions/tiers/${percent}`));
    expect(tier.summary).toEqual({ redemptions: { total_redeemed: 1 }, orders: { total_amount: 4700, total_discount_amount: 370 } });
    expect((await ok(api.get(`/v1/redemptions/${child.id}`))).related_object_type).toBe('promotion_tier');
  });

  it('rolls back a stack with a tier: the voucher given back, the order cancelled', async () => {
    const { percent } = await givenPromotion();
    const code = (await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } })).code as string;
    const answer = await ok(api.post('/v1/redemptions', { redeemables: [tierRef(percent), { object: 'voucher', id: code }], order: cart }));
    const rolled = await ok(api.post(`/v1/redemptions/${answer.parent_redemption.id}/rollbacks`, {}));
    expect(rolled.rollbacks.map((r: Json) => [r.related_object_type, r.related_object_id, r.result])).toEqual([
      ['promotion_tier', percent, 'SUCCESS'],
      ['voucher', expect.any(String), 'SUCCESS'],
    ]);
    expect(rolled.rollbacks[0].voucher).toBeNull();
    expect(rolled.order).toMatchObject({ status: 'CANCELED' });
    expect((await ok(api.get(`/v1/vouchers/${code}`))).redemption.redeemed_quantity).toBe(0);
  });

  it('refuses a disabled tier: 400 promotion_inactive, recorded as a failed redemption, nothing counted', async () => {
    const { percent } = await givenPromotion();
    await ok(api.post(`/v1/promotions/tiers/${percent}/disable`));
    const res = await api.post('/v1/redemptions', { redeemables: [tierRef(percent)], order: cart });
    expectError(res, 400, 'promotion_inactive', 'Inactive Promotion');
    expect(res.body).toMatchObject({ details: `Promotion Tier with id: ${percent} is disabled.`, resource_id: expect.stringMatching(/^rf_/), resource_type: 'redemption' });
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).summary.redemptions.total_redeemed).toBe(0);
  });
});

describe('POST /v1/promotions/validation', () => {
  it('answers every tier that can be used, each applied on its own to the order', async () => {
    const { campaign, percent, amount } = await givenPromotion();
    const off = await ok(api.post(`/v1/promotions/${campaign.id}/tiers`, { name: 'Off', active: false, action: { discount: { type: 'AMOUNT', amount_off: 100 } } }));
    const answer = await ok(api.post('/v1/promotions/validation', { order: cart, tracking_id: 'track-1' }));
    expect(answer).toMatchObject({ valid: true, tracking_id: 'track-1' });
    expect(answer.promotions.map((p: Json) => p.id)).toEqual([percent, amount]);
    expect(answer.promotions.map((p: Json) => p.id)).not.toContain(off.id);
    expect(answer.promotions[0]).toEqual({
      valid: true,
      applicable_to: { data: [], total: 0, data_ref: 'data', object: 'list' },
      inapplicable_to: { data: [], total: 0, data_ref: 'data', object: 'list' },
      tracking_id: 'track-1',
      order: expect.objectContaining({ amount: 4700, discount_amount: 470, total_amount: 4230, applied_discount_amount: 470, object: 'order' }),
      id: percent,
      name: 'Ten percent',
      discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
      campaign: { id: campaign.id, start_date: null, expiration_date: null, active: true, object: 'campaign' },
      hierarchy: 1,
      discount_amount: 470,
      applied_discount_amount: 470,
      metadata: {},
      object: 'promotion_tier',
    });
    // Applied on its own: the 5.00 tier to the whole 47.00.
    expect(answer.promotions[1]).toMatchObject({ order: { total_amount: 4200 }, discount_amount: 500 });
  });

  it('is not valid when no tier can be used', async () => {
    const { campaign } = await givenPromotion();
    await ok(api.post(`/v1/campaigns/${campaign.id}/disable`));
    expect(await ok(api.post('/v1/promotions/validation', { order: cart, tracking_id: 't' }))).toEqual({ valid: false, tracking_id: 't', promotions: [] });
  });
});

describe('POST /v1/promotions/tiers/{promotionTierId}/validation', () => {
  it('answers one tier valid with the order after it, or not valid with the reason and error', async () => {
    const { percent } = await givenPromotion();
    const valid = await ok(api.post(`/v1/promotions/tiers/${percent}/validation`, { order: cart }));
    expect(valid).toMatchObject({ valid: true, id: percent, discount_amount: 470, order: { total_amount: 4230 }, object: 'promotion_tier' });
    await ok(api.post(`/v1/promotions/tiers/${percent}/disable`));
    const invalid = await ok(api.post(`/v1/promotions/tiers/${percent}/validation`, { order: cart, tracking_id: 't' }));
    expect(invalid).toMatchObject({
      valid: false,
      reason: 'Inactive Promotion',
      error: { code: 400, key: 'promotion_inactive', message: 'Inactive Promotion', details: `Promotion Tier with id: ${percent} is disabled.` },
      tracking_id: 't',
      id: percent,
      object: 'promotion_tier',
    });
    expect(invalid).not.toHaveProperty('order');
    const res = await api.post('/v1/promotions/tiers/promo_unknown/validation', { order: cart });
    expectError(res, 404, 'not_found', 'Resource not found');
    expect(res.body.details).toBe('Cannot find promotion_tier with id promo_unknown');
  });
});

describe('POST /v1/promotions/tiers/{promotionTierId}/redemption', () => {
  it('redeems one tier: the order PAID with its discount, linked to the tier, counted on it', async () => {
    const { campaign, amount } = await givenPromotion();
    const redemption = await ok(api.post(`/v1/promotions/tiers/${amount}/redemption`, { order: cart, customer: { source_id: 'annie' } }));
    expect(redemption).toMatchObject({
      id: expect.stringMatching(/^r_/),
      object: 'redemption',
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      related_object_type: 'promotion_tier',
      related_object_id: amount,
      voucher: null,
      channel: { channel_id: 'promotions-checkout', channel_type: 'API' },
      order: {
        status: 'PAID',
        amount: 4700,
        discount_amount: 500,
        total_amount: 4200,
        redemptions: { [redemption.id]: { related_object_type: 'promotion_tier', related_object_id: amount, related_object_parent_id: campaign.id } },
      },
      promotion_tier: { id: amount, summary: { redemptions: { total_redeemed: 1 }, orders: { total_amount: 4700, total_discount_amount: 500 } } },
    });
    expect(redemption.customer).toMatchObject({ source_id: 'annie' });
  });

  it('refuses a tier that cannot be used: 400, recorded as a failed redemption', async () => {
    const { percent } = await givenPromotion();
    await ok(api.put(`/v1/promotions/tiers/${percent}`, { expiration_date: '2026-01-01T00:00:00Z' }));
    const res = await api.post(`/v1/promotions/tiers/${percent}/redemption`, { order: cart });
    expectError(res, 400, 'promotion_inactive', 'Inactive Promotion');
    expect(res.body).toMatchObject({ details: `Promotion Tier with id: ${percent} has expired.`, resource_type: 'redemption' });
    const failed = await ok(api.get(`/v1/redemptions/${res.body.resource_id}`));
    expect(failed).toMatchObject({ result: 'FAILURE', failure_code: 'promotion_inactive', related_object_type: 'promotion_tier', related_object_id: percent, promotion_tier: { id: percent } });
  });
});
