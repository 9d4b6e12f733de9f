// The official @voucherify/sdk, unpatched, against a mock on a real port: a referral conversion,
// the customers it changes (customers.get), and the activity lists (customers.listActivity, the
// deprecated customers.listActivities, loyalties.listMemberActivity).

import { sdkAgainstMock, sdkError, type Client } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-referrals-activity', 17);

type Body = Record<string, any>;

/** A loyalty program (the reward), a referral program rewarding referees with 60 of its points, and its code published to a referrer. */
async function referralSetup(client: Client) {
  const program = (await client.loyalties.create({
    name: 'SDK Rewards Club',
    type: 'AUTO_UPDATE',
    vouchers_count: 0,
    voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } },
  } as never)) as Body;
  const campaign = (await client.campaigns.create({
    name: 'SDK Refer a Friend',
    campaign_type: 'REFERRAL_PROGRAM',
    type: 'AUTO_UPDATE',
    referral_program: {
      conversion_event_type: 'redemption',
      referee_reward: { related_object_parent: { id: program.id, name: program.name, object: 'CAMPAIGN' }, type: 'LOYALTY_CARD', amount: 60 },
    },
    voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1000 } },
  } as never)) as Body;
  const referrer = (await client.customers.create({ source_id: 'sdk-referrer', name: 'Referrer' })) as Body;
  const publication = (await client.distributions.publications.create({ campaign: { id: campaign.id }, customer: { id: referrer.id } } as never)) as Body;
  return { program, campaign, referrer, code: publication.voucher.code as string };
}

describe('referral conversions and activity through the SDK', () => {
  it('shows the conversion on customers.get of both customers', async () => {
    const { program, campaign, referrer, code } = await referralSetup(sdk.client);
    const redemption = (await sdk.client.redemptions.redeem(code, { customer: { source_id: 'sdk-referee' }, order: { amount: 5000 } } as never)) as Body;
    expect(redemption.result).toBe('SUCCESS');

    const referee = (await sdk.client.customers.get('sdk-referee')) as Body;
    expect(referee.referrals).toEqual({
      total: 1,
      campaigns: [{ campaign_id: campaign.id, referrer_id: referrer.id, related_object_id: redemption.id, related_object_type: 'redemption', date: expect.any(String) }],
    });
    expect(referee.loyalty).toEqual({ points: 60, referred_customers: 0, campaigns: { [program.name]: { points: 60, referred_customers: 0 } } });
    expect(referee.summary.redemptions).toMatchObject({ total_redeemed: 1, total_succeeded: 1, loyalty_card: { points_to_go: 60 } });
    expect(referee.summary.orders).toMatchObject({ total_count: 1, total_amount: 4000 });

    const shownReferrer = (await sdk.client.customers.get(referrer.id)) as Body;
    expect(shownReferrer.loyalty).toEqual({ points: 0, referred_customers: 1, campaigns: { [campaign.name]: { points: 0, referred_customers: 1 } } });
  });

  it('lists the referee’s activity with customers.listActivity and customers.listActivities', async () => {
    const { code } = await referralSetup(sdk.client);
    await sdk.client.redemptions.redeem(code, { customer: { source_id: 'sdk-activity' }, order: { amount: 5000 } } as never);

    const page = await sdk.client.customers.listActivity('sdk-activity', { limit: 3, order: 'created_at' });
    expect(page).toMatchObject({ object: 'list', data_ref: 'data', has_more: true });
    expect(page.data.map((a) => a.type)).toEqual(['customer.created', 'customer.order.created', 'customer.order.paid']);
    const next = await sdk.client.customers.listActivity('sdk-activity', { order: 'created_at', starting_after_id: page.more_starting_after });
    expect(next.data.map((a) => a.type)).toEqual([
      'customer.redemption.succeeded',
      'customer.referred',
      'customer.publication.succeeded',
      'customer.voucher.loyalty_card.points_added',
      'customer.rewarded',
    ]);
    const effects = await sdk.client.customers.listActivity('sdk-activity', { category: 'EFFECT', type: 'customer.rewarded' });
    expect(effects.data.map((a) => a.type)).toEqual(['customer.rewarded']);

    const referee = (await sdk.client.customers.get('sdk-activity')) as Body;
    const listed = await sdk.client.customers.listActivities(String(referee.id), { campaign_type: 'REFERRAL_PROGRAM' });
    expect(listed).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(listed.data.map((a) => a.type)).toEqual(['customer.referred', 'customer.redemption.succeeded']);

    expect(await sdkError(sdk.client.customers.listActivity('nobody-here'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find customer with id nobody-here',
    });
  });

  it('lists a loyalty card’s activity with loyalties.listMemberActivity, with and without the program', async () => {
    const { program, code } = await referralSetup(sdk.client);
    await sdk.client.redemptions.redeem(code, { customer: { source_id: 'sdk-member' }, order: { amount: 5000 } } as never);
    const members = await sdk.client.loyalties.listMembers(program.id);
    const card = members.vouchers[0];
    const byProgram = await sdk.client.loyalties.listMemberActivity(program.id, card.code);
    expect(byProgram.data.map((a) => a.type)).toEqual(['customer.rewarded', 'customer.voucher.loyalty_card.points_added', 'customer.publication.succeeded']);
    const alone = await sdk.client.loyalties.listMemberActivity(null, card.code, { limit: 1 });
    expect(alone).toMatchObject({ has_more: true, more_starting_after: byProgram.data[0].id });
    expect(await sdkError(sdk.client.loyalties.listMemberActivity(program.id, 'NO-CARD'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find voucher with id NO-CARD',
    });
  });
});
