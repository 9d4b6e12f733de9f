// startServer(): the programmatic API a test suite uses — a real port, reset() and close().

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../src/index.js';

const headers = (tenant: string) => ({ 'X-App-Id': tenant, 'X-App-Token': 't', 'Content-Type': 'application/json' });
const addReferee = (server: RunningServer, tenant: string, sourceId: string) =>
  fetch(`${server.url}/v1/referrals/members/REF-ALICE001/holders`, {
    method: 'POST',
    headers: headers(tenant),
    body: JSON.stringify({ holders: [{ source_id: sourceId }] }),
  });
const customerStatus = async (server: RunningServer, tenant: string, sourceId: string) =>
  (await fetch(`${server.url}/v1/customers/${sourceId}`, { headers: headers(tenant) })).status;

describe('startServer', () => {
  it('listens on a free port and serves the API', async () => {
    const server = await startServer({ port: 0, validateResponses: true });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.port).toBeGreaterThan(0);
      const res = await fetch(`${server.url}/v1/vouchers/REF-ALICE001`, { headers: headers('s') });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^v-[0-9a-f]{18}$/);
    } finally {
      await server.close();
    }
  });

  it('reset(tenant) resets one tenant, reset() every tenant', async () => {
    const server = await startServer({ port: 0, validateResponses: true });
    try {
      expect((await addReferee(server, 'one', 'made-in-one')).status).toBe(200);
      expect((await addReferee(server, 'two', 'made-in-two')).status).toBe(200);
      server.reset('one');
      expect(await customerStatus(server, 'one', 'made-in-one')).toBe(404);
      expect(await customerStatus(server, 'two', 'made-in-two')).toBe(200);
      server.reset();
      expect(await customerStatus(server, 'two', 'made-in-two')).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('persists every tenant to a --db file on close and reloads it on the next start', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'mock-voucherify-db-')), 'state.json');
    const first = await startServer({ port: 0, db, validateResponses: true });
    expect((await addReferee(first, 'kept', 'persisted-customer')).status).toBe(200);
    await first.close();
    const saved = JSON.parse(readFileSync(db, 'utf8'));
    expect(Object.keys(saved.tenants)).toEqual(['kept']);

    const second = await startServer({ port: 0, db, validateResponses: true });
    try {
      expect(await customerStatus(second, 'kept', 'persisted-customer')).toBe(200);
      const holders = await (await fetch(`${second.url}/v1/referrals/members/REF-ALICE001/holders`, { headers: headers('kept') })).json();
      expect(holders.total).toBe(2);
      expect(await customerStatus(second, 'fresh', 'persisted-customer')).toBe(404);
    } finally {
      await second.close();
    }
  });

  it('loads a --db file from an earlier version, whose tenants lack the newer collections', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'mock-voucherify-db-')), 'older.json');
    const byId = (records: { id: string }[]) => Object.fromEntries(records.map((record) => [record.id, record]));
    const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
    const older = {
      campaigns: byId(fixtures.campaigns),
      vouchers: byId(fixtures.vouchers),
      customers: byId([...fixtures.customers, { ...fixtures.customers[0], id: 'cust_saved0000000000000000001', source_id: 'saved-earlier' }]),
      redeemable_holders: byId(fixtures.redeemable_holders),
      publications: byId(fixtures.publications),
    };
    writeFileSync(db, JSON.stringify({ tenants: { older } }));
    const server = await startServer({ port: 0, db, validateResponses: true });
    try {
      expect(await customerStatus(server, 'older', 'saved-earlier')).toBe(200);
      const actions = await fetch(`${server.url}/v1/async-actions`, { headers: headers('older') });
      expect({ status: actions.status, count: (await actions.json()).async_actions.length }).toEqual({ status: 200, count: 0 });
      expect((await addReferee(server, 'older', 'added-now')).status).toBe(200);
    } finally {
      await server.close();
    }
    expect(Object.keys(JSON.parse(readFileSync(db, 'utf8')).tenants.older)).toEqual(
      expect.arrayContaining(['campaigns', 'vouchers', 'customers', 'redeemable_holders', 'publications', 'async_actions', 'referral_invitations']),
    );
  });

  it('keeps a tenant of any name, "__proto__" included, across a restart', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'mock-voucherify-db-')), 'names.json');
    const first = await startServer({ port: 0, db });
    expect((await addReferee(first, '__proto__', 'odd-tenant-customer')).status).toBe(200);
    await first.close();
    const second = await startServer({ port: 0, db });
    try {
      expect(await customerStatus(second, '__proto__', 'odd-tenant-customer')).toBe(200);
      expect(await customerStatus(second, 'other', 'odd-tenant-customer')).toBe(404);
    } finally {
      await second.close();
    }
  });

  it('close() can be called twice', async () => {
    const server = await startServer({ port: 0, validateResponses: true });
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
  });
});
