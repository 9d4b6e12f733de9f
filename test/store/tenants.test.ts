// Tenants in memory: what a tenant that only reads keeps, eviction beyond maxTenants (least recently
// used and idle first), an evicted tenant's next request, and what a reset of every tenant releases.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import request from 'supertest';
import { customers, vouchers } from '../../src/domain/collections.js';
import type { Customer } from '../../src/domain/records.js';
import { toJson } from '../../src/http/json.js';
import { defaultFixturesPath } from '../../src/package-root.js';
import { collections } from '../../src/resources/index.js';
import { loadFixtures } from '../../src/store/fixtures.js';
import { isDeeplyFrozen } from '../../src/store/freeze.js';
import { Store } from '../../src/store/store.js';
import type { Tenant } from '../../src/store/tenant.js';
import { as, testApp } from '../helpers.js';

const fixtures = loadFixtures(defaultFixturesPath, collections);
const CODE = 'SUMMER-Q7K2M9';

const customer = (id: string, sourceId = id): Customer => ({
  id,
  source_id: sourceId,
  metadata: {},
  created_at: '2026-11-22T12:00:00.000Z',
  object: 'customer',
});

/** One request's worth of work on a tenant, as the pipeline runs it: opened, begun, committed. */
/** A request with --db: its writes are committed through the store, which logs them, and are on disk when it resolves. */
async function serveDurably(store: Store, id: string, work: (tenant: Tenant) => void = (tenant) => vouchers(tenant).findBy('code', CODE)): Promise<void> {
  const tenant = store.tenant(id);
  tenant.begin();
  try {
    work(tenant);
  } catch (error) {
    tenant.rollback();
    throw error;
  }
  await store.commit(tenant);
}

function serve(store: Store, id: string, work: (tenant: Tenant) => void = (tenant) => vouchers(tenant).findBy('code', CODE)): Tenant {
  const tenant = store.tenant(id);
  tenant.begin();
  try {
    work(tenant);
    tenant.commit();
  } catch (error) {
    tenant.rollback();
    throw error;
  }
  return tenant;
}

const write = (sourceId: string) => (tenant: Tenant) => void customers(tenant).put(customer(`cust_${sourceId}`, sourceId));
const hasCustomer = (store: Store, tenantId: string, sourceId: string) => {
  let found = false;
  serve(store, tenantId, (tenant) => (found = customers(tenant).findBy('source_id', sourceId) !== undefined));
  return found;
};

describe('a tenant that only reads', () => {
  it('holds no collection between requests, and forks again on the next one', () => {
    const store = Store.inMemory(fixtures, collections);
    const seen: unknown[] = [];
    serve(store, 'reader', (tenant) => {
      seen.push(vouchers(tenant));
      expect(vouchers(tenant)).toBe(seen[0]); // one fork per collection within a request
      expect(vouchers(tenant).findBy('code', CODE)?.code).toBe(CODE);
      customers(tenant).all();
    });
    const tenant = serve(store, 'reader', (tenant) => seen.push(vouchers(tenant)));
    expect(seen[1]).not.toBe(seen[0]);
    expect(tenant.heldCollections).toBe(0);
    expect(tenant.pristine).toBe(true);
  });

  it('keeps only the collections it wrote once it writes, and those for good', () => {
    const store = Store.inMemory(fixtures, collections);
    let written: unknown;
    const tenant = serve(store, 'writer', (tenant) => {
      vouchers(tenant).findBy('code', CODE);
      customers(tenant).put(customer('cust_new'));
      written = customers(tenant);
    });
    expect(tenant.heldCollections).toBe(1);
    expect(tenant.pristine).toBe(false);
    serve(store, 'writer', (tenant) => expect(customers(tenant)).toBe(written));
  });

  it('reads through HTTP without keeping a collection', async () => {
    const app = await testApp();
    for (const path of [`/v1/vouchers/${CODE}`, '/v1/vouchers?limit=10', '/v1/customers', '/v1/campaigns']) {
      await request(app).get(path).set(as('http-reader')).expect(200);
    }
    const tenant = app.locals.store.tenant('http-reader');
    expect({ held: tenant.heldCollections, pristine: tenant.pristine }).toEqual({ held: 0, pristine: true });
  });
});

describe('maxTenants', () => {
  it('evicts the least recently used tenants beyond the limit, a request counting as a use', () => {
    const store = Store.inMemory(fixtures, collections);
    store.maxTenants = 3;
    for (const id of ['a', 'b', 'c']) serve(store, id);
    serve(store, 'a');
    expect(store.tenantsInMemory()).toEqual(['b', 'c', 'a']);
    serve(store, 'd');
    expect(store.tenantsInMemory()).toEqual(['c', 'a', 'd']);
    serve(store, 'e');
    serve(store, 'f');
    expect(store.tenantsInMemory()).toEqual(['d', 'e', 'f']);
    // Without a limit nothing is evicted.
    const unlimited = Store.inMemory(fixtures, collections);
    for (let i = 0; i < 50; i++) serve(unlimited, `t${i}`);
    expect(unlimited.tenantsInMemory()).toHaveLength(50);
  });

  it('never evicts a tenant that a request is using; it goes once idle', () => {
    const store = Store.inMemory(fixtures, collections);
    store.maxTenants = 1;
    const busy = store.tenant('busy');
    busy.begin();
    customers(busy).put(customer('cust_busy'));
    serve(store, 'other');
    expect(store.tenantsInMemory()).toEqual(['busy', 'other']);
    busy.commit();
    serve(store, 'third');
    expect(store.tenantsInMemory()).toEqual(['third']);
  });

  it('starts an evicted tenant from the fixtures again', () => {
    const store = Store.inMemory(fixtures, collections);
    store.maxTenants = 2;
    serve(store, 'a', write('made-in-a'));
    expect(hasCustomer(store, 'a', 'made-in-a')).toBe(true);
    serve(store, 'b');
    serve(store, 'c');
    expect(store.tenantsInMemory()).toEqual(['b', 'c']);
    const again = store.tenant('a');
    expect(again.pristine).toBe(true);
    expect(hasCustomer(store, 'a', 'made-in-a')).toBe(false);
    expect(customers(again).size).toBe(Object.keys(fixtures.customers).length);
  });

  it('reloads an evicted tenant from its saved state with a --db file, and never saves one that only read', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'mock-voucherify-evict-')), 'state.json');
    const store = await Store.open({ fixtures, collections, dbFile, maxTenants: 1 });
    await serveDurably(store, 'kept', write('made-in-kept'));
    await serveDurably(store, 'reader');
    await serveDurably(store, 'other');
    expect(store.tenantsInMemory()).toEqual(['other']);
    expect(store.tenantIds().sort()).toEqual(['kept', 'other']);
    expect(hasCustomer(store, 'kept', 'made-in-kept')).toBe(true);
    expect(store.tenant('kept').pristine).toBe(false);
    // The reloaded tenant writes on from its saved state, and a restart finds both writes.
    await serveDurably(store, 'kept', write('made-after-reload'));
    await serveDurably(store, 'reader');
    await store.close();
    expect(Object.keys(JSON.parse(readFileSync(dbFile, 'utf8')).tenants)).toEqual(['kept']);
    const restarted = await Store.open({ fixtures, collections, dbFile });
    expect([hasCustomer(restarted, 'kept', 'made-in-kept'), hasCustomer(restarted, 'kept', 'made-after-reload')]).toEqual([true, true]);
    await restarted.close();
  });

  it('is a createApp option: an evicted tenant answers from the fixtures again', async () => {
    const app = await testApp({ maxTenants: 2 });
    await request(app).post('/v1/customers').set(as('a')).send({ source_id: 'made-in-a' }).expect(200);
    await request(app).get('/v1/customers/made-in-a').set(as('a')).expect(200);
    await request(app).get(`/v1/vouchers/${CODE}`).set(as('b')).expect(200);
    await request(app).get(`/v1/vouchers/${CODE}`).set(as('c')).expect(200);
    await request(app).get('/v1/customers/made-in-a').set(as('a')).expect(404);
  });

  it.each([0, -1, 1.5, NaN])('refuses %p', async (max) => {
    await expect(testApp({ maxTenants: max })).rejects.toThrow(RangeError);
  });
});

describe('a reset of every tenant', () => {
  /** The isolate's collector: jest runs without --expose-gc, and a new context can still be given it. */
  const collectGarbage = (): (() => void) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
    return gc;
  };

  it('drops every tenant and keeps no reference to them', async () => {
    const store = Store.inMemory(fixtures, collections);
    const gc = collectGarbage();
    // Made in a function of its own so that no variable of the test holds the tenant.
    const watch = () => new WeakRef(serve(store, 'dropped', write('made-before-reset')));
    const dropped = watch();
    serve(store, 'reader');
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(dropped.deref()?.id).toBe('dropped'); // the store holds it until the reset
    store.resetAll();
    expect({ inMemory: store.tenantsInMemory(), ids: store.tenantIds() }).toEqual({ inMemory: [], ids: [] });
    // A WeakRef's target lives at least until the end of the current job.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(dropped.deref()).toBeUndefined();
    expect(hasCustomer(store, 'dropped', 'made-before-reset')).toBe(false);
  });

  it('forgets what it kept per record (freeze marks, JSON texts) for records no tenant holds, and keeps the fixtures\'', () => {
    const store = Store.inMemory(fixtures, collections);
    let kept: Customer | undefined;
    serve(store, 'many', (tenant) => {
      for (let i = 0; i < 3000; i++) customers(tenant).put(customer(`cust_many${i}`));
      kept = customers(tenant).get('cust_many0');
    });
    const fixtureVoucher = vouchers(store.tenant('reader')).findBy('code', CODE)!;
    expect([isDeeplyFrozen(kept!), isDeeplyFrozen(fixtureVoucher)]).toEqual([true, true]);
    const before = toJson(kept);
    store.resetAll();
    expect([isDeeplyFrozen(kept!), isDeeplyFrozen(fixtureVoucher)]).toEqual([false, true]);
    // Still frozen, and still serialised the same.
    expect(Object.isFrozen(kept)).toBe(true);
    expect(toJson(kept)).toBe(before);
    expect(toJson(fixtureVoucher)).toBe(JSON.stringify(fixtureVoucher));
  });
});
