// --db and a tenant's state replaced as a whole (PUT /_mock/state, a snapshot restored): acknowledged,
// it survives kill -9 (replayed from the change log) and a clean stop (folded into the snapshot),
// with the writes made after it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startCli, type RunningCli } from './support/cli.js';

const dirs: string[] = [];
afterAll(() => {
  killAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const newDb = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'mock-voucherify-state-')));
  return join(dirs[dirs.length - 1], 'state.json');
};

const TENANT = 'durable-state';

async function call(server: RunningCli, method: string, path: string, body?: unknown, tenant = TENANT) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'X-App-Id': tenant, 'X-App-Token': 't', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function stateOf(server: RunningCli, tenant = TENANT): Promise<Record<string, { id: string; source_id?: string }[]>> {
  const res = await call(server, 'GET', '/_mock/state', undefined, tenant);
  expect(res.status).toBe(200);
  return res.body;
}

async function kill(server: RunningCli) {
  server.child.kill('SIGKILL');
  await server.exited;
}

async function stop(server: RunningCli) {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

describe('--db and a replaced state', () => {
  it('keeps a state put with PUT /_mock/state, and the writes after it, through kill -9 and a clean stop', async () => {
    const db = newDb();
    let server = await startCli(['--port', '0', '--db', db]);
    const fixtures = await stateOf(server);
    const wanted = { ...fixtures, customers: fixtures.customers.filter((c) => c.source_id === 'alice-referrer') };
    expect((await call(server, 'PUT', '/_mock/state', wanted)).status).toBe(204);
    const replaced = await stateOf(server);
    expect(replaced.customers.map((c) => c.source_id)).toEqual(['alice-referrer']);
    await kill(server);

    server = await startCli(['--port', '0', '--db', db]);
    expect(await stateOf(server)).toEqual(replaced);
    // Another tenant was never replaced: it still starts from the fixtures.
    expect(await stateOf(server, 'someone-else')).toEqual(fixtures);
    expect((await call(server, 'POST', '/v1/customers', { source_id: 'after-the-put' })).status).toBe(200);
    const written = await stateOf(server);
    await kill(server);

    server = await startCli(['--port', '0', '--db', db]);
    expect(await stateOf(server)).toEqual(written);
    await stop(server);

    // The clean stop folded the log into the snapshot: the state is read from there.
    server = await startCli(['--port', '0', '--db', db]);
    expect(await stateOf(server)).toEqual(written);
    expect(written.customers.map((c) => c.source_id)).toEqual(['alice-referrer', 'after-the-put']);
    await stop(server);
  }, 60_000);

  it('keeps a restored snapshot through kill -9 (the snapshots themselves live in memory only)', async () => {
    const db = newDb();
    let server = await startCli(['--port', '0', '--db', db]);
    expect((await call(server, 'POST', '/v1/customers', { source_id: 'in-the-snapshot' })).status).toBe(200);
    expect((await call(server, 'POST', '/_mock/snapshots/saved')).status).toBe(201);
    const saved = await stateOf(server);
    expect((await call(server, 'POST', '/v1/customers', { source_id: 'undone-by-restore' })).status).toBe(200);
    expect((await call(server, 'POST', '/_mock/snapshots/saved/restore')).status).toBe(200);
    await kill(server);

    server = await startCli(['--port', '0', '--db', db]);
    expect(await stateOf(server)).toEqual(saved);
    expect((await call(server, 'GET', '/_mock/snapshots')).body.total).toBe(0);
    await stop(server);
  }, 60_000);
});
