// Scenario `durability`: writes with a durable --db against the same writes in memory, at 1 MiB and
// 10 MiB of state, and the restart of a 10 MiB --db: after kill -9 (the log replayed) and after a clean stop.

import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../harness/context.js';
import { bytes, latency, ms, rps } from '../harness/format.js';
import { auth, expectStatus, HOST } from '../harness/http.js';
import { burst, BURST_DURATION_S, LOAD_CONNECTIONS } from '../harness/load.js';
import { CLI, spawnServer, stopCli, type Child } from '../harness/processes.js';
import { report } from '../harness/report.js';
import { median, percentile } from '../harness/stats.js';

const DEFAULT_FIXTURES = fileURLToPath(new URL('../../../fixtures/default.json', import.meta.url));
const SIZES_MIB = [1, 10];
const TENANT = 'bench-durable';
/** One-at-a-time writes per server and size, after WARMUP, sent in alternating rounds of ROUND. */
const WRITES = 400;
const WARMUP = 40;
const ROUND = 20;
const RESTARTS = 5;
/** Writes logged (and not folded) before the kill -9 whose restart replays them. */
const LOGGED_BEFORE_CRASH = 500;
const TARGET_OVERHEAD_MS = 5;
const TARGET_RESTART_MS = 500;

type Json = Record<string, unknown>;

/**
 * The same state twice, `mib` MiB of customers in one tenant: as a --db snapshot (lowdb's JSON,
 * {"tenants": {...}}) and as a fixture file for the in-memory server. Customers are shaped like
 * those of fixtures/default.json, with a little metadata each.
 */
function writeState(dir: string, mib: number): { db: string; fixtures: string; sourceIds: string[] } {
  const defaults = JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8')) as Record<string, Json[]>;
  const template = defaults.customers[0];
  const made: Json[] = [];
  const sourceIds: string[] = [];
  let size = 0;
  for (let i = 0; size < mib * 2 ** 20; i++) {
    const sourceId = `bench-saved-${i}`;
    const customer = {
      ...template,
      id: `cust_bench${String(i).padStart(19, '0')}`,
      source_id: sourceId,
      name: `Saved Customer ${i}`,
      email: `saved-${i}@example.com`,
      metadata: { segment: `segment-${i % 17}`, note: 'written by the durability bench' },
      created_at: new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 1000).toISOString(),
    };
    made.push(customer);
    sourceIds.push(sourceId);
    size += JSON.stringify(customer).length;
  }
  const collections = Object.fromEntries(Object.entries(defaults).filter(([name]) => name !== '$comment')) as Record<string, Json[]>;
  collections.customers = [...collections.customers, ...made];
  const fixtures = join(dir, `fixtures-${mib}mib.json`);
  writeFileSync(fixtures, JSON.stringify(collections));
  const byId = (records: Json[]) => Object.fromEntries(records.map((record) => [record.id, record]));
  const tenant = Object.fromEntries(Object.entries(collections).map(([name, records]) => [name, byId(records)]));
  const db = join(dir, `state-${mib}mib.json`);
  writeFileSync(db, JSON.stringify({ tenants: { [TENANT]: tenant } }));
  return { db, fixtures, sourceIds };
}

const spawn = (args: string[]) => spawnServer({ script: CLI, args: ['--port', '0', '--host', HOST, ...args], ready: /^mock-voucherify listening on (http:\/\/\S+)$/ });

let written = 0;
/** POST /v1/customers with a new source_id: one write, as a test suite makes them. */
async function writeOnce(url: string): Promise<number> {
  const started = performance.now();
  await expectStatus(200, url, 'POST', '/v1/customers', TENANT, { source_id: `bench-written-${++written}`, name: 'Written' });
  return performance.now() - started;
}

/** One-at-a-time writes to both servers, in alternating rounds (a busy neighbour slows both alike). */
async function timeWrites(memory: string, durable: string): Promise<{ memory: number[]; durable: number[] }> {
  for (let i = 0; i < WARMUP; i++) {
    await writeOnce(memory);
    await writeOnce(durable);
  }
  const times = { memory: [] as number[], durable: [] as number[] };
  while (times.durable.length < WRITES) {
    for (let i = 0; i < ROUND; i++) times.memory.push(await writeOnce(memory));
    for (let i = 0; i < ROUND; i++) times.durable.push(await writeOnce(durable));
  }
  return times;
}

/** Writes under load: LOAD_CONNECTIONS at once for BURST_DURATION_S, so that batches share an fsync. */
function writeBurst(url: string) {
  let n = 0;
  return burst(url, {
    method: 'POST',
    path: '/v1/customers',
    headers: { ...auth(TENANT), 'Content-Type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ source_id: `bench-burst-${Date.now()}-${++n}`, name: 'Burst' }) }),
  });
}

/**
 * From spawn to its "listening" line (the snapshot read and the log replayed), and to the first answer
 * that reads the persisted tenant (built from that state on its first request).
 */
async function timeRestart(args: string[], sourceId: string): Promise<{ child: Child; listening: number; time: number }> {
  const started = performance.now();
  const child = await spawn(args);
  const listening = performance.now() - started;
  await expectStatus(200, child.url, 'GET', `/v1/customers/${sourceId}`, TENANT);
  return { child, listening, time: performance.now() - started };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

const logBytes = (db: string) => {
  const dir = join(db, '..');
  const prefix = `${db.slice(dir.length + 1)}.`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.log'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
};

/** Restarts of the largest state: after kill -9 with LOGGED_BEFORE_CRASH writes in the log, then after clean stops. */
async function measureRestarts(state: { db: string; sourceIds: string[] }): Promise<void> {
  const snapshot = statSync(state.db).size;
  const first = await spawn(['--db', state.db]);
  try {
    let n = 0;
    await burst(
      first.url,
      {
        method: 'POST',
        path: '/v1/customers',
        headers: { ...auth(TENANT), 'Content-Type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ source_id: `bench-logged-${++n}`, name: 'Logged' }) }),
      },
      LOGGED_BEFORE_CRASH,
    );
  } finally {
    await killHard(first.child);
  }
  const log = logBytes(state.db);
  const afterCrash = await timeRestart(['--db', state.db], state.sourceIds[state.sourceIds.length - 1]);
  report(
    `Restart of a --db after kill -9: ${bytes(snapshot)} snapshot + ${bytes(log)} of change log (replayed)`,
    `listening after ${ms(afterCrash.listening)}, first answer from the saved tenant after ${ms(afterCrash.time)}`,
    { text: `first answer < ${TARGET_RESTART_MS} ms`, pass: afterCrash.time < TARGET_RESTART_MS },
  );
  // A clean stop writes the final snapshot (the replayed log folded in) and removes the log.
  const stopping = performance.now();
  await stopCli(afterCrash.child.child);
  report(`Clean stop (SIGTERM) of that --db: the final snapshot written and the log removed`, ms(performance.now() - stopping));

  // Restarts after a clean stop, each beside a start without --db to show what the state adds.
  const restarts: number[] = [];
  const listening: number[] = [];
  const plain: number[] = [];
  for (let run = 0; run < RESTARTS; run++) {
    const restarted = await timeRestart(['--db', state.db], state.sourceIds[run * 97]);
    restarts.push(restarted.time);
    listening.push(restarted.listening);
    await stopCli(restarted.child.child);
    const started = performance.now();
    const bare = await spawn([]);
    await expectStatus(200, bare.url, 'GET', '/v1/vouchers/REF-ALICE001', 'bench-durable-bare');
    plain.push(performance.now() - started);
    await stopCli(bare.child);
  }
  const mid = median(restarts);
  report(
    `Restart of a --db after a clean stop, ${bytes(statSync(state.db).size)} snapshot (${RESTARTS} runs)`,
    `listening after median ${ms(median(listening))}; first answer from the saved tenant after median ${ms(mid)}, max ${ms(Math.max(...restarts))} (start without --db to a first answer: median ${ms(median(plain))})`,
    { text: `first answer, median < ${TARGET_RESTART_MS} ms`, pass: mid < TARGET_RESTART_MS },
  );
}

export const durability: Scenario = {
  name: 'durability',
  description: 'writes with a durable --db vs in memory at 1 / 10 MiB of state; restart of a 10 MiB --db',
  async run(context) {
    const dir = context.tempDir('durability');
    let restartState: { db: string; sourceIds: string[] } | undefined;
    for (const mib of SIZES_MIB) {
      const state = writeState(dir, mib);
      // The restarts start from this state as written, before the writes below add to it.
      const restartDb = join(dir, `restart-${mib}mib.json`);
      copyFileSync(state.db, restartDb);
      restartState = { db: restartDb, sourceIds: state.sourceIds };
      const label = `${bytes(statSync(state.db).size)} of state`;
      const memory = await spawn(['--fixtures', state.fixtures]);
      context.defer(() => stopCli(memory.child));
      const durable = await spawn(['--db', state.db]);
      context.defer(() => stopCli(durable.child));
      // The saved tenant is loaded (from the snapshot, or the fixtures) by its first request.
      await expectStatus(200, memory.url, 'GET', `/v1/customers/${state.sourceIds[0]}`, TENANT);
      await expectStatus(200, durable.url, 'GET', `/v1/customers/${state.sourceIds[0]}`, TENANT);

      const times = await timeWrites(memory.url, durable.url);
      const p50 = { memory: median(times.memory), durable: median(times.durable) };
      const overhead = p50.durable - p50.memory;
      report(
        `Write with --db, ${label} (POST /v1/customers, one at a time, ${times.durable.length} writes)`,
        `p50 ${ms(p50.durable, 2)}, p99 ${ms(percentile(times.durable, 99), 2)}; in memory p50 ${ms(p50.memory, 2)}, p99 ${ms(percentile(times.memory, 99), 2)}: **+${ms(overhead, 2)}** at p50`,
        { text: `overhead < ${TARGET_OVERHEAD_MS} ms at p50`, pass: overhead < TARGET_OVERHEAD_MS },
      );
      const loadedMemory = await writeBurst(memory.url);
      const loadedDurable = await writeBurst(durable.url);
      report(
        `Writes under load with --db, ${label} (${LOAD_CONNECTIONS} connections, ${BURST_DURATION_S} s)`,
        `${rps(loadedDurable.requests.average)}, ${latency(loadedDurable)}; in memory ${rps(loadedMemory.requests.average)}, ${latency(loadedMemory)}`,
      );
      await stopCli(memory.child);
      await stopCli(durable.child);
    }
    if (restartState) await measureRestarts(restartState);
  },
};
