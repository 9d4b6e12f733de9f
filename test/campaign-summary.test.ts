// GET /v1/campaigns/{campaignId}/summary: the counters of each campaign type, computed from what
// the tenant did (redemptions, rollbacks, publications, card changes, referees), narrowed by
// start_date and end_date; an unknown campaign is 404.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

const DAY = 24 * 60 * 60 * 1000;
let now = NOW;
let app: MockApp;
let api: Agent;
beforeEach(async () => {
  now = NOW;
  app = await testApp({ clock: () => now });
  api = client(app, 'summary-tenant');
});

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  if (res.status !== 200) expect(res.body).toEqual({ status: 200 });
  return res.body;
}

const day = (offset: number) => new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10);
const summary = (campaign: string, query = '') => ok(api.get(`/v1/campaigns/${encodeURIComponent(campaign)}/summary${query}`));
const codesOf = async (campaignId: string) => (await ok(api.get(`/v1/vouchers?campaign_id=${campaignId}&order=created_at`))).vouchers.map((v: Json) => v.code);
const redeem = (code: string, amount: number) => api.post(`/v1/vouchers/${code}/redemption`, { order: { amount } });

const NOTHING = {
  redemptions: 0,
  redemptions_succeeded: 0,
  redemptions_failed: 0,
  rollbacks: 0,
  rollbacks_succeeded: 0,
  rollbacks_failed: 0,
  validations: 0,
  validations_succeeded: 0,
  validations_failed: 0,
  orders_amount: 0,
  orders_rolledback_amount: 0,
};

describe('GET /v1/campaigns/{campaignId}/summary', () => {
  it('counts a discount campaign’s redemptions, rollbacks, orders, discounts, vouchers and publications, by day', async () => {
    const campaign = await ok(
      api.post('/v1/campaigns', {
        name: 'Counted coupons',
        campaign_type: 'DISCOUNT_COUPONS',
        vouchers_count: 3,
        voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' }, redemption: { quantity: 1 } },
      }),
    );
    const [a, b, c] = await codesOf(campaign.id);
    await ok(api.post('/v1/publications', { voucher: a, customer: { source_id: 'summary-shopper' } }));
    await ok(redeem(a, 5000));
    const second = await ok(redeem(b, 3000));
    expect((await redeem(a, 4000)).status).toBe(400); // a code of quantity 1, used up
    await ok(api.post(`/v1/redemptions/${second.id}/rollback`));
    now = new Date(NOW.getTime() + 2 * DAY);
    await ok(redeem(c, 2000));

    const all = await summary(campaign.name);
    expect(all).toEqual({
      object: 'campaign_summary',
      campaign: await ok(api.get(`/v1/campaigns/${campaign.id}`)),
      redemptions: 4,
      redemptions_succeeded: 3,
      redemptions_failed: 1,
      rollbacks: 1,
      rollbacks_succeeded: 1,
      rollbacks_failed: 0,
      validations: 0,
      validations_succeeded: 0,
      validations_failed: 0,
      orders_amount: 10000,
      orders_rolledback_amount: 3000,
      vouchers_created: 3,
      vouchers_deleted: 0,
      publications: 1,
      publications_succeeded: 1,
      publications_failed: 0,
      discounted_amount: 3000,
      rolledback_discounted_amount: 1000,
    });
    expect(await summary(campaign.id, `?start_date=${day(2)}`)).toMatchObject({
      redemptions: 1,
      redemptions_succeeded: 1,
      rollbacks: 0,
      orders_amount: 2000,
      discounted_amount: 1000,
      vouchers_created: 0,
      publications: 0,
    });
    expect(await summary(campaign.id, `?start_date=${day(0)}&end_date=${day(0)}`)).toMatchObject({
      redemptions: 3,
      redemptions_failed: 1,
      rollbacks: 1,
      orders_amount: 8000,
      orders_rolledback_amount: 3000,
      vouchers_created: 3,
      publications: 1,
    });
    expect(await summary(campaign.id, `?end_date=${day(-1)}`)).toMatchObject({ ...NOTHING, vouchers_created: 0, publications: 0, discounted_amount: 0 });
  });

  it('counts a gift card campaign’s credits', async () => {
    const campaign = await ok(api.post('/v1/campaigns', { name: 'Counted gifts', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 2, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000 } } }));
    const [first] = await codesOf(campaign.id);
    await ok(api.post(`/v1/vouchers/${first}/balance`, { amount: 1000 }));
    await ok(api.post(`/v1/vouchers/${first}/balance`, { amount: -500 }));
    const redemption = await ok(redeem(first, 2000));
    await ok(api.post(`/v1/redemptions/${redemption.id}/rollback`));
    const body = await summary(campaign.id);
    expect(body).toMatchObject({
      redemptions: 1,
      rollbacks: 1,
      orders_amount: 2000,
      orders_rolledback_amount: 2000,
      vouchers_created: 2,
      created_vouchers_amount: 10000,
      amount_added: 1000,
      amount_deleted: 0,
      amount_redeemed: 2000,
      amount_rolledback: 2000,
      amount_subtracted: 500,
    });
    expect(body).not.toHaveProperty('discounted_amount');
  });

  it('counts a loyalty program’s points', async () => {
    const campaign = await ok(api.post('/v1/campaigns', { name: 'Counted points', campaign_type: 'LOYALTY_PROGRAM', vouchers_count: 2, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 100 } } }));
    const [first, second] = await codesOf(campaign.id);
    // A card's balance changes once it is published.
    for (const [code, owner] of [[first, 'member-1'], [second, 'member-2']]) await ok(api.post('/v1/publications', { voucher: code, customer: { source_id: owner } }));
    await ok(api.post(`/v1/vouchers/${first}/balance`, { amount: 50 }));
    await ok(api.post(`/v1/vouchers/${second}/balance`, { amount: -30 }));
    expect(await summary(campaign.id)).toMatchObject({
      ...NOTHING,
      vouchers_created: 2,
      publications: 2,
      publications_succeeded: 2,
      created_vouchers_points: 200,
      points_added: 50,
      points_subtracted: 30,
      points_rewarded: 0,
      points_redeemed: 0,
      points_expired: 0,
      pending_points_added: 0,
    });
  });

  it('counts a promotion’s tier redemptions, without vouchers or publications', async () => {
    const tiers = [
      { name: 'Ten off', action: { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } } },
      { name: 'Five percent', action: { discount: { type: 'PERCENT', percent_off: 5, effect: 'APPLY_TO_ORDER' } } },
    ];
    const promotion = await ok(api.post('/v1/campaigns', { name: 'Counted promotion', campaign_type: 'PROMOTION', promotion: { tiers } }));
    const [ten, five] = promotion.promotion.tiers;
    // Both tiers on one order: the order counts once.
    const stacked = { redeemables: [{ object: 'promotion_tier', id: ten.id }, { object: 'promotion_tier', id: five.id }], order: { amount: 10000 } };
    const parent = (await ok(api.post('/v1/redemptions', stacked))).parent_redemption;
    now = new Date(NOW.getTime() + DAY);
    await ok(api.post(`/v1/redemptions/${parent.id}/rollbacks`));
    expect(await summary(promotion.id, `?start_date=${day(1)}`)).toMatchObject({ redemptions: 0, rollbacks: 2, rollbacks_succeeded: 2, orders_rolledback_amount: 10000, discounted_amount: 0, rolledback_discounted_amount: 1450 });
    const body = await summary(promotion.id);
    // 10.00 off, then 5% of the 90.00 left: each tier's own share.
    expect(body).toMatchObject({ redemptions: 2, redemptions_succeeded: 2, orders_amount: 10000, discounted_amount: 1450, rolledback_discounted_amount: 1450 });
    expect(body).not.toHaveProperty('vouchers_created');
    expect(body).not.toHaveProperty('publications');
  });

  it('counts a referral program’s referred customers', async () => {
    expect(await summary('Refer a Friend')).toMatchObject({ referred_customers: 0, publications: 1 });
    await ok(api.post('/v1/referrals/members/REF-ALICE001/holders', { holders: [{ source_id: 'referee-1' }, { source_id: 'referee-2' }] }));
    expect(await summary('Refer a Friend')).toMatchObject({ referred_customers: 2 });
    expect(await summary('Refer a Friend', `?start_date=${day(1)}`)).toMatchObject({ referred_customers: 0 });
  });

  it('counts a gift campaign’s deleted cards once each, to the bin or for good, with the credits they still held, by day', async () => {
    const campaign = await ok(api.post('/v1/campaigns', { name: 'Deleted gifts', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 3, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000 } } }));
    const [first, second, kept] = await codesOf(campaign.id);
    await ok(api.post(`/v1/vouchers/${first}/balance`, { amount: 1000 }));
    await ok(redeem(first, 2000));
    expect((await api.delete(`/v1/vouchers/${first}`)).status).toBe(204); // to the bin, 4000 left on it
    now = new Date(NOW.getTime() + DAY);
    expect((await api.delete(`/v1/vouchers/${second}?force=true`)).status).toBe(204);
    // Emptying the bin entry deletes the first card for good: it is still counted once.
    const [entry] = (await ok(api.get('/v1/trash-bin'))).data.filter((e: Json) => e.resource_name === first);
    expect((await api.delete(`/v1/trash-bin/${entry.id}`)).status).toBe(204);
    // A standalone gift card leaves nothing for any campaign; a failed delete records nothing.
    await ok(api.post('/v1/vouchers', { code: 'LONE-GIFT', type: 'GIFT_VOUCHER', gift: { amount: 700 } }));
    expect((await api.delete('/v1/vouchers/LONE-GIFT')).status).toBe(204);
    expectError(await api.delete(`/v1/vouchers/${first}`), 404, 'not_found', 'Resource not found');

    expect(await summary(campaign.id)).toMatchObject({ vouchers_deleted: 2, amount_deleted: 9000 });
    expect(await summary(campaign.id, `?end_date=${day(0)}`)).toMatchObject({ vouchers_deleted: 1, amount_deleted: 4000 });
    expect(await summary(campaign.id, `?start_date=${day(1)}`)).toMatchObject({ vouchers_deleted: 1, amount_deleted: 5000 });
    expect(await summary(campaign.id, `?start_date=${day(2)}`)).toMatchObject({ vouchers_deleted: 0, amount_deleted: 0 });
    expect((await ok(api.get(`/v1/vouchers/${kept}`))).gift.balance).toBe(5000);
  });

  it('counts a loyalty program’s deleted cards with the points they still held, and a coupon campaign’s deleted codes', async () => {
    const program = await ok(api.post('/v1/campaigns', { name: 'Deleted points', campaign_type: 'LOYALTY_PROGRAM', vouchers_count: 2, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 100 } } }));
    const [card, unpublished] = await codesOf(program.id);
    await ok(api.post('/v1/publications', { voucher: card, customer: { source_id: 'deleted-member' } }));
    await ok(api.post(`/v1/vouchers/${card}/balance`, { amount: 50 }));
    await ok(api.post(`/v1/vouchers/${card}/balance`, { amount: -20 }));
    expect((await api.delete(`/v1/vouchers/${card}`)).status).toBe(204);
    expect((await api.delete(`/v1/vouchers/${unpublished}?force=true`)).status).toBe(204);
    expect(await summary(program.id)).toMatchObject({ vouchers_deleted: 2, points_deleted: 230 });

    const coupons = await ok(
      api.post('/v1/campaigns', { name: 'Deleted coupons', campaign_type: 'DISCOUNT_COUPONS', vouchers_count: 2, voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10 } } }),
    );
    const [coupon] = await codesOf(coupons.id);
    expect((await api.delete(`/v1/vouchers/${coupon}`)).status).toBe(204);
    const body = await summary(coupons.id);
    expect(body).toMatchObject({ vouchers_deleted: 1 });
    expect(body).not.toHaveProperty('amount_deleted');
    expect(body).not.toHaveProperty('points_deleted');
  });

  it('a deleted campaign takes the records of its deleted vouchers with it', async () => {
    const campaign = await ok(api.post('/v1/campaigns', { name: 'Gone gifts', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 2, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 100 } } }));
    const [first] = await codesOf(campaign.id);
    expect((await api.delete(`/v1/vouchers/${first}`)).status).toBe(204);
    const recorded = async () => (await ok(api.get('/_mock/state'))).voucher_deletions.map((d: Json) => d.campaign_id);
    expect(await recorded()).toEqual([campaign.id]);
    expect((await api.delete(`/v1/campaigns/${campaign.id}`)).status).toBe(202);
    expect(await recorded()).toEqual([]);
  });

  it('an unknown campaign is 404; a bad date or an end before the start is 400', async () => {
    const missing = expectError(await api.get('/v1/campaigns/DOES_NOT_EXIST/summary'), 404, 'not_found', 'Resource not found');
    expect(missing).toMatchObject({ details: 'Cannot find campaign with id DOES_NOT_EXIST', resource_id: 'DOES_NOT_EXIST', resource_type: 'campaign' });
    const bad = expectError(await api.get('/v1/campaigns/Summer Sale 2026/summary?start_date=yesterday'), 400, 'invalid_query_params', 'Invalid query params');
    expect(bad.details).toMatch(/start_date/);
    const backwards = expectError(await api.get(`/v1/campaigns/Summer Sale 2026/summary?start_date=${day(1)}&end_date=${day(0)}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(backwards.details).toBe(`end_date (${day(0)}) must not be before start_date (${day(1)})`);
  });
});
