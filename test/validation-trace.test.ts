// What a validation leaves behind: the campaign summary's validations counters (per checked
// redeemable of the campaign, by day) and the customer's customer.validation.succeeded / .failed
// activity. An unknown code, a qualification and a validation of a standalone voucher without a
// customer record nothing; a deleted campaign takes its validation counts with it.

import type { MockApp } from '../src/index.js';
import { NOW, client, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenVoucher } from './support/builders.js';

type Json = Record<string, any>;

const DAY = 24 * 60 * 60 * 1000;
let now = NOW;
let app: MockApp;
let api: Agent;
beforeEach(async () => {
  now = NOW;
  app = await testApp({ clock: () => now });
  api = client(app, 'trace-tenant');
});

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  if (res.status !== 200 && res.status !== 201) expect(res.body).toEqual({ status: 200 });
  return res.body;
}

const day = (offset: number) => new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10);
const counters = async (campaign: string, query = '') => {
  const body = await ok(api.get(`/v1/campaigns/${encodeURIComponent(campaign)}/summary${query}`));
  return { validations: body.validations, succeeded: body.validations_succeeded, failed: body.validations_failed };
};
const codesOf = async (campaignId: string) => (await ok(api.get(`/v1/vouchers?campaign_id=${campaignId}&order=created_at`))).vouchers.map((v: Json) => v.code);
const validate = (code: string, body: Json = {}) => ok(api.post(`/v1/vouchers/${encodeURIComponent(code)}/validate`, { order: { amount: 5000 }, ...body }));
const stacked = (codes: string[], body: Json = {}) => ok(api.post('/v1/validations', { redeemables: codes.map((id) => ({ object: 'voucher', id })), order: { amount: 5000 }, ...body }));
const recorded = async () => Object.values((await ok(api.get('/_mock/state'))).validation_days ?? {}) as Json[];
const activityOf = async (customer: string) => (await ok(api.get(`/v1/customers/${encodeURIComponent(customer)}/activity`))).data as Json[];

async function coupons(name: string) {
  const campaign = await ok(
    api.post('/v1/campaigns', {
      name,
      campaign_type: 'DISCOUNT_COUPONS',
      vouchers_count: 2,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } },
    }),
  );
  const [good, bad] = await codesOf(campaign.id);
  await ok(api.post(`/v1/vouchers/${bad}/disable`, {}));
  return { campaign, good: good as string, bad: bad as string };
}

describe('validations in the campaign summary', () => {
  it('counts each checked redeemable of the campaign, valid or not, single and stacked, by day', async () => {
    const { campaign, good, bad } = await coupons('Validated coupons');
    expect(await counters(campaign.id)).toEqual({ validations: 0, succeeded: 0, failed: 0 });

    expect((await validate(good)).valid).toBe(true);
    expect((await validate(bad)).valid).toBe(false);
    // The first applies, the second does not: one of each.
    expect((await stacked([good, bad])).valid).toBe(false);
    // The first fails; the second is skipped unchecked and is not counted.
    const skipped = await stacked([bad, good]);
    expect(skipped.skipped_redeemables).toHaveLength(1);
    now = new Date(NOW.getTime() + DAY);
    expect((await stacked([good])).valid).toBe(true);

    expect(await counters(campaign.id)).toEqual({ validations: 6, succeeded: 3, failed: 3 });
    expect(await counters(campaign.id, `?end_date=${day(0)}`)).toEqual({ validations: 5, succeeded: 2, failed: 3 });
    expect(await counters(campaign.id, `?start_date=${day(1)}`)).toEqual({ validations: 1, succeeded: 1, failed: 0 });
    expect(await counters(campaign.id, `?start_date=${day(2)}`)).toEqual({ validations: 0, succeeded: 0, failed: 0 });
  });

  it('counts a promotion’s validated tiers, and a gift card campaign’s cards', async () => {
    const tiers = [{ name: 'Ten off', action: { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } } }];
    const promotion = await ok(api.post('/v1/campaigns', { name: 'Validated promotion', campaign_type: 'PROMOTION', promotion: { tiers } }));
    const [tier] = promotion.promotion.tiers;
    const gifts = await ok(api.post('/v1/campaigns', { name: 'Validated gifts', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 1, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 1000 } } }));
    const [card] = await codesOf(gifts.id);
    const body = await ok(api.post('/v1/validations', { redeemables: [{ object: 'promotion_tier', id: tier.id }, { object: 'voucher', id: card }], order: { amount: 5000 } }));
    expect(body.valid).toBe(true);
    expect(await counters(promotion.id)).toEqual({ validations: 1, succeeded: 1, failed: 0 });
    expect(await counters(gifts.id)).toEqual({ validations: 1, succeeded: 1, failed: 0 });
  });

  it('an unknown code, a qualification and a standalone voucher without a customer record nothing', async () => {
    const { campaign, good } = await coupons('Untouched coupons');
    const lone = (await givenVoucher(api)) as Json;
    expect((await validate('NO-SUCH-CODE')).valid).toBe(false);
    expect((await stacked(['NO-SUCH-CODE'])).valid).toBe(false);
    expect((await validate(lone.code)).valid).toBe(true);
    expect((await stacked([lone.code])).valid).toBe(true);
    const qualified = await ok(api.post('/v1/qualifications', { scenario: 'ALL', order: { amount: 5000 }, options: { limit: 50 } }));
    expect(qualified.redeemables.data.map((r: Json) => r.id)).toContain(good);
    expect(await recorded()).toEqual([]);
    expect(await counters(campaign.id)).toEqual({ validations: 0, succeeded: 0, failed: 0 });
  });

  it('keeps one count per campaign and day, which a deleted campaign takes with it', async () => {
    const kept = await coupons('Kept coupons');
    const gone = await coupons('Gone coupons');
    await validate(kept.good);
    await validate(gone.good);
    await stacked([gone.bad]);
    // One record per campaign and day, whatever the number of validations.
    expect((await recorded()).map((r) => [r.campaign_id, r.day, r.succeeded, r.failed])).toEqual([
      [kept.campaign.id, day(0), 1, 0],
      [gone.campaign.id, day(0), 1, 1],
    ]);
    expect((await api.delete(`/v1/campaigns/${gone.campaign.id}?force=true`)).status).toBe(202);
    expect((await recorded()).map((r) => r.campaign_id)).toEqual([kept.campaign.id]);
  });
});

describe('validations in the customer activity', () => {
  it('shows customer.validation.succeeded and .failed with the customer and the validation', async () => {
    const { good, bad } = await coupons('Customer coupons');
    const customer = (await givenCustomer(api)) as Json;
    const lone = (await givenVoucher(api)) as Json;
    now = new Date(NOW.getTime() + 1000);
    const valid = await stacked([good, lone.code], { customer: { id: customer.id }, session: { type: 'LOCK' } });
    expect(valid.valid).toBe(true);
    now = new Date(NOW.getTime() + 2000);
    expect((await validate(bad, { customer: { source_id: customer.source_id } })).valid).toBe(false);
    now = new Date(NOW.getTime() + 3000);
    expect((await stacked([bad, good], { customer: { id: customer.id } })).valid).toBe(false);

    const [failedStack, failedSingle, succeeded] = await activityOf(customer.id);
    const [goodVoucher, badVoucher] = [await ok(api.get(`/v1/vouchers/${good}`)), await ok(api.get(`/v1/vouchers/${bad}`))];
    const simple = { id: customer.id, name: customer.name, email: customer.email, source_id: customer.source_id, metadata: customer.metadata ?? {}, object: 'customer' };
    expect(succeeded.type).toBe('customer.validation.succeeded');
    expect(succeeded.data.data).toEqual({
      customer: simple,
      validation: {
        id: valid.id,
        session_id: valid.session.key,
        status: 'VALID',
        created_at: new Date(NOW.getTime() + 1000).toISOString(),
        customer_id: customer.id,
        redeemables: [
          { id: goodVoucher.id, type: 'voucher' },
          { id: lone.id, type: 'voucher' },
        ],
      },
    });
    expect(failedSingle.type).toBe('customer.validation.failed');
    expect(failedSingle.data.data.validation).toEqual({
      id: expect.stringMatching(/^valid_/),
      status: 'INVALID',
      created_at: new Date(NOW.getTime() + 2000).toISOString(),
      customer_id: customer.id,
      redeemables: [{ id: badVoucher.id, type: 'voucher' }],
      inapplicable_redeemables: [{ id: badVoucher.id, type: 'voucher' }],
    });
    expect(failedStack.type).toBe('customer.validation.failed');
    expect(failedStack.data.data.validation).toMatchObject({
      status: 'INVALID',
      redeemables: [
        { id: badVoucher.id, type: 'voucher' },
        { id: good, type: 'voucher' },
      ],
      inapplicable_redeemables: [{ id: badVoucher.id, type: 'voucher' }],
      skipped_redeemables: [{ id: good, type: 'voucher' }],
    });
    // The filter by type finds them.
    const filtered = await ok(api.get(`/v1/customers/${customer.id}/activity?type=customer.validation.failed`));
    expect(filtered.data.map((a: Json) => a.id)).toEqual([failedStack.id, failedSingle.id]);
  });

  it('an unknown code, or a customer the tenant does not have, leaves no activity', async () => {
    const { good } = await coupons('Nobody coupons');
    const customer = (await givenCustomer(api)) as Json;
    const before = (await activityOf(customer.id)).map((a) => a.type);
    await validate('NO-SUCH-CODE', { customer: { id: customer.id } });
    await stacked(['NO-SUCH-CODE'], { customer: { id: customer.id } });
    expect((await activityOf(customer.id)).map((a) => a.type)).toEqual(before);
    // A validation creates nobody: a new source_id has no activity to show.
    expect((await stacked([good], { customer: { source_id: 'not-a-customer-yet' } })).valid).toBe(true);
    expect((await api.get('/v1/customers/not-a-customer-yet/activity')).status).toBe(404);
  });
});
