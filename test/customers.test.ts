// Customers: create (an upsert by source_id), list, get by id or source_id.

import { readFileSync } from 'node:fs';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const bob = fixtures.customers.find((c: { source_id: string }) => c.source_id === 'bob-shopper');

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
    expect(byId.body).toEqual(bob);
    expect((await api.get(`/v1/customers/${bob.source_id}`)).body).toEqual(bob);
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

  it('matches no one by segment_id (the mock keeps no segments)', async () => {
    expect((await api.get('/v1/customers?segment_id=seg_1')).body).toMatchObject({ customers: [], total: 0, has_more: false });
  });

  it('filters by created_at[before]/[after]', async () => {
    const res = await api.get('/v1/customers?created_at[after]=2026-01-11T00:00:00.000Z&created_at[before]=2026-01-12T00:00:00.000Z');
    expect(res.body.customers.map((c: { id: string }) => c.id)).toEqual([bob.id]);
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
