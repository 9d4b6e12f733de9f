// The test builders themselves: built records are ones the API serves as they are (checked against specs/), and API builders make what they promise without colliding.

import type { TenantData } from '../../src/index.js';
import { collections } from '../../src/resources/index.js';
import { emptyTenantData } from '../../src/store/fixtures.js';
import { client, testApp } from '../helpers.js';
import {
  aCampaign,
  aContext,
  aCustomer,
  aHolder,
  aVoucher,
  givenCampaign,
  givenCustomer,
  givenLoyaltyCard,
  givenReferralCode,
  givenVoucher,
  holding,
  inCampaign,
} from './builders.js';

/** Fixture data holding exactly `records`, by collection. */
function fixturesOf(records: Record<string, { id: string }[]>): TenantData {
  const data = emptyTenantData(collections);
  for (const [name, list] of Object.entries(records)) for (const record of list) data[name][record.id] = record;
  return data;
}

describe('record builders', () => {
  it('make Voucherify-shaped ids, unique names, codes and source_ids, and ISO timestamps', () => {
    const [first, second] = [aVoucher(), aVoucher()];
    expect(first.id).toMatch(/^v_[A-Za-z0-9]{32}$/);
    expect(aCampaign().id).toMatch(/^camp_[A-Za-z0-9]{24}$/);
    expect(aCustomer().id).toMatch(/^cust_[A-Za-z0-9]{24}$/);
    expect(aHolder().id).toMatch(/^rh_[0-9a-f]{18}$/);
    expect(first.code).not.toBe(second.code);
    expect(aCampaign().name).not.toBe(aCampaign().name);
    expect(aCustomer().source_id).not.toBe(aCustomer().source_id);
    expect(new Date(first.created_at).toISOString()).toBe(first.created_at);
    expect(second.created_at > first.created_at).toBe(true);
    const [older, newer] = [aHolder(), aHolder()];
    expect(newer.id > older.id).toBe(true);
  });

  it.each(['DISCOUNT_VOUCHER', 'GIFT_VOUCHER', 'LOYALTY_CARD'] as const)('give a %s the part its type has, and none of the others', (type) => {
    const voucher = aVoucher({ type });
    const parts = { DISCOUNT_VOUCHER: voucher.discount, GIFT_VOUCHER: voucher.gift, LOYALTY_CARD: voucher.loyalty_card };
    for (const [partType, part] of Object.entries(parts)) expect(part === null).toBe(partType !== type);
  });

  it('make records the API serves as they are, each answer valid against specs/', async () => {
    const campaign = aCampaign({ campaign_type: 'REFERRAL_PROGRAM' });
    const referrer = aCustomer();
    const code = aVoucher({ ...inCampaign(campaign), holder_id: referrer.id, referrer_id: referrer.id });
    const gift = aVoucher({ type: 'GIFT_VOUCHER' });
    const card = aVoucher({ type: 'LOYALTY_CARD' });
    const holder = aHolder(holding(code, campaign, referrer, 'REFERRER'));
    const api = client(
      await testApp({ fixtures: fixturesOf({ campaigns: [campaign], customers: [referrer], vouchers: [code, gift, card], redeemable_holders: [holder] }) }),
    );

    for (const voucher of [code, gift, card]) {
      const res = await api.get(`/v1/vouchers/${voucher.code}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(voucher);
    }
    const campaignRes = await api.get(`/v1/campaigns/${campaign.id}`);
    expect(campaignRes.status).toBe(200);
    expect(campaignRes.body).toMatchObject({ ...campaign, vouchers_count: 1 });
    const customerRes = await api.get(`/v1/customers/${referrer.id}`);
    expect(customerRes.status).toBe(200);
    // The record's empty metadata is left out of the answer, as Voucherify leaves it out.
    const { metadata, ...shown } = referrer;
    expect(metadata).toEqual({});
    expect(customerRes.body).toMatchObject(shown);
    expect(customerRes.body).not.toHaveProperty('metadata');
    const holders = await api.get(`/v1/referrals/members/${code.code}/holders`);
    expect(holders.status).toBe(200);
    expect(holders.body.data).toEqual([holder]);
  });

  it('give aContext a tenant that holds the records, a fixed clock and seeded ids', () => {
    const voucher = aVoucher();
    const ctx = aContext({ records: { vouchers: [voucher] }, now: new Date('2026-01-02T03:04:05.000Z'), seed: 5 });
    expect(ctx.tenant.toJSON().vouchers).toEqual({ [voucher.id]: voucher });
    expect(ctx.tenant.toJSON().campaigns).toEqual({});
    expect(ctx.clock().toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(ctx.ids.voucher()).toBe(aContext({ seed: 5 }).ids.voucher());
    expect(ctx.requestId).toMatch(/^v-[0-9a-f]{18}$/);
  });
});

describe('API builders', () => {
  it('make a campaign, a voucher and a customer, twice in one test without colliding', async () => {
    const api = client(await testApp());
    const campaigns = [await givenCampaign(api), await givenCampaign(api, { vouchers_count: 2 })];
    const standalone = [await givenVoucher(api), await givenVoucher(api)];
    const customers = [await givenCustomer(api), await givenCustomer(api, { name: 'Named' })];
    expect(campaigns[0].name).not.toBe(campaigns[1].name);
    expect(campaigns.map((c) => [c.campaign_type, c.vouchers_count])).toEqual([
      ['DISCOUNT_COUPONS', 0],
      ['DISCOUNT_COUPONS', 2],
    ]);
    expect(standalone[0].code).not.toBe(standalone[1].code);
    expect(standalone[0]).toMatchObject({ type: 'DISCOUNT_VOUCHER', campaign: null, discount: { type: 'AMOUNT' } });
    expect(customers[0].source_id).not.toBe(customers[1].source_id);
    expect(customers[1].name).toBe('Named');
    expect((await api.get(`/v1/customers/${customers[0].id}`)).status).toBe(200);
  });

  it('make a voucher of another type, or of a campaign from its template', async () => {
    const api = client(await testApp());
    expect(await givenVoucher(api, { type: 'GIFT_VOUCHER' })).toMatchObject({ type: 'GIFT_VOUCHER', gift: { amount: 10000, balance: 10000 } });
    expect(await givenVoucher(api, { type: 'LOYALTY_CARD' })).toMatchObject({ type: 'LOYALTY_CARD', loyalty_card: { points: 0 } });
    const campaign = await givenCampaign(api);
    expect(await givenVoucher(api, { campaign: campaign.name, code: 'IN-CAMPAIGN' })).toMatchObject({
      code: 'IN-CAMPAIGN',
      campaign_id: campaign.id,
      discount: { type: 'PERCENT', percent_off: 10 },
    });
  });

  it('make a referral code published to its REFERRER, twice without colliding', async () => {
    const api = client(await testApp());
    const first = await givenReferralCode(api);
    const second = await givenReferralCode(api);
    expect(first.campaign).toMatchObject({ campaign_type: 'REFERRAL_PROGRAM', vouchers_count: 1 });
    expect(first.code).toMatchObject({ campaign_id: first.campaign.id, is_referral_code: true, holder_id: first.referrer.id, referrer_id: first.referrer.id });
    const holders = await api.get(`/v1/referrals/members/${first.code.code}/holders`);
    expect(holders.body.data).toEqual([expect.objectContaining({ customer_id: first.referrer.id, holder_role: 'REFERRER' })]);
    expect(second.code.code).not.toBe(first.code.code);
    expect(second.referrer.id).not.toBe(first.referrer.id);
  });

  it('make a loyalty card held by a member of a program, twice without colliding', async () => {
    const api = client(await testApp());
    const first = await givenLoyaltyCard(api);
    const second = await givenLoyaltyCard(api);
    expect(first.program).toMatchObject({ campaign_type: 'LOYALTY_PROGRAM', join_once: true });
    expect(first.card).toMatchObject({ type: 'LOYALTY_CARD', campaign_id: first.program.id, holder_id: first.customer.id, loyalty_card: { points: 0, balance: 0 } });
    const members = await api.get(`/v1/loyalties/${first.program.id}/members?customer=${first.customer.id}`);
    expect(members.body.vouchers).toEqual([expect.objectContaining({ id: first.card.id })]);
    expect(second.program.name).not.toBe(first.program.name);
    expect(second.card.code).not.toBe(first.card.code);
  });
});
