// A customer's summary, loyalty and referrals: counters kept by redemptions, rollbacks and orders,
// card balances, and shown wherever a customer is answered (get, list, a publish answer).

import { NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign, givenCustomer, givenLoyaltyCard } from './support/builders.js';

type Body = Record<string, any>;

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

const customerNow = async (id: string): Promise<Body> => {
  const res = await api.get(`/v1/customers/${encodeURIComponent(id)}`);
  expect(res.status).toBe(200);
  return res.body;
};

const EMPTY_SUMMARY = {
  redemptions: {
    total_redeemed: 0,
    total_failed: 0,
    total_succeeded: 0,
    total_rolled_back: 0,
    total_rollback_failed: 0,
    total_rollback_succeeded: 0,
    gift: { redeemed_amount: 0, amount_to_go: 0 },
    loyalty_card: { redeemed_points: 0, points_to_go: 0 },
  },
  orders: { total_amount: 0, total_count: 0, average_amount: 0, last_order_amount: 0 },
};

/** A gift card of a new GIFT_VOUCHERS campaign (100.00), published to the customer. */
async function giftCardOf(customerId: string): Promise<string> {
  const campaign = await givenCampaign(api, { campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 10000, effect: 'APPLY_TO_ORDER' } } });
  const published = await api.post('/v1/publications', { campaign: { id: campaign.id }, customer: customerId });
  expect(published.status).toBe(200);
  return published.body.voucher.code;
}

describe('a new customer', () => {
  it('shows zero counters, no loyalty and no referrals, in GET and in the list', async () => {
    const customer = await givenCustomer(api);
    expect(customer).toMatchObject({ summary: EMPTY_SUMMARY, loyalty: { points: 0, referred_customers: 0, campaigns: {} }, referrals: { total: 0, campaigns: [] } });
    const listed = await api.get(`/v1/customers?limit=100`);
    expect(listed.body.customers.find((c: Body) => c.id === customer.id)).toMatchObject({ summary: EMPTY_SUMMARY, loyalty: { points: 0 }, referrals: { total: 0 } });
  });
});

describe('summary.redemptions and summary.orders', () => {
  it('count successes, failures, rollbacks and gift credits, and what is left on the customer’s cards', async () => {
    const customer = await givenCustomer(api);
    const id = String(customer.id);
    const card = await giftCardOf(id);
    const redeemed = await api.post(`/v1/vouchers/${card}/redemption`, { customer: { id }, order: { amount: 3000 }, gift: { credits: 2000 } });
    expect(redeemed.status).toBe(200);
    let summary = (await customerNow(id)).summary;
    expect(summary.redemptions).toMatchObject({ total_redeemed: 1, total_succeeded: 1, total_failed: 0, gift: { redeemed_amount: 2000, amount_to_go: 8000 } });
    expect(summary.orders).toEqual({ total_amount: 1000, total_count: 1, average_amount: 1000, last_order_amount: 1000, last_order_date: NOW.toISOString() });

    // More credits than the card holds: a failed redemption.
    const failed = await api.post(`/v1/vouchers/${card}/redemption`, { customer: { id }, order: { amount: 50000 }, gift: { credits: 20000 } });
    expectError(failed, 400, 'gift_amount_exceeded', 'gift amount exceeded');
    summary = (await customerNow(id)).summary;
    expect(summary.redemptions).toMatchObject({ total_redeemed: 2, total_succeeded: 1, total_failed: 1 });

    expect((await api.post(`/v1/redemptions/${redeemed.body.id}/rollback`)).status).toBe(200);
    expectError(await api.post(`/v1/redemptions/${redeemed.body.id}/rollback`), 400, 'already_rolled_back', 'Already rolled back');
    summary = (await customerNow(id)).summary;
    expect(summary.redemptions).toMatchObject({
      total_rolled_back: 2,
      total_rollback_succeeded: 1,
      total_rollback_failed: 1,
      gift: { redeemed_amount: 0, amount_to_go: 10000 },
    });
  });

  it('averages the orders the customer paid', async () => {
    const customer = await givenCustomer(api);
    const id = String(customer.id);
    for (const amount of [1000, 2000, 4000]) {
      const coupons = await givenCampaign(api, { vouchers_count: 1, voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } });
      const code = (await api.get(`/v1/vouchers?campaign_id=${coupons.id}`)).body.vouchers[0].code;
      expect((await api.post(`/v1/vouchers/${code}/redemption`, { customer: { id }, order: { amount } })).status).toBe(200);
    }
    expect((await customerNow(id)).summary.orders).toEqual({ total_amount: 5500, total_count: 3, average_amount: 1833, last_order_amount: 3500, last_order_date: NOW.toISOString() });
  });
});

describe('loyalty', () => {
  it('shows the points of the customer’s loyalty cards, by program, and as points_to_go', async () => {
    const { program, card, customer } = await givenLoyaltyCard(api);
    expect((await api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 320 })).status).toBe(200);
    const shown = await customerNow(String(customer.id));
    expect(shown.loyalty).toEqual({ points: 320, referred_customers: 0, campaigns: { [String(program.name)]: { points: 320, referred_customers: 0 } } });
    expect(shown.summary.redemptions.loyalty_card).toEqual({ redeemed_points: 0, points_to_go: 320 });
  });
});

describe('the customer in a publish answer', () => {
  it('has summary, loyalty and referrals, as the customer endpoints show them', async () => {
    const customer = await givenCustomer(api);
    const id = String(customer.id);
    await giftCardOf(id);
    const campaign = await givenCampaign(api, { vouchers_count: 1 });
    const res = await api.post('/v1/publications', { campaign: { id: campaign.id }, customer: id });
    expect(res.status).toBe(200);
    expect(res.body.customer).toEqual(await customerNow(id));
    expect(res.body.customer.summary.redemptions.gift.amount_to_go).toBe(10000);
  });

  it('is the new customer a publication created, with zero counters', async () => {
    const campaign = await givenCampaign(api, { vouchers_count: 1 });
    const res = await api.get(`/v1/publications/create?campaign[id]=${campaign.id}&customer[source_id]=summary-newcomer`);
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ source_id: 'summary-newcomer', summary: EMPTY_SUMMARY, loyalty: { points: 0, referred_customers: 0, campaigns: {} }, referrals: { total: 0, campaigns: [] } });
  });
});
