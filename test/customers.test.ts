// Customers: create (an upsert by source_id), list, get, update and delete by id or source_id,
// and the redeemables a customer holds.

import { readFileSync } from 'node:fs';
import type { TenantData } from '../src/index.js';
import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCustomer } from './support/builders.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const bob = fixtures.customers.find((c: { source_id: string }) => c.source_id === 'bob-shopper');
const alice = fixtures.customers.find((c: { source_id: string }) => c.source_id === FIXTURE.referrerSourceId);
const referralCode = fixtures.vouchers.find((v: { code: string }) => v.code === FIXTURE.publishedCode);
const referrerHolder = fixtures.redeemable_holders.find(
  (h: { redeemable_id: string; holder_role: string }) => h.redeemable_id === referralCode.id && h.holder_role === 'REFERRER',
);
const holderIdsOf = (customerId: string): string[] =>
  fixtures.redeemable_holders.filter((h: { customer_id: string }) => h.customer_id === customerId).map((h: { id: string }) => h.id);

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

describe('POST /v1/customers', () => {
  it('creates a customer with Voucherify ids and counters', async () => {
    const res = await api.post('/v1/customers', {
      source_id: 'source_123',
      name: 'Bob Smith',
      description: 'A frequent customer',
      email: 'bob.smith@email.com',
      phone: '+1 933 222 3333',
      birthdate: '2022-01-01',
      address: { city: 'New York', country: 'United States' },
      metadata: { lang: 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^cust_[A-Za-z0-9]{24}$/),
      source_id: 'source_123',
      name: 'Bob Smith',
      description: 'A frequent customer',
      phone: '+1 933 222 3333',
      birthdate: '2022-01-01',
      address: { city: 'New York', country: 'United States' },
      metadata: { lang: 'en' },
      summary: { redemptions: { total_redeemed: 0 }, orders: { total_count: 0 } },
      loyalty: { points: 0, referred_customers: 0, campaigns: {} },
      referrals: { total: 0, campaigns: [] },
      created_at: NOW.toISOString(),
      object: 'customer',
    });
    expect(res.body).not.toHaveProperty('updated_at');
    expect((await api.get(`/v1/customers/${res.body.id}`)).body).toEqual(res.body);
  });

  it('updates the customer with the same source_id instead of answering 409', async () => {
    const res = await api.post('/v1/customers', { source_id: bob.source_id, name: 'Robert', metadata: { vip: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bob.id, name: 'Robert', email: bob.email, updated_at: NOW.toISOString(), metadata: { vip: true } });
  });

  it('creates a customer without source_id', async () => {
    const res = await api.post('/v1/customers', { name: 'Anonymous' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source_id: null, name: 'Anonymous' });
  });

  it.each([
    [{ email: 5 }, 'Property .email must be string'],
    [{ address: 'Main Street' }, 'Property .address must be object'],
    [{ birthdate: '22-01-2022' }, 'Property .birthdate must match format "date"'],
  ])('rejects %j', async (payload, details) => {
    const body = expectError(await api.post('/v1/customers', payload), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(details);
  });

  it('answers 404 for an id that names no customer', async () => {
    const body = expectError(await api.post('/v1/customers', { id: 'cust_nobody', name: 'X' }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_id: 'cust_nobody', resource_type: 'customer' });
  });
});

describe('GET /v1/customers/{customerId}', () => {
  it('finds a customer by id and by source_id', async () => {
    const byId = await api.get(`/v1/customers/${bob.id}`);
    expect(byId.status).toBe(200);
    // The fixture's empty metadata is left out of the answer, as Voucherify leaves it out.
    expect(bob.metadata).toEqual({});
    const { metadata: _none, ...shown } = bob;
    expect(byId.body).toEqual(shown);
    expect((await api.get(`/v1/customers/${bob.source_id}`)).body).toEqual(shown);
  });

  it('answers 404 customer for an unknown customer', async () => {
    const body = expectError(await api.get('/v1/customers/cust_sehkNIi8Uq2qQuRqSr7xn4Z'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({
      details: 'Cannot find customer with id cust_sehkNIi8Uq2qQuRqSr7xn4Z',
      resource_id: 'cust_sehkNIi8Uq2qQuRqSr7xn4Z',
      resource_type: 'customer',
    });
  });
});

describe('GET /v1/customers/{customerId} (loyalty summary)', () => {
  it('sums the loyalty cards the customer holds, per program, as they change', async () => {
    const club = fixtures.campaigns.find((c: { name: string }) => c.name === 'Loyalty Club');
    const joined = await api.post(`/v1/loyalties/${club.id}/members`, { customer: 'carol-friend' });
    expect(joined.status).toBe(200);
    expect((await api.post(`/v1/loyalties/members/${joined.body.code}/balance`, { points: 120 })).status).toBe(200);
    expect((await api.post(`/v1/loyalties/members/${joined.body.code}/balance`, { points: -20 })).status).toBe(200);
    expect((await api.get('/v1/customers/carol-friend')).body.loyalty).toEqual({
      points: 100,
      referred_customers: 0,
      campaigns: { 'Loyalty Club': { points: 100, referred_customers: 0 } },
    });
    expect((await api.delete(`/v1/vouchers/${joined.body.code}`)).status).toBe(204);
    expect((await api.get('/v1/customers/carol-friend')).body.loyalty).toEqual({ points: 0, referred_customers: 0, campaigns: {} });
  });
});

describe('GET /v1/customers', () => {
  it('lists customers in the customers envelope, newest first', async () => {
    const res = await api.get('/v1/customers');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'customers', total: fixtures.customers.length, has_more: false });
    const created = res.body.customers.map((c: { created_at: string }) => c.created_at);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('pages with limit and page', async () => {
    const first = await api.get('/v1/customers?limit=2&page=1&order=created_at');
    const second = await api.get('/v1/customers?limit=2&page=2&order=created_at');
    expect(first.body.customers).toHaveLength(2);
    expect(first.body.has_more).toBe(true);
    expect(second.body.customers[0].id).not.toBe(first.body.customers[1].id);
    expect(first.body.customers[0].created_at <= second.body.customers[0].created_at).toBe(true);
  });

  it('filters by email and city', async () => {
    expect((await api.get(`/v1/customers?email=${encodeURIComponent(bob.email)}`)).body.customers.map((c: { id: string }) => c.id)).toEqual([bob.id]);
    expect((await api.get('/v1/customers?city=Krakow')).body.customers.map((c: { id: string }) => c.id)).toEqual([bob.id]);
    expect((await api.get('/v1/customers?city=Nowhere')).body).toMatchObject({ customers: [], total: 0 });
  });

  it('matches no one by a segment_id the tenant does not have', async () => {
    expect((await api.get('/v1/customers?segment_id=seg_1')).body).toMatchObject({ customers: [], total: 0, has_more: false });
  });

  it('filters by created_at[before]/[after]', async () => {
    const res = await api.get('/v1/customers?created_at[after]=2026-01-11T00:00:00.000Z&created_at[before]=2026-01-12T00:00:00.000Z');
    expect(res.body.customers.map((c: { id: string }) => c.id)).toEqual([bob.id]);
  });

  it('pages from starting_after: those created before it newest first, after it oldest first with order=created_at', async () => {
    const sourceIds = async (query: string) => (await api.get(`/v1/customers?${query}`)).body.customers.map((c: { source_id: string }) => c.source_id);
    const cursor = '2026-01-12T10:00:00.000Z'; // carol's created_at: she is on neither side.
    expect(await sourceIds(`starting_after=${cursor}`)).toEqual(['bob-shopper', 'alice-referrer']);
    expect(await sourceIds(`starting_after=${cursor}&order=-created_at`)).toEqual(['bob-shopper', 'alice-referrer']);
    expect(await sourceIds(`starting_after=${cursor}&order=created_at`)).toEqual(['7999836466']);
    expect(await sourceIds(`starting_after=${cursor}&order=created_at&limit=1`)).toEqual(['7999836466']);
  });

  it.each([
    ['limit=0', 'Property .limit must be >= 1'],
    ['order=name', 'Property .order must be equal to one of the allowed values [ created_at, -created_at, updated_at, -updated_at, source_id, -source_id ]'],
    ['created_at[before]=soon', 'Property .created_at.before must match format "date-time"'],
  ])('rejects %s', async (query, details) => {
    const body = expectError(await api.get(`/v1/customers?${query}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });
});

describe('PUT /v1/customers/{customerId}', () => {
  it('changes the fields sent, by id, and GET shows the change', async () => {
    const res = await api.put(`/v1/customers/${bob.id}`, {
      name: 'Robert Shopper',
      description: 'Updated',
      phone: '+48 500 999 999',
      birthdate: '1990-05-01',
      address: { line_1: 'Main St 1' },
      metadata: { vip: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: bob.id,
      source_id: bob.source_id,
      name: 'Robert Shopper',
      description: 'Updated',
      email: bob.email,
      phone: '+48 500 999 999',
      birthdate: '1990-05-01',
      address: { ...bob.address, line_1: 'Main St 1' },
      metadata: { vip: true },
      updated_at: NOW.toISOString(),
      created_at: bob.created_at,
    });
    expect((await api.get(`/v1/customers/${bob.id}`)).body).toEqual(res.body);
  });

  it('finds the customer by source_id and ignores id and source_id in the body (the SDK sends them)', async () => {
    const res = await api.put(`/v1/customers/${alice.source_id}`, { source_id: 'someone-else', id: bob.id, email: 'alice@new.example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: alice.id, source_id: alice.source_id, email: 'alice@new.example.com', metadata: alice.metadata });
    expect((await api.get(`/v1/customers/${bob.id}`)).body.email).toBe(bob.email);
  });

  it('clears the address with null', async () => {
    expect((await api.put(`/v1/customers/${bob.id}`, { address: null })).body.address).toBeNull();
  });

  it('answers 404 customer for an unknown customer', async () => {
    const body = expectError(await api.put('/v1/customers/alice2@morgan.com', { name: 'X' }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find customer with id alice2@morgan.com', resource_id: 'alice2@morgan.com', resource_type: 'customer' });
  });

  it.each([
    [{ email: 5 }, 'Property .email must be string'],
    [{ birthdate: '01-05-1990' }, 'Property .birthdate must match format "date"'],
    [{ metadata: 'vip' }, 'Property .metadata must be object'],
  ])('rejects %j', async (payload, details) => {
    const body = expectError(await api.put(`/v1/customers/${bob.id}`, payload), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(details);
  });
});

describe('DELETE /v1/customers/{customerId}', () => {
  it('deletes the customer: then it is 404 and no longer listed', async () => {
    const res = await api.delete(`/v1/customers/${bob.source_id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await api.get(`/v1/customers/${bob.id}`), 404, 'not_found', 'Resource not found');
    expect((await api.get('/v1/customers?limit=100')).body.customers.map((c: { id: string }) => c.id)).not.toContain(bob.id);
  });

  it('frees the source_id: a later POST creates a new customer', async () => {
    await api.delete(`/v1/customers/${bob.id}`);
    const res = await api.post('/v1/customers', { source_id: bob.source_id });
    expect(res.status).toBe(200);
    expect(res.body.id).not.toBe(bob.id);
  });

  it("keeps the customer's holder records: a referral code keeps its referrer", async () => {
    await api.delete(`/v1/customers/${alice.id}`);
    const holders = await api.get(`/v1/referrals/members/${FIXTURE.publishedCode}/holders`);
    expect(holders.body.data).toEqual([referrerHolder]);
    expect((await api.get(`/v1/vouchers/${FIXTURE.publishedCode}`)).body.referrer_id).toBe(alice.id);
  });

  it('answers 404 customer for an unknown customer', async () => {
    const body = expectError(await api.delete('/v1/customers/cust_7pm0hh0yemiydeFsdYXZlr1'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find customer with id cust_7pm0hh0yemiydeFsdYXZlr1', resource_id: 'cust_7pm0hh0yemiydeFsdYXZlr1', resource_type: 'customer' });
  });
});

/** The default fixtures plus alice as OWNER of three more vouchers, for paging. */
function fixturesWithOwnedVouchers(): TenantData {
  const byId = <T extends { id: string }>(records: T[]) => Object.fromEntries(records.map((r) => [r.id, r]));
  const owned = ['SUMMER-Q7K2M9', 'SUMMER-B4X8P1', 'GIFT-7HD93KQ2'].map((code, i) => {
    const voucher = fixtures.vouchers.find((v: { code: string }) => v.code === code);
    const campaign = fixtures.campaigns.find((c: { id: string }) => c.id === voucher.campaign_id);
    return {
      id: `rh_0e7213a6bc407b864${i}`,
      created_at: `2026-01-10T10:0${6 + i}:00.000Z`,
      redeemable_id: voucher.id,
      redeemable_object: 'voucher',
      campaign_id: voucher.campaign_id,
      campaign_type: campaign.campaign_type,
      voucher_type: voucher.type,
      customer_id: alice.id,
      holder_role: 'OWNER',
      object: 'redeemable_holder',
    };
  });
  return {
    campaigns: byId(fixtures.campaigns),
    vouchers: byId(fixtures.vouchers),
    customers: byId(fixtures.customers),
    redeemable_holders: byId([...fixtures.redeemable_holders, ...owned]),
    publications: byId(fixtures.publications),
    async_actions: {},
  } as TenantData;
}

describe('GET /v1/customers/{customerId}/redeemables', () => {
  it('lists what the customer holds, with the role and the voucher', async () => {
    const res = await api.get(`/v1/customers/${FIXTURE.referrerSourceId}/redeemables`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [
        {
          id: referrerHolder.id,
          created_at: referrerHolder.created_at,
          redeemable_id: referralCode.id,
          redeemable_object: 'voucher',
          customer_id: alice.id,
          holder_role: 'REFERRER',
          campaign_id: referralCode.campaign_id,
          campaign_type: 'REFERRAL_PROGRAM',
          voucher_type: 'DISCOUNT_VOUCHER',
          redeemable: { type: 'voucher', voucher: expect.objectContaining({ code: FIXTURE.publishedCode, holder_id: alice.id, referrer_id: alice.id }), status: 'ACTIVE' },
        },
      ],
      total: 1,
      has_more: false,
    });
    expect(res.body.data[0].redeemable.voucher).not.toHaveProperty('validation_rules_assignments');
    expect((await api.get(`/v1/customers/${alice.id}/redeemables`)).body).toEqual(res.body);
  });

  it('shows a referee as REFEREE of the referral code', async () => {
    await api.post(`/v1/referrals/members/${FIXTURE.publishedCode}/holders`, { holders: [{ source_id: 'bob-shopper' }] });
    const res = await api.get('/v1/customers/bob-shopper/redeemables');
    expect(res.status).toBe(200);
    // What bob already held, plus the new REFEREE holder, which is the newest and so listed first.
    const held = holderIdsOf(bob.id);
    expect(res.body).toMatchObject({ total: held.length + 1, has_more: false });
    expect(res.body.data[0]).toMatchObject({ customer_id: bob.id, holder_role: 'REFEREE', redeemable_id: referralCode.id, redeemable: { status: 'ACTIVE' } });
    expect(res.body.data.slice(1).map((h: { id: string }) => h.id)).toEqual([...held].sort().reverse());
  });

  it('lists nothing for a customer who holds nothing', async () => {
    const customer = await givenCustomer(api);
    expect((await api.get(`/v1/customers/${customer.source_id}/redeemables`)).body).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0, has_more: false });
  });

  it('shows the status of the voucher: DISABLED once it is switched off', async () => {
    await api.post(`/v1/vouchers/${FIXTURE.publishedCode}/disable`, {});
    expect((await api.get(`/v1/customers/${alice.id}/redeemables`)).body.data[0].redeemable.status).toBe('DISABLED');
  });

  describe('with more than one page', () => {
    beforeEach(async () => {
      api = client(await testApp({ fixtures: fixturesWithOwnedVouchers() }));
    });

    it('pages newest first with limit and starting_after_id', async () => {
      const first = await api.get(`/v1/customers/${alice.id}/redeemables?limit=2`);
      expect(first.body).toMatchObject({ total: 4, has_more: true, more_starting_after: 'rh_0e7213a6bc407b8641' });
      expect(first.body.data.map((h: { id: string }) => h.id)).toEqual(['rh_0e7213a6bc407b8642', 'rh_0e7213a6bc407b8641']);
      const second = await api.get(`/v1/customers/${alice.id}/redeemables?limit=2&starting_after_id=${first.body.more_starting_after}`);
      expect(second.body).toMatchObject({ total: 4, has_more: false });
      expect(second.body).not.toHaveProperty('more_starting_after');
      expect(second.body.data.map((h: { id: string }) => h.id)).toEqual(['rh_0e7213a6bc407b8640', referrerHolder.id]);
    });

    it('orders oldest first with order=id', async () => {
      const res = await api.get(`/v1/customers/${alice.id}/redeemables?order=id&limit=1`);
      expect(res.body.data.map((h: { id: string }) => h.id)).toEqual([referrerHolder.id]);
    });

    it('filters by holder_role and voucher_type', async () => {
      const owners = await api.get(`/v1/customers/${alice.id}/redeemables?filters[holder_role][conditions][$in]=OWNER`);
      expect(owners.body.total).toBe(3);
      expect(owners.body.data.every((h: { holder_role: string }) => h.holder_role === 'OWNER')).toBe(true);
      const gifts = await api.get(`/v1/customers/${alice.id}/redeemables?filters[voucher_type][conditions][$is]=GIFT_VOUCHER`);
      expect(gifts.body.data.map((h: { redeemable: { voucher: { code: string } } }) => h.redeemable.voucher.code)).toEqual(['GIFT-7HD93KQ2']);
      const either = await api.get(
        `/v1/customers/${alice.id}/redeemables?filters[junction]=or&filters[holder_role][conditions][$is]=REFERRER&filters[voucher_type][conditions][$is]=GIFT_VOUCHER`,
      );
      expect(either.body.total).toBe(2);
    });
  });

  it('answers 404 customer for an unknown customer', async () => {
    const body = expectError(await api.get('/v1/customers/cstmr_15071410/redeemables'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find customer with id cstmr_15071410', resource_id: 'cstmr_15071410', resource_type: 'customer' });
  });

  it.each([
    ['limit=0', 'Property .limit must be >= 1'],
    ['order=created_at', 'Property .order must be equal to one of the allowed values [ id, -id ]'],
    ['filters[holder_role][conditions][$in]=BOSS', 'Property .filters.holder_role.conditions.$in[0] must be equal to one of the allowed values [ OWNER, REFERRER, REFEREE ]'],
  ])('rejects %s', async (query, details) => {
    const body = expectError(await api.get(`/v1/customers/${alice.id}/redeemables?${query}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });
});
