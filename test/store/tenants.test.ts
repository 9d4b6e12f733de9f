// Tenants in memory: what a tenant that only reads keeps between requests.

import request from 'supertest';
import { customers, vouchers } from '../../src/domain/collections.js';
import type { Customer } from '../../src/domain/records.js';
import { defaultFixturesPath } from '../../src/package-root.js';
import { collections } from '../../src/resources/index.js';
import { loadFixtures } from '../../src/store/fixtures.js';
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

