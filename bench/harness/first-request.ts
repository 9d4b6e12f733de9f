// Start-up time of a CLI: from spawn to its first served request.

import { performance } from 'node:perf_hooks';
import { expectStatus } from './http.js';
import { CLI, spawnCli, stopCli } from './processes.js';

/** A voucher of the default fixtures: answering it means the specs, fixtures and a tenant are all ready. */
const FIRST_PATH = '/v1/vouchers/REF-ALICE001';

/** From spawn to the first 200 for GET FIRST_PATH, on a fresh CLI each run (one at a time). */
export async function timeStartups(runs: number, script = CLI): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const { child, url } = await spawnCli(script);
    try {
      await expectStatus(200, url, 'GET', FIRST_PATH, 'bench-startup');
      times.push(performance.now() - started);
    } finally {
      await stopCli(child);
    }
  }
  return times;
}
