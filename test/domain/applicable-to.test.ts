// What a validation rule's applicable_to does to a discount, to the cent: which items (and units)
// each effect, limit, inclusion and exclusion lets the discount touch, the FIXED prices of price
// formulas, and the formula language itself.

import { applyScoped, withFormulas, type ApplicableEntry, type BudgetScope } from '../../src/domain/applicable-to.js';
import { productBudgetUses, productCollections, products, redemptions, skus } from '../../src/domain/collections.js';
import type { Context } from '../../src/domain/context.js';
import { evaluateFormula, formulaProblem, type FormulaFacts } from '../../src/domain/formulas.js';
import { calculateOrder, type OrderItemInput } from '../../src/domain/orders.js';
import type { Discount, ValidationRule } from '../../src/domain/records.js';
import { VoucherifyError } from '../../src/errors.js';
import { NOW } from '../helpers.js';
import { aContext } from '../support/builders.js';

let ctx: Context;
beforeEach(() => {
  ctx = aContext();
  const common = { attributes: [], metadata: {}, image_url: null, created_at: NOW.toISOString(), updated_at: null };
  products(ctx.tenant).put({ id: 'prod_shoe', source_id: 'shoe', name: 'Shoe', price: 5000, ...common, object: 'product' } as never);
  products(ctx.tenant).put({ id: 'prod_hat', source_id: 'hat', name: 'Hat', price: 1000, ...common, object: 'product' } as never);
  skus(ctx.tenant).put({ id: 'sku_hat_red', source_id: 'hat-red', product_id: 'prod_hat', sku: 'Red hat', price: 1200, ...common, attributes: {}, object: 'sku' } as never);
  productCollections(ctx.tenant).put({ id: 'pc_hats', name: 'Hats', type: 'STATIC', products: [{ id: 'prod_hat', object: 'product' }], created_at: NOW.toISOString(), object: 'products_collection' } as never);
});

/** 2 shoes at 50.00, 3 hats at 10.00, 1 red hat (a SKU of the hat) at 12.00: 142.00. */
const cart: OrderItemInput[] = [
  { product_id: 'prod_shoe', quantity: 2, price: 5000 },
  { product_id: 'prod_hat', quantity: 3, price: 1000 },
  { sku_id: 'sku_hat_red', product_id: 'prod_hat', quantity: 1, price: 1200 },
];

const rule = (applicable_to: Partial<ValidationRule['applicable_to']>, id = 'val_items'): ValidationRule => ({
  id,
  name: 'items',
  rules: { logic: '' },
  applicable_to: { included: [], excluded: [], included_all: false, ...applicable_to } as ValidationRule['applicable_to'],
  created_at: NOW.toISOString(),
  type: 'basic',
  context_type: 'global',
  object: 'validation_rules',
});

const shoe: ApplicableEntry = { object: 'product', id: 'prod_shoe' };
const hats: ApplicableEntry = { object: 'products_collection', id: 'pc_hats' };
const redHat: ApplicableEntry = { object: 'sku', id: 'sku_hat_red' };
const included = (...entries: ApplicableEntry[]) => ({ included: entries as unknown as Record<string, unknown>[] });
type ApplicableTo = Partial<ValidationRule['applicable_to']>;

const PERCENT_50: Discount = { type: 'PERCENT', percent_off: 50, effect: 'APPLY_TO_ITEMS' };

/** The discount on the items the rules allow: what each item got off and the total, or the refusal's key. */
function run(discount: Discount, rules: ValidationRule[] | undefined, items: OrderItemInput[] = cart, facts: Omit<FormulaFacts, 'order' | 'item'> = {}) {
  const order = calculateOrder({ items });
  const step = applyScoped(ctx, discount, order, rules, 'Discount Coupon', facts.customerMetadata, facts.orderMetadata);
  if (step instanceof VoucherifyError) return { refused: step.key, message: step.message, details: step.details };
  const after = step.order;
  expect(after.total_amount).toBe(after.amount - after.total_discount_amount);
  return { items: after.items.map((item) => item.discount_amount), order: after.discount_amount, applied: step.applied };
}

describe('applicable_to: which items a discount touches', () => {
  it.each<[string, Discount, ValidationRule[] | undefined, { items: number[]; order?: number; applied: number }]>([
    ['no rule: every item', PERCENT_50, undefined, { items: [5000, 1500, 600], applied: 7100 }],
    ['an included product', { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' }, [rule(included(shoe))], { items: [1000, 0, 0], applied: 1000 }],
    ['an included SKU', { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' }, [rule(included(redHat))], { items: [0, 0, 120], applied: 120 }],
    ["an included collection: its product's items, SKUs included", { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' }, [rule(included(hats))], { items: [0, 300, 120], applied: 420 }],
    [
      'an excluded product (and its SKUs): every other item',
      { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' },
      [rule({ excluded: [{ object: 'product', id: 'prod_hat' }] })],
      { items: [1000, 0, 0], applied: 1000 },
    ],
    [
      'included_all but an excluded SKU',
      { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' },
      [rule({ included_all: true, excluded: [redHat as unknown as Record<string, unknown>] })],
      { items: [1000, 300, 0], applied: 1300 },
    ],
    [
      'exclusion wins over inclusion',
      { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' },
      [rule({ ...included(hats), excluded: [redHat as unknown as Record<string, unknown>] })],
      { items: [0, 300, 0], applied: 300 },
    ],
    ['two rules add their items', { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' }, [rule(included(shoe)), rule(included(redHat), 'val_other')], { items: [1000, 0, 120], applied: 1120 }],
    ['APPLY_TO_CHEAPEST: one unit of the cheapest item', PERCENT_50, [rule(included({ ...hats, effect: 'APPLY_TO_CHEAPEST' }))], { items: [0, 500, 0], applied: 500 }],
    ['APPLY_TO_CHEAPEST with quantity_limit 2: two units of it', PERCENT_50, [rule(included({ ...hats, effect: 'APPLY_TO_CHEAPEST', quantity_limit: 2 }))], { items: [0, 1000, 0], applied: 1000 }],
    ['APPLY_TO_MOST_EXPENSIVE: one unit of the dearest item', PERCENT_50, [rule(included({ ...hats, effect: 'APPLY_TO_MOST_EXPENSIVE' }))], { items: [0, 0, 600], applied: 600 }],
    [
      'APPLY_FROM_CHEAPEST, aggregated_quantity_limit 4: the 3 hats, then the red hat',
      PERCENT_50,
      [rule(included({ ...hats, effect: 'APPLY_FROM_CHEAPEST', aggregated_quantity_limit: 4 }))],
      { items: [0, 1500, 600], applied: 2100 },
    ],
    [
      'APPLY_FROM_MOST_EXPENSIVE, aggregated_quantity_limit 3: the red hat, then 2 hats',
      PERCENT_50,
      [rule(included({ ...hats, effect: 'APPLY_FROM_MOST_EXPENSIVE', aggregated_quantity_limit: 3 }))],
      { items: [0, 1000, 600], applied: 1600 },
    ],
    ['quantity_limit 1 per item, by quantity', { type: 'AMOUNT', amount_off: 300, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' }, [rule(included({ ...shoe, quantity_limit: 1 }))], { items: [300, 0, 0], applied: 300 }],
    ['no quantity_limit, by quantity', { type: 'AMOUNT', amount_off: 300, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' }, [rule(included(shoe))], { items: [600, 0, 0], applied: 600 }],
    [
      'aggregated_quantity_limit 2 across the items, in order',
      { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' },
      [rule(included({ ...hats, aggregated_quantity_limit: 2 }))],
      { items: [0, 200, 0], applied: 200 },
    ],
    ['amount_limit 2.50 per item', PERCENT_50, [rule(included({ ...hats, amount_limit: 250 }))], { items: [0, 250, 250], applied: 500 }],
    ['aggregated_amount_limit 16.00 for the entry', PERCENT_50, [rule(included({ ...hats, aggregated_amount_limit: 1600 }))], { items: [0, 1500, 100], applied: 1600 }],
    ['AMOUNT per item', { type: 'AMOUNT', amount_off: 700, effect: 'APPLY_TO_ITEMS' }, [rule(included(shoe, redHat))], { items: [700, 0, 700], applied: 1400 }],
    [
      'AMOUNT shared by what is left of the applicable items',
      { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY' },
      [rule(included(shoe, { object: 'product', id: 'prod_hat', quantity_limit: 3 }))],
      { items: [704, 211, 85], applied: 1000 },
    ],
    [
      'AMOUNT shared by the applicable units',
      { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY' },
      [rule(included(shoe, { object: 'sku', id: 'sku_hat_red' }))],
      { items: [667, 0, 333], applied: 1000 },
    ],
    ['an APPLY_TO_ORDER discount is not narrowed', { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' }, [rule(included(redHat))], { items: [0, 0, 0], order: 1000, applied: 1000 }],
    ['FIXED: the price the entry gives', { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } as Discount, [rule(included({ ...shoe, price: 4000 }))], { items: [2000, 0, 0], applied: 2000 }],
    [
      "FIXED: the entry's price, else the discount's fixed_amount",
      { type: 'FIXED', fixed_amount: 800, effect: 'APPLY_TO_ITEMS' },
      [rule(included({ ...shoe, price: 4000 }, hats))],
      { items: [2000, 600, 400], applied: 3000 },
    ],
    ['FIXED: a price formula on the item price', { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } as Discount, [rule(included({ ...shoe, price_formula: 'ORDER_ITEM_PRICE * 0.5' }))], { items: [5000, 0, 0], applied: 5000 }],
    ['FIXED: a price formula sent as a number (main unit)', { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } as Discount, [rule(included({ ...shoe, price_formula: 30 }))], { items: [4000, 0, 0], applied: 4000 }],
    [
      'FIXED: a price formula that cannot be computed falls back to the price',
      { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } as Discount,
      [rule(included({ ...shoe, price: 4500, price_formula: 'CUSTOMER_METADATA("vip_price")' }))],
      { items: [1000, 0, 0], applied: 1000 },
    ],
    [
      'FIXED: a price above the item price takes nothing off',
      { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } as Discount,
      [rule(included({ ...shoe, price_formula: 'ORDER_ITEM_PRICE + 1' }))],
      { items: [0, 0, 0], applied: 0 },
    ],
  ])('%s', (_title, discount, rules, expected) => {
    expect(run(discount, rules)).toEqual({ order: 0, ...expected });
  });

  it('matches an item sent by source_id (related_object product)', () => {
    const items = [{ source_id: 'webinar_shoe', related_object: 'product' as const, quantity: 2, price: 5000 }, { product_id: 'prod_hat', quantity: 1, price: 1000 }];
    expect(run(PERCENT_50, [rule(included({ object: 'product', id: 'webinar_shoe', source_id: 'webinar_shoe' }))], items)).toEqual({ items: [5000, 0], order: 0, applied: 5000 });
  });

  it('a price formula reads the customer metadata it is given', () => {
    const fixed = { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } as Discount;
    const rules = [rule(included({ ...shoe, price: 4500, price_formula: 'CUSTOMER_METADATA("vip_price")' }))];
    expect(run(fixed, rules, cart, { customerMetadata: { vip_price: '10' } })).toEqual({ items: [8000, 0, 0], order: 0, applied: 8000 });
  });

  it('rounds the value of the units in reach half away from zero', () => {
    // 3 units for 9.99, one in reach: 3.33 of it; 15% of 3.33 is 0.4995 → 0.50.
    const items = [{ product_id: 'prod_shoe', quantity: 3, price: 333 }];
    expect(run({ type: 'PERCENT', percent_off: 15, effect: 'APPLY_TO_ITEMS' }, [rule(included({ ...shoe, quantity_limit: 1 }))], items)).toEqual({ items: [50], order: 0, applied: 50 });
  });

  it('an item-level discount that reaches no item is refused, naming the rule', () => {
    const refused = {
      refused: 'order_rules_violated',
      message: 'order does not match validation rules',
      details: 'Discount Coupon cannot be redeemed because of violated validation rules: val_items',
    };
    expect(run(PERCENT_50, [rule(included({ object: 'product', id: 'prod_scarf' }))])).toEqual(refused);
    expect(run(PERCENT_50, [rule({ excluded: [shoe, hats] as unknown as Record<string, unknown>[] })])).toEqual(refused);
  });

  it('the first included entry that matches an item gives its effect and limits', () => {
    const rules = [rule(included({ ...redHat, amount_limit: 100 }, { ...hats, amount_limit: 50 }))];
    expect(run(PERCENT_50, rules)).toEqual({ items: [0, 50, 100], order: 0, applied: 150 });
  });
});

/**
 * A longer cart for repeat / skip_initially / target and the line and unit lists:
 * line 0: 10 hats at 10.00 (100.00), line 1: 2 shoes at 50.00 (100.00), line 2: 4 hats at 10.00
 * (40.00), line 3: 1 red hat at 12.00 (12.00). The hat product (and the Hats collection) holds
 * lines 0, 2 and 3 (the red hat is a SKU of the hat); 50% off a unit of a hat is 5.00, of the red hat 6.00.
 */
const longCart: OrderItemInput[] = [
  { product_id: 'prod_hat', quantity: 10, price: 1000 },
  { product_id: 'prod_shoe', quantity: 2, price: 5000 },
  { product_id: 'prod_hat', quantity: 4, price: 1000 },
  { sku_id: 'sku_hat_red', product_id: 'prod_hat', quantity: 1, price: 1200 },
];
const hat: ApplicableEntry = { object: 'product', id: 'prod_hat' };

describe('applicable_to: order lines, units, repeat and skip_initially', () => {
  it.each<[string, ApplicableTo, { items: number[]; applied: number }]>([
    // Every hat line whole: 50.00 + 20.00 + 6.00.
    ['target ITEM, skip_initially 0, repeat 1 (the defaults): every line', included({ ...hat, target: 'ITEM', skip_initially: 0, repeat: 1 }), { items: [5000, 0, 2000, 600], applied: 7600 }],
    // The hat lines are 0, 2, 3; the first is skipped: 20.00 + 6.00.
    ['target ITEM, skip_initially 1: every line after the first', included({ ...hat, skip_initially: 1 }), { items: [0, 0, 2000, 600], applied: 2600 }],
    // The 1st and 3rd hat lines (0 and 3): 50.00 + 6.00.
    ['target ITEM, repeat 2: every other line', included({ ...hat, repeat: 2 }), { items: [5000, 0, 0, 600], applied: 5600 }],
    // Units counted across the hat lines: line 0 is 1–10, line 2 is 11–14, line 3 is 15. Skip 1,
    // then every 3rd: 2, 5, 8 (line 0), 11, 14 (line 2): 3 × 5.00 and 2 × 5.00.
    ['target UNIT, skip_initially 1, repeat 3: the 2nd, 5th, 8th … unit', included({ ...hat, target: 'UNIT', skip_initially: 1, repeat: 3 }), { items: [1500, 0, 1000, 0], applied: 2500 }],
    // Units 1, 3, 5, 7, 9 of line 0 (5, at most 2), 11 and 13 (line 2), 15 (line 3): 2 × 5.00, 2 × 5.00, 6.00.
    ['target UNIT, repeat 2, quantity_limit 2 per line', included({ ...hat, target: 'UNIT', repeat: 2, quantity_limit: 2 }), { items: [1000, 0, 1000, 600], applied: 2600 }],
    // From the dearest: line 3 is unit 1, line 0 units 2–11, line 2 units 12–15; every 2nd: 1 (line 3),
    // 3, 5, … (line 0): 3 units in all, 6.00 + 2 × 5.00.
    [
      'APPLY_FROM_MOST_EXPENSIVE, target UNIT, repeat 2, aggregated_quantity_limit 3: counted from the dearest line',
      included({ ...hat, effect: 'APPLY_FROM_MOST_EXPENSIVE', target: 'UNIT', repeat: 2, aggregated_quantity_limit: 3 }),
      { items: [1000, 0, 0, 600], applied: 1600 },
    ],
    // By price the hat lines are 0, 2 (10.00, the earlier first), 3 (12.00); the first is skipped: one unit of line 2.
    ['APPLY_TO_CHEAPEST, skip_initially 1: the cheapest line after the skipped one', included({ ...hat, effect: 'APPLY_TO_CHEAPEST', skip_initially: 1 }), { items: [0, 0, 500, 0], applied: 500 }],
    // Only line 2 of the hat lines: 20.00.
    ['order_item_indices [2]: only that line', included({ ...hat, order_item_indices: [2] }), { items: [0, 0, 2000, 0], applied: 2000 }],
    // Line 1 holds shoes, not hats: only line 2 is both listed and a hat.
    ['order_item_indices [1, 2] on the Hats collection: the listed lines the entry matches', included({ ...hats, order_item_indices: [1, 2] }), { items: [0, 0, 2000, 0], applied: 2000 }],
    // A later entry takes the lines the first one did not list: line 2 by the first (20.00), line 0 and 3 by included_all.
    [
      'order_item_indices leaves the other lines to the rest of the rule',
      { included: [{ ...hat, order_item_indices: [2], quantity_limit: 1 }] as unknown as Record<string, unknown>[], included_all: true },
      { items: [5000, 5000, 500, 600], applied: 11100 },
    ],
    // Line 0: units 1, 2 and 10 (11 is past its 10 units): 3 × 5.00; line 3 named without units: all of it, 6.00.
    ['order_item_units: the listed units of the listed lines', included({ ...hat, order_item_units: [{ index: 0, units: [1, 2, 10, 11] }, { index: 3 }] }), { items: [1500, 0, 0, 600], applied: 2100 }],
    // Units 2 and 5 are both listed and picked (3 is not picked); lines 2 and 3 are not listed: 2 × 5.00.
    [
      'order_item_units with target UNIT, skip_initially 1, repeat 3: the listed units that are picked',
      included({ ...hat, target: 'UNIT', skip_initially: 1, repeat: 3, order_item_units: [{ index: 0, units: [2, 3, 5] }] }),
      { items: [1000, 0, 0, 0], applied: 1000 },
    ],
    // The exclusion reaches only line 0: shoes 50.00, line 2 20.00, the red hat 6.00.
    ['an excluded entry with order_item_indices excludes only those lines', { included_all: true, excluded: [{ ...hat, order_item_indices: [0] }] as unknown as Record<string, unknown>[] }, { items: [0, 5000, 2000, 600], applied: 7600 }],
  ])('%s', (_title, applicableTo, expected) => {
    expect(run(PERCENT_50, [rule(applicableTo)], longCart)).toEqual({ order: 0, ...expected });
  });

  it('AMOUNT per unit on the picked units only', () => {
    // 2.00 off each picked unit: units 2, 4, 6, 8, 10 of line 0 and 12, 14 of line 2 (7 units): 14.00.
    const step = run({ type: 'AMOUNT', amount_off: 200, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' }, [rule(included({ ...hat, target: 'UNIT', skip_initially: 1, repeat: 2 }))], longCart);
    expect(step).toEqual({ items: [1000, 0, 400, 0], order: 0, applied: 1400 });
  });

  it('an entry whose lines or units name nothing in the order is refused', () => {
    const refused = {
      refused: 'order_rules_violated',
      message: 'order does not match validation rules',
      details: 'Discount Coupon cannot be redeemed because of violated validation rules: val_items',
    };
    // Line 1 is the shoes; a 1-line skip of the only hat line; unit 3 of a 1-unit line.
    expect(run(PERCENT_50, [rule(included({ ...hat, order_item_indices: [1] }))], longCart)).toEqual(refused);
    expect(run(PERCENT_50, [rule(included({ ...redHat, skip_initially: 1 }))], longCart)).toEqual(refused);
    expect(run(PERCENT_50, [rule(included({ ...redHat, order_item_units: [{ index: 3, units: [3] }] }))], longCart)).toEqual(refused);
  });
});

describe('applicable_to: product budget limits', () => {
  const HAT_KEY = 'val_items|product|prod_hat';
  /** Redemptions that took units of a budget before: r_ok (SUCCEEDED) and r_back (ROLLED_BACK, whose units are given back). */
  function used(uses: { redemption: string; status?: string; scope_id?: string; key?: string; customer_id?: string | null; units: number }[]) {
    uses.forEach((use, n) => {
      redemptions(ctx.tenant).put({ id: use.redemption, status: use.status ?? 'SUCCEEDED' } as never);
      productBudgetUses(ctx.tenant).put({ id: `${use.redemption}|${n}`, redemption_id: use.redemption, scope_id: use.scope_id ?? 'camp_1', key: use.key ?? HAT_KEY, customer_id: use.customer_id ?? null, units: use.units, created_at: NOW.toISOString() });
    });
  }
  const voucherScope: BudgetScope = { campaignId: 'camp_1', customerId: 'cust_1' };

  function budgeted(entries: ApplicableEntry[], budget: BudgetScope = voucherScope, items: OrderItemInput[] = longCart) {
    const order = calculateOrder({ items });
    const step = applyScoped(ctx, PERCENT_50, order, [rule(included(...entries))], 'Discount Coupon', undefined, undefined, budget);
    if (step instanceof VoucherifyError) return { refused: step.key };
    return { items: step.order.items.map((item) => item.discount_amount), applied: step.applied, uses: step.budgetUses };
  }

  it.each<[string, ApplicableEntry, Parameters<typeof used>[0], { items: number[]; applied: number; uses?: { scope_id: string; key: string; units: number }[] }]>([
    // 5 units in all, the first 5 hats of line 0: 5 × 5.00.
    ['product_campaign_quantity_limit 5: the first 5 units', { ...hat, product_campaign_quantity_limit: 5 }, [], { items: [2500, 0, 0, 0], applied: 2500, uses: [{ scope_id: 'camp_1', key: HAT_KEY, units: 5 }] }],
    // 3 taken before, 4 more given back by a rollback: 2 left, 2 × 5.00.
    [
      'product_campaign_quantity_limit 5 less what redemptions took (a rolled back one gives its units back)',
      { ...hat, product_campaign_quantity_limit: 5 },
      [{ redemption: 'r_ok', units: 3 }, { redemption: 'r_back', status: 'ROLLED_BACK', units: 4 }],
      { items: [1000, 0, 0, 0], applied: 1000, uses: [{ scope_id: 'camp_1', key: HAT_KEY, units: 2 }] },
    ],
    // The customer took 3 of 4, another customer 10 (not counted): 1 left, 5.00.
    [
      'product_customer_campaign_quantity_limit 4: what this customer took',
      { ...hat, product_customer_campaign_quantity_limit: 4 },
      [{ redemption: 'r_mine', customer_id: 'cust_1', units: 3 }, { redemption: 'r_theirs', customer_id: 'cust_2', units: 10 }],
      { items: [500, 0, 0, 0], applied: 500, uses: [{ scope_id: 'camp_1', key: HAT_KEY, units: 1 }] },
    ],
    // Another campaign's uses of the same rule do not count: 5 left of 5.
    ['a budget counts its own campaign only', { ...hat, product_campaign_quantity_limit: 5 }, [{ redemption: 'r_other', scope_id: 'camp_2', units: 5 }], { items: [2500, 0, 0, 0], applied: 2500, uses: [{ scope_id: 'camp_1', key: HAT_KEY, units: 5 }] }],
    // 17 units in the order: the formula gives 3 (3 × 5.00), the static 1 is only the fallback.
    ['product_campaign_quantity_limit_formula: its value, rounded down', { ...hat, product_campaign_quantity_limit: 1, product_campaign_quantity_limit_formula: 'IF(ORDER_UNITS_QUANTITY > 10;3.7;1)' }, [], { items: [1500, 0, 0, 0], applied: 1500, uses: [{ scope_id: 'camp_1', key: HAT_KEY, units: 3 }] }],
    // A voucher has no tier: the tier budgets do not apply, every hat unit: 50.00 + 20.00 + 6.00.
    ['product_promotion_tier_quantity_limit on a voucher: no tier, no budget', { ...hat, product_promotion_tier_quantity_limit: 1 }, [], { items: [5000, 0, 2000, 600], applied: 7600 }],
  ])('%s', (_title, entry, before, expected) => {
    used(before);
    expect(budgeted([entry])).toEqual(expected);
  });

  it('product_in_collection limits: each product of the collection its own budget', () => {
    productCollections(ctx.tenant).put({ id: 'pc_all', name: 'All', type: 'STATIC', products: [{ id: 'prod_hat', object: 'product' }, { id: 'prod_shoe', object: 'product' }], created_at: NOW.toISOString(), object: 'products_collection' } as never);
    const entry: ApplicableEntry = { object: 'products_collection', id: 'pc_all', product_in_collection_campaign_quantity_limit: 3 };
    used([{ redemption: 'r_hats', key: 'val_items|products_collection|pc_all|prod_hat', units: 2 }]);
    // Hats: 1 left of 3 (line 0, 5.00); shoes: 3 left, both shoes (2 × 25.00).
    expect(budgeted([entry])).toEqual({
      items: [500, 5000, 0, 0],
      applied: 5500,
      uses: [
        { scope_id: 'camp_1', key: 'val_items|products_collection|pc_all|prod_hat', units: 1 },
        { scope_id: 'camp_1', key: 'val_items|products_collection|pc_all|prod_shoe', units: 2 },
      ],
    });
  });

  it("a tier's budgets: the tier's and its campaign's, the smaller wins", () => {
    used([{ redemption: 'r_tier', scope_id: 'promo_1', units: 1 }]);
    const entry: ApplicableEntry = { ...hat, product_promotion_tier_quantity_limit: 3, product_campaign_quantity_limit: 10 };
    // The tier has 2 left, the campaign 10: 2 units (10.00), counted against both.
    expect(budgeted([entry], { campaignId: 'camp_1', tierId: 'promo_1', customerId: 'cust_1' })).toEqual({
      items: [1000, 0, 0, 0],
      applied: 1000,
      uses: [
        { scope_id: 'camp_1', key: HAT_KEY, units: 2 },
        { scope_id: 'promo_1', key: HAT_KEY, units: 2 },
      ],
    });
  });

  it('a per-customer budget without a customer: only this order counts', () => {
    used([{ redemption: 'r_someone', customer_id: 'cust_1', units: 4 }]);
    expect(budgeted([{ ...hat, product_customer_campaign_quantity_limit: 4 }], { campaignId: 'camp_1' })).toMatchObject({ items: [2000, 0, 0, 0], applied: 2000 });
  });

  it('a spent budget leaves nothing to discount: the rule is violated', () => {
    used([{ redemption: 'r_all', units: 5 }]);
    expect(budgeted([{ ...hat, product_campaign_quantity_limit: 5 }])).toEqual({ refused: 'order_rules_violated' });
  });

  it('without a budget scope (no rules, or a caller that counts nothing) the limits are not read', () => {
    const order = calculateOrder({ items: longCart });
    const step = applyScoped(ctx, PERCENT_50, order, [rule(included({ ...hat, product_campaign_quantity_limit: 1 }))], 'Discount Coupon');
    expect(step).toMatchObject({ applied: 7600 });
    expect((step as { budgetUses?: unknown }).budgetUses).toBeUndefined();
  });
});

describe('discount formulas', () => {
  const order = calculateOrder({ items: cart });
  it.each<[string, Discount, Record<string, unknown>]>([
    ['amount_off_formula: main unit → cents', { type: 'AMOUNT', amount_off: 400, amount_off_formula: 'IF(ORDER_AMOUNT > 100;15;10)' } as Discount, { amount_off: 1500 }],
    ['percent_off_formula: a percentage', { type: 'PERCENT', percent_off: 5, percent_off_formula: 'IF(ORDER_AMOUNT > 300;15;5)' } as Discount, { percent_off: 5 }],
    ['fixed_amount_formula', { type: 'FIXED', fixed_amount: 200, fixed_amount_formula: 'IF(ORDER_UNITS_QUANTITY > 3;CUSTOMER_METADATA("age") + 2;0)' } as Discount, { fixed_amount: 3400 }],
    ['unit_off_formula: whole units', { type: 'UNIT', unit_off: 1, unit_type: 'prod_hat', unit_off_formula: 'CUSTOMER_METADATA("age") / 5' } as Discount, { unit_off: 6 }],
    ['a formula that cannot be computed keeps the static value', { type: 'AMOUNT', amount_off: 400, amount_off_formula: 'CUSTOMER_METADATA("missing")' } as Discount, { amount_off: 400 }],
    ['never below zero', { type: 'PERCENT', percent_off: 5, percent_off_formula: '0 - 10' } as Discount, { percent_off: 0 }],
  ])('%s', (_title, discount, expected) => {
    expect(withFormulas(discount, { order, customerMetadata: { age: '32' } })).toMatchObject(expected);
  });

  it('ADD_MANY_ITEMS: each unit its own formula', () => {
    const discount = {
      type: 'UNIT',
      effect: 'ADD_MANY_ITEMS',
      units: [
        { unit_off: 3, unit_off_formula: 'IF(ORDER_AMOUNT > 100;CUSTOMER_METADATA("age");CUSTOMER_METADATA("age") / 2)', unit_type: 'prod_hat', effect: 'ADD_MISSING_ITEMS' },
        { unit_off: 4, unit_type: 'prod_shoe', effect: 'ADD_NEW_ITEMS' },
      ],
    } as Discount;
    expect(withFormulas(discount, { order, customerMetadata: { age: 7 } })).toMatchObject({ units: [{ unit_off: 7 }, { unit_off: 4 }] });
  });

  it('an AMOUNT discount on the items from its formula', () => {
    const discount = { type: 'AMOUNT', amount_off: 100, amount_off_formula: 'ORDER_ITEMS_COUNT', effect: 'APPLY_TO_ITEMS' } as Discount;
    expect(run(discount, [rule(included(shoe))])).toEqual({ items: [300, 0, 0], order: 0, applied: 300 });
  });
});

describe('the formula language', () => {
  const big = calculateOrder({ items: [{ product_id: 'p', quantity: 1, price: 46500 }] });
  const small = calculateOrder({ items: [{ product_id: 'p', quantity: 6, price: 5000 }] });
  const facts = (order = big, extra: Partial<FormulaFacts> = {}): FormulaFacts => ({ order, item: order.items[0], ...extra });

  it.each<[string, FormulaFacts, number | undefined]>([
    ['IF(ORDER_AMOUNT > 400;0;20)', facts(), 0],
    ['IF(ORDER_AMOUNT > 400;0;20)', facts(small), 20],
    ['IF(ORDER_AMOUNT > 300;ORDER_ITEM_PRICE * 0.8;ORDER_ITEM_PRICE)', facts(small), 50],
    ['2 + 3 * 4', facts(), 14],
    ['(2 + 3) * 4', facts(), 20],
    ['10 - 4 - 3', facts(), 3],
    ['CUSTOMER_METADATA("age") - -2', facts(big, { customerMetadata: { age: 30 } }), 32],
    ['10 / 4', facts(), 2.5],
    ['1 / 0', facts(), undefined],
    ['CUSTOMER_METADATA("age") / 2', facts(big, { customerMetadata: { age: '30' } }), 15],
    ['CUSTOMER_METADATA("age") / 2', facts(), undefined],
    ['IF(CUSTOMER_METADATA("favorite_brands") contains "Nike";20;CUSTOMER_METADATA("age"))', facts(big, { customerMetadata: { favorite_brands: ['Adidas', 'Nike'], age: 40 } }), 20],
    ['IF(CUSTOMER_METADATA("favorite_brands") contains "Nike";20;CUSTOMER_METADATA("age"))', facts(big, { customerMetadata: { favorite_brands: ['Puma'], age: 40 } }), 40],
    ['IF(ORDER_UNITS_QUANTITY >= 6 AND ORDER_AMOUNT < 500;1;0)', facts(small), 1],
    ['IF(ORDER_UNITS_QUANTITY > 6 OR ORDER_AMOUNT = 300;1;0)', facts(small), 1],
    ['IF(ORDER_METADATA("currency") = "EUR";1;2)', facts(big, { orderMetadata: { currency: 'EUR' } }), 1],
    ['IF(ORDER_METADATA("currency") != "EUR";1;2)', facts(big, { orderMetadata: { currency: 'EUR' } }), 2],
    ['ORDER_ITEM_QUANTITY * ORDER_ITEM_AMOUNT', facts(small), 1800],
    ['MIN(ORDER_ITEM_PRICE; 30)', facts(small), 30],
    ['MAX(1, 2, 3)', facts(), 3],
    ['ROUND(10 / 3; 2)', facts(), 3.33],
    ['ROUND_DOWN(2.7) + ROUND_UP(2.1)', facts(), 5],
    ['ORDER_UNITS_QUANTITY > 3', facts(small), undefined],
  ])('%s', (formula, given, expected) => {
    expect(formulaProblem(formula)).toBeUndefined();
    expect(evaluateFormula(formula, given)).toBe(expected);
  });

  it.each([
    ['VOUCHER_PUBLISH_COUNT + 1', 'uses the name VOUCHER_PUBLISH_COUNT, which mock-voucherify does not know; it knows ORDER_AMOUNT,'],
    ['FOO(1)', 'uses the function FOO, which mock-voucherify does not know; it knows IF,'],
    ['IF(1;2', "expects ')' at the end"],
    ['IF(1)', 'calls IF with 1 argument(s); it takes 2 to 3'],
    ['', 'is empty'],
    ['1 +', 'ends too early'],
    ['1 2', "has '2' where an operator or the end is expected"],
    ['1 # 2', "cannot read '# 2'"],
  ])('refuses %j: %s', (formula, message) => {
    expect(formulaProblem(formula)).toContain(message);
  });
});
