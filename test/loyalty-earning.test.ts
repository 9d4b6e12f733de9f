// Loyalty earning rules (CRUD and refusals), the points paid orders earn through them, segment
// entries, and pending points (lists, activation by the clock and by hand, changes, cancels).

import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

const CLUB = 'camp_fhQNB9reosfhypnXLDn8S9wP';
const BOB = 'cust_q8STZHE6svi34zWH8xMS9BMo';
const BOB_CARD = 'LC-00000004';
const BOB_CARD_ID = 'v_f216qhYmDQIOFsYVMgtin76l1SkpUXj7';
const DAY = 24 * 60 * 60 * 1000;

let api: Agent;
let now: Date;
beforeEach(async () => {
  now = NOW;
  api = client(await testApp({ clock: () => now }));
});

const rulesPath = (program = CLUB) => `/v1/loyalties/${encodeURIComponent(program)}/earning-rules`;

async function ok(call: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const res = await call;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const createRules = (...rules: Json[]) => ok(api.post(rulesPath(), rules));
const createRule = async (rule: Json) => (await createRules(rule))[0];
const fixed = (points: number, extra: Json = {}) => ({ event: 'order.paid', loyalty: { type: 'FIXED', points }, source: { banner: `Order paid ${points}` }, ...extra });
const proportional = (calculation_type: string, loyalty: Json, extra: Json = {}) => ({ event: 'order.paid', loyalty: { type: 'PROPORTIONAL', calculation_type, ...loyalty }, ...extra });

const card = async (code = BOB_CARD) => (await ok(api.get(`/v1/loyalties/members/${code}`))).loyalty_card;
const transactions = async (code = BOB_CARD) => (await ok(api.get(`/v1/vouchers/${code}/transactions`))).data;
const payOrder = (order: Json) => ok(api.post('/v1/orders', { status: 'PAID', customer: { id: BOB }, ...order }));

describe('POST /v1/loyalties/{campaignId}/earning-rules', () => {
  it('creates every rule of the array, as Voucherify shows them', async () => {
    const created = await createRules(
      fixed(20, { validity_day_of_week: [0, 1, 2, 3, 4, 5, 6], metadata: { kind: 'fixed' }, start_date: '2026-01-01T00:00:00Z' }),
      proportional('ORDER_AMOUNT', { order: { amount: { every: 1000, points: 1 } } }, { active: false }),
    );
    expect(created).toEqual([
      {
        id: expect.stringMatching(/^ern_[A-Za-z0-9]{24}$/),
        created_at: NOW.toISOString(),
        updated_at: null,
        validation_rule_id: null,
        loyalty: { type: 'FIXED', points: 20 },
        event: 'order.paid',
        source: { banner: 'Order paid 20', object_id: CLUB, object_type: 'campaign' },
        active: true,
        start_date: '2026-01-01T00:00:00.000Z',
        validity_day_of_week: [0, 1, 2, 3, 4, 5, 6],
        object: 'earning_rule',
        automation_id: expect.stringMatching(/^auto_/),
        metadata: { kind: 'fixed' },
      },
      {
        id: expect.stringMatching(/^ern_/),
        created_at: NOW.toISOString(),
        updated_at: null,
        validation_rule_id: null,
        loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_AMOUNT', order: { amount: { every: 1000, points: 1 } } },
        event: 'order.paid',
        source: { object_id: CLUB, object_type: 'campaign' },
        active: false,
        object: 'earning_rule',
        automation_id: expect.stringMatching(/^auto_/),
        metadata: {},
      },
    ]);
  });

  it('takes the program by name, and keeps the segment, custom event and tier a rule names', async () => {
    const segment = await ok(api.post('/v1/segments', { name: 'VIP', type: 'static', customers: [BOB] }));
    const rules = await ok(
      api.post(rulesPath('Loyalty Club'), [
        { event: 'customer.segment.entered', segment: { id: segment.id }, loyalty: { type: 'FIXED', points: 5 } },
        { event: 'saw_on_facebook', custom_event: { schema_id: 'ms_1' }, loyalty: { type: 'FIXED', points: 2 } },
        { event: 'customer.loyalty.tier.joined', loyalty_tier: { id: 'ltr_1' }, loyalty: { type: 'PROPORTIONAL', calculation_type: 'CUSTOMER_METADATA', customer: { metadata: { every: 4, points: 4, property: 'ltv' } } } },
      ]),
    );
    expect(rules.map((r: Json) => [r.event, r.segment, r.custom_event, r.loyalty_tier])).toEqual([
      ['customer.segment.entered', { id: segment.id }, undefined, undefined],
      ['saw_on_facebook', undefined, { schema_id: 'ms_1' }, undefined],
      ['customer.loyalty.tier.joined', undefined, undefined, { id: 'ltr_1' }],
    ]);
  });

  it.each([
    ['a ratio missing', proportional('ORDER_TOTAL_AMOUNT', { order: { amount: { every: 1, points: 1 } } }), "Loyalty order rules must contain one of the following properties - 'total_amount'"],
    ['FIXED without points', { event: 'order.paid', loyalty: { type: 'FIXED' } }, "Loyalty FIXED rules must contain property 'points'"],
    ['PROPORTIONAL without a calculation type', { event: 'order.paid', loyalty: { type: 'PROPORTIONAL' } }, "Loyalty PROPORTIONAL rules must contain property 'calculation_type'"],
    ['an order ratio for a custom event', { event: 'clicked', loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_AMOUNT', order: { amount: { every: 1, points: 1 } } } }, 'Calculation type ORDER_AMOUNT cannot be used with event clicked'],
    ['a points formula', { event: 'order.paid', loyalty: { type: 'FIXED', points: 1, points_formula: 'x' } }, 'Property loyalty.points_formula is not supported by mock-voucherify: send points'],
    ['item ratios naming no items', proportional('ORDER_ITEMS_QUANTITY', { order_items: { quantity: { every: 1, points: 1 } } }), 'Property loyalty.order_items.quantity must name the items that count: object and id, or applicable_to'],
    ['a segment rule without a segment', { event: 'customer.segment.entered', loyalty: { type: 'FIXED', points: 1 } }, "Property 'segment' is required for event customer.segment.entered"],
    ['a tier rule without a tier', { event: 'customer.loyalty.tier.left', loyalty: { type: 'FIXED', points: 1 } }, "Property 'loyalty_tier' is required for event customer.loyalty.tier.left"],
    ['pending points on a custom event', { event: 'clicked', loyalty: { type: 'FIXED', points: 1 }, pending_points: { period_type: 'DAY', period_value: 2 } }, 'Pending points can be used only with the order.paid event'],
    ['a timeframe without a start date', fixed(1, { validity_timeframe: { duration: 'PT1H', interval: 'P1D' } }), 'Property validity_timeframe requires start_date'],
    ['an unreadable timeframe', fixed(1, { start_date: '2026-01-01T00:00:00Z', validity_timeframe: { duration: 'an hour', interval: 'P1D' } }), 'Property validity_timeframe.duration must be an ISO 8601 duration, e.g. PT1H or P1D'],
    ['an expiration before the start', fixed(1, { start_date: '2026-02-01T00:00:00Z', expiration_date: '2026-01-01T00:00:00Z' }), 'Property expiration_date must be after start_date'],
  ])('refuses %s with 400 invalid_payload, creating none of the array', async (_case, rule, details) => {
    const res = await api.post(rulesPath(), [fixed(1), rule]);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
    expect((await ok(api.get(rulesPath()))).total).toBe(0);
  });

  it('refuses a body that is no array, and an unknown loyalty type, by the spec', async () => {
    expectError(await api.post(rulesPath(), fixed(1)), 400, 'invalid_payload', 'Invalid payload');
    expectError(await api.post(rulesPath(), [{ event: 'order.paid', loyalty: { type: 'TIERED', points: 1 } }]), 400, 'invalid_payload', 'Invalid payload');
  });

  it('answers 404 for an unknown program, segment or validation rule', async () => {
    let body = expectError(await api.post(rulesPath('No Such Program'), [fixed(1)]), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe('Cannot find campaign with id No Such Program');
    body = expectError(await api.post(rulesPath('camp_MK2xTY2xA6bznBRkirAgsXOh'), [fixed(1)]), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe('Cannot find campaign with id camp_MK2xTY2xA6bznBRkirAgsXOh');
    body = expectError(await api.post(rulesPath(), [{ event: 'customer.segment.entered', segment: { id: 'seg_nope' }, loyalty: { type: 'FIXED', points: 1 } }]), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find segment with id seg_nope', resource_type: 'segment' });
    body = expectError(await api.post(rulesPath(), [fixed(1, { validation_rule_id: 'val_nope' })]), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find validation_rule with id val_nope', resource_id: 'val_nope' });
  });
});

describe('the other earning rule operations', () => {
  it('lists newest first by default, pages, and orders by created_at', async () => {
    const first = await createRule(fixed(1));
    now = new Date(NOW.getTime() + 1000);
    const second = await createRule(fixed(2));
    expect(await ok(api.get(rulesPath()))).toEqual({ object: 'list', data_ref: 'data', data: [second, first], total: 2 });
    expect((await ok(api.get(`${rulesPath()}?order=created_at&limit=1`))).data).toEqual([first]);
    expect((await ok(api.get(`${rulesPath()}?limit=1&page=2`))).data).toEqual([first]);
  });

  it('gets, updates, disables, enables and deletes a rule', async () => {
    const rule = await createRule(fixed(10, { pending_points: { period_type: 'DAY', period_value: 3 } }));
    expect(await ok(api.get(`${rulesPath()}/${rule.id}`))).toEqual(rule);
    now = new Date(NOW.getTime() + 60_000);
    const updated = await ok(api.put(`${rulesPath()}/${rule.id}`, { loyalty: { type: 'FIXED', points: 15 }, source: { banner: 'More' }, pending_points: null, metadata: { v: 2 } }));
    expect(updated).toEqual({ ...rule, updated_at: now.toISOString(), loyalty: { type: 'FIXED', points: 15 }, source: { ...rule.source, banner: 'More' }, pending_points: undefined, metadata: { v: 2 } });
    expect(updated).not.toHaveProperty('pending_points');
    expect((await ok(api.post(`${rulesPath()}/${rule.id}/disable`, {}))).active).toBe(false);
    expect((await ok(api.post(`${rulesPath()}/${rule.id}/enable`))).active).toBe(true);
    await ok(api.delete(`${rulesPath()}/${rule.id}`), 204);
    const body = expectError(await api.get(`${rulesPath()}/${rule.id}`), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: `Cannot find earning_rule with id ${rule.id}`, resource_id: rule.id, resource_type: 'earning_rule' });
  });

  it('refuses an update the rule cannot compute, and changes nothing', async () => {
    const rule = await createRule(fixed(10));
    const res = await api.put(`${rulesPath()}/${rule.id}`, { loyalty: { type: 'PROPORTIONAL', calculation_type: 'CUSTOM_EVENT_METADATA', custom_event: { metadata: { every: 1, points: 1, property: 'n' } } } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe('Calculation type CUSTOM_EVENT_METADATA cannot be used with event order.paid');
    expect(await ok(api.get(`${rulesPath()}/${rule.id}`))).toEqual(rule);
  });

  it.each([
    ['get', (id: string) => api.get(`${rulesPath()}/${id}`)],
    ['update', (id: string) => api.put(`${rulesPath()}/${id}`, { active: false })],
    ['delete', (id: string) => api.delete(`${rulesPath()}/${id}`)],
    ['enable', (id: string) => api.post(`${rulesPath()}/${id}/enable`)],
    ['disable', (id: string) => api.post(`${rulesPath()}/${id}/disable`)],
  ])('%s: 404 for an unknown rule, and for a rule of another program', async (_op, call) => {
    const body = expectError(await call('ern_nope'), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe('Cannot find earning_rule with id ern_nope');
    const other = await ok(api.post('/v1/loyalties', { name: 'Other', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    const theirs = (await ok(api.post(rulesPath(other.id), [fixed(1)])))[0];
    expectError(await call(theirs.id), 404, 'not_found', 'Resource not found');
  });
});

describe('earning on paid orders', () => {
  it('adds FIXED points when a PAID order is created, with a POINTS_ACCRUAL transaction naming order, event and rule', async () => {
    const rule = await createRule(fixed(20));
    const order = await payOrder({ source_id: 'ord-1', amount: 5000 });
    expect(await card()).toMatchObject({ points: 270, balance: 270 });
    const [transaction] = await transactions();
    expect(transaction).toEqual({
      id: expect.stringMatching(/^vtx_/),
      source_id: null,
      voucher_id: BOB_CARD_ID,
      campaign_id: CLUB,
      source: 'Automation',
      reason: null,
      type: 'POINTS_ACCRUAL',
      details: {
        balance: { type: 'loyalty_card', total: 270, points: 20, object: 'balance', balance: 270, related_object: { id: BOB_CARD_ID, type: 'voucher' } },
        order: { id: order.id, source_id: 'ord-1' },
        event: { id: expect.stringMatching(/^evcus_[0-9a-f]{18}$/), type: 'customer.order.paid' },
        earning_rule: { id: rule.id, source: { banner: 'Order paid 20' } },
      },
      related_transaction_id: null,
      created_at: NOW.toISOString(),
    });
  });

  it('earns once per order: when it becomes PAID, not when a PAID order is updated again', async () => {
    await createRule(fixed(20));
    await ok(api.post('/v1/orders', { source_id: 'ord-2', amount: 5000, customer: { id: BOB } }));
    expect((await card()).balance).toBe(250);
    await ok(api.put('/v1/orders/ord-2', { status: 'PAID' }));
    expect((await card()).balance).toBe(270);
    await ok(api.put('/v1/orders/ord-2', { status: 'PAID', metadata: { again: true } }));
    await ok(api.put('/v1/orders/ord-2', { status: 'CANCELED' }));
    await ok(api.put('/v1/orders/ord-2', { status: 'PAID' }));
    expect((await card()).balance).toBe(270);
  });

  it('computes each PROPORTIONAL calculation type: every N gives M points, whole multiples only', async () => {
    await ok(api.put('/v1/customers/bob-shopper', { metadata: { ltv: 11 } }));
    const product = await ok(api.post('/v1/products', { name: 'Phone', source_id: 'phone', price: 30000 }));
    await createRules(
      proportional('ORDER_AMOUNT', { order: { amount: { every: 1000, points: 1 } } }),
      proportional('ORDER_TOTAL_AMOUNT', { order: { total_amount: { every: 1000, points: 2 } } }),
      proportional('ORDER_METADATA', { order: { metadata: { every: 2, points: 5, property: 'visits' } } }),
      proportional('ORDER_ITEMS_QUANTITY', { order_items: { quantity: { every: 1, points: 3, object: 'product', id: product.id } } }),
      proportional('ORDER_ITEMS_AMOUNT', { order_items: { amount: { every: 10000, points: 1, applicable_to: [{ object: 'product', id: product.id }] } } }),
      proportional('ORDER_ITEMS_SUBTOTAL_AMOUNT', { order_items: { subtotal_amount: { every: 10000, points: 10, object: 'product', id: product.id } } }),
      proportional('CUSTOMER_METADATA', { customer: { metadata: { every: 4, points: 1, property: 'ltv' } } }),
    );
    // 2 phones (60000, 5000 off them) and a 5500 other item; 2000 off the order.
    await payOrder({
      discount_amount: 2000,
      metadata: { visits: 7 },
      items: [
        { product_id: product.id, quantity: 2, price: 30000, discount_amount: 5000 },
        { source_id: 'socks', quantity: 1, price: 5500 },
      ],
    });
    const accruals = (await transactions()).map((t: Json) => t.details.balance.points).reverse();
    // amount 65500 → 65; total 65500 - 7000 = 58500 → 58×2 = 116; visits 7 → 3×5 = 15; 2 phones → 6;
    // phones 60000 → 6; phones' subtotal 55000 → 5×10 = 50; ltv 11 → 2.
    expect(accruals).toEqual([65, 116, 15, 6, 6, 50, 2]);
    expect((await card()).balance).toBe(250 + 65 + 116 + 15 + 6 + 6 + 50 + 2);
  });

  it('earns on the order a redemption pays, by its total after the discount', async () => {
    await createRule(proportional('ORDER_TOTAL_AMOUNT', { order: { total_amount: { every: 100, points: 1 } } }));
    await ok(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: 'SUMMER-Q7K2M9' }], order: { amount: 5000 }, customer: { id: BOB } }));
    expect((await card()).balance).toBe(250 + 40);
  });

  it('gives nothing for disabled rules, rules out of their dates or days, orders without a customer, and customers without a card', async () => {
    const tomorrow = new Date(NOW.getTime() + DAY).toISOString();
    const yesterday = new Date(NOW.getTime() - DAY).toISOString();
    await createRules(
      fixed(1, { active: false }),
      fixed(2, { start_date: tomorrow }),
      fixed(4, { start_date: '2026-01-01T00:00:00Z', expiration_date: yesterday }),
      fixed(8, { validity_day_of_week: [(NOW.getUTCDay() + 1) % 7] }),
      fixed(16, { validity_hours: { daily: [{ start_time: '00:00', expiration_time: '01:00' }] } }),
    );
    await payOrder({ amount: 5000 });
    await ok(api.post('/v1/orders', { status: 'PAID', amount: 5000 }));
    await ok(api.post('/v1/orders', { status: 'PAID', amount: 5000, customer: { source_id: 'carol-friend' } }));
    expect((await card()).balance).toBe(250);
    expect(await transactions()).toEqual([]);
  });

  it('earns only when the validation rule of the earning rule holds', async () => {
    const validation = await ok(api.post('/v1/validation-rules', { name: 'Big orders', rules: { '1': { name: 'order.amount', conditions: { $more_than: [10000] } }, logic: '1' } }));
    await createRule(fixed(50, { validation_rule_id: validation.id }));
    await payOrder({ amount: 5000 });
    expect((await card()).balance).toBe(250);
    await payOrder({ amount: 20000 });
    expect((await card()).balance).toBe(300);
  });

  it('earns nothing for an order the request refuses', async () => {
    await createRule(fixed(20));
    const res = await api.post('/v1/orders', { status: 'PAID', amount: 5000, customer: { id: BOB }, referrer: { id: 'cust_nope' } });
    expectError(res, 404, 'not_found', 'Resource not found');
    expect((await card()).balance).toBe(250);
  });
});

describe('customer.segment.entered', () => {
  const gold = { junction: 'and', 'metadata.tier': { conditions: { $in: ['gold'] } } };

  it('earns once per entry into an auto-update segment, again after leaving and entering', async () => {
    const segment = await ok(api.post('/v1/segments', { name: 'Gold', type: 'auto-update', filter: gold }));
    await createRule({ event: 'customer.segment.entered', segment: { id: segment.id }, loyalty: { type: 'FIXED', points: 100 } });
    await ok(api.put('/v1/customers/bob-shopper', { metadata: { tier: 'gold' } }));
    expect((await card()).balance).toBe(350);
    await ok(api.put('/v1/customers/bob-shopper', { metadata: { tier: 'gold', visits: 2 } }));
    await ok(api.post('/v1/customers', { source_id: 'bob-shopper', name: 'Bob' }));
    expect((await card()).balance).toBe(350);
    await ok(api.put('/v1/customers/bob-shopper', { metadata: { tier: 'silver' } }));
    await ok(api.post('/v1/customers', { source_id: 'bob-shopper', metadata: { tier: 'gold' } }));
    expect((await card()).balance).toBe(450);
    const [transaction] = await transactions();
    expect(transaction).toMatchObject({ type: 'POINTS_ACCRUAL', details: { event: { type: 'customer.segment.entered' } } });
    expect(transaction.details).not.toHaveProperty('order');
  });

  it('earns by CUSTOMER_METADATA on entry, and nothing for a static segment the customer was already in', async () => {
    const vip = await ok(api.post('/v1/segments', { name: 'VIP', type: 'static', customers: [BOB] }));
    const segment = await ok(api.post('/v1/segments', { name: 'Gold', type: 'auto-update', filter: gold }));
    await createRules(
      { event: 'customer.segment.entered', segment: { id: vip.id }, loyalty: { type: 'FIXED', points: 1000 } },
      { event: 'customer.segment.entered', segment: { id: segment.id }, loyalty: { type: 'PROPORTIONAL', calculation_type: 'CUSTOMER_METADATA', customer: { metadata: { every: 10, points: 3, property: 'spent' } } } },
    );
    await ok(api.put('/v1/customers/bob-shopper', { metadata: { tier: 'gold', spent: 45 } }));
    expect((await card()).balance).toBe(250 + 12);
  });
});

describe('pending points', () => {
  const pendingRule = (days: number, points = 30) => createRule(fixed(points, { pending_points: { period_type: 'DAY', period_value: days } }));

  it('keeps the points pending, lists them on the three paths, and activates them when the clock reaches their day', async () => {
    const rule = await pendingRule(2);
    const order = await payOrder({ source_id: 'ord-p', amount: 5000 });
    expect(await card()).toMatchObject({ points: 250, balance: 250, pending_points: 30 });
    const list = await ok(api.get(`/v1/loyalties/members/${BOB_CARD}/pending-points`));
    expect(list).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [
        {
          id: expect.stringMatching(/^lopp_[0-9a-f]{18}$/),
          voucher_id: BOB_CARD_ID,
          campaign_id: CLUB,
          customer_id: BOB,
          order_id: order.id,
          points: 30,
          activates_at: '2026-11-24',
          details: {
            event: { id: expect.stringMatching(/^evcus_/), type: 'customer.order.paid', group_id: expect.stringMatching(/^v-/), entity_id: BOB, created_at: NOW.toISOString(), category: 'EFFECT', event_source: { channel: 'API' } },
            earning_rule: { id: rule.id, source: { banner: 'Order paid 30' } },
            order: { id: order.id, source_id: 'ord-p' },
          },
          created_at: NOW.toISOString(),
        },
      ],
      has_more: false,
    });
    expect(await ok(api.get(`/v1/loyalties/${CLUB}/members/${BOB_CARD}/pending-points`))).toEqual(list);
    expect(await ok(api.get(`/v1/loyalties/Loyalty Club/pending-points`))).toEqual(list);

    now = new Date(NOW.getTime() + DAY);
    expect((await card()).balance).toBe(250);
    now = new Date(Date.parse('2026-11-24T00:00:00Z'));
    expect(await card()).toMatchObject({ points: 280, balance: 280, pending_points: 0 });
    const [activation] = await transactions();
    expect(activation).toMatchObject({
      type: 'PENDING_POINTS_ACTIVATION',
      details: { balance: { points: 30, balance: 280, total: 280 }, order: { id: order.id, source_id: 'ord-p' }, earning_rule: { id: rule.id } },
    });
    expect((await ok(api.get(`/v1/loyalties/members/${BOB_CARD}/pending-points`))).data).toEqual([]);
  });

  it('activates, changes and cancels pending points by hand; a second action names their state', async () => {
    await pendingRule(5);
    await payOrder({ amount: 100 });
    await payOrder({ amount: 200 });
    await payOrder({ amount: 300 });
    const [third, second, first] = (await ok(api.get(`/v1/loyalties/members/${BOB_CARD}/pending-points`))).data;
    const path = (id: string, action: string) => `/v1/loyalties/members/${BOB_CARD}/pending-points/${id}/${action}`;

    expect(await ok(api.post(path(first.id, 'activate')))).toEqual({
      points: 30,
      total: 280,
      balance: 280,
      type: 'loyalty_card',
      object: 'balance',
      related_object: { type: 'voucher', id: BOB_CARD_ID },
      operation_type: 'MANUAL',
    });
    expect(await ok(api.post(path(second.id, 'balance'), { points: -10 }))).toEqual({
      points: -10,
      total: 20,
      object: 'balance',
      related_object: { type: 'voucher', id: BOB_CARD_ID },
      operation_type: 'MANUAL',
    });
    await ok(api.post(path(third.id, 'cancel')), 204);
    expect(await card()).toMatchObject({ balance: 280, pending_points: 20 });
    expect((await ok(api.get(`/v1/loyalties/members/${BOB_CARD}/pending-points`))).data.map((p: Json) => [p.id, p.points])).toEqual([[second.id, 20]]);

    let body = expectError(await api.post(path(first.id, 'activate')), 400, 'invalid_pending_points_state', 'Invalid pending points state');
    expect(body.details).toBe("Only pending points in 'PENDING' status can be activated. Current status: 'ACTIVATED'.");
    body = expectError(await api.post(path(third.id, 'cancel')), 400, 'invalid_pending_points_state', 'Invalid pending points state');
    expect(body.details).toBe("Only pending points in 'PENDING' status can be canceled. Current status: 'CANCELED'.");
    body = expectError(await api.post(path(first.id, 'balance'), { points: 5 }), 400, 'invalid_pending_points_state', 'Invalid pending points state');
    expect(body.details).toBe("Only pending points in 'PENDING' status can be updated. Current status: 'ACTIVATED'.");
    body = expectError(await api.post(path(second.id, 'balance'), { points: -20 }), 400, 'invalid_amount', 'Invalid Amount');
    expect(body.details).toBe('Amount has to be a valid positive number');
    body = expectError(await api.post(path('lopp_nope', 'activate')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find pending_points with id lopp_nope', resource_type: 'pending_points' });
    body = expectError(await api.post(`/v1/loyalties/members/NoSuchCard/pending-points/${second.id}/cancel`), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe('Cannot find voucher with id NoSuchCard');
    expectError(await api.post(`/v1/loyalties/members/LC-00000001/pending-points/${second.id}/cancel`), 404, 'not_found', 'Resource not found');
  });

  it('pages by id with starting_after_id; 404 for an unknown program or a card of another program', async () => {
    await pendingRule(5);
    for (const amount of [100, 200, 300]) await payOrder({ amount });
    const page = await ok(api.get(`/v1/loyalties/${CLUB}/pending-points?limit=2&order=id`));
    expect(page.has_more).toBe(true);
    const rest = await ok(api.get(`/v1/loyalties/${CLUB}/pending-points?limit=2&order=id&starting_after_id=${page.more_starting_after}`));
    expect(rest.has_more).toBe(false);
    expect([...page.data, ...rest.data].map((p: Json) => p.order_id)).toHaveLength(3);
    expectError(await api.get('/v1/loyalties/Nope/pending-points'), 404, 'not_found', 'Resource not found');
    const other = await ok(api.post('/v1/loyalties', { name: 'Other', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    expectError(await api.get(`/v1/loyalties/${other.id}/members/${BOB_CARD}/pending-points`), 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/loyalties/{campaignId}/qualifications (estimate-points)', () => {
  const estimate = (body: Json, program = CLUB) => api.post(`/v1/loyalties/${encodeURIComponent(program)}/qualifications`, body);

  it("sums what the program's applicable order.paid rules would give, pending ones too, writing nothing", async () => {
    await createRules(
      fixed(20),
      proportional('ORDER_TOTAL_AMOUNT', { order: { total_amount: { every: 1000, points: 1 } } }, { pending_points: { period_type: 'DAY', period_value: 1 } }),
      fixed(500, { active: false }),
      { event: 'visited', loyalty: { type: 'FIXED', points: 1000 } },
    );
    const res = await ok(estimate({ customer: { source_id: 'bob-shopper' }, order: { amount: 12000, discount_amount: 2000 } }));
    expect(res).toEqual({ campaign: { id: CLUB, name: 'Loyalty Club', object: 'campaign' }, points_estimation: 20 + 10 });
    expect(await card()).toMatchObject({ balance: 250 });
    expect((await ok(api.get('/v1/orders'))).total).toBe(0);
  });

  it('reads a stored order by source_id, the fields sent over it, and the metadata the customer sends', async () => {
    await createRules(
      proportional('ORDER_AMOUNT', { order: { amount: { every: 100, points: 1 } } }),
      proportional('CUSTOMER_METADATA', { customer: { metadata: { every: 1, points: 2, property: 'visits' } } }),
    );
    await ok(api.post('/v1/orders', { source_id: 'cart-1', amount: 3000 }));
    expect((await ok(estimate({ customer: { id: BOB, metadata: { visits: 3 } }, order: { source_id: 'cart-1' } }))).points_estimation).toBe(30 + 6);
    expect((await ok(estimate({ customer: { id: BOB }, order: { source_id: 'cart-1', amount: 500 } }))).points_estimation).toBe(5);
  });

  it('refuses an inactive program, a non-member of a program without auto-join, and an inactive card', async () => {
    let body = expectError(await estimate({ customer: { source_id: 'carol-friend' }, order: { amount: 100 } }), 400, 'campaign_not_allow_auto_join', `Loyalty campaign '${CLUB}' does not allow auto-join for non-members`);
    expect(body.details).toBe('Given campaign does not allow auto-join');
    await ok(api.post(`/v1/vouchers/${BOB_CARD}/disable`));
    body = expectError(await estimate({ customer: { source_id: 'bob-shopper' }, order: { amount: 100 } }), 400, 'loyalty_card_not_active', `Customer's loyalty card '${BOB_CARD}' is not active`);
    expect(body.details).toBe("Given customer's loyalty card is not active");
    const ended = await ok(api.post('/v1/loyalties', { name: 'Ended', expiration_date: '2026-01-01T00:00:00Z', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
    body = expectError(await estimate({ customer: { source_id: 'bob-shopper' }, order: { amount: 100 } }, ended.id), 400, 'campaign_not_active', `Loyalty campaign '${ended.id}' is not active`);
    expect(body.details).toBe('Given campaign is not active');
  });

  it('answers 404 for an unknown program, customer id or order id, and 400 without customer or order', async () => {
    expect(expectError(await estimate({ customer: { id: BOB }, order: { amount: 1 } }, 'camp_nope'), 404, 'not_found', 'Resource not found').details).toBe('Cannot find campaign with id camp_nope');
    expect(expectError(await estimate({ customer: { id: 'cust_nope' }, order: { amount: 1 } }), 404, 'not_found', 'Resource not found').details).toBe('Cannot find customer with id cust_nope');
    expect(expectError(await estimate({ customer: { id: BOB }, order: { id: 'ord_nope' } }), 404, 'not_found', 'Resource not found').details).toBe('Cannot find order with id ord_nope');
    expectError(await estimate({ order: { amount: 1 } }), 400, 'invalid_payload', 'Invalid payload');
    expectError(await estimate({ customer: { id: BOB } }), 400, 'invalid_payload', 'Invalid payload');
  });
});

describe('pending points due, seen through any lookup of the card', () => {
  it('GET /v1/vouchers/{code} shows them activated once the clock reaches their day', async () => {
    await createRule(fixed(30, { pending_points: { period_type: 'DAY', period_value: 1 } }));
    await payOrder({ amount: 100 });
    expect((await ok(api.get(`/v1/vouchers/${BOB_CARD}`))).loyalty_card).toMatchObject({ balance: 250, pending_points: 30 });
    now = new Date(NOW.getTime() + DAY);
    expect((await ok(api.get(`/v1/vouchers/${BOB_CARD}`))).loyalty_card).toMatchObject({ points: 280, balance: 280, pending_points: 0 });
    expect((await transactions())[0].type).toBe('PENDING_POINTS_ACTIVATION');
  });
});
