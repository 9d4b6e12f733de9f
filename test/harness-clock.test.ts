// Per-tenant clocks (POST/GET/DELETE /_mock/clock): a tenant's time set, frozen and moved, and every
// timestamp, validity check and session expiry of that tenant (and of no other) following it.

import type { MockApp } from '../src/index.js';
import { client, expectError, NOW, testApp, type Agent } from './helpers.js';
import { givenCustomer, givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
/** The app's clock: the tests move it to check what follows it and what does not. */
let appNow: Date;

beforeEach(async () => {
  appNow = NOW;
  app = await testApp({ clock: () => appNow });
  api = client(app);
});

const voucher = (id: string) => ({ object: 'voucher', id });
const at = (iso: string) => new Date(iso).getTime();

async function setClock(body: Record<string, unknown>, agent: Agent = api) {
  const res = await agent.post('/_mock/clock', body);
  expect(res.status).toBe(200);
  return res.body as { now: string; frozen: boolean; offset_ms: number };
}

describe('GET /_mock/clock', () => {
  it("tells the app's clock while the tenant has none of its own", async () => {
    const res = await api.get('/_mock/clock');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ now: NOW.toISOString(), frozen: false, offset_ms: 0 });
  });
});

describe('POST /_mock/clock', () => {
  it('freezes the tenant at `now`, whatever the app clock does', async () => {
    expect(await setClock({ now: '2027-03-01T08:00:00Z' })).toEqual({ now: '2027-03-01T08:00:00.000Z', frozen: true, offset_ms: at('2027-03-01T08:00:00Z') - NOW.getTime() });
    appNow = new Date(NOW.getTime() + 60_000);
    expect((await api.get('/_mock/clock')).body).toMatchObject({ now: '2027-03-01T08:00:00.000Z', frozen: true });
  });

  it('moves a frozen clock by an ISO 8601 duration, years and months by the calendar', async () => {
    await setClock({ now: '2027-01-31T10:00:00Z' });
    expect((await setClock({ advance: 'P1M' })).now).toBe('2027-02-28T10:00:00.000Z');
    expect((await setClock({ advance: 'P1Y' })).now).toBe('2028-02-28T10:00:00.000Z');
    expect((await setClock({ advance: 'P1W2DT3H4M5.5S' })).now).toBe('2028-03-08T13:04:05.500Z');
    expect(await setClock({ advance_ms: 500 })).toMatchObject({ now: '2028-03-08T13:04:06.000Z', frozen: true });
  });

  it("keeps a tenant on the app's clock running, offset by what it was moved", async () => {
    expect(await setClock({ advance: 'PT2H' })).toEqual({ now: '2026-11-22T14:00:00.000Z', frozen: false, offset_ms: 7_200_000 });
    appNow = new Date(NOW.getTime() + 1000);
    expect((await api.get('/_mock/clock')).body).toEqual({ now: '2026-11-22T14:00:01.000Z', frozen: false, offset_ms: 7_200_000 });
    expect(await setClock({ advance_ms: 1000 })).toEqual({ now: '2026-11-22T14:00:02.000Z', frozen: false, offset_ms: 7_201_000 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a negative duration', { advance: '-P1D' }, 'advance must be a positive ISO 8601 duration such as P1D, PT1H30M, P1Y2M or PT0.5S, not "-P1D"'],
    ['a malformed duration', { advance: '1 day' }, 'advance must be a positive ISO 8601 duration such as P1D, PT1H30M, P1Y2M or PT0.5S, not "1 day"'],
    ['an empty duration', { advance: 'PT' }, 'advance must be a positive ISO 8601 duration such as P1D, PT1H30M, P1Y2M or PT0.5S, not "PT"'],
    ['nothing', {}, 'Send exactly one of now, advance and advance_ms'],
    ['two changes', { now: '2027-01-01T00:00:00Z', advance_ms: 5 }, 'Send exactly one of now, advance and advance_ms (got now, advance_ms)'],
    ['a clock past the last date', { advance: 'P300000Y' }, 'advance: moving the clock by'],
  ])('refuses %s, naming the field, and leaves the clock as it was', async (_name, body, details) => {
    await setClock({ now: '2027-01-01T00:00:00Z' });
    const res = await api.post('/_mock/clock', body);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toContain(details);
    expect((await api.get('/_mock/clock')).body).toMatchObject({ now: '2027-01-01T00:00:00.000Z', frozen: true });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a negative advance_ms', { advance_ms: -1 }, /advance_ms/],
    ['a fractional advance_ms', { advance_ms: 1.5 }, /advance_ms/],
    ['advance_ms as text', { advance_ms: '10' }, /advance_ms/],
    ['a `now` that is no date-time', { now: 'tomorrow' }, /now/],
    ['an unknown field', { rewind: 'P1D' }, /rewind/],
  ])('refuses %s in the body (schema), naming the field', async (_name, body, field) => {
    const res = await api.post('/_mock/clock', body);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toMatch(field);
    expect((await api.get('/_mock/clock')).body).toEqual({ now: NOW.toISOString(), frozen: false, offset_ms: 0 });
  });
});

describe('DELETE /_mock/clock and resets', () => {
  it("gives the tenant the app's clock back", async () => {
    await setClock({ now: '2030-01-01T00:00:00Z' });
    const res = await api.delete('/_mock/clock');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ now: NOW.toISOString(), frozen: false, offset_ms: 0 });
    expect((await givenCustomer(api)).created_at).toBe(NOW.toISOString());
  });

  it("a reset of the tenant, or of all, gives it the app's clock back", async () => {
    await setClock({ now: '2030-01-01T00:00:00Z' });
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expect((await api.get('/_mock/clock')).body.frozen).toBe(false);
    await setClock({ advance: 'P1D' });
    expect((await api.post('/_mock/reset?all=true')).status).toBe(204);
    expect((await api.get('/_mock/clock')).body.offset_ms).toBe(0);
  });

  it("a reset of another tenant leaves this tenant's clock alone", async () => {
    await setClock({ now: '2030-01-01T00:00:00Z' });
    expect((await client(app, 'someone-else').post('/_mock/reset')).status).toBe(204);
    expect((await api.get('/_mock/clock')).body.now).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe("what follows the tenant's clock", () => {
  it('new records are created at the frozen instant', async () => {
    await setClock({ now: '2027-06-15T09:30:00.250Z' });
    const customer = await givenCustomer(api);
    expect(customer.created_at).toBe('2027-06-15T09:30:00.250Z');
    const code = (await givenVoucher(api)).code as string;
    expect((await api.get(`/v1/vouchers/${code}`)).body.created_at).toBe('2027-06-15T09:30:00.250Z');
    await setClock({ advance: 'PT1M' });
    expect((await givenCustomer(api)).created_at).toBe('2027-06-15T09:31:00.250Z');
  });

  it('a voucher valid before its expiration_date is refused as expired once the clock passes it', async () => {
    const code = (await givenVoucher(api, { expiration_date: '2026-11-30T23:59:59Z' })).code as string;
    const before = await api.post('/v1/validations', { redeemables: [voucher(code)], order: { amount: 1000 } });
    expect(before.status).toBe(200);
    expect(before.body.valid).toBe(true);

    await setClock({ advance: 'P9D' });
    const after = await api.post('/v1/validations', { redeemables: [voucher(code)], order: { amount: 1000 } });
    expect(after.body.valid).toBe(false);
    expect(after.body.redeemables[0].result.error).toMatchObject({ code: 400, key: 'voucher_expired', message: 'voucher expired', details: code });
    const redemption = await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 1000 } });
    expect(expectError(redemption, 400, 'voucher_expired', 'voucher expired').details).toBe(code);

    // The app's clock did not move: the voucher is as valid as ever for it, and again for the tenant once its clock goes.
    expect((await api.delete('/_mock/clock')).status).toBe(200);
    expect((await api.post('/v1/validations', { redeemables: [voucher(code)], order: { amount: 1000 } })).body.valid).toBe(true);
  });

  it('a LOCK session ends once the clock passes its ttl', async () => {
    const code = (await givenVoucher(api, { redemption: { quantity: 1 } })).code as string;
    const lock = await api.post('/v1/validations', { redeemables: [voucher(code)], order: { amount: 100 }, session: { type: 'LOCK', ttl: 2, ttl_unit: 'HOURS' } });
    expect(lock.body.session).toMatchObject({ type: 'LOCK', ttl: 2, ttl_unit: 'HOURS' });
    await setClock({ advance: 'PT1H59M' });
    expectError(await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 100 } }), 400, 'quantity_exceeded', 'quantity exceeded');
    await setClock({ advance: 'PT2M' });
    const redeemed = await api.post('/v1/redemptions', { redeemables: [voucher(code)], order: { amount: 100 } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.redemptions[0]).toMatchObject({ result: 'SUCCESS', date: '2026-11-22T14:01:00.000Z' });
  });

  it("one tenant's clock does not move another's", async () => {
    const other = client(app, 'other-tenant');
    await setClock({ now: '2029-01-01T00:00:00Z' });
    expect((await other.get('/_mock/clock')).body).toEqual({ now: NOW.toISOString(), frozen: false, offset_ms: 0 });
    expect((await givenCustomer(other)).created_at).toBe(NOW.toISOString());
    await setClock({ advance: 'P1D' }, other);
    expect((await givenCustomer(api)).created_at).toBe('2029-01-01T00:00:00.000Z');
    expect((await givenCustomer(other)).created_at).toBe('2026-11-23T12:00:00.000Z');
  });
});
