// Scenario `baseline`: list holders on the mock against a bare Express app answering the same bytes.

import { fileURLToPath } from 'node:url';
import type { Scenario } from '../harness/context.js';
import { count, ratio, rps } from '../harness/format.js';
import { auth, expectStatus, HOST } from '../harness/http.js';
import { load } from '../harness/load.js';
import { spawnServer, stopCli } from '../harness/processes.js';
import { report } from '../harness/report.js';
import { median } from '../harness/stats.js';

const BARE = fileURLToPath(new URL('../harness/bare-express.js', import.meta.url));
const HOLDERS_PATH = '/v1/referrals/members/REF-ALICE001/holders';
const PATH = `${HOLDERS_PATH}?limit=10`;
const REFEREES = 100;
const WARMUP_S = 2;
const ROUNDS = 3;
const ROUND_S = 3;
const TARGET_RATIO = 0.85;

export const baseline: Scenario = {
  name: 'baseline',
  description: `list holders (${REFEREES} referees) on the mock vs a bare Express 5 app answering the same bytes, alternated`,
  async run(context) {
    const tenant = 'bench-baseline';
    const mock = await context.ownCli();
    const holders = Array.from({ length: REFEREES }, (_, i) => ({ source_id: `bench-baseline-${i + 1}` }));
    await expectStatus(200, mock.url, 'POST', HOLDERS_PATH, tenant, { holders });
    const captured = await expectStatus(200, mock.url, 'GET', PATH, tenant);
    const contentType = String(captured.headers['content-type']);

    // A child like the mock's CLI, so that both servers run under the same conditions.
    const bare = await spawnServer({
      script: BARE,
      args: ['--port', '0', '--host', HOST],
      ready: /^bare-express listening on (http:\/\/\S+)$/,
      input: JSON.stringify({ path: HOLDERS_PATH, status: captured.status, contentType, body: captured.body }),
    });
    context.defer(() => stopCli(bare.child));
    const check = await expectStatus(captured.status, bare.url, 'GET', PATH, tenant);
    if (check.body !== captured.body || check.headers['content-type'] !== contentType) {
      throw new Error('the bare server does not answer the bytes the mock answered');
    }

    const request = { method: 'GET' as const, path: PATH, headers: auth(tenant) };
    for (const url of [mock.url, bare.url]) await load(url, request, { warmup: 0, duration: WARMUP_S });
    const mockRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      mockRates.push((await load(mock.url, request, { warmup: 0, duration: ROUND_S })).requests.average);
      bareRates.push((await load(bare.url, request, { warmup: 0, duration: ROUND_S })).requests.average);
    }
    const mockRate = median(mockRates);
    const bareRate = median(bareRates);
    const rounds = `median of ${ROUNDS} alternated ${ROUND_S} s runs`;
    report(`Mock: GET ${PATH} (${REFEREES} referees, ${count(Buffer.byteLength(captured.body))}-byte answer, ${rounds})`, rps(mockRate));
    report(`Bare Express 5, same bytes (${rounds})`, rps(bareRate));
    report('Mock ÷ bare Express (list holders req/s)', ratio(mockRate / bareRate), { text: `≥ ${TARGET_RATIO}`, pass: mockRate / bareRate >= TARGET_RATIO });
  },
};
