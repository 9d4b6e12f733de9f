// Scenario `scale`: the same calls in a tenant of 1,000 and of 100,000 vouchers.

import { performance } from 'node:perf_hooks';
import type { Scenario } from '../harness/context.js';
import { count, latency, ms, rps } from '../harness/format.js';
import { auth, expectStatus } from '../harness/http.js';
import { burst } from '../harness/load.js';
import { report } from '../harness/report.js';
import { rssMiB } from '../harness/rss.js';

const SIZES = [1_000, 100_000];
/** Each publication takes a free code of the STATIC campaign, so the run is counted, not timed: the same 500 at every size. */
const PUBLICATIONS = 500;

/**
 * For each size: one STATIC campaign generated with that many vouchers (timed), then GET by code over
 * 100 known codes, publications that each take the campaign's next free code, and single-voucher adds.
 * A lookup or a publication that scanned the collection would show here as a drop from 1k to 100k.
 */
async function runSize(url: string, pid: number | undefined, size: number): Promise<void> {
  const tenant = `bench-scale-${size}`;
  const name = `Scale ${size}`;
  const started = performance.now();
  await expectStatus(200, url, 'POST', '/v1/campaigns', tenant, {
    name,
    campaign_type: 'DISCOUNT_COUPONS',
    type: 'STATIC',
    vouchers_count: size,
    voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 5 }, code_config: { length: 10 } },
  });
  const generated = performance.now() - started;
  const page = JSON.parse((await expectStatus(200, url, 'GET', `/v1/vouchers?campaign=${encodeURIComponent(name)}&limit=100`, tenant)).body) as {
    vouchers: { code: string }[];
  };
  const codes = page.vouchers.map((v) => v.code);
  let n = 0;
  const get = await burst(url, {
    method: 'GET',
    headers: auth(tenant),
    setupRequest: (request) => ({ ...request, path: `/v1/vouchers/${encodeURIComponent(codes[n++ % codes.length])}` }),
  });
  const publish = await burst(
    url,
    {
      method: 'POST',
      path: '/v1/publications',
      headers: { ...auth(tenant), 'Content-Type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ campaign: { name }, customer: { source_id: `bench-owner-${size}-${++n}` } }) }),
    },
    PUBLICATIONS,
  );
  const add = await burst(url, {
    method: 'POST',
    path: `/v1/campaigns/${encodeURIComponent(name)}/vouchers`,
    headers: { ...auth(tenant), 'Content-Type': 'application/json' },
    body: '{}',
  });
  const memory = rssMiB(pid);
  const label = `${count(size)} vouchers`;
  report(`Generate ${label} (POST /v1/campaigns, vouchers_count ${count(size)})`, ms(generated));
  report(`GET /v1/vouchers/{code} with ${label}`, `${rps(get.requests.average)}, ${latency(get)}`);
  // A counted run ends on autocannon's one-second tick, so its rate says nothing; its latencies do.
  report(`POST /v1/publications (next free code, ${PUBLICATIONS} publications) with ${label}`, latency(publish));
  report(`POST /v1/campaigns/{name}/vouchers (one voucher) with ${label}`, `${rps(add.requests.average)}, ${latency(add)}`);
  if (memory !== undefined) report(`Server memory (RSS) after the ${label} run`, `${memory.toFixed(0)} MiB`);
}

export const scale: Scenario = {
  name: 'scale',
  description: 'generate, get, publish and add vouchers with 1,000 and 100,000 vouchers in a tenant (shared CLI)',
  usesSharedCli: true,
  async run(context) {
    const { child, url } = await context.sharedCli();
    for (const size of SIZES) await runSize(url, child.pid, size);
  },
};
