// Referral code holders: add, list and remove, with and without the campaign in the path.

import { readFileSync } from 'node:fs';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const referralCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.referralCampaign);
const discountCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.discountCampaign);
const publishedVoucher = fixtures.vouchers.find((v: { code: string }) => v.code === FIXTURE.publishedCode);
const alice = fixtures.customers.find((c: { source_id: string }) => c.source_id === FIXTURE.referrerSourceId);
const bob = fixtures.customers.find((c: { source_id: string }) => c.source_id === 'bob-shopper');
const carol = fixtures.customers.find((c: { source_id: string }) => c.source_id === 'carol-friend');

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

const holdersPath = (code: string) => `/v1/referrals/members/${encodeURIComponent(code)}/holders`;
const campaignHoldersPath = (campaign: string, code: string) =>
  `/v1/referrals/${encodeURIComponent(campaign)}/members/${encodeURIComponent(code)}/holders`;

async function holderIds(code = FIXTURE.publishedCode): Promise<string[]> {
  const res = await api.get(`${holdersPath(code)}?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data.map((h: { id: string }) => h.id);
}

describe.each([
  ['POST /v1/referrals/members/{memberId}/holders', (code: string) => holdersPath(code)],
  ['POST /v1/referrals/{campaignId}/members/{memberId}/holders', (code: string) => campaignHoldersPath(referralCampaign.id, code)],
])('%s', (_name, path) => {
  it('adds new customers as referees and creates them', async () => {
    const res = await api.post(path(FIXTURE.publishedCode), {
      holders: [
        { source_id: 'cst-prsn01', name: 'Alex Doe', email: 'alex-doe@your.domain.com', country: 'England' },
        { source_id: 'cst-prsn02', name: 'Alex Joe', email: 'alex-joe@your.domain.com' },
      ],
      metadata: { influencer_code: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.holders).toHaveLength(2);
    for (const holder of res.body.holders) {
      expect(holder).toEqual({
        id: expect.stringMatching(/^rh_[0-9a-f]{18}$/),
        created_at: NOW.toISOString(),
        redeemable_id: publishedVoucher.id,
        redeemable_object: 'voucher',
        campaign_id: referralCampaign.id,
        campaign_type: 'REFERRAL_PROGRAM',
        voucher_type: 'DISCOUNT_VOUCHER',
        customer_id: expect.stringMatching(/^cust_[A-Za-z0-9]{24}$/),
        holder_role: 'REFEREE',
        object: 'redeemable_holder',
        metadata: { influencer_code: true },
      });
    }
    const customer = await api.get('/v1/customers/cst-prsn01');
    expect(customer.status).toBe(200);
    expect(customer.body).toMatchObject({
      id: res.body.holders[0].customer_id,
      source_id: 'cst-prsn01',
      name: 'Alex Doe',
      email: 'alex-doe@your.domain.com',
      object: 'customer',
      created_at: NOW.toISOString(),
    });
    expect(await holderIds()).toEqual(expect.arrayContaining(res.body.holders.map((h: { id: string }) => h.id)));
  });

  it('accepts the voucher id in place of the code', async () => {
    const res = await api.post(path(publishedVoucher.id), { holders: [{ source_id: 'by-voucher-id' }] });
    expect(res.status).toBe(200);
    expect(res.body.holders[0].redeemable_id).toBe(publishedVoucher.id);
  });

  it('upserts existing customers found by source_id', async () => {
    const res = await api.post(path(FIXTURE.publishedCode), {
      holders: [{ source_id: carol.source_id, name: 'Carol Renamed', metadata: { tier: 'gold' } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.holders[0].customer_id).toBe(carol.id);
    const customer = await api.get(`/v1/customers/${carol.id}`);
    expect(customer.body).toMatchObject({ name: 'Carol Renamed', email: carol.email, metadata: { tier: 'gold' }, updated_at: NOW.toISOString() });
  });

  it('uses id when both id and source_id are sent', async () => {
    const res = await api.post(path(FIXTURE.publishedCode), { holders: [{ id: bob.id, source_id: 'not-bob', name: 'Bob B.' }] });
    expect(res.status).toBe(200);
    expect(res.body.holders[0].customer_id).toBe(bob.id);
    const notBob = await api.get('/v1/customers/not-bob');
    expectError(notBob, 404, 'not_found', 'Resource not found');
    expect((await api.get(`/v1/customers/${bob.id}`)).body).toMatchObject({ source_id: bob.source_id, name: 'Bob B.' });
  });

  it('omits metadata on holders when the request sends none', async () => {
    const res = await api.post(path(FIXTURE.publishedCode), { holders: [{ source_id: 'no-metadata' }] });
    expect(res.status).toBe(200);
    expect(res.body.holders[0]).not.toHaveProperty('metadata');
  });

  it('accepts 100 holders', async () => {
    const holders = Array.from({ length: 100 }, (_, i) => ({ source_id: `bulk-${i}` }));
    const res = await api.post(path(FIXTURE.publishedCode), { holders });
    expect(res.status).toBe(200);
    expect(res.body.holders).toHaveLength(100);
    expect(new Set(res.body.holders.map((h: { id: string }) => h.id)).size).toBe(100);
  });

  it('rejects an empty holder list', async () => {
    const body = expectError(await api.post(path(FIXTURE.publishedCode), { holders: [] }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .holders must NOT have fewer than 1 items');
  });

  it('rejects more than 100 holders', async () => {
    const holders = Array.from({ length: 101 }, (_, i) => ({ source_id: `bulk-${i}` }));
    const body = expectError(await api.post(path(FIXTURE.publishedCode), { holders }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .holders must NOT have more than 100 items');
    expect(await holderIds()).toHaveLength(1);
  });

  it('rejects a body without holders', async () => {
    const body = expectError(await api.post(path(FIXTURE.publishedCode), { metadata: {} }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Payload must have required property 'holders'");
  });

  it('rejects a holder of the wrong type', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.publishedCode), { holders: [{ source_id: 'ok' }, { source_id: 12 }] }),
      400,
      'invalid_payload',
      'Invalid payload',
    );
    expect(body.details).toBe('Property .holders[1].source_id must be string');
  });

  it('rejects a holder with neither id nor source_id, and writes nothing', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.publishedCode), { holders: [{ source_id: 'fine-one' }, { name: 'Nameless' }] }),
      400,
      'invalid_payload',
      'Invalid payload',
    );
    expect(body.details).toBe("Property .holders[1] must have required property 'id' or 'source_id'");
    expectError(await api.get('/v1/customers/fine-one'), 404, 'not_found', 'Resource not found');
  });

  it('answers not_published for a code not yet published to a referrer', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.unpublishedCode), { holders: [{ source_id: 'early-bird' }] }),
      400,
      'not_published',
      'Voucher is not published',
    );
    expect(body.details).toBe('Referral code must be first published to Referrer before assigning it to Referee');
    expectError(await api.get('/v1/customers/early-bird'), 404, 'not_found', 'Resource not found');
  });

  it('answers 404 voucher for an unknown code, naming it as sent', async () => {
    const body = expectError(await api.post(path('REFAPI-mk'), { holders: [{ source_id: 'x' }] }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id REFAPI-mk', resource_id: 'REFAPI-mk', resource_type: 'voucher' });
  });

  it('answers 404 customer for an unknown customer id', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.publishedCode), { holders: [{ id: 'cust_doesNotExist00000000000' }] }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(body).toMatchObject({ resource_id: 'cust_doesNotExist00000000000', resource_type: 'customer' });
  });

  it('answers duplicate_found when one request names the same source_id twice, and writes nothing', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.publishedCode), {
        holders: [{ source_id: 'tst-prsn09' }, { source_id: 'tst-prsn10' }, { source_id: 'tst-prsn10' }],
      }),
      409,
      'duplicate_found',
      'Duplicated resource found',
    );
    expect(body).toMatchObject({ details: 'Duplicated customer exists with id tst-prsn10', resource_id: 'tst-prsn10', resource_type: 'customer' });
    expectError(await api.get('/v1/customers/tst-prsn09'), 404, 'not_found', 'Resource not found');
    expect(await holderIds()).toHaveLength(1);
  });

  it('answers duplicate_found when id and source_id of one customer come in two entries', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.publishedCode), { holders: [{ id: bob.id }, { source_id: bob.source_id }] }),
      409,
      'duplicate_found',
      'Duplicated resource found',
    );
    expect(body).toMatchObject({ resource_id: bob.source_id, resource_type: 'customer' });
  });

  it('answers holder_assignement_duplication for the referrer', async () => {
    const body = expectError(
      await api.post(path(FIXTURE.publishedCode), { holders: [{ source_id: alice.source_id }] }),
      409,
      'holder_assignement_duplication',
      'Customer is already assigned to given redeemable',
    );
    expect(body).not.toHaveProperty('details');
  });

  it('answers holder_assignement_duplication for an existing referee, and keeps the rest of the request unwritten', async () => {
    expect((await api.post(path(FIXTURE.publishedCode), { holders: [{ source_id: 'first-time' }] })).status).toBe(200);
    const before = await holderIds();
    expectError(
      await api.post(path(FIXTURE.publishedCode), {
        holders: [{ source_id: 'brand-new', name: 'Brand New' }, { source_id: 'first-time', name: 'Changed' }],
      }),
      409,
      'holder_assignement_duplication',
      'Customer is already assigned to given redeemable',
    );
    expect(await holderIds()).toEqual(before);
    expectError(await api.get('/v1/customers/brand-new'), 404, 'not_found', 'Resource not found');
    expect((await api.get('/v1/customers/first-time')).body.name).toBeNull();
  });

  it('answers invalid_voucher for a code that is not a referral code', async () => {
    const res = await api.post(
      path === holdersPath ? holdersPath(FIXTURE.discountCode) : campaignHoldersPath(discountCampaign.id, FIXTURE.discountCode),
      { holders: [{ source_id: 'x' }] },
    );
    const body = expectError(res, 400, 'invalid_voucher', 'Invalid Voucher');
    expect(body.details).toBe(`Voucher ${FIXTURE.discountCode} is not a referral code`);
  });
});

describe('POST /v1/referrals/{campaignId}/members/{memberId}/holders (campaign checks)', () => {
  it('finds the campaign by name too', async () => {
    const res = await api.post(campaignHoldersPath(FIXTURE.referralCampaign, FIXTURE.publishedCode), { holders: [{ source_id: 'by-name' }] });
    expect(res.status).toBe(200);
    expect(res.body.holders[0].campaign_id).toBe(referralCampaign.id);
  });

  it('answers 404 campaign for an unknown campaign, naming it as sent', async () => {
    const body = expectError(
      await api.post(campaignHoldersPath('camp_v1mxc6sGDlXzQygz8wBc8HVU', FIXTURE.publishedCode), { holders: [{ source_id: 'x' }] }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(body).toMatchObject({
      details: 'Cannot find campaign with id camp_v1mxc6sGDlXzQygz8wBc8HVU',
      resource_id: 'camp_v1mxc6sGDlXzQygz8wBc8HVU',
      resource_type: 'campaign',
    });
  });

  it('answers 404 campaign for a code of another campaign', async () => {
    const body = expectError(
      await api.post(campaignHoldersPath(discountCampaign.id, FIXTURE.publishedCode), { holders: [{ source_id: 'x' }] }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(body).toMatchObject({ resource_id: discountCampaign.id, resource_type: 'campaign' });
  });

  it('answers 404 voucher for an unknown code in a known campaign', async () => {
    const body = expectError(
      await api.post(campaignHoldersPath(referralCampaign.id, 'NOPE-123'), { holders: [{ source_id: 'x' }] }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(body).toMatchObject({ resource_id: 'NOPE-123', resource_type: 'voucher' });
  });
});

describe.each([
  ['GET /v1/referrals/members/{memberId}/holders', (code: string) => holdersPath(code)],
  ['GET /v1/referrals/{campaignId}/members/{memberId}/holders', (code: string) => campaignHoldersPath(referralCampaign.id, code)],
])('%s', (_name, path) => {
  async function addReferees(...sourceIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const sourceId of sourceIds) {
      const res = await api.post(holdersPath(FIXTURE.publishedCode), { holders: [{ source_id: sourceId }] });
      expect(res.status).toBe(200);
      ids.push(res.body.holders[0].id);
    }
    return ids;
  }

  it('lists the referrer of a published code', async () => {
    const res = await api.get(path(FIXTURE.publishedCode));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [
        {
          id: 'rh_0e7213a6bc407b8639',
          created_at: '2026-01-10T10:05:00.000Z',
          redeemable_id: publishedVoucher.id,
          redeemable_object: 'voucher',
          campaign_id: referralCampaign.id,
          campaign_type: 'REFERRAL_PROGRAM',
          voucher_type: 'DISCOUNT_VOUCHER',
          customer_id: alice.id,
          holder_role: 'REFERRER',
          object: 'redeemable_holder',
        },
      ],
      total: 1,
      has_more: false,
    });
  });

  it('lists no one for an unpublished code', async () => {
    const res = await api.get(path(FIXTURE.unpublishedCode));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0, has_more: false });
  });

  it('orders newest first by default, and oldest first with order=id', async () => {
    const [first, second] = await addReferees('r-1', 'r-2');
    const newest = await api.get(path(FIXTURE.publishedCode));
    expect(newest.body.data.map((h: { id: string }) => h.id)).toEqual([second, first, 'rh_0e7213a6bc407b8639']);
    const oldest = await api.get(`${path(FIXTURE.publishedCode)}?order=id`);
    expect(oldest.body.data.map((h: { id: string }) => h.id)).toEqual(['rh_0e7213a6bc407b8639', first, second]);
  });

  it('pages with limit and starting_after_id', async () => {
    const added = await addReferees('p-1', 'p-2', 'p-3', 'p-4');
    const page1 = await api.get(`${path(FIXTURE.publishedCode)}?limit=2&order=id`);
    expect(page1.body).toMatchObject({ total: 5, has_more: true, more_starting_after: added[0] });
    expect(page1.body.data.map((h: { id: string }) => h.id)).toEqual(['rh_0e7213a6bc407b8639', added[0]]);
    const page2 = await api.get(`${path(FIXTURE.publishedCode)}?limit=2&order=id&starting_after_id=${page1.body.more_starting_after}`);
    expect(page2.body).toMatchObject({ total: 5, has_more: true, more_starting_after: added[2] });
    expect(page2.body.data.map((h: { id: string }) => h.id)).toEqual([added[1], added[2]]);
    const page3 = await api.get(`${path(FIXTURE.publishedCode)}?limit=2&order=id&starting_after_id=${page2.body.more_starting_after}`);
    expect(page3.body.data.map((h: { id: string }) => h.id)).toEqual([added[3]]);
    expect(page3.body.has_more).toBe(false);
    expect(page3.body).not.toHaveProperty('more_starting_after');
  });

  it('defaults to 10 holders a page', async () => {
    await addReferees(...Array.from({ length: 11 }, (_, i) => `d-${i}`));
    const res = await api.get(path(FIXTURE.publishedCode));
    expect(res.body.data).toHaveLength(10);
    expect(res.body).toMatchObject({ total: 12, has_more: true });
  });

  it('filters by holder_role with $in, $is and $is_not', async () => {
    const [referee] = await addReferees('f-1');
    const base = path(FIXTURE.publishedCode);
    const referees = await api.get(`${base}?filters[holder_role][conditions][$in]=REFEREE`);
    expect(referees.body.data.map((h: { id: string }) => h.id)).toEqual([referee]);
    expect(referees.body.total).toBe(1);
    const referrers = await api.get(`${base}?filters[holder_role][conditions][$is]=REFERRER`);
    expect(referrers.body.data.map((h: { holder_role: string }) => h.holder_role)).toEqual(['REFERRER']);
    const notReferrer = await api.get(`${base}?filters[holder_role][conditions][$is_not]=REFERRER`);
    expect(notReferrer.body.data.map((h: { id: string }) => h.id)).toEqual([referee]);
    const both = await api.get(`${base}?filters[holder_role][conditions][$in][]=REFEREE&filters[holder_role][conditions][$in][]=REFERRER`);
    expect(both.body.total).toBe(2);
  });

  it('filters by customer_id and created_at, with junction or', async () => {
    await addReferees('c-1');
    const base = path(FIXTURE.publishedCode);
    const byCustomer = await api.get(`${base}?filters[customer_id][conditions][$is]=${alice.id}`);
    expect(byCustomer.body.data.map((h: { customer_id: string }) => h.customer_id)).toEqual([alice.id]);
    const recent = await api.get(`${base}?filters[created_at][conditions][$after]=2026-06-01T00:00:00.000Z`);
    expect(recent.body.data.map((h: { holder_role: string }) => h.holder_role)).toEqual(['REFEREE']);
    const either = await api.get(
      `${base}?filters[junction]=or&filters[customer_id][conditions][$is]=${alice.id}&filters[created_at][conditions][$after]=2026-06-01T00:00:00.000Z`,
    );
    expect(either.body.total).toBe(2);
    const both = await api.get(
      `${base}?filters[junction]=and&filters[customer_id][conditions][$is]=${alice.id}&filters[created_at][conditions][$after]=2026-06-01T00:00:00.000Z`,
    );
    expect(both.body.total).toBe(0);
  });

  it.each([
    ['limit=0', 'Property .limit must be >= 1'],
    ['limit=101', 'Property .limit must be <= 100'],
    ['limit=ten', 'Property .limit must be integer'],
    ['order=created_at', 'Property .order must be equal to one of the allowed values [ id, -id ]'],
    ['filters[holder_role][conditions][$in]=BOSS', 'Property .filters.holder_role.conditions.$in[0] must be equal to one of the allowed values [ OWNER, REFERRER, REFEREE ]'],
    ['filters[created_at][conditions][$after]=yesterday', 'Property .filters.created_at.conditions.$after must match format "date-time"'],
  ])('rejects %s', async (query, details) => {
    const body = expectError(await api.get(`${path(FIXTURE.publishedCode)}?${query}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.get(path('v_wnd4fslUpkLnZH0KthYDxouBSgn24Yr')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({
      details: 'Cannot find voucher with id v_wnd4fslUpkLnZH0KthYDxouBSgn24Yr',
      resource_id: 'v_wnd4fslUpkLnZH0KthYDxouBSgn24Yr',
      resource_type: 'voucher',
    });
  });
});

describe('GET /v1/referrals/{campaignId}/members/{memberId}/holders (campaign checks)', () => {
  it('answers 404 campaign for an unknown campaign', async () => {
    const body = expectError(await api.get(campaignHoldersPath('camp_unknown', FIXTURE.publishedCode)), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'camp_unknown', resource_type: 'campaign' });
  });

  it('answers 404 campaign for a code of another campaign', async () => {
    const body = expectError(await api.get(campaignHoldersPath(discountCampaign.id, FIXTURE.publishedCode)), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: discountCampaign.id, resource_type: 'campaign' });
  });
});

describe.each([
  ['DELETE /v1/referrals/members/{memberId}/holders/{holderId}', (code: string, holder: string) => `${holdersPath(code)}/${holder}`],
  [
    'DELETE /v1/referrals/{campaignId}/members/{memberId}/holders/{holderId}',
    (code: string, holder: string) => `${campaignHoldersPath(referralCampaign.id, code)}/${holder}`,
  ],
])('%s', (_name, path) => {
  it('removes a referee', async () => {
    const added = await api.post(holdersPath(FIXTURE.publishedCode), { holders: [{ source_id: 'leaving' }] });
    const holderId = added.body.holders[0].id;
    const res = await api.delete(path(FIXTURE.publishedCode, holderId));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await holderIds()).toEqual(['rh_0e7213a6bc407b8639']);
    // The customer stays; only the assignment is gone, so the customer can be added again.
    expect((await api.get('/v1/customers/leaving')).status).toBe(200);
    expect((await api.post(holdersPath(FIXTURE.publishedCode), { holders: [{ source_id: 'leaving' }] })).status).toBe(200);
  });

  it('refuses to remove the referrer', async () => {
    const body = expectError(await api.delete(path(FIXTURE.publishedCode, 'rh_0e7213a6bc407b8639')), 403, 'forbidden', 'Can not remove assignment');
    expect(body.details).toBe('You can not remove Referrer assignment');
    expect(await holderIds()).toEqual(['rh_0e7213a6bc407b8639']);
  });

  it('answers 404 redeemable_holder for an unknown holder', async () => {
    const body = expectError(await api.delete(path(FIXTURE.publishedCode, 'rh_0f1ab744ce8277d0dc')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({
      details: 'Cannot find redeemable_holder with id rh_0f1ab744ce8277d0dc',
      resource_id: 'rh_0f1ab744ce8277d0dc',
      resource_type: 'redeemable_holder',
    });
  });

  it('answers 404 redeemable_holder for a holder of another code', async () => {
    const body = expectError(await api.delete(path(FIXTURE.otherUnpublishedCode, 'rh_0e7213a6bc407b8639')), 404, 'not_found', 'Resource not found');
    expect(body.resource_type).toBe('redeemable_holder');
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.delete(path('v_uOrG9tQresN9X51gbAoo0a2vY4MLV9l', 'rh_0e7213a6bc407b8639')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'v_uOrG9tQresN9X51gbAoo0a2vY4MLV9l', resource_type: 'voucher' });
  });
});

describe('DELETE /v1/referrals/{campaignId}/members/{memberId}/holders/{holderId} (campaign checks)', () => {
  it('answers 404 campaign for an unknown campaign', async () => {
    const body = expectError(
      await api.delete(`${campaignHoldersPath('camp_vVk4unz3k4gA023fk9XoSiT', FIXTURE.publishedCode)}/rh_0e7213a6bc407b8639`),
      404,
      'not_found',
      'Resource not found',
    );
    expect(body).toMatchObject({
      details: 'Cannot find campaign with id camp_vVk4unz3k4gA023fk9XoSiT',
      resource_id: 'camp_vVk4unz3k4gA023fk9XoSiT',
      resource_type: 'campaign',
    });
  });
});
