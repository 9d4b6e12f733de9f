// Referral conversions: a referee redeeming a referral code (or sending the program's custom event)
// is recorded once per program on both customers, and gets the program's referee reward.

import { ActivityEvents, activities } from '../src/domain/activities.js';
import { campaigns, customers, holders, vouchers } from '../src/domain/collections.js';
import type { Context } from '../src/domain/context.js';
import { convertOnCustomEvent } from '../src/domain/referral-conversions.js';
import { collections } from '../src/resources/index.js';
import { emptyTenantData } from '../src/store/fixtures.js';
import { createIdGenerator } from '../src/store/ids.js';
import { Store } from '../src/store/store.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { aCampaign, aCustomer, aHolder, aVoucher, givenCampaign, givenCustomer, givenLoyaltyCard, inCampaign } from './support/builders.js';

type Body = Record<string, any>;

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

let n = 0;

/** A referral program converting as `referralProgram` says, with one code published to a new referrer. */
async function referralProgram(referralProgram: Body): Promise<{ campaign: Body; code: string; referrer: Body }> {
  n++;
  const campaign = await givenCampaign(api, {
    name: `Conversions Referral ${n}`,
    campaign_type: 'REFERRAL_PROGRAM',
    vouchers_count: 1,
    referral_program: referralProgram,
    voucher: {
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' },
      redemption: { quantity: null },
      code_config: { prefix: `CONV${n}-`, length: 6, charset: 'Alphabetic Uppercase' },
    },
  });
  const referrer = await givenCustomer(api);
  const published = await api.post('/v1/publications', { campaign: { id: campaign.id }, customer: referrer.id });
  expect(published.status).toBe(200);
  return { campaign, code: published.body.voucher.code, referrer };
}

/** POST /v1/vouchers/{code}/redemption by the customer with `sourceId` (created when new). */
async function redeemAs(code: string, sourceId: string) {
  return api.post(`/v1/vouchers/${encodeURIComponent(code)}/redemption`, { customer: { source_id: sourceId }, order: { amount: 10000 } });
}

const customer = async (idOrSourceId: string): Promise<Body> => {
  const res = await api.get(`/v1/customers/${encodeURIComponent(idOrSourceId)}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('end to end: a referee redeems a referral code', () => {
  it('records the conversion, rewards the referee and moves both customers’ counters and activity', async () => {
    const { program } = await givenLoyaltyCard(api);
    const { campaign, code, referrer } = await referralProgram({
      conversion_event_type: 'redemption',
      referee_reward: { related_object_parent: { id: program.id, name: program.name, object: 'CAMPAIGN' }, type: 'LOYALTY_CARD', amount: 75 },
    });
    const redeemed = await api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }], customer: { source_id: 'e2e-referee', name: 'Referee' }, order: { amount: 4000 } });
    expect(redeemed.status).toBe(200);
    const [child] = redeemed.body.redemptions;

    const referee = await customer('e2e-referee');
    expect(referee.referrals).toEqual({
      total: 1,
      campaigns: [{ campaign_id: campaign.id, referrer_id: referrer.id, related_object_id: child.id, related_object_type: 'redemption', date: NOW.toISOString() }],
    });
    expect(referee.loyalty.points).toBe(75);
    expect(referee.summary.redemptions).toMatchObject({ total_redeemed: 1, total_succeeded: 1, loyalty_card: { points_to_go: 75 } });
    const shownReferrer = await customer(String(referrer.id));
    expect(shownReferrer.loyalty).toMatchObject({ referred_customers: 1, campaigns: { [String(campaign.name)]: { referred_customers: 1 } } });
    // The order of the redemption names the code's referrer.
    expect(redeemed.body.order.referrer_id).toBe(referrer.id);

    const activity = await api.get(`/v1/customers/${referee.id}/activity?order=created_at`);
    expect(activity.body.data.map((a: Body) => a.type)).toEqual([
      'customer.created',
      'customer.order.created',
      'customer.order.paid',
      // The stack's child, then its parent.
      'customer.redemption.succeeded',
      'customer.redemption.succeeded',
      'customer.referred',
      'customer.publication.succeeded',
      'customer.voucher.loyalty_card.points_added',
      'customer.rewarded',
    ]);
    const referred = activity.body.data[5];
    expect(referred.data.data).toMatchObject({ customer: { id: referee.id }, referrer: { id: referrer.id }, campaign: { id: campaign.id }, voucher: { code }, redemption: { id: child.id } });
    expect(activity.body.data[8].data.data).toMatchObject({ customer: { id: referee.id }, campaign: { id: program.id }, balance: { points: 75 } });
    expect((await api.get(`/v1/customers/${referee.id}/activity?category=EFFECT`)).body.data.map((a: Body) => a.type)).toEqual([
      'customer.rewarded',
      'customer.voucher.loyalty_card.points_added',
      'customer.referred',
    ]);
  });
});

describe('webhooks of a conversion', () => {
  it('sends customer.rewarded (and no customer.referred, which Voucherify has no webhook of), with the activity recorded all the same', async () => {
    const app = await testApp({ webhookDelivery: { attempts: 1, timeoutMs: 200 } });
    api = client(app);
    const hook = await api.post('/_mock/webhooks', { url: 'http://127.0.0.1:9/hooks' });
    expect(hook.status).toBe(201);
    const { program } = await givenLoyaltyCard(api);
    const { code } = await referralProgram({
      conversion_event_type: 'redemption',
      referee_reward: { related_object_parent: { id: program.id, object: 'CAMPAIGN' }, type: 'LOYALTY_CARD', amount: 10 },
    });
    expect((await redeemAs(code, 'hooked-referee')).status).toBe(200);
    const types = (await api.get('/_mock/webhooks/deliveries')).body.data.map((d: Body) => d.type);
    expect(types).toContain('customer.rewarded');
    expect(types).not.toContain('customer.referred');
    const referee = await customer('hooked-referee');
    const activity = await api.get(`/v1/customers/${referee.id}/activity?category=EFFECT`);
    expect(activity.body.data.map((a: Body) => a.type)).toEqual(['customer.rewarded', 'customer.voucher.loyalty_card.points_added', 'customer.referred']);
  });
});

describe('conversion on redemption', () => {
  it('records the referee once per program, counts the referrer, and adds the loyalty reward through a transaction', async () => {
    const { program } = await givenLoyaltyCard(api);
    const { campaign, code, referrer } = await referralProgram({
      conversion_event_type: 'redemption',
      referee_reward: { related_object_parent: { id: program.id, name: program.name, object: 'CAMPAIGN' }, type: 'LOYALTY_CARD', amount: 150 },
    });

    const first = await redeemAs(code, 'referee-one');
    expect(first.status).toBe(200);
    const referee = await customer('referee-one');
    expect(referee.referrals).toEqual({
      total: 1,
      campaigns: [{ campaign_id: campaign.id, referrer_id: referrer.id, related_object_id: first.body.id, related_object_type: 'redemption', date: NOW.toISOString() }],
    });
    expect(referee.loyalty).toEqual({ points: 150, referred_customers: 0, campaigns: { [String(program.name)]: { points: 150, referred_customers: 0 } } });
    expect(referee.summary.redemptions.loyalty_card.points_to_go).toBe(150);

    const cards = await api.get(`/v1/loyalties/${program.id}/members?customer=${referee.id}`);
    expect(cards.body.vouchers).toHaveLength(1);
    const transactions = await api.get(`/v1/vouchers/${encodeURIComponent(cards.body.vouchers[0].code)}/transactions`);
    expect(transactions.body.data).toEqual([
      expect.objectContaining({ type: 'POINTS_ADDITION', details: expect.objectContaining({ balance: expect.objectContaining({ points: 150, balance: 150 }) }) }),
    ]);

    // The same referee again: no second conversion, no second reward.
    expect((await redeemAs(code, 'referee-one')).status).toBe(200);
    const again = await customer('referee-one');
    expect(again.referrals.total).toBe(1);
    expect(again.loyalty.points).toBe(150);

    // A second referee counts for the referrer too.
    expect((await redeemAs(code, 'referee-two')).status).toBe(200);
    expect((await customer('referee-two')).referrals.total).toBe(1);
    const counted = await customer(String(referrer.id));
    expect(counted.loyalty).toEqual({ points: 0, referred_customers: 2, campaigns: { [String(campaign.name)]: { points: 0, referred_customers: 2 } } });
    expect(counted.referrals).toEqual({ total: 0, campaigns: [] });
  });

  it('adds gift credits to a gift card of the reward campaign, published to the referee', async () => {
    const gifts = await givenCampaign(api, { campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 1000, effect: 'APPLY_TO_ORDER' } } });
    const { code } = await referralProgram({ conversion_event_type: 'redemption', referee_reward: { related_object_parent: { id: gifts.id, object: 'CAMPAIGN' }, type: 'GIFT_VOUCHER', amount: 2500 } });
    expect((await redeemAs(code, 'gift-referee')).status).toBe(200);
    const referee = await customer('gift-referee');
    // The published card starts with the campaign's 10.00 and gets the 25.00 reward.
    expect(referee.summary.redemptions.gift).toEqual({ redeemed_amount: 0, amount_to_go: 3500 });
    const redeemables = await api.get(`/v1/customers/${referee.id}/redeemables`);
    const card = redeemables.body.data.find((r: Body) => r.campaign_id === gifts.id);
    expect(card.redeemable.voucher.gift).toMatchObject({ amount: 3500, balance: 3500 });
  });

  it('publishes a voucher of a DISCOUNT_COUPONS reward campaign to the referee', async () => {
    const coupons = await givenCampaign(api, { vouchers_count: 1 });
    const { code } = await referralProgram({ conversion_event_type: 'redemption', referee_reward: { related_object_parent: { id: coupons.id, object: 'CAMPAIGN' } } });
    expect((await redeemAs(code, 'coupon-referee')).status).toBe(200);
    const referee = await customer('coupon-referee');
    const publications = await api.get(`/v1/publications?customer=${referee.id}`);
    expect(publications.body.publications.map((p: Body) => p.voucher.campaign)).toEqual([coupons.name]);
  });

  it('keeps the conversion without a reward when the reward campaign has nothing to publish', async () => {
    const empty = await givenCampaign(api, { type: 'STATIC', vouchers_count: 0 });
    const { code } = await referralProgram({ conversion_event_type: 'redemption', referee_reward: { related_object_parent: { id: empty.id, object: 'CAMPAIGN' } } });
    expect((await redeemAs(code, 'unrewarded-referee')).status).toBe(200);
    const referee = await customer('unrewarded-referee');
    expect(referee.referrals.total).toBe(1);
    expect((await api.get(`/v1/publications?customer=${referee.id}`)).body.publications).toEqual([]);
  });

  it('keeps the conversion when the converting redemption is rolled back (the reference names no undoing)', async () => {
    const { code, referrer } = await referralProgram({ conversion_event_type: 'redemption' });
    const redeemed = await redeemAs(code, 'rolled-back-referee');
    expect((await api.post(`/v1/redemptions/${redeemed.body.id}/rollback`)).status).toBe(200);
    expect((await customer('rolled-back-referee')).referrals.total).toBe(1);
    expect((await customer(String(referrer.id))).loyalty.referred_customers).toBe(1);
  });

  it('does not convert on redemption in a program that converts on a custom event', async () => {
    const { code } = await referralProgram({ conversion_event_type: 'custom_event', custom_event: { name: 'signed_up' } });
    expect((await redeemAs(code, 'event-referee')).status).toBe(200);
    expect((await customer('event-referee')).referrals).toEqual({ total: 0, campaigns: [] });
  });

  it('converts the referee on POST /v1/events of the named event, through referral.code, once', async () => {
    const { code, referrer } = await referralProgram({ conversion_event_type: 'custom_event', custom_event: { name: 'signed_up' } });
    const other = await api.post('/v1/events', { event: 'browsed', customer: { source_id: 'event-referee-2' }, referral: { code } });
    expect(other.status).toBe(200);
    expect((await customer('event-referee-2')).referrals.total).toBe(0);
    for (let i = 0; i < 2; i++) {
      const tracked = await api.post('/v1/events', { event: 'signed_up', customer: { source_id: 'event-referee-2' }, referral: { code } });
      expect(tracked.status).toBe(200);
    }
    expect((await customer('event-referee-2')).referrals).toMatchObject({ total: 1, campaigns: [expect.objectContaining({ referrer_id: referrer.id })] });
    expect((await customer(String(referrer.id))).loyalty.referred_customers).toBe(1);
  });

  it('answers 404 for POST /v1/events with a referral code no voucher has, and records nothing', async () => {
    const res = await api.post('/v1/events', { event: 'signed_up', customer: { source_id: 'nobody-yet' }, referral: { code: 'NO-SUCH-REF' } });
    expectError(res, 404, 'not_found', 'Resource not found');
    expectError(await api.get('/v1/customers/nobody-yet'), 404, 'not_found', 'Resource not found');
  });

  it('records nothing when the referrer redeems their own code: 400 referrer_not_permitted_to_redeem', async () => {
    const { code, referrer } = await referralProgram({ conversion_event_type: 'redemption' });
    const res = await redeemAs(code, String(referrer.source_id));
    expectError(res, 400, 'referrer_not_permitted_to_redeem', 'voucher cannot be redeemed by referrer');
    const after = await customer(String(referrer.id));
    expect(after.referrals.total).toBe(0);
    expect(after.loyalty.referred_customers).toBe(0);
  });

  it('does not convert when a plain discount code is redeemed', async () => {
    const coupons = await givenCampaign(api, { vouchers_count: 1 });
    const voucher = (await api.get(`/v1/vouchers?campaign_id=${coupons.id}`)).body.vouchers[0];
    expect((await redeemAs(voucher.code, 'plain-customer')).status).toBe(200);
    expect((await customer('plain-customer')).referrals.total).toBe(0);
  });
});

describe('convertOnCustomEvent', () => {
  /** A context over a fresh tenant whose requests record activity, as the app's do. */
  function eventContext(): Context & { events: ActivityEvents } {
    const store = Store.inMemory(emptyTenantData(collections), collections);
    const ids = createIdGenerator(7);
    const clock = () => new Date(NOW);
    const requestId = ids.requestId();
    return { tenant: store.tenant('events-tenant'), ids, clock, requestId, events: new ActivityEvents(store, 'events-tenant', requestId, clock, undefined) };
  }

  function seeded(ctx: Context, programOverrides: Record<string, unknown>) {
    const loyalty = campaigns(ctx.tenant).put(aCampaign({ campaign_type: 'LOYALTY_PROGRAM' }));
    const program = campaigns(ctx.tenant).put(
      aCampaign({
        campaign_type: 'REFERRAL_PROGRAM',
        referral_program: {
          conversion_event_type: 'custom_event',
          custom_event: { id: 'ms_signed_up', name: 'signed_up' },
          referee_reward: { related_object_parent: { id: loyalty.id, object: 'CAMPAIGN' }, type: 'LOYALTY_CARD', amount: 40 },
          ...programOverrides,
        },
      }),
    );
    const referrer = customers(ctx.tenant).put(aCustomer());
    const referee = customers(ctx.tenant).put(aCustomer());
    const code = vouchers(ctx.tenant).put(aVoucher({ ...inCampaign(program), holder_id: referrer.id, referrer_id: referrer.id }));
    holders(ctx.tenant).put(aHolder({ redeemable_id: code.id, campaign_id: program.id, campaign_type: 'REFERRAL_PROGRAM', customer_id: referrer.id, holder_role: 'REFERRER' }));
    return { loyalty, program, referrer, referee, code };
  }

  it('converts the referee named with the referral code when the event is the program’s, with its reward and activity', () => {
    const ctx = eventContext();
    const { loyalty, program, referrer, referee, code } = seeded(ctx, {});
    const made = convertOnCustomEvent(ctx, referee, 'signed_up', code.code, { id: 'evcus_custom', type: 'custom_event' });
    expect(made).toEqual([
      expect.objectContaining({ campaign_id: program.id, referrer_id: referrer.id, referee_id: referee.id, related_object_id: 'evcus_custom', related_object_type: 'custom_event' }),
    ]);
    expect(made[0].reward).toMatchObject({ campaign_id: loyalty.id, points: 40 });
    expect(customers(ctx.tenant).get(referee.id)?.referrals).toEqual({ total: 1, campaigns: [expect.objectContaining({ campaign_id: program.id, date: NOW.toISOString() })] });
    expect(customers(ctx.tenant).get(referrer.id)?.loyalty).toMatchObject({ referred_customers: 1, campaigns: { [program.name]: { referred_customers: 1 } } });
    // Once per referee and program.
    expect(convertOnCustomEvent(ctx, referee, 'signed_up', code.code)).toEqual([]);

    ctx.events.seal();
    const types = [...activities(ctx.tenant).groupOf('customer_id', referee.id)].map((a) => a.type);
    expect(types).toEqual(['customer.referred', 'customer.publication.succeeded', 'customer.voucher.loyalty_card.points_added', 'customer.rewarded']);
  });

  it('matches the program’s custom event by id as well as by name, and converts nothing for another event', () => {
    const ctx = eventContext();
    const { referee, code } = seeded(ctx, {});
    expect(convertOnCustomEvent(ctx, referee, 'ordered', code.code)).toEqual([]);
    expect(convertOnCustomEvent(ctx, referee, 'ms_signed_up', code.code)).toHaveLength(1);
  });

  it('without a code, converts through the referral codes the customer was added to as REFEREE', () => {
    const ctx = eventContext();
    const { program, referee, code } = seeded(ctx, {});
    expect(convertOnCustomEvent(ctx, referee, 'signed_up')).toEqual([]);
    holders(ctx.tenant).put(aHolder({ redeemable_id: code.id, campaign_id: program.id, campaign_type: 'REFERRAL_PROGRAM', customer_id: referee.id, holder_role: 'REFEREE' }));
    expect(convertOnCustomEvent(ctx, referee, 'signed_up')).toEqual([expect.objectContaining({ campaign_id: program.id, related_object_id: code.id, related_object_type: 'voucher' })]);
  });

  it('does not convert in a program that converts on redemption, nor the code’s own referrer', () => {
    const ctx = eventContext();
    const { referee, code } = seeded(ctx, { conversion_event_type: 'redemption' });
    expect(convertOnCustomEvent(ctx, referee, 'signed_up', code.code)).toEqual([]);
    const other = seeded(ctx, {});
    expect(convertOnCustomEvent(ctx, other.referrer, 'signed_up', other.code.code)).toEqual([]);
    expect(customers(ctx.tenant).get(other.referrer.id)?.referrals).toEqual({ total: 0, campaigns: [] });
  });

  it('answers 404 for an unknown referral code', () => {
    const ctx = eventContext();
    const { referee } = seeded(ctx, {});
    expect(() => convertOnCustomEvent(ctx, referee, 'signed_up', 'NO-SUCH-CODE')).toThrow(expect.objectContaining({ status: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find voucher with id NO-SUCH-CODE' }));
  });
});
