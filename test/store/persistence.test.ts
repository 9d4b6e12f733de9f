// Durable --db: the change log (group commit, torn lines, disk errors), its replay over the snapshot,
// folding the log into the snapshot with a crash at each step, and what a client sees when the disk
// fails. Each "crash" abandons a store without closing it: its files are closed under it and it can
// write nothing more.

import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { fixturesOf } from '../../src/app.js';
import { collections } from '../../src/resources/index.js';
import { parseLog, PersistenceError } from '../../src/store/change-log.js';
import { defineCollection, type CollectionDef, type Identified } from '../../src/store/collection.js';
import type { Disk } from '../../src/store/disk.js';
import { changeOps, replay, type LogEntry } from '../../src/store/persistence.js';
import { Store } from '../../src/store/store.js';
import type { TenantData } from '../../src/store/tenant.js';
import { as, expectError, testApp } from '../helpers.js';
import { TestDisk } from '../support/disk.js';

interface Item {
  id: string;
  name: string;
}

const items = defineCollection<Item>()({ name: 'items', recordName: 'item', unique: { name: (i) => i.name } });
const fixtures = { items: { seed: { id: 'seed', name: 'from the fixtures' } } } as TenantData;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDb = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'mock-voucherify-persistence-')));
  return join(dirs[dirs.length - 1], 'state.json');
};
const open = (dbFile: string, disk: Disk = new TestDisk(), options: { foldAfterBytes?: number; errors?: unknown[] } = {}) =>
  Store.open({ fixtures, collections: [items as unknown as CollectionDef<Identified>], dbFile, disk, foldAfterBytes: options.foldAfterBytes, onError: (error) => options.errors?.push(error) });

/** One request: opens the tenant's transaction, runs `work`, commits, and waits as the pipeline does. */
async function request(store: Store, tenantId: string, work: (collection: ReturnType<typeof collectionOf>) => void): Promise<void> {
  const tenant = store.tenant(tenantId);
  tenant.begin();
  work(tenant.collection(items));
  await store.commit(tenant);
}
const collectionOf = (store: Store, tenantId: string) => store.tenant(tenantId).collection(items);
const names = (store: Store, tenantId: string) => collectionOf(store, tenantId).all().map((item) => item.name);
const files = (dbFile: string) => readdirSync(join(dbFile, '..')).sort();

describe('the change log', () => {
  it('holds an answer until its batch is fsync-ed, one write and fsync for the requests of one turn', async () => {
    const disk = new TestDisk();
    const db = newDb();
    const store = await open(db, disk);
    const waits = Array.from({ length: 10 }, (_, i) => request(store, 'a', (c) => c.put({ id: `i${i}`, name: `n${i}` })));
    await Promise.all(waits);
    expect(disk.writes).toBe(1);
    const lines = readFileSync(`${db}.1.log`, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(JSON.parse(lines[0])).toEqual({ seq: 1, tenant: 'a', changes: [['put', 'items', { id: 'i0', name: 'n0' }]] });
    await disk.crash();
  });

  it('keeps one change per record (its last value, at its first place) and removals in order', () => {
    const put = (id: string, name: string) => ({ collection: 'items', id, record: { id, name } });
    const remove = (id: string) => ({ collection: 'items', id });
    expect(changeOps([put('a', '1'), put('b', '1'), put('a', '2'), remove('b'), put('b', '2')])).toEqual([
      ['put', 'items', { id: 'a', name: '2' }],
      ['put', 'items', { id: 'b', name: '1' }],
      ['remove', 'items', 'b'],
      ['put', 'items', { id: 'b', name: '2' }],
    ]);
  });

  it('replays puts, removals and resets over the snapshot in their order, a new tenant starting from the fixtures', () => {
    const tenants = new Map([['kept', { items: { k1: { id: 'k1', name: 'k1' }, k2: { id: 'k2', name: 'k2' } } } as TenantData]]);
    replay(
      tenants,
      [
        { seq: 1, tenant: 'kept', changes: [['remove', 'items', 'k1'], ['put', 'items', { id: 'k1', name: 'k1 again' }]] },
        { seq: 2, tenant: 'new', changes: [['put', 'items', { id: '__proto__', name: 'odd id' }]] },
        { seq: 3, tenant: 'gone', changes: [['put', 'items', { id: 'g', name: 'g' }]] },
        { seq: 4, reset: 'gone' },
      ] as LogEntry[],
      fixtures,
    );
    expect(Object.values(tenants.get('kept')!.items).map((i) => i.id)).toEqual(['k2', 'k1']);
    expect(Object.keys(tenants.get('new')!.items)).toEqual(['seed', '__proto__']);
    expect(tenants.has('gone')).toBe(false);
    expect(Object.keys(fixtures.items)).toEqual(['seed']);
    replay(tenants, [{ seq: 5, reset_all: true }], fixtures);
    expect(tenants.size).toBe(0);
  });

  it('ignores a torn last line, and stops at a damaged line before the last naming the file and line', () => {
    const good = '{"seq":1,"reset":"a"}\n{"seq":2,"reset":"b"}\n';
    expect(parseLog(`${good}{"seq":3,"tena`, 'x.log')).toEqual({ entries: [{ seq: 1, reset: 'a' }, { seq: 2, reset: 'b' }], torn: true });
    expect(parseLog(good, 'x.log').torn).toBe(false);
    expect(() => parseLog(`{"seq":1,"re\n${good}`, 'x.log')).toThrow(/^x\.log: line 1 of the --db change log is not valid JSON/);
  });

  it('after a crash, replays every acknowledged write and reset (a torn last line left out) and appends after it', async () => {
    const db = newDb();
    const disk = new TestDisk();
    const first = await open(db, disk);
    await request(first, 'a', (c) => c.put({ id: 'a1', name: 'one' }));
    await request(first, 'b', (c) => c.put({ id: 'b1', name: 'one' }));
    first.reset('b');
    await first.commit(undefined);
    await request(first, 'a', (c) => {
      c.remove('seed');
      c.put({ id: 'a2', name: 'two' });
    });
    await disk.crash();
    // The crash cut the next batch in the middle of its line.
    appendFileSync(`${db}.1.log`, '{"seq":5,"tenant":"a","changes":[["put","items",{"id":"a3"');

    const secondDisk = new TestDisk();
    const second = await open(db, secondDisk);
    expect(names(second, 'a')).toEqual(['one', 'two']);
    expect(names(second, 'b')).toEqual(['from the fixtures']);
    await request(second, 'a', (c) => c.put({ id: 'a3', name: 'three' }));
    await secondDisk.crash();

    const third = await open(db);
    expect(names(third, 'a')).toEqual(['one', 'two', 'three']);
    await third.close();
  });

  it('starts with nothing but an old lowdb file (no seq, no log), and keeps it after a crash', async () => {
    const db = newDb();
    writeFileSync(db, JSON.stringify({ tenants: { old: { items: { o: { id: 'o', name: 'old' } } } } }, null, 2));
    const disk = new TestDisk();
    const store = await open(db, disk);
    expect(names(store, 'old')).toEqual(['old']);
    await request(store, 'old', (c) => c.put({ id: 'n', name: 'new' }));
    await disk.crash();
    const again = await open(db);
    expect(names(again, 'old')).toEqual(['old', 'new']);
    await again.close();
  });
});

describe('folding the log into the snapshot', () => {
  it('happens in the background once the log outgrows the threshold, and removes the folded log files', async () => {
    const db = newDb();
    const disk = new TestDisk();
    const store = await open(db, disk, { foldAfterBytes: 1 });
    await request(store, 'a', (c) => c.put({ id: 'a1', name: 'one' }));
    // The fold runs after the batch: wait until the snapshot is there.
    for (let i = 0; i < 100 && !files(db).includes('state.json'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await request(store, 'a', (c) => c.put({ id: 'a2', name: 'two' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(readFileSync(db, 'utf8')).seq).toBeGreaterThanOrEqual(1);
    expect(files(db)).not.toContain('state.json.1.log');
    await disk.crash();
    const again = await open(db);
    expect(names(again, 'a')).toEqual(['from the fixtures', 'one', 'two']);
    await again.close();
  });

  it('is skipped at shutdown when nothing was logged since the snapshot: the file stays as it was', async () => {
    const db = newDb();
    const text = JSON.stringify({ tenants: { old: { items: { o: { id: 'o', name: 'old' } } } } }, null, 2);
    writeFileSync(db, text);
    const store = await open(db);
    expect(names(store, 'old')).toEqual(['old']);
    await store.close();
    expect(readFileSync(db, 'utf8')).toBe(text);
    expect(files(db)).toEqual(['state.json']);
  });

  it('loses nothing and doubles nothing when the process dies between the new snapshot and the removal of the old log', async () => {
    const db = newDb();
    const disk = new TestDisk();
    const errors: unknown[] = [];
    const store = await open(db, disk, { errors });
    await request(store, 'a', (c) => c.put({ id: 'a1', name: 'one' }));
    await request(store, 'a', (c) => c.remove('seed'));
    disk.fail.remove = 'EIO';
    await store.close().catch(() => undefined);
    await disk.crash();
    // The new snapshot is in place, the log it holds is still there.
    expect(JSON.parse(readFileSync(db, 'utf8')).seq).toBe(2);
    expect(files(db)).toEqual(['state.json', 'state.json.1.log']);

    const secondDisk = new TestDisk();
    const second = await open(db, secondDisk);
    expect(names(second, 'a')).toEqual(['one']);
    // Later writes get later sequence numbers than the snapshot's, so the next replay keeps them.
    await request(second, 'a', (c) => c.put({ id: 'a2', name: 'two' }));
    await secondDisk.crash();
    const third = await open(db);
    expect(names(third, 'a')).toEqual(['one', 'two']);
    await third.close();
    expect(files(db)).toEqual(['state.json']);
  });

  it('loses nothing when the process dies before the new snapshot is renamed into place', async () => {
    const db = newDb();
    writeFileSync(db, JSON.stringify({ tenants: { a: { items: { a0: { id: 'a0', name: 'zero' } } } } }));
    const disk = new TestDisk();
    const store = await open(db, disk);
    await request(store, 'a', (c) => c.put({ id: 'a1', name: 'one' }));
    disk.fail.rename = 'EIO';
    await expect(store.close()).rejects.toThrow('EIO');
    await disk.crash();
    expect(files(db)).toEqual(['.state.json.tmp', 'state.json', 'state.json.1.log']);
    const again = await open(db);
    expect(names(again, 'a')).toEqual(['zero', 'one']);
    await again.close();
    expect(files(db)).toEqual(['state.json']);
  });
});

describe('a disk that refuses a write', () => {
  it('undoes the batch and every change after it, rejects their answers, cuts the log back, and saves later writes', async () => {
    const db = newDb();
    const disk = new TestDisk();
    const errors: unknown[] = [];
    const store = await open(db, disk, { errors });
    await request(store, 'a', (c) => c.put({ id: 'kept', name: 'kept' }));
    disk.fail.sync = 'EIO';
    const refused = [
      request(store, 'a', (c) => c.put({ id: 'kept', name: 'changed' })),
      request(store, 'a', (c) => c.put({ id: 'new', name: 'new' })),
      request(store, 'b', (c) => c.remove('seed')),
    ];
    store.reset('a');
    const resetSaved = store.commit(undefined);
    for (const wait of [...refused, resetSaved]) await expect(wait).rejects.toThrow(PersistenceError);
    expect(names(store, 'a')).toEqual(['from the fixtures', 'kept']);
    expect(names(store, 'b')).toEqual(['from the fixtures']);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/could not save to the --db change log .*state\.json\.1\.log \(EIO: sync refused\); the change was undone, with 3 made after it/);

    disk.fail = {};
    await request(store, 'a', (c) => c.put({ id: 'later', name: 'later' }));
    await disk.crash();
    const again = await open(db);
    expect(names(again, 'a')).toEqual(['from the fixtures', 'kept', 'later']);
    expect(names(again, 'b')).toEqual(['from the fixtures']);
    await again.close();
  });

  it('rolls back a request whose changes cannot be serialised, and throws', async () => {
    const db = newDb();
    const store = await open(db);
    const tenant = store.tenant('a');
    tenant.begin();
    tenant.collection(items).put({ id: 'ok', name: 'fine' });
    // JSON cannot hold a BigInt: the log entry cannot be made.
    tenant.collection(items).put({ id: 'big', name: 'big', size: 10n } as unknown as Item);
    expect(() => store.commit(tenant)).toThrow(/BigInt/);
    expect(names(store, 'a')).toEqual(['from the fixtures']);
    await store.close();
  });
});

describe('a disk that refuses a write, through the HTTP pipeline', () => {
  it('answers 500 internal_error when the change log cannot be written, with the writes undone, and goes on', async () => {
    const disk = new TestDisk();
    const errors: unknown[] = [];
    const store = await Store.open({ fixtures: fixturesOf({}), collections, dbFile: newDb(), disk, onError: (error) => errors.push(error) });
    const app = await testApp({ store });
    const create = (sourceId: string) => supertest(app).post('/v1/customers').set(as('disk')).send({ source_id: sourceId });

    expect((await create('before')).status).toBe(200);
    disk.fail.write = 'ENOSPC';
    const refused = await create('refused');
    const body = expectError(refused, 500, 'internal_error', 'Internal error');
    expect(body.details).toMatch(/could not save to the --db change log .*\(ENOSPC: write refused\); the change was undone/);
    expect((await supertest(app).get('/v1/customers/refused').set(as('disk'))).status).toBe(404);
    expect(errors.length).toBeGreaterThanOrEqual(1);

    disk.fail = {};
    expect((await create('after')).status).toBe(200);
    expect((await supertest(app).get('/v1/customers/before').set(as('disk'))).status).toBe(200);
    await store.close();
  });
});

describe('start-up', () => {
  it('fails at once when the folder does not exist', async () => {
    const missing = join(tmpdir(), 'mock-voucherify-no-such-folder', 'state.json');
    await expect(open(missing)).rejects.toThrow(`--db ${missing}: the folder ${join(missing, '..')} does not exist`);
  });

  it('fails at once when the snapshot is not JSON', async () => {
    const db = newDb();
    writeFileSync(db, '{"tenants": {');
    await expect(open(db)).rejects.toThrow(new RegExp(`^--db ${db}: not valid JSON`));
  });
});
