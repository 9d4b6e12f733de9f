// Vouchers: list, create (with a code or a generated one), read, update, enable, disable and delete.

import { readFileSync } from 'node:fs';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenVoucher } from './support/builders.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const alice = fixtures.customers.find((c: { source_id: string }) => c.source_id === FIXTURE.referrerSourceId);
const discountCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === FIXTURE.discountCampaign);
const loyaltyCampaign = fixtures.campaigns.find((c: { name: string }) => c.name === 'Loyalty Club');
const bob = fixtures.customers.find((c: { source_id: string }) => c.source_id === 'bob-shopper');
/** Codes of the fixture vouchers that match, sorted (as `order=code` lists them). */
const fixtureCodes = (match: (v: { code: string; campaign_id: string | null; holder_id?: string }) => boolean): string[] =>
  fixtures.vouchers
    .filter(match)
    .map((v: { code: string }) => v.code)
    .sort();
const codesOf = (res: { body: { vouchers: { code: string }[] } }) => res.body.vouchers.map((v) => v.code);

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

describe('GET /v1/vouchers/{code}', () => {
  it('shows the referrer of a published referral code as holder_id and referrer_id', async () => {
    const res = await api.get(`/v1/vouchers/${FIXTURE.publishedCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^v_[A-Za-z0-9]{32}$/),
      code: FIXTURE.publishedCode,
      campaign: FIXTURE.referralCampaign,
      campaign_id: expect.stringMatching(/^camp_[A-Za-z0-9]{24}$/),
      type: 'DISCOUNT_VOUCHER',
      is_referral_code: true,
      holder_id: alice.id,
      referrer_id: alice.id,
      publish: { object: 'list', count: 1 },
      object: 'voucher',
    });
  });

  it('shows no holder on an unpublished code', async () => {
    const res = await api.get(`/v1/vouchers/${FIXTURE.unpublishedCode}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('holder_id');
    expect(res.body).not.toHaveProperty('referrer_id');
    expect(res.body.publish.count).toBe(0);
  });

  it('finds a voucher by its id too', async () => {
    const byCode = await api.get(`/v1/vouchers/${FIXTURE.discountCode}`);
    const byId = await api.get(`/v1/vouchers/${byCode.body.id}`);
    expect(byId.body).toEqual(byCode.body);
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.get('/v1/vouchers/NO-SUCH-CODE'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CODE', resource_id: 'NO-SUCH-CODE', resource_type: 'voucher' });
  });
});

const percentVoucher = {
  type: 'DISCOUNT_VOUCHER',
  discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
  category: 'New Customers',
  start_date: '2026-01-01T00:00:00Z',
  expiration_date: '2026-12-31T23:59:59Z',
  active: false,
  additional_info: 'Inactive until enabled.',
  redemption: { quantity: 10 },
  metadata: { locale: 'de-en' },
};

describe('GET /v1/vouchers', () => {
  it('lists vouchers in the vouchers envelope, newest first, 10 a page', async () => {
    const res = await api.get('/v1/vouchers');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'vouchers', total: fixtures.vouchers.length });
    expect(res.body).not.toHaveProperty('has_more');
    expect(res.body.vouchers).toHaveLength(Math.min(10, fixtures.vouchers.length));
    const created = res.body.vouchers.map((v: { created_at: string }) => v.created_at);
    expect(created).toEqual([...created].sort().reverse());
    expect(res.body.vouchers[0]).not.toHaveProperty('validation_rules_assignments');
  });

  it('pages with limit and page', async () => {
    const all = codesOf(await api.get('/v1/vouchers?limit=100'));
    expect(all).toHaveLength(fixtures.vouchers.length);
    expect(codesOf(await api.get('/v1/vouchers?limit=2&page=2'))).toEqual(all.slice(2, 4));
    const lastPage = Math.ceil(all.length / 5);
    expect(codesOf(await api.get(`/v1/vouchers?limit=5&page=${lastPage}`))).toEqual(all.slice(5 * (lastPage - 1)));
    expect((await api.get(`/v1/vouchers?limit=5&page=${lastPage + 1}`)).body).toMatchObject({ vouchers: [], total: fixtures.vouchers.length });
  });

  it('sorts by code', async () => {
    const codes = codesOf(await api.get('/v1/vouchers?order=code&limit=100'));
    expect(codes).toEqual([...codes].sort());
    expect(codesOf(await api.get('/v1/vouchers?order=-code&limit=100'))).toEqual([...codes].reverse());
  });

  it('filters by campaign name and by campaign_id', async () => {
    expect(codesOf(await api.get(`/v1/vouchers?campaign=${encodeURIComponent(FIXTURE.discountCampaign)}&order=code`))).toEqual([
      'SUMMER-B4X8P1',
      'SUMMER-Q7K2M9',
    ]);
    const loyaltyCodes = fixtureCodes((v) => v.campaign_id === loyaltyCampaign.id);
    expect(loyaltyCodes.length).toBeGreaterThan(1);
    expect(codesOf(await api.get(`/v1/vouchers?campaign_id=${loyaltyCampaign.id}&order=code`))).toEqual(loyaltyCodes);
    expect((await api.get('/v1/vouchers?campaign=No%20Such%20Campaign')).body).toMatchObject({ vouchers: [], total: 0 });
  });

  it('filters by category', async () => {
    const voucher = await givenVoucher(api, percentVoucher);
    expect(codesOf(await api.get('/v1/vouchers?category=New%20Customers'))).toEqual([voucher.code]);
  });

  it('filters by the customer holding the vouchers, by id or source_id', async () => {
    expect(codesOf(await api.get(`/v1/vouchers?customer=${FIXTURE.referrerSourceId}`))).toEqual([FIXTURE.publishedCode]);
    expect(codesOf(await api.get(`/v1/vouchers?customer=${alice.id}`))).toEqual([FIXTURE.publishedCode]);
    const bobCodes = fixtureCodes((v) => v.holder_id === bob.id);
    expect(bobCodes.length).toBeGreaterThan(0);
    expect(codesOf(await api.get(`/v1/vouchers?customer=${bob.source_id}&order=code`))).toEqual(bobCodes);
    expect(codesOf(await api.get(`/v1/vouchers?customer=${bob.id}&order=code`))).toEqual(bobCodes);
    const holdsNothing = await givenCustomer(api);
    expect((await api.get(`/v1/vouchers?customer=${holdsNothing.source_id}`)).body).toMatchObject({ vouchers: [], total: 0 });
    expect((await api.get(`/v1/vouchers?customer=${holdsNothing.id}`)).body).toMatchObject({ vouchers: [], total: 0 });
    expect((await api.get('/v1/vouchers?customer=nobody')).body).toMatchObject({ vouchers: [], total: 0 });
  });

  it('filters by created_at[after]', async () => {
    const newest = await givenVoucher(api, percentVoucher);
    expect(codesOf(await api.get('/v1/vouchers?created_at[after]=2026-06-01T00:00:00Z'))).toEqual([newest.code]);
  });

  it.each([
    ['limit=101', 'Property .limit must be <= 100'],
    ['page=100', 'Property .page must be <= 99'],
    ['order=type', 'Property .order must be equal to one of the allowed values [ created_at, -created_at, updated_at, -updated_at, code, -code ]'],
  ])('rejects %s', async (query, details) => {
    const body = expectError(await api.get(`/v1/vouchers?${query}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });
});

describe('POST /v1/vouchers/{code}', () => {
  it('creates a standalone voucher with the path code', async () => {
    const res = await api.post('/v1/vouchers/WELCOME-10', percentVoucher);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^v_[A-Za-z0-9]{32}$/),
      code: 'WELCOME-10',
      campaign: null,
      campaign_id: null,
      category: 'New Customers',
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' },
      gift: null,
      loyalty_card: null,
      start_date: '2026-01-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:59.000Z',
      active: false,
      additional_info: 'Inactive until enabled.',
      metadata: { locale: 'de-en' },
      is_referral_code: false,
      created_at: NOW.toISOString(),
      updated_at: null,
      redemption: { quantity: 10, redeemed_quantity: 0, object: 'list', url: '/v1/vouchers/WELCOME-10/redemptions?page=1&limit=10' },
      publish: { object: 'list', count: 0, url: '/v1/vouchers/WELCOME-10/publications?page=1&limit=10' },
      object: 'voucher',
    });
    expect((await api.get('/v1/vouchers/WELCOME-10')).body).toEqual(res.body);
  });

  it('takes the path code over a code in the body (the SDK sends both)', async () => {
    const res = await api.post('/v1/vouchers/PATH-CODE', { ...percentVoucher, code: 'BODY-CODE' });
    expect(res.body.code).toBe('PATH-CODE');
  });

  it('creates a gift card with its whole amount as balance', async () => {
    const res = await api.post('/v1/vouchers/GIFT-100', { type: 'GIFT_VOUCHER', gift: { amount: 10000, effect: 'APPLY_TO_ORDER' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'GIFT_VOUCHER', discount: null, gift: { amount: 10000, balance: 10000, effect: 'APPLY_TO_ORDER' }, redemption: { redeemed_amount: 0 } });
  });

  it('adds the voucher to a campaign named in the body and copies its template', async () => {
    const res = await api.post('/v1/vouchers/SUMMER-EXTRA', { campaign: FIXTURE.discountCampaign, metadata: { extra: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      campaign: FIXTURE.discountCampaign,
      campaign_id: discountCampaign.id,
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' },
      redemption: { quantity: 1 },
      metadata: { extra: true },
    });
    expect(codesOf(await api.get(`/v1/vouchers?campaign_id=${discountCampaign.id}&order=code`))).toContain('SUMMER-EXTRA');
  });

  it('adds a loyalty card to a campaign given by campaign_id', async () => {
    const res = await api.post('/v1/vouchers/LC-EXTRA', { campaign_id: loyaltyCampaign.id, type: 'LOYALTY_CARD', loyalty_card: { points: 500 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ campaign: 'Loyalty Club', type: 'LOYALTY_CARD', loyalty_card: { points: 500, balance: 500 }, redemption: { redeemed_points: 0 } });
  });

  it('answers 409 duplicate_found for a code in use', async () => {
    const body = expectError(await api.post(`/v1/vouchers/${FIXTURE.discountCode}`, percentVoucher), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ details: `Duplicated voucher exists with id ${FIXTURE.discountCode}`, resource_id: FIXTURE.discountCode, resource_type: 'voucher' });
  });

  it('answers 404 campaign for an unknown campaign', async () => {
    const body = expectError(await api.post('/v1/vouchers/NEW-1', { campaign: 'Winter Sale' }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find campaign with id Winter Sale', resource_id: 'Winter Sale', resource_type: 'campaign' });
    expect((await api.get('/v1/vouchers/NEW-1')).status).toBe(404);
  });

  it.each([
    [{ metadata: { note: 'no part' } }, "Payload must have required property 'type' (or one of 'discount', 'gift', 'loyalty_card')"],
    [{ type: 'DISCOUNT_VOUCHER' }, "Payload must have required property 'discount'"],
    [{ type: 'GIFT_VOUCHER' }, "Payload must have required property 'gift'"],
    [{ type: 'COUPON' }, 'Property .type must be equal to one of the allowed values [ DISCOUNT_VOUCHER, GIFT_VOUCHER, LOYALTY_CARD ]'],
    [{ ...percentVoucher, start_date: 'tomorrow' }, 'Property .start_date must match format "date-time"'],
  ])('rejects %j', async (payload, details) => {
    const body = expectError(await api.post('/v1/vouchers/NEW-2', payload), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(details);
  });
});

describe('POST /v1/vouchers', () => {
  it('generates an 8-character alphanumeric code by default', async () => {
    const res = await api.post('/v1/vouchers', percentVoucher);
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(res.body).toMatchObject({ campaign: null, type: 'DISCOUNT_VOUCHER', publish: { url: `/v1/vouchers/${res.body.code}/publications?page=1&limit=10` } });
    expect((await api.get(`/v1/vouchers/${res.body.code}`)).status).toBe(200);
  });

  it('follows code_config', async () => {
    const res = await api.post('/v1/vouchers', { ...percentVoucher, code_config: { pattern: 'PROMO-####', charset: 'Numbers' } });
    expect(res.body.code).toMatch(/^PROMO-\d{4}$/);
    const prefixed = await api.post('/v1/vouchers', { ...percentVoucher, code_config: { prefix: 'A-', postfix: '-Z', length: 5, charset: 'XY' } });
    expect(prefixed.body.code).toMatch(/^A-[XY]{5}-Z$/);
  });

  it("uses the campaign's code config when the body has none", async () => {
    const res = await api.post('/v1/vouchers', { campaign: FIXTURE.discountCampaign });
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^SUMMER-[A-Z0-9]{6}$/);
    expect(res.body.campaign_id).toBe(discountCampaign.id);
  });

  it('uses a code given in the body', async () => {
    expect((await api.post('/v1/vouchers', { ...percentVoucher, code: 'GIVEN-1' })).body.code).toBe('GIVEN-1');
  });

  it('answers 409 duplicate_found for a code in use', async () => {
    const body = expectError(await api.post('/v1/vouchers', { ...percentVoucher, code: FIXTURE.publishedCode }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ resource_id: FIXTURE.publishedCode, resource_type: 'voucher' });
  });

  it('answers 404 campaign for an unknown campaign_id', async () => {
    const body = expectError(await api.post('/v1/vouchers', { campaign_id: 'camp_nope' }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'camp_nope', resource_type: 'campaign' });
  });

  it('answers 400 invalid_code_config when a config has no unused code left', async () => {
    await api.post('/v1/vouchers', { ...percentVoucher, code_config: { pattern: '#', charset: 'A' } });
    const body = expectError(await api.post('/v1/vouchers', { ...percentVoucher, code_config: { pattern: '#', charset: 'A' } }), 400, 'invalid_code_config', 'Invalid code config');
    expect(body.details).toBe('No unused code is left for the code config (1 possible codes)');
  });

  it('rejects a code_config that breaks the spec', async () => {
    const body = expectError(await api.post('/v1/vouchers', { code_config: { length: 'eight' } }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .code_config.length must be integer');
  });
});

describe('PUT /v1/vouchers/{code}', () => {
  it('changes the fields sent, sets updated_at, and GET shows the change', async () => {
    const res = await api.put(`/v1/vouchers/${FIXTURE.discountCode}`, {
      code: FIXTURE.discountCode,
      category: 'Second',
      start_date: '2026-02-01T00:00:00Z',
      expiration_date: '2026-12-31T23:59:59Z',
      active: false,
      additional_info: 'Summer only',
      metadata: { season: 'summer' },
      redemption: { quantity: 5 },
      validity_day_of_week: [1, 2],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: FIXTURE.discountCode,
      category: 'Second',
      start_date: '2026-02-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:59.000Z',
      active: false,
      additional_info: 'Summer only',
      metadata: { season: 'summer' },
      redemption: { quantity: 5, redeemed_quantity: 0 },
      validity_day_of_week: [1, 2],
      discount: { type: 'AMOUNT', amount_off: 1000 },
      updated_at: NOW.toISOString(),
    });
    expect((await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body).toEqual(res.body);
  });

  it('changes a discount within its type', async () => {
    const res = await api.put(`/v1/vouchers/${FIXTURE.discountCode}`, { discount: { type: 'AMOUNT', amount_off: 2000, effect: 'APPLY_TO_ITEMS' } });
    expect(res.body.discount).toEqual({ type: 'AMOUNT', amount_off: 2000, effect: 'APPLY_TO_ITEMS' });
  });

  it("moves a gift card's balance with its amount, and a loyalty card's with its points", async () => {
    const gift = await api.put('/v1/vouchers/GIFT-7HD93KQ2', { gift: { amount: 8000 } });
    expect(gift.body.gift).toMatchObject({ amount: 8000, balance: 8000 });
    const card = await api.put('/v1/vouchers/LC-00000001', { loyalty_card: { points: 250 } });
    expect(card.body.loyalty_card).toMatchObject({ points: 250, balance: 250 });
  });

  it('answers 400 invalid_voucher when the discount type would change', async () => {
    const body = expectError(
      await api.put(`/v1/vouchers/${FIXTURE.discountCode}`, { discount: { type: 'PERCENT', percent_off: 20 } }),
      400,
      'invalid_voucher',
      'Invalid Voucher',
    );
    expect(body.details).toBe('It is not possible to change Voucher discount type');
    expect((await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body.discount.type).toBe('AMOUNT');
  });

  it('answers 400 invalid_voucher when the voucher type would change', async () => {
    const body = expectError(await api.put('/v1/vouchers/GIFT-7HD93KQ2', { type: 'DISCOUNT_VOUCHER' }), 400, 'invalid_voucher', 'Invalid Voucher');
    expect(body.details).toBe('It is not possible to change Voucher type');
  });

  it('answers 400 invalid_payload for a bad field', async () => {
    const body = expectError(await api.put(`/v1/vouchers/${FIXTURE.discountCode}`, { active: 'yes' }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .active must be boolean');
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.put('/v1/vouchers/NO-SUCH-CODE', { active: true }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'NO-SUCH-CODE', resource_type: 'voucher' });
  });
});

describe('POST /v1/vouchers/{code}/disable', () => {
  it('switches the voucher off and sets updated_at', async () => {
    const res = await api.post(`/v1/vouchers/${FIXTURE.discountCode}/disable`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: FIXTURE.discountCode, active: false, updated_at: NOW.toISOString(), object: 'voucher' });
    expect((await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body.active).toBe(false);
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.post('/v1/vouchers/NO-SUCH-CODE/disable', {}), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CODE', resource_id: 'NO-SUCH-CODE', resource_type: 'voucher' });
  });
});

describe('POST /v1/vouchers/{code}/enable', () => {
  it('switches a disabled voucher back on', async () => {
    const off = await givenVoucher(api, { active: false });
    const res = await api.post(`/v1/vouchers/${off.code}/enable`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: off.code, active: true, updated_at: NOW.toISOString() });
    expect((await api.get(`/v1/vouchers/${off.code}`)).body.active).toBe(true);
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.post('/v1/vouchers/NO-SUCH-CODE/enable', {}), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'NO-SUCH-CODE', resource_type: 'voucher' });
  });
});

describe('DELETE /v1/vouchers/{code}', () => {
  it('deletes the voucher: then it is 404 and no longer listed', async () => {
    const res = await api.delete(`/v1/vouchers/${FIXTURE.discountCode}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await api.get(`/v1/vouchers/${FIXTURE.discountCode}`), 404, 'not_found', 'Resource not found');
    expect(codesOf(await api.get('/v1/vouchers?limit=100'))).not.toContain(FIXTURE.discountCode);
  });

  it('takes the holders and publications of the voucher with it', async () => {
    // A referee who holds nothing else, so an empty list proves the REFEREE holder went with the voucher.
    expect((await api.post('/v1/customers', { source_id: 'referee-only' })).status).toBe(200);
    expect((await api.post(`/v1/referrals/members/${FIXTURE.publishedCode}/holders`, { holders: [{ source_id: 'referee-only' }] })).status).toBe(200);
    expect((await api.get('/v1/customers/referee-only/redeemables')).body).toMatchObject({ total: 1 });
    expect((await api.delete(`/v1/vouchers/${FIXTURE.publishedCode}?force=true`)).status).toBe(204);
    expect((await api.get(`/v1/customers/${FIXTURE.referrerSourceId}/redeemables`)).body).toMatchObject({ data: [], total: 0 });
    expect((await api.get('/v1/customers/referee-only/redeemables')).body).toMatchObject({ data: [], total: 0 });
    // Holders of other vouchers stay.
    const bobHolderIds = fixtures.redeemable_holders.filter((h: { customer_id: string }) => h.customer_id === bob.id).map((h: { id: string }) => h.id);
    expect((await api.get(`/v1/customers/${bob.id}/redeemables?order=id`)).body.data.map((h: { id: string }) => h.id)).toEqual(bobHolderIds.sort());
    expect((await api.get(`/v1/vouchers?customer=${FIXTURE.referrerSourceId}`)).body.total).toBe(0);
  });

  it('frees the code for a new voucher with force=true', async () => {
    await api.delete(`/v1/vouchers/${FIXTURE.discountCode}?force=true`);
    expect((await api.post(`/v1/vouchers/${FIXTURE.discountCode}`, percentVoucher)).status).toBe(200);
  });

  it('keeps the code taken while the voucher is in the bin (force=false)', async () => {
    await api.delete(`/v1/vouchers/${FIXTURE.discountCode}?force=false`);
    const body = expectError(await api.post(`/v1/vouchers/${FIXTURE.discountCode}`, percentVoucher), 409, 'duplicate_found', 'Duplicated resource found');
    expect(body).toMatchObject({ details: `Duplicated voucher exists with id ${FIXTURE.discountCode}` });
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.delete('/v1/vouchers/NO-SUCH-CODE'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CODE', resource_id: 'NO-SUCH-CODE', resource_type: 'voucher' });
  });

  it('rejects a force that is no boolean', async () => {
    const body = expectError(await api.delete(`/v1/vouchers/${FIXTURE.discountCode}?force=maybe`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe('Property .force must be boolean');
    expect((await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).status).toBe(200);
  });
});
