// Benchmark of mock-voucherify (not a test): start-up, reset, referral-holder throughput and behaviour at 1k/100k vouchers, printed with targets.
//
// Run with `npm run bench`, which compiles src/, bin/ and bench/ into dist/ first. Every figure gets one line
// as soon as it is measured; a markdown table for the README closes the output. A missed target prints MISS
// but never makes the exit code non-zero. Everything talks to 127.0.0.1 only, every loop is bounded in count
// and time, and the script ends by itself: servers are closed and every spawned CLI is killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer } from '../src/index.js';

const HOST = '127.0.0.1';
const CLI = fileURLToPath(new URL('../bin/mock-voucherify.js', import.meta.url));
const CODE = 'REF-ALICE001';
const HOLDERS_PATH = `/v1/referrals/members/${CODE}/holders`;

const STARTUP_RUNS = 10;
const STARTUP_TIMEOUT_MS = 10_000;
const RESET_WARMUP = 20;
const RESET_RUNS = 200;
const RESET_BUDGET_MS = 30_000;
const REQUEST_TIMEOUT_MS = 5_000;
const LOAD_CONNECTIONS = 10;
const LOAD_WARMUP_S = 1;
const LOAD_DURATION_S = 5;
const LIST_REFEREES = 100;

const TARGET_STARTUP_MS = 500;
const TARGET_RESET_MS = 5;
const TARGET_LIST_RPS = 2_000;
const TARGET_LIST_CORES = 2;

/** Each X-App-Id is its own tenant; every benchmark uses a tenant of its own. */
const auth = (tenant: string) => ({ 'X-App-Id': tenant, 'X-App-Token': 'bench-token' });

/** One keep-alive agent for the script's own requests, destroyed at the end so nothing holds the process open. */
const agent = new Agent({ keepAlive: true });

interface Reply {
  status: number;
  body: string;
}

/** One request to a mock on 127.0.0.1 (never anywhere else), failing after REQUEST_TIMEOUT_MS. */
function call(baseUrl: string, method: string, path: string, tenant: string, body?: unknown): Promise<Reply> {
  const url = new URL(path, baseUrl);
  if (url.hostname !== HOST) throw new Error(`refusing to send a request to ${url.host}: the bench only targets ${HOST}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest(url, {
      method,
      agent,
      headers: { ...auth(tenant), ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path} took over ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.end(payload);
  });
}

/** Like `call`, but anything other than the expected status is an error. */
async function expectStatus(expected: number, ...args: Parameters<typeof call>): Promise<Reply> {
  const reply = await call(...args);
  if (reply.status !== expected) throw new Error(`${args[1]} ${args[2]} answered ${reply.status}, not ${expected}: ${reply.body}`);
  return reply;
}

// ---- spawned CLIs ----------------------------------------------------------------------------------------------

/** CLIs still running; killed outright if the script dies before stopping them itself. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => liveChildren.forEach((child) => child.kill('SIGKILL')));

interface Cli {
  child: ChildProcess;
  url: string;
}

/**
 * Spawns `node dist/bin/mock-voucherify.js --port 0 --host 127.0.0.1` and resolves with its URL once it prints
 * `mock-voucherify listening on http://HOST:PORT`. MOCK_VOUCHERIFY_* variables are left out of its environment
 * so that a developer's settings (a --db file, fixed credentials) cannot leak into the figures.
 */
async function spawnCli(): Promise<Cli> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_VOUCHERIFY_')));
  const child = spawn(process.execPath, [CLI, '--port', '0', '--host', HOST], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the CLI printed no URL within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`the CLI exited (${signal ?? code}) before listening: ${stderr.trim()}`)));
      lines.on('line', (line) => {
        const match = /^mock-voucherify listening on (http:\/\/\S+)$/.exec(line);
        if (match) resolve(match[1]);
      });
    });
    if (new URL(url).hostname !== HOST) throw new Error(`the CLI listens on ${url}, not on ${HOST}`);
    return { child, url };
  } catch (error) {
    await stopCli(child);
    throw error;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

/** SIGTERM (the CLI closes cleanly on it), then SIGKILL if it is still there after 5 s. */
async function stopCli(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// ---- statistics and printing -----------------------------------------------------------------------------------

/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number, digits: number) => `${value.toFixed(digits)} ms`;
const rps = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

interface Row {
  figure: string;
  result: string;
  target: string;
  verdict: string;
}

const rows: Row[] = [];

/** Prints one figure at once and keeps it for the closing table. */
function report(figure: string, result: string, target?: { text: string; pass: boolean }): void {
  const check = target ? `  [target ${target.text}: ${verdict(target.pass)}]` : '';
  console.log(`${figure}: ${result}${check}`);
  rows.push({ figure, result, target: target?.text ?? '–', verdict: target ? verdict(target.pass) : '' });
}

// ---- 1. start-up -----------------------------------------------------------------------------------------------

/** From spawn to the first 200 for GET /v1/vouchers/REF-ALICE001, on a fresh CLI each run. */
async function benchStartup(): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < STARTUP_RUNS; run++) {
    const started = performance.now();
    const { child, url } = await spawnCli();
    try {
      await expectStatus(200, url, 'GET', `/v1/vouchers/${CODE}`, 'bench-startup');
      times.push(performance.now() - started);
    } finally {
      await stopCli(child);
    }
  }
  const median = percentile(times, 50);
  const max = Math.max(...times);
  report(`Start-up to first served request (CLI, ${STARTUP_RUNS} runs)`, `median ${ms(median, 0)}, max ${ms(max, 0)}`, {
    text: `median < ${TARGET_STARTUP_MS} ms`,
    // Judged on the median: one start slowed by a neighbour on a shared machine says little about the mock.
    pass: median < TARGET_STARTUP_MS,
  });
}

// ---- 2. reset --------------------------------------------------------------------------------------------------

/**
 * POST /_mock/reset round trips against an in-process server, each followed by the GET that rebuilds the tenant
 * from the fixtures and by the same GET on the now warm tenant (the baseline that shows what the rebuild costs).
 * Requests here go one at a time, so sharing the event loop with the server only adds the client's own small,
 * constant share to each round trip.
 */
async function benchReset(): Promise<void> {
  const server = await startServer({ port: 0, host: HOST });
  const tenant = 'bench-reset';
  const resets: number[] = [];
  const rebuilds: number[] = [];
  const warm: number[] = [];
  try {
    const deadline = performance.now() + RESET_BUDGET_MS;
    for (let run = 0; run < RESET_WARMUP + RESET_RUNS && performance.now() < deadline; run++) {
      const t0 = performance.now();
      await expectStatus(204, server.url, 'POST', '/_mock/reset', tenant);
      const t1 = performance.now();
      await expectStatus(200, server.url, 'GET', `/v1/vouchers/${CODE}`, tenant);
      const t2 = performance.now();
      await expectStatus(200, server.url, 'GET', `/v1/vouchers/${CODE}`, tenant);
      const t3 = performance.now();
      if (run < RESET_WARMUP) continue;
      resets.push(t1 - t0);
      rebuilds.push(t2 - t1);
      warm.push(t3 - t2);
    }
  } finally {
    await server.close();
  }
  if (resets.length === 0) throw new Error(`no reset was measured within ${RESET_BUDGET_MS} ms`);
  const summary = (values: number[]) => `median ${ms(percentile(values, 50), 2)}, p95 ${ms(percentile(values, 95), 2)}`;
  report(`Reset round trip (POST /_mock/reset, ${resets.length} runs)`, summary(resets), {
    text: `p95 < ${TARGET_RESET_MS} ms`,
    pass: percentile(resets, 95) < TARGET_RESET_MS,
  });
  report('First request after reset (tenant rebuilt from fixtures)', summary(rebuilds));
  report('Same request on the warm tenant (baseline)', summary(warm));
}

// ---- 3 and 4. referral holders under load ----------------------------------------------------------------------

/**
 * A LOAD_WARMUP_S run whose figures are dropped, then the measured LOAD_DURATION_S run, at LOAD_CONNECTIONS.
 * Any non-2xx answer or connection error is an error: the figures would not be those of the endpoint.
 */
async function load(url: string, request: autocannon.Request): Promise<autocannon.Result> {
  const options = { url, connections: LOAD_CONNECTIONS, requests: [request] };
  await autocannon({ ...options, duration: LOAD_WARMUP_S });
  const result = await autocannon({ ...options, duration: LOAD_DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${request.method} ${request.path}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}

const latency = (result: autocannon.Result) => `latency p50 ${ms(result.latency.p50, 0)}, p99 ${ms(result.latency.p99, 0)}`;

/** POST one new referee per request, each with its own source_id; holders pile up in the tenant as they would in a long suite. */
async function benchAddHolders(url: string): Promise<void> {
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
    `${rps(result.requests.average)}, ${latency(result)}; code ended with ${total.toLocaleString('en-US')} holders`,
  );
}

/** GET the first page of a code that has LIST_REFEREES referees (added in one request beforehand). */
async function benchListHolders(url: string): Promise<void> {
  const tenant = 'bench-list';
  const holders = Array.from({ length: LIST_REFEREES }, (_, i) => ({ source_id: `bench-listed-${i + 1}` }));
  await expectStatus(200, url, 'POST', HOLDERS_PATH, tenant, { holders });
  const result = await load(url, { method: 'GET', path: `${HOLDERS_PATH}?limit=10`, headers: auth(tenant) });
  const cores = os.cpus().length;
  const coreNote = cores === TARGET_LIST_CORES ? '' : ` (set for ${TARGET_LIST_CORES} cores; this machine has ${cores})`;
  report(
    `List holders (GET ${HOLDERS_PATH}?limit=10, ${LIST_REFEREES} referees, ${LOAD_CONNECTIONS} connections, ${LOAD_DURATION_S} s)`,
    `${rps(result.requests.average)}, ${latency(result)}`,
    { text: `> ${TARGET_LIST_RPS.toLocaleString('en-US')} req/s${coreNote}`, pass: result.requests.average > TARGET_LIST_RPS },
  );
}

// ---- 5. scale: the same calls with 1,000 and 100,000 vouchers in the tenant ------------------------------------

const SCALE_SIZES = [1_000, 100_000];
const SCALE_DURATION_S = 3;
/** Each publication takes a free code of the STATIC campaign, so the run is counted, not timed: the same 500 at every size. */
const SCALE_PUBLICATIONS = 500;

/** Resident memory of a process in MiB, from /proc (Linux); undefined elsewhere. */
function rssMiB(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kib) ? kib / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A short load run (no warm-up: the tenant is already warm from generating its vouchers): for
 * SCALE_DURATION_S, or for exactly `amount` requests when the run uses something up.
 */
async function burst(url: string, request: autocannon.Request, amount?: number): Promise<autocannon.Result> {
  const limit = amount === undefined ? { duration: SCALE_DURATION_S } : { amount };
  const result = await autocannon({ url, connections: LOAD_CONNECTIONS, ...limit, requests: [request] });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${request.method} ${request.path}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}

/**
 * For each size: one STATIC campaign generated with that many vouchers (timed), then GET by code over
 * 100 known codes, publications that each take the campaign's next free code, and single-voucher adds.
 * A lookup or a publication that scanned the collection would show here as a drop from 1k to 100k.
 */
async function benchScale(url: string, pid: number | undefined): Promise<void> {
  for (const size of SCALE_SIZES) {
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
    const publish = await burst(url, {
      method: 'POST',
      path: '/v1/publications',
      headers: { ...auth(tenant), 'Content-Type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ campaign: { name }, customer: { source_id: `bench-owner-${size}-${++n}` } }) }),
    }, SCALE_PUBLICATIONS);
    const add = await burst(url, {
      method: 'POST',
      path: `/v1/campaigns/${encodeURIComponent(name)}/vouchers`,
      headers: { ...auth(tenant), 'Content-Type': 'application/json' },
      body: '{}',
    });
    const memory = rssMiB(pid);
    const label = `${size.toLocaleString('en-US')} vouchers`;
    report(`Generate ${label} (POST /v1/campaigns, vouchers_count ${size.toLocaleString('en-US')})`, ms(generated, 0));
    report(`GET /v1/vouchers/{code} with ${label}`, `${rps(get.requests.average)}, ${latency(get)}`);
    // A counted run ends on autocannon's one-second tick, so its rate says nothing; its latencies do.
    report(`POST /v1/publications (next free code, ${SCALE_PUBLICATIONS} publications) with ${label}`, latency(publish));
    report(`POST /v1/campaigns/{name}/vouchers (one voucher) with ${label}`, `${rps(add.requests.average)}, ${latency(add)}`);
    if (memory !== undefined) report(`Server memory (RSS) after the ${label} run`, `${memory.toFixed(0)} MiB`);
  }
}

// ---- main ------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()} ${os.arch()}`;
  console.log(`mock-voucherify bench on ${machine}\n`);

  await benchStartup();
  await benchReset();

  // The load runs hit a spawned CLI, not an in-process server: autocannon then has this process's event loop
  // to itself and the server has the child's, as in real use, where a test runner and the mock are separate
  // processes. In one process, the load generator's own work would be counted against the server.
  const { child, url } = await spawnCli();
  try {
    await benchAddHolders(url);
    await benchListHolders(url);
    await benchScale(url, child.pid);
  } finally {
    await stopCli(child);
  }

  console.log(`\nMeasured on ${machine}.\n`);
  console.log('| Figure | Result | Target | Status |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.figure} | ${row.result} | ${row.target} | ${row.verdict} |`);
}

try {
  await main();
} finally {
  agent.destroy();
}
