// --db at start: a folder files cannot be created in stops the start with a message naming it,
// before anything is read or written (a read-only test disk: permissions do not stop root).

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesOf } from '../src/app.js';
import { collections } from '../src/resources/index.js';
import { nodeDisk } from '../src/store/disk.js';
import { Store } from '../src/store/store.js';
import { TestDisk } from './support/disk.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-db-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--db folder checks', () => {
  it('refuses a folder that cannot be written, creating nothing in it', async () => {
    const disk = new TestDisk();
    disk.writable = false;
    const dbFile = join(dir, 'state.json');
    await expect(Store.open({ fixtures: fixturesOf({}), collections, dbFile, disk })).rejects.toThrow(
      `--db ${dbFile}: the folder ${dir} cannot be written (no permission, or a read-only file system)`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('opens a writable folder', async () => {
    const store = await Store.open({ fixtures: fixturesOf({}), collections, dbFile: join(dir, 'ok.json'), disk: new TestDisk() });
    expect(store.tenant('a').collection(collections.find((def) => def.name === 'customers')!).all().length).toBeGreaterThan(0);
    await store.close();
  });

  it('tells a writable folder from one that is not (the real disk)', async () => {
    expect(await nodeDisk.canWrite(dir)).toBe(true);
    // A folder that is not there is an error (Persistence.open reports it first), not a "no".
    await expect(nodeDisk.canWrite(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
