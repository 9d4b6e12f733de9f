// Campaigns: create, get, list, update, delete, enable/disable, and adding vouchers to a campaign.

import { readFileSync } from 'node:fs';
import { holders, publications, vouchers } from '../src/domain/collections.js';
import type { MockApp } from '../src/index.js';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign } from './support/builders.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const referralCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.referralCampaign);
const discountCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.discountCampaign);
const publishedVoucher = fixtures.vouchers.find((v: { code: string }) => v.code === FIXTURE.publishedCode);
/** The fixture campaigns' names, oldest first (by created_at). */
const fixtureNamesOldestFirst: string[] = [...fixtures.campaigns]
  .sort((a: { created_at: string }, b: { created_at: string }) => a.created_at.localeCompare(b.created_at))
  .map((c: { name: string }) => c.name);
const referralCodes: string[] = fixtures.vouchers
  .filter((v: { campaign_id: string }) => v.campaign_id === referralCampaign.id)
  .map((v: { code: string }) => v.code);

const TENANT = 'campaigns-tenant';
let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, TENANT);
});

const campaignPath = (idOrName: string) => `/v1/campaigns/${encodeURIComponent(idOrName)}`;
const vouchersPath = (idOrName: string) => `${campaignPath(idOrName)}/vouchers`;

const discountBody = (name = 'Autumn Coupons', extra: Record<string, unknown> = {}) => ({
  name,
  campaign_type: 'DISCOUNT_COUPONS',
  type: 'AUTO_UPDATE',
  voucher: {
    type: 'DISCOUNT_VOUCHER',
    discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
    redemption: { quantity: 1 },
    code_config: { pattern: 'AUT-####', charset: '0123456789' },
  },
  ...extra,
});

async function create(body: Record<string, unknown>) {
  const res = await api.post('/v1/campaigns', body);
  expect(res.status).toBe(200);
  return res.body;
}

async function codesOf(campaignId: string): Promise<string[]> {
  return vouchers(app.locals.store.tenant(TENANT))
    .groupOf('campaign_id', campaignId)
    .map((v) => v.code);
}

describe('POST /v1/campaigns', () => {
  it('creates a discount campaign with its vouchers', async () => {
    const res = await api.post(
      '/v1/campaigns',
      discountBody('Autumn Coupons', {
        description: 'Ten percent off',
        vouchers_count: 3,
        start_date: '2026-09-01T00:00:00Z',
        expiration_date: '2026-11-30T00:00:00Z',
        metadata: { region: 'EMEA' },
        category: 'seasonal',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^camp_[A-Za-z0-9]{24}$/),
      name: 'Autumn Coupons',
      description: 'Ten percent off',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      voucher: {
        type: 'DISCOUNT_VOUCHER',
        discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
        redemption: { quantity: 1 },
        code_config: { pattern: 'AUT-####', charset: '0123456789', length: 4 },
        is_referral_code: false,
        start_date: '2026-09-01T00:00:00.000Z',
        expiration_date: '2026-11-30T00:00:00.000Z',
      },
      auto_join: false,
      join_once: false,
      use_voucher_metadata_schema: true,
      start_date: '2026-09-01T00:00:00.000Z',
      expiration_date: '2026-11-30T00:00:00.000Z',
      vouchers_count: 3,
      active: true,
      metadata: { region: 'EMEA' },
      created_at: NOW.toISOString(),
      category: 'seasonal',
      creation_status: 'DONE',
      vouchers_generation_status: 'DONE',
      protected: false,
      category_id: null,
      categories: [],
      object: 'campaign',
    });
    const codes = await codesOf(res.body.id);
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^AUT-[0-9]{4}$/);
    const voucher = await api.get(`/v1/vouchers/${codes[0]}`);
    expect(voucher.status).toBe(200);
    expect(voucher.body).toMatchObject({
      campaign: 'Autumn Coupons',
      campaign_id: res.body.id,
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'PERCENT', percent_off: 10 },
      redemption: { quantity: 1, redeemed_quantity: 0 },
      start_date: '2026-09-01T00:00:00.000Z',
    });
  });

  it('completes code_config with Voucherify defaults and puts prefix and postfix around the code', async () => {
    const body = discountBody('Prefixed');
    body.voucher.code_config = { prefix: 'PRE-', postfix: '-X', length: 6 } as never;
    const campaign = await create({ ...body, vouchers_count: 2 });
    expect(campaign.voucher.code_config).toEqual({
      prefix: 'PRE-',
      postfix: '-X',
      length: 6,
      charset: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
      pattern: '######',
    });
    for (const code of await codesOf(campaign.id)) expect(code).toMatch(/^PRE-[0-9a-zA-Z]{6}-X$/);
  });

  it('records a DONE CAMPAIGN.VOUCHERS_GENERATE async action when it generates more than one voucher', async () => {
    await givenCampaign(api, { vouchers_count: 5 });
    const list = await api.get('/v1/async-actions');
    expect(list.status).toBe(200);
    expect(list.body.async_actions[0]).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_GENERATE', status: 'DONE' });
    const action = await api.get(`/v1/async-actions/${list.body.async_actions[0].id}`);
    expect(action.body.result).toEqual({ message: 'Generated 5 vouchers.', done_count: 5 });
  });

  it('creates gift, loyalty and referral campaigns with the right voucher type', async () => {
    const gift = await create({
      name: 'Gift 50',
      campaign_type: 'GIFT_VOUCHERS',
      vouchers_count: 1,
      voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000, effect: 'APPLY_TO_ORDER' } },
    });
    expect(gift.voucher).toMatchObject({ type: 'GIFT_VOUCHER', gift: { amount: 5000 }, redemption: { quantity: null } });
    const giftCode = (await codesOf(gift.id))[0];
    expect((await api.get(`/v1/vouchers/${giftCode}`)).body.gift).toEqual({ amount: 5000, balance: 5000, effect: 'APPLY_TO_ORDER' });

    const loyalty = await create({
      name: 'Points',
      campaign_type: 'LOYALTY_PROGRAM',
      vouchers_count: 1,
      voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 100 }, code_config: { pattern: 'PT-########', charset: 'Numbers' } },
    });
    const card = (await codesOf(loyalty.id))[0];
    expect(card).toMatch(/^PT-[0-9]{8}$/);
    expect((await api.get(`/v1/vouchers/${card}`)).body).toMatchObject({ type: 'LOYALTY_CARD', loyalty_card: { points: 100, balance: 100 }, discount: null });

    const referral = await create({
      name: 'Refer More',
      campaign_type: 'REFERRAL_PROGRAM',
      vouchers_count: 1,
      referral_program: { conversion_event_type: 'redemption' },
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 }, is_referral_code: true },
    });
    expect(referral).toMatchObject({ voucher: { is_referral_code: true }, referral_program: { conversion_event_type: 'redemption' } });
    const referralCode = (await codesOf(referral.id))[0];
    expect((await api.get(`/v1/vouchers/${referralCode}`)).body.is_referral_code).toBe(true);
  });

  it('creates a promotion with its tiers and no vouchers', async () => {
    const promotion = await create({
      name: 'Promo',
      campaign_type: 'PROMOTION',
      type: 'STATIC',
      promotion: { tiers: [{ name: '10% off', banner: 'Get 10% off', action: { discount: { type: 'PERCENT', percent_off: 10 } } }] },
    });
    expect(promotion).not.toHaveProperty('voucher');
    expect(promotion.promotion).toMatchObject({
      object: 'list',
      data_ref: 'tiers',
      total: 1,
      has_more: false,
      tiers: [{ id: expect.stringMatching(/^promo_/), name: '10% off', hierarchy: 1, campaign_id: promotion.id, object: 'promotion_tier' }],
    });
    expect(promotion.vouchers_count).toBe(0);
  });

  it('answers 409 duplicate_found for a name already taken', async () => {
    const body = expectError(await api.post('/v1/campaigns', discountBody(FIXTURE.discountCampaign)), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({
      details: `Duplicated campaign exists with name ${FIXTURE.discountCampaign}`,
      resource_id: FIXTURE.discountCampaign,
      resource_type: 'campaign',
    });
  });

  it.each([
    ['a discount campaign without a discount', { name: 'X', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER' } }, "Property 'discount' is required for DISCOUNT_COUPONS campaign"],
    ['a referral program without a discount', { name: 'X', campaign_type: 'REFERRAL_PROGRAM', voucher: { type: 'DISCOUNT_VOUCHER' } }, "Property 'discount' is required for REFERRAL_PROGRAM campaign"],
    ['a gift campaign without a gift', { name: 'X', campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'GIFT_VOUCHER' } }, "Property 'gift' is required for GIFT_VOUCHERS campaign"],
    ['a gift campaign with no amount', { name: 'X', campaign_type: 'GIFT_VOUCHERS', voucher: { gift: { amount: 0 } } }, "Property 'gift.amount' must be greater than zero for GIFT_VOUCHERS campaign"],
    ['a loyalty program without a loyalty card', { name: 'X', campaign_type: 'LOYALTY_PROGRAM', voucher: { type: 'LOYALTY_CARD' } }, "Property 'loyalty_card' is required for LOYALTY_PROGRAM campaign"],
    ['a campaign without a voucher', { name: 'X', campaign_type: 'GIFT_VOUCHERS' }, "Property 'voucher' is required for GIFT_VOUCHERS campaign"],
    ['a voucher type of another campaign type', { name: 'X', campaign_type: 'GIFT_VOUCHERS', voucher: { type: 'LOYALTY_CARD', gift: { amount: 1 } } }, "Property 'voucher.type' must be GIFT_VOUCHER for GIFT_VOUCHERS campaign"],
  ])('answers 400 invalid_campaign for %s', async (_case, payload, details) => {
    const body = expectError(await api.post('/v1/campaigns', payload), 400, 'invalid_campaign', 'Invalid Campaign');
    expect(body.details).toBe(details);
    expectError(await api.get(campaignPath('X')), 404, 'not_found', 'Resource not found');
  });

  it('answers 400 invalid_payload without a name', async () => {
    const body = expectError(await api.post('/v1/campaigns', { campaign_type: 'PROMOTION', promotion: {} }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe("Payload must have required property 'name'");
  });

  it('answers 404 for a category_id the tenant does not have', async () => {
    const body = expectError(await api.post('/v1/campaigns', discountBody('Cat', { category_id: 'cat_0bb343dee3cdb5ec0c' })), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_type: 'category', resource_id: 'cat_0bb343dee3cdb5ec0c' });
  });

  it('writes nothing when its vouchers cannot all get a code', async () => {
    const body = discountBody('Tiny');
    body.voucher.code_config = { pattern: 'T#', charset: 'AB' } as never;
    const res = await api.post('/v1/campaigns', { ...body, vouchers_count: 3 });
    expectError(res, 400, 'invalid_code_config', 'Invalid code config');
    expectError(await api.get(campaignPath('Tiny')), 404, 'not_found', 'Resource not found');
  });
});

describe('GET /v1/campaigns/{campaignId}', () => {
  it('finds a campaign by id and by name', async () => {
    const byId = await api.get(campaignPath(referralCampaign.id));
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: referralCampaign.id, name: FIXTURE.referralCampaign, vouchers_count: referralCodes.length, object: 'campaign' });
    const byName = await api.get(campaignPath(FIXTURE.referralCampaign));
    expect(byName.body).toEqual(byId.body);
    // The seeded referral program rewards referees with nothing: no related campaign, and no type
    // (Voucherify's referee reward types are LOYALTY_CARD and GIFT_VOUCHER only).
    expect(byId.body.referral_program).toEqual({ conversion_event_type: 'redemption', referee_reward: { related_object_parent: null } });
  });

  it('answers 404 for an unknown campaign, naming it as sent', async () => {
    const body = expectError(await api.get(campaignPath('No Such Campaign')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find campaign with id No Such Campaign', resource_id: 'No Such Campaign', resource_type: 'campaign' });
  });
});

describe('GET /v1/campaigns', () => {
  it('lists campaigns newest first in Voucherify’s envelope', async () => {
    const res = await api.get('/v1/campaigns');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['campaigns', 'data_ref', 'object', 'total']);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'campaigns', total: fixtures.campaigns.length });
    expect(res.body.campaigns.map((c: { name: string }) => c.name)).toEqual([...fixtureNamesOldestFirst].reverse());
  });

  it('filters by campaign_type', async () => {
    const res = await api.get('/v1/campaigns?campaign_type=REFERRAL_PROGRAM');
    expect(res.body.total).toBe(1);
    expect(res.body.campaigns[0].id).toBe(referralCampaign.id);
    const promotions = fixtures.campaigns.filter((c: { campaign_type: string }) => c.campaign_type === 'PROMOTION');
    expect(promotions.length).toBeGreaterThan(0);
    const promo = await api.get('/v1/campaigns?campaign_type=PROMOTION');
    expect(promo.body.total).toBe(promotions.length);
    expect(promo.body.campaigns.map((c: { id: string }) => c.id).sort()).toEqual(promotions.map((c: { id: string }) => c.id).sort());
  });

  it('filters by is_referral_code and by name conditions', async () => {
    const referral = await api.get('/v1/campaigns?is_referral_code=true');
    expect(referral.body.campaigns.map((c: { id: string }) => c.id)).toEqual([referralCampaign.id]);
    const named = await api.get('/v1/campaigns?filters[campaigns][conditions][$starts_with]=Summer');
    expect(named.body.campaigns.map((c: { id: string }) => c.id)).toEqual([discountCampaign.id]);
  });

  it('pages with limit and page, and orders by created_at', async () => {
    const page2 = await api.get('/v1/campaigns?limit=3&page=2&order=created_at');
    expect(page2.body.total).toBe(fixtures.campaigns.length);
    // Page 2 of 3 starts after the three oldest; the fixtures must reach past them for the page to mean something.
    expect(fixtures.campaigns.length).toBeGreaterThan(3);
    expect(page2.body.campaigns.map((c: { name: string }) => c.name)).toEqual(fixtureNamesOldestFirst.slice(3, 6));
  });

  it('answers 400 invalid_query_params for a limit above 100', async () => {
    const body = expectError(await api.get('/v1/campaigns?limit=101'), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe('Property .limit must be <= 100');
  });
});

describe('PUT /v1/campaigns/{campaignId}', () => {
  it('changes the updatable fields, merges metadata and skips the name', async () => {
    const campaign = await create(discountBody('Editable', { vouchers_count: 2, metadata: { a: 1, b: 2 } }));
    const res = await api.put(campaignPath('Editable'), {
      name: 'Renamed',
      description: 'New description',
      type: 'STATIC',
      join_once: true,
      metadata: { c: 3 },
      unset_metadata_fields: ['a'],
      expiration_date: '2027-01-01T00:00:00Z',
      discount: { type: 'AMOUNT', amount_off: 700 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: campaign.id,
      name: 'Editable',
      description: 'New description',
      type: 'STATIC',
      join_once: true,
      metadata: { b: 2, c: 3 },
      expiration_date: '2027-01-01T00:00:00.000Z',
      updated_at: NOW.toISOString(),
      voucher: { discount: { type: 'AMOUNT', amount_off: 700 }, expiration_date: '2027-01-01T00:00:00.000Z' },
      vouchers_count: 2,
    });
    expectError(await api.get(campaignPath('Renamed')), 404, 'not_found', 'Resource not found');
    const code = (await codesOf(campaign.id))[0];
    expect((await api.get(`/v1/vouchers/${code}`)).body).toMatchObject({
      discount: { type: 'AMOUNT', amount_off: 700 },
      expiration_date: '2027-01-01T00:00:00.000Z',
    });
  });

  it('leaves published vouchers as they are', async () => {
    await api.put(campaignPath(referralCampaign.id), { discount: { type: 'PERCENT', percent_off: 50 } });
    expect((await api.get(`/v1/vouchers/${FIXTURE.publishedCode}`)).body.discount.percent_off).toBe(10);
    expect((await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`)).body.discount.percent_off).toBe(50);
  });

  it('answers 404 for an unknown campaign', async () => {
    const body = expectError(await api.put(campaignPath('camp_missing'), { description: 'x' }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'camp_missing', resource_type: 'campaign' });
  });

  it('answers 400 invalid_payload for a wrongly typed field', async () => {
    const body = expectError(await api.put(campaignPath(discountCampaign.id), { type: 'SOMETIMES' }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .type must be equal to one of the allowed values [ AUTO_UPDATE, STATIC ]');
  });
});

describe('DELETE /v1/campaigns/{campaignId}', () => {
  it('answers 202 with an async action and removes the campaign, its vouchers, holders and publications', async () => {
    const res = await api.delete(`${campaignPath(FIXTURE.referralCampaign)}?force=true`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ async_action_id: expect.stringMatching(/^aa_[0-9a-f]{18}$/) });

    const action = await api.get(`/v1/async-actions/${res.body.async_action_id}`);
    expect(action.status).toBe(200);
    expect(action.body).toMatchObject({
      id: res.body.async_action_id,
      type: 'CAMPAIGN.VOUCHERS_DELETE',
      status: 'DONE',
      result: { message: `Deleted ${referralCodes.length} vouchers.`, done_count: referralCodes.length },
      object: 'async_action',
    });
    expectError(await api.get(campaignPath(referralCampaign.id)), 404, 'not_found', 'Resource not found');
    expect(referralCodes).toEqual(expect.arrayContaining([FIXTURE.publishedCode, FIXTURE.unpublishedCode, FIXTURE.otherUnpublishedCode]));
    for (const code of referralCodes) {
      expectError(await api.get(`/v1/vouchers/${code}`), 404, 'not_found', 'Resource not found');
    }
    const tenant = app.locals.store.tenant(TENANT);
    expect(holders(tenant).groupOf('redeemable_id', publishedVoucher.id)).toEqual([]);
    expect(publications(tenant).groupOf('voucher_id', publishedVoucher.id)).toEqual([]);
    expect((await api.get(campaignPath(discountCampaign.id))).status).toBe(200);
  });

  it('frees the name for a new campaign with force=true', async () => {
    await api.delete(`${campaignPath(FIXTURE.discountCampaign)}?force=true`);
    await create(discountBody(FIXTURE.discountCampaign));
  });

  it('keeps the name taken while the campaign is in the bin', async () => {
    await api.delete(campaignPath(FIXTURE.discountCampaign));
    const body = expectError(await api.post('/v1/campaigns', discountBody(FIXTURE.discountCampaign)), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ details: `Duplicated campaign exists with name ${FIXTURE.discountCampaign}` });
  });

  it('answers 404 for an unknown campaign', async () => {
    const body = expectError(await api.delete(campaignPath('Spring Campaign')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find campaign with id Spring Campaign', resource_id: 'Spring Campaign', resource_type: 'campaign' });
  });
});

describe.each([
  ['POST /v1/campaigns/{campaignId}/disable', 'disable', false],
  ['POST /v1/campaigns/{campaignId}/enable', 'enable', true],
])('%s', (_name, action, active) => {
  it('answers an empty object and is reflected in the campaign', async () => {
    if (active) await api.post(`${campaignPath(discountCampaign.id)}/disable`, {});
    const res = await api.post(`${campaignPath(FIXTURE.discountCampaign)}/${action}`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const campaign = await api.get(campaignPath(discountCampaign.id));
    expect(campaign.body).toMatchObject({ active, updated_at: NOW.toISOString() });
  });

  it('answers 404 for an unknown campaign', async () => {
    const body = expectError(await api.post(`${campaignPath('camp_h8RyP6FV94F3Ev2odP24j5p')}/${action}`, {}), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'camp_h8RyP6FV94F3Ev2odP24j5p', resource_type: 'campaign' });
  });
});

describe("a disabled campaign's vouchers", () => {
  const order = { amount: 10000 };
  const validate = () => api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: FIXTURE.discountCode }], order });

  it('are refused by validations, redemptions and qualifications until the campaign is enabled again', async () => {
    expect((await validate()).body).toMatchObject({ valid: true });
    await api.post(`${campaignPath(discountCampaign.id)}/disable`, {});

    const refused = await validate();
    expect(refused.body).toMatchObject({ valid: false });
    expect(refused.body.inapplicable_redeemables[0].result.error).toMatchObject({ code: 400, key: 'voucher_disabled', message: 'voucher is disabled', details: FIXTURE.discountCode });
    const redeemed = await api.post(`/v1/vouchers/${FIXTURE.discountCode}/redemption`, { order });
    expectError(redeemed, 400, 'voucher_disabled', 'voucher is disabled');
    const voucher = await api.get(`/v1/vouchers/${FIXTURE.discountCode}`);
    expect(voucher.body.redemption.redeemed_quantity).toBe(0);
    const offered = await api.post('/v1/qualifications', { scenario: 'ALL', order, options: { limit: 50 } });
    expect(offered.status).toBe(200);
    expect(offered.body.redeemables.data.map((r: { id: string }) => r.id)).not.toContain(FIXTURE.discountCode);

    await api.post(`${campaignPath(discountCampaign.id)}/enable`, {});
    expect((await validate()).body).toMatchObject({ valid: true });
  });
});

describe('POST /v1/campaigns/{campaignId}/vouchers', () => {
  it('adds one voucher built from the campaign template and answers it', async () => {
    const res = await api.post(vouchersPath(FIXTURE.discountCampaign), {
      category: 'New Customers',
      metadata: { season: 'autumn' },
      redemption: { quantity: 3 },
      additional_info: 'Added by a test',
      start_date: '2026-12-01T00:00:00Z',
      expiration_date: '2026-12-31T00:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^v_[A-Za-z0-9]{32}$/),
      code: expect.any(String),
      campaign: FIXTURE.discountCampaign,
      campaign_id: discountCampaign.id,
      category: 'New Customers',
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' },
      gift: null,
      loyalty_card: null,
      start_date: '2026-12-01T00:00:00.000Z',
      expiration_date: '2026-12-31T00:00:00.000Z',
      active: true,
      additional_info: 'Added by a test',
      metadata: { season: 'autumn' },
      is_referral_code: false,
      created_at: NOW.toISOString(),
      redemption: { quantity: 3, redeemed_quantity: 0, object: 'list' },
      publish: { object: 'list', count: 0 },
      assets: { qr: { url: expect.any(String) }, barcode: { url: expect.any(String) } },
      categories: [],
      object: 'voucher',
    });
    expect((await api.get(`/v1/vouchers/${res.body.code}`)).body.id).toBe(res.body.id);
    const fixtureCount = fixtures.vouchers.filter((v: { campaign_id: string }) => v.campaign_id === discountCampaign.id).length;
    expect((await api.get(campaignPath(discountCampaign.id))).body.vouchers_count).toBe(fixtureCount + 1);
  });

  it('adds a referral code to a referral program', async () => {
    const res = await api.post(vouchersPath(referralCampaign.id), {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ is_referral_code: true, campaign: FIXTURE.referralCampaign, discount: { percent_off: 10 } });
  });

  it('adds a loyalty card and a gift card with the template values', async () => {
    const card = await api.post(vouchersPath('Loyalty Club'), {});
    expect(card.body).toMatchObject({ type: 'LOYALTY_CARD', loyalty_card: { points: 0, balance: 0 }, discount: null });
    const gift = await api.post(vouchersPath('Gift Cards'), {});
    expect(gift.status).toBe(200);
    expect(gift.body.type).toBe('GIFT_VOUCHER');
  });

  it('uses the code sent', async () => {
    const res = await api.post(vouchersPath(FIXTURE.discountCampaign), { code: 'MY-OWN-CODE' });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('MY-OWN-CODE');
  });

  it('follows a code_config sent with the request: pattern, charset, prefix and postfix', async () => {
    const res = await api.post(vouchersPath(FIXTURE.discountCampaign), {
      code_config: { prefix: 'A-', pattern: '##-##', postfix: '-Z', charset: 'XYZ' },
    });
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^A-[XYZ]{2}-[XYZ]{2}-Z$/);
    const byLength = await api.post(vouchersPath(FIXTURE.discountCampaign), { code_config: { length: 12, charset: 'Alphabetic Uppercase' } });
    expect(byLength.body.code).toMatch(/^[A-Z]{12}$/);
  });

  it('adds many vouchers as a DONE async action, with codes that follow the config and never collide', async () => {
    const campaign = await create(discountBody('Dense', { vouchers_count: 5 }));
    // AUT-#### over digits has 10,000 codes; 5 are taken, and 40 more must avoid them and each other.
    const res = await api.post(`${vouchersPath('Dense')}?vouchers_count=40`, { metadata: { batch: 2 } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ async_action_id: expect.stringMatching(/^aa_/) });
    const action = await api.get(`/v1/async-actions/${res.body.async_action_id}`);
    expect(action.body).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_GENERATE', status: 'DONE', result: { message: 'Generated 40 vouchers.', done_count: 40 } });
    const codes = await codesOf(campaign.id);
    expect(codes).toHaveLength(45);
    expect(new Set(codes).size).toBe(45);
    for (const code of codes) expect(code).toMatch(/^AUT-[0-9]{4}$/);
    expect((await api.get(campaignPath(campaign.id))).body.vouchers_count).toBe(45);
  });

  it('never reuses a code of the tenant, even when the config can make few others', async () => {
    const campaign = await create(discountBody('Narrow'));
    await api.post(`/v1/campaigns/Narrow/vouchers/N-A`, {});
    await api.post(`/v1/campaigns/Narrow/vouchers/N-B`, {});
    const res = await api.post(`${vouchersPath('Narrow')}?vouchers_count=2`, { code_config: { pattern: 'N-#', charset: 'ABCD' } });
    expect(res.status).toBe(202);
    expect((await codesOf(campaign.id)).sort()).toEqual(['N-A', 'N-B', 'N-C', 'N-D']);
    const full = await api.post(vouchersPath('Narrow'), { code_config: { pattern: 'N-#', charset: 'ABCD' } });
    expectError(full, 400, 'invalid_code_config', 'Invalid code config');
  });

  it('answers 400 when a code comes with vouchers_count above 1', async () => {
    const body = expectError(await api.post(`${vouchersPath(FIXTURE.discountCampaign)}?vouchers_count=2`, { code: 'ONE-CODE' }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .code cannot be used when vouchers_count is greater than 1 (got 2)');
  });

  it('answers 409 duplicate_found for a code the tenant has', async () => {
    const body = expectError(await api.post(vouchersPath(FIXTURE.discountCampaign), { code: FIXTURE.publishedCode }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ resource_type: 'voucher', resource_id: FIXTURE.publishedCode });
  });

  it('answers 400 invalid_query_params for vouchers_count 0', async () => {
    const body = expectError(await api.post(`${vouchersPath(FIXTURE.discountCampaign)}?vouchers_count=0`, {}), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe('Property .vouchers_count must be >= 1');
  });

  it('answers 400 invalid_campaign for a promotion', async () => {
    await create({ name: 'Promo Only', campaign_type: 'PROMOTION', promotion: { tiers: [] } });
    const body = expectError(await api.post(vouchersPath('Promo Only'), {}), 400, 'invalid_campaign', 'Invalid Campaign');
    expect(body.details).toBe('Campaign Promo Only is a PROMOTION campaign; vouchers cannot be added to it');
  });

  it('answers 404 for an unknown campaign', async () => {
    const body = expectError(await api.post(vouchersPath('Nope'), {}), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find campaign with id Nope', resource_id: 'Nope', resource_type: 'campaign' });
  });
});

describe('POST /v1/campaigns/{campaignId}/vouchers/{code}', () => {
  it('adds a voucher with the given code', async () => {
    const res = await api.post(`${vouchersPath(discountCampaign.id)}/Code1`, {
      active: false,
      redemption: { quantity: null },
      additional_info: 'Voucher added using API',
      metadata: { Season: 'Fall' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'Code1',
      campaign: FIXTURE.discountCampaign,
      campaign_id: discountCampaign.id,
      active: false,
      redemption: { quantity: null },
      additional_info: 'Voucher added using API',
      metadata: { Season: 'Fall' },
      discount: { type: 'AMOUNT', amount_off: 1000 },
    });
  });

  it('answers 409 duplicate_found for an existing code', async () => {
    await api.post(`${vouchersPath(discountCampaign.id)}/Code1`, {});
    const body = expectError(await api.post(`${vouchersPath(FIXTURE.referralCampaign)}/Code1`, {}), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ details: 'Duplicated voucher exists with id Code1', resource_id: 'Code1', resource_type: 'voucher' });
  });

  it('answers 404 for an unknown campaign', async () => {
    const body = expectError(await api.post(`${vouchersPath('Nope')}/Code2`, {}), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'Nope', resource_type: 'campaign' });
  });
});
