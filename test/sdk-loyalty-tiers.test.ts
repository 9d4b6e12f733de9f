// The official @voucherify/sdk, unpatched, against a mock on a real port: loyalty tiers
// (createTiers, listTiers, getTier, listMemberLoyaltyTiers), card transactions, points transfers,
// points expiration, and loyalty program update and delete.

import { sdkAgainstMock, sdkError } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-loyalty-tiers', 13);
/** bob's card of the fixtures' Loyalty Club, with 250 points. */
const BOB_CARD = 'LC-00000004';

type Program = { id: string; name: string };
type Card = { id: string; code: string; loyalty_card: { points: number; balance: number } };

async function program(name: string): Promise<Program> {
  return (await sdk.client.loyalties.create({ name, vouchers_count: 2, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } } as never)) as unknown as Program;
}

const join = async (programId: string, customer: string) => (await sdk.client.loyalties.createMember(programId, { customer } as never)) as unknown as Card;

describe('loyalty tiers through the SDK', () => {
  it('creates, lists and reads tiers, and shows the tier a member reaches', async () => {
    const club = await program('SDK Tiered Club');
    const created = await sdk.client.loyalties.createTiers(club.id, [
      { name: 'Silver', points: { from: 100, to: 499 }, earning_rules: {}, rewards: {} },
      { name: 'Gold', points: { from: 500 }, earning_rules: {}, rewards: { rew_1: { type: 'MULTIPLY', multiplier: 2 } } },
    ] as never);
    expect((created as unknown as { name: string }[]).map((t) => t.name)).toEqual(['Silver', 'Gold']);

    const listed = await sdk.client.loyalties.listTiers(club.id, { limit: 10 } as never);
    expect(listed).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    const gold = (listed.data as unknown as { id: string; name: string }[])[1];
    expect(await sdk.client.loyalties.getTier(club.id, gold.id)).toMatchObject({ id: gold.id, name: 'Gold', rewards: { rew_1: { type: 'MULTIPLY', multiplier: 2 } } });
    expect(await sdkError(sdk.client.loyalties.getTier(club.id, 'ltr_missing'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find loyalty_tier with id ltr_missing',
    });

    const member = await join(club.id, 'alice-referrer');
    expect((await sdk.client.loyalties.listMemberLoyaltyTiers(member.code)).total).toBe(0);
    await sdk.client.loyalties.addOrRemoveCardBalance(member.code, { points: 600 } as never);
    const tiers = await sdk.client.loyalties.listMemberLoyaltyTiers(member.code);
    expect(tiers).toMatchObject({ total: 1, data: [{ id: gold.id, name: 'Gold', expiration: { tier_id: gold.id, campaign_id: club.id } }] });
  });
});

describe('card transactions, transfers and points expiration through the SDK', () => {
  it('moves points from another card of the holder and lists both sides', async () => {
    const second = await program('SDK Second Club');
    const target = await join(second.id, 'bob-shopper');
    const moved = await sdk.client.loyalties.transferPoints(second.id, target.code, [{ code: BOB_CARD, points: 50, source_id: 'sdk-move', reason: 'Merge' }] as never);
    expect(moved).toMatchObject({ code: target.code, loyalty_card: { points: 50, balance: 50 } });

    const outgoing = await sdk.client.loyalties.listCardTransactions(BOB_CARD, null);
    const incoming = await sdk.client.loyalties.listCardTransactions(target.code, second.id, { limit: 5 } as never);
    const [out] = outgoing.data as unknown as { id: string; type: string; related_transaction_id: string }[];
    const [into] = incoming.data as unknown as { id: string; type: string; related_transaction_id: string }[];
    expect(out).toMatchObject({ type: 'POINTS_TRANSFER_OUT', related_transaction_id: into.id });
    expect(into).toMatchObject({ type: 'POINTS_TRANSFER_IN', related_transaction_id: out.id });

    expect(await sdkError(sdk.client.loyalties.transferPoints(second.id, target.code, [{ code: BOB_CARD, points: 1000, source_id: 'too-much' }] as never))).toEqual({
      code: 400,
      key: 'insufficient_card_balance',
      message: 'Insufficient card balance',
      details: 'Operation exceeds the available card balance',
    });
  });

  it('lists the dated buckets of a card', async () => {
    const club = (await sdk.client.loyalties.get('Loyalty Club')) as unknown as Program;
    // This mock runs on the real clock: a day a year ahead is never past.
    const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
    await sdk.client.loyalties.addOrRemoveCardBalance(BOB_CARD, { points: 25, expiration_date: nextYear } as never);
    const buckets = await sdk.client.loyalties.getPointsExpiration(club.id, BOB_CARD, { limit: 10, page: 1 } as never);
    expect(buckets).toMatchObject({ object: 'list', data_ref: 'data', total: 1, data: [{ bucket: { total_points: 25 }, expires_at: nextYear, status: 'ACTIVE' }] });
  });
});

describe('loyalty program update and delete through the SDK', () => {
  it('updates the description and deletes the program', async () => {
    const club = await program('SDK Short-lived Club');
    const updated = await sdk.client.loyalties.update({ id: club.id, description: 'Soon gone', metadata: { via: 'sdk' } } as never);
    expect(updated).toMatchObject({ id: club.id, description: 'Soon gone', metadata: { via: 'sdk' } });
    const deleted = (await sdk.client.loyalties.delete(club.id, { force: true } as never)) as { async_action_id: string };
    expect(deleted.async_action_id).toMatch(/^aa_/);
    expect(await sdkError(sdk.client.loyalties.get(club.id))).toMatchObject({ code: 404, key: 'not_found', details: `Cannot find campaign with id ${club.id}` });
  });
});

describe('loyalty tier mappings through the SDK', () => {
  it('a Silver member earns by a rule Silver multiplies and buys a reward at the price Silver sets; the listings agree', async () => {
    const club = await program('SDK Mapped Club');
    const [rule] = (await sdk.client.loyalties.createEarningRule(club.id, [{ event: 'order.paid', loyalty: { type: 'FIXED', points: 10 } } as never])) as unknown as { id: string }[];
    const product = (await sdk.client.products.create({ name: 'Mug', price: 900 } as never)) as { id: string };
    const reward = (await sdk.client.rewards.create({ name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } } as never)) as { id: string };
    const [assignment] = await sdk.client.loyalties.createRewardAssignments(club.id, [{ reward: reward.id, parameters: { loyalty: { points: 80 } } } as never]);
    const [silver] = (await sdk.client.loyalties.createTiers(club.id, [
      { name: 'Silver', points: { from: 100 }, earning_rules: { [rule.id]: { type: 'MULTIPLY', multiplier: 3 } }, rewards: { [assignment.id]: { type: 'CUSTOM', points: 45 } } },
    ] as never)) as unknown as { id: string }[];
    const card = await join(club.id, 'bob');
    await sdk.client.loyalties.addOrRemoveCardBalance(card.code, { points: 100 } as never);

    await sdk.client.orders.create({ source_id: 'sdk-mapped-order', status: 'PAID', amount: 2000, customer: { source_id: 'bob' } } as never);
    // 100 + 10 × 3.
    expect(((await sdk.client.loyalties.getMember(club.id, card.code)) as unknown as Card).loyalty_card).toMatchObject({ points: 130, balance: 130 });
    expect((await sdk.client.loyalties.listLoyaltyTierEarningRules(club.id, silver.id)).data[0]).toMatchObject({ id: rule.id, loyalty: { type: 'FIXED', points: 30 } });

    const rewards = await sdk.client.loyalties.listMemberRewards(card.code, { affordable_only: true } as never);
    expect(rewards.data).toHaveLength(1);
    expect(rewards.data[0].assignment).toMatchObject({ id: assignment.id, parameters: { loyalty: { points: 45 } } });
    expect((await sdk.client.loyalties.listLoyaltyTierRewards(club.id, silver.id)).data[0].assignment).toMatchObject({ id: assignment.id, parameters: { loyalty: { points: 45 } } });
    const redemption = (await sdk.client.loyalties.redeemReward(club.id, card.code, { reward: { id: reward.id } } as never)) as unknown as { amount: number; loyalty_card: { points: number } };
    expect(redemption).toMatchObject({ amount: 45, loyalty_card: { points: 45 } });
    expect(((await sdk.client.loyalties.getMember(club.id, card.code)) as unknown as Card).loyalty_card).toMatchObject({ points: 130, balance: 85 });
  });
});
