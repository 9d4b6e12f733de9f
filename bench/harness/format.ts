// How figures are written: milliseconds, request rates, sizes, counts, ratios, autocannon latencies.

import type autocannon from 'autocannon';

export const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;
export const count = (value: number) => Math.round(value).toLocaleString('en-US');
export const rps = (value: number) => `${count(value)} req/s`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;

/** Bytes as MiB, or KiB below one MiB (per-tenant figures are small once tenants share their fixtures). */
export function bytes(value: number): string {
  const mib = value / 2 ** 20;
  return Math.abs(mib) >= 1 ? `${mib.toFixed(1)} MiB` : `${(value / 1024).toFixed(0)} KiB`;
}

export const latency = (result: autocannon.Result) => `latency p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}`;
