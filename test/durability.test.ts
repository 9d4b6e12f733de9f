// Durable --db end to end, through the real CLI: killed with SIGKILL while it writes, it keeps every
// write and reset it acknowledged; a snapshot it cannot write stops nothing and loses nothing; a --db
// folder that does not exist stops the start. (A failing change log: test/store/persistence.test.ts.)

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, killAll, startCli, type RunningCli } from './support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  killAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const newDb = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'mock-voucherify-durable-')));
  return join(dirs[dirs.length - 1], 'state.json');
};
const headers = (tenant: string) => ({ 'X-App-Id': tenant, 'X-App-Token': 't', 'Content-Type': 'application/json' });

/** A small seeded generator (mulberry32): the same cycles on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const createCustomer = (url: string, tenant: string, sourceId: string) =>
  fetch(`${url}/v1/customers`, { method: 'POST', headers: headers(tenant), body: JSON.stringify({ source_id: sourceId, name: `Customer ${sourceId}` }) });
const customerStatus = async (url: string, tenant: string, sourceId: string) =>
  (await fetch(`${url}/v1/customers/${sourceId}`, { headers: headers(tenant) })).status;

interface Write {
  tenant: string;
  sourceId: string;
}

/**
 * Sends `writes` over `concurrency` connections and kills the server with SIGKILL right after the
 * `killAfter`-th acknowledgement, others still in flight. Answers the writes acknowledged (2xx).
 */
async function writeUntilKilled(server: RunningCli, writes: Write[], concurrency: number, killAfter: number): Promise<Write[]> {
  const acknowledged: Write[] = [];
  let next = 0;
  const worker = async () => {
    while (next < writes.length) {
      const write = writes[next++];
      try {
        const res = await createCustomer(server.url, write.tenant, write.sourceId);
        if (res.ok) {
          acknowledged.push(write);
          if (acknowledged.length === killAfter) server.child.kill('SIGKILL');
        }
      } catch {
        // The server is gone: this write was never acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await server.exited;
  return acknowledged;
}

describe('--db and kill -9', () => {
  it('finds every acknowledged write and reset after each of 4 crash cycles', async () => {
    const db = newDb();
    const random = seeded(20261201);
    const kept: Write[] = [];
    const dropped: Write[] = [];
    for (let cycle = 0; cycle < 4; cycle++) {
      const server = await startCli(['--port', '0', '--db', db, '--seed', String(cycle + 1)]);
      const missing = [];
      for (const write of kept) if ((await customerStatus(server.url, write.tenant, write.sourceId)) !== 200) missing.push(write.sourceId);
      for (const write of dropped) if ((await customerStatus(server.url, write.tenant, write.sourceId)) !== 404) missing.push(`reset of ${write.sourceId}`);
      expect({ cycle, missing }).toEqual({ cycle, missing: [] });

      // A reset, acknowledged: what the tenant had before it must stay gone, what came after it must stay.
      const scratch = `scratch-${cycle}`;
      for (const sourceId of [`${scratch}-a`, `${scratch}-b`]) expect((await createCustomer(server.url, scratch, sourceId)).status).toBe(200);
      expect((await fetch(`${server.url}/_mock/reset`, { method: 'POST', headers: headers(scratch) })).status).toBe(204);
      dropped.push({ tenant: scratch, sourceId: `${scratch}-a` }, { tenant: scratch, sourceId: `${scratch}-b` });
      expect((await createCustomer(server.url, scratch, `${scratch}-c`)).status).toBe(200);
      kept.push({ tenant: scratch, sourceId: `${scratch}-c` });

      const total = 30 + Math.floor(random() * 30);
      const writes = Array.from({ length: total }, (_, i) => ({ tenant: `tenant-${Math.floor(random() * 3)}`, sourceId: `c${cycle}-${i}` }));
      const concurrency = 1 + Math.floor(random() * 8);
      const killAfter = 10 + Math.floor(random() * (total - 10));
      kept.push(...(await writeUntilKilled(server, writes, concurrency, killAfter)));
    }
    const last = await startCli(['--port', '0', '--db', db]);
    const missing = [];
    for (const write of kept) if ((await customerStatus(last.url, write.tenant, write.sourceId)) !== 200) missing.push(write.sourceId);
    for (const write of dropped) if ((await customerStatus(last.url, write.tenant, write.sourceId)) !== 404) missing.push(`reset of ${write.sourceId}`);
    expect({ acknowledged: kept.length, missing }).toEqual({ acknowledged: kept.length, missing: [] });
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);
  }, 60_000);
});

describe('--db and a snapshot that cannot be written', () => {
  it('keeps serving, and loses nothing, when the snapshot cannot be written (the CLI)', async () => {
    const db = newDb();
    const server = await startCli(['--port', '0', '--db', db]);
    // Where the snapshot is written before its rename: a folder now, so that writing it fails.
    const temp = join(db, '..', '.state.json.tmp');
    mkdirSync(temp);
    expect((await createCustomer(server.url, 'blocked', 'kept-in-the-log')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await customerStatus(server.url, 'blocked', 'kept-in-the-log')).toBe(200);
    // At shutdown the final snapshot fails: said so, and the log keeps everything.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toMatch(/could not stop cleanly after SIGTERM: .*EISDIR/);
    rmdirSync(temp);
    const again = await startCli(['--port', '0', '--db', db]);
    expect(await customerStatus(again.url, 'blocked', 'kept-in-the-log')).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});

describe('--db at start', () => {
  it('refuses a folder that does not exist, before listening', () => {
    const db = join(tmpdir(), 'mock-voucherify-no-such-folder', 'state.json');
    const result = spawnSync(process.execPath, [cli, '--port', '0', '--db', db], { encoding: 'utf8', timeout: 10_000 });
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
    expect(result.stderr).toBe(`mock-voucherify: --db ${db}: the folder ${join(db, '..')} does not exist\n`);
  });
});
