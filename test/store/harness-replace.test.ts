// Store.replace and Store.state: a tenant's state read and replaced as a whole, in memory and with
// --db (the `replace` log entry: replayed at start, undone with what came after it when the disk
// refuses it, refused at start when malformed).

import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { fixturesOf } from '../../src/app.js';
import { collections } from '../../src/resources/index.js';
import { PersistenceError } from '../../src/store/change-log.js';
import { defineCollection, type CollectionDef, type Identified } from '../../src/store/collection.js';
import type { Disk } from '../../src/store/disk.js';
import { replay, type LogEntry } from '../../src/store/persistence.js';
import { Store } from '../../src/store/store.js';
import type { TenantData } from '../../src/store/tenant.js';
import { as, expectError, testApp } from '../helpers.js';
import { TestDisk } from '../support/disk.js';

interface Item {
  id: string;
  name: string;
}

const items = defineCollection<Item>()({ name: 'items', recordName: 'item', unique: { name: (i) => i.name } });
const defs = [items as unknown as CollectionDef<Identified>];
const fixtures = { items: { seed: { id: 'seed', name: 'from the fixtures' } } } as TenantData;
const replacement = () => ({ items: { r1: { id: 'r1', name: 'replaced one' }, r2: { id: 'r2', name: 'replaced two' } } }) as TenantData;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDb = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'mock-voucherify-replace-')));
  return join(dirs[dirs.length - 1], 'state.json');
};
const open = (dbFile: string, disk: Disk = new TestDisk(), errors?: unknown[]) =>
  Store.open({ fixtures, collections: defs, dbFile, disk, onError: (error) => errors?.push(error) });

async function request(store: Store, tenantId: string, work: (collection: ReturnType<typeof itemsOf>) => void) {
  const tenant = store.tenant(tenantId);
  tenant.begin();
  work(tenant.collection(items));
  await store.commit(tenant);
}
const itemsOf = (store: Store, tenantId: string) => store.tenant(tenantId).collection(items);
const names = (store: Store, tenantId: string) => itemsOf(store, tenantId).all().map((item) => item.name);

describe('Store.replace in memory', () => {
  it('gives the tenant the data, with its indexes; writes go on from it; a reset brings the fixtures back', async () => {
    const store = Store.inMemory(fixtures, defs);
    await request(store, 'a', (c) => c.put({ id: 'mine', name: 'mine' }));
    store.replace('a', replacement());
    expect(names(store, 'a')).toEqual(['replaced one', 'replaced two']);
    expect(itemsOf(store, 'a').findBy('name', 'replaced two')?.id).toBe('r2');
    expect(names(store, 'b')).toEqual(['from the fixtures']);
    await request(store, 'a', (c) => c.put({ id: 'r3', name: 'after' }));
    expect(Object.keys(store.state('a').items)).toEqual(['r1', 'r2', 'r3']);
    store.reset('a');
    expect(names(store, 'a')).toEqual(['from the fixtures']);
  });

  it('shares the data without changing it: a state kept aside (a snapshot) stays as it was', async () => {
    const store = Store.inMemory(fixtures, defs);
    const kept = replacement();
    store.replace('a', kept);
    await request(store, 'a', (c) => {
      c.put({ id: 'r1', name: 'renamed' });
      c.remove('r2');
    });
    expect(kept).toEqual(replacement());
    store.replace('a', kept);
    expect(names(store, 'a')).toEqual(['replaced one', 'replaced two']);
  });

  it('refuses to replace a tenant in the middle of a request', () => {
    const store = Store.inMemory(fixtures, defs);
    store.tenant('a').begin();
    expect(() => store.replace('a', replacement())).toThrow(/change is under way/);
  });

  it('state() of a tenant never used is the fixtures, and does not keep it in memory', () => {
    const store = Store.inMemory(fixtures, defs);
    expect(store.state('new')).toEqual(fixtures);
    expect(store.tenantsInMemory()).toEqual([]);
  });
});

describe('Store.recordsOf and Store.onReplace: what an index across tenants is built from', () => {
  it('lists a collection’s records by tenant, saved or in memory, leaving out tenants that are still the fixtures', async () => {
    const db = newDb();
    const first = await open(db);
    await request(first, 'saved', (c) => c.put({ id: 's1', name: 'saved one' }));
    await first.close();
    const store = await open(db);
    await request(store, 'in-memory', (c) => c.put({ id: 'm1', name: 'in memory' }));
    itemsOf(store, 'only-read').all();
    const listed = [...store.recordsOf(items)].map(([tenantId, item]) => [tenantId, item.id]);
    expect(listed.sort()).toEqual([
      ['in-memory', 'm1'],
      ['in-memory', 'seed'],
      ['saved', 's1'],
      ['saved', 'seed'],
    ]);
    await store.close();
  });

  it('tells a replace, with the tenant and its new data, after the tenant holds it', () => {
    const store = Store.inMemory(fixtures, defs);
    const told: [string, string[]][] = [];
    store.onReplace((tenantId, data) => told.push([tenantId, names(store, tenantId).concat(Object.keys(data.items))]));
    store.replace('a', replacement());
    expect(told).toEqual([['a', ['replaced one', 'replaced two', 'r1', 'r2']]]);
  });
});

describe('Store.replace with --db', () => {
  it('is replayed at start, with the writes after it', async () => {
    const db = newDb();
    const disk = new TestDisk();
    const store = await open(db, disk);
    store.replace('a', replacement());
    await store.commit(undefined);
    await request(store, 'a', (c) => c.put({ id: 'r3', name: 'after' }));
    await disk.crash();
    const again = await open(db);
    expect(names(again, 'a')).toEqual(['replaced one', 'replaced two', 'after']);
    expect(names(again, 'b')).toEqual(['from the fixtures']);
    await again.close();
  });

  it('is undone, with every change after it, when the disk refuses it', async () => {
    const db = newDb();
    const disk = new TestDisk();
    const errors: unknown[] = [];
    const store = await open(db, disk, errors);
    await request(store, 'a', (c) => c.put({ id: 'before', name: 'before' }));
    disk.fail.sync = 'EIO';
    store.replace('a', replacement());
    const replaced = store.commit(undefined);
    const after = request(store, 'a', (c) => c.put({ id: 'r3', name: 'after' }));
    await expect(replaced).rejects.toThrow(PersistenceError);
    await expect(after).rejects.toThrow(PersistenceError);
    expect(names(store, 'a')).toEqual(['from the fixtures', 'before']);
    expect(errors).toHaveLength(1);
    disk.fail = {};
    await disk.crash();
    const again = await open(db);
    expect(names(again, 'a')).toEqual(['from the fixtures', 'before']);
    await again.close();
  });

  it('answers PUT /_mock/state with 500 when the disk refuses it, the state unchanged', async () => {
    const disk = new TestDisk();
    const store = await Store.open({ fixtures: fixturesOf({}), collections, dbFile: newDb(), disk, onError: () => undefined });
    const app = await testApp({ store });
    const exported = (await supertest(app).get('/_mock/state').set(as('disk'))).body;
    disk.fail.write = 'ENOSPC';
    const res = await supertest(app).put('/_mock/state').set(as('disk')).send({ ...exported, customers: [] });
    expect(expectError(res, 500, 'internal_error', 'Internal error').details).toMatch(/ENOSPC/);
    disk.fail = {};
    expect((await supertest(app).get('/_mock/state').set(as('disk'))).body).toEqual(exported);
    await store.close();
  });

  it('stops the start at a replace entry this version cannot read', async () => {
    const db = newDb();
    const store = await open(db);
    await store.close();
    appendFileSync(`${db}.7.log`, `${JSON.stringify({ seq: 1, replace: 'a', data: { items: 'not records' } })}\n`);
    await expect(open(db)).rejects.toThrow(/entry 1 of the --db change log is not a change this version knows/);
  });
});

describe('replay of replace entries', () => {
  it('puts the data in place of what the tenant had, later changes going on from it', () => {
    const tenants = new Map<string, TenantData>([['a', { items: { old: { id: 'old', name: 'old' } } } as TenantData]]);
    const data = replacement();
    const entries: LogEntry[] = [
      { seq: 1, replace: 'a', data },
      { seq: 2, tenant: 'a', changes: [['put', 'items', { id: 'r3', name: 'after' } as Identified], ['remove', 'items', 'r1']] },
      { seq: 3, replace: 'b', data: { items: {} } },
    ];
    replay(tenants, entries, fixtures);
    expect(Object.keys(tenants.get('a')!.items)).toEqual(['r2', 'r3']);
    expect(tenants.get('b')).toEqual({ items: {} });
    // The entry's own data was copied before the later change, not changed in place.
    expect(data).toEqual(replacement());
  });
});
