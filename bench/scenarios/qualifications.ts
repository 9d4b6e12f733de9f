// Scenario `qualifications`: POST /v1/qualifications in a tenant with 1,000 campaigns (500 promotions
// of one tier, 500 coupon campaigns of two codes) and 10,000 products, one request at a time.

import type { Scenario } from '../harness/context.js';
import { count, ms } from '../harness/format.js';
import { expectStatus } from '../harness/http.js';
import { report } from '../harness/report.js';

const CAMPAIGNS = 1_000;
const PRODUCTS = 10_000;
/** Requests in flight while the tenant is filled (setup only, not measured). */
const SETUP_CONCURRENCY = 16;
const WARMUP_REQUESTS = 20;
const MEASURED_REQUESTS = 200;
/** The README's target: tens of milliseconds per request on the bench machine. */
const TARGET_MS = 50;
/** The tenant's frozen time while campaigns are made (the mock's clock per tenant). */
const CLOCK_START = '2026-01-01T00:00:00.000Z';

/** Runs `task(i)` for i in [0, n), at most SETUP_CONCURRENCY at a time. */
async function inParallel(n: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
}

async function fill(url: string, tenant: string): Promise<void> {
  await inParallel(PRODUCTS, (i) => expectStatus(200, url, 'POST', '/v1/products', tenant, { source_id: `bench-prod-${i}`, name: `Product ${i}`, price: 100 + (i % 5000) }));
  // One campaign at a time, each a millisecond after the last on the tenant's frozen clock: a page of
  // qualifications ends early rather than inside a run of equal created_at, and on a fast machine many
  // campaigns made in parallel share one millisecond, which would shorten every page.
  await expectStatus(200, url, 'POST', '/_mock/clock', tenant, { now: CLOCK_START });
  for (let i = 0; i < CAMPAIGNS; i++) {
    await expectStatus(200, url, 'POST', '/_mock/clock', tenant, { advance_ms: 1 });
    await createCampaign(url, tenant, i);
  }
}

function createCampaign(url: string, tenant: string, i: number) {
  return i % 2 === 0
    ? expectStatus(200, url, 'POST', '/v1/campaigns', tenant, {
        name: `Bench promotion ${i}`,
        campaign_type: 'PROMOTION',
        promotion: { tiers: [{ name: `Tier ${i}`, action: { discount: { type: 'AMOUNT', amount_off: 10 + i, effect: 'APPLY_TO_ORDER' } } }] },
      })
    : expectStatus(200, url, 'POST', '/v1/campaigns', tenant, {
        name: `Bench coupons ${i}`,
        campaign_type: 'DISCOUNT_COUPONS',
        vouchers_count: 2,
        voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 1 + (i % 50) }, code_config: { length: 10 } },
      });
}

/** The mean time of MEASURED_REQUESTS requests, one after the other, after a warm-up. */
async function timed(url: string, tenant: string, body: unknown, check: (answer: { redeemables: { total: number; has_more: boolean } }) => void): Promise<number> {
  for (let i = 0; i < WARMUP_REQUESTS; i++) await expectStatus(200, url, 'POST', '/v1/qualifications', tenant, body);
  const start = process.hrtime.bigint();
  for (let i = 0; i < MEASURED_REQUESTS; i++) check(JSON.parse((await expectStatus(200, url, 'POST', '/v1/qualifications', tenant, body)).body));
  return Number(process.hrtime.bigint() - start) / 1e6 / MEASURED_REQUESTS;
}

export const qualifications: Scenario = {
  name: 'qualifications',
  description: 'POST /v1/qualifications with 1,000 campaigns and 10,000 products (own CLI)',
  async run(context) {
    const { url } = await context.ownCli();
    const tenant = 'bench-qualifications';
    await fill(url, tenant);
    const order = { items: Array.from({ length: 5 }, (_, i) => ({ product_id: `bench-prod-${i * 1000}`, quantity: 1 + i })) };
    // A page holds `limit` redeemables, fewer when it would otherwise end inside a run of equal
    // created_at (a campaign's codes are made in one millisecond): the next page starts after it.
    const full = (limit: number) => (answer: { redeemables: { total: number; has_more: boolean } }) => {
      const { total, has_more: more } = answer.redeemables;
      if (total < limit - 1 || total > limit || !more) throw new Error(`POST /v1/qualifications answered ${total} redeemables (has_more ${more}), not a full page of ${limit}`);
    };
    const setting = `${count(CAMPAIGNS)} campaigns, ${count(PRODUCTS)} products, 5-item order, one request at a time`;
    const target = (mean: number) => ({ text: `< ${ms(TARGET_MS)}`, pass: mean < TARGET_MS });
    const first = await timed(url, tenant, { order, options: { limit: 5 } }, full(5));
    report(`Qualification, DEFAULT, first page of 5 (${setting})`, `${ms(first, 2)} per request`, target(first));
    const best = await timed(url, tenant, { order, options: { limit: 50, sorting_rule: 'BEST_DEAL' } }, full(50));
    report(`Qualification, BEST_DEAL, page of 50: every redeemable checked (${setting})`, `${ms(best, 2)} per request`, target(best));
  },
};
