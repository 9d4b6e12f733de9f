// Scenario `holders`: adding referral holders and listing them, under autocannon load.

import os from 'node:os';
import type { Scenario } from '../harness/context.js';
import { count, latency, rps } from '../harness/format.js';
import { auth, expectStatus } from '../harness/http.js';
import { load, LOAD_CONNECTIONS, LOAD_DURATION_S } from '../harness/load.js';
import { report } from '../harness/report.js';

const HOLDERS_PATH = '/v1/referrals/members/REF-ALICE001/holders';
const LIST_REFEREES = 100;
const TARGET_LIST_RPS = 2_000;
const TARGET_LIST_CORES = 2;

/** POST one new referee per request, each with its own source_id; holders pile up in the tenant as they would in a long suite. */
async function addHolders(url: string): Promise<void> {
  const tenant = 'bench-add';
  let next = 0;
  const result = await load(url, {
    method: 'POST',
    path: HOLDERS_PATH,
    headers: { ...auth(tenant), 'Content-Type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ holders: [{ source_id: `bench-referee-${++next}` }] }) }),
  });
  const { total } = JSON.parse((await expectStatus(200, url, 'GET', `${HOLDERS_PATH}?limit=1`, tenant)).body) as { total: number };
  report(
    `Add holders (POST ${HOLDERS_PATH}, 1 new referee each, ${LOAD_CONNECTIONS} connections, ${LOAD_DURATION_S} s)`,
    `${rps(result.requests.average)}, ${latency(result)}; code ended with ${count(total)} holders`,
  );
}

/** GET the first page of a code that has LIST_REFEREES referees (added in one request beforehand). */
async function listHolders(url: string): Promise<void> {
  const tenant = 'bench-list';
  const holders = Array.from({ length: LIST_REFEREES }, (_, i) => ({ source_id: `bench-listed-${i + 1}` }));
  await expectStatus(200, url, 'POST', HOLDERS_PATH, tenant, { holders });
  const result = await load(url, { method: 'GET', path: `${HOLDERS_PATH}?limit=10`, headers: auth(tenant) });
  const cores = os.cpus().length;
  const coreNote = cores === TARGET_LIST_CORES ? '' : ` (set for ${TARGET_LIST_CORES} cores; this machine has ${cores})`;
  report(
    `List holders (GET ${HOLDERS_PATH}?limit=10, ${LIST_REFEREES} referees, ${LOAD_CONNECTIONS} connections, ${LOAD_DURATION_S} s)`,
    `${rps(result.requests.average)}, ${latency(result)}`,
    { text: `> ${count(TARGET_LIST_RPS)} req/s${coreNote}`, pass: result.requests.average > TARGET_LIST_RPS },
  );
}

/**
 * Against the shared CLI, not an in-process server: autocannon then has the bench's event loop to itself
 * and the server has the child's, as in real use, where a test runner and the mock are separate processes.
 */
export const holders: Scenario = {
  name: 'holders',
  description: 'add referral holders and list them under load (shared CLI)',
  usesSharedCli: true,
  async run(context) {
    const { url } = await context.sharedCli();
    await addHolders(url);
    await listHolders(url);
  },
};
