// POST /v1/events: custom events, the customer they name, and the points their earning rules give.

import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

const CLUB = 'camp_fhQNB9reosfhypnXLDn8S9wP';
const BOB = 'cust_q8STZHE6svi34zWH8xMS9BMo';
const BOB_CARD = 'LC-00000004';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

async function ok(call: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const res = await call;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const track = (body: Json) => api.post('/v1/events', body);
const balance = async (code = BOB_CARD) => (await ok(api.get(`/v1/loyalties/members/${code}`))).loyalty_card.balance;
const rules = (program: string, ...list: Json[]) => ok(api.post(`/v1/loyalties/${program}/earning-rules`, list));

describe('POST /v1/events', () => {
  it('answers the event with the customer in short, creating a customer whose source_id is new', async () => {
    const res = await ok(track({ event: 'cart_abandoned', customer: { source_id: 'new-shopper', name: 'New Shopper', email: 'new@example.com', metadata: { prop: 'value' } }, metadata: { number: 1 } }));
    expect(res).toEqual({
      object: 'event',
      type: 'cart_abandoned',
      customer: { id: expect.stringMatching(/^cust_/), source_id: 'new-shopper', name: 'New Shopper', email: 'new@example.com', metadata: { prop: 'value' }, object: 'customer' },
      referral: null,
      loyalty: null,
      metadata: { number: 1 },
    });
    expect(await ok(api.get('/v1/customers/new-shopper'))).toMatchObject({ id: res.customer.id, name: 'New Shopper', created_at: NOW.toISOString() });
  });

  it('names an existing customer by id, and answers metadata {} when none is sent', async () => {
    const res = await ok(track({ event: 'visited', customer: { id: BOB } }));
    expect(res).toEqual({ object: 'event', type: 'visited', customer: { id: BOB, source_id: 'bob-shopper', name: 'Bob Shopper', email: 'bob@example.com', metadata: {}, object: 'customer' }, referral: null, loyalty: null, metadata: {} });
  });

  it('earns by the rules for the event name on the card loyalty.code names: FIXED and CUSTOM_EVENT_METADATA', async () => {
    const [fixed, byMetadata] = await rules(
      CLUB,
      { event: 'saw_on_facebook', custom_event: { schema_id: 'ms_1' }, loyalty: { type: 'FIXED', points: 7 }, source: { banner: 'Facebook' } },
      { event: 'saw_on_facebook', loyalty: { type: 'PROPORTIONAL', calculation_type: 'CUSTOM_EVENT_METADATA', custom_event: { metadata: { every: 2, points: 3, property: 'likes' } } } },
      { event: 'other_event', loyalty: { type: 'FIXED', points: 1000 } },
    );
    await ok(track({ event: 'saw_on_facebook', customer: { source_id: 'bob-shopper' }, loyalty: { code: BOB_CARD }, metadata: { likes: 5 } }));
    expect(await balance()).toBe(250 + 7 + 6);
    const history = (await ok(api.get(`/v1/vouchers/${BOB_CARD}/transactions`))).data;
    expect(history.map((t: Json) => [t.type, t.details.balance.points, t.details.earning_rule.id, t.details.event.type])).toEqual([
      ['POINTS_ACCRUAL', 6, byMetadata.id, 'saw_on_facebook'],
      ['POINTS_ACCRUAL', 7, fixed.id, 'saw_on_facebook'],
    ]);
    expect(history[0].details.event.id).toBe(history[1].details.event.id);
    expect(history[0].details).not.toHaveProperty('order');
  });

  it('earns on every card the customer holds when no card is named, each by its own program', async () => {
    const other = await ok(api.post('/v1/loyalties', { name: 'Coffee Club', vouchers_count: 1, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, code_config: { pattern: 'CC-####' } } }));
    const coffeeCard = await ok(api.post(`/v1/loyalties/${other.id}/members`, { customer: BOB }));
    await rules(CLUB, { event: 'checked_in', loyalty: { type: 'FIXED', points: 10 } });
    await rules(other.id, { event: 'checked_in', loyalty: { type: 'FIXED', points: 3 } });
    await ok(track({ event: 'checked_in', customer: { id: BOB } }));
    expect(await balance()).toBe(260);
    expect(await balance(coffeeCard.code)).toBe(3);
  });

  it('earns nothing for an event no rule names, nor for a customer without a card', async () => {
    await rules(CLUB, { event: 'checked_in', loyalty: { type: 'FIXED', points: 10 } });
    await ok(track({ event: 'checked_out', customer: { id: BOB } }));
    await ok(track({ event: 'checked_in', customer: { source_id: 'carol-friend' } }));
    expect(await balance()).toBe(250);
  });

  it('refuses an unknown loyalty card (404) or one that is no loyalty card (400), writing nothing', async () => {
    await rules(CLUB, { event: 'checked_in', loyalty: { type: 'FIXED', points: 10 } });
    let body = expectError(await track({ event: 'checked_in', customer: { source_id: 'someone-new' }, loyalty: { code: 'NOPE' } }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NOPE', resource_type: 'voucher' });
    expectError(await api.get('/v1/customers/someone-new'), 404, 'not_found', 'Resource not found');
    body = expectError(await track({ event: 'checked_in', customer: { id: BOB }, loyalty: { code: 'SUMMER-Q7K2M9' } }), 400, 'invalid_voucher', 'Invalid voucher');
    expect(body.details).toBe('Voucher SUMMER-Q7K2M9 is not a loyalty card');
  });

  it('refuses a body without event or customer, and an unknown customer id', async () => {
    expect(expectError(await track({ customer: { id: BOB } }), 400, 'invalid_payload', 'Invalid payload').details).toMatch(/event/);
    expect(expectError(await track({ event: 'x' }), 400, 'invalid_payload', 'Invalid payload').details).toMatch(/customer/);
    expect(expectError(await track({ event: '', customer: { id: BOB } }), 400, 'invalid_payload', 'Invalid payload').details).toMatch(/event/);
    const body = expectError(await track({ event: 'x', customer: { id: 'cust_nope' } }), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe('Cannot find customer with id cust_nope');
  });
});

describe('POST /v1/events named like a Voucherify event', () => {
  it('earns nothing by order.paid or segment rules: those earn by what happens', async () => {
    await rules(CLUB, { event: 'order.paid', loyalty: { type: 'FIXED', points: 10 } });
    const res = await ok(track({ event: 'order.paid', customer: { id: BOB }, loyalty: { code: BOB_CARD } }));
    expect(res.type).toBe('order.paid');
    expect(await balance()).toBe(250);
  });
});
