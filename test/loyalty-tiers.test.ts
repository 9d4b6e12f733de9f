// Loyalty tiers: creating them in bulk, listing and reading them, and the tier a member is in as
// their points change (qualification by balance or by points earned in a period, tier expiry).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTierChange, type TierChange } from '../src/domain/loyalty-tiers.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

/** Bronze 0–99, Silver 100–499, Gold from 500: every balance is in one tier. */
const ladder = [
  { name: 'Bronze', points: { from: 0, to: 99 } },
  {
    name: 'Silver',
    points: { from: 100, to: 499 },
    earning_rules: { ern_95aq3JaE5A8xzHjoJPYNRqXZ: { type: 'MULTIPLY', multiplier: 2 } },
    rewards: { rewa_t88DnSdNnE0IzQX6gqH3jHGQ: { type: 'CUSTOM', points: 300 } },
    metadata: { perks: 'free shipping' },
  },
  { name: 'Gold', points: { from: 500 } },
];

/** A new program with `count` cards and the given tier settings. */
async function program(name: string, extra: Record<string, unknown> = {}) {
  const res = await api.post('/v1/loyalties', { name, vouchers_count: 3, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } }, ...extra });
  expect(res.status).toBe(200);
  return res.body as { id: string; name: string };
}

async function tiersOf(programId: string, tiers: unknown[] = ladder) {
  const res = await api.post(`/v1/loyalties/${programId}/tiers`, tiers);
  expect(res.status).toBe(200);
  return res.body as { id: string; name: string }[];
}

/** Gives the customer a card of the program; answers its code. */
async function join(programId: string, customer: string) {
  const res = await api.post(`/v1/loyalties/${programId}/members`, { customer });
  expect(res.status).toBe(200);
  return res.body.code as string;
}

const points = (code: string, change: number, extra: Record<string, unknown> = {}) => api.post(`/v1/loyalties/members/${code}/balance`, { points: change, ...extra });
const tierOf = async (code: string) => {
  const res = await api.get(`/v1/loyalties/members/${code}/tiers`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('POST /v1/loyalties/{campaignId}/tiers', () => {
  it('creates the tiers in the order sent, with their mappings, ranges and metadata', async () => {
    const club = await program('Tiered Club');
    const res = await api.post(`/v1/loyalties/${club.id}/tiers`, ladder);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
    expect(res.body[1]).toEqual({
      id: expect.stringMatching(/^ltr_[0-9A-Za-z]{24}$/),
      name: 'Silver',
      campaign_id: club.id,
      metadata: { perks: 'free shipping' },
      created_at: NOW.toISOString(),
      updated_at: null,
      earning_rules: { ern_95aq3JaE5A8xzHjoJPYNRqXZ: { type: 'MULTIPLY', multiplier: 2 } },
      rewards: { rewa_t88DnSdNnE0IzQX6gqH3jHGQ: { type: 'CUSTOM', points: 300 } },
      config: { points: { from: 100, to: 499 } },
      points: { from: 100, to: 499 },
      object: 'loyalty_tier',
    });
    // No upper bound: the top tier's range stays open.
    expect(res.body[2]).toMatchObject({ name: 'Gold', points: { from: 500 }, config: { points: { from: 500 } }, earning_rules: {}, rewards: {}, metadata: {} });
    expect(res.body[2].points).not.toHaveProperty('to');
  });

  it('refuses a range that overlaps another tier of the program, and creates none of the request', async () => {
    const club = await program('Tiered Club');
    await tiersOf(club.id, ladder.slice(0, 1));
    const res = await api.post(`/v1/loyalties/${club.id}/tiers`, [
      { name: 'Silver', points: { from: 100, to: 499 } },
      { name: 'Copper', points: { from: 50, to: 120 } },
    ]);
    const body = expectError(res, 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Tier [1] "Copper": points 50–120 overlap tier "Bronze" (0–99)');
    expect((await api.get(`/v1/loyalties/${club.id}/tiers`)).body.total).toBe(1);
  });

  it('refuses a range whose end is below its start', async () => {
    const club = await program('Tiered Club');
    const res = await api.post(`/v1/loyalties/${club.id}/tiers`, [{ name: 'Upside down', points: { from: 300, to: 200 } }]);
    const body = expectError(res, 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Tier [0] "Upside down": points.to (200) is below points.from (300)');
  });

  it('checks the shape of the earning rule and reward mappings', async () => {
    const club = await program('Tiered Club');
    const res = await api.post(`/v1/loyalties/${club.id}/tiers`, [{ name: 'Odd', points: { from: 0 }, earning_rules: { ern_1: { type: 'MULTIPLY' } } }]);
    const body = expectError(res, 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toMatch(/earning_rules/);
  });

  it('needs a name and points, and a list', async () => {
    const club = await program('Tiered Club');
    expectError(await api.post(`/v1/loyalties/${club.id}/tiers`, [{ name: 'No points' }]), 400, 'invalid_payload', 'Invalid payload');
    expectError(await api.post(`/v1/loyalties/${club.id}/tiers`, { name: 'Alone', points: { from: 0 } }), 400, 'invalid_payload', 'Invalid payload');
  });

  it('answers 404 for a program that does not exist or is not a loyalty program', async () => {
    const missing = expectError(await api.post('/v1/loyalties/camp_nope/tiers', ladder), 404, 'not_found', 'Resource not found');
    expect(missing).toMatchObject({ details: 'Cannot find campaign with id camp_nope', resource_type: 'campaign', resource_id: 'camp_nope' });
    const summer = expectError(await api.post(`/v1/loyalties/${encodeURIComponent('Summer Sale 2026')}/tiers`, ladder), 404, 'not_found', 'Resource not found');
    expect(summer.details).toBe('Cannot find campaign with id Summer Sale 2026');
  });
});

describe('GET /v1/loyalties/{campaignId}/tiers and …/tiers/{loyaltyTierId}', () => {
  it('lists the tiers lowest range first, with the total, by program name too', async () => {
    const club = await program('Tiered Club');
    await tiersOf(club.id, [ladder[2], ladder[0], ladder[1]]);
    const res = await api.get(`/v1/loyalties/${encodeURIComponent('Tiered Club')}/tiers`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'data', total: 3 });
    expect(res.body.data.map((t: { name: string }) => t.name)).toEqual(['Bronze', 'Silver', 'Gold']);
    const page = await api.get(`/v1/loyalties/${club.id}/tiers?limit=2`);
    expect(page.body.data.map((t: { name: string }) => t.name)).toEqual(['Bronze', 'Silver']);
    expect(page.body.total).toBe(3);
  });

  it('sorts by created_at when asked, ties lowest range first', async () => {
    const club = await program('Tiered Club');
    await tiersOf(club.id, [ladder[2], ladder[0]]);
    await api.post('/_mock/clock', { now: '2026-11-23T00:00:00.000Z' });
    await tiersOf(club.id, [ladder[1]]);
    const names = async (order: string) => (await api.get(`/v1/loyalties/${club.id}/tiers?order=${order}`)).body.data.map((t: { name: string }) => t.name);
    expect(await names('-created_at')).toEqual(['Silver', 'Bronze', 'Gold']);
    expect(await names('created_at')).toEqual(['Bronze', 'Gold', 'Silver']);
  });

  it('refuses an unknown order', async () => {
    const club = await program('Tiered Club');
    expectError(await api.get(`/v1/loyalties/${club.id}/tiers?order=name`), 400, 'invalid_query_params', 'Invalid query params');
  });

  it('reads one tier, and answers 404 for a tier of another program or none', async () => {
    const club = await program('Tiered Club');
    const other = await program('Other Club');
    const [bronze] = await tiersOf(club.id);
    const res = await api.get(`/v1/loyalties/${club.id}/tiers/${bronze.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bronze.id, name: 'Bronze', points: { from: 0, to: 99 }, object: 'loyalty_tier' });
    const elsewhere = expectError(await api.get(`/v1/loyalties/${other.id}/tiers/${bronze.id}`), 404, 'not_found', 'Resource not found');
    expect(elsewhere).toMatchObject({ details: `Cannot find loyalty_tier with id ${bronze.id}`, resource_type: 'loyalty_tier', resource_id: bronze.id });
    expectError(await api.get(`/v1/loyalties/${club.id}/tiers/ltr_missing`), 404, 'not_found', 'Resource not found');
  });

  it('lists no tiers for a program without any', async () => {
    const club = await program('Tiered Club');
    expect((await api.get(`/v1/loyalties/${club.id}/tiers`)).body).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
  });
});

describe('GET /v1/loyalties/members/{memberId}/tiers: moves by balance (the default)', () => {
  it('places the member in the tier their balance reaches, up and down at once', async () => {
    const club = await program('Tiered Club');
    const tiers = await tiersOf(club.id);
    const code = await join(club.id, 'alice-referrer');
    let res = await tierOf(code);
    expect(res).toMatchObject({ object: 'list', data_ref: 'data', total: 1 });
    expect(res.data[0]).toMatchObject({ id: tiers[0].id, name: 'Bronze', object: 'loyalty_tier' });
    expect(res.data[0].expiration).toEqual({
      customer_id: expect.stringMatching(/^cust_/),
      campaign_id: club.id,
      tier_id: tiers[0].id,
      start_date: '2026-11-22',
      created_at: NOW.toISOString(),
      updated_at: null,
    });

    await points(code, 150);
    res = await tierOf(code);
    expect(res.data[0]).toMatchObject({ name: 'Silver', expiration: { tier_id: tiers[1].id, start_date: '2026-11-22' } });
    await points(code, 400);
    expect((await tierOf(code)).data[0].name).toBe('Gold');
    // 550 − 451 = 99: back to Bronze at once (BALANCE_DROP).
    await points(code, -451);
    expect((await tierOf(code)).data[0].name).toBe('Bronze');
  });

  it('earns by the customer.loyalty.tier.* earning rules of the move: a bonus for reaching Silver, once', async () => {
    const club = await program('Tiered Club');
    const tiers = await tiersOf(club.id);
    const bonus = { event: 'customer.loyalty.tier.upgraded', loyalty_tier: { id: tiers[1].id }, loyalty: { type: 'FIXED', points: 50 } };
    expect((await api.post(`/v1/loyalties/${club.id}/earning-rules`, [bonus])).status).toBe(200);
    const code = await join(club.id, 'alice-referrer');
    await points(code, 150);
    const card = (await api.get(`/v1/loyalties/members/${code}`)).body;
    // 150 by hand, then 50 for reaching Silver (a POINTS_ACCRUAL naming the rule).
    expect(card.loyalty_card).toMatchObject({ points: 200, balance: 200 });
    const history = (await api.get(`/v1/loyalties/members/${code}/transactions`)).body.data;
    expect(history[0]).toMatchObject({ type: 'POINTS_ACCRUAL', details: { balance: { points: 50, balance: 200 }, event: { type: 'customer.loyalty.tier.upgraded' } } });
    // Reaching Gold is no move to Silver: nothing more.
    await points(code, 300);
    expect((await api.get(`/v1/loyalties/members/${code}`)).body.loyalty_card).toMatchObject({ points: 500, balance: 500 });
  });

  it("lists a tier's earning rules and rewards, at the tier's points and prices", async () => {
    const club = await program('Tiered Club');
    const created = await api.post(`/v1/loyalties/${club.id}/earning-rules`, [
      { event: 'order.paid', loyalty: { type: 'FIXED', points: 10 } },
      { event: 'customer.loyalty.tier.joined', loyalty_tier: { id: 'ltr_other' }, loyalty: { type: 'FIXED', points: 5 } },
    ]);
    expect(created.status).toBe(200);
    const [paid] = created.body as { id: string }[];
    const product = (await api.post('/v1/products', { name: 'Mug', price: 1500 })).body;
    const reward = (await api.post('/v1/rewards', { name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } })).body;
    const [assignment] = (await api.post(`/v1/loyalties/${club.id}/rewards`, [{ reward: reward.id, parameters: { loyalty: { points: 100 } } }])).body;
    const [, silver] = await tiersOf(club.id, [
      { name: 'Bronze', points: { from: 0, to: 99 } },
      { name: 'Silver', points: { from: 100 }, earning_rules: { [paid.id]: { type: 'MULTIPLY', multiplier: 2 } }, rewards: { [assignment.id]: { type: 'CUSTOM', points: 60 } } },
    ]);
    const rules = await api.get(`/v1/loyalties/${club.id}/tiers/${silver.id}/earning-rules`);
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({ object: 'list', data_ref: 'data', total: 1, data: [{ id: paid.id, event: 'order.paid', loyalty: { type: 'FIXED', points: 20 } }] });
    const rewards = await api.get(`/v1/loyalties/${club.id}/tiers/${silver.id}/rewards`);
    expect(rewards.status).toBe(200);
    expect(rewards.body).toMatchObject({
      object: 'list',
      total: 1,
      data: [{ reward: { id: reward.id, type: 'MATERIAL' }, assignment: { id: assignment.id, parameters: { loyalty: { points: 60 } } }, object: 'loyalty_tier_reward' }],
    });
    const unknown = await api.get(`/v1/loyalties/${club.id}/tiers/ltr_missing/rewards`);
    expectError(unknown, 404, 'not_found', 'Resource not found');
  });

  it('leaves the member out of every tier when no range holds their points', async () => {
    const club = await program('Tiered Club');
    await tiersOf(club.id, [{ name: 'Silver', points: { from: 100, to: 499 } }]);
    const code = await join(club.id, 'alice-referrer');
    expect(await tierOf(code)).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    await points(code, 100);
    expect((await tierOf(code)).data[0].name).toBe('Silver');
    await points(code, -1);
    expect((await tierOf(code)).total).toBe(0);
  });

  it('places members who already have points when tiers are added', async () => {
    const club = await program('Tiered Club');
    const code = await join(club.id, 'alice-referrer');
    await points(code, 700);
    await tiersOf(club.id);
    expect((await tierOf(code)).data[0].name).toBe('Gold');
  });

  it('answers 404 for an unknown card and 400 for a voucher that is no loyalty card', async () => {
    const missing = expectError(await api.get('/v1/loyalties/members/NOPE-1/tiers'), 404, 'not_found', 'Resource not found');
    expect(missing.details).toBe('Cannot find voucher with id NOPE-1');
    const discount = expectError(await api.get('/v1/loyalties/members/SUMMER-Q7K2M9/tiers'), 400, 'invalid_voucher', 'Invalid Voucher');
    expect(discount.details).toBe('Voucher SUMMER-Q7K2M9 is not a loyalty card');
  });
});

describe('tiers by points earned in a period, held until the end of the period', () => {
  const settings = {
    qualification_type: 'POINTS_IN_PERIOD',
    qualification_period: 'QUARTER',
    start_date: { type: 'IMMEDIATE' },
    expiration_date: { type: 'END_OF_PERIOD', extend: 'P1M' },
  };

  it('counts what was earned this quarter, keeps the tier through the quarter and its extension, then moves down', async () => {
    const club = await program('Quarterly Club', { loyalty_tiers_expiration: settings });
    await tiersOf(club.id);
    const code = await join(club.id, 'alice-referrer');
    await points(code, 600);
    let res = await tierOf(code);
    // 2026-11-22 is in Q4: the tier holds until 2026-12-31, plus one month.
    expect(res.data[0]).toMatchObject({ name: 'Gold', expiration: { start_date: '2026-11-22', expiration_date: '2027-01-31' } });
    // Spending does not lower what was earned.
    await points(code, -550);
    expect((await tierOf(code)).data[0].name).toBe('Gold');

    await api.post('/_mock/clock', { now: '2027-01-31T23:00:00.000Z' });
    expect((await tierOf(code)).data[0].name).toBe('Gold');
    await api.post('/_mock/clock', { now: '2027-02-01T00:00:00.000Z' });
    res = await tierOf(code);
    // Nothing earned in Q1 2027: Bronze, from the day the Gold tier ran out.
    expect(res.data[0]).toMatchObject({ name: 'Bronze', expiration: { start_date: '2027-02-01', expiration_date: '2027-04-30' } });
  });

  it('with CUSTOM expiry, keeps the tier `extend` after the points drop below it', async () => {
    const club = await program('Custom Club', { loyalty_tiers_expiration: { qualification_type: 'BALANCE', start_date: { type: 'IMMEDIATE' }, expiration_date: { type: 'CUSTOM', extend: 'P10D' } } });
    await tiersOf(club.id);
    const code = await join(club.id, 'alice-referrer');
    await points(code, 200);
    expect((await tierOf(code)).data[0]).toMatchObject({ name: 'Silver' });
    expect((await tierOf(code)).data[0].expiration).not.toHaveProperty('expiration_date');
    await points(code, -150);
    expect((await tierOf(code)).data[0]).toMatchObject({ name: 'Silver', expiration: { expiration_date: '2026-12-01' } });
    await api.post('/_mock/clock', { now: '2026-12-02T00:00:00.000Z' });
    expect((await tierOf(code)).data[0].name).toBe('Bronze');
  });
});

describe('settings the mock cannot read', () => {
  it('takes an unknown period as a year and an extension past any date as none, without failing', async () => {
    const odd = { qualification_type: 'POINTS_IN_PERIOD', qualification_period: 'constructor', expiration_date: { type: 'END_OF_NEXT_PERIOD', extend: 'P999999999Y' } };
    const club = await program('Odd Club', { loyalty_tiers_expiration: odd });
    await tiersOf(club.id);
    const code = await join(club.id, 'alice-referrer');
    await points(code, 200);
    const res = await tierOf(code);
    expect(res.data[0]).toMatchObject({ name: 'Silver', expiration: { start_date: '2026-11-22' } });
    expect(res.data[0].expiration).not.toHaveProperty('expiration_date');
  });
});

describe('onTierChange and the tier webhooks', () => {
  it('tells listeners of every move, with the tiers left and reached', async () => {
    const seen: Pick<TierChange, 'type'>[] = [];
    const names = (change: TierChange) => `${change.type}:${change.from?.name ?? '-'}>${change.to?.name ?? '-'}`;
    const stop = onTierChange((_ctx, change) => seen.push({ type: change.type, ...{ moved: names(change) } }));
    try {
      const club = await program('Tiered Club');
      await tiersOf(club.id, ladder.slice(1));
      const code = await join(club.id, 'alice-referrer');
      await points(code, 150);
      await points(code, 400);
      await points(code, -200);
      await points(code, -300);
      expect(seen.map((s) => (s as unknown as { moved: string }).moved)).toEqual(['joined:->Silver', 'upgraded:Silver>Gold', 'downgraded:Gold>Silver', 'left:Silver>-']);
    } finally {
      stop();
    }
  });

  it('sends customer.loyalty.tier.joined, .upgraded, .downgraded and .left to a subscription', async () => {
    const received: { type: string; data: Record<string, any> }[] = [];
    const receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const app = await testApp({ webhookDelivery: { backoffMs: 20, timeoutMs: 1000 } });
      api = client(app);
      const club = await program('Hooked Club');
      const [silver, gold] = await tiersOf(club.id, ladder.slice(1));
      const code = await join(club.id, 'alice-referrer');
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const events = ['customer.loyalty.tier.joined', 'customer.loyalty.tier.upgraded', 'customer.loyalty.tier.downgraded', 'customer.loyalty.tier.left'];
      expect((await api.post('/_mock/webhooks', { url, events })).status).toBe(201);
      for (const change of [150, 400, -200, -300]) await points(code, change);
      const until = Date.now() + 3000;
      while (received.length < 4 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received.map((r) => r.type)).toEqual(events);
      const upgraded = received[1].data;
      expect(upgraded).toMatchObject({
        customer: { source_id: 'alice-referrer', object: 'customer' },
        campaign: { id: club.id, name: 'Hooked Club', object: 'campaign' },
        loyalty_tier_from: { id: silver.id, name: 'Silver' },
        loyalty_tier_to: { id: gold.id, name: 'Gold' },
        created_at: NOW.toISOString(),
      });
      expect(received[0].data.loyalty_tier).toMatchObject({ id: silver.id });
      expect(received[3].data.loyalty_tier).toMatchObject({ id: silver.id });
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('does not answer a request whose listener fails, and keeps none of its writes', async () => {
    const club = await program('Tiered Club');
    await tiersOf(club.id);
    const code = await join(club.id, 'alice-referrer');
    const stop = onTierChange(() => {
      throw new Error('listener failed');
    });
    try {
      const res = await points(code, 150);
      expect(res.status).toBe(500);
    } finally {
      stop();
    }
    expect((await api.get(`/v1/loyalties/members/${code}`)).body.loyalty_card).toMatchObject({ points: 0, balance: 0 });
  });
});
