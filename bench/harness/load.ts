// Load runs with autocannon: `load` (warm-up, then a measured run) and `burst` (one short run, timed or counted).

import autocannon from 'autocannon';
import { assertLocal } from './http.js';

export const LOAD_CONNECTIONS = 10;
export const LOAD_WARMUP_S = 1;
export const LOAD_DURATION_S = 5;
export const BURST_DURATION_S = 3;

/** Any non-2xx answer or connection error is an error: the figures would not be those of the endpoint. */
async function run(options: autocannon.Options): Promise<autocannon.Result> {
  assertLocal(options.url);
  const result = await autocannon(options);
  if (result.non2xx > 0 || result.errors > 0) {
    const request = options.requests?.[0];
    throw new Error(`${request?.method} ${request?.path}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}

export interface LoadOptions {
  warmup?: number;
  duration?: number;
}

/** A warm-up run whose figures are dropped, then the measured run, at LOAD_CONNECTIONS. */
export async function load(url: string, request: autocannon.Request, options: LoadOptions = {}): Promise<autocannon.Result> {
  const base = { url, connections: LOAD_CONNECTIONS, requests: [request] };
  const warmup = options.warmup ?? LOAD_WARMUP_S;
  if (warmup > 0) await run({ ...base, duration: warmup });
  return run({ ...base, duration: options.duration ?? LOAD_DURATION_S });
}

/**
 * A short run without warm-up (for a tenant already warm): for BURST_DURATION_S, or for exactly
 * `amount` requests when the run uses something up.
 */
export function burst(url: string, request: autocannon.Request, amount?: number): Promise<autocannon.Result> {
  const limit = amount === undefined ? { duration: BURST_DURATION_S } : { amount };
  return run({ url, connections: LOAD_CONNECTIONS, ...limit, requests: [request] });
}
