// A loyalty program's rewards (program side), a member's rewards, and buying rewards with a card:
// every operation and refusal, points to the unit, and rolling a reward redemption back.

import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(200);
  return res.body;
}

/** A program, a customer holding a card of it with `points`, and the card. */
async function member(points: number, name = 'Club') {
  const program = await ok(api.post('/v1/loyalties', { name, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
  const customer = await ok(api.post('/v1/customers', { source_id: `${name}-member`, name: 'Bob Jones' }));
  const card = await ok(api.post(`/v1/loyalties/${program.id}/members`, { customer: customer.id }));
  if (points) await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points }));
  return { program, customer, card };
}

const coinReward = () => ok(api.post('/v1/rewards', { name: '100 = $20', type: 'COIN', parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } } }));
const materialReward = async (stock?: number) => {
  const product = await ok(api.post('/v1/products', { name: 'Comic', price: 1000 }));
  return ok(api.post('/v1/rewards', { name: 'Comic', type: 'MATERIAL', parameters: { product: { id: product.id } }, ...(stock !== undefined ? { stock } : {}) }));
};
const assign = async (programId: string, rewardId: string, points?: number): Promise<Json[]> =>
  (await ok(api.post(`/v1/loyalties/${programId}/rewards`, [{ reward: rewardId, ...(points !== undefined ? { parameters: { loyalty: { points } } } : {}) }]))) as unknown as Json[];
const card = (code: string) => ok(api.get(`/v1/loyalties/members/${code}`));

describe('program side: /v1/loyalties/{campaignId}/rewards and reward-assignments', () => {
  it('assigns rewards, lists, gets, updates and deletes the assignments, and shows their rewards', async () => {
    const { program } = await member(0);
    const material = await materialReward();
    const coin = await coinReward();
    const [first, second] = (await ok(
      api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: material.id, parameters: { loyalty: { points: 2 } } }, { reward: coin.id }]),
    )) as unknown as Json[];
    expect(first).toMatchObject({ reward_id: material.id, related_object_id: program.id, related_object_type: 'campaign', parameters: { loyalty: { points: 2 } }, object: 'reward_assignment' });
    expect(second).toMatchObject({ reward_id: coin.id, related_object_id: program.id });
    for (const path of ['rewards', 'reward-assignments']) {
      const list = await ok(api.get(`/v1/loyalties/${program.id}/${path}`));
      expect(list).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
      expect(await ok(api.get(`/v1/loyalties/${program.id}/${path}/${first.id}`))).toEqual(first);
    }
    expect((await ok(api.get(`/v1/loyalties/${program.id}/rewards`).query({ assignment_id: second.id }))).data).toEqual([second]);
    expect((await ok(api.get(`/v1/loyalties/${program.id}/reward-assignments`).query({ assignmentId: first.id }))).data).toEqual([first]);
    expect(await ok(api.get(`/v1/loyalties/${program.id}/reward-assignments/${first.id}/reward`))).toEqual(material);
    const updated = await ok(api.put(`/v1/loyalties/${program.id}/rewards/${first.id}`, { parameters: { loyalty: { points: 3 } } }));
    expect(updated.parameters).toEqual({ loyalty: { points: 3 } });
    expect((await api.delete(`/v1/loyalties/${program.id}/rewards/${first.id}`)).status).toBe(204);
    expectError(await api.get(`/v1/loyalties/${program.id}/rewards/${first.id}`), 404, 'not_found', 'Resource not found');
    expectError(await api.delete(`/v1/loyalties/${program.id}/rewards/${first.id}`), 404, 'not_found', 'Resource not found');
  });

  it('refuses a second assignment of a reward, an unknown reward, and a campaign that is no program; one failure assigns nothing', async () => {
    const { program } = await member(0);
    const material = await materialReward();
    const [assignment] = await assign(program.id, material.id, 2);
    const coin = await coinReward();
    const dup = await api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: coin.id }, { reward: material.id, parameters: { loyalty: { points: 1 } } }]);
    expectError(dup, 409, 'duplicate_found', 'Duplicated resource found');
    expect(dup.body.resource_id).toBe(assignment.id);
    expect((await ok(api.get(`/v1/loyalties/${program.id}/rewards`))).total).toBe(1);
    const unknown = await api.post(`/v1/loyalties/${program.id}/rewards`, [{ reward: 'rew_none' }]);
    expectError(unknown, 404, 'not_found', 'Resource not found');
    expect(unknown.body.details).toBe('Cannot find reward with id rew_none');
    const campaign = await ok(api.post('/v1/campaigns', { name: 'Coupons', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ORDER' } } }));
    expectError(await api.post(`/v1/loyalties/${campaign.id}/rewards`, [{ reward: coin.id }]), 404, 'not_found', 'Resource not found');
    expectError(await api.get(`/v1/loyalties/${campaign.id}/reward-assignments`), 404, 'not_found', 'Resource not found');
  });
});

describe('GET /v1/loyalties/members/{memberId}/rewards', () => {
  it("lists the rewards of the member's program with their assignments; affordable_only keeps those within the balance", async () => {
    const { program, card: member1 } = await member(10);
    const cheap = await materialReward();
    const dear = await materialReward();
    const [cheapAssignment] = await assign(program.id, cheap.id, 10);
    await assign(program.id, dear.id, 11);
    const all = await ok(api.get(`/v1/loyalties/members/${member1.code}/rewards`));
    expect(all).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(all.data[0]).toEqual({ reward: cheap, assignment: cheapAssignment, object: 'loyalty_reward' });
    const affordable = await ok(api.get(`/v1/loyalties/members/${member1.code}/rewards`).query({ affordable_only: true }));
    expect(affordable.data.map((entry: Json) => entry.reward.id)).toEqual([cheap.id]);
    expectError(await api.get('/v1/loyalties/members/NOPE/rewards'), 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/loyalties/members/{memberId}/redemption', () => {
  it("obeys the validation rules assigned to the reward's assignment: refused, then bought once the holder meets them", async () => {
    const { card: held, customer } = await member(50, 'Rules Club');
    const material = await materialReward();
    const [assignment] = await assign(String(held.campaign_id), material.id, 10);
    const rule = await ok(
      api.post('/v1/validation-rules', {
        name: 'VIP only',
        type: 'basic',
        error: { message: 'Only VIP members can buy this reward' },
        rules: { '1': { name: 'customer.metadata', property: 'vip', conditions: { $is: [true] }, rules: {} }, logic: '1' },
      }),
    );
    await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'reward_assignment', related_object_id: assignment.id }));
    const refused = await api.post(`/v1/loyalties/members/${held.code}/redemption`, { reward: { id: material.id } });
    const body = expectError(refused, 400, 'customer_rules_violated', 'Only VIP members can buy this reward');
    expect(body.details).toBe(`Loyalty Card cannot be redeemed because of violated validation rules: ${rule.id}`);
    expect((await card(held.code)).loyalty_card.balance).toBe(50);
    await ok(api.put(`/v1/customers/${customer.id}`, { metadata: { vip: true } }));
    await ok(api.post(`/v1/loyalties/members/${held.code}/redemption`, { reward: { id: material.id } }));
    expect((await card(held.code)).loyalty_card.balance).toBe(40);
  });

  it('pays for an order with a COIN reward: 100 points take $20 off, and the card pays them through a POINTS_REDEMPTION', async () => {
    const { program, card: member1, customer } = await member(500);
    const coin = await coinReward();
    const [assignment] = await assign(program.id, coin.id);
    const redemption = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: coin.id, points: 100 }, order: { amount: 45000 } }));
    expect(redemption).toMatchObject({
      id: expect.stringMatching(/^r_/),
      object: 'redemption',
      customer_id: customer.id,
      amount: 100,
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      related_object_type: 'voucher',
      related_object_id: member1.id,
      reward: { id: coin.id, assignment_id: assignment.id, object: 'reward', name: '100 = $20', type: 'COIN', parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } }, customer: { id: customer.id } },
      loyalty_card: { points: 100 },
      voucher: { code: member1.code, loyalty_card: { points: 500, balance: 400 }, redemption: { redeemed_quantity: 1, redeemed_points: 100 } },
    });
    expect(redemption.order).toMatchObject({ amount: 45000, discount_amount: 2000, total_amount: 43000, status: 'PAID', customer_id: customer.id });
    expect(redemption.order.redemptions[redemption.id]).toMatchObject({ related_object_type: 'voucher', related_object_id: member1.id, related_object_parent_id: program.id });
    expect(await card(member1.code)).toMatchObject({ loyalty_card: { points: 500, balance: 400 }, redemption: { redeemed_points: 100 } });
    const transactions = await ok(api.get(`/v1/vouchers/${member1.code}/transactions`));
    expect(transactions.data[0]).toMatchObject({
      type: 'POINTS_REDEMPTION',
      details: { balance: { points: -100, balance: 400 }, order: { id: redemption.order.id }, redemption: { id: redemption.id }, reward: { id: coin.id, name: '100 = $20' } },
    });
    expect(await ok(api.get(`/v1/redemptions/${redemption.id}`))).toMatchObject({ id: redemption.id, loyalty_card: { points: 100 } });
  });

  it('a COIN reward without points pays the rest of the order, within the balance', async () => {
    const { program, card: member1 } = await member(60);
    const coin = await coinReward();
    await assign(program.id, coin.id);
    // 60 points are worth $12.00: all of them go to a $15.00 order.
    const all = await ok(api.post(`/v1/loyalties/${program.id}/members/${member1.code}/redemption`, { reward: { id: coin.id }, order: { amount: 1500 } }));
    expect(all).toMatchObject({ amount: 60, order: { discount_amount: 1200, total_amount: 300 } });
    await ok(api.post(`/v1/loyalties/members/${member1.code}/balance`, { points: 100 }));
    // A $3.00 order takes 15 of the 100 points.
    const part = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: coin.id }, order: { amount: 300 } }));
    expect(part).toMatchObject({ amount: 15, order: { discount_amount: 300, total_amount: 0 } });
    expect((await card(member1.code)).loyalty_card).toMatchObject({ points: 160, balance: 85 });
  });

  it('a MATERIAL reward costs its price and counts its stock; the last one gone, 423 reward_out_of_stock', async () => {
    const { program, card: member1 } = await member(50);
    const material = await materialReward(1);
    await assign(program.id, material.id, 20);
    const redemption = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: material.id } }));
    expect(redemption).toMatchObject({ amount: 20, order: null, loyalty_card: { points: 20 }, reward: { id: material.id, type: 'MATERIAL', product: { id: material.parameters.product.id, name: 'Comic' } } });
    expect(await ok(api.get(`/v1/rewards/${material.id}`))).toMatchObject({ stock: 1, redeemed: 1 });
    const res = await api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: material.id } });
    expectError(res, 423, 'reward_out_of_stock', 'Cannot purchase reward when stock is not available');
    expect(res.body.details).toBe('Reward stock is not available');
    expect((await card(member1.code)).loyalty_card.balance).toBe(30);
  });

  it('CAMPAIGN rewards give a coupon, gift credits (a gift card published when the member has none) and points', async () => {
    const { program, card: member1, customer } = await member(100);
    const coupons = await ok(api.post('/v1/campaigns', { name: 'Coupons', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 2000, effect: 'APPLY_TO_ORDER' } } }));
    const gifts = await ok(api.post('/v1/campaigns', { name: 'Gifts', campaign_type: 'GIFT_VOUCHERS', type: 'AUTO_UPDATE', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 1000, effect: 'APPLY_TO_ORDER' } } }));
    const other = await ok(api.post('/v1/loyalties', { name: 'Other club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    const coupon = await ok(api.post('/v1/rewards', { name: 'Coupon', type: 'CAMPAIGN', parameters: { campaign: { id: coupons.id } } }));
    const credits = await ok(api.post('/v1/rewards', { name: 'Credits', type: 'CAMPAIGN', parameters: { campaign: { id: gifts.id, balance: 3000 } } }));
    const points = await ok(api.post('/v1/rewards', { name: 'Points', type: 'CAMPAIGN', parameters: { campaign: { id: other.id, balance: 70 } } }));
    for (const reward of [coupon, credits, points]) await assign(program.id, reward.id, 10);

    const got = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: coupon.id } }));
    expect(got.reward.voucher).toMatchObject({ campaign_id: coupons.id, holder_id: customer.id, discount: { amount_off: 2000 } });
    const gift = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: credits.id } }));
    // The new card holds the campaign's 1000 and the reward's 3000.
    expect(gift.reward.voucher).toMatchObject({ campaign_id: gifts.id, holder_id: customer.id, gift: { amount: 4000, balance: 4000 } });
    const more = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: points.id } }));
    expect(more.reward.voucher).toMatchObject({ campaign_id: other.id, holder_id: customer.id, loyalty_card: { points: 70, balance: 70 } });
    expect((await card(member1.code)).loyalty_card).toMatchObject({ points: 100, balance: 70 });
  });

  it('refuses: no reward, unknown reward, a reward the program does not offer, too few points, a COIN reward without an order; nothing is spent, each refusal is a failed redemption', async () => {
    const { program, card: member1 } = await member(5);
    const material = await materialReward();
    const coin = await coinReward();
    const path = `/v1/loyalties/members/${member1.code}/redemption`;
    const none = await api.post(path, {});
    expectError(none, 400, 'missing_reward', 'Missing reward');
    expect(none.body.details).toBe('A reward is required when redeeming a LOYALTY_CARD');
    const unknown = await api.post(path, { reward: { id: 'rew_none' } });
    expectError(unknown, 404, 'not_found', 'Resource not found');
    expect(unknown.body).toMatchObject({ resource_id: 'rew_none', resource_type: 'reward' });
    const notOffered = await api.post(path, { reward: { id: material.id } });
    expectError(notOffered, 400, 'reward_not_assigned', 'Reward not assigned');
    expect(notOffered.body.details).toBe(`Reward ${material.id} is not assigned to campaign ${program.id}`);
    await assign(program.id, material.id, 6);
    await assign(program.id, coin.id);
    const exceeded = await api.post(path, { reward: { id: material.id } });
    expectError(exceeded, 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    expect(exceeded.body.details).toBe(member1.code);
    expectError(await api.post(path, { reward: { id: coin.id, points: 6 }, order: { amount: 1000 } }), 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    const noOrder = await api.post(path, { reward: { id: coin.id } });
    expectError(noOrder, 400, 'missing_order', 'Missing order');
    expect(noOrder.body.details).toBe('An order is required when redeeming a LOYALTY_CARD');
    expectError(await api.post('/v1/loyalties/members/NOPE/redemption', { reward: { id: coin.id } }), 404, 'not_found', 'Resource not found');
    const other = await member(0, 'Other');
    expectError(await api.post(`/v1/loyalties/${other.program.id}/members/${member1.code}/redemption`, { reward: { id: coin.id } }), 404, 'not_found', 'Resource not found');
    expect(await card(member1.code)).toMatchObject({ loyalty_card: { points: 5, balance: 5 }, redemption: { redeemed_quantity: 0, redeemed_points: 0 } });
    // An unknown card (404 above) has nothing to record a failure of; every other refusal is kept.
    const listed = (await ok(api.get('/v1/redemptions?limit=100'))).redemptions as Json[];
    expect(listed.every((r) => r.result === 'FAILURE' && r.status === 'FAILED' && String(r.id).startsWith('rf_') && r.related_object_id === member1.id)).toBe(true);
    expect(listed.map((r) => r.failure_code).sort()).toEqual(
      ['loyalty_card_points_exceeded', 'loyalty_card_points_exceeded', 'missing_order', 'missing_reward', 'not_found', 'reward_not_assigned'].sort(),
    );
  });

  it('a CAMPAIGN reward needs a holder to give it to: a card nobody holds is refused, here and in a redemption', async () => {
    const program = await ok(api.post('/v1/loyalties', { name: 'Club', type: 'STATIC', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    await ok(api.post('/v1/vouchers/NOBODYS', { campaign_id: program.id, type: 'LOYALTY_CARD', loyalty_card: { points: 50 } }));
    const coupons = await ok(api.post('/v1/campaigns', { name: 'Coupons', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ORDER' } } }));
    const coupon = await ok(api.post('/v1/rewards', { name: 'Coupon', type: 'CAMPAIGN', parameters: { campaign: { id: coupons.id } } }));
    await assign(program.id, coupon.id, 10);
    const res = await api.post('/v1/loyalties/members/NOBODYS/redemption', { reward: { id: coupon.id } });
    expectError(res, 400, 'missing_customer', 'Missing customer');
    expect(res.body.details).toBe('Loyalty card NOBODYS has no holder to give the reward to');
    const redeemed = await api.post('/v1/vouchers/NOBODYS/redemption', { reward: { id: coupon.id } });
    expectError(redeemed, 400, 'missing_customer', 'Missing customer');
    expect(redeemed.body.resource_id).toMatch(/^rf_/);
    expect((await card('NOBODYS')).loyalty_card).toMatchObject({ points: 50, balance: 50 });
  });

  it('rolling a reward redemption back gives the points back (POINTS_REFUND), as Voucherify answers it', async () => {
    const { program, card: member1, customer } = await member(50);
    const material = await materialReward();
    await assign(program.id, material.id, 20);
    const redemption = await ok(api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: material.id } }));
    const rollback = await ok(api.post(`/v1/redemptions/${redemption.id}/rollback`, {}));
    expect(rollback).toMatchObject({
      object: 'redemption_rollback',
      redemption: redemption.id,
      amount: -20,
      result: 'SUCCESS',
      customer_id: customer.id,
      reward: { id: material.id },
      loyalty_card: { points: -20 },
      voucher: { loyalty_card: { points: 50, balance: 50 }, redemption: { redeemed_quantity: 0, redeemed_points: 0 } },
    });
    const transactions = await ok(api.get(`/v1/vouchers/${member1.code}/transactions`));
    expect(transactions.data[0]).toMatchObject({ type: 'POINTS_REFUND', details: { balance: { points: 20, balance: 50 }, redemption: { id: redemption.id }, rollback: { id: rollback.id } } });
  });
});

describe('a loyalty card with a reward in validations and stacked redemptions', () => {
  it('a reward the program does not offer makes the card INAPPLICABLE with its error', async () => {
    const { card: member1 } = await member(500);
    const coin = await coinReward();
    const answer = await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: member1.code, reward: { id: coin.id } }], order: { amount: 1000 } }));
    expect(answer.valid).toBe(false);
    expect(answer.redeemables[0]).toMatchObject({ status: 'INAPPLICABLE', result: { error: { code: 400, key: 'reward_not_assigned', message: 'Reward not assigned' } } });
  });

  it('a COIN reward pays what a coupon left; the stack rolled back gives the points back', async () => {
    const { program, card: member1, customer } = await member(500);
    const coin = await coinReward();
    await assign(program.id, coin.id);
    await ok(api.post('/v1/vouchers/TENOFF', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } }));
    const request = {
      customer: { id: customer.id },
      order: { amount: 5000 },
      redeemables: [
        { object: 'voucher', id: 'TENOFF' },
        { object: 'voucher', id: member1.code, reward: { id: coin.id } },
      ],
    };
    const validation = await ok(api.post('/v1/validations', request));
    expect(validation.redeemables[1]).toMatchObject({ status: 'APPLICABLE', result: { loyalty_card: { points: 200 } } });
    expect(validation.order).toMatchObject({ amount: 5000, discount_amount: 5000, total_amount: 0 });
    const redeemed = await ok(api.post('/v1/redemptions', request));
    expect(redeemed.redemptions[1]).toMatchObject({ amount: 200, loyalty_card: { points: 200 }, reward: { id: coin.id }, voucher: { loyalty_card: { balance: 300 } } });
    expect((await ok(api.get(`/v1/customers/${customer.id}`))).summary.redemptions.loyalty_card.redeemed_points).toBe(200);
    const rolledBack = await ok(api.post(`/v1/redemptions/${redeemed.parent_redemption.id}/rollbacks`, {}));
    expect(rolledBack.rollbacks[1]).toMatchObject({ amount: -200, loyalty_card: { points: -200 } });
    expect(await card(member1.code)).toMatchObject({ loyalty_card: { points: 500, balance: 500 }, redemption: { redeemed_points: 0 } });
    expect((await ok(api.get(`/v1/customers/${customer.id}`))).summary.redemptions.loyalty_card.redeemed_points).toBe(0);
  });
});

describe('validation sessions (LOCK) hold the points a loyalty card pays for a reward', () => {
  const redeemable = (code: string, rewardId: string, points?: number) => ({ object: 'voucher', id: code, reward: { id: rewardId, ...(points !== undefined ? { points } : {}) } });

  /** A card of 50 points, a reward of 30 held by session `key`, and a reward of 20. */
  async function held(key: string, session: Json = {}) {
    const { program, card: member1 } = await member(50);
    const dear = await materialReward();
    const cheap = await materialReward();
    await assign(program.id, dear.id, 30);
    await assign(program.id, cheap.id, 20);
    const validation = await ok(api.post('/v1/validations', { redeemables: [redeemable(member1.code, dear.id)], session: { type: 'LOCK', key, ...session } }));
    expect(validation).toMatchObject({ valid: true, redeemables: [{ status: 'APPLICABLE', result: { loyalty_card: { points: 30 } } }], session: { key, type: 'LOCK' } });
    return { program, code: member1.code, dear, cheap };
  }

  it('other validations and redemptions see only the points left; the stored balance stays', async () => {
    const { code, dear, cheap } = await held('ssn-p1');
    const again = await ok(api.post('/v1/validations', { redeemables: [redeemable(code, dear.id)] }));
    expect(again.valid).toBe(false);
    expect(again.inapplicable_redeemables[0].result.error).toMatchObject({ code: 400, key: 'loyalty_card_points_exceeded', message: 'loyalty card points exceeded', details: code });
    expectError(await api.post('/v1/redemptions', { redeemables: [redeemable(code, dear.id)] }), 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    expectError(await api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: dear.id } }), 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    // A COIN reward's points beyond what is left are refused too.
    const coin = await coinReward();
    await assign((await card(code)).campaign_id, coin.id);
    expectError(
      await api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: coin.id, points: 21 }, order: { amount: 10000 } }),
      400,
      'loyalty_card_points_exceeded',
      'loyalty card points exceeded',
    );
    expect((await card(code)).loyalty_card).toMatchObject({ points: 50, balance: 50 });
    // The 20 points left can still be spent.
    const bought = await ok(api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: cheap.id } }));
    expect(bought.voucher.loyalty_card).toMatchObject({ balance: 30 });
    // 30 held, 0 left: the one-voucher validation is refused too.
    const single = await ok(api.post(`/v1/vouchers/${code}/validate`, { reward: { id: cheap.id } }));
    expect(single).toMatchObject({ valid: false, error: { code: 400, key: 'loyalty_card_points_exceeded', message: 'loyalty card points exceeded' } });
  });

  it('the redemption with the session key spends the held points and ends the hold', async () => {
    const { code, dear } = await held('ssn-p2');
    const redeemed = await ok(api.post('/v1/redemptions', { redeemables: [redeemable(code, dear.id)], session: { key: 'ssn-p2' } }));
    expect(redeemed.redemptions[0]).toMatchObject({ session: { key: 'ssn-p2' }, loyalty_card: { points: 30 }, voucher: { loyalty_card: { balance: 20 } } });
    expectError(await api.delete(`/v1/vouchers/${code}/sessions/ssn-p2`), 404, 'not_found', 'Resource not found');
    // Nothing is held any more: the 20 points left pay for what they can.
    const cheaper = await materialReward();
    await assign((await card(code)).campaign_id, cheaper.id, 20);
    expect((await ok(api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: cheaper.id } }))).voucher.loyalty_card).toMatchObject({ balance: 0 });
  });

  it('releasing the session frees the points', async () => {
    const { code, dear } = await held('ssn-p3');
    expectError(await api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: dear.id } }), 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    expect((await api.delete(`/v1/vouchers/${code}/sessions/ssn-p3`)).status).toBe(204);
    const bought = await ok(api.post(`/v1/loyalties/members/${code}/redemption`, { reward: { id: dear.id } }));
    expect(bought.voucher.loyalty_card).toMatchObject({ balance: 20 });
  });

  it("the hold ends when the session's ttl runs out by the tenant's clock", async () => {
    const { code, dear } = await held('ssn-p4', { ttl: 30, ttl_unit: 'MINUTES' });
    await ok(api.post('/_mock/clock', { advance: 'PT29M' }));
    expectError(await api.post('/v1/redemptions', { redeemables: [redeemable(code, dear.id)] }), 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    await ok(api.post('/_mock/clock', { advance: 'PT2M' }));
    const redeemed = await ok(api.post('/v1/redemptions', { redeemables: [redeemable(code, dear.id)] }));
    expect(redeemed.redemptions[0].voucher.loyalty_card).toMatchObject({ balance: 20 });
  });
});

describe('a refused member reward redemption is kept as a failed redemption', () => {
  it.each([
    ['/v1/loyalties/members/{memberId}/redemption', (_programId: string, code: string) => `/v1/loyalties/members/${code}/redemption`],
    ['/v1/loyalties/{campaignId}/members/{memberId}/redemption', (programId: string, code: string) => `/v1/loyalties/${programId}/members/${code}/redemption`],
  ])('%s: same error, a FAILURE listed with the failed redemptions, counted on the holder; nothing spent', async (_name, pathOf) => {
    const { program, card: member1, customer } = await member(5);
    const material = await materialReward(3);
    await assign(program.id, material.id, 6);
    const res = await api.post(pathOf(program.id, member1.code), { reward: { id: material.id }, metadata: { shop: 'web' } });
    expectError(res, 400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded');
    expect(res.body.details).toBe(member1.code);
    const failures = await ok(api.get('/v1/redemptions?result=FAILURE'));
    expect(failures.redemptions).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^rf_/),
        object: 'redemption',
        result: 'FAILURE',
        status: 'FAILED',
        failure_code: 'loyalty_card_points_exceeded',
        failure_message: 'loyalty card points exceeded',
        customer_id: customer.id,
        metadata: { shop: 'web' },
        related_object_type: 'voucher',
        related_object_id: member1.id,
        voucher: expect.objectContaining({ code: member1.code, loyalty_card: expect.objectContaining({ balance: 5 }) }),
      }),
    ]);
    expect(await ok(api.get(`/v1/redemptions/${failures.redemptions[0].id}`))).toEqual(failures.redemptions[0]);
    expect((await ok(api.get('/v1/redemptions?result=SUCCESS'))).redemptions).toEqual([]);
    expect((await ok(api.get(`/v1/customers/${customer.id}`))).summary.redemptions).toMatchObject({ total_redeemed: 1, total_failed: 1, total_succeeded: 0 });
    expect(await card(member1.code)).toMatchObject({ loyalty_card: { points: 5, balance: 5 }, redemption: { redeemed_quantity: 0, redeemed_points: 0 } });
    expect((await ok(api.get(`/v1/rewards/${material.id}`))).redeemed ?? 0).toBe(0);
  });

  it('an unknown order id is 404 and records nothing', async () => {
    const { program, card: member1 } = await member(50);
    const material = await materialReward();
    await assign(program.id, material.id, 6);
    expectError(await api.post(`/v1/loyalties/members/${member1.code}/redemption`, { reward: { id: material.id }, order: { id: 'ord_none' } }), 404, 'not_found', 'Resource not found');
    expect((await ok(api.get('/v1/redemptions'))).redemptions).toEqual([]);
  });
});
