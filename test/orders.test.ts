// Orders: created (or updated by id or source_id), listed, read and changed, with their totals.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

async function created(body: Record<string, unknown>) {
  const res = await api.post('/v1/orders', body);
  expect(res.status).toBe(200);
  return res.body;
}

/** The official request example "Example 2" of POST /v1/orders, sent as it is. */
const officialExample = {
  source_id: 'new',
  status: 'FULFILLED',
  metadata: { location_id: ['L1', 'L2'], payment_mean: ['paypal', 'credit-card'] },
  customer: {
    source_id: 'bob.smith.1@email.com',
    name: 'Bob Smith',
    description: 'A nice customer',
    email: 'bob.smith.1@email.com',
    phone: '+1 933 222 3333',
    address: { city: 'New York', country: 'United Statese', line_1: '123 Main St', line_2: 'APT 3 BLG 4', postal_code: '10001', state: 'NY' },
    metadata: { lang: 'en', test: false },
    birthdate: '2022-01-02',
  },
  referrer: { source_id: 'jane.smith@email.com', name: 'Jane Smith', email: 'jane.smith@email.com', birthday: '2022-03-03' },
  items: [
    { source_id: 'prod_1', related_object: 'product', quantity: 2, product: { name: 'Apple iPhone 12', price: 60000, metadata: { color: ['purple'], vendor: 'mall' }, override: true } },
    {
      source_id: 'ComicBook_1',
      related_object: 'sku',
      quantity: 1,
      product: { source_id: 'Books', name: 'Comic Books1', price: 2100, metadata: { color: ['silver'], vendor: 'Bookstore1' }, override: true },
      sku: { sku: 'Comics1', source_id: 'ComicBook_1', price: 1700, metadata: { color: ['golden'], vendor: 'islands' }, override: true },
    },
  ],
};

describe('POST /v1/orders', () => {
  it('creates the official example with its totals, items priced from their SKU or product, and its people', async () => {
    const order = await created(officialExample);
    expect(order).toMatchObject({
      id: expect.stringMatching(/^ord_[A-Za-z0-9]{24}$/),
      source_id: 'new',
      created_at: NOW.toISOString(),
      updated_at: null,
      status: 'FULFILLED',
      amount: 121700,
      total_amount: 121700,
      metadata: officialExample.metadata,
      customer: { id: expect.stringMatching(/^cust_/), object: 'customer' },
      referrer: { id: expect.stringMatching(/^cust_/), object: 'customer' },
      object: 'order',
    });
    expect(order.items).toEqual([
      expect.objectContaining({ object: 'order_item', source_id: 'prod_1', related_object: 'product', quantity: 2, amount: 120000, price: 60000, subtotal_amount: 120000 }),
      expect.objectContaining({ object: 'order_item', source_id: 'ComicBook_1', related_object: 'sku', quantity: 1, amount: 1700, price: 1700, subtotal_amount: 1700 }),
    ]);
    expect(order.customer_id).toBe(order.customer.id);
    const customer = await api.get(`/v1/customers/${order.customer_id}`);
    expect(customer.body).toMatchObject({ source_id: 'bob.smith.1@email.com', name: 'Bob Smith', address: { city: 'New York' } });
    expect((await api.get('/v1/customers/jane.smith@email.com')).body.id).toBe(order.referrer_id);
  });

  it('creates the official "Example" (an amount, a customer by source_id, PAID)', async () => {
    const order = await created({
      amount: 20000,
      customer: { source_id: 'sample_customer' },
      status: 'PAID',
      items: [{ quantity: 1, price: 20000, source_id: 'sample product1', related_object: 'product', product: { metadata: { key: 'value' } } }],
    });
    expect(order).toMatchObject({ source_id: null, status: 'PAID', amount: 20000, total_amount: 20000, referrer_id: null });
    expect(order).not.toHaveProperty('referrer');
  });

  it.each<[string, Record<string, unknown>, { amount: number; total_amount: number; status: string }]>([
    ['no items and no amount', {}, { amount: 0, total_amount: 0, status: 'CREATED' }],
    ['items without an amount', { items: [{ product_id: 'p1', price: 250, quantity: 4 }, { product_id: 'p2', price: 99 }] }, { amount: 1099, total_amount: 1099, status: 'CREATED' }],
    ['an amount beside its items', { amount: 5000, items: [{ product_id: 'p1', price: 250 }] }, { amount: 5000, total_amount: 5000, status: 'CREATED' }],
    ['a discount made elsewhere', { amount: 5000, discount_amount: 1200, status: 'PAID' }, { amount: 5000, total_amount: 3800, status: 'PAID' }],
  ])('computes the totals of %s', async (_name, body, expected) => {
    expect(await created(body)).toMatchObject(expected);
  });

  it('updates the order with a known source_id instead of creating another', async () => {
    const first = await created({ source_id: 'order-1', amount: 1000 });
    const second = await created({ source_id: 'order-1', status: 'PAID', metadata: { paid_by: 'card' } });
    expect(second).toMatchObject({ id: first.id, status: 'PAID', amount: 1000, metadata: { paid_by: 'card' }, created_at: first.created_at, updated_at: NOW.toISOString() });
    expect((await api.get('/v1/orders')).body.total).toBe(1);
  });

  it("takes an item's quantity, price and amount sent as strings, as Voucherify does", async () => {
    const res = await api.post('/v1/orders', { items: [{ product_id: 'p', quantity: '3', price: '1500' }, { product_id: 'q', amount: '700' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amount: 5200, total_amount: 5200 });
    expect(res.body.items.map((i: { quantity: number; amount: number }) => [i.quantity, i.amount])).toEqual([
      [3, 4500],
      [1, 700],
    ]);
  });

  it('answers 404 for an id the tenant does not have', async () => {
    const body = expectError(await api.post('/v1/orders', { id: 'ord_missing', amount: 10 }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find order with id ord_missing', resource_id: 'ord_missing', resource_type: 'order' });
  });

  it('answers 404 for an unknown customer_id and writes nothing', async () => {
    const body = expectError(
      await api.post('/v1/orders', { source_id: 'never-made', referrer: { source_id: 'never-made-referrer' }, customer_id: 'cust_missing' }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(body.details).toBe('Cannot find customer with id cust_missing');
    expect((await api.get('/v1/orders/never-made')).status).toBe(404);
    expect((await api.get('/v1/customers/never-made-referrer')).status).toBe(404);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown status', { status: 'SHIPPED' }, 'Property .status must be equal to one of the allowed values [ CREATED, PAID, CANCELED, FULFILLED ]'],
    ['a negative quantity', { items: [{ product_id: 'p', quantity: -1 }] }, 'Property .items[0].quantity must be >= 0'],
    ['an amount that is no whole number of cents', { amount: 10.5 }, 'Property .amount must be integer'],
    ['a quantity that is no number', { items: [{ product_id: 'p', quantity: 'two' }] }, 'Property .items[0].quantity must be integer'],
    ['a price in a string that is no whole number', { items: [{ product_id: 'p', price: '10.5' }] }, 'Property .items[0].price must be integer'],
  ])('refuses %s', async (_name, body, details) => {
    expect(expectError(await api.post('/v1/orders', body), 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
  });
});

describe('GET /v1/orders/{orderId}', () => {
  it('finds an order by id and by source_id', async () => {
    const order = await created({ source_id: 'shop-42', amount: 4200 });
    expect((await api.get(`/v1/orders/${order.id}`)).body).toEqual(order);
    expect((await api.get('/v1/orders/shop-42')).body).toEqual(order);
  });

  it('answers 404 for an unknown order', async () => {
    expect(expectError(await api.get('/v1/orders/nope'), 404, 'not_found', 'Resource not found').details).toBe('Cannot find order with id nope');
  });
});

describe('PUT /v1/orders/{orderId}', () => {
  it('changes only the fields sent', async () => {
    const order = await created({ source_id: 'shop-7', items: [{ product_id: 'p1', price: 1000, quantity: 2 }], metadata: { a: 1 } });
    const res = await api.put('/v1/orders/shop-7', { status: 'CANCELED' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...order, status: 'CANCELED', updated_at: NOW.toISOString() });
  });

  it('recomputes the amounts from new items', async () => {
    const order = await created({ items: [{ product_id: 'p1', price: 1000 }] });
    const res = await api.put(`/v1/orders/${order.id}`, { items: [{ product_id: 'p1', price: 1000, quantity: 3 }, { product_id: 'p2', price: 50 }] });
    expect(res.body).toMatchObject({ id: order.id, amount: 3050, total_amount: 3050 });
    expect(res.body.items.map((i: { amount: number }) => i.amount)).toEqual([3000, 50]);
  });

  it('keeps the order where the path names it, whatever source_id the body sends', async () => {
    const order = await created({ source_id: 'kept' });
    const res = await api.put(`/v1/orders/${order.id}`, { source_id: 'other', status: 'PAID' });
    expect(res.body).toMatchObject({ id: order.id, source_id: 'kept', status: 'PAID' });
  });

  it('answers 404 for an unknown order', async () => {
    expectError(await api.put('/v1/orders/ord_nope', { status: 'PAID' }), 404, 'not_found', 'Resource not found');
  });
});

describe('GET /v1/orders', () => {
  it('lists orders newest first, in pages, with the total', async () => {
    const made = [];
    for (let i = 1; i <= 3; i++) made.push(await created({ source_id: `list-${i}`, amount: i * 100 }));
    const res = await api.get('/v1/orders?limit=2');
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'orders', total: 3 });
    expect(res.body.orders.map((o: { id: string }) => o.id)).toEqual([made[2].id, made[1].id]);
    expect((await api.get('/v1/orders?limit=2&page=2')).body.orders.map((o: { id: string }) => o.id)).toEqual([made[0].id]);
    expect((await api.get('/v1/orders?order=created_at')).body.orders.map((o: { id: string }) => o.id)).toEqual(made.map((o) => o.id));
  });

  it('refuses an order it cannot sort by', async () => {
    expectError(await api.get('/v1/orders?order=amount'), 400, 'invalid_query_params', 'Invalid query params');
  });
});
