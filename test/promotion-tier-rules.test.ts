// Validation rules assigned to promotion tiers (related_object_type promotion_tier), and to their
// campaign: obeyed by every call that checks a tier (stacked validations and redemptions, the older
// promotion calls, qualifications), shown on the tier as its validation_rule_assignments; and a
// rolled-back tier redemption no longer counted in the tier's summary.

import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'tier-rules');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

/** A cart of 47.00. */
const cart = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };
const tierRef = (id: string) => ({ object: 'promotion_tier', id });

/** A PROMOTION campaign with a 10% tier and a 5.00 tier. */
async function givenPromotion() {
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
    }),
  );
  const [percent, amount] = campaign.promotion.tiers.map((t: Json) => t.id as string);
  return { campaign, percent, amount };
}

const orderOver = (cents: number) => ({ name: `Over ${cents}`, rules: { '1': { name: 'order.amount', conditions: { $more_than: [cents] } }, logic: '1' } });
const fromShop = { name: 'Shop only', rules: { '1': { name: 'redemption.metadata', property: 'channel', conditions: { $is: ['shop'] } }, logic: '1' } };

/** A rule assigned to the tier (or campaign); answers the rule and the assignment. */
async function givenRule(body: Json, related: Json) {
  const rule = await ok(api.post('/v1/validation-rules', body));
  const assignment = await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, related));
  return { rule, assignment };
}
const onTier = (id: string) => ({ related_object_type: 'promotion_tier', related_object_id: id });

describe('assigning rules to a tier', () => {
  it('the tier shows its assignments as a list, and null again once they are gone', async () => {
    const { percent } = await givenPromotion();
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).validation_rule_assignments).toBeNull();
    const { rule, assignment } = await givenRule(orderOver(10000), onTier(percent));
    // The SDK's spelling names the tier alone.
    const second = await givenRule(fromShop, { promotion_tier: percent });
    expect(second.assignment).toMatchObject({ related_object_type: 'promotion_tier', related_object_id: percent });
    const tier = await ok(api.get(`/v1/promotions/tiers/${percent}`));
    expect(tier.validation_rule_assignments).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [
        { id: assignment.id, rule_id: rule.id, related_object_id: percent, related_object_type: 'promotion_tier', created_at: expect.any(String), object: 'validation_rules_assignment' },
        expect.objectContaining({ id: second.assignment.id, rule_id: second.rule.id }),
      ],
      total: 2,
    });
    await ok(api.delete(`/v1/validation-rules/${rule.id}/assignments/${assignment.id}`), 204);
    await ok(api.delete(`/v1/validation-rules/${second.rule.id}/assignments/${second.assignment.id}`), 204);
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).validation_rule_assignments).toBeNull();
  });

  it('refuses a tier the tenant does not have: 404', async () => {
    const rule = await ok(api.post('/v1/validation-rules', orderOver(100)));
    const res = await api.post(`/v1/validation-rules/${rule.id}/assignments`, onTier('promo_unknown'));
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe('Cannot find promotion_tier with id promo_unknown');
  });

  it("a deleted tier's assignments go with it", async () => {
    const { percent } = await givenPromotion();
    const { rule } = await givenRule(orderOver(100), onTier(percent));
    await ok(api.delete(`/v1/promotions/tiers/${percent}`), 204);
    expect((await ok(api.get(`/v1/validation-rules-assignments?rule=${rule.id}`))).total).toBe(0);
  });
});

describe('a tier whose rules do not hold', () => {
  it('POST /v1/validations: INAPPLICABLE, order_rules_violated, naming the Promotion Tier and the rule', async () => {
    const { percent, amount } = await givenPromotion();
    const { rule } = await givenRule(orderOver(10000), onTier(percent));
    const answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(percent), tierRef(amount)], order: cart }));
    expect(answer.valid).toBe(false);
    expect(answer.redeemables[0]).toMatchObject({
      status: 'INAPPLICABLE',
      result: {
        error: { code: 400, key: 'order_rules_violated', message: 'order does not match validation rules', details: `Promotion Tier cannot be redeemed because of violated validation rules: ${rule.id}` },
      },
    });
    expect(answer.redeemables[1]).toMatchObject({ status: 'SKIPPED' });
    const bigger = await ok(api.post('/v1/validations', { redeemables: [tierRef(percent)], order: { amount: 20000 } }));
    expect(bigger.valid).toBe(true);
  });

  it("the campaign's rules hold for each of its tiers", async () => {
    const { campaign, amount } = await givenPromotion();
    await givenRule(orderOver(10000), { related_object_type: 'campaign', related_object_id: campaign.id });
    const answer = await ok(api.post('/v1/validations', { redeemables: [tierRef(amount)], order: cart }));
    expect(answer.redeemables[0].result.error.key).toBe('order_rules_violated');
  });

  it('POST /v1/promotions/tiers/{id}/validation: valid false with redemption_rules_violated, as in the reference', async () => {
    const { percent } = await givenPromotion();
    const { rule } = await givenRule(fromShop, onTier(percent));
    const refused = await ok(api.post(`/v1/promotions/tiers/${percent}/validation`, { order: cart, metadata: { channel: 'web' } }));
    expect(refused).toMatchObject({ valid: false, reason: 'redemption does not match validation rules', id: percent, object: 'promotion_tier' });
    expect(refused.error).toEqual({
      code: 400,
      key: 'redemption_rules_violated',
      message: 'redemption does not match validation rules',
      details: `Promotion Tier cannot be redeemed because of violated validation rules: ${rule.id}`,
      request_id: expect.stringMatching(/^v-/),
    });
    const valid = await ok(api.post(`/v1/promotions/tiers/${percent}/validation`, { order: cart, metadata: { channel: 'shop' } }));
    expect(valid).toMatchObject({ valid: true, discount_amount: 470 });
  });

  it('POST /v1/promotions/validation: leaves the tier out; audienceRulesOnly=true holds only the customer rules against it', async () => {
    const { percent, amount } = await givenPromotion();
    await givenRule(orderOver(10000), onTier(percent));
    const ids = (answer: Json) => answer.promotions.map((p: Json) => p.id);
    expect(ids(await ok(api.post('/v1/promotions/validation', { order: cart })))).toEqual([amount]);
    expect(ids(await ok(api.post('/v1/promotions/validation?audienceRulesOnly=true', { order: cart })))).toEqual([percent, amount]);
    const customerRule = { name: 'Gold', rules: { '1': { name: 'customer.metadata', property: 'tier', conditions: { $is: ['gold'] } }, logic: '1' } };
    await givenRule(customerRule, onTier(amount));
    expect(ids(await ok(api.post('/v1/promotions/validation?audienceRulesOnly=true', { order: cart, customer: { source_id: 'x', metadata: { tier: 'silver' } } })))).toEqual([percent]);
  });

  it('POST /v1/promotions/tiers/{id}/redemption: 400, a failed redemption, the summary unchanged', async () => {
    const { percent } = await givenPromotion();
    const { rule } = await givenRule(orderOver(10000), onTier(percent));
    const res = await api.post(`/v1/promotions/tiers/${percent}/redemption`, { order: cart });
    const body = expectError(res, 400, 'order_rules_violated', 'order does not match validation rules');
    expect(body).toMatchObject({ details: `Promotion Tier cannot be redeemed because of violated validation rules: ${rule.id}`, resource_type: 'redemption' });
    expect(await ok(api.get(`/v1/redemptions/${body.resource_id}`))).toMatchObject({ result: 'FAILURE', failure_code: 'order_rules_violated', related_object_id: percent });
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).summary.redemptions.total_redeemed).toBe(0);
  });

  it('POST /v1/redemptions: 400 for the tier; the redemption metadata is what redemption rules read', async () => {
    const { percent } = await givenPromotion();
    await givenRule(fromShop, onTier(percent));
    expectError(await api.post('/v1/redemptions', { redeemables: [tierRef(percent)], order: cart, metadata: { channel: 'web' } }), 400, 'redemption_rules_violated', 'redemption does not match validation rules');
    const redeemed = await ok(api.post('/v1/redemptions', { redeemables: [tierRef(percent)], order: cart, metadata: { channel: 'shop' } }));
    expect(redeemed.redemptions[0]).toMatchObject({ result: 'SUCCESS', related_object_id: percent });
  });

  it('POST /v1/qualifications: the tier qualifies only when its rules hold', async () => {
    const { percent, amount } = await givenPromotion();
    await givenRule(orderOver(10000), onTier(percent));
    const ids = async (order: Json) =>
      (await ok(api.post('/v1/qualifications', { order, options: { limit: 50, filters: { resource_type: { conditions: { $is: ['promotion_tier'] } } } } }))).redeemables.data.map(
        (r: Json) => r.id,
      );
    expect(await ids(cart)).toEqual([amount]);
    expect((await ids({ amount: 20000 })).sort()).toEqual([percent, amount].sort());
  });
});

describe("a tier redemption's rollback", () => {
  it('POST /v1/redemptions/{id}/rollback: the tier counts one redemption fewer; the orders totals stay', async () => {
    const { percent } = await givenPromotion();
    const first = await ok(api.post(`/v1/promotions/tiers/${percent}/redemption`, { order: cart }));
    await ok(api.post(`/v1/promotions/tiers/${percent}/redemption`, { order: cart }));
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).summary.redemptions.total_redeemed).toBe(2);
    const rolled = await ok(api.post(`/v1/redemptions/${first.id}/rollback`));
    expect(rolled).toMatchObject({ result: 'SUCCESS', related_object_type: 'promotion_tier', promotion_tier: { id: percent, summary: { redemptions: { total_redeemed: 1 } } } });
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).summary).toEqual({
      redemptions: { total_redeemed: 1 },
      orders: { total_amount: 9400, total_discount_amount: 940 },
    });
    // Rolled back twice: refused, nothing counted again.
    expectError(await api.post(`/v1/redemptions/${first.id}/rollback`), 400, 'already_rolled_back', 'Already rolled back');
    expect((await ok(api.get(`/v1/promotions/tiers/${percent}`))).summary.redemptions.total_redeemed).toBe(1);
  });

  it('POST /v1/redemptions/{parentId}/rollbacks: each tier of the stack counts one fewer', async () => {
    const { percent, amount } = await givenPromotion();
    const answer = await ok(api.post('/v1/redemptions', { redeemables: [tierRef(percent), tierRef(amount)], order: cart }));
    await ok(api.post(`/v1/redemptions/${answer.parent_redemption.id}/rollbacks`));
    for (const id of [percent, amount]) expect((await ok(api.get(`/v1/promotions/tiers/${id}`))).summary.redemptions.total_redeemed).toBe(0);
  });
});
