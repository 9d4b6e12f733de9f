// GET /v1/campaigns/{campaignId}/transactions: the balance changes of every card of a gift card or
// loyalty campaign, newest first; other campaigns have none.

import { client, expectError, testApp, type Agent } from './helpers.js';

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

it("lists the gift cards' credits added and spent, newest first, paged by cursor, by id or name", async () => {
  const campaign = await ok(
    api.post('/v1/campaigns', { name: 'Gift cards', type: 'STATIC', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 2, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000, effect: 'APPLY_TO_ORDER' } } }),
  );
  const [first, second] = (await ok(api.get(`/v1/vouchers?campaign_id=${campaign.id}`))).vouchers as Json[];
  await ok(api.post(`/v1/vouchers/${first.code}/balance`, { amount: 1000 }));
  await ok(api.post(`/v1/vouchers/${second.code}/redemption`, { order: { amount: 1500 } }));
  const all = await ok(api.get(`/v1/campaigns/${campaign.id}/transactions`));
  expect(all.data.map((t: Json) => [t.type, t.voucher_id, t.campaign_id, t.details.balance.amount])).toEqual([
    ['CREDITS_REDEMPTION', second.id, campaign.id, -1500],
    ['CREDITS_ADDITION', first.id, campaign.id, 1000],
  ]);
  const page = await ok(api.get('/v1/campaigns/Gift%20cards/transactions?limit=1&order=id'));
  expect(page).toMatchObject({ object: 'list', data_ref: 'data', has_more: true, more_starting_after: page.data[0].id });
  expect(page.data[0].type).toBe('CREDITS_ADDITION');
});

it('answers an empty list with total 0 for a discount campaign, and 404 for an unknown one', async () => {
  const campaign = await ok(api.post('/v1/campaigns', { name: 'Coupons', type: 'STATIC', campaign_type: 'DISCOUNT_COUPONS', vouchers_count: 1, voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10 } } }));
  expect(await ok(api.get(`/v1/campaigns/${campaign.id}/transactions`))).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
  const body = expectError(await api.get('/v1/campaigns/camp_nope/transactions'), 404, 'not_found', 'Resource not found');
  expect(body).toMatchObject({ resource_id: 'camp_nope', resource_type: 'campaign' });
});
