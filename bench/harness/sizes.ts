// The same call in tenants of different sizes: alternated load runs, then single requests in turn,
// judged on the ratio of the single requests' median times (`lists`, `checkout`).

import { performance } from 'node:perf_hooks';
import type autocannon from 'autocannon';
import { count, ms, ratio, rps } from './format.js';
import { auth, expectStatus, type Reply } from './http.js';
import { load } from './load.js';
import { report } from './report.js';

export const WARMUP_S = 1;
export const DURATION_S = 2;
/** Time per request at the largest size may be at most this many times that at the smallest. */
export const TARGET_RATIO = 1.5;
/** Rounds in which every size gets one run in turn: the sizes see the same machine, warm JIT and noise. */
export const ROUNDS = 3;
/** Single requests per size for the ratio, interleaved: size A, B, C, A, B, C… */
export const SINGLE_REQUESTS = 400;

/** One size's call: GET, or a JSON body made afresh for the n-th request. */
export interface SizedCall {
  size: number;
  tenant: string;
  method?: 'GET' | 'POST';
  path: string;
  body?: (n: number) => unknown;
  /** Throws unless a single request's answer is what the figure is about (run outside the timing). */
  check?: (reply: Reply) => void;
}

export interface Measured {
  size: number;
  /** One result per round. */
  results: autocannon.Result[];
  /** Median time of one request alone, from the interleaved run. */
  single: number;
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const summary = (m: Measured) =>
  `${rps(middle(m.results.map((r) => r.requests.average)))} (median of ${m.results.length} alternated runs); one request alone: median ${ms(m.single, 2)}`;

function loadRequest(call: SizedCall): autocannon.Request {
  const method = call.method ?? 'GET';
  const { body } = call;
  if (body === undefined) return { method, path: call.path, headers: auth(call.tenant) };
  let n = 0;
  return {
    method,
    path: call.path,
    headers: { ...auth(call.tenant), 'Content-Type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify(body(n++)) }),
  };
}

/**
 * Each size's call, after a warm-up of each: ROUNDS rounds of one DURATION_S run per size, in turn.
 * Sizes measured one after the other would each meet a different moment of the JIT and of the machine.
 */
export async function alternate(url: string, calls: SizedCall[]): Promise<Measured[]> {
  const requests = calls.map(loadRequest);
  for (const request of requests) await load(url, request, { warmup: 0, duration: WARMUP_S });
  const results: autocannon.Result[][] = calls.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, request] of requests.entries()) results[i].push(await load(url, request, { warmup: 0, duration: DURATION_S }));
  }
  // One request at a time, the sizes interleaved, so that both meet the same moments of the machine.
  const times: number[][] = calls.map(() => []);
  for (let n = 0; n < SINGLE_REQUESTS; n++) {
    for (const [i, call] of calls.entries()) {
      const body = call.body?.(n);
      const started = performance.now();
      const reply = await expectStatus(200, url, call.method ?? 'GET', call.path, call.tenant, body);
      times[i].push(performance.now() - started);
      call.check?.(reply);
    }
  }
  return calls.map(({ size }, i) => ({ size, results: results[i], single: middle(times[i]) }));
}

/**
 * Time per request at the largest size ÷ at the smallest, from the median time of one request alone:
 * under load on a 2-core machine shared with the load generator, throughput varies by a third from
 * run to run, more than the difference this figure looks for.
 */
export function reportRatio(what: string, first: Measured, last: Measured): void {
  const value = last.single / first.single;
  report(`${what}: time per request at ${count(last.size)} ÷ at ${count(first.size)} (median of ${SINGLE_REQUESTS} single requests each)`, ratio(value), {
    text: `≤ ${TARGET_RATIO}×`,
    pass: value <= TARGET_RATIO,
  });
}
