// A loyalty program end to end: a customer joins, a paid order earns points as the earning rule
// says, the points reach a tier (and its tier-event bonus), a reward is bought (points deducted, a
// coupon published to the customer, the tier left), and the card's transactions show each step.

import { client, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

let api: Agent;

beforeEach(async () => {
  api = client(await testApp());
});

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: expect.anything() });
  return res.body;
}

const tierName = async (code: string) => {
  const tiers = await ok(api.get(`/v1/loyalties/members/${code}/tiers`));
  return tiers.data.map((tier: Json) => tier.name);
};

it('join, pay, reach a tier, buy a reward: points, tiers, coupon and transactions follow', async () => {
  // The program: 10 points per 10.00 paid, Bronze below 100 points, Silver from 100 with a 5-point bonus for reaching it.
  const program = await ok(api.post('/v1/loyalties', { name: 'Journey Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
  const [bronze, silver] = (await ok(
    api.post(`/v1/loyalties/${program.id}/tiers`, [
      { name: 'Bronze', points: { from: 0, to: 99 } },
      { name: 'Silver', points: { from: 100 } },
    ]),
  )) as unknown as Json[];
  await ok(
    api.post(`/v1/loyalties/${program.id}/earning-rules`, [
      { event: 'order.paid', loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_AMOUNT', order: { amount: { every: 1000, points: 10 } } } },
      { event: 'customer.loyalty.tier.upgraded', loyalty_tier: { id: silver.id }, loyalty: { type: 'FIXED', points: 5 } },
    ]),
  );
  const coupons = await ok(
    api.post('/v1/campaigns', { name: 'Reward coupons', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } }),
  );
  const reward = await ok(api.post('/v1/rewards', { name: '5.00 off', type: 'CAMPAIGN', parameters: { campaign: { id: coupons.id } } }));
  await ok(api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: reward.id, parameters: { loyalty: { points: 60 } } }]));

  // The customer joins: a card with no points, in Bronze.
  const customer = await ok(api.post('/v1/customers', { source_id: 'journey-customer', name: 'Jo Urney' }));
  const card = await ok(api.post(`/v1/loyalties/${program.id}/members`, { customer: customer.id }));
  expect(await tierName(card.code)).toEqual(['Bronze']);

  // A paid order of 120.00 earns 120 points, which reach Silver: 5 more.
  const order = await ok(api.post('/v1/orders', { source_id: 'journey-order', customer: { id: customer.id }, amount: 12000, status: 'PAID' }));
  expect((await ok(api.get(`/v1/loyalties/members/${card.code}`))).loyalty_card).toMatchObject({ points: 125, balance: 125 });
  expect(await tierName(card.code)).toEqual(['Silver']);

  // The reward costs 60 points: 65 are left, back in Bronze; the customer holds a new coupon.
  const redemption = await ok(api.post(`/v1/loyalties/members/${card.code}/redemption`, { reward: { id: reward.id } }));
  expect(redemption).toMatchObject({ object: 'redemption', result: 'SUCCESS', customer_id: customer.id, reward: { id: reward.id } });
  expect((await ok(api.get(`/v1/loyalties/members/${card.code}`))).loyalty_card).toMatchObject({ points: 125, balance: 65 });
  expect(await tierName(card.code)).toEqual(['Bronze']);
  const held = await ok(api.get(`/v1/customers/${customer.id}/redeemables`));
  expect(held.data.filter((entry: Json) => entry.campaign_id === coupons.id)).toEqual([
    expect.objectContaining({ holder_role: 'OWNER', customer_id: customer.id, redeemable: expect.objectContaining({ voucher: expect.objectContaining({ campaign_id: coupons.id }) }) }),
  ]);

  // The card's transactions, newest first: the reward, the tier bonus, the order.
  const transactions = await ok(api.get(`/v1/loyalties/members/${card.code}/transactions`));
  expect(transactions.data.map((t: Json) => [t.type, t.details.balance.points, t.details.balance.balance])).toEqual([
    ['POINTS_REDEMPTION', -60, 65],
    ['POINTS_ACCRUAL', 5, 125],
    ['POINTS_ACCRUAL', 120, 120],
  ]);
  expect(transactions.data[2].details).toMatchObject({ order: { id: order.id }, event: { type: 'customer.order.paid' } });
  expect(transactions.data[0].details).toMatchObject({ reward: { id: reward.id } });

  // The customer's loyalty counters follow the card.
  expect((await ok(api.get(`/v1/customers/${customer.id}`))).loyalty).toMatchObject({ points: 65 });
  expect(bronze.id).not.toBe(silver.id);
});
