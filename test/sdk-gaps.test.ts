// The official @voucherify/sdk, unpatched, against a mock on a real port: the SDK methods the other
// SDK tests leave out — campaigns and vouchers enable/disable, vouchers.releaseValidationSession,
// customers.listRedeemables, scroll and updateConsents, and the loyalty calls addPoints,
// get/update/deleteRewardAssignment, getMemberActivities, listLoyaltyTierEarningRules and
// listLoyaltyTierRewards.

import { sdkAgainstMock, sdkError } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-gaps', 19);

type Json = Record<string, any>;

/** The fixtures' discount campaign and one of its vouchers. */
const SUMMER = { id: 'camp_yl9F6sn23DSp8kVzjliKE1Qu', name: 'Summer Sale 2026', code: 'SUMMER-Q7K2M9' };
/** The fixtures' Loyalty Club, and bob's card of it with 250 points. */
const CLUB = { id: 'camp_fhQNB9reosfhypnXLDn8S9wP', card: 'LC-00000004' };
/** The fixtures' customers, oldest first. */
const FIXTURE_CUSTOMERS = ['alice-referrer', 'bob-shopper', 'carol-friend', '7999836466'];

/** validateStackable's answer for one voucher on an order of `amount`. */
async function validateVoucher(code: string, amount = 5000): Promise<Json> {
  return (await sdk.client.validations.validateStackable({ redeemables: [{ object: 'voucher', id: code }], order: { amount } } as never)) as Json;
}

async function program(name: string): Promise<Json> {
  return (await sdk.client.loyalties.create({ name, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } } as never)) as Json;
}

describe('campaigns.enable and campaigns.disable', () => {
  it('switches the campaign off and on again, as the campaign and the list show', async () => {
    const activeOf = async () => ((await sdk.client.campaigns.list({ limit: 100 } as never)).campaigns as Json[]).find((c) => c.id === SUMMER.id)?.active;
    expect(await activeOf()).toBe(true);

    expect(await sdk.client.campaigns.disable(SUMMER.name)).toEqual({});
    expect(await sdk.client.campaigns.get(SUMMER.id)).toMatchObject({ id: SUMMER.id, active: false });
    expect(await activeOf()).toBe(false);

    expect(await sdk.client.campaigns.enable(SUMMER.id)).toEqual({});
    expect(await sdk.client.campaigns.get(SUMMER.id)).toMatchObject({ id: SUMMER.id, active: true });
    expect(await activeOf()).toBe(true);
  });

  it('answers an unknown campaign 404', async () => {
    for (const call of [sdk.client.campaigns.disable('camp_missing'), sdk.client.campaigns.enable('camp_missing')]) {
      expect(await sdkError(call)).toEqual({ code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find campaign with id camp_missing' });
    }
  });
});

describe('vouchers.enable and vouchers.disable', () => {
  it('switches the voucher off, validation refuses it as disabled, and on again', async () => {
    const disabled = (await sdk.client.vouchers.disable(SUMMER.code)) as Json;
    expect(disabled).toMatchObject({ code: SUMMER.code, active: false, object: 'voucher' });
    expect(await sdk.client.vouchers.get(SUMMER.code)).toMatchObject({ code: SUMMER.code, active: false });
    const refused = await validateVoucher(SUMMER.code);
    expect(refused.valid).toBe(false);
    expect(refused.inapplicable_redeemables).toMatchObject([
      { id: SUMMER.code, status: 'INAPPLICABLE', result: { error: { code: 400, key: 'voucher_disabled', message: 'voucher is disabled', details: SUMMER.code } } },
    ]);

    const enabled = (await sdk.client.vouchers.enable(SUMMER.code)) as Json;
    expect(enabled).toMatchObject({ code: SUMMER.code, active: true });
    expect(await sdk.client.vouchers.get(SUMMER.code)).toMatchObject({ active: true });
    expect(await validateVoucher(SUMMER.code)).toMatchObject({ valid: true, redeemables: [{ id: SUMMER.code, status: 'APPLICABLE' }] });
  });

  it('answers an unknown code 404', async () => {
    expect(await sdkError(sdk.client.vouchers.enable('NOPE-1'))).toEqual({ code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find voucher with id NOPE-1' });
  });
});

describe('vouchers.releaseValidationSession', () => {
  it('frees what a LOCK session holds of a voucher', async () => {
    const voucher = (await sdk.client.vouchers.create({ code: 'SDK-LAST-ONE', type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 }, redemption: { quantity: 1 } } as never)) as Json;
    const locked = (await sdk.client.validations.validateStackable({
      redeemables: [{ object: 'voucher', id: voucher.code }],
      order: { amount: 5000 },
      session: { type: 'LOCK', key: 'ssn-sdk-1' },
    } as never)) as Json;
    expect(locked).toMatchObject({ valid: true, session: { key: 'ssn-sdk-1', type: 'LOCK' } });
    // Held by the session: another request cannot have the voucher's only redemption.
    const held = await validateVoucher(voucher.code);
    expect(held.inapplicable_redeemables).toMatchObject([{ id: voucher.code, status: 'INAPPLICABLE', result: { error: { code: 400, key: 'quantity_exceeded', message: 'quantity exceeded' } } }]);

    // A 204: the SDK resolves with the empty body.
    expect(await sdk.client.vouchers.releaseValidationSession(voucher.code, 'ssn-sdk-1')).toBe('');
    expect(await validateVoucher(voucher.code)).toMatchObject({ valid: true });
    expect(await sdkError(sdk.client.vouchers.releaseValidationSession(voucher.code, 'ssn-sdk-1'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find session with id ssn-sdk-1',
    });
  });
});

describe('customers.listRedeemables', () => {
  it("lists the customer's loyalty card, and a newly published voucher first", async () => {
    const before = (await sdk.client.customers.listRedeemables('bob-shopper')) as Json;
    expect(before).toMatchObject({ object: 'list', data_ref: 'data', has_more: false });
    const card = (before.data as Json[]).find((h) => h.redeemable.voucher?.code === CLUB.card);
    expect(card).toMatchObject({ customer_id: 'cust_q8STZHE6svi34zWH8xMS9BMo', holder_role: 'OWNER', campaign_id: CLUB.id, voucher_type: 'LOYALTY_CARD', redeemable: { type: 'voucher', status: 'ACTIVE' } });

    const published = (await sdk.client.distributions.publications.create({ customer: { source_id: 'bob-shopper' }, voucher: SUMMER.code } as never)) as Json;
    expect(published.voucher.code).toBe(SUMMER.code);
    const after = (await sdk.client.customers.listRedeemables('cust_q8STZHE6svi34zWH8xMS9BMo', { limit: 1 } as never)) as Json;
    expect(after).toMatchObject({ total: before.total + 1, has_more: true, data: [{ holder_role: 'OWNER', campaign_id: SUMMER.id, redeemable: { voucher: { code: SUMMER.code } } }] });
  });

  it('answers an unknown customer 404', async () => {
    expect(await sdkError(sdk.client.customers.listRedeemables('nobody-here'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find customer with id nobody-here',
    });
  });
});

describe('customers.scroll', () => {
  it('walks every customer a page at a time, newest first, or oldest first by created_at', async () => {
    const created = (await sdk.client.customers.create({ source_id: 'sdk-scroller', name: 'Scroller' })) as Json;
    // Every page after the first is asked for with starting_after, the created_at of the last customer seen.
    const scrolled = async (params: Json) => {
      const sourceIds: string[] = [];
      for await (const customer of sdk.client.customers.scroll(params as never) as AsyncIterable<Json>) sourceIds.push(customer.source_id);
      return sourceIds;
    };
    expect(await scrolled({ limit: 2 })).toEqual([created.source_id, ...[...FIXTURE_CUSTOMERS].reverse()]);
    expect(await scrolled({ limit: 1, order: 'created_at' })).toEqual([...FIXTURE_CUSTOMERS, created.source_id]);
  });
});

describe('customers.updateConsents', () => {
  it('is answered 404: PUT /v1/customers/{id}/consents is no path of the API the mock serves', async () => {
    expect(await sdkError(sdk.client.customers.updateConsents('bob-shopper', { unsubscribed: true } as never))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find route PUT /v1/customers/bob-shopper/consents',
    });
    // Nothing written.
    expect(await sdk.client.customers.get('bob-shopper')).not.toHaveProperty('consents');
  });
});

describe('loyalties.addPoints', () => {
  it("adds points to a member of the program and takes some away, as the card then shows", async () => {
    const added = (await sdk.client.loyalties.addPoints(CLUB.id, CLUB.card, { points: 40 } as never)) as Json;
    expect(added).toMatchObject({ points: 40, total: 290, balance: 290, type: 'loyalty_card', object: 'balance', related_object: { type: 'voucher' } });
    const taken = (await sdk.client.loyalties.addPoints(CLUB.id, CLUB.card, { points: -90 } as never)) as Json;
    expect(taken).toMatchObject({ points: -90, balance: 200 });
    expect(((await sdk.client.loyalties.getMember(CLUB.id, CLUB.card)) as Json).loyalty_card).toMatchObject({ points: 290, balance: 200, subtracted_points: 90 });
    const [latest] = (await sdk.client.loyalties.listCardTransactions(CLUB.card, CLUB.id)).data as Json[];
    expect(latest).toMatchObject({ type: 'POINTS_REMOVAL', details: { balance: { points: -90, balance: 200 } } });
  });

  it('refuses to take the balance below zero, and the card keeps its points', async () => {
    expect(await sdkError(sdk.client.loyalties.addPoints(CLUB.id, CLUB.card, { points: -251 } as never))).toEqual({
      code: 400,
      key: 'insufficient_card_balance',
      message: 'Insufficient card balance',
      details: 'Operation exceeds the available card balance',
    });
    expect(((await sdk.client.loyalties.getMember(CLUB.id, CLUB.card)) as Json).loyalty_card).toMatchObject({ points: 250, balance: 250 });
  });
});

describe('loyalties.getRewardAssignment, updateRewardAssignment and deleteRewardAssignment', () => {
  it('reads, reprices and deletes an assignment of the program', async () => {
    const club = await program('SDK Assignments Club');
    const product = (await sdk.client.products.create({ name: 'Mug', price: 900 } as never)) as Json;
    const reward = (await sdk.client.rewards.create({ name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } } as never)) as Json;
    const [assignment] = (await sdk.client.loyalties.createRewardAssignments(club.id, [{ reward: reward.id, parameters: { loyalty: { points: 100 } } } as never])) as Json[];

    const read = (await sdk.client.loyalties.getRewardAssignment(club.id, assignment.id)) as Json;
    expect(read).toEqual(assignment);
    expect(read).toMatchObject({ id: expect.stringMatching(/^rewa_/), reward_id: reward.id, related_object_id: club.id, related_object_type: 'campaign', parameters: { loyalty: { points: 100 } }, object: 'reward_assignment' });

    const repriced = (await sdk.client.loyalties.updateRewardAssignment(club.id, { id: assignment.id, parameters: { loyalty: { points: 150 } } } as never)) as Json;
    expect(repriced).toMatchObject({ id: assignment.id, reward_id: reward.id, parameters: { loyalty: { points: 150 } } });
    expect(((await sdk.client.loyalties.getRewardAssignment(club.id, assignment.id)) as Json).parameters).toEqual({ loyalty: { points: 150 } });

    // A 204: the SDK resolves with the empty body.
    expect(await sdk.client.loyalties.deleteRewardAssignment(club.id, assignment.id)).toBe('');
    expect((await sdk.client.loyalties.listRewardAssignments(club.id)).total).toBe(0);
    expect(await sdkError(sdk.client.loyalties.getRewardAssignment(club.id, assignment.id))).toMatchObject({ code: 404, key: 'not_found', message: 'Resource not found' });
    expect(await sdkError(sdk.client.loyalties.deleteRewardAssignment(club.id, assignment.id))).toMatchObject({ code: 404, key: 'not_found', message: 'Resource not found' });
    expect(await sdkError(sdk.client.loyalties.updateRewardAssignment(club.id, { id: assignment.id, parameters: { loyalty: { points: 1 } } } as never))).toMatchObject({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
    });
  });
});

describe('loyalties.getMemberActivities', () => {
  it('is answered 404: the SDK asks for …/members/{memberId}/activities, a path the API names …/activity', async () => {
    for (const campaignId of [CLUB.id, null]) {
      const path = campaignId ? `/v1/loyalties/${campaignId}/members/${CLUB.card}/activities` : `/v1/loyalties/members/${CLUB.card}/activities`;
      expect(await sdkError(sdk.client.loyalties.getMemberActivities(campaignId as string, CLUB.card))).toEqual({
        code: 404,
        key: 'not_found',
        message: 'Resource not found',
        details: `Cannot find route GET ${path}`,
      });
    }
  });
});

describe('loyalties.listLoyaltyTierEarningRules and listLoyaltyTierRewards', () => {
  it("lists a tier's earning rules and rewards at the tier's points and prices", async () => {
    const club = await program('SDK Tier Lists Club');
    const [paid, elsewhere] = (await sdk.client.loyalties.createEarningRule(club.id, [
      { event: 'order.paid', loyalty: { type: 'FIXED', points: 10 } },
      { event: 'customer.loyalty.tier.joined', loyalty_tier: { id: 'ltr_other' }, loyalty: { type: 'FIXED', points: 5 } },
    ] as never)) as Json[];
    expect(elsewhere.id).toMatch(/^ern_/);
    // A MATERIAL reward: it has a price a tier can map (a COIN reward pays with the points sent).
    const product = (await sdk.client.products.create({ name: 'Mug', price: 900 } as never)) as Json;
    const reward = (await sdk.client.rewards.create({ name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } } as never)) as Json;
    const [assignment] = (await sdk.client.loyalties.createRewardAssignments(club.id, [{ reward: reward.id, parameters: { loyalty: { points: 80 } } } as never])) as Json[];
    const [bronze, silver] = (await sdk.client.loyalties.createTiers(club.id, [
      { name: 'Bronze', points: { from: 0, to: 99 } },
      { name: 'Silver', points: { from: 100 }, earning_rules: { [paid.id]: { type: 'MULTIPLY', multiplier: 2 } }, rewards: { [assignment.id]: { type: 'CUSTOM', points: 60 } } },
    ] as never)) as unknown as Json[];

    const silverRules = await sdk.client.loyalties.listLoyaltyTierEarningRules(club.id, silver.id, { limit: 10 } as never);
    expect(silverRules).toMatchObject({ object: 'list', data_ref: 'data', total: 1, data: [{ id: paid.id, event: 'order.paid', loyalty: { type: 'FIXED', points: 20 }, object: 'earning_rule' }] });
    // A tier that maps nothing keeps the program's points.
    expect(await sdk.client.loyalties.listLoyaltyTierEarningRules(club.id, bronze.id)).toMatchObject({ total: 1, data: [{ id: paid.id, loyalty: { type: 'FIXED', points: 10 } }] });

    const silverRewards = await sdk.client.loyalties.listLoyaltyTierRewards(club.id, silver.id);
    expect(silverRewards).toMatchObject({
      object: 'list',
      data_ref: 'data',
      total: 1,
      data: [{ reward: { id: reward.id, type: 'MATERIAL' }, assignment: { id: assignment.id, parameters: { loyalty: { points: 60 } } }, object: 'loyalty_tier_reward' }],
    });
    // A tier that maps nothing shows the program's assignment as it is.
    expect(await sdk.client.loyalties.listLoyaltyTierRewards(club.id, bronze.id)).toMatchObject({ total: 1, data: [{ reward: { id: reward.id }, assignment }] });

    // The lists follow the program: a deleted assignment is gone from the tier's rewards.
    await sdk.client.loyalties.deleteRewardAssignment(club.id, assignment.id);
    expect(await sdk.client.loyalties.listLoyaltyTierRewards(club.id, silver.id)).toMatchObject({ total: 0, data: [] });
  });

  it('answers an unknown tier 404', async () => {
    const club = await program('SDK Tierless Club');
    expect(await sdkError(sdk.client.loyalties.listLoyaltyTierRewards(club.id, 'ltr_missing'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find loyalty_tier with id ltr_missing',
    });
    expect(await sdkError(sdk.client.loyalties.listLoyaltyTierEarningRules(club.id, 'ltr_missing'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find loyalty_tier with id ltr_missing',
    });
  });
});
