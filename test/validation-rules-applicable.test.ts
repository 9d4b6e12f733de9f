// A validation rule's applicable_to over the API: the products, SKUs and collections it includes
// and excludes narrow a voucher's or promotion tier's item-level discount in validations,
// redemptions and qualifications (totals to the cent), the answers list them, a discount that
// reaches no item is refused; and discount and price formulas, refused when they name what the
// mock does not know.

import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';
import { givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'applicable-tenant');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const createRule = (body: Json) => ok(api.post('/v1/validation-rules', { name: 'Items', type: 'basic', ...body }));
const assign = (ruleId: string, body: Json) => ok(api.post(`/v1/validation-rules/${ruleId}/assignments`, body));
const voucherRef = (code: unknown) => ({ object: 'voucher', id: String(code) });
const list = (data: Json[]) => ({ object: 'list', data_ref: 'data', data, total: data.length });

interface Catalogue {
  jacket: Json;
  scarf: Json;
  scarfSku: Json;
  socks: Json;
  hat: Json;
  accessories: Json;
}

/** A jacket (40.00), a scarf with a SKU (15.00), socks (5.00, sent by source_id), a hat (not in the cart); the collection Accessories holds the scarf and the socks. */
async function givenCatalogue(): Promise<Catalogue> {
  const jacket = await ok(api.post('/v1/products', { name: 'Jacket', source_id: 'jacket', price: 4000 }));
  const scarf = await ok(api.post('/v1/products', { name: 'Scarf', source_id: 'scarf', price: 1500 }));
  const scarfSku = await ok(api.post(`/v1/products/${scarf.id}/skus`, { sku: 'Blue scarf', source_id: 'scarf-blue', price: 1500 }));
  const socks = await ok(api.post('/v1/products', { name: 'Socks', source_id: 'socks', price: 500 }));
  const hat = await ok(api.post('/v1/products', { name: 'Hat', source_id: 'hat', price: 2000 }));
  const accessories = await ok(
    api.post('/v1/product-collections', { type: 'STATIC', name: 'Accessories', products: [{ id: scarf.id, object: 'product' }, { id: socks.id, object: 'product' }] }),
  );
  return { jacket, scarf, scarfSku, socks, hat, accessories };
}

/** 2 jackets (80.00), a blue scarf (15.00), 3 pairs of socks by source_id (15.00): 110.00. */
const cartOf = (c: Catalogue) => ({
  items: [
    { product_id: c.jacket.id, quantity: 2, price: 4000 },
    { sku_id: c.scarfSku.id, quantity: 1, price: 1500 },
    { source_id: 'socks', related_object: 'product', quantity: 3, price: 500 },
  ],
});

const itemDiscounts = (order: Json) => order.items.map((item: Json) => item.discount_amount ?? 0);
const totals = (order: Json) => ({
  amount: order.amount,
  items_discount_amount: order.items_discount_amount ?? 0,
  total_discount_amount: order.total_discount_amount,
  total_amount: order.total_amount,
});

describe('applicable_to in validations', () => {
  it('a 20% item discount touches only the included product; the answer lists it', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.jacket.id, source_id: 'jacket' }] } });
    const voucher = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 20, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_type: 'voucher', related_object_id: voucher.id });
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    expect(answer.valid).toBe(true);
    // 20% of 80.00 = 16.00 off the jackets only.
    expect(totals(answer.order)).toEqual({ amount: 11000, items_discount_amount: 1600, total_discount_amount: 1600, total_amount: 9400 });
    expect(itemDiscounts(answer.order)).toEqual([1600, 0, 0]);
    expect(answer.redeemables[0].applicable_to).toEqual(list([{ object: 'product', id: c.jacket.id, source_id: 'jacket', effect: 'APPLY_TO_EVERY' }]));
    expect(answer.redeemables[0].inapplicable_to).toEqual(list([]));

    const single = await ok(api.post(`/v1/vouchers/${voucher.code}/validate`, { order: cartOf(c) }));
    expect(single).toMatchObject({ valid: true, applicable_to: list([{ object: 'product', id: c.jacket.id, source_id: 'jacket', effect: 'APPLY_TO_EVERY' }]), inapplicable_to: list([]) });
    expect(totals(single.order)).toEqual({ amount: 11000, items_discount_amount: 1600, total_discount_amount: 1600, total_amount: 9400 });
  });

  it("a collection, less an excluded SKU, from the campaign's rule; per unit, at most 2 units", async () => {
    const c = await givenCatalogue();
    const rule = await createRule({
      applicable_to: {
        included: [{ object: 'products_collection', id: c.accessories.id, aggregated_quantity_limit: 2 }],
        excluded: [{ object: 'sku', id: c.scarfSku.id, source_id: 'scarf-blue' }],
      },
    });
    const campaign = await ok(
      api.post('/v1/campaigns', {
        name: 'Accessories',
        campaign_type: 'DISCOUNT_COUPONS',
        type: 'STATIC',
        voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 150, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' } },
      }),
    );
    await assign(rule.id, { related_object_type: 'campaign', related_object_id: campaign.id });
    const voucher = await givenVoucher(api, { code: 'ACC-1', campaign: campaign.name });
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    // The scarf is excluded; 2 of the 3 pairs of socks at 1.50 each: 3.00.
    expect(itemDiscounts(answer.order)).toEqual([0, 0, 300]);
    expect(totals(answer.order)).toEqual({ amount: 11000, items_discount_amount: 300, total_discount_amount: 300, total_amount: 10700 });
    expect(answer.redeemables[0].applicable_to.data).toEqual([{ object: 'products_collection', id: c.accessories.id, aggregated_quantity_limit: 2, effect: 'APPLY_TO_EVERY' }]);
    expect(answer.redeemables[0].inapplicable_to).toEqual(list([{ object: 'sku', id: c.scarfSku.id, source_id: 'scarf-blue' }]));
  });

  it('APPLY_TO_MOST_EXPENSIVE with an amount limit beside included_all, in a stack after an order discount', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included_all: true, included: [{ object: 'products_collection', id: c.accessories.id, effect: 'APPLY_TO_MOST_EXPENSIVE', amount_limit: 1000 }] } });
    const first = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 1000, effect: 'APPLY_TO_ORDER' } });
    const half = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 50, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_type: 'voucher', related_object_id: half.id });
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(first.code), voucherRef(half.code)], order: cartOf(c) }));
    // The jackets (included_all): 40.00; the dearest accessory, one scarf: 7.50; the socks: nothing.
    expect(itemDiscounts(answer.order)).toEqual([4000, 750, 0]);
    expect(totals(answer.order)).toEqual({ amount: 11000, items_discount_amount: 4750, total_discount_amount: 5750, total_amount: 5250 });
  });

  it('an item discount none of whose items apply is INAPPLICABLE (order_rules_violated); an order discount is not narrowed', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.hat.id }] } });
    const items = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 20, effect: 'APPLY_TO_ITEMS' } });
    const order = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 20, effect: 'APPLY_TO_ORDER' } });
    await assign(rule.id, { related_object_id: items.id });
    await assign(rule.id, { related_object_id: order.id });

    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(items.code)], order: cartOf(c) }));
    expect(answer.valid).toBe(false);
    expect(answer.redeemables[0]).toMatchObject({ status: 'INAPPLICABLE', result: { details: { key: 'order_rules_violated', message: 'order does not match validation rules' } } });
    expect(answer.redeemables[0].result.error).toMatchObject({
      code: 400,
      key: 'order_rules_violated',
      message: 'order does not match validation rules',
      details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`,
    });
    const single = await ok(api.post(`/v1/vouchers/${items.code}/validate`, { order: cartOf(c) }));
    expect(single).toMatchObject({ valid: false, reason: 'order does not match validation rules', error: { code: 400, key: 'order_rules_violated' } });

    const whole = await ok(api.post('/v1/validations', { redeemables: [voucherRef(order.code)], order: cartOf(c) }));
    expect(totals(whole.order)).toEqual({ amount: 11000, items_discount_amount: 0, total_discount_amount: 2200, total_amount: 8800 });
  });

  it("the refusal carries the rule's error message", async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ error: { message: 'Hats only' }, applicable_to: { included: [{ object: 'product', id: c.hat.id }] } });
    const voucher = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    expect(answer.redeemables[0].result.error).toMatchObject({ key: 'order_rules_violated', message: 'Hats only' });
  });
});

describe('applicable_to as stored', () => {
  it('keeps an entry as sent, budget limits too, and lists it', async () => {
    const entry = {
      object: 'product',
      id: 'prod_kept',
      source_id: 'kept',
      effect: 'APPLY_FROM_CHEAPEST',
      repeat: 3,
      skip_initially: 1,
      target: 'UNIT',
      order_item_indices: [0],
      product_campaign_quantity_limit: 10,
      product_campaign_quantity_limit_formula: 'IF(ORDER_AMOUNT > 1;2;1)',
    };
    const rule = await createRule({ applicable_to: { included: [entry] } });
    expect(rule.applicable_to.included).toEqual([entry]);
    const voucher = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ORDER' } });
    await assign(rule.id, { related_object_id: voucher.id });
    const answer = await ok(api.post(`/v1/vouchers/${voucher.code}/validate`, { order: { amount: 1000 } }));
    expect(answer.applicable_to).toEqual(list([entry]));
  });
});

describe('applicable_to lines, units, repeat and skip_initially at checkout', () => {
  /** 2 jackets (80.00), 4 pairs of socks (20.00), 3 more pairs of socks on their own line (15.00): 115.00. */
  const socksCart = (c: Catalogue) => ({
    items: [
      { product_id: c.jacket.id, quantity: 2, price: 4000 },
      { product_id: c.socks.id, quantity: 4, price: 500 },
      { source_id: 'socks', related_object: 'product', quantity: 3, price: 500 },
    ],
  });

  it('every 3rd pair of socks free (target UNIT, skip_initially 2, repeat 3), counted across lines, validated then redeemed', async () => {
    const c = await givenCatalogue();
    const entry = { object: 'product', id: c.socks.id, target: 'UNIT', skip_initially: 2, repeat: 3 };
    const rule = await createRule({ applicable_to: { included: [entry] } });
    const voucher = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 100, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    // The socks' units: 1–4 on line 1, 5–7 on line 2. Two skipped, then every 3rd: units 3 and 6,
    // one pair on each line, 5.00 each: 10.00 off 115.00.
    const validation = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: socksCart(c) }));
    expect(validation.valid).toBe(true);
    expect(itemDiscounts(validation.order)).toEqual([0, 500, 500]);
    expect(totals(validation.order)).toEqual({ amount: 11500, items_discount_amount: 1000, total_discount_amount: 1000, total_amount: 10500 });
    expect(validation.redeemables[0].applicable_to).toEqual(list([{ ...entry, effect: 'APPLY_TO_EVERY' }]));

    const redemption = await ok(api.post('/v1/redemptions', { redeemables: [voucherRef(voucher.code)], order: socksCart(c) }));
    expect(itemDiscounts(redemption.order)).toEqual([0, 500, 500]);
    expect(totals(redemption.order)).toEqual({ amount: 11500, items_discount_amount: 1000, total_discount_amount: 1000, total_amount: 10500 });
    expect(redemption.redemptions[0]).toMatchObject({ result: 'SUCCESS', order: { total_discount_amount: 1000, total_amount: 10500 } });
  });

  it('target ITEM, skip_initially 1: the socks lines after the first, by the single-voucher validation', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.socks.id, target: 'ITEM', skip_initially: 1, repeat: 1 }] } });
    const voucher = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 150, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' } });
    await assign(rule.id, { related_object_id: voucher.id });
    // The second socks line only: 1.50 off each of its 3 pairs, 4.50 off 115.00.
    const answer = await ok(api.post(`/v1/vouchers/${voucher.code}/validate`, { order: socksCart(c) }));
    expect(answer).toMatchObject({ valid: true, order: { amount: 11500, total_discount_amount: 450, total_amount: 11050 } });
    expect(itemDiscounts(answer.order)).toEqual([0, 0, 450]);
  });

  it('order_item_indices: only the listed line of the collection, validated then redeemed', async () => {
    const c = await givenCatalogue();
    // The Accessories collection holds the scarf (line 1) and the socks (line 2); only line 2 is listed.
    const entry = { object: 'products_collection', id: c.accessories.id, order_item_indices: [0, 2] };
    const rule = await createRule({ applicable_to: { included: [entry] } });
    const voucher = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 20, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    // 20% of the socks' 15.00: 3.00 off 110.00 (the jackets on line 0 are not in the collection).
    const validation = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    expect(itemDiscounts(validation.order)).toEqual([0, 0, 300]);
    expect(totals(validation.order)).toEqual({ amount: 11000, items_discount_amount: 300, total_discount_amount: 300, total_amount: 10700 });

    const redemption = await ok(api.post('/v1/redemptions', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    expect(itemDiscounts(redemption.order)).toEqual([0, 0, 300]);
    expect(totals(redemption.order)).toEqual({ amount: 11000, items_discount_amount: 300, total_discount_amount: 300, total_amount: 10700 });
    expect(redemption.redemptions[0].voucher.applicable_to).toEqual(list([{ ...entry, effect: 'APPLY_TO_EVERY' }]));
  });

  it('order_item_units: the listed units of a line; none of them in the order is a violated order rule', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.socks.id, order_item_units: [{ index: 2, units: [1, 3] }] }] } });
    const voucher = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 50, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    // Pairs 1 and 3 of the second socks line: half of 10.00, 5.00 off 115.00.
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: socksCart(c) }));
    expect(itemDiscounts(answer.order)).toEqual([0, 0, 500]);
    expect(totals(answer.order)).toEqual({ amount: 11500, items_discount_amount: 500, total_discount_amount: 500, total_amount: 11000 });
    // The same rule on an order whose line 2 is the jackets: nothing to discount.
    const res = await api.post('/v1/redemptions', { redeemables: [voucherRef(voucher.code)], order: { items: [socksCart(c).items[1], socksCart(c).items[2], socksCart(c).items[0]] } });
    expectError(res, 400, 'order_rules_violated', 'order does not match validation rules');
  });

  it('refuses a rule whose repeat, skip_initially, target or line lists cannot be read', async () => {
    const c = await givenCatalogue();
    const cases: [Json, string][] = [
      [{ repeat: 0 }, 'Property .applicable_to.included[0].repeat must be >= 1'],
      [{ skip_initially: -1 }, 'Property .applicable_to.included[0].skip_initially must be >= 0'],
      [{ target: 'ORDER' }, 'Property .applicable_to.included[0].target must be equal to one of the allowed values [ ITEM, UNIT ]'],
      [{ order_item_indices: [-1] }, 'Property .applicable_to.included[0].order_item_indices[0] must be >= 0'],
      [{ order_item_units: [{ units: [1] }] }, "Property .applicable_to.included[0].order_item_units[0] must have required property 'index'"],
    ];
    for (const [bad, details] of cases) {
      const res = await api.post('/v1/validation-rules', { name: 'Bad', type: 'basic', applicable_to: { included: [{ object: 'product', id: c.socks.id, ...bad }] } });
      expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
    }
    expect((await ok(api.get('/v1/validation-rules'))).total).toBe(0);
  });
});

describe('applicable_to product budgets at checkout', () => {
  it('a standalone voucher: 6 units for everyone, 4 per customer; a rollback gives its units back', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({
      applicable_to: { included: [{ object: 'product', id: c.socks.id, product_campaign_quantity_limit: 6, product_customer_campaign_quantity_limit: 4 }] },
    });
    const voucher = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ITEMS_BY_QUANTITY' } });
    await assign(rule.id, { related_object_id: voucher.id });
    // 3 pairs of socks at 5.00: 15.00; 1.00 off each pair the budgets allow.
    const socks = { items: [{ product_id: c.socks.id, quantity: 3, price: 500 }] };
    const redeem = async (customer: string) => (await ok(api.post(`/v1/vouchers/${voucher.code}/redemption`, { customer: { source_id: customer }, order: socks }))) as Json;

    const first = await redeem('alice'); // 3 of alice's 4, 3 of 6 in all
    expect(first.order).toMatchObject({ amount: 1500, total_discount_amount: 300, total_amount: 1200 });
    // A validation counts what was redeemed and writes nothing: alice has 1 left.
    const validation = await ok(api.post('/v1/validations', { customer: { source_id: 'alice' }, redeemables: [voucherRef(voucher.code)], order: socks }));
    expect(totals(validation.order)).toEqual({ amount: 1500, items_discount_amount: 100, total_discount_amount: 100, total_amount: 1400 });
    expect((await redeem('alice')).order).toMatchObject({ total_discount_amount: 100, total_amount: 1400 }); // alice's last: 4 of 6
    expect((await redeem('bob')).order).toMatchObject({ total_discount_amount: 200, total_amount: 1300 }); // the 2 left of 6
    // Nothing left for anyone: no unit to discount is a violated order rule, and nothing is written.
    expectError(await api.post(`/v1/vouchers/${voucher.code}/redemption`, { customer: { source_id: 'carol' }, order: socks }), 400, 'order_rules_violated', 'order does not match validation rules');
    // Rolling back alice's first redemption gives its 3 units back to everyone (and to alice).
    await ok(api.post(`/v1/redemptions/${first.id}/rollback`));
    expect((await redeem('bob')).order).toMatchObject({ total_discount_amount: 200, total_amount: 1300 }); // bob's 4th: 2 left of his
    expect((await redeem('carol')).order).toMatchObject({ total_discount_amount: 100, total_amount: 1400 }); // the 1 left of 6
  });

  it("a promotion tier's budget through stacked redemptions", async () => {
    const c = await givenCatalogue();
    const campaign = await ok(
      api.post('/v1/campaigns', {
        name: 'Socks week',
        campaign_type: 'PROMOTION',
        promotion: { tiers: [{ name: 'Half price socks', action: { discount: { type: 'PERCENT', percent_off: 50, effect: 'APPLY_TO_ITEMS' } } }] },
      }),
    );
    const tier = campaign.promotion.tiers[0];
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.socks.id, product_promotion_tier_quantity_limit: 4 }] } });
    await assign(rule.id, { related_object_type: 'promotion_tier', related_object_id: tier.id });
    const socks = { items: [{ product_id: c.socks.id, quantity: 3, price: 500 }] };
    const redeem = () => ok(api.post('/v1/redemptions', { redeemables: [{ object: 'promotion_tier', id: tier.id }], order: socks }));
    // 3 pairs, half price: 7.50 off; then the 1 pair left of 4: 2.50.
    expect(totals((await redeem()).order)).toEqual({ amount: 1500, items_discount_amount: 750, total_discount_amount: 750, total_amount: 750 });
    expect(totals((await redeem()).order)).toEqual({ amount: 1500, items_discount_amount: 250, total_discount_amount: 250, total_amount: 1250 });
  });

  it('refuses a budget formula that names what the mock does not know', async () => {
    const res = await api.post('/v1/validation-rules', {
      name: 'Bad budget',
      type: 'basic',
      applicable_to: { included: [{ object: 'product', id: 'prod_x', product_campaign_quantity_limit_formula: 'STOCK("socks")' }] },
    });
    expect(expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition').details).toMatch(
      /^applicable_to\.included\[0\]\.product_campaign_quantity_limit_formula 'STOCK\("socks"\)' uses the function STOCK, which mock-voucherify does not know/,
    );
  });
});

describe('applicable_to in redemptions', () => {
  it('redeems the narrowed discount and shows the lists on the redemption’s voucher', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included: [{ object: 'sku', id: c.scarfSku.id, price: 1000 }, { object: 'product', id: c.jacket.id, price_formula: 'ORDER_ITEM_PRICE - 5' }] } });
    const voucher = await givenVoucher(api, { discount: { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    const answer = await ok(api.post('/v1/redemptions', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    // The scarf costs 10.00 (5.00 off), each jacket 35.00 (2 × 5.00 off): 15.00.
    expect(itemDiscounts(answer.order)).toEqual([1000, 500, 0]);
    expect(totals(answer.order)).toEqual({ amount: 11000, items_discount_amount: 1500, total_discount_amount: 1500, total_amount: 9500 });
    const [redemption] = answer.redemptions;
    expect(redemption).toMatchObject({ result: 'SUCCESS', order: { total_discount_amount: 1500, total_amount: 9500 } });
    expect(redemption.voucher.applicable_to.total).toBe(2);
    expect(redemption.voucher.applicable_to.data[1]).toEqual({ object: 'product', id: c.jacket.id, price_formula: 'ORDER_ITEM_PRICE - 5', effect: 'APPLY_TO_EVERY' });
    expect(redemption.voucher.inapplicable_to).toEqual(list([]));
  });

  it('refuses a redemption whose item discount reaches no item, and writes nothing', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { excluded: [{ object: 'product', id: c.jacket.id }, { object: 'products_collection', id: c.accessories.id }] } });
    const voucher = await givenVoucher(api, { code: 'NONE-LEFT', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    const res = await api.post('/v1/redemptions', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) });
    expect(expectError(res, 400, 'order_rules_violated', 'order does not match validation rules').details).toBe(
      `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`,
    );
    expectError(await api.post(`/v1/vouchers/${voucher.code}/redemption`, { order: cartOf(c) }), 400, 'order_rules_violated', 'order does not match validation rules');
    expect((await ok(api.get(`/v1/vouchers/${voucher.code}`))).redemption.redeemed_quantity).toBe(0);
  });
});

describe('applicable_to of promotion tiers and in qualifications', () => {
  it("narrows a tier's item discount and lists the tier's items", async () => {
    const c = await givenCatalogue();
    const campaign = await ok(
      api.post('/v1/campaigns', {
        name: 'Jackets week',
        campaign_type: 'PROMOTION',
        promotion: { tiers: [{ name: 'Jackets 10%', action: { discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' } } }] },
      }),
    );
    const tier = campaign.promotion.tiers[0].id as string;
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.jacket.id, quantity_limit: 1 }] } });
    await assign(rule.id, { related_object_type: 'promotion_tier', related_object_id: tier });
    const answer = await ok(api.post('/v1/validations', { redeemables: [{ object: 'promotion_tier', id: tier }], order: cartOf(c) }));
    // One jacket of two: 10% of 40.00.
    expect(itemDiscounts(answer.order)).toEqual([400, 0, 0]);
    expect(answer.redeemables[0].applicable_to.data).toEqual([{ object: 'product', id: c.jacket.id, quantity_limit: 1, effect: 'APPLY_TO_EVERY' }]);
    const older = await ok(api.post(`/v1/promotions/tiers/${tier}/validation`, { order: cartOf(c) }));
    expect(older).toMatchObject({ valid: true, discount_amount: 400, applicable_to: { total: 1 } });
  });

  it('qualifications list the voucher’s applicable_to and leave out a voucher that reaches no item', async () => {
    const c = await givenCatalogue();
    const jackets = await createRule({ applicable_to: { included: [{ object: 'product', id: c.jacket.id }] } });
    const hats = await createRule({ applicable_to: { included: [{ object: 'product', id: c.hat.id }] } });
    const jacketVoucher = await givenVoucher(api, { code: 'JACKETS', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' } });
    const hatVoucher = await givenVoucher(api, { code: 'HATS', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' } });
    await assign(jackets.id, { related_object_id: jacketVoucher.id });
    await assign(hats.id, { related_object_id: hatVoucher.id });
    const answer = await ok(api.post('/v1/qualifications', { order: cartOf(c), scenario: 'ALL' }));
    const codes = answer.redeemables.data.map((r: Json) => r.id);
    expect(codes).toContain('JACKETS');
    expect(codes).not.toContain('HATS');
    const jacketsView = answer.redeemables.data.find((r: Json) => r.id === 'JACKETS');
    expect(jacketsView.applicable_to).toEqual(list([{ object: 'product', id: c.jacket.id, effect: 'APPLY_TO_EVERY' }]));
    expect(jacketsView.order.items_discount_amount).toBe(800);
  });
});

describe('formulas', () => {
  it('percent_off_formula reads the customer metadata (stored, or sent with the request)', async () => {
    const c = await givenCatalogue();
    await ok(api.post('/v1/customers', { source_id: 'gold-member', metadata: { tier: 'gold' } }));
    const voucher = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 5, percent_off_formula: 'IF(CUSTOMER_METADATA("tier") = "gold";15;5)', effect: 'APPLY_TO_ORDER' } });
    const validate = (customer: Json) => ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c), customer }));
    expect((await validate({ source_id: 'gold-member' })).order.total_discount_amount).toBe(1650);
    expect((await validate({ source_id: 'walk-in', metadata: { tier: 'gold' } })).order.total_discount_amount).toBe(1650);
    expect((await validate({ source_id: 'walk-in' })).order.total_discount_amount).toBe(550);
  });

  it('amount_off_formula on the order amount, in the main unit', async () => {
    const c = await givenCatalogue();
    const voucher = await givenVoucher(api, { discount: { type: 'AMOUNT', amount_off: 400, amount_off_formula: 'IF(ORDER_AMOUNT > 100;12.5;4)', effect: 'APPLY_TO_ORDER' } });
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    expect(answer.order.total_discount_amount).toBe(1250);
    const small = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: { items: [{ product_id: c.jacket.id, quantity: 1, price: 4000 }] } }));
    expect(small.order.total_discount_amount).toBe(400);
  });

  it('takes a price_formula as a number (main unit)', async () => {
    const c = await givenCatalogue();
    const rule = await createRule({ applicable_to: { included: [{ object: 'product', id: c.jacket.id, price_formula: 25 }] } });
    expect(rule.applicable_to.included[0].price_formula).toBe(25);
    const voucher = await givenVoucher(api, { discount: { type: 'FIXED', effect: 'APPLY_TO_ITEMS' } });
    await assign(rule.id, { related_object_id: voucher.id });
    const answer = await ok(api.post('/v1/validations', { redeemables: [voucherRef(voucher.code)], order: cartOf(c) }));
    expect(itemDiscounts(answer.order)).toEqual([3000, 0, 0]);
  });

  it('refuses a rule whose price formula names what the mock does not know, on creation and update', async () => {
    const res = await api.post('/v1/validation-rules', { name: 'Bad', applicable_to: { included: [{ object: 'product', id: 'prod_x', price_formula: 'PRODUCT_METADATA("x") * 2' }] } });
    expect(expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition').details).toMatch(
      /^applicable_to\.included\[0\]\.price_formula 'PRODUCT_METADATA\("x"\) \* 2' uses the function PRODUCT_METADATA, which mock-voucherify does not know; it knows IF, CUSTOMER_METADATA/,
    );
    expect((await ok(api.get('/v1/validation-rules'))).total).toBe(0);
    const rule = await createRule({ applicable_to: { included: [] } });
    const update = await api.put(`/v1/validation-rules/${rule.id}`, { applicable_to: { excluded: [{ object: 'sku', id: 'sku_x', price_formula: 'IF(1;2' }] } });
    expect(expectError(update, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition').details).toBe("applicable_to.excluded[0].price_formula 'IF(1;2' expects ')' at the end");
  });

  it('refuses a voucher, campaign or promotion tier whose discount formula names what the mock does not know', async () => {
    const unknown = { type: 'PERCENT', percent_off: 10, percent_off_formula: 'IF(VOUCHER_PUBLISH_COUNT = 1;25;5)', effect: 'APPLY_TO_ORDER' };
    const details = "discount.percent_off_formula 'IF(VOUCHER_PUBLISH_COUNT = 1;25;5)' uses the name VOUCHER_PUBLISH_COUNT, which mock-voucherify does not know";
    const voucher = await api.post('/v1/vouchers/BAD-FORMULA', { type: 'DISCOUNT_VOUCHER', discount: unknown });
    expect(expectError(voucher, 400, 'invalid_payload', 'Invalid payload').details).toContain(details);
    expectError(await api.get('/v1/vouchers/BAD-FORMULA'), 404, 'not_found', 'Resource not found');

    const good = await givenVoucher(api, { discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } });
    expect(expectError(await api.put(`/v1/vouchers/${good.code}`, { discount: unknown }), 400, 'invalid_payload', 'Invalid payload').details).toContain(details);

    const campaign = await api.post('/v1/campaigns', { name: 'Bad formulas', campaign_type: 'DISCOUNT_COUPONS', type: 'STATIC', voucher: { type: 'DISCOUNT_VOUCHER', discount: unknown } });
    expect(expectError(campaign, 400, 'invalid_payload', 'Invalid payload').details).toContain(details);

    const units = { type: 'UNIT', effect: 'ADD_MANY_ITEMS', units: [{ unit_off: 1, unit_off_formula: 'SKU_COUNT()', unit_type: 'prod_x', effect: 'ADD_NEW_ITEMS' }] };
    const tier = await api.post('/v1/campaigns', { name: 'Bad tier', campaign_type: 'PROMOTION', promotion: { tiers: [{ name: 'Units', action: { discount: units } }] } });
    expect(expectError(tier, 400, 'invalid_payload', 'Invalid payload').details).toContain("discount.units[0].unit_off_formula 'SKU_COUNT()' uses the function SKU_COUNT");
    const names = (await ok(api.get('/v1/campaigns'))).campaigns.map((campaign: Json) => campaign.name);
    expect(names).not.toContain('Bad formulas');
    expect(names).not.toContain('Bad tier');
  });
});
