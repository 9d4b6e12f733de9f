// The process the `tenants` scenario measures resident memory in: a mock and its client alone in a
// fresh `node --expose-gc`, so that no other scenario's heap weighs on the figures. Run as
// `node --expose-gc tenants-memory-child.js <plan as JSON>`; prints one JSON line of figures.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../src/index.js';
import { closeAgent, expectStatus, HOST } from '../harness/http.js';

export interface MemoryPlan {
  /** `reset`: readers, then writers, then a reset of all; `plateau`: tenants that read and write, under maxTenants. */
  mode: 'reset' | 'plateau';
  tenants: number;
  /** Tenants (the first ones) that also write, and how many customers each creates. */
  writers: number;
  writes: number;
  maxTenants?: number;
  /** `plateau`: RSS is sampled after every this many tenants. */
  sampleEvery?: number;
}

export interface Memory {
  /** Resident memory and V8's used heap, in bytes, after collecting. */
  rss: number;
  heap: number;
}

export interface MemoryFigures {
  idle: Memory;
  /** `reset`. */
  readers?: Memory;
  written?: Memory;
  reset?: Memory;
  /** `plateau`: after each `sampleEvery` tenants, with how many are in memory. */
  samples?: { tenants: number; inMemory: number; memory: Memory }[];
}

const CODE = 'SUMMER-Q7K2M9';
/** Rounds of the same traffic on one tenant before the idle figure (see main). */
const WARM_ROUNDS = 20;
const SETTLE_STEP_MS = 500;
const SETTLE_STEPS = 10;

/**
 * Memory once the garbage is gone: a forced full collection, then more every half second until RSS
 * holds still (within 1 MiB, at most 5 s): V8 hands the pages a collection freed back to the system a
 * little later, on a thread of its own, and a second collection releases the pages the first kept.
 */
async function settle(): Promise<Memory> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('needs node --expose-gc');
  gc();
  let last = process.memoryUsage().rss;
  for (let step = 0; step < SETTLE_STEPS; step++) {
    await sleep(SETTLE_STEP_MS);
    gc();
    const rss = process.memoryUsage().rss;
    const still = Math.abs(rss - last) < 2 ** 20;
    last = rss;
    if (still && step >= 2) break;
  }
  return { rss: last, heap: process.memoryUsage().heapUsed };
}

async function main(plan: MemoryPlan): Promise<MemoryFigures> {
  const app = await createApp({ maxTenants: plan.maxTenants });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const url = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  const get = (path: string, tenant: string) => expectStatus(200, url, 'GET', path, tenant);
  const read = async (tenant: string) => {
    await get(`/v1/vouchers/${CODE}`, tenant);
    await get('/v1/vouchers?limit=10', tenant);
    await get('/v1/customers?limit=10', tenant);
    await get('/v1/campaigns', tenant);
  };
  const write = async (tenant: string, count: number) => {
    for (let i = 0; i < count; i++) {
      await expectStatus(200, url, 'POST', '/v1/customers', tenant, { source_id: `bench-customer-${i}`, name: `Bench ${i}`, metadata: { bench: i } });
    }
  };
  try {
    // The same traffic on one tenant first (reset after each round): the first thousands of requests
    // grow V8's young generation and compile the code they run, whatever the tenants. Idle is the
    // server after that, holding no tenant.
    for (let round = 0; round < WARM_ROUNDS; round++) {
      await read('bench-warm');
      await write('bench-warm', plan.writes);
      await expectStatus(204, url, 'POST', '/_mock/reset', 'bench-warm');
    }
    const figures: MemoryFigures = { idle: await settle() };
    const tenant = (i: number) => `bench-memory-${i}`;
    if (plan.mode === 'reset') {
      for (let i = 0; i < plan.tenants; i++) await read(tenant(i));
      figures.readers = await settle();
      for (let i = 0; i < plan.writers; i++) await write(tenant(i), plan.writes);
      figures.written = await settle();
      await expectStatus(204, url, 'POST', '/_mock/reset?all=true', 'bench-warm');
      figures.reset = await settle();
    } else {
      figures.samples = [];
      for (let i = 1; i <= plan.tenants; i++) {
        await read(tenant(i));
        if (i <= plan.writers) await write(tenant(i), plan.writes);
        if (i % (plan.sampleEvery ?? plan.tenants) === 0) {
          figures.samples.push({ tenants: i, inMemory: app.locals.store.tenantsInMemory().length, memory: await settle() });
        }
      }
    }
    return figures;
  } finally {
    closeAgent();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

process.stdout.write(`${JSON.stringify(await main(JSON.parse(process.argv[2] ?? '{}') as MemoryPlan))}\n`);
