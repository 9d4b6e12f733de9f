// Promotion tiers and stacks: every operation, the tiers a PROMOTION campaign is created with, and
// the errors (status, code, key, message).

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'promotions-tenant');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(status);
  return res.body;
}

/** A 404 not_found naming what is missing, as Voucherify words it. */
function missing(res: Parameters<typeof expectError>[0], details: string): void {
  expectError(res, 404, 'not_found', 'Resource not found');
  expect(res.body.details).toBe(details);
}

const TIER_ID = /^promo_[0-9A-Za-z]{24}$/;
const STACK_ID = /^stack_[0-9A-Za-z]{24}$/;
const tenOff = { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' };
const createPromotion = (name: string, extra: Json = {}) => ok(api.post('/v1/campaigns', { name, campaign_type: 'PROMOTION', ...extra }));
const addTier = (campaignId: string, tier: Json) => ok(api.post(`/v1/promotions/${campaignId}/tiers`, tier));

describe('promotion tiers', () => {
  it('a PROMOTION campaign may start without tiers and get them later', async () => {
    const campaign = await createPromotion('Later');
    expect(campaign.promotion).toEqual({ object: 'list', data_ref: 'tiers', tiers: [], total: 0, has_more: false });
    const tier = await addTier(campaign.id, { name: 'Ten off', banner: 'Get 10 off', action: { discount: tenOff }, metadata: { level: 'A' } });
    expect(tier).toEqual({
      id: expect.stringMatching(TIER_ID),
      created_at: NOW.toISOString(),
      name: 'Ten off',
      banner: 'Get 10 off',
      action: { discount: tenOff },
      metadata: { level: 'A' },
      hierarchy: 1,
      promotion_id: campaign.id,
      campaign_id: campaign.id,
      active: true,
      category_id: null,
      campaign: { id: campaign.id, start_date: null, expiration_date: null, active: true, category_id: null, object: 'campaign' },
      summary: { redemptions: { total_redeemed: 0 }, orders: { total_amount: 0, total_discount_amount: 0 } },
      object: 'promotion_tier',
      validation_rule_assignments: null,
    });
    const second = await addTier(campaign.id, { name: 'Second', action: { discount: { type: 'PERCENT', percent_off: 5 } } });
    expect(second.hierarchy).toBe(2);
    const shown = await ok(api.get(`/v1/campaigns/${campaign.id}`));
    expect(shown.promotion.tiers.map((t: Json) => t.id)).toEqual([tier.id, second.id]);
    expect(await ok(api.get(`/v1/promotions/tiers/${tier.id}`))).toEqual(tier);
  });

  it('tiers sent with the campaign become the same records', async () => {
    const campaign = await createPromotion('Inline', { promotion: { tiers: [{ name: 'A', action: { discount: tenOff } }, { name: 'B', action: { discount: tenOff } }] } });
    expect(campaign.promotion.tiers.map((t: Json) => [t.name, t.hierarchy])).toEqual([['A', 1], ['B', 2]]);
    const listed = await ok(api.get(`/v1/promotions/${campaign.id}/tiers`));
    expect(listed).toMatchObject({ object: 'list', data_ref: 'tiers', total: 2, has_more: false });
    expect(listed.tiers.map((t: Json) => t.id)).toEqual(campaign.promotion.tiers.map((t: Json) => t.id));
    expect(await ok(api.get(`/v1/campaigns/Inline`))).toMatchObject({ promotion: { total: 2 } });
  });

  it('lists every campaign\'s tiers, and only the available ones when asked', async () => {
    const one = await createPromotion('One');
    const two = await createPromotion('Two', { active: false });
    const a = await addTier(one.id, { name: 'A', action: { discount: tenOff } });
    await addTier(one.id, { name: 'Off', active: false, action: { discount: tenOff } });
    await addTier(one.id, { name: 'Expired', expiration_date: '2026-01-01T00:00:00Z', action: { discount: tenOff } });
    await addTier(two.id, { name: 'In an inactive campaign', action: { discount: tenOff } });
    // The four above, and the two of the fixtures' Black Friday campaign (it starts on 27 November).
    const all = await ok(api.get('/v1/promotions/tiers'));
    expect(all).toMatchObject({ object: 'list', data_ref: 'tiers', total: 6, has_more: false });
    const page = await ok(api.get('/v1/promotions/tiers?limit=4&page=1'));
    expect(page).toMatchObject({ total: 6, has_more: true });
    expect(page.tiers).toHaveLength(4);
    const availableOnly = await ok(api.get('/v1/promotions/tiers?is_available=true'));
    expect(availableOnly.tiers.map((t: Json) => t.id)).toEqual([a.id]);
  });

  it("lists the fixtures' promotion tiers with their campaign", async () => {
    const campaign = await ok(api.get('/v1/campaigns/Black%20Friday%202026'));
    expect(campaign.promotion.tiers.map((t: Json) => [t.name, t.hierarchy])).toEqual([
      ['20% off orders over 100.00', 1],
      ['10.00 off any order', 2],
    ]);
    const listed = await ok(api.get(`/v1/promotions/${campaign.id}/tiers`));
    expect(listed.tiers[0]).toMatchObject({ id: 'promo_Idjh5tYTXMRsSQTEM4vbxPEE', campaign: { id: campaign.id, start_date: '2026-11-27T00:00:00.000Z', active: true } });
  });

  it('updates, disables, enables and deletes a tier', async () => {
    const campaign = await createPromotion('Changes');
    const tier = await addTier(campaign.id, { name: 'Old', metadata: { a: 1, b: 2 }, action: { discount: tenOff } });
    const updated = await ok(
      api.put(`/v1/promotions/tiers/${tier.id}`, {
        name: 'New',
        action: { discount: { type: 'PERCENT', percent_off: 25, effect: 'APPLY_TO_ORDER' } },
        metadata: { c: 3 },
        unset_metadata_fields: ['a'],
        start_date: '2026-11-01T00:00:00Z',
        validity_day_of_week: [1, 2],
      }),
    );
    expect(updated).toMatchObject({
      id: tier.id,
      name: 'New',
      updated_at: NOW.toISOString(),
      action: { discount: { type: 'PERCENT', percent_off: 25 } },
      metadata: { b: 2, c: 3 },
      start_date: '2026-11-01T00:00:00.000Z',
      validity_day_of_week: [1, 2],
      hierarchy: 1,
    });
    expect((await ok(api.post(`/v1/promotions/tiers/${tier.id}/disable`))).active).toBe(false);
    expect((await ok(api.get(`/v1/promotions/tiers/${tier.id}`))).active).toBe(false);
    expect((await ok(api.post(`/v1/promotions/tiers/${tier.id}/enable`))).active).toBe(true);
    const res = await api.delete(`/v1/promotions/tiers/${tier.id}`);
    expect(res.status).toBe(204);
    missing(await api.get(`/v1/promotions/tiers/${tier.id}`), `Cannot find promotion_tier with id ${tier.id}`);
    expect((await ok(api.get(`/v1/campaigns/${campaign.id}`))).promotion.total).toBe(0);
  });

  it('answers Voucherify\'s errors', async () => {
    for (const res of [
      await api.get('/v1/promotions/tiers/promo_missing'),
      await api.put('/v1/promotions/tiers/promo_missing', { name: 'x' }),
      await api.delete('/v1/promotions/tiers/promo_missing'),
      await api.post('/v1/promotions/tiers/promo_missing/enable'),
      await api.post('/v1/promotions/tiers/promo_missing/disable'),
    ]) {
      missing(res, 'Cannot find promotion_tier with id promo_missing');
    }
    missing(await api.post('/v1/promotions/camp_missing/tiers', { name: 'x' }), 'Cannot find campaign with id camp_missing');
    missing(await api.get('/v1/promotions/camp_missing/tiers'), 'Cannot find campaign with id camp_missing');
    const coupons = await ok(
      api.post('/v1/campaigns', { name: 'Coupons', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER', discount: tenOff } }),
    );
    expectError(await api.post(`/v1/promotions/${coupons.id}/tiers`, { name: 'x' }), 400, 'invalid_campaign', 'Invalid Campaign');
    expect((await api.post(`/v1/promotions/${coupons.id}/tiers`, { name: 'x' })).body.details).toBe('Campaign Coupons is not a PROMOTION campaign');
    const promotion = await createPromotion('Valid');
    const res = await api.post(`/v1/promotions/${promotion.id}/tiers`, { name: 'x', action: { discount: { type: 'NOPE' } } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toMatch(/discount/);
    expect((await ok(api.get(`/v1/promotions/${promotion.id}/tiers`))).total).toBe(0);
  });

  it('a deleted campaign takes its tiers and stacks with it', async () => {
    const campaign = await createPromotion('Gone', { promotion: { tiers: [{ name: 'A', action: { discount: tenOff } }] } });
    const tierId = campaign.promotion.tiers[0].id;
    const stack = await ok(api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'S', tiers: { ids: [tierId] } }));
    expect((await api.delete(`/v1/campaigns/${campaign.id}`)).status).toBe(202);
    missing(await api.get(`/v1/promotions/tiers/${tierId}`), `Cannot find promotion_tier with id ${tierId}`);
    expect(await ok(api.get('/v1/promotions/stacks'))).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    expect(stack.id).toMatch(STACK_ID);
  });
});

describe('promotion stacks', () => {
  it('creates, lists, reads, updates and deletes a stack', async () => {
    const campaign = await createPromotion('Stacked', { promotion: { tiers: [{ name: 'A', action: { discount: tenOff } }, { name: 'B', action: { discount: tenOff } }] } });
    const [a, b] = campaign.promotion.tiers.map((t: Json) => t.id);
    const stack = await ok(api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'First', tiers: { ids: [b, a], hierarchy_mode: 'MANUAL' } }));
    expect(stack).toEqual({
      id: expect.stringMatching(STACK_ID),
      name: 'First',
      created_at: NOW.toISOString(),
      campaign_id: campaign.id,
      object: 'promotion_stack',
      tiers: { ids: [b, a], hierarchy_mode: 'MANUAL' },
    });
    expect(await ok(api.get(`/v1/promotions/${campaign.id}/stacks/${stack.id}`))).toEqual(stack);
    expect(await ok(api.get(`/v1/promotions/${campaign.id}/stacks`))).toEqual({ object: 'list', data_ref: 'data', data: [stack], total: 1 });
    expect(await ok(api.get('/v1/promotions/stacks'))).toEqual({ object: 'list', data_ref: 'data', data: [stack], total: 1 });
    const updated = await ok(api.put(`/v1/promotions/${campaign.id}/stacks/${stack.id}`, { name: 'Renamed', tiers: { ids: [a] } }));
    expect(updated).toEqual({ ...stack, name: 'Renamed', updated_at: NOW.toISOString(), tiers: { ids: [a], hierarchy_mode: 'MANUAL' } });
    // Deleting a tier takes it out of the stacks that name it.
    expect((await api.delete(`/v1/promotions/tiers/${a}`)).status).toBe(204);
    expect((await ok(api.get(`/v1/promotions/${campaign.id}/stacks/${stack.id}`))).tiers.ids).toEqual([]);
    expect((await api.delete(`/v1/promotions/${campaign.id}/stacks/${stack.id}`)).status).toBe(204);
    missing(await api.get(`/v1/promotions/${campaign.id}/stacks/${stack.id}`), `Cannot find promotion_stack with id ${stack.id}`);
  });

  it('answers Voucherify\'s errors', async () => {
    const campaign = await createPromotion('Errors', { promotion: { tiers: [{ name: 'A', action: { discount: tenOff } }] } });
    const other = await createPromotion('Other', { promotion: { tiers: [{ name: 'B', action: { discount: tenOff } }] } });
    const foreign = other.promotion.tiers[0].id;
    missing(await api.post('/v1/promotions/camp_missing/stacks', { name: 'S', tiers: { ids: [] } }), 'Cannot find campaign with id camp_missing');
    missing(await api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'S', tiers: { ids: ['promo_nope'] } }), 'Cannot find promotion_tier with id promo_nope');
    missing(await api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'S', tiers: { ids: [foreign] } }), `Cannot find promotion_tier with id ${foreign}`);
    for (const res of [
      await api.get(`/v1/promotions/${campaign.id}/stacks/stack_nope`),
      await api.put(`/v1/promotions/${campaign.id}/stacks/stack_nope`, { name: 'x' }),
      await api.delete(`/v1/promotions/${campaign.id}/stacks/stack_nope`),
    ]) {
      missing(res, 'Cannot find promotion_stack with id stack_nope');
    }
    const stack = await ok(api.post(`/v1/promotions/${other.id}/stacks`, { name: 'S', tiers: { ids: [foreign] } }));
    missing(await api.get(`/v1/promotions/${campaign.id}/stacks/${stack.id}`), `Cannot find promotion_stack with id ${stack.id}`);
    missing(await api.get(`/v1/promotions/camp_missing/stacks/${stack.id}`), 'Cannot find campaign with id camp_missing');
    missing(await api.delete(`/v1/promotions/camp_missing/stacks/${stack.id}`), 'Cannot find campaign with id camp_missing');
    const res = await api.post(`/v1/promotions/${campaign.id}/stacks`, { tiers: { ids: [] } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toMatch(/name|ids/);
  });
});
