// The validation rule engine: which rule sets are refused when made (naming what is wrong), and
// whether a rule holds for a customer and an order, table by table.

import { productCollections, products, segments, skus } from '../../src/domain/collections.js';
import type { Context } from '../../src/domain/context.js';
import { calculateOrder, type OrderItemInput } from '../../src/domain/orders.js';
import type { Customer, ValidationRule } from '../../src/domain/records.js';
import { evaluateRule, normalizeRules, parseLogic } from '../../src/domain/rules.js';
import { NOW } from '../helpers.js';
import { aContext, aCustomer } from '../support/builders.js';
import { voucherifyErrorOf } from '../support/errors.js';

type Json = Record<string, any>;

let ctx: Context;
let gold: Customer;
let plain: Customer;
beforeEach(() => {
  gold = aCustomer({ metadata: { tier: 'gold', visits: 12 } });
  plain = aCustomer({ metadata: { tier: 'basic' } });
  ctx = aContext({ records: { customers: [gold, plain] } });
  segments(ctx.tenant).put({ id: 'seg_gold', name: 'Gold', created_at: NOW.toISOString(), type: 'static', filter: null, initial_sync_status: 'DONE', object: 'segment', customer_ids: [gold.id] });
  segments(ctx.tenant).put({
    id: 'seg_auto',
    name: 'Many visits',
    created_at: NOW.toISOString(),
    type: 'auto-update',
    filter: { junction: 'and', 'metadata.visits': { conditions: { $more_than: 10 } } },
    initial_sync_status: 'DONE',
    object: 'segment',
  });
  products(ctx.tenant).put({ id: 'prod_shoe', source_id: 'shoe', name: 'Shoe', price: 5000, attributes: [], metadata: {}, image_url: null, created_at: NOW.toISOString(), updated_at: null, object: 'product' } as never);
  products(ctx.tenant).put({ id: 'prod_hat', source_id: 'hat', name: 'Hat', price: 1000, attributes: [], metadata: {}, image_url: null, created_at: NOW.toISOString(), updated_at: null, object: 'product' } as never);
  skus(ctx.tenant).put({ id: 'sku_hat_red', source_id: 'hat-red', product_id: 'prod_hat', sku: 'Red hat', price: 1200, attributes: {}, metadata: {}, image_url: null, created_at: NOW.toISOString(), updated_at: null, object: 'sku' } as never);
  productCollections(ctx.tenant).put({ id: 'pc_hats', name: 'Hats', type: 'STATIC', products: [{ id: 'prod_hat', object: 'product' }], created_at: NOW.toISOString(), object: 'products_collection' } as never);
});

const rule = (rules: Json, fields: Partial<ValidationRule> = {}): ValidationRule => ({
  id: 'val_test',
  name: 'test',
  rules: normalizeRules(rules),
  applicable_to: { excluded: [], included: [], included_all: false },
  created_at: NOW.toISOString(),
  type: 'advanced',
  context_type: 'global',
  object: 'validation_rules',
  ...fields,
});

const one = (name: string, conditions: Json, extra: Json = {}) => ({ '1': { name, conditions, ...extra }, logic: '1' });

const shoes2 = { product_id: 'prod_shoe', quantity: 2, price: 5000 };
const redHat = { sku_id: 'sku_hat_red', product_id: 'prod_hat', quantity: 1, price: 1200 };

interface Case {
  title: string;
  rules: Json;
  customer?: 'gold' | 'plain';
  customerMetadata?: Json;
  items?: OrderItemInput[];
  amount?: number;
  orderMetadata?: Json;
  holds: boolean;
}

const CASES: Case[] = [
  { title: 'order.amount $more_than, above', rules: one('order.amount', { $more_than: [10000] }), amount: 10001, holds: true },
  { title: 'order.amount $more_than, equal', rules: one('order.amount', { $more_than: [10000] }), amount: 10000, holds: false },
  { title: 'order.amount $less_than_or_equal', rules: one('order.amount', { $less_than_or_equal: [4000] }), amount: 4000, holds: true },
  { title: 'order.amount from the items', rules: one('order.amount', { $more_than_or_equal: [11200] }), items: [shoes2, redHat], holds: true },
  { title: 'order.initial_amount $more_than', rules: one('order.initial_amount', { $more_than: [9900] }), amount: 9000, holds: false },
  { title: 'order.total_amount $is', rules: one('order.total_amount', { $is: [2500] }), amount: 2500, holds: true },
  { title: 'two conditions in one rule must both hold', rules: one('order.amount', { $more_than: [1000], $less_than: [2000] }), amount: 2500, holds: false },
  { title: 'order.items.count', rules: one('order.items.count', { $more_than_or_equal: [2] }), items: [shoes2, redHat], holds: true },
  { title: 'order.items.count, one line', rules: one('order.items.count', { $more_than_or_equal: [2] }), items: [shoes2], holds: false },
  { title: 'order.items.price_any', rules: one('order.items.price_any', { $is: [1200] }), items: [shoes2, redHat], holds: true },
  { title: 'order.items.price_each', rules: one('order.items.price_each', { $more_than: [2000] }), items: [shoes2, redHat], holds: false },
  { title: 'order.items.price_each, all above', rules: one('order.items.price_each', { $more_than: [1000] }), items: [shoes2, redHat], holds: true },
  { title: 'order.metadata $is', rules: one('order.metadata', { $is: ['Santorini'] }, { property: 'location' }), orderMetadata: { location: 'Santorini' }, holds: true },
  { title: 'order.metadata $is, other value', rules: one('order.metadata', { $is: ['Santorini'] }, { property: 'location' }), orderMetadata: { location: 'Athens' }, holds: false },
  { title: 'order.metadata $is_not, missing', rules: one('order.metadata', { $is_not: ['Santorini'] }, { property: 'location' }), holds: true },
  { title: 'order.metadata $starts_with', rules: one('order.metadata', { $starts_with: ['San'] }, { property: 'location' }), orderMetadata: { location: 'Santorini' }, holds: true },
  { title: 'order.metadata $contains', rules: one('order.metadata', { $contains: ['tor'] }, { property: 'location' }), orderMetadata: { location: 'Santorini' }, holds: true },
  { title: 'order.metadata $ends_with', rules: one('order.metadata', { $ends_with: ['tor'] }, { property: 'location' }), orderMetadata: { location: 'Santorini' }, holds: false },
  { title: 'customer.metadata $in', rules: one('customer.metadata', { $in: ['gold', 'silver'] }, { property: 'tier' }), customer: 'gold', holds: true },
  { title: 'customer.metadata $not_in', rules: one('customer.metadata', { $not_in: ['gold', 'silver'] }, { property: 'tier' }), customer: 'gold', holds: false },
  { title: 'customer.metadata without a customer', rules: one('customer.metadata', { $is: ['gold'] }, { property: 'tier' }), holds: false },
  { title: "customer.metadata from the request's customer", rules: one('customer.metadata', { $is: ['gold'] }, { property: 'tier' }), customerMetadata: { tier: 'gold' }, holds: true },
  { title: 'customer.metadata number $more_than', rules: one('customer.metadata', { $more_than: [10] }, { property: 'visits' }), customer: 'gold', holds: true },
  { title: 'customer.segment $is a static segment, member', rules: one('customer.segment', { $is: ['seg_gold'] }), customer: 'gold', holds: true },
  { title: 'customer.segment $is a static segment, not a member', rules: one('customer.segment', { $is: ['seg_gold'] }), customer: 'plain', holds: false },
  { title: 'customer.segment $in, member of the auto-update one', rules: one('customer.segment', { $in: ['seg_other', 'seg_auto'] }), customer: 'gold', holds: true },
  { title: 'customer.segment $is_not', rules: one('customer.segment', { $is_not: ['seg_gold'] }), customer: 'plain', holds: true },
  { title: 'customer.segment without a customer', rules: one('customer.segment', { $is: ['seg_gold'] }), holds: false },
  { title: 'customer.segment of an unknown segment', rules: one('customer.segment', { $is: ['seg_gone'] }), customer: 'gold', holds: false },
  { title: 'custom_event.metadata never holds in a checkout', rules: one('custom_event.metadata', { $greater_than_or_equal: [1] }, { property: 'test' }), holds: false },
  {
    title: 'order.items.any product by id',
    rules: one('order.items.any', { $is: [{ object: 'product', id: 'prod_shoe' }] }),
    items: [shoes2],
    holds: true,
  },
  {
    title: 'order.items.any product by source_id',
    rules: one('order.items.any', { $in: [{ object: 'product', id: 'prod_other', source_id: 'shoe' }] }),
    items: [{ source_id: 'shoe', related_object: 'product', quantity: 1, price: 5000 }],
    holds: true,
  },
  {
    title: 'order.items.any product, not in the cart',
    rules: one('order.items.any', { $is: [{ object: 'product', id: 'prod_shoe' }] }),
    items: [redHat],
    holds: false,
  },
  {
    title: 'order.items.any SKU',
    rules: one('order.items.any', { $is: [{ object: 'sku', id: 'sku_hat_red' }] }),
    items: [shoes2, redHat],
    holds: true,
  },
  {
    title: "order.items.any product collection (a product's SKU is in it)",
    rules: one('order.items.any', { $is: [{ object: 'products_collection', id: 'pc_hats' }] }),
    items: [redHat],
    holds: true,
  },
  {
    title: 'order.items.any product collection, not in the cart',
    rules: one('order.items.any', { $is: [{ object: 'products_collection', id: 'pc_hats' }] }),
    items: [shoes2],
    holds: false,
  },
  {
    title: 'order.items.every: both products',
    rules: one('order.items.every', { $is: [{ object: 'product', id: 'prod_shoe' }, { object: 'product', id: 'prod_hat' }] }),
    items: [shoes2, redHat],
    holds: true,
  },
  {
    title: 'order.items.every: one missing',
    rules: one('order.items.every', { $is: [{ object: 'product', id: 'prod_shoe' }, { object: 'product', id: 'prod_hat' }] }),
    items: [shoes2],
    holds: false,
  },
  {
    title: 'order.items.none',
    rules: one('order.items.none', { $is: [{ object: 'sku', id: 'sku_hat_red' }] }),
    items: [shoes2, redHat],
    holds: false,
  },
  {
    title: 'order.items.any with a nested quantity rule, met',
    rules: one('order.items.any', { $is: [{ object: 'product', id: 'prod_shoe' }] }, { rules: { '1': { name: 'order.items.quantity', conditions: { $more_than_or_equal: [2] } } } }),
    items: [shoes2],
    holds: true,
  },
  {
    title: 'order.items.any with a nested quantity rule, not met',
    rules: one('order.items.any', { $is: [{ object: 'product', id: 'prod_shoe' }] }, { rules: { '1': { name: 'order.items.quantity', conditions: { $more_than: [2] } } } }),
    items: [shoes2],
    holds: false,
  },
  {
    title: 'aggregated quantity and amount over the matched lines',
    rules: one(
      'order.items.any',
      { $is: [{ object: 'product', id: 'prod_shoe' }] },
      {
        rules: {
          '1': { name: 'order.items.aggregated_quantity', conditions: { $is: [3] } },
          '2': { name: 'order.items.aggregated_amount', conditions: { $is: [15000] } },
          logic: '1 and 2',
        },
      },
    ),
    items: [shoes2, { product_id: 'prod_shoe', quantity: 1, price: 5000 }, redHat],
    holds: true,
  },
  {
    title: 'nested item metadata',
    rules: one('order.items.every', { $is: [{ object: 'product', id: 'prod_shoe' }] }, { rules: { '1': { name: 'order.items.metadata', property: 'size', conditions: { $is: ['42'] } } } }),
    items: [{ ...shoes2, metadata: { size: '42' } }],
    holds: true,
  },
  { title: "logic '1 and 2', one fails", rules: { '1': { name: 'order.amount', conditions: { $more_than: [0] } }, '2': { name: 'order.items.count', conditions: { $is: [5] } }, logic: '1 and 2' }, amount: 100, holds: false },
  { title: "logic '1 or 2', one holds", rules: { '1': { name: 'order.amount', conditions: { $more_than: [0] } }, '2': { name: 'order.items.count', conditions: { $is: [5] } }, logic: '1 or 2' }, amount: 100, holds: true },
  {
    title: "logic '1 and (2 or 3)'",
    rules: {
      '1': { name: 'order.amount', conditions: { $more_than: [0] } },
      '2': { name: 'order.metadata', property: 'shop', conditions: { $is: ['A'] } },
      '3': { name: 'order.metadata', property: 'shop', conditions: { $is: ['B'] } },
      logic: '1 and (2 or 3)',
    },
    amount: 100,
    orderMetadata: { shop: 'B' },
    holds: true,
  },
  {
    title: "logic '1 or 2 and 3': and binds tighter",
    rules: {
      '1': { name: 'order.amount', conditions: { $more_than: [0] } },
      '2': { name: 'order.metadata', property: 'shop', conditions: { $is: ['A'] } },
      '3': { name: 'order.metadata', property: 'shop', conditions: { $is: ['B'] } },
      logic: '1 or 2 and 3',
    },
    amount: 100,
    holds: true,
  },
  { title: 'no logic: every condition must hold', rules: { '1': { name: 'order.amount', conditions: { $more_than: [0] } }, '2': { name: 'order.items.count', conditions: { $is: [5] } } }, amount: 100, holds: false },
  { title: 'an empty rule set holds', rules: { logic: '' }, holds: true },
  // Date conditions on a date-time property (UTC); the test clock is Sunday 2026-11-22 12:00.
  ...dated('$timeframe (every day, 2 hours from 10:00), inside', { $timeframe: ['2026-11-01T10:00:00.000Z;P1D;PT2H'] }, '2026-11-20T11:30:00Z', true),
  ...dated('$timeframe, after the day’s window', { $timeframe: ['2026-11-01T10:00:00.000Z;P1D;PT2H'] }, '2026-11-20T12:00:00Z', false),
  ...dated('$timeframe, before the first window', { $timeframe: ['2026-11-01T10:00:00.000Z;P1D;PT2H'] }, '2026-10-31T11:00:00Z', false),
  ...dated('$timeframe (every week, one day), the next week', { $timeframe: ['2026-11-02T00:00:00.000Z;P1W;P1D'] }, '2026-11-09T08:00:00Z', true),
  ...dated('$timeframe_absolute, between', { $timeframe_absolute: ['2026-11-01T00:00:00.000Z;2026-11-30T00:00:00.000Z'] }, '2026-11-15T00:00:00Z', true),
  ...dated('$timeframe_absolute, after', { $timeframe_absolute: ['2026-11-01T00:00:00.000Z;2026-11-30T00:00:00.000Z'] }, '2026-12-01T00:00:00Z', false),
  ...dated('$timeframe_daily_hours, Tuesday 19:00 in 18:00–20:01 on Tuesdays and Wednesdays', { $timeframe_daily_hours: ['18:00;20:01;2,3'] }, '2026-11-24T19:00:00Z', true),
  ...dated('$timeframe_daily_hours, Tuesday 21:00', { $timeframe_daily_hours: ['18:00;20:01;2,3'] }, '2026-11-24T21:00:00Z', false),
  ...dated('$timeframe_daily_hours, Monday 19:00', { $timeframe_daily_hours: ['18:00;20:01;2,3'] }, '2026-11-23T19:00:00Z', false),
  ...dated('$timeframe_daily_hours past midnight, 01:00', { $timeframe_daily_hours: ['22:00;02:00'] }, '2026-11-23T01:00:00Z', true),
  ...dated('$dow weekend, a Sunday', { $dow: [0, 6] }, '2026-11-22T09:00:00Z', true),
  ...dated('$dow weekend, a Monday', { $dow: [0, 6] }, '2026-11-23T09:00:00Z', false),
  ...dated('$after', { $after: ['2026-11-01T00:00:00Z'] }, '2026-11-02T00:00:00Z', true),
  ...dated('$before', { $before: ['2026-11-01T00:00:00Z'] }, '2026-11-02T00:00:00Z', false),
  ...dated('$more_than_ago 3 days, 7 days ago', { $more_than_ago: [3] }, '2026-11-15T00:00:00Z', true),
  ...dated('$less_than_ago 3 days, yesterday', { $less_than_ago: [3] }, '2026-11-21T00:00:00Z', true),
  ...dated('$less_than_ago 3 days, 7 days ago', { $less_than_ago: [3] }, '2026-11-15T00:00:00Z', false),
  ...dated('$is_days_in_future 1, tomorrow', { $is_days_in_future: [1] }, '2026-11-23T08:00:00Z', true),
  ...dated('a date condition on a value that is no date', { $after: ['2026-11-01T00:00:00Z'] }, 'soon', false),
  { title: '$count of array metadata', rules: one('order.metadata', { $count: [2] }, { property: 'tags' }), orderMetadata: { tags: ['a', 'b'] }, holds: true },
  { title: '$count_more', rules: one('order.metadata', { $count_more: [2] }, { property: 'tags' }), orderMetadata: { tags: ['a', 'b'] }, holds: false },
  { title: '$count_less', rules: one('order.metadata', { $count_less: [3] }, { property: 'tags' }), orderMetadata: { tags: ['a', 'b'] }, holds: true },
  { title: '$count on a value that is no list', rules: one('order.metadata', { $count: [1] }, { property: 'tags' }), orderMetadata: { tags: 'a' }, holds: false },
];

/** A case of an order metadata date (`delivery`) against a date condition. */
function dated(title: string, conditions: Json, delivery: string, holds: boolean): Case[] {
  return [{ title, rules: one('order.metadata', conditions, { property: 'delivery' }), orderMetadata: { delivery }, holds }];
}

describe('evaluateRule', () => {
  it.each(CASES)('$title', ({ rules, customer, customerMetadata, items, amount, orderMetadata, holds }) => {
    const order = calculateOrder({ amount, items });
    const who = customer === 'gold' ? gold : customer === 'plain' ? plain : undefined;
    const violation = evaluateRule(rule(rules), { ctx, customer: who, customerMetadata, order, orderMetadata });
    expect(violation === undefined).toBe(holds);
  });

  it('names the first failed condition and its error message, else the rule’s', () => {
    const rules = {
      '1': { name: 'customer.segment', conditions: { $is: ['seg_gold'] } },
      '2': { name: 'order.metadata', property: 'location', conditions: { $is: ['Santorini'] }, error: { message: 'Santorini shops only' } },
      logic: '1 or 2',
    };
    const order = calculateOrder({ amount: 100 });
    expect(evaluateRule(rule(rules, { error: { message: 'Not for you' } }), { ctx, customer: plain, order })).toEqual({
      rule: expect.objectContaining({ id: 'val_test' }),
      name: 'customer.segment',
      message: 'Santorini shops only',
    });
    const plainRules = { '1': { name: 'order.amount', conditions: { $more_than: [1000] } }, logic: '1' };
    expect(evaluateRule(rule(plainRules, { error: { message: 'Not for you' } }), { ctx, customer: plain, order })).toMatchObject({ name: 'order.amount', message: 'Not for you' });
    expect(evaluateRule(rule(plainRules), { ctx, customer: plain, order })).toMatchObject({ name: 'order.amount', message: undefined });
  });
});

describe('normalizeRules', () => {
  it('spells out each condition’s property, nested rules and the logic', () => {
    expect(normalizeRules({ '1': { name: 'order.amount', conditions: { $more_than: [1] } } })).toEqual({
      '1': { name: 'order.amount', property: null, conditions: { $more_than: [1] }, rules: {} },
      logic: '1',
    });
    expect(normalizeRules(undefined)).toEqual({ logic: '' });
  });

  const REFUSED: [string, unknown, string][] = [
    ['an unknown rule name', one('order.colour', { $is: ['red'] }), "Rule 'order.colour' (rule '1') is not one mock-voucherify evaluates; it knows "],
    ['a rule the mock does not evaluate', one('campaign.orders.count', { $less_than: [5] }), "Rule 'campaign.orders.count' (rule '1') is not one mock-voucherify evaluates"],
    ['an unknown condition', one('order.amount', { $between: [1, 2] }), "Rule 'order.amount' (rule '1') has an unknown condition '$between'; mock-voucherify knows $is"],
    ['a metadata rule without property', one('custom_event.metadata', { $is: [1] }), "Rule 'custom_event.metadata' must have a 'property'"],
    ['a property on a rule that takes none', one('order.amount', { $is: [1] }, { property: 'x' }), "Rule 'order.amount' takes no 'property'"],
    ['conditions that are not a list', one('order.amount', { $is: 5 }), "Rule 'order.amount' (rule '1'): condition '$is' needs a non-empty list of values"],
    ['no conditions', one('order.amount', {}), "Rule 'order.amount' (rule '1') must have conditions"],
    ['a comparison on segments', one('customer.segment', { $more_than: [1] }), "Rule 'customer.segment' (rule '1') takes $is, $in, $is_not or $not_in, not '$more_than'"],
    ['an item group value that is not a product', one('order.items.any', { $is: ['prod_shoe'] }), "Rule 'order.items.any': each value of '$is' must be"],
    ['an item group object of an unknown kind', one('order.items.any', { $is: [{ object: 'category', id: 'x' }] }), "Rule 'order.items.any': each value of '$is' must be"],
    ['nested rules where none are read', one('order.amount', { $is: [1] }, { rules: { '1': { name: 'order.items.quantity', conditions: { $is: [1] } } } }), "Rule 'order.amount' (rule '1') takes no nested rules"],
    [
      'an unknown nested rule',
      one('order.items.any', { $is: [{ object: 'product', id: 'p' }] }, { rules: { '1': { name: 'order.amount', conditions: { $is: [1] } } } }),
      "Rule 'order.amount' (rule '1' of 'order.items.any', rule '1') is not one mock-voucherify evaluates; it knows order.items.quantity",
    ],
    ['logic naming an undefined rule', { '1': { name: 'order.amount', conditions: { $is: [1] } }, logic: '1 and 2' }, "logic '1 and 2' names rule '2', which is not defined"],
    ['logic with a word it cannot read', { '1': { name: 'order.amount', conditions: { $is: [1] } }, logic: '1 xor 1' }, "logic '1 xor 1' has 'xor' where 'and', 'or' or the end is expected"],
    ['logic with an open parenthesis', { '1': { name: 'order.amount', conditions: { $is: [1] } }, logic: '(1' }, "logic '(1' misses a ')'"],
    ['a key that is not a number', { first: { name: 'order.amount', conditions: { $is: [1] } }, logic: '' }, "rules key 'first' is neither a rule number nor 'logic'"],
    ['a rule that is not an object', { '1': 'order.amount', logic: '1' }, "rule '1' must be an object with a name and conditions"],
    ['a $timeframe that is not start;interval;duration', one('order.metadata', { $timeframe: ['2026-11-01T10:00:00Z;daily'] }, { property: 'd' }), "condition '$timeframe' takes \"start;interval;duration\""],
    ['a $timeframe_daily_hours hour out of range', one('order.metadata', { $timeframe_daily_hours: ['25:00;26:00;1'] }, { property: 'd' }), "condition '$timeframe_daily_hours' takes \"from;to;days\""],
    ['a $dow day that is not 0–6', one('order.metadata', { $dow: [7] }, { property: 'd' }), "condition '$dow' takes days of the week, 0 (Sunday) to 6"],
    ['a $count that is not a whole number', one('order.metadata', { $count: ['two'] }, { property: 'd' }), "condition '$count' takes a whole number"],
  ];

  it.each(REFUSED)('refuses %s with 400 invalid_validation_rules naming it', (_title, rules, details) => {
    const error = voucherifyErrorOf(() => normalizeRules(rules));
    expect(error).toMatchObject({ status: 400, key: 'invalid_validation_rules', message: 'Invalid Validation Rule Definition' });
    expect(error.details).toContain(details);
  });

  it('accepts the conditions of Voucherify’s own examples', () => {
    expect(() =>
      normalizeRules({
        '1': { name: 'order.metadata', property: 'location', rules: {}, conditions: { $is: ['Santorini'] }, error: { message: 'Your order must be placed at one of our Santorini shops.' } },
        '2': { name: 'custom_event.metadata', property: 'test', rules: {}, conditions: { $greater_than_or_equal: [1] } },
        '3': {
          name: 'order.items.every',
          rules: { '1': { name: 'order.items.metadata', property: 'test', rules: {}, conditions: { $greater_than_or_equal: [1] } } },
          conditions: { $is: [{ id: '<PROD_ID>', effect: 'APPLY_TO_EVERY', object: 'product', source_id: '<SOURCE_ID>' }] },
        },
        logic: '1 or 2',
      }),
    ).not.toThrow();
  });
});

describe('parseLogic', () => {
  it('reads numbers, and, or and parentheses, case-insensitively', () => {
    const defined = new Set(['1', '2', '3']);
    expect(parseLogic('1 AND (2 or 3)', defined, '')).toEqual({ op: 'and', left: { number: '1' }, right: { op: 'or', left: { number: '2' }, right: { number: '3' } } });
    expect(parseLogic('   ', defined, '')).toBeUndefined();
  });
});
