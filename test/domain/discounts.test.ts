// Discount maths to the cent: every type and effect, caps, rounding, sharing out, gift credits, and the
// official stacked example's totals.

import { applyDiscount, applyGiftCredits, split } from '../../src/domain/discounts/index.js';
import { calculateOrder, orderView, startStep, withAppliedSince, type CalculatedOrder, type OrderItemInput } from '../../src/domain/orders.js';
import type { Discount } from '../../src/domain/records.js';

const item = (product_id: string, price: number, quantity = 1): OrderItemInput => ({ product_id, price, quantity });
/** The official example's cart: 20.00 and 7.00. */
const cart = () => calculateOrder({ items: [item('prod_watch', 2000), item('prod_roses', 700)] });

interface Outcome {
  applied: number;
  amount: number;
  discount_amount: number;
  items_discount: number[];
  total_amount: number;
}

const outcome = (order: CalculatedOrder, applied: number): Outcome => ({
  applied,
  amount: order.amount,
  discount_amount: order.discount_amount,
  items_discount: order.items.map((i) => i.discount_amount),
  total_amount: order.total_amount,
});

describe('calculateOrder', () => {
  it.each<[string, Parameters<typeof calculateOrder>[0], { amount: number; items: number[] }]>([
    ['items priced by quantity', { items: [item('a', 250, 4), item('b', 100)] }, { amount: 1100, items: [1000, 100] }],
    ['an item amount as sent', { items: [{ product_id: 'a', quantity: 2, amount: 450 }] }, { amount: 450, items: [450] }],
    ['an order amount as sent, beside its items', { amount: 9999, items: [item('a', 100)] }, { amount: 9999, items: [100] }],
    ['an order of an amount only', { amount: 5500 }, { amount: 5500, items: [] }],
    ['no order', undefined, { amount: 0, items: [] }],
    ['an item without a price', { items: [{ product_id: 'a', quantity: 3 }] }, { amount: 0, items: [0] }],
  ])('%s', (_name, input, expected) => {
    const order = calculateOrder(input);
    expect({ amount: order.amount, items: order.items.map((i) => i.amount), total: order.total_amount }).toEqual({ ...expected, total: expected.amount });
  });

  it('keeps a discount sent with the order in its totals', () => {
    const order = calculateOrder({ amount: 1000, discount_amount: 200 });
    expect([order.total_discount_amount, order.total_amount]).toEqual([200, 800]);
  });
});

describe('applyDiscount', () => {
  const cases: [string, () => CalculatedOrder, Discount, Outcome][] = [
    // AMOUNT
    ['AMOUNT off the order', cart, { type: 'AMOUNT', amount_off: 1000 }, { applied: 1000, amount: 2700, discount_amount: 1000, items_discount: [0, 0], total_amount: 1700 }],
    ['AMOUNT off the order, at most what is left', cart, { type: 'AMOUNT', amount_off: 5000, effect: 'APPLY_TO_ORDER' }, { applied: 2700, amount: 2700, discount_amount: 2700, items_discount: [0, 0], total_amount: 0 }],
    ['AMOUNT off each item, each at most its amount', cart, { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS' }, { applied: 1700, amount: 2700, discount_amount: 0, items_discount: [1000, 700], total_amount: 1000 }],
    [
      'AMOUNT off each item, capped per order',
      cart,
      { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS', aggregated_amount_limit: 1200 },
      { applied: 1200, amount: 2700, discount_amount: 0, items_discount: [1000, 200], total_amount: 1500 },
    ],
    [
      'AMOUNT off each unit',
      () => calculateOrder({ items: [item('a', 500, 3), item('b', 100, 2)] }),
      { type: 'AMOUNT', amount_off: 300, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' },
      { applied: 1100, amount: 1700, discount_amount: 0, items_discount: [900, 200], total_amount: 600 },
    ],
    [
      'AMOUNT shared by what is left of each item (largest remainder)',
      cart,
      { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY' },
      { applied: 1000, amount: 2700, discount_amount: 0, items_discount: [741, 259], total_amount: 1700 },
    ],
    [
      'AMOUNT shared by quantity, a full item passing its share on',
      () => calculateOrder({ items: [item('a', 1000, 2), item('b', 100, 1)] }),
      { type: 'AMOUNT', amount_off: 900, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY' },
      { applied: 900, amount: 2100, discount_amount: 0, items_discount: [800, 100], total_amount: 1200 },
    ],
    // PERCENT
    ['PERCENT of the order', cart, { type: 'PERCENT', percent_off: 10 }, { applied: 270, amount: 2700, discount_amount: 270, items_discount: [0, 0], total_amount: 2430 }],
    [
      'PERCENT of the order, rounded half away from zero',
      () => calculateOrder({ amount: 899 }),
      { type: 'PERCENT', percent_off: 40, effect: 'APPLY_TO_ORDER' },
      { applied: 360, amount: 899, discount_amount: 360, items_discount: [], total_amount: 539 },
    ],
    ['PERCENT capped by amount_limit', cart, { type: 'PERCENT', percent_off: 50, amount_limit: 1000 }, { applied: 1000, amount: 2700, discount_amount: 1000, items_discount: [0, 0], total_amount: 1700 }],
    ['PERCENT of each item', cart, { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' }, { applied: 270, amount: 2700, discount_amount: 0, items_discount: [200, 70], total_amount: 2430 }],
    [
      'PERCENT of each item, each rounded',
      () => calculateOrder({ items: [item('a', 333), item('b', 999)] }),
      { type: 'PERCENT', percent_off: 15, effect: 'APPLY_TO_ITEMS' },
      { applied: 200, amount: 1332, discount_amount: 0, items_discount: [50, 150], total_amount: 1132 },
    ],
    [
      'PERCENT of each item, capped by amount_limit in item order',
      cart,
      { type: 'PERCENT', percent_off: 50, effect: 'APPLY_TO_ITEMS', amount_limit: 1100 },
      { applied: 1100, amount: 2700, discount_amount: 0, items_discount: [1000, 100], total_amount: 1600 },
    ],
    // FIXED
    ['FIXED order total', cart, { type: 'FIXED', fixed_amount: 1500 }, { applied: 1200, amount: 2700, discount_amount: 1200, items_discount: [0, 0], total_amount: 1500 }],
    ['FIXED order total above what is left: nothing off', cart, { type: 'FIXED', fixed_amount: 3000 }, { applied: 0, amount: 2700, discount_amount: 0, items_discount: [0, 0], total_amount: 2700 }],
    [
      'FIXED price of each unit',
      () => calculateOrder({ items: [item('a', 2000, 2), item('b', 300)] }),
      { type: 'FIXED', fixed_amount: 500, effect: 'APPLY_TO_ITEMS' },
      { applied: 3000, amount: 4300, discount_amount: 0, items_discount: [3000, 0], total_amount: 1300 },
    ],
    // UNIT
    [
      'UNIT adding the missing units, all of them free',
      () => calculateOrder({ items: [item('prod_a', 500), item('prod_b', 1000)] }),
      { type: 'UNIT', unit_off: 2, unit_type: 'prod_a', effect: 'ADD_MISSING_ITEMS' },
      { applied: 1000, amount: 2000, discount_amount: 0, items_discount: [1000, 0], total_amount: 1000 },
    ],
    [
      'UNIT with enough units held: none added, one free',
      () => calculateOrder({ items: [item('prod_a', 500, 3)] }),
      { type: 'UNIT', unit_off: 1, unit_type: 'prod_a' },
      { applied: 500, amount: 1500, discount_amount: 0, items_discount: [500], total_amount: 1000 },
    ],
    [
      'UNIT adding new units whatever is held',
      () => calculateOrder({ items: [item('prod_a', 500), item('prod_b', 1000)] }),
      { type: 'UNIT', unit_off: 1, unit_type: 'prod_a', effect: 'ADD_NEW_ITEMS' },
      { applied: 500, amount: 2000, discount_amount: 0, items_discount: [500, 0], total_amount: 1500 },
    ],
    [
      'UNIT of a product the order lacks: added, at no known price',
      () => calculateOrder({ items: [item('prod_b', 1000)] }),
      { type: 'UNIT', unit_off: 2, unit_type: 'prod_gift', effect: 'ADD_NEW_ITEMS' },
      { applied: 0, amount: 1000, discount_amount: 0, items_discount: [0, 0], total_amount: 1000 },
    ],
    [
      "UNIT of a SKU the order lacks, priced by the SKU object the discount carries",
      () => calculateOrder({ items: [item('prod_b', 1000)] }),
      { type: 'UNIT', unit_off: 3, unit_type: 'sku_jacket', effect: 'ADD_NEW_ITEMS', sku: { id: 'sku_jacket', price: 29900 }, product: { id: 'prod_jacket' } },
      { applied: 89700, amount: 90700, discount_amount: 0, items_discount: [0, 89700], total_amount: 1000 },
    ],
    [
      'UNIT of many kinds, each with its own effect',
      () => calculateOrder({ items: [item('prod_a', 500), item('prod_b', 1000)] }),
      {
        type: 'UNIT',
        effect: 'ADD_MANY_ITEMS',
        units: [
          { unit_off: 1, unit_type: 'prod_a', effect: 'ADD_NEW_ITEMS' },
          { unit_off: 1, unit_type: 'prod_b', effect: 'ADD_MISSING_ITEMS' },
        ],
      },
      { applied: 1500, amount: 2000, discount_amount: 0, items_discount: [500, 1000], total_amount: 500 },
    ],
  ];

  it.each(cases)('%s', (_name, order, discount, expected) => {
    const { order: after, applied } = applyDiscount(order(), discount);
    expect(outcome(after, applied)).toEqual(expected);
    // The identities hold after every discount.
    expect(after.total_discount_amount).toBe(after.discount_amount + after.items_discount_amount);
    expect(after.total_amount).toBe(after.amount - after.total_discount_amount);
    expect(after.total_applied_discount_amount).toBe(applied);
  });

  it('only touches the items a rule makes applicable', () => {
    const { order, applied } = applyDiscount(cart(), { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS' }, {
      units: [0, 1],
      caps: [Infinity, Infinity],
      entries: [-1, 0],
      entryLimits: [Infinity],
    });
    expect(outcome(order, applied)).toEqual({ applied: 700, amount: 2700, discount_amount: 0, items_discount: [0, 700], total_amount: 2000 });
  });

  it('names an added SKU unit by sku_id and its product by product_id, with the objects the discount carries', () => {
    const sku = { id: 'sku_jacket', source_id: 'M0E2', sku: 'Jacket beige', price: 29900 };
    const product = { id: 'prod_jacket', name: 'Jacket' };
    const { order } = applyDiscount(calculateOrder({ items: [item('prod_b', 1000)] }), { type: 'UNIT', unit_off: 1, unit_type: 'sku_jacket', effect: 'ADD_NEW_ITEMS', sku, product });
    expect(order.items[1]).toMatchObject({ product_id: 'prod_jacket', sku_id: 'sku_jacket', quantity: 1, price: 29900, amount: 29900, discount_amount: 29900, initial_quantity: 0, product, sku });
  });

  it('shows a unit added without a known price with no amounts', () => {
    const { order } = applyDiscount(calculateOrder({ items: [item('prod_b', 1000)] }), { type: 'UNIT', unit_off: 1, unit_type: 'prod_shipping' });
    expect((orderView(order).items as unknown[])[1]).toEqual({ object: 'order_item', product_id: 'prod_shipping', quantity: 1, discount_quantity: 1, applied_discount_quantity: 1, initial_quantity: 0 });
  });

  it('records the units a UNIT discount added and made free', () => {
    const { order } = applyDiscount(calculateOrder({ items: [item('prod_a', 500)] }), { type: 'UNIT', unit_off: 3, unit_type: 'prod_a' });
    expect(order.items[0]).toMatchObject({ quantity: 3, initial_quantity: 1, initial_amount: 500, discount_quantity: 3, applied_discount_quantity: 3, amount: 1500, subtotal_amount: 0 });
  });
});

describe('applyGiftCredits', () => {
  it.each<[string, number, number | undefined, number]>([
    ['the credits asked for', 5000, 100, 100],
    ['the whole balance when none are named, at most what is left', 5000, undefined, 2700],
    ['at most the balance', 50, 100, 50],
    ['nothing from an empty card', 0, 100, 0],
  ])('takes %s', (_name, balance, requested, expected) => {
    const { order, applied } = applyGiftCredits(cart(), balance, requested);
    expect([applied, order.discount_amount, order.total_amount]).toEqual([expected, expected, 2700 - expected]);
  });
});

describe('split', () => {
  it.each<[number, number[], number[], number[]]>([
    [1000, [2000, 700], [2000, 700], [741, 259]],
    [100, [1, 1, 1], [100, 100, 100], [34, 33, 33]],
    [900, [2, 1], [2000, 100], [800, 100]],
    [5000, [1, 1], [1000, 700], [1000, 700]],
    [10, [0, 3], [100, 100], [0, 10]],
    [0, [1, 1], [10, 10], [0, 0]],
  ])('shares %d by %j under %j as %j', (total, weights, caps, expected) => {
    const shares = split(total, weights, caps);
    expect(shares).toEqual(expected);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(Math.min(total, caps.reduce((sum, cap, i) => sum + (weights[i] > 0 ? cap : 0), 0)));
  });
});

describe("the official stacked example (POST /v1/validations, '5 Redeemables')", () => {
  // An AMOUNT voucher of 10.00 on every item, a loyalty card (no discount), a gift card paying 1.00,
  // a promotion of 40% off the order, and one of 0.30 off it, on a cart of 20.00 and 7.00.
  const steps: [string, (order: CalculatedOrder) => { order: CalculatedOrder; applied: number }][] = [
    ['voucher', (o) => applyDiscount(o, { type: 'AMOUNT', effect: 'APPLY_TO_ITEMS', amount_off: 1000 })],
    ['loyalty card', (o) => ({ order: o, applied: 0 })],
    ['gift card', (o) => applyGiftCredits(o, 10000, 100)],
    ['promotion tier, 40%', (o) => applyDiscount(o, { type: 'PERCENT', effect: 'APPLY_TO_ORDER', percent_off: 40 })],
    ['promotion tier, 0.30', (o) => applyDiscount(o, { type: 'AMOUNT', effect: 'APPLY_TO_ORDER', amount_off: 30 })],
  ];

  it('gives each redeemable the official order, and the stack the official totals', () => {
    const start = cart();
    let order = start;
    const views: Record<string, unknown>[] = [];
    for (const [, step] of steps) {
      order = step(startStep(order)).order;
      views.push(orderView(order));
    }
    const totalsOf = (view: Record<string, unknown>) => {
      const { items: _items, ...rest } = view;
      return rest;
    };
    expect(views.map(totalsOf)).toEqual([
      { amount: 2700, items_discount_amount: 1700, total_discount_amount: 1700, total_amount: 1000, items_applied_discount_amount: 1700, total_applied_discount_amount: 1700 },
      { amount: 2700, items_discount_amount: 1700, total_discount_amount: 1700, total_amount: 1000 },
      { amount: 2700, discount_amount: 100, items_discount_amount: 1700, total_discount_amount: 1800, total_amount: 900, applied_discount_amount: 100, total_applied_discount_amount: 100 },
      { amount: 2700, discount_amount: 460, items_discount_amount: 1700, total_discount_amount: 2160, total_amount: 540, applied_discount_amount: 360, total_applied_discount_amount: 360 },
      { amount: 2700, discount_amount: 490, items_discount_amount: 1700, total_discount_amount: 2190, total_amount: 510, applied_discount_amount: 30, total_applied_discount_amount: 30 },
    ]);
    expect(totalsOf(orderView(withAppliedSince(start, order)))).toEqual({
      amount: 2700,
      discount_amount: 490,
      items_discount_amount: 1700,
      total_discount_amount: 2190,
      total_amount: 510,
      applied_discount_amount: 490,
      items_applied_discount_amount: 1700,
      total_applied_discount_amount: 2190,
    });
    expect((orderView(order).items as Record<string, unknown>[]).map((i) => [i.amount, i.discount_amount, i.subtotal_amount])).toEqual([
      [2000, 1000, 1000],
      [700, 700, 0],
    ]);
  });
});
