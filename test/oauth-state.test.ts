// OAuth tokens are state of the tenant that issued them: a durable --db keeps them (and their
// revocation) through a restart and a crash, a reset forgets them, a failed request issues none,
// snapshots and PUT /_mock/state carry them, and a tenant that left memory finds them again.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { fixturesOf } from '../src/app.js';
import type { MockApp } from '../src/index.js';
import { handlers, collections } from '../src/resources/index.js';
import { Store } from '../src/store/store.js';
import { NOW, as, client, expectError, testApp } from './helpers.js';
import { killAll, startCli, type RunningCli } from './support/cli.js';
import { TestDisk } from './support/disk.js';

const dirs: string[] = [];
afterAll(() => {
  killAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const newDb = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'mock-voucherify-oauth-')));
  return join(dirs[dirs.length - 1], 'state.json');
};

const TENANT = 'oauth-state';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const issue = async (app: MockApp, scope = 'api', tenant = TENANT): Promise<{ access_token: string; client_id: string }> => {
  const res = await request(app).post('/v1/oauth/token').set(as(tenant)).type('form').send({ grant_type: 'client_credentials', scope });
  expect(res.status).toBe(200);
  return res.body;
};
const introspect = async (app: MockApp, accessToken: string, tenant = TENANT) => {
  const res = await request(app).post('/v1/oauth/introspect').set(as(tenant)).send({ access_token: accessToken });
  expect(res.status).toBe(200);
  return res.body as { active: boolean; client_id?: string; expires_in?: number };
};
/** GET /v1/customers/{sourceId} with only the bearer token: which tenant (if any) it opens. */
const customerByBearer = (app: MockApp, token: string, sourceId: string) => request(app).get(`/v1/customers/${sourceId}`).set(bearer(token));
const tokensIn = async (app: MockApp, tenant = TENANT): Promise<{ access_token: string; revoked_at: string | null }[]> => {
  const res = await client(app, tenant).get('/_mock/state');
  expect(res.status).toBe(200);
  return res.body.oauth_tokens;
};

/** A --db store and an app on it; `restart` closes the store (its last snapshot written) and opens the file again. */
let seed = 1;
async function durable(disk = new TestDisk(), db = newDb()) {
  const open = async () => {
    const store = await Store.open({ fixtures: fixturesOf({}), collections, dbFile: db, disk });
    // A seed of its own: a restarted server with the same seed would make the same ids again.
    return { store, app: await testApp({ store, seed: seed++ }) };
  };
  return { db, disk, ...(await open()), open };
}

describe('--db keeps OAuth tokens', () => {
  it('a token issued before a clean restart opens its tenant after it, with its scopes, client id and expiry', async () => {
    const first = await durable();
    expect((await client(first.app, TENANT).post('/v1/customers', { source_id: 'kept-customer' })).status).toBe(200);
    const token = await issue(first.app, 'customers');
    await first.store.close();

    const { store, app } = await first.open();
    const res = await customerByBearer(app, token.access_token, 'kept-customer');
    expect(res.status).toBe(200);
    expect(res.body.source_id).toBe('kept-customer');
    // Its scopes came back with it: vouchers are outside them.
    const refused = await request(app).get('/v1/vouchers').set(bearer(token.access_token));
    expect(expectError(refused, 401, 'unauthorized', 'Unauthorized').details).toBe("The OAuth token's scope covers neither vouchers nor api");
    expect(await introspect(app, token.access_token)).toMatchObject({ active: true, client_id: token.client_id, expires_in: 900 });
    // The tenant's next token has the same client id.
    expect((await issue(app)).client_id).toBe(token.client_id);
    // Expiry is still read on the tenant's clock.
    await client(app, TENANT).post('/_mock/clock', { advance: 'PT15M' });
    expectError(await customerByBearer(app, token.access_token, 'kept-customer'), 401, 'unauthorized', 'Unauthorized');
    await store.close();
  });

  it('a token survives a crash: replayed from the change log', async () => {
    const first = await durable();
    expect((await client(first.app, TENANT).post('/v1/customers', { source_id: 'replayed-customer' })).status).toBe(200);
    const token = await issue(first.app);
    await first.disk.crash();

    const { store, app } = await durable(new TestDisk(), first.db);
    expect((await customerByBearer(app, token.access_token, 'replayed-customer')).status).toBe(200);
    expect((await introspect(app, token.access_token)).active).toBe(true);
    await store.close();
  });

  it('a revocation persists: the revoked token still answers 401 after a restart, not taken for an app token', async () => {
    const first = await durable();
    const revoked = await issue(first.app);
    const kept = await issue(first.app);
    expect((await client(first.app, TENANT).post('/v1/oauth/token/revoke', { access_token: revoked.access_token })).status).toBe(204);
    await first.store.close();

    const { store, app } = await first.open();
    expectError(await request(app).get('/v1/vouchers').set(bearer(revoked.access_token)), 401, 'unauthorized', 'Unauthorized');
    expect(await introspect(app, revoked.access_token)).toEqual({ active: false });
    const again = await client(app, TENANT).post('/v1/oauth/token/revoke', { access_token: revoked.access_token });
    expectError(again, 404, 'not_found', 'Resource not found');
    expect((await request(app).get('/v1/vouchers').set(bearer(kept.access_token))).status).toBe(200);
    const records = await tokensIn(app);
    expect(records.map((t) => [t.access_token, t.revoked_at])).toEqual([
      [revoked.access_token, NOW.toISOString()],
      [kept.access_token, null],
    ]);
    await store.close();
  });

  it('a reset forgets the tenant’s tokens, after a restart too: the token no longer opens the tenant', async () => {
    const first = await durable();
    const token = await issue(first.app);
    const theirs = await issue(first.app, 'api', 'bystander');
    expect((await client(first.app, TENANT).post('/_mock/reset')).status).toBe(204);
    expect((await client(first.app, TENANT).post('/v1/customers', { source_id: 'after-reset' })).status).toBe(200);
    expectError(await customerByBearer(first.app, token.access_token, 'after-reset'), 401, 'unauthorized', 'Unauthorized');
    await first.store.close();

    const { store, app } = await first.open();
    expect(await introspect(app, token.access_token)).toEqual({ active: false });
    expect(await tokensIn(app)).toEqual([]);
    // Whatever the token's text now names, it is not the tenant that issued it.
    expect((await client(app, TENANT).get('/v1/customers/after-reset')).status).toBe(200);
    expect((await customerByBearer(app, token.access_token, 'after-reset')).status).not.toBe(200);
    expect((await introspect(app, theirs.access_token, 'bystander')).active).toBe(true);
    await store.close();
  });

  it('a token request the disk refuses issues nothing, before and after a restart', async () => {
    const first = await durable();
    first.disk.fail.write = 'ENOSPC';
    const res = await request(first.app).post('/v1/oauth/token').set(as(TENANT)).type('form').send({ grant_type: 'client_credentials', scope: 'api' });
    expectError(res, 500, 'internal_error', 'Internal error');
    expect(await tokensIn(first.app)).toEqual([]);
    first.disk.fail = {};
    await first.store.close();

    const { store, app } = await first.open();
    expect(await tokensIn(app)).toEqual([]);
    await store.close();
  });

  it('a tenant evicted from memory (maxTenants) finds its tokens in its saved state', async () => {
    const { store, app } = await durable();
    store.maxTenants = 1;
    const token = await issue(app);
    expect((await client(app, 'someone-else').post('/v1/customers', { source_id: 'pushes-out' })).status).toBe(200);
    expect(store.tenantsInMemory()).toEqual(['someone-else']);
    expect((await request(app).get('/v1/vouchers').set(bearer(token.access_token))).status).toBe(200);
    expect(store.tenantsInMemory()).toEqual([TENANT]);
    await store.close();
  });
});

describe('OAuth tokens in the request’s transaction', () => {
  it('a request that fails after issuing a token keeps none: the token answers 401 and the state holds nothing', async () => {
    let issued: string | undefined;
    const app = await testApp({
      handlers: {
        'generate-oauth-token': (ctx) => {
          const result = handlers['generate-oauth-token'](ctx) as { body: { access_token: string } };
          issued = result.body.access_token;
          throw new Error('failing after the token was made');
        },
      },
    });
    const res = await request(app).post('/v1/oauth/token').set(as(TENANT)).type('form').send({ grant_type: 'client_credentials', scope: 'api' });
    expectError(res, 500, 'internal_error', 'Internal error');
    expect(issued).toMatch(/^[0-9A-Za-z]{50}$/);
    expect(await tokensIn(app)).toEqual([]);
    expect(await introspect(app, issued as string)).toEqual({ active: false });
    expectError(await request(app).get('/v1/vouchers').set(bearer(issued as string)), 401, 'unauthorized', 'Unauthorized');
  });
});

describe('OAuth tokens in snapshots and replaced states', () => {
  it('a snapshot holds the tokens: restored after a reset, the token opens the tenant again', async () => {
    const app = await testApp();
    const api = client(app, TENANT);
    const token = await issue(app);
    const saved = await api.post('/_mock/snapshots/with-token');
    expect(saved.status).toBe(201);
    expect(saved.body.counts.oauth_tokens).toBe(1);
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expectError(await request(app).get('/v1/vouchers').set(bearer(token.access_token)), 401, 'unauthorized', 'Unauthorized');
    expect((await api.post('/_mock/snapshots/with-token/restore')).status).toBe(200);
    expect((await request(app).get('/v1/vouchers').set(bearer(token.access_token))).status).toBe(200);
  });

  it('a token put with PUT /_mock/state opens that tenant', async () => {
    const app = await testApp();
    const api = client(app, 'seeded');
    const state = (await api.get('/_mock/state')).body;
    const record = {
      id: 'oauth_seeded',
      access_token: 'a-token-the-suite-knows',
      client_id: 'suite-client',
      scope: 'vouchers customers',
      created_at: NOW.toISOString(),
      // No revoked_at: a hand-written token need not say it is not revoked.
      expires_at: new Date(NOW.getTime() + 60_000).toISOString(),
    };
    expect((await api.put('/_mock/state', { ...state, oauth_tokens: [record] })).status).toBe(204);
    expect((await api.post('/v1/customers', { source_id: 'only-in-seeded' })).status).toBe(200);
    expect((await customerByBearer(app, record.access_token, 'only-in-seeded')).status).toBe(200);
    expectError(await request(app).get('/v1/orders').set(bearer(record.access_token)), 401, 'unauthorized', 'Unauthorized');
    expect(await introspect(app, record.access_token, 'seeded')).toMatchObject({ active: true, client_id: 'suite-client', expires_in: 60 });
  });

  it.each([
    ['without access_token', { access_token: '' }, 'state: oauth_x has no access_token'],
    ['without an expiry date', { expires_at: 'soon' }, 'state: oauth_x has no expires_at date'],
    ['with a revoked_at that is no date', { revoked_at: 'yesterday' }, 'state: oauth_x has a revoked_at that is not a date'],
  ])('refuses a state with a token %s: 400, nothing changed', async (_name, change, details) => {
    const app = await testApp();
    const api = client(app, 'seeded');
    const record = { id: 'oauth_x', access_token: 't', client_id: 'c', scope: 'api', created_at: NOW.toISOString(), expires_at: NOW.toISOString(), revoked_at: null };
    const res = await api.put('/_mock/state', { oauth_tokens: [{ ...record, ...change }] });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
    expect(await tokensIn(app, 'seeded')).toEqual([]);
  });

  it('refuses two tokens with the same access_token', async () => {
    const app = await testApp();
    const record = { access_token: 't', client_id: 'c', scope: 'api', created_at: NOW.toISOString(), expires_at: NOW.toISOString(), revoked_at: null };
    const res = await client(app, 'seeded').put('/_mock/state', { oauth_tokens: [{ id: 'oauth_a', ...record }, { id: 'oauth_b', ...record }] });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe('state: oauth_b has the same access_token "t" as oauth_a');
  });
});

describe('the mock-voucherify command with --db', () => {
  async function post(server: RunningCli, path: string, form: Record<string, string>) {
    return fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'X-App-Id': TENANT, 'X-App-Token': 't', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }
  const withBearer = (server: RunningCli, token: string) => fetch(`${server.url}/v1/customers/cli-customer`, { headers: bearer(token) });

  it('accepts a token and refuses a revoked one after kill -9', async () => {
    const db = newDb();
    let server = await startCli(['--port', '0', '--db', db]);
    const created = await fetch(`${server.url}/v1/customers`, {
      method: 'POST',
      headers: { 'X-App-Id': TENANT, 'X-App-Token': 't', 'Content-Type': 'application/json' },
      body: JSON.stringify({ source_id: 'cli-customer' }),
    });
    expect(created.status).toBe(200);
    const token = (await (await post(server, '/v1/oauth/token', { grant_type: 'client_credentials', scope: 'customers' })).json()) as { access_token: string };
    const revoked = (await (await post(server, '/v1/oauth/token', { grant_type: 'client_credentials', scope: 'customers' })).json()) as { access_token: string };
    expect((await post(server, '/v1/oauth/token/revoke', { access_token: revoked.access_token })).status).toBe(204);
    server.child.kill('SIGKILL');
    await server.exited;

    server = await startCli(['--port', '0', '--db', db]);
    expect((await withBearer(server, token.access_token)).status).toBe(200);
    expect((await withBearer(server, revoked.access_token)).status).toBe(401);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);
});
