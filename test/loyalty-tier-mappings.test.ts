// Loyalty tiers' mappings at work: what a member earns by an earning rule their tier maps (MULTIPLY,
// CUSTOM) and what they pay for a reward their tier prices, with no tier and in two tiers; the
// tier counted is the one the member is in before the request's points move them.

import { client, expectError, testApp, type Agent } from './helpers.js';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(200);
  return res.body;
}

/** The card's points and balance now. */
const cardOf = async (code: string) => (await ok(api.get(`/v1/loyalties/members/${code}`))).loyalty_card as { points: number; balance: number };
/** The card's transactions, newest first. */
const historyOf = async (code: string) => (await ok(api.get(`/v1/loyalties/members/${code}/transactions`))).data as Json[];
const tierIdOf = async (code: string) => ((await ok(api.get(`/v1/loyalties/members/${code}/tiers`))).data as Json[]).map((tier) => tier.id as string);

/**
 * A program with two order.paid rules (FIXED 10; PROPORTIONAL 3 points for every 10.00 of the
 * order) and two tiers mapping them: Bronze (20–199) gives the FIXED rule CUSTOM 25 points and the
 * PROPORTIONAL one CUSTOM 7 (which a PROPORTIONAL rule ignores); Silver (from 200) multiplies the
 * FIXED rule by 1.25 and the PROPORTIONAL one by 2.5. Below 20 points a member is in no tier.
 */
async function earningClub() {
  const program = await ok(api.post('/v1/loyalties', { name: 'Mapped Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
  const [fixed, proportional] = (await ok(
    api.post(`/v1/loyalties/${program.id}/earning-rules`, [
      { event: 'order.paid', source: { banner: 'Fixed 10' }, loyalty: { type: 'FIXED', points: 10 } },
      { event: 'order.paid', source: { banner: '3 per 10.00' }, loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_AMOUNT', order: { amount: { every: 1000, points: 3 } } } },
    ]),
  )) as unknown as Json[];
  const [bronze, silver] = (await ok(
    api.post(`/v1/loyalties/${program.id}/tiers`, [
      { name: 'Bronze', points: { from: 20, to: 199 }, earning_rules: { [fixed.id]: { type: 'CUSTOM', points: 25 }, [proportional.id]: { type: 'CUSTOM', points: 7 } } },
      { name: 'Silver', points: { from: 200 }, earning_rules: { [fixed.id]: { type: 'MULTIPLY', multiplier: 1.25 }, [proportional.id]: { type: 'MULTIPLY', multiplier: 2.5 } } },
    ]),
  )) as unknown as Json[];
  return { program, fixed, proportional, bronze, silver };
}

/** A customer holding a card of the program with `points` added through the balance endpoint. */
async function member(programId: string, sourceId: string, points: number) {
  const customer = await ok(api.post('/v1/customers', { source_id: sourceId, name: sourceId }));
  const card = await ok(api.post(`/v1/loyalties/${programId}/members`, { customer: customer.id }));
  if (points) await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points }));
  return { customer, code: card.code as string };
}

/** A PAID order of 45.50 for the customer: the PROPORTIONAL rule counts 4 whole 10.00s, 12 points. */
const payOrder = (customerId: string, sourceId: string) => ok(api.post('/v1/orders', { source_id: sourceId, status: 'PAID', amount: 4550, customer: { id: customerId } }));

/** The order's two accruals, oldest first. */
const accruals = async (code: string) =>
  (await historyOf(code))
    .filter((t) => t.type === 'POINTS_ACCRUAL')
    .reverse()
    .map((t) => ({ points: t.details.balance.points, balance: t.details.balance.balance, rule: t.details.earning_rule.id, tier: t.details.loyalty_tier }));

describe('earning in a tier that maps the rule', () => {
  it('with no tier, earns the rules’ own points and names no tier', async () => {
    const { program, fixed, proportional } = await earningClub();
    const { customer, code } = await member(program.id, 'no-tier', 0);
    expect(await tierIdOf(code)).toEqual([]);
    await payOrder(customer.id, 'ord-none');
    expect(await accruals(code)).toEqual([
      { points: 10, balance: 10, rule: fixed.id, tier: undefined },
      { points: 12, balance: 22, rule: proportional.id, tier: undefined },
    ]);
    expect(await cardOf(code)).toMatchObject({ points: 22, balance: 22 });
  });

  it('in Bronze, a CUSTOM mapping gives its points for the FIXED rule; the PROPORTIONAL rule earns its own', async () => {
    const { program, fixed, proportional, bronze } = await earningClub();
    const { customer, code } = await member(program.id, 'bronze', 150);
    expect(await tierIdOf(code)).toEqual([bronze.id]);
    const order = await payOrder(customer.id, 'ord-bronze');
    const tier = { id: bronze.id, name: 'Bronze' };
    expect(await accruals(code)).toEqual([
      { points: 25, balance: 175, rule: fixed.id, tier },
      { points: 12, balance: 187, rule: proportional.id, tier },
    ]);
    expect((await historyOf(code))[0]).toMatchObject({ type: 'POINTS_ACCRUAL', details: { order: { id: order.id }, event: { type: 'customer.order.paid' }, loyalty_tier: tier } });
    expect(await cardOf(code)).toMatchObject({ points: 187, balance: 187 });
  });

  it('in Silver, MULTIPLY multiplies what each rule gives, rounded down', async () => {
    const { program, fixed, proportional, silver } = await earningClub();
    const { customer, code } = await member(program.id, 'silver', 300);
    expect(await tierIdOf(code)).toEqual([silver.id]);
    await payOrder(customer.id, 'ord-silver');
    const tier = { id: silver.id, name: 'Silver' };
    // FIXED 10 × 1.25 = 12.5 → 12; PROPORTIONAL 4 × 3 = 12 × 2.5 = 30.
    expect(await accruals(code)).toEqual([
      { points: 12, balance: 312, rule: fixed.id, tier },
      { points: 30, balance: 342, rule: proportional.id, tier },
    ]);
    expect(await cardOf(code)).toMatchObject({ points: 342, balance: 342 });
  });

  it('counts every rule of an order at the tier the member was in before the order’s points moved them', async () => {
    const { program, fixed, proportional, bronze, silver } = await earningClub();
    const { customer, code } = await member(program.id, 'climber', 187);
    await payOrder(customer.id, 'ord-climb');
    // Bronze's 25 take the member to 212 (Silver), yet the PROPORTIONAL rule of the same order still counts as Bronze.
    const tier = { id: bronze.id, name: 'Bronze' };
    expect(await accruals(code)).toEqual([
      { points: 25, balance: 212, rule: fixed.id, tier },
      { points: 12, balance: 224, rule: proportional.id, tier },
    ]);
    expect(await tierIdOf(code)).toEqual([silver.id]);
    // The next order earns as Silver.
    await payOrder(customer.id, 'ord-climb-2');
    expect((await accruals(code)).slice(2)).toEqual([
      { points: 12, balance: 236, rule: fixed.id, tier: { id: silver.id, name: 'Silver' } },
      { points: 30, balance: 266, rule: proportional.id, tier: { id: silver.id, name: 'Silver' } },
    ]);
  });

  it('earns a tier event’s rule at the tier the move reached; `__ANY__` rules earn on a move into any tier', async () => {
    const program = await ok(api.post('/v1/loyalties', { name: 'Joining Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    const [joined] = (await ok(
      api.post(`/v1/loyalties/${program.id}/earning-rules`, [{ event: 'customer.loyalty.tier.joined', loyalty_tier: { id: '__ANY__' }, source: { banner: 'Welcome' }, loyalty: { type: 'FIXED', points: 5 } }]),
    )) as unknown as Json[];
    const [, gold] = (await ok(
      api.post(`/v1/loyalties/${program.id}/tiers`, [
        { name: 'Silver', points: { from: 100, to: 199 } },
        { name: 'Gold', points: { from: 200 }, earning_rules: { [joined.id]: { type: 'MULTIPLY', multiplier: 3 } } },
      ]),
    )) as unknown as Json[];
    // Joining Silver (no mapping): 5; joining Gold straight away (× 3): 15.
    const { code: silverCode } = await member(program.id, 'joins-silver', 120);
    expect(await cardOf(silverCode)).toMatchObject({ points: 125, balance: 125 });
    const { code: goldCode } = await member(program.id, 'joins-gold', 250);
    expect(await cardOf(goldCode)).toMatchObject({ points: 265, balance: 265 });
    expect((await historyOf(goldCode))[0]).toMatchObject({
      type: 'POINTS_ACCRUAL',
      details: { balance: { points: 15, balance: 265 }, event: { type: 'customer.loyalty.tier.joined' }, earning_rule: { id: joined.id }, loyalty_tier: { id: gold.id, name: 'Gold' } },
    });
  });

  it('estimates a member’s points for an order at their tier, and lists the FIXED rule at the tier’s points', async () => {
    const { program, fixed, silver } = await earningClub();
    const { customer } = await member(program.id, 'silver-estimate', 300);
    const estimate = await ok(api.post(`/v1/loyalties/${program.id}/qualifications`, { customer: { id: customer.id }, order: { amount: 4550 } }));
    expect(estimate.points_estimation).toBe(42);
    const listed = await ok(api.get(`/v1/loyalties/${program.id}/tiers/${silver.id}/earning-rules`));
    expect(listed.data.find((rule: Json) => rule.id === fixed.id).loyalty).toEqual({ type: 'FIXED', points: 12 });
  });
});

/**
 * A program offering a MATERIAL reward at 80 points and a COIN reward; below 100 points a member is
 * in no tier; Bronze (100–199) prices the MATERIAL reward, by the reward's id, × 1.5 (120); Silver
 * (from 200) prices its assignment CUSTOM 40 and maps the COIN reward too (COIN has no price of its
 * own: it pays by the points sent, so the mapping changes nothing).
 */
async function rewardClub() {
  const program = await ok(api.post('/v1/loyalties', { name: 'Priced Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
  const product = await ok(api.post('/v1/products', { name: 'Mug', price: 1500 }));
  const material = await ok(api.post('/v1/rewards', { name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } }));
  const coin = await ok(api.post('/v1/rewards', { name: '100 = $20', type: 'COIN', parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } } }));
  const [assignment, coinAssignment] = (await ok(
    api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: material.id, parameters: { loyalty: { points: 80 } } }, { reward: coin.id }]),
  )) as unknown as Json[];
  const [bronze, silver] = (await ok(
    api.post(`/v1/loyalties/${program.id}/tiers`, [
      { name: 'Bronze', points: { from: 100, to: 199 }, rewards: { [material.id]: { type: 'MULTIPLY', multiplier: 1.5 } } },
      { name: 'Silver', points: { from: 200 }, rewards: { [assignment.id]: { type: 'CUSTOM', points: 40 }, [coin.id]: { type: 'CUSTOM', points: 1 } } },
    ]),
  )) as unknown as Json[];
  return { program, material, coin, assignment, coinAssignment, bronze, silver };
}

/** The member buys the reward through the member redemption endpoint. */
const buy = (code: string, rewardId: string) => ok(api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: rewardId } }));

describe('buying a reward at the tier’s price', () => {
  it('pays the assignment’s own price with no tier, × 1.5 in Bronze, the CUSTOM price in Silver', async () => {
    const { program, material, bronze, silver } = await rewardClub();
    const cases = [
      { name: 'none', points: 90, tier: [] as string[], price: 80 },
      { name: 'bronze', points: 150, tier: [bronze.id], price: 120 },
      { name: 'silver', points: 300, tier: [silver.id], price: 40 },
    ];
    for (const { name, points, tier, price } of cases) {
      const { code } = await member(program.id, `buyer-${name}`, points);
      expect(await tierIdOf(code)).toEqual(tier);
      const redemption = await buy(code, material.id);
      const after = points - price;
      expect(redemption).toMatchObject({ amount: price, loyalty_card: { points: price }, reward: { id: material.id }, voucher: { loyalty_card: { balance: after } } });
      expect(await cardOf(code)).toMatchObject({ points, balance: after });
      expect((await historyOf(code))[0]).toMatchObject({ type: 'POINTS_REDEMPTION', details: { balance: { points: -price, balance: after }, redemption: { id: redemption.id }, reward: { id: material.id } } });
    }
  });

  it('refuses a member whose balance pays the own price but not the tier’s, and spends nothing', async () => {
    const { program, material } = await rewardClub();
    const { code } = await member(program.id, 'short', 110);
    const refused = await api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: material.id } });
    expectError(refused, 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    expect(await cardOf(code)).toMatchObject({ points: 110, balance: 110 });
  });

  it('prices at the tier the member is in before the purchase moves them down', async () => {
    const { program, material, bronze } = await rewardClub();
    const { code } = await member(program.id, 'edge', 210);
    // Silver's 40, though the member lands in Bronze at 170.
    expect(await buy(code, material.id)).toMatchObject({ amount: 40, loyalty_card: { points: 40 } });
    expect(await cardOf(code)).toMatchObject({ balance: 170 });
    expect(await tierIdOf(code)).toEqual([bronze.id]);
    // Now Bronze: 120, down to 50 and out of every tier.
    expect(await buy(code, material.id)).toMatchObject({ amount: 120, loyalty_card: { points: 120 } });
    expect(await cardOf(code)).toMatchObject({ balance: 50 });
    expect(await tierIdOf(code)).toEqual([]);
  });

  it('prices the reward in validations and POST /v1/redemptions at the tier’s price', async () => {
    const { program, material } = await rewardClub();
    const { customer, code } = await member(program.id, 'checkout', 160);
    const request = { customer: { id: customer.id }, redeemables: [{ object: 'voucher', id: code, reward: { id: material.id } }] };
    const validation = await ok(api.post('/v1/validations', request));
    expect(validation.redeemables[0]).toMatchObject({ status: 'APPLICABLE', result: { loyalty_card: { points: 120 } } });
    const redeemed = await ok(api.post('/v1/redemptions', request));
    expect(redeemed.redemptions[0]).toMatchObject({ amount: 120, loyalty_card: { points: 120 }, reward: { id: material.id }, voucher: { loyalty_card: { balance: 40 } } });
    expect((await historyOf(code))[0]).toMatchObject({ type: 'POINTS_REDEMPTION', details: { balance: { points: -120, balance: 40 } } });
    // At 90 points the member is in no tier: the assignment's own 80.
    await ok(api.post(`/v1/loyalties/members/${code}/balance`, { points: 50 }));
    const again = await ok(api.post('/v1/validations', request));
    expect(again.redeemables[0]).toMatchObject({ status: 'APPLICABLE', result: { loyalty_card: { points: 80 } } });
  });

  it('lists the member’s rewards at their tier’s price, affordable_only by it, and the tier listings alike', async () => {
    const { program, material, coin, assignment, coinAssignment, bronze, silver } = await rewardClub();
    const { code } = await member(program.id, 'lister', 110);
    const all = await ok(api.get(`/v1/loyalties/members/${code}/rewards`));
    expect(all.data).toEqual([
      { reward: expect.objectContaining({ id: material.id }), assignment: { ...assignment, parameters: { loyalty: { points: 120 } } }, object: 'loyalty_reward' },
      { reward: expect.objectContaining({ id: coin.id }), assignment: coinAssignment, object: 'loyalty_reward' },
    ]);
    // 110 points pay the own 80 but not Bronze's 120: only the COIN reward is affordable.
    const affordable = await ok(api.get(`/v1/loyalties/members/${code}/rewards?affordable_only=true`));
    expect(affordable.data.map((r: Json) => r.reward.id)).toEqual([coin.id]);
    const bronzeList = await ok(api.get(`/v1/loyalties/${program.id}/tiers/${bronze.id}/rewards`));
    expect(bronzeList.data.map((r: Json) => r.assignment.parameters)).toEqual([{ loyalty: { points: 120 } }, undefined]);
    const silverList = await ok(api.get(`/v1/loyalties/${program.id}/tiers/${silver.id}/rewards`));
    expect(silverList.data.map((r: Json) => r.assignment.parameters)).toEqual([{ loyalty: { points: 40 } }, undefined]);
  });
});

describe("a transaction's holder_loyalty_tier", () => {
  it('names the tier the holder was in before the change, and is left out with no tier', async () => {
    const { program, bronze } = await earningClub();
    const { customer, code } = await member(program.id, 'climber', 0);
    // 0 → 190: no tier when the addition was made.
    await ok(api.post(`/v1/loyalties/members/${code}/balance`, { points: 190 }));
    // 190 → Bronze: the order's first accrual (25 points, Bronze's CUSTOM) moves the holder to Silver.
    await payOrder(customer.id, 'ord-climb');
    const history = (await historyOf(code)).reverse();
    expect(history.map((t) => ({ type: t.type, balance: t.details.balance.balance, tier: t.details.holder_loyalty_tier }))).toEqual([
      { type: 'POINTS_ADDITION', balance: 190, tier: undefined },
      { type: 'POINTS_ACCRUAL', balance: 215, tier: { id: bronze.id, name: 'Bronze' } },
      { type: 'POINTS_ACCRUAL', balance: 227, tier: { id: expect.stringMatching(/^ltr_/), name: 'Silver' } },
    ]);
  });
});

describe("pending points' holder_loyalty_tier", () => {
  it('names the tier the holder was in when the pending points were made, and none without a tier', async () => {
    const program = await ok(api.post('/v1/loyalties', { name: 'Pending Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    await ok(api.post(`/v1/loyalties/${program.id}/earning-rules`, [{ event: 'order.paid', loyalty: { type: 'FIXED', points: 30 }, pending_points: { period_type: 'DAY', period_value: 2 } }]));
    const [gold] = (await ok(api.post(`/v1/loyalties/${program.id}/tiers`, [{ name: 'Gold', points: { from: 100 } }]))) as unknown as Json[];
    const inGold = await member(program.id, 'gold-member', 150);
    const noTier = await member(program.id, 'new-member', 0);
    await payOrder(inGold.customer.id, 'ord-gold');
    await payOrder(noTier.customer.id, 'ord-new');
    const pendingOf = async (code: string) => ((await ok(api.get(`/v1/loyalties/members/${code}/pending-points`))).data as Json[]).map((p) => p.details.holder_loyalty_tier);
    expect(await pendingOf(inGold.code)).toEqual([{ id: gold.id, name: 'Gold' }]);
    expect(await pendingOf(noTier.code)).toEqual([undefined]);
  });
});
