// POST /v1/campaigns/qualification, the older campaigns qualification: the discount, gift and
// referral campaigns a customer and order qualify for (their state, dates and validation rules),
// sorted and limited as asked; over the API and the official SDK's campaigns.qualifications.examine.

import type { MockApp } from '../src/index.js';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { sdkAgainstMock } from './support/sdk.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'campaigns-qualification');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const qualify = (body: Json = {}, query = '') => ok(api.post(`/v1/campaigns/qualification${query}`, body));
const names = (answer: Json) => answer.data.map((c: Json) => c.name);
const order = { amount: 5000 };

/** A rule assigned to the campaign (by name). */
async function givenCampaignRule(campaignName: string, rules: Json) {
  const campaign = await ok(api.get(`/v1/campaigns/${encodeURIComponent(campaignName)}`));
  const rule = await ok(api.post('/v1/validation-rules', { name: `Rule for ${campaignName}`, rules }));
  await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'campaign', related_object_id: campaign.id }));
  return campaign;
}

describe('POST /v1/campaigns/qualification', () => {
  it("answers the tenant's discount, gift and referral campaigns, newest first, as the campaigns API shows them", async () => {
    const answer = await qualify({ customer: { source_id: 'ann' }, order });
    expect(answer).toMatchObject({ object: 'list', data_ref: 'data', total: 3, id: expect.stringMatching(/^qfl_[A-Za-z0-9]{24}$/), created_at: NOW.toISOString(), tracking_id: expect.stringMatching(/^track_/) });
    // The loyalty program and the promotion are not campaigns this call answers.
    expect(names(answer)).toEqual(['Gift Cards', FIXTURE.discountCampaign, FIXTURE.referralCampaign]);
    const summer = await ok(api.get(`/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}`));
    expect(answer.data[1]).toEqual(summer);
  });

  it('leaves out a disabled or expired campaign', async () => {
    const summer = await ok(api.get(`/v1/campaigns/${encodeURIComponent(FIXTURE.discountCampaign)}`));
    await ok(api.post(`/v1/campaigns/${summer.id}/disable`));
    await ok(api.put(`/v1/campaigns/${encodeURIComponent('Gift Cards')}`, { expiration_date: '2026-02-01T00:00:00Z' }));
    expect(names(await qualify({ order }))).toEqual([FIXTURE.referralCampaign]);
  });

  it("holds the campaign's validation rules against the order, the customer and the request's metadata", async () => {
    await givenCampaignRule(FIXTURE.discountCampaign, { '1': { name: 'order.amount', conditions: { $more_than: [10000] } }, logic: '1' });
    await givenCampaignRule('Gift Cards', { '1': { name: 'redemption.metadata', property: 'channel', conditions: { $is: ['shop'] } }, logic: '1' });
    expect(names(await qualify({ order }))).toEqual([FIXTURE.referralCampaign]);
    expect(names(await qualify({ order: { amount: 20000 }, metadata: { channel: 'shop' } }))).toEqual(['Gift Cards', FIXTURE.discountCampaign, FIXTURE.referralCampaign]);
  });

  it('audienceRulesOnly=true: only the rules on the customer are held against a campaign', async () => {
    await givenCampaignRule(FIXTURE.discountCampaign, { '1': { name: 'order.amount', conditions: { $more_than: [10000] } }, logic: '1' });
    await givenCampaignRule('Gift Cards', { '1': { name: 'customer.metadata', property: 'vip', conditions: { $is: [true] } }, logic: '1' });
    expect(names(await qualify({ order, customer: { source_id: 'x', metadata: { vip: false } } }, '?audienceRulesOnly=true'))).toEqual([FIXTURE.discountCampaign, FIXTURE.referralCampaign]);
    expect(names(await qualify({ order, customer: { source_id: 'x', metadata: { vip: true } } }, '?audienceRulesOnly=true'))).toEqual([
      'Gift Cards',
      FIXTURE.discountCampaign,
      FIXTURE.referralCampaign,
    ]);
  });

  it('sorts by the order asked and answers at most `limit`; total counts them all', async () => {
    expect(names(await qualify({}, '?order=created_at'))).toEqual([FIXTURE.referralCampaign, FIXTURE.discountCampaign, 'Gift Cards']);
    expect(names(await qualify({}, '?order=type'))).toEqual([FIXTURE.discountCampaign, 'Gift Cards', FIXTURE.referralCampaign]);
    expect(names(await qualify({}, '?order=-campaign'))).toEqual([FIXTURE.discountCampaign, FIXTURE.referralCampaign, 'Gift Cards']);
    const limited = await qualify({}, '?limit=1');
    expect(limited).toMatchObject({ total: 3 });
    expect(names(limited)).toEqual(['Gift Cards']);
  });

  it('refuses a limit over 50 and an unknown order', async () => {
    expect(expectError(await api.post('/v1/campaigns/qualification?limit=51', {}), 400, 'invalid_query_params', 'Invalid query params').details).toMatch(/limit/);
    expect(expectError(await api.post('/v1/campaigns/qualification?order=name', {}), 400, 'invalid_query_params', 'Invalid query params').details).toMatch(/order/);
  });

  it('refuses a body that is not a qualification request', async () => {
    expectError(await api.post('/v1/campaigns/qualification', { order: { amount: 'ten' } }), 400, 'invalid_payload', 'Invalid payload');
  });
});

describe('campaigns.qualifications.examine through the official SDK', () => {
  const sdk = sdkAgainstMock('sdk-campaigns-qualification', 7);

  it('answers the campaigns that qualify, with the query the SDK sends', async () => {
    const answer = await sdk.client.campaigns.qualifications.examine({ customer: { source_id: 'ann' }, order: { amount: 5000 }, tracking_id: 'track-ann' } as never, { limit: 2, order: 'created_at' } as never);
    expect(answer).toMatchObject({ object: 'list', total: 3, tracking_id: 'track-ann' });
    expect((answer as unknown as Json).data.map((c: Json) => c.name)).toEqual([FIXTURE.referralCampaign, FIXTURE.discountCampaign]);
  });
});
