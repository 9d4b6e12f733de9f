// Scenario `reset`: POST /_mock/reset round trips, the rebuild that follows, and the warm baseline.

import { performance } from 'node:perf_hooks';
import { startServer } from '../../src/index.js';
import type { Scenario } from '../harness/context.js';
import { ms } from '../harness/format.js';
import { expectStatus, HOST } from '../harness/http.js';
import { report } from '../harness/report.js';
import { percentile } from '../harness/stats.js';

const CODE = 'REF-ALICE001';
const WARMUP = 20;
const RUNS = 200;
const BUDGET_MS = 30_000;
const TARGET_MS = 5;

/**
 * Against an in-process server: each reset is followed by the GET that rebuilds the tenant from the
 * fixtures and by the same GET on the now warm tenant (the baseline that shows what the rebuild costs).
 * Requests go one at a time, so sharing the event loop with the server only adds the client's own small,
 * constant share to each round trip.
 */
export const reset: Scenario = {
  name: 'reset',
  description: 'POST /_mock/reset round trip and the tenant rebuild after it (in-process server)',
  async run() {
    const server = await startServer({ port: 0, host: HOST });
    const tenant = 'bench-reset';
    const resets: number[] = [];
    const rebuilds: number[] = [];
    const warm: number[] = [];
    try {
      const deadline = performance.now() + BUDGET_MS;
      for (let run = 0; run < WARMUP + RUNS && performance.now() < deadline; run++) {
        const t0 = performance.now();
        await expectStatus(204, server.url, 'POST', '/_mock/reset', tenant);
        const t1 = performance.now();
        await expectStatus(200, server.url, 'GET', `/v1/vouchers/${CODE}`, tenant);
        const t2 = performance.now();
        await expectStatus(200, server.url, 'GET', `/v1/vouchers/${CODE}`, tenant);
        const t3 = performance.now();
        if (run < WARMUP) continue;
        resets.push(t1 - t0);
        rebuilds.push(t2 - t1);
        warm.push(t3 - t2);
      }
    } finally {
      await server.close();
    }
    if (resets.length === 0) throw new Error(`no reset was measured within ${BUDGET_MS} ms`);
    const summary = (values: number[]) => `median ${ms(percentile(values, 50), 2)}, p95 ${ms(percentile(values, 95), 2)}`;
    report(`Reset round trip (POST /_mock/reset, ${resets.length} runs)`, summary(resets), {
      text: `p95 < ${TARGET_MS} ms`,
      pass: percentile(resets, 95) < TARGET_MS,
    });
    report('First request after reset (tenant rebuilt from fixtures)', summary(rebuilds));
    report('Same request on the warm tenant (baseline)', summary(warm));
  },
};
