// Publications: publish a code or a campaign's next free code to a customer (POST and GET forms), and list them.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const byCode = (code: string) => fixtures.vouchers.find((v: { code: string }) => v.code === code);
const bySourceId = (sourceId: string) => fixtures.customers.find((c: { source_id: string }) => c.source_id === sourceId);
const campaignNamed = (name: string) => fixtures.campaigns.find((c: { name: string }) => c.name === name);
const alice = bySourceId(FIXTURE.referrerSourceId);
const bob = bySourceId('bob-shopper');
const carol = bySourceId('carol-friend');
const summer = campaignNamed(FIXTURE.discountCampaign);
const referral = campaignNamed(FIXTURE.referralCampaign);

type FixturePublication = { id: string; created_at: string; customer_id: string; voucher_id: string; vouchers_id: string[] };
const fixturePublications: FixturePublication[] = fixtures.publications;
/** Ids of the fixture publications that pass `keep`, newest first, as the list orders them. */
const fixturePublicationIds = (keep: (p: FixturePublication) => boolean) =>
  fixturePublications
    .filter(keep)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map((p) => p.id);
const voucherById = (id: string) => fixtures.vouchers.find((v: { id: string }) => v.id === id);

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

describe('POST /v1/publications', () => {
  it('publishes a named code to a customer found by source_id and makes them its OWNER', async () => {
    const res = await api.post('/v1/publications', {
      voucher: FIXTURE.discountCode,
      customer: { source_id: bob.source_id },
      metadata: { year: 2026 },
      channel: 'myown',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^pub_[A-Za-z0-9]{32}$/),
      object: 'publication',
      created_at: NOW.toISOString(),
      customer_id: bob.id,
      tracking_id: bob.source_id,
      metadata: { year: 2026 },
      channel: 'myown',
      source_id: null,
      result: 'SUCCESS',
      customer: { id: bob.id, name: bob.name, email: bob.email, source_id: bob.source_id, object: 'customer' },
      vouchers_id: [byCode(FIXTURE.discountCode).id],
    });
    expect(res.body.voucher).toMatchObject({
      id: byCode(FIXTURE.discountCode).id,
      code: FIXTURE.discountCode,
      holder_id: bob.id,
      publish: { object: 'list', count: 1 },
      updated_at: NOW.toISOString(),
      object: 'voucher',
    });
    expect(res.body.voucher).not.toHaveProperty('referrer_id');
    const voucher = await api.get(`/v1/vouchers/${FIXTURE.discountCode}`);
    expect(voucher.body).toMatchObject({ holder_id: bob.id, publish: { count: 1 }, updated_at: NOW.toISOString() });
  });

  it('publishes a referral code and makes the customer its REFERRER, seen by the referral holders endpoints', async () => {
    const before = await api.post(`/v1/referrals/members/${FIXTURE.unpublishedCode}/holders`, { holders: [{ source_id: 'friend-1' }] });
    expectError(before, 400, 'not_published', 'Voucher is not published');

    const res = await api.post('/v1/publications', { voucher: FIXTURE.unpublishedCode, customer: bob.id });
    expect(res.status).toBe(200);
    expect(res.body.voucher).toMatchObject({ code: FIXTURE.unpublishedCode, holder_id: bob.id, referrer_id: bob.id, is_referral_code: true, publish: { count: 1 } });

    const holders = await api.get(`/v1/referrals/members/${FIXTURE.unpublishedCode}/holders`);
    expect(holders.status).toBe(200);
    expect(holders.body.data).toEqual([
      expect.objectContaining({ customer_id: bob.id, holder_role: 'REFERRER', campaign_type: 'REFERRAL_PROGRAM', redeemable_id: byCode(FIXTURE.unpublishedCode).id }),
    ]);
    const added = await api.post(`/v1/referrals/members/${FIXTURE.unpublishedCode}/holders`, { holders: [{ source_id: 'friend-1' }] });
    expect(added.status).toBe(200);
    expect(added.body.holders[0].holder_role).toBe('REFEREE');
  });

  it('takes the next free code of a campaign named by { name }, { id } or a plain string', async () => {
    const first = await api.post('/v1/publications', { campaign: { name: summer.name }, customer: { source_id: 'new-shopper-1', name: 'New One' } });
    const second = await api.post('/v1/publications', { campaign: { id: summer.id }, customer: { source_id: 'new-shopper-2' } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect([first.body.voucher.code, second.body.voucher.code]).toEqual(['SUMMER-Q7K2M9', 'SUMMER-B4X8P1']);
    // A new customer is created from the object.
    const created = await api.get('/v1/customers/new-shopper-1');
    expect(created.body).toMatchObject({ id: first.body.customer_id, name: 'New One' });
    // Both fixture codes are taken now: the AUTO_UPDATE campaign makes a new one from its code_config.
    const third = await api.post('/v1/publications', { campaign: summer.name, customer: { source_id: 'new-shopper-3' } });
    expect(third.status).toBe(200);
    expect(third.body.voucher).toMatchObject({ code: expect.stringMatching(/^SUMMER-/), campaign_id: summer.id, holder_id: third.body.customer_id, publish: { count: 1 } });
    expect(third.body.voucher.code).not.toMatch(/^SUMMER-(Q7K2M9|B4X8P1)$/);
    expect((await api.get(`/v1/vouchers/${third.body.voucher.code}`)).status).toBe(200);
  });

  it('publishes several codes with campaign.count and lists their codes', async () => {
    const res = await api.post('/v1/publications', { campaign: { name: summer.name, count: 3 }, customer: { id: carol.id } });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('voucher');
    expect(res.body.vouchers).toHaveLength(3);
    expect(res.body.vouchers.slice(0, 2)).toEqual(['SUMMER-Q7K2M9', 'SUMMER-B4X8P1']);
    expect(res.body.vouchers_id).toHaveLength(3);
  });

  it('accepts join_once in the body, as the official SDK sends it', async () => {
    const first = await api.post('/v1/publications', { campaign: { name: summer.name }, customer: { id: bob.id }, join_once: true });
    const again = await api.post('/v1/publications', { campaign: { name: summer.name }, customer: { id: bob.id }, join_once: true });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('with join_once, answers the customer the publication and code they already have', async () => {
    const first = await api.post('/v1/publications?join_once=true', { campaign: { name: summer.name }, customer: { id: bob.id } });
    const again = await api.post('/v1/publications?join_once=true', { campaign: { name: summer.name }, customer: { id: bob.id } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.voucher.code).toBe(first.body.voucher.code);
    expect(again.body.voucher.publish.count).toBe(1);
    expect((await api.get('/v1/publications')).body.total).toBe(fixturePublications.length + 1); // the fixtures' and this one
  });

  it('with join_once, answers a customer the publication the fixtures gave them, writing nothing', async () => {
    const [fixturePublication] = fixturePublications.filter((p) => p.customer_id === bob.id);
    const card = voucherById(fixturePublication.voucher_id);
    const res = await api.post('/v1/publications?join_once=true', { campaign: { id: card.campaign_id }, customer: { id: bob.id } });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(fixturePublication.id);
    expect(res.body.voucher).toMatchObject({ id: card.id, code: card.code, holder_id: bob.id, publish: { count: 1 } });
    expect((await api.get('/v1/publications')).body.total).toBe(fixturePublications.length);
  });

  it('without join_once, gives a second code of a campaign that allows it', async () => {
    const first = await api.post('/v1/publications', { campaign: { name: summer.name }, customer: { id: bob.id } });
    const again = await api.post('/v1/publications', { campaign: { name: summer.name }, customer: { id: bob.id } });
    expect(again.status).toBe(200);
    expect(again.body.voucher.code).not.toBe(first.body.voucher.code);
  });

  it('refuses a second code of a join-once campaign', async () => {
    const res = await api.post('/v1/publications', { voucher: FIXTURE.otherUnpublishedCode, customer: { id: alice.id } });
    const body = expectError(res, 400, 'voucher_cannot_be_published', 'Voucher cannot be published');
    expect(body.details).toBe('Voucher cannot be published. Customer already joined program.');
  });

  it('refuses a code that is already published', async () => {
    const res = await api.post('/v1/publications', { voucher: FIXTURE.publishedCode, customer: { id: bob.id } });
    const body = expectError(res, 400, 'voucher_already_published', 'Voucher already published');
    expect(body.details).toBe(`Voucher '${byCode(FIXTURE.publishedCode).id}' has already been published`);
  });

  it('refuses a repeated publication source_id and writes nothing', async () => {
    const first = await api.post('/v1/publications', { voucher: FIXTURE.discountCode, customer: { id: bob.id }, source_id: 'pub-src-1' });
    expect(first.status).toBe(200);
    const res = await api.post('/v1/publications', { voucher: 'SUMMER-B4X8P1', customer: { source_id: 'someone-new' }, source_id: 'pub-src-1' });
    const body = expectError(res, 400, 'duplicate_source_id', 'Duplicate source_id');
    expect(body.details).toBe("Publication with source_id: 'pub-src-1' already exists");
    expect((await api.get('/v1/vouchers/SUMMER-B4X8P1')).body.publish.count).toBe(0);
    expect((await api.get('/v1/customers/someone-new')).status).toBe(404);
  });

  it('refuses more than one code with a source_id', async () => {
    const res = await api.post('/v1/publications', { campaign: { name: summer.name, count: 2 }, customer: { id: bob.id }, source_id: 'pub-src-2' });
    const body = expectError(res, 400, 'too_many_vouchers_requested', 'Too many vouchers requested');
    expect(body.details).toBe('Only up to 1 can be published');
  });

  it('needs a voucher or a campaign', async () => {
    const body = expectError(await api.post('/v1/publications', { customer: { id: bob.id } }), 400, 'missing_vouchers', 'Missing vouchers');
    expect(body.details).toBe('Either Campaign or Voucher is required');
  });

  it('answers no_voucher_suitable_for_publication when a STATIC campaign has no free code', async () => {
    const created = await api.post('/v1/loyalties', {
      name: 'Static Club',
      type: 'STATIC',
      vouchers_count: 1,
      voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, code_config: { prefix: 'ST-', length: 6 } },
    });
    expect(created.status).toBe(200);
    expect((await api.post('/v1/publications', { campaign: 'Static Club', customer: { id: bob.id } })).status).toBe(200);
    const res = await api.post('/v1/publications', { campaign: 'Static Club', customer: { id: carol.id } });
    const body = expectError(res, 400, 'no_voucher_suitable_for_publication', "Couldn't find any voucher suitable for publication");
    expect(body.details).toBe("Couldn't create new vouchers for publication");
  });

  it('answers 404 for an unknown campaign, voucher or customer id', async () => {
    const campaign = expectError(await api.post('/v1/publications', { campaign: { name: 'Nope' }, customer: { id: bob.id } }), 404, 'not_found', 'Resource not found');
    expect(campaign).toMatchObject({ details: 'Cannot find campaign with id Nope', resource_type: 'campaign', resource_id: 'Nope' });
    const voucher = expectError(await api.post('/v1/publications', { voucher: 'NOPE-1', customer: { id: bob.id } }), 404, 'not_found', 'Resource not found');
    expect(voucher).toMatchObject({ details: 'Cannot find voucher with id NOPE-1', resource_type: 'voucher' });
    const customer = expectError(
      await api.post('/v1/publications', { voucher: FIXTURE.discountCode, customer: { id: 'cust_missing' } }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(customer).toMatchObject({ resource_type: 'customer', resource_id: 'cust_missing' });
  });

  it('needs a customer: by id or source_id, or an email or name to create one with', async () => {
    const missing = expectError(await api.post('/v1/publications', { voucher: FIXTURE.discountCode }), 400, 'invalid_payload', 'Invalid payload');
    expect(missing.details).toBe("Payload must have required property 'customer'");
    const anonymous = expectError(
      await api.post('/v1/publications', { voucher: FIXTURE.discountCode, customer: { phone: '+48 500 000 000' } }),
      400,
      'invalid_payload',
      'Invalid payload',
    );
    expect(anonymous.details).toBe("Property .customer must have required property 'id', 'source_id', 'email' or 'name'");
  });
});

describe('GET /v1/publications/create', () => {
  it('publishes from the query string', async () => {
    const res = await api.get(`/v1/publications/create?campaign[name]=${encodeURIComponent(summer.name)}&customer[source_id]=${bob.source_id}&metadata[year]=2026&source_id=q-1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ customer_id: bob.id, source_id: 'q-1', metadata: { year: '2026' }, voucher: { code: FIXTURE.discountCode, holder_id: bob.id } });
  });

  it('takes a voucher code and a plain customer id', async () => {
    const res = await api.get(`/v1/publications/create?voucher=${FIXTURE.unpublishedCode}&customer=${carol.id}`);
    expect(res.status).toBe(200);
    expect(res.body.voucher).toMatchObject({ referrer_id: carol.id });
  });

  it('publishes one code at most', async () => {
    const res = await api.get(`/v1/publications/create?campaign[name]=${encodeURIComponent(summer.name)}&campaign[count]=2&customer[id]=${bob.id}`);
    const body = expectError(res, 400, 'too_many_vouchers_requested', 'Too many vouchers requested');
    expect(body.details).toBe('Only up to 1 can be published');
  });

  it('needs a customer', async () => {
    const body = expectError(await api.get(`/v1/publications/create?voucher=${FIXTURE.discountCode}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe("Query should have required property 'customer'");
  });

  it('needs a voucher or a campaign', async () => {
    expectError(await api.get(`/v1/publications/create?customer[id]=${bob.id}`), 400, 'missing_vouchers', 'Missing vouchers');
  });

  it('refuses a published code', async () => {
    expectError(await api.get(`/v1/publications/create?voucher=${FIXTURE.publishedCode}&customer[id]=${bob.id}`), 400, 'voucher_already_published', 'Voucher already published');
  });
});

describe('GET /v1/publications', () => {
  it('lists the fixture publications in Voucherify’s envelope, newest first', async () => {
    const res = await api.get('/v1/publications');
    expect(res.status).toBe(200);
    // Each fixture record as stored, without the internal voucher_id.
    const expected = fixturePublicationIds(() => true).map((id) => {
      const { voucher_id: _voucherId, ...shown } = fixturePublications.find((p) => p.id === id) as FixturePublication;
      return shown;
    });
    expect(res.body).toEqual({ object: 'list', data_ref: 'publications', publications: expected, total: fixturePublications.length });
    for (const publication of res.body.publications) expect(publication).not.toHaveProperty('voucher_id');
    const referralPublication = res.body.publications.find((p: { customer_id: string }) => p.customer_id === alice.id);
    expect(referralPublication).toMatchObject({
      object: 'publication',
      result: 'SUCCESS',
      voucher: { code: FIXTURE.publishedCode, object: 'voucher', campaign: referral.name, discount: expect.any(Object), is_referral_code: true },
      vouchers_id: [byCode(FIXTURE.publishedCode).id],
      customer: { id: alice.id, source_id: alice.source_id, object: 'customer' },
    });
  });

  it('completes a fixture publication stored without the voucher summary, vouchers_id or customer snapshot', async () => {
    const full = fixturePublications.find((p) => p.customer_id === alice.id) as FixturePublication & Record<string, unknown>;
    const { voucher: _voucher, vouchers_id: _vouchersId, tracking_id: _trackingId, customer: _customer, ...bare } = full;
    const { voucher_id: _voucherId, ...shown } = bare;
    // A fixture file as the seed data had it before publications carried their full shape.
    const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-publications-'));
    const file = join(dir, 'lean.json');
    writeFileSync(file, JSON.stringify({ ...fixtures, publications: [{ ...bare, customer: { id: alice.id, object: 'customer' } }] }));
    let lean: Agent;
    try {
      lean = client(await testApp({ fixtures: file }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const res = await lean.get('/v1/publications');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.publications[0]).toEqual({
      ...shown,
      tracking_id: null,
      voucher: { code: FIXTURE.publishedCode, object: 'voucher', campaign: referral.name, discount: byCode(FIXTURE.publishedCode).discount, is_referral_code: true },
      vouchers_id: [byCode(FIXTURE.publishedCode).id],
      customer: { id: alice.id, name: alice.name, email: alice.email, source_id: alice.source_id, metadata: alice.metadata, object: 'customer' },
    });
    expect(res.body.publications[0]).not.toHaveProperty('voucher_id');
  });

  it('lists newest first, filters and pages', async () => {
    const a = await api.post('/v1/publications', { voucher: FIXTURE.discountCode, customer: { id: bob.id }, source_id: 'src-a' });
    const b = await api.post('/v1/publications', { voucher: 'GIFT-7HD93KQ2', customer: { id: carol.id } });
    const all = await api.get('/v1/publications');
    expect(all.body.publications.map((p: { id: string }) => p.id).slice(0, 2)).toEqual([b.body.id, a.body.id]);
    expect(all.body.total).toBe(fixturePublications.length + 2);

    // The fixtures' publications are older than a and b, so they follow them in every filtered list.
    const ofBob = fixturePublicationIds((p) => p.customer_id === bob.id);
    const ofCarol = fixturePublicationIds((p) => p.customer_id === carol.id);
    const gifts = fixturePublicationIds((p) => voucherById(p.voucher_id).type === 'GIFT_VOUCHER');
    const referrals = fixturePublicationIds((p) => voucherById(p.voucher_id).is_referral_code === true);
    const ids = async (query: string) => (await api.get(`/v1/publications?${query}`)).body.publications.map((p: { id: string }) => p.id);
    expect(await ids(`customer=${bob.id}`)).toEqual([a.body.id, ...ofBob]);
    expect(await ids(`customer=${bob.source_id}`)).toEqual([a.body.id, ...ofBob]);
    expect(await ids(`campaign=${encodeURIComponent(summer.name)}`)).toEqual([a.body.id]);
    expect(await ids('voucher=GIFT-7HD93KQ2')).toEqual([b.body.id]);
    expect(await ids('source_id=src-a')).toEqual([a.body.id]);
    expect(await ids('voucher_type=GIFT')).toEqual([b.body.id, ...gifts]);
    expect(await ids('is_referral_code=true')).toEqual(referrals);
    expect(await ids(`filters[customer_id][conditions][$in][0]=${carol.id}`)).toEqual([b.body.id, ...ofCarol]);
    expect(await ids('limit=1&page=2')).toEqual([a.body.id]);
    expect(await ids('order=created_at&limit=1')).toHaveLength(1);
  });

  it('refuses pages above 1000', async () => {
    const body = expectError(await api.get('/v1/publications?page=1001'), 400, 'page_over_limit', 'Listing resource above 1000 page is not supported');
    expect(body.details).toBe('Property .page cannot be higher than 1000');
  });

  it('refuses an unknown order', async () => {
    expectError(await api.get('/v1/publications?order=name'), 400, 'invalid_query_params', 'Invalid query params');
  });
});
