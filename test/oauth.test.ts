// OAuth 2.0 (POST /v1/oauth/token, /v1/oauth/introspect, /v1/oauth/token/revoke) and bearer tokens
// on every request: scopes, expiry on the tenant's clock, revocation, resets, other tenants.

import request from 'supertest';
import type { MockApp } from '../src/index.js';
import { FIXTURE, NOW, as, client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app, 'oauth-tenant');
});

/** A token request as Voucherify asks for it: a URL-encoded form. */
const tokenFor = (scope: string, tenant = 'oauth-tenant') =>
  request(app).post('/v1/oauth/token').set(as(tenant)).type('form').send({ grant_type: 'client_credentials', scope });

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('POST /v1/oauth/token', () => {
  it('issues a 900-second Bearer token with the scopes asked for, from a URL-encoded form', async () => {
    const res = await tokenFor('vouchers client_api');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^[0-9A-Za-z]{50}$/),
      client_id: expect.stringMatching(/^[0-9A-Za-z]{21}$/),
      expires_at: Math.floor(NOW.getTime() / 1000) + 900,
      expires_in: 900,
      scope: 'vouchers client_api',
      token_type: 'Bearer',
    });
  });

  it('takes a JSON body too, and gives one client id per tenant', async () => {
    const first = await api.post('/v1/oauth/token', { grant_type: 'client_credentials', scope: 'api' });
    const second = await tokenFor('vouchers');
    const other = await tokenFor('api', 'another-tenant');
    expect(first.status).toBe(200);
    expect(second.body.client_id).toBe(first.body.client_id);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(other.body.client_id).not.toBe(first.body.client_id);
  });

  it.each([
    ['a grant type other than client_credentials', { grant_type: 'password', scope: 'api' }, 'invalid_grant_type', 'Invalid grant_type'],
    ['scopes separated by commas', { grant_type: 'client_credentials', scope: 'vouchers,campaigns' }, 'invalid_scope', 'Invalid scope: vouchers,campaigns'],
    ['unknown scopes, naming only those', { grant_type: 'client_credentials', scope: 'api wallets coupons' }, 'invalid_scope', 'Invalid scope: wallets coupons'],
    ['no grant_type', { scope: 'api' }, 'missing_parameters', 'Missing parameters'],
    ['no scope', { grant_type: 'client_credentials' }, 'missing_parameters', 'Missing parameters'],
    ['an empty scope', { grant_type: 'client_credentials', scope: '  ' }, 'missing_parameters', 'Missing parameters'],
  ])('refuses %s: 400', async (_name, body, key, message) => {
    const res = await request(app).post('/v1/oauth/token').set(as('oauth-tenant')).type('form').send(body);
    expectError(res, 400, key, message);
  });

  it('asks for the server-side keys: 401 without them', async () => {
    const res = await request(app).post('/v1/oauth/token').type('form').send({ grant_type: 'client_credentials', scope: 'api' });
    expectError(res, 401, 'unauthorized', 'Unauthorized');
  });
});

describe('Authorization: Bearer <OAuth token>', () => {
  it("serves the token's tenant, whatever tenant the token's text would name", async () => {
    await api.post('/v1/customers', { source_id: 'only-in-oauth-tenant' });
    const { access_token } = (await tokenFor('api')).body;
    const res = await request(app).get('/v1/customers/only-in-oauth-tenant').set(bearer(access_token));
    expect(res.status).toBe(200);
    expect(res.body.source_id).toBe('only-in-oauth-tenant');
  });

  it('lets in what its scopes cover: a resource scope covers that resource only', async () => {
    const { access_token } = (await tokenFor('vouchers')).body;
    expect((await request(app).get(`/v1/vouchers/${FIXTURE.discountCode}`).set(bearer(access_token))).status).toBe(200);
    const refused = await request(app).get('/v1/customers').set(bearer(access_token));
    const body = expectError(refused, 401, 'unauthorized', 'Unauthorized');
    expect(body.details).toBe("The OAuth token's scope covers neither customers nor api");
  });

  it('does not let a client-side scope into the server-side API', async () => {
    const clientSide = (await tokenFor('client_api')).body.access_token;
    const res = await request(app).get('/v1/promotions/tiers').set(bearer(clientSide));
    expect(expectError(res, 401, 'unauthorized', 'Unauthorized').details).toBe("The OAuth token's scope covers neither promotions nor api");
  });

  it("expires after 900 seconds on the tenant's clock", async () => {
    const { access_token } = (await tokenFor('api')).body;
    await api.post('/_mock/clock', { advance: 'PT899S' });
    expect((await request(app).get('/v1/vouchers').set(bearer(access_token))).status).toBe(200);
    await api.post('/_mock/clock', { advance: 'PT1S' });
    expectError(await request(app).get('/v1/vouchers').set(bearer(access_token)), 401, 'unauthorized', 'Unauthorized');
  });

  it('refuses a token sent with the X-App-Id of another tenant', async () => {
    const { access_token } = (await tokenFor('api')).body;
    const res = await request(app).get('/v1/vouchers').set({ ...bearer(access_token), 'X-App-Id': 'someone-else' });
    expectError(res, 401, 'unauthorized', 'Unauthorized');
  });

  it("is cleared by a reset of its tenant (or of all), not by another tenant's", async () => {
    const mine = (await tokenFor('api')).body.access_token;
    const theirs = (await tokenFor('api', 'another-tenant')).body.access_token;
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expectError(await request(app).get('/v1/vouchers').set(bearer(mine)), 401, 'unauthorized', 'Unauthorized');
    expect((await request(app).get('/v1/vouchers').set(bearer(theirs))).status).toBe(200);
    expect((await api.post('/_mock/reset?all=true')).status).toBe(204);
    expectError(await request(app).get('/v1/vouchers').set(bearer(theirs)), 401, 'unauthorized', 'Unauthorized');
  });

  it('leaves bearer tokens the mock did not issue as they were: the token names the tenant', async () => {
    expect((await request(app).get('/v1/vouchers').set(bearer('plain-app-token'))).status).toBe(200);
  });
});

describe('POST /v1/oauth/introspect', () => {
  it('tells a live token with the seconds it has left', async () => {
    const { access_token, client_id } = (await tokenFor('vouchers orders')).body;
    await api.post('/_mock/clock', { advance: 'PT345S' });
    const res = await request(app).post('/v1/oauth/introspect').set(as('oauth-tenant')).type('form').send({ access_token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token,
      client_id,
      expires_at: Math.floor(NOW.getTime() / 1000) + 900,
      expires_in: 555,
      scope: 'vouchers orders',
      token_type: 'Bearer',
      active: true,
    });
  });

  it("answers active false for an unknown, expired, revoked or another tenant's token", async () => {
    const expired = (await tokenFor('api')).body.access_token;
    const theirs = (await tokenFor('api', 'another-tenant')).body.access_token;
    const revoked = (await tokenFor('api')).body.access_token;
    await api.post('/v1/oauth/token/revoke', { access_token: revoked });
    await api.post('/_mock/clock', { advance: 'PT900S' });
    for (const access_token of ['no-such-token', expired, theirs, revoked]) {
      const res = await api.post('/v1/oauth/introspect', { access_token });
      expect({ token: access_token, status: res.status, body: res.body }).toEqual({ token: access_token, status: 200, body: { active: false } });
    }
  });

  it('refuses a request without access_token: 400 missing_parameters', async () => {
    expectError(await api.post('/v1/oauth/introspect', {}), 400, 'missing_parameters', 'Missing parameters');
  });
});

describe('POST /v1/oauth/token/revoke', () => {
  it('revokes at once: the next use of the token answers 401', async () => {
    const { access_token } = (await tokenFor('api')).body;
    const res = await request(app).post('/v1/oauth/token/revoke').set(as('oauth-tenant')).type('form').send({ access_token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await request(app).get('/v1/vouchers').set(bearer(access_token)), 401, 'unauthorized', 'Unauthorized');
  });

  it("answers 404 for a token that is unknown, already revoked or another tenant's", async () => {
    const theirs = (await tokenFor('api', 'another-tenant')).body.access_token;
    const revoked = (await tokenFor('api')).body.access_token;
    await api.post('/v1/oauth/token/revoke', { access_token: revoked });
    for (const access_token of ['no-such-token', revoked, theirs]) {
      const body = expectError(await api.post('/v1/oauth/token/revoke', { access_token }), 404, 'not_found', 'Resource not found');
      expect(body.details).toBe('Cannot find an active OAuth token with the given access_token');
    }
    expect((await request(app).get('/v1/vouchers').set(bearer(theirs))).status).toBe(200);
  });

  it('refuses a request without access_token: 400 missing_parameters', async () => {
    expectError(await api.post('/v1/oauth/token/revoke', { access_token: '' }), 400, 'missing_parameters', 'Missing parameters');
  });
});

describe('URL-encoded bodies elsewhere', () => {
  it('are still no JSON for operations that read JSON only', async () => {
    const res = await request(app).post('/v1/customers').set(as('oauth-tenant')).type('form').send({ source_id: 'x' });
    const body = expectError(res, 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Payload must be a JSON object sent with Content-Type: application/json');
  });
});
