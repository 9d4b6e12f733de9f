// A tenant's state as a whole: exported (GET /_mock/state) in the fixture format, replaced (PUT,
// checked as fixtures are), and saved and restored by name (/_mock/snapshots).

import type { MockApp } from '../src/index.js';
import { client, expectError, FIXTURE, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenVoucher } from './support/builders.js';

type State = Record<string, { id: string; [field: string]: unknown }[]>;

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

async function exported(agent: Agent = api): Promise<State> {
  const res = await agent.get('/_mock/state');
  expect(res.status).toBe(200);
  return res.body as State;
}

async function replace(body: unknown, agent: Agent = api) {
  const res = await agent.put('/_mock/state', body);
  expect(res.status).toBe(204);
}

/** Changes of every kind: records created, updated, deleted, and a redemption with what it writes. */
async function changeThings(agent: Agent = api) {
  await givenCustomer(agent, { source_id: 'snap-new-customer' });
  expect((await agent.put(`/v1/vouchers/${FIXTURE.discountCode}`, { metadata: { changed: true } })).status).toBe(200);
  expect((await agent.delete(`/v1/customers/${FIXTURE.customerSourceIds[1]}`)).status).toBe(204);
  const code = (await givenVoucher(agent)).code as string;
  expect((await agent.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }], order: { amount: 5000 } })).status).toBe(200);
}

describe('GET /_mock/state', () => {
  it('exports every collection as an array of its records, the fixture format', async () => {
    const state = await exported();
    expect(Object.keys(state)).toEqual(expect.arrayContaining(['campaigns', 'vouchers', 'customers', 'redeemable_holders', 'publications', 'redemptions', 'orders']));
    expect(state.vouchers.map((v) => v.code)).toContain(FIXTURE.discountCode);
    expect(state.redemptions).toEqual([]);
    const customer = await givenCustomer(api);
    // The record as stored: the answer leaves out its empty metadata, as Voucherify does.
    expect((await exported()).customers.at(-1)).toEqual({ ...(await api.get(`/v1/customers/${customer.id}`)).body, metadata: {} });
  });

  it("exports the caller's tenant only", async () => {
    await givenCustomer(api, { source_id: 'only-mine' });
    const other = await exported(client(app, 'another-tenant'));
    expect(other.customers.map((c) => c.source_id)).not.toContain('only-mine');
  });
});

describe('PUT /_mock/state', () => {
  it('export → reset → PUT gives back the same state, and the same answers', async () => {
    // Among the changes, a customer deleted: holders still name it, and the state still goes back.
    await changeThings();
    const before = await exported();
    const customers = (await api.get('/v1/customers')).body;
    const voucher = (await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body;
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expect(await exported()).not.toEqual(before);
    await replace(before);
    expect(await exported()).toEqual(before);
    expect((await api.get('/v1/customers')).body).toEqual(customers);
    expect((await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body).toEqual(voucher);
    // The state replaced is the tenant's own from then on: writes go on from it.
    expect((await api.post('/v1/customers', { source_id: 'after-put' })).status).toBe(200);
    expect((await exported()).customers).toHaveLength(before.customers.length + 1);
  });

  it('leaves a collection the body does not name empty', async () => {
    const { campaigns, vouchers } = await exported();
    await replace({ $comment: 'only campaigns and vouchers', campaigns, vouchers });
    const state = await exported();
    expect(state.vouchers).toEqual(vouchers);
    expect(state.customers).toEqual([]);
    expect((await api.get('/v1/customers')).body.customers).toEqual([]);
    expectError(await api.get(`/v1/customers/${FIXTURE.referrerSourceId}`), 404, 'not_found', 'Resource not found');
  });

  it('replaces only the caller’s tenant', async () => {
    const other = client(app, 'bystander');
    const theirs = await exported(other);
    await replace({});
    expect((await exported()).vouchers).toEqual([]);
    expect(await exported(other)).toEqual(theirs);
  });

  it('keeps a record whose id is a name of Object.prototype', async () => {
    const { customers } = await exported();
    const odd = { ...customers[0], id: '__proto__', source_id: 'proto-customer' };
    await replace({ customers: [...customers, odd] });
    expect((await exported()).customers.map((c) => c.id)).toContain('__proto__');
    expect((await api.get('/v1/customers/proto-customer')).body.id).toBe('__proto__');
  });

  describe('refuses a state that fixtures could not hold, and changes nothing', () => {
    it.each<[string, (state: State) => unknown, string]>([
      ['a record without an id', (s) => ({ ...s, customers: [...s.customers, { name: 'nobody' }] }), 'state: customers[4] has no string "id"'],
      ['an unknown collection', (s) => ({ ...s, coupons: [] }), 'state: unknown collection "coupons"'],
      ['an id twice', (s) => ({ ...s, vouchers: [...s.vouchers, s.vouchers[0]] }), `state: vouchers[12]: id ${'{id}'} appears twice`],
      ['a record that is not an object', (s) => ({ ...s, campaigns: [...s.campaigns, 'camp'] }), 'Property .campaigns[5] must be object'],
      ['a collection that is not an array', (s) => ({ ...s, customers: {} }), 'Property .customers must be array'],
      ['two records with the same unique key', (s) => ({ ...s, vouchers: [...s.vouchers, { ...s.vouchers[0], id: 'v_copy' }] }), `state: v_copy has the same code "${'{code}'}" as {id}`],
      ['a record its collection refuses', (s) => ({ ...s, vouchers: [{ ...s.vouchers[0], code: '' }] }), 'has no code'],
    ])('%s', async (_name, change, details) => {
      await changeThings();
      const before = await exported();
      const res = await api.put('/_mock/state', change(before));
      expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toContain(details.replace('{id}', before.vouchers[0].id).replace('{code}', String(before.vouchers[0].code)));
      expect(await exported()).toEqual(before);
    });

    it('a body that is not an object', async () => {
      const before = await exported();
      expectError(await api.put('/_mock/state', [1, 2]), 400, 'invalid_payload', 'Invalid payload');
      expect(await exported()).toEqual(before);
    });
  });
});

describe('/_mock/snapshots', () => {
  it('restores a saved state exactly: the export and the API answer as at save time', async () => {
    await givenCustomer(api, { source_id: 'before-save' });
    const saved = await api.post('/_mock/snapshots/baseline');
    expect(saved.status).toBe(201);
    const state = await exported();
    expect(saved.body).toEqual({
      name: 'baseline',
      created_at: '2026-11-22T12:00:00.000Z',
      counts: Object.fromEntries(Object.entries(state).map(([name, records]) => [name, records.length])),
    });
    const customers = (await api.get('/v1/customers')).body;
    const voucher = (await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body;
    const redemptions = (await api.get('/v1/redemptions')).body;

    await changeThings();
    expect(await exported()).not.toEqual(state);

    const restored = await api.post('/_mock/snapshots/baseline/restore');
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual(saved.body);
    expect(await exported()).toEqual(state);
    expect((await api.get('/v1/customers')).body).toEqual(customers);
    expect((await api.get(`/v1/vouchers/${FIXTURE.discountCode}`)).body).toEqual(voucher);
    expect((await api.get('/v1/redemptions')).body).toEqual(redemptions);

    // Restored again after more changes: the snapshot did not take them in.
    await changeThings();
    expect((await api.post('/_mock/snapshots/baseline/restore')).status).toBe(200);
    expect(await exported()).toEqual(state);
  });

  it('lists, replaces and forgets snapshots by name', async () => {
    expect((await api.get('/_mock/snapshots')).body).toEqual({ object: 'list', data_ref: 'snapshots', snapshots: [], total: 0 });
    await api.post('/_mock/snapshots/first');
    await givenCustomer(api);
    await api.post('/_mock/snapshots/second');
    let list = (await api.get('/_mock/snapshots')).body;
    expect(list.total).toBe(2);
    expect(list.snapshots.map((s: { name: string; counts: { customers: number } }) => [s.name, s.counts.customers])).toEqual([
      ['first', 4],
      ['second', 5],
    ]);
    // Saved again under its name: replaced, and now the newest.
    await givenCustomer(api);
    expect((await api.post('/_mock/snapshots/first')).body.counts.customers).toBe(6);
    list = (await api.get('/_mock/snapshots')).body;
    expect(list.snapshots.map((s: { name: string }) => s.name)).toEqual(['second', 'first']);

    expect((await api.delete('/_mock/snapshots/second')).status).toBe(204);
    expect((await api.get('/_mock/snapshots')).body.snapshots.map((s: { name: string }) => s.name)).toEqual(['first']);
    const again = expectError(await api.delete('/_mock/snapshots/second'), 404, 'not_found', 'Resource not found');
    expect(again).toMatchObject({ details: 'Cannot find snapshot with id second', resource_type: 'snapshot', resource_id: 'second' });
  });

  it('answers 404 for a snapshot it does not know, and 400 for a name it cannot hold', async () => {
    const before = await exported();
    const res = await api.post('/_mock/snapshots/nope/restore');
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe('Cannot find snapshot with id nope');
    expect(await exported()).toEqual(before);
    expect(expectError(await api.post('/_mock/snapshots/bad%20name'), 400, 'invalid_query_params', 'Invalid query params').details).toMatch(/name/);
  });

  it("keeps a tenant's snapshots through its resets (save in beforeAll, restore in each test), and apart from other tenants'", async () => {
    await givenCustomer(api, { source_id: 'kept-by-snapshot' });
    await api.post('/_mock/snapshots/setup');
    const state = await exported();
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expect((await api.post('/_mock/reset?all=true')).status).toBe(204);
    expect((await api.get('/_mock/snapshots')).body.total).toBe(1);
    expect((await api.post('/_mock/snapshots/setup/restore')).status).toBe(200);
    expect(await exported()).toEqual(state);

    const other = client(app, 'other-team');
    expect((await other.get('/_mock/snapshots')).body.total).toBe(0);
    expectError(await other.post('/_mock/snapshots/setup/restore'), 404, 'not_found', 'Resource not found');
  });

  it('restores the state only: a clock set since stays', async () => {
    await api.post('/_mock/snapshots/s');
    await api.post('/_mock/clock', { now: '2030-01-01T00:00:00Z' });
    await api.post('/_mock/snapshots/s/restore');
    expect((await api.get('/_mock/clock')).body.now).toBe('2030-01-01T00:00:00.000Z');
  });
});
