// Scenario `tenants`: what a brand-new tenant costs (first request, heap) with 100,000 fixture vouchers and with the
// defaults; the resident memory of 1,000 tenants, after a reset of all of them, and under maxTenants.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { startServer, type RunningServer } from '../../src/index.js';
import type { Scenario } from '../harness/context.js';
import { bytes, count, ms } from '../harness/format.js';
import { expectStatus, HOST } from '../harness/http.js';
import { runScript } from '../harness/processes.js';
import { report } from '../harness/report.js';
import { median } from '../harness/stats.js';
import type { MemoryFigures, MemoryPlan } from './tenants-memory-child.js';

const DEFAULT_FIXTURES = fileURLToPath(new URL('../../../fixtures/default.json', import.meta.url));
const FIXTURE_VOUCHERS = 100_000;
const TENANTS = 20;
/** Each of the two series of new tenants (timing, heap) stops after this long even short of TENANTS. */
const SERIES_BUDGET_MS = 30_000;
/** Tenants kept alive for the heap figure stop before the heap could pass this share of its limit. */
const HEAP_BUDGET_SHARE = 0.6;
/** A new tenant of the large fixtures may take seconds to build: well past `call`'s usual timeout. */
const REQUEST_TIMEOUT_MS = 60_000;
const TARGET_FIRST_MS = 50;
const TARGET_HEAP_BYTES = 2 ** 20;

/** Resident memory is measured in a process of its own (see tenants-memory-child.ts). */
const MEMORY_CHILD = fileURLToPath(new URL('./tenants-memory-child.js', import.meta.url));
const MEMORY_TIMEOUT_MS = 180_000;
const MEMORY_TENANTS = 1_000;
/** Customers each writing tenant creates: about what the tenants wrote. */
const MEMORY_WRITES = 30;
const PLATEAU_MAX_TENANTS = 100;
const TARGET_READERS_RSS_BYTES = 20 * 2 ** 20;
const TARGET_RESET_SHARE = 0.1;
const TARGET_PLATEAU_SHARE = 0.1;

type Json = Record<string, unknown>;

const padded = (i: number) => String(i).padStart(6, '0');
const benchCode = (i: number) => `BENCH-${padded(i)}`;

/**
 * Writes a fixture file with one DISCOUNT_COUPONS campaign and `size` vouchers, each shaped like that
 * campaign type's vouchers in fixtures/default.json. Written in slices: one 130 MB JSON.stringify would
 * hold the whole file in memory at once.
 */
function writeLargeFixtures(file: string, size: number): void {
  const defaults = JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8')) as { campaigns: Json[]; vouchers: Json[] };
  const templateCampaign = defaults.campaigns.find((c) => c.campaign_type === 'DISCOUNT_COUPONS');
  const templateVoucher = defaults.vouchers.find((v) => v.campaign_id === templateCampaign?.id);
  if (!templateCampaign || !templateVoucher) throw new Error(`${DEFAULT_FIXTURES} has no DISCOUNT_COUPONS campaign with a voucher to copy`);
  const campaign = {
    ...templateCampaign,
    id: 'camp_bench0000000000000000000',
    name: 'Bench 100k',
    vouchers_count: size,
    voucher: { ...(templateCampaign.voucher as Json), code_config: { length: 6, charset: '0123456789', prefix: 'BENCH-', postfix: '', pattern: '######' } },
  };
  const base = Date.parse('2026-01-06T09:00:00.000Z');
  const voucher = (i: number) => {
    const code = benchCode(i);
    const redemption = templateVoucher.redemption as Json;
    return {
      ...templateVoucher,
      id: `v_bench${String(i).padStart(27, '0')}`,
      code,
      campaign: campaign.name,
      campaign_id: campaign.id,
      assets: {
        qr: { id: `qr_bench${String(i).padStart(16, '0')}`, url: `/v1/assets/qr/${code}` },
        barcode: { id: `bc_bench${String(i).padStart(16, '0')}`, url: `/v1/assets/barcode/${code}` },
      },
      created_at: new Date(base + i * 1000).toISOString(),
      redemption: { ...redemption, url: `/v1/vouchers/${code}/redemptions?page=1&limit=10` },
      publish: { object: 'list', count: 0, url: `/v1/vouchers/${code}/publications?page=1&limit=10` },
    };
  };
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `{"campaigns":[${JSON.stringify(campaign)}],"customers":[],"vouchers":[`);
    const SLICE = 1_000;
    for (let start = 1; start <= size; start += SLICE) {
      const slice: string[] = [];
      for (let i = start; i < start + SLICE && i <= size; i++) slice.push(JSON.stringify(voucher(i)));
      writeSync(fd, (start > 1 ? ',' : '') + slice.join(','));
    }
    writeSync(fd, ']}');
  } finally {
    closeSync(fd);
  }
}

/** A request to the in-process server on a connection of its own (see CallOptions.newConnection), that may be slow. */
const request = (server: RunningServer, method: string, path: string, tenant: string, body?: unknown) =>
  expectStatus(200, server.url, method, path, tenant, body, { newConnection: true, timeoutMs: REQUEST_TIMEOUT_MS });

function collect(): number {
  if (!globalThis.gc) throw new Error('the tenants scenario needs node --expose-gc (npm run bench passes it)');
  globalThis.gc();
  globalThis.gc(); // a second pass picks up what the first one's finalisers released
  return process.memoryUsage().heapUsed;
}

/** (a) First request (GET one voucher) of up to TENANTS brand-new tenants, each reset afterwards so none accumulates. */
async function firstRequestTimes(server: RunningServer, prefix: string, code: (i: number) => string): Promise<number[]> {
  const times: number[] = [];
  const deadline = performance.now() + SERIES_BUDGET_MS;
  for (let i = 1; i <= TENANTS && (i === 1 || performance.now() < deadline); i++) {
    const tenant = `${prefix}-first-${i}`;
    const started = performance.now();
    await request(server, 'GET', `/v1/vouchers/${code(i)}`, tenant);
    times.push(performance.now() - started);
    server.reset(tenant);
  }
  return times;
}

/**
 * (b) Heap kept per tenant that only reads: up to TENANTS new tenants each GET a voucher and page 1 of
 * vouchers, all kept alive. Stops early after SERIES_BUDGET_MS, or before the heap could pass
 * HEAP_BUDGET_SHARE of its limit (tenants that copy their fixtures would otherwise exhaust it).
 */
async function heapPerReader(server: RunningServer, prefix: string, code: (i: number) => string) {
  const heapBudget = v8.getHeapStatistics().heap_size_limit * HEAP_BUDGET_SHARE;
  const deadline = performance.now() + SERIES_BUDGET_MS;
  // The first reader builds what every tenant then shares (the fixtures' created_at order): counted apart.
  const cold = collect();
  await request(server, 'GET', `/v1/vouchers/${code(TENANTS + 1)}`, `${prefix}-reader-0`);
  await request(server, 'GET', '/v1/vouchers?limit=10', `${prefix}-reader-0`);
  const before = collect();
  // Garbage collection can leave the heap a little smaller than before: nothing measurable was built.
  const shared = Math.max(0, before - cold);
  let tenants = 0;
  let stoppedBy: string | undefined;
  for (let i = 1; i <= TENANTS; i++) {
    const tenant = `${prefix}-reader-${i}`;
    await request(server, 'GET', `/v1/vouchers/${code(i)}`, tenant);
    await request(server, 'GET', '/v1/vouchers?limit=10', tenant);
    tenants = i;
    if (i === TENANTS) break;
    const now = collect();
    if (now + ((now - before) / i) * 2 > heapBudget) stoppedBy = `to stay under ${HEAP_BUDGET_SHARE * 100}% of the heap limit`;
    else if (performance.now() > deadline) stoppedBy = `after ${SERIES_BUDGET_MS / 1000} s`;
    if (stoppedBy) break;
  }
  const after = collect();
  server.reset();
  return { perTenant: (after - before) / tenants, tenants, stoppedBy, shared };
}

async function measureNewTenants(server: RunningServer, label: string, prefix: string, code: (i: number) => string): Promise<void> {
  const times = await firstRequestTimes(server, prefix, code);
  const mid = median(times);
  report(`First request of a new tenant, ${label} (GET /v1/vouchers/{code}, ${times.length} tenants)`, `median ${ms(mid, 1)}, max ${ms(Math.max(...times), 1)}`, {
    text: `median < ${TARGET_FIRST_MS} ms`,
    pass: mid < TARGET_FIRST_MS,
  });
  server.reset();
  const heap = await heapPerReader(server, prefix, code);
  const note = heap.stoppedBy ? ` (stopped ${heap.stoppedBy})` : '';
  report(`Heap built once by the first reader and shared by every tenant, ${label}`, bytes(heap.shared));
  report(`Heap per new tenant that only reads, ${label} (GET voucher + GET /v1/vouchers?limit=10, ${heap.tenants} tenants)`, `${bytes(heap.perTenant)}${note}`, {
    text: `< ${bytes(TARGET_HEAP_BYTES)}`,
    pass: heap.perTenant < TARGET_HEAP_BYTES,
  });
}

/** (d) Heap added by a tenant's first write, after it has already read. */
async function heapOfFirstWrite(server: RunningServer): Promise<void> {
  const tenant = 'bench-tenants-writer';
  await request(server, 'GET', `/v1/vouchers/${benchCode(1)}`, tenant);
  const before = collect();
  await request(server, 'POST', '/v1/vouchers', tenant, {
    code: 'BENCH-WRITE-1',
    type: 'DISCOUNT_VOUCHER',
    discount: { type: 'PERCENT', percent_off: 5 },
  });
  const after = collect();
  server.reset();
  report(`Heap added by a tenant's first write, ${count(FIXTURE_VOUCHERS)} fixture vouchers (POST /v1/vouchers after a read)`, bytes(after - before));
}

async function memoryFigures(plan: MemoryPlan): Promise<MemoryFigures> {
  const out = await runScript(MEMORY_CHILD, [JSON.stringify(plan)], ['--expose-gc'], MEMORY_TIMEOUT_MS);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as MemoryFigures;
}

const mib = (value: number) => `${(value / 2 ** 20).toFixed(1)} MiB`;
const signed = (value: number) => `${value < 0 ? '−' : '+'}${bytes(Math.abs(value))}`;

/**
 * (e) Resident memory, default fixtures, in a fresh process each (mock and client only): idle (after the
 * same traffic on one tenant, reset), 1,000 tenants that only read, the same tenants after each wrote
 * MEMORY_WRITES customers, a reset of all of them; then, in another process, 1,000 tenants that read
 * and write under maxTenants. Every figure is taken after forced collections (see settle()).
 */
async function residentMemory(): Promise<void> {
  const all = await memoryFigures({ mode: 'reset', tenants: MEMORY_TENANTS, writers: MEMORY_TENANTS, writes: MEMORY_WRITES });
  const { idle, readers, written, reset } = all as Required<MemoryFigures>;
  const tenants = count(MEMORY_TENANTS);
  report(`Idle server (RSS / heap, after the same traffic on one tenant, reset)`, `${mib(idle.rss)} / ${mib(idle.heap)}`);
  report(`RSS added by ${tenants} tenants that only read (4 GETs each; heap ${signed(readers.heap - idle.heap)})`, signed(readers.rss - idle.rss), {
    text: `< ${bytes(TARGET_READERS_RSS_BYTES)}`,
    pass: readers.rss - idle.rss < TARGET_READERS_RSS_BYTES,
  });
  report(
    `Memory per tenant that wrote ${MEMORY_WRITES} customers (${tenants} tenants, RSS / heap)`,
    `${bytes((written.rss - idle.rss) / MEMORY_TENANTS)} / ${bytes((written.heap - idle.heap) / MEMORY_TENANTS)} (${mib(written.rss)} RSS in all)`,
  );
  const share = reset.rss / idle.rss - 1;
  report(`RSS after POST /_mock/reset?all=true vs idle (heap ${mib(reset.heap)} vs ${mib(idle.heap)})`, `${mib(reset.rss)} vs ${mib(idle.rss)} (${share < 0 ? '−' : '+'}${Math.abs(share * 100).toFixed(1)}%)`, {
    text: `within ${TARGET_RESET_SHARE * 100}% of idle`,
    pass: share <= TARGET_RESET_SHARE,
  });

  const capped = await memoryFigures({
    mode: 'plateau',
    tenants: MEMORY_TENANTS,
    writers: MEMORY_TENANTS,
    writes: MEMORY_WRITES,
    maxTenants: PLATEAU_MAX_TENANTS,
    sampleEvery: MEMORY_TENANTS / 4,
  });
  const samples = capped.samples ?? [];
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) throw new Error('the maxTenants run took no sample');
  const growth = last.memory.rss / first.memory.rss - 1;
  report(
    `RSS with maxTenants ${PLATEAU_MAX_TENANTS}, tenants that read and wrote ${MEMORY_WRITES} customers, after ${samples.map((s) => count(s.tenants)).join(' / ')} of them (${last.inMemory} in memory; idle ${mib(capped.idle.rss)})`,
    `${samples.map((s) => (s.memory.rss / 2 ** 20).toFixed(0)).join(' / ')} MiB (${mib(written.rss)} with no limit)`,
    { text: `flat: last ≤ first + ${TARGET_PLATEAU_SHARE * 100}%`, pass: growth <= TARGET_PLATEAU_SHARE },
  );
}

/** In-process servers, so that the heap measured is the server's own (the bench adds only its small client). */
export const tenants: Scenario = {
  name: 'tenants',
  description: `cost of a new tenant (first request, heap) with ${count(FIXTURE_VOUCHERS)} fixture vouchers and with the defaults (in-process); RSS of ${count(MEMORY_TENANTS)} tenants, after a reset of all, under maxTenants (own processes)`,
  async run(context) {
    collect(); // fail early without --expose-gc
    // First, in processes of their own: nothing this scenario builds next can weigh on them.
    await residentMemory();
    const file = join(context.tempDir('tenants'), 'fixtures.json');
    writeLargeFixtures(file, FIXTURE_VOUCHERS);

    const started = performance.now();
    const large = await startServer({ port: 0, host: HOST, fixtures: file });
    try {
      report(`startServer to listening with ${count(FIXTURE_VOUCHERS)} fixture vouchers`, ms(performance.now() - started));
      await measureNewTenants(large, `${count(FIXTURE_VOUCHERS)} fixture vouchers`, 'bench-tenants-large', (i) => benchCode(i * 997));
      await heapOfFirstWrite(large);
    } finally {
      await large.close();
    }

    const small = await startServer({ port: 0, host: HOST });
    try {
      await measureNewTenants(small, 'default fixtures', 'bench-tenants-default', () => 'SUMMER-Q7K2M9');
    } finally {
      await small.close();
    }
  },
};
