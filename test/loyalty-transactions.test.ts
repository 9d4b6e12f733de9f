// Loyalty transactions (per program and per card), points expiration buckets and their expiry by
// the mock's clock, transfers between a customer's cards, and loyalty program update and delete.

import { readFileSync } from 'node:fs';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/default.json', import.meta.url), 'utf8'));
const club = fixtures.campaigns.find((c: { name: string }) => c.name === 'Loyalty Club');
/** bob holds LC-00000004 of the Loyalty Club, with 250 points; LC-00000001 is held by nobody. */
const BOB_CARD = 'LC-00000004';
const FREE_CARD = 'LC-00000001';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

async function program(name: string, extra: Record<string, unknown> = {}, loyaltyCard: Record<string, unknown> = { points: 0 }) {
  const res = await api.post('/v1/loyalties', { name, vouchers_count: 2, voucher: { type: 'LOYALTY_CARD', loyalty_card: loyaltyCard }, ...extra });
  expect(res.status).toBe(200);
  return res.body as { id: string; name: string };
}

async function join(programId: string, customer: string) {
  const res = await api.post(`/v1/loyalties/${programId}/members`, { customer });
  expect(res.status).toBe(200);
  return res.body as { id: string; code: string };
}

const points = async (code: string, change: number, extra: Record<string, unknown> = {}) => {
  const res = await api.post(`/v1/loyalties/members/${code}/balance`, { points: change, ...extra });
  expect(res.status).toBe(200);
  return res.body;
};
const card = async (code: string) => (await api.get(`/v1/loyalties/members/${code}`)).body;
const transactionsOf = async (code: string, query = '') => (await api.get(`/v1/loyalties/members/${code}/transactions${query}`)).body;

describe('GET /v1/loyalties/{campaignId}/transactions', () => {
  it("lists every card's transactions newest first, paged by cursor", async () => {
    const second = await program('Second Club');
    const alice = await join(second.id, 'alice-referrer');
    const bob = await join(second.id, 'bob-shopper');
    await points(alice.code, 10, { source_id: 'a1' });
    await points(bob.code, 20, { source_id: 'b1' });
    await points(alice.code, -5, { source_id: 'a2', reason: 'correction' });
    const res = await api.get(`/v1/loyalties/${second.id}/transactions?limit=2`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'data', has_more: true });
    expect(res.body.data.map((t: { source_id: string }) => t.source_id)).toEqual(['a2', 'b1']);
    expect(res.body.data[0]).toEqual({
      id: expect.stringMatching(/^vtx_[0-9a-f]{18}$/),
      source_id: 'a2',
      voucher_id: alice.id,
      campaign_id: second.id,
      source: 'API',
      reason: 'correction',
      type: 'POINTS_REMOVAL',
      details: { balance: { type: 'loyalty_card', total: 10, points: -5, object: 'balance', balance: 5, related_object: { id: alice.id, type: 'voucher' } } },
      related_transaction_id: null,
      created_at: NOW.toISOString(),
    });
    expect(res.body.more_starting_after).toBe(res.body.data[1].id);
    const next = await api.get(`/v1/loyalties/${encodeURIComponent('Second Club')}/transactions?limit=2&starting_after_id=${res.body.more_starting_after}`);
    expect(next.body.data.map((t: { source_id: string }) => t.source_id)).toEqual(['a1']);
    expect(next.body.has_more).toBe(false);
    expect(next.body).not.toHaveProperty('more_starting_after');
    const oldest = await api.get(`/v1/loyalties/${second.id}/transactions?order=id`);
    expect(oldest.body.data.map((t: { source_id: string }) => t.source_id)).toEqual(['a1', 'b1', 'a2']);
  });

  it('answers an empty list with total 0 for a campaign of another type, and 404 for none', async () => {
    const res = await api.get(`/v1/loyalties/${encodeURIComponent('Summer Sale 2026')}/transactions`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    const missing = expectError(await api.get('/v1/loyalties/camp_missing/transactions'), 404, 'not_found', 'Resource not found');
    expect(missing).toMatchObject({ details: 'Cannot find campaign with id camp_missing', resource_type: 'campaign' });
  });

  it('refuses a limit above 100', async () => {
    expectError(await api.get(`/v1/loyalties/${club.id}/transactions?limit=101`), 400, 'invalid_query_params', 'Invalid query params');
  });
});

describe('GET …/members/{memberId}/transactions', () => {
  it("lists one card's transactions, with and without the program in the path", async () => {
    await points(BOB_CARD, 5, { source_id: 'one' });
    await points(BOB_CARD, 7, { source_id: 'two' });
    const bare = await transactionsOf(BOB_CARD);
    expect(bare.data.map((t: { source_id: string }) => t.source_id)).toEqual(['two', 'one']);
    expect(bare.data[0].details.balance).toMatchObject({ points: 7, balance: 262 });
    const scoped = await api.get(`/v1/loyalties/${club.id}/members/${BOB_CARD}/transactions?limit=1`);
    expect(scoped.status).toBe(200);
    expect(scoped.body).toMatchObject({ has_more: true, more_starting_after: bare.data[0].id });
  });

  it('answers 404 for a card of another program, and 400 for a voucher that is no loyalty card', async () => {
    const second = await program('Second Club');
    const wrong = expectError(await api.get(`/v1/loyalties/${second.id}/members/${BOB_CARD}/transactions`), 404, 'not_found', 'Resource not found');
    expect(wrong.details).toBe(`Cannot find voucher with id ${BOB_CARD}`);
    expectError(await api.get('/v1/loyalties/members/SUMMER-Q7K2M9/transactions'), 400, 'invalid_voucher', 'Invalid Voucher');
  });
});

describe('GET …/members/{memberId}/points-expiration and expiry by the clock', () => {
  it('keeps dated points in buckets, spends the soonest first, and expires what is left once the day has passed', async () => {
    await points(BOB_CARD, 100, { expiration_date: '2026-12-31' });
    await points(BOB_CARD, 50, { expiration_type: 'CUSTOM_DATE', expiration_date: '2026-11-30T12:00:00.000Z' });
    await points(BOB_CARD, 30, { expiration_type: 'NON_EXPIRING' });
    const path = `/v1/loyalties/${club.id}/members/${BOB_CARD}/points-expiration`;
    let res = await api.get(path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(res.body.data).toEqual([
      {
        id: expect.stringMatching(/^lopb_[0-9A-Za-z]{24}$/),
        voucher_id: expect.stringMatching(/^v_/),
        campaign_id: club.id,
        bucket: { total_points: 50 },
        status: 'ACTIVE',
        expires_at: '2026-11-30',
        created_at: NOW.toISOString(),
        object: 'loyalty_points_bucket',
      },
      expect.objectContaining({ bucket: { total_points: 100 }, expires_at: '2026-12-31' }),
    ]);
    // 430 points; spending 70 empties the November bucket and takes 20 from December's.
    await points(BOB_CARD, -70);
    res = await api.get(path);
    expect(res.body.data.map((b: { bucket: { total_points: number } }) => b.bucket.total_points)).toEqual([0, 80]);
    expect((await api.get(`${path}?limit=1&page=2`)).body).toMatchObject({ data: [expect.objectContaining({ expires_at: '2026-12-31' })], total: 2 });

    expect((await card(BOB_CARD)).loyalty_card).toMatchObject({ next_expiration_date: '2026-12-31', next_expiration_points: 80 });
    await api.post('/_mock/clock', { now: '2026-12-31T23:59:00.000Z' });
    expect((await card(BOB_CARD)).loyalty_card).toMatchObject({ points: 430, balance: 360 });
    await api.post('/_mock/clock', { now: '2027-01-01T00:00:00.000Z' });
    expect((await card(BOB_CARD)).loyalty_card).toEqual({ points: 430, balance: 280, expired_points: 80, subtracted_points: 70 });
    const history = await transactionsOf(BOB_CARD);
    expect(history.data[0]).toMatchObject({
      type: 'POINTS_EXPIRATION',
      source_id: null,
      source: null,
      reason: null,
      details: { balance: { points: -80, balance: 280, total: 430 } },
      created_at: '2027-01-01T00:00:00.000Z',
    });
    expect((await api.get(path)).body).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    // Read again: nothing more expires.
    expect((await card(BOB_CARD)).loyalty_card.balance).toBe(280);
    expect((await transactionsOf(BOB_CARD)).data.filter((t: { type: string }) => t.type === 'POINTS_EXPIRATION')).toHaveLength(1);
  });

  it('expires points on any read of the card, GET /v1/vouchers/{code} included, and refuses spending them afterwards', async () => {
    await points(BOB_CARD, 100, { expiration_date: '2026-11-30' });
    await api.post('/_mock/clock', { now: '2026-12-01T00:00:00.000Z' });
    const voucher = await api.get(`/v1/vouchers/${BOB_CARD}`);
    expect(voucher.status).toBe(200);
    expect(voucher.body.loyalty_card).toMatchObject({ points: 350, balance: 250, expired_points: 100 });
    const res = await api.post(`/v1/loyalties/members/${BOB_CARD}/balance`, { points: -251 });
    expectError(res, 400, 'insufficient_card_balance', 'Insufficient card balance');
  });

  it("dates points added without a date by the program's expiration_rules", async () => {
    const monthly = await program('Monthly Club', {}, { points: 0, expiration_rules: { period_type: 'MONTH', period_value: 2, rounding_type: 'END_OF_MONTH' } });
    const yearly = await program('Yearly Club', {}, { points: 0, expiration_rules: { period_type: 'MONTH', period_value: 2, rounding_type: 'END_OF_YEAR' } });
    const a = await join(monthly.id, 'alice-referrer');
    const b = await join(yearly.id, 'alice-referrer');
    await points(a.code, 10);
    await points(b.code, 10);
    // 2026-11-22 plus two months is in January 2027.
    expect((await api.get(`/v1/loyalties/${monthly.id}/members/${a.code}/points-expiration`)).body.data[0]).toMatchObject({ bucket: { total_points: 10 }, expires_at: '2027-01-31' });
    expect((await api.get(`/v1/loyalties/${yearly.id}/members/${b.code}/points-expiration`)).body.data[0]).toMatchObject({ expires_at: '2027-12-31' });
  });

  it('answers 404 for a card of another program', async () => {
    const second = await program('Second Club');
    expectError(await api.get(`/v1/loyalties/${second.id}/members/${BOB_CARD}/points-expiration`), 404, 'not_found', 'Resource not found');
  });

  it('dates nothing by rules it cannot read, and takes a date-time as its UTC day', async () => {
    const odd = await program('Odd Club', {}, { points: 0, expiration_rules: { period_type: 'MONTH', period_value: 'two' } });
    const unrounded = await program('Unrounded Club', {}, { points: 0, expiration_rules: { period_type: 'MONTH', period_value: 1, rounding_type: 'toString' } });
    const other = await join(unrounded.id, 'alice-referrer');
    await points(other.code, 1);
    expect((await api.get(`/v1/loyalties/${unrounded.id}/members/${other.code}/points-expiration`)).body.data[0].expires_at).toBe('2026-12-22');
    const member = await join(odd.id, 'alice-referrer');
    await points(member.code, 10);
    await points(member.code, 5, { expiration_date: '2026-12-31T23:30:00-05:00' });
    const buckets = (await api.get(`/v1/loyalties/${odd.id}/members/${member.code}/points-expiration`)).body;
    // 'two' months dates nothing: the 10 points never expire; the 5 expire after 2027-01-01 (UTC).
    expect(buckets.data.map((b: { expires_at: string; bucket: { total_points: number } }) => [b.expires_at, b.bucket.total_points])).toEqual([['2027-01-01', 5]]);
  });
});

describe('POST /v1/loyalties/{campaignId}/members/{memberId}/transfers', () => {
  async function bobsSecondCard() {
    const second = await program('Second Club');
    return { second, target: await join(second.id, 'bob-shopper') };
  }

  it("moves points from the holder's other card, with a transaction on each card naming the other", async () => {
    const { second, target } = await bobsSecondCard();
    const res = await api.post(`/v1/loyalties/${second.id}/members/${target.code}/transfers`, [{ code: BOB_CARD, points: 100, reason: 'Merging cards', source_id: 'merge-1' }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: target.id, code: target.code, type: 'LOYALTY_CARD', loyalty_card: { points: 100, balance: 100 }, object: 'voucher' });
    expect((await card(BOB_CARD)).loyalty_card).toEqual({ points: 250, balance: 150, subtracted_points: 100 });

    const [out] = (await transactionsOf(BOB_CARD)).data;
    const [into] = (await transactionsOf(target.code)).data;
    expect(out).toMatchObject({
      source_id: 'merge-1',
      campaign_id: club.id,
      source: 'API',
      reason: 'Merging cards',
      type: 'POINTS_TRANSFER_OUT',
      details: {
        balance: { points: -100, balance: 150, total: 250 },
        destination_voucher: {
          id: target.id,
          code: target.code,
          type: 'LOYALTY_CARD',
          campaign: 'Second Club',
          campaign_id: second.id,
          loyalty_card: { points: 100, balance: 100 },
          is_referral_code: false,
          created_at: expect.any(String),
          object: 'voucher',
        },
      },
      related_transaction_id: into.id,
    });
    expect(into).toMatchObject({
      source_id: null,
      campaign_id: second.id,
      source: 'API',
      reason: 'Merging cards',
      type: 'POINTS_TRANSFER_IN',
      details: { balance: { points: 100, balance: 100, total: 100 }, source_voucher: { code: BOB_CARD, campaign: 'Loyalty Club', loyalty_card: { balance: 150 }, created_at: expect.any(String), object: 'voucher' } },
      related_transaction_id: out.id,
    });
    expect(out.id < into.id).toBe(true);
    // Both show up in the programs' lists too.
    expect((await api.get(`/v1/loyalties/${club.id}/transactions`)).body.data[0].id).toBe(out.id);
  });

  it('moves from several cards in the order sent', async () => {
    const { second, target } = await bobsSecondCard();
    const third = await program('Third Club');
    const other = await join(third.id, 'bob-shopper');
    await points(other.code, 40);
    const res = await api.post(`/v1/loyalties/${second.id}/members/${target.id}/transfers`, [
      { code: BOB_CARD, points: 1, source_id: 's1' },
      { code: other.code, points: 40, source_id: 's2' },
    ]);
    expect(res.body.loyalty_card).toMatchObject({ points: 41, balance: 41 });
    expect((await transactionsOf(target.code)).data.map((t: { details: { balance: { balance: number } } }) => t.details.balance.balance)).toEqual([41, 1]);
  });

  it('refuses more points than a card has, and keeps none of the request', async () => {
    const { second, target } = await bobsSecondCard();
    const third = await program('Third Club');
    const other = await join(third.id, 'bob-shopper');
    const res = await api.post(`/v1/loyalties/${second.id}/members/${target.code}/transfers`, [
      { code: BOB_CARD, points: 10, source_id: 's1' },
      { code: other.code, points: 1, source_id: 's2' },
    ]);
    const body = expectError(res, 400, 'insufficient_card_balance', 'Insufficient card balance');
    expect(body.details).toBe('Operation exceeds the available card balance');
    expect((await card(BOB_CARD)).loyalty_card.balance).toBe(250);
    expect((await card(target.code)).loyalty_card.balance).toBe(0);
  });

  it("refuses a card of another customer, the card itself, and a target nobody holds", async () => {
    const { second, target } = await bobsSecondCard();
    const alice = await join(second.id, 'alice-referrer');
    const path = `/v1/loyalties/${second.id}/members/${target.code}/transfers`;
    const foreign = expectError(await api.post(path, [{ code: alice.code, points: 1, source_id: 'x' }]), 400, 'invalid_voucher', 'Invalid Voucher');
    expect(foreign.details).toBe(`Loyalty card ${alice.code} is not held by the holder of loyalty card ${target.code}`);
    const itself = expectError(await api.post(path, [{ code: target.code, points: 1, source_id: 'x' }]), 400, 'invalid_voucher', 'Invalid Voucher');
    expect(itself.details).toBe(`Loyalty card ${target.code} cannot transfer points to itself`);
    const nobody = expectError(
      await api.post(`/v1/loyalties/${club.id}/members/${FREE_CARD}/transfers`, [{ code: BOB_CARD, points: 1, source_id: 'x' }]),
      400,
      'invalid_voucher',
      'Invalid Voucher',
    );
    expect(nobody.details).toBe(`Loyalty card ${FREE_CARD} has no holder; points move only between cards published to customers`);
  });

  it('answers 404 for an unknown card to take from, 400 for a voucher that is no loyalty card, and checks the body', async () => {
    const { second, target } = await bobsSecondCard();
    const path = `/v1/loyalties/${second.id}/members/${target.code}/transfers`;
    const missing = expectError(await api.post(path, [{ code: 'NOPE', points: 1, source_id: 'x' }]), 404, 'not_found', 'Resource not found');
    expect(missing).toMatchObject({ details: 'Cannot find voucher with id NOPE', resource_type: 'voucher' });
    expectError(await api.post(path, [{ code: 'SUMMER-Q7K2M9', points: 1, source_id: 'x' }]), 400, 'invalid_voucher', 'Invalid Voucher');
    expectError(await api.post(path, [{ code: BOB_CARD, points: 0, source_id: 'x' }]), 400, 'invalid_payload', 'Invalid payload');
    expectError(await api.post(path, [{ code: BOB_CARD, points: 1 }]), 400, 'invalid_payload', 'Invalid payload');
    expectError(await api.post(path, []), 400, 'invalid_payload', 'Invalid payload');
  });
});

describe('PUT /v1/loyalties/{campaignId}', () => {
  it('changes the updatable fields, and the points of cards nobody holds', async () => {
    const second = await program('Second Club', { metadata: { a: 1 } });
    const held = await join(second.id, 'alice-referrer');
    const res = await api.put(`/v1/loyalties/${encodeURIComponent('Second Club')}`, {
      name: 'Renamed',
      description: 'Points for everything.',
      join_once: false,
      metadata: { b: 2 },
      loyalty_card: { points: 5, expiration_rules: { period_type: 'MONTH', period_value: 4, rounding_type: 'END_OF_YEAR' } },
      loyalty_tiers_expiration: { qualification_type: 'BALANCE', start_date: { type: 'IMMEDIATE' }, expiration_date: { type: 'BALANCE_DROP', extend: 'P0D' } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: second.id,
      name: 'Second Club',
      description: 'Points for everything.',
      join_once: true,
      metadata: { a: 1, b: 2 },
      voucher: { loyalty_card: { points: 5, expiration_rules: { period_type: 'MONTH', period_value: 4, rounding_type: 'END_OF_YEAR' } } },
      loyalty_tiers_expiration: { qualification_type: 'BALANCE' },
      updated_at: NOW.toISOString(),
    });
    const members = (await api.get(`/v1/loyalties/${second.id}/members`)).body.vouchers;
    const balances = Object.fromEntries(members.map((m: { code: string; loyalty_card: { balance: number } }) => [m.code, m.loyalty_card.balance]));
    expect(balances[held.code]).toBe(0);
    expect(Object.values(balances).sort()).toEqual([0, 5]);
  });

  it('answers 404 for a campaign that is not a loyalty program', async () => {
    const res = await api.put(`/v1/loyalties/${encodeURIComponent('Summer Sale 2026')}`, { description: 'x' });
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe('Cannot find campaign with id Summer Sale 2026');
  });
});

describe('DELETE /v1/loyalties/{campaignId}', () => {
  it('deletes the program, its cards, tiers and history, and answers the async action', async () => {
    const second = await program('Second Club');
    const member = await join(second.id, 'alice-referrer');
    await points(member.code, 10, { expiration_date: '2027-01-01' });
    await api.post(`/v1/loyalties/${second.id}/tiers`, [{ name: 'All', points: { from: 0 } }]);
    const res = await api.delete(`/v1/loyalties/${second.id}?force=true`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ async_action_id: expect.stringMatching(/^aa_/) });
    const action = await api.get(`/v1/async-actions/${res.body.async_action_id}`);
    expect(action.body).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_DELETE', status: 'DONE', result: { message: 'Deleted 2 vouchers.' } });
    expectError(await api.get(`/v1/loyalties/${second.id}`), 404, 'not_found', 'Resource not found');
    expectError(await api.get(`/v1/loyalties/members/${member.code}`), 404, 'not_found', 'Resource not found');
    // The name is free again.
    expect((await api.post('/v1/loyalties', { name: 'Second Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } })).status).toBe(200);
  });

  it('answers 404 for an unknown program or another type of campaign, and deletes nothing', async () => {
    const missing = expectError(await api.delete('/v1/loyalties/Summer%20Loyalty%20Perks'), 404, 'not_found', 'Resource not found');
    expect(missing).toMatchObject({ details: 'Cannot find campaign with id Summer Loyalty Perks', resource_id: 'Summer Loyalty Perks', resource_type: 'campaign' });
    expectError(await api.delete(`/v1/loyalties/${encodeURIComponent('Summer Sale 2026')}`), 404, 'not_found', 'Resource not found');
    expect((await api.get(`/v1/campaigns/${encodeURIComponent('Summer Sale 2026')}`)).status).toBe(200);
  });
});
