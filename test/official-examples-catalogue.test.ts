// Voucherify's published request examples of the catalogue and promotion operations (products,
// SKUs, product collections, validation rules and their assignments, segments, categories,
// promotion tiers and stacks, qualifications): each request sent as published, to records made as
// the official answer shows them, and the answer's fields as in the official answer (ids, dates
// and the ids the examples merely name aside). Error examples: status, code, key, message, details.

import { client, expectError, testApp, type Agent } from './helpers.js';

let api: Agent;

beforeEach(async () => {
  api = client(await testApp());
});

type Body = Record<string, unknown>;
type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: expect.anything() });
  return res.body;
}

const created = (path: string, body: Body) => ok(api.post(path, body));

// ---- products and SKUs ------------------------------------------------------------------------

/** The published create-product request ('{{internalVoucherifyURL}}' is the example's placeholder, sent as it is). */
const samsungPhone = {
  source_id: 'first_product',
  name: 'Samsung Phone',
  price: 200000,
  attributes: ['color', 'memory', 'processor'],
  metadata: { test: true, vendor: 'Online Store' },
  image_url: '{{internalVoucherifyURL}}',
};

describe('products', () => {
  it('create-product Example: the product as sent', async () => {
    const product = await created('/v1/products', samsungPhone);
    expect(product).toMatchObject({ ...samsungPhone, object: 'product' });
    expect(product.id).toMatch(/^prod_/);
    expect(product.created_at).toEqual(expect.any(String));
  });

  it('update-product Example: the new price, the rest as it was', async () => {
    const product = await created('/v1/products', samsungPhone);
    const updated = await ok(api.put(`/v1/products/${product.id}`, { price: 210000 }));
    expect(updated).toMatchObject({ ...samsungPhone, id: product.id, price: 210000, object: 'product' });
    expect(updated.updated_at).toEqual(expect.any(String));
  });

  it('get-product Not Found', async () => {
    const body = expectError(await api.get('/v1/products/prod_0bae2dc5a090fd0184'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find product with id prod_0bae2dc5a090fd0184', resource_id: 'prod_0bae2dc5a090fd0184', resource_type: 'product' });
  });

  it('create-sku Example, then update-sku Example: the SKU of the product, then its new price and currency', async () => {
    const product = await created('/v1/products', samsungPhone);
    const sku = {
      source_id: 'first_product_sku_1',
      sku: 'Samsung phone 256GB',
      price: 1300,
      currency: 'USD',
      attributes: { color: 'vintage-black', memory: '256', processor: 'Intel' },
      image_url: '{{internalVoucherifyURL}}',
      metadata: { imported: true },
    };
    const made = await created(`/v1/products/${product.id}/skus`, sku);
    expect(made).toMatchObject({ ...sku, product_id: product.id, updated_at: null, object: 'sku' });
    expect(made.id).toMatch(/^sku_/);
    const updated = await ok(api.put(`/v1/products/${product.id}/skus/${made.id}`, { price: 210000, currency: 'PLN' }));
    expect(updated).toMatchObject({ ...sku, id: made.id, product_id: product.id, price: 210000, currency: 'PLN', object: 'sku' });
    expect(updated.updated_at).toEqual(expect.any(String));
  });

  it('update-products-in-bulk Example: an async action that upserts both products', async () => {
    const example = [
      { ...samsungPhone, name: 'Samsung Phone 1', price: 220000, metadata: { test: true, vendor: 'Online Store - 3' } },
      { ...samsungPhone, source_id: 'second_product', name: 'Samsung Phone 2', price: 230000, metadata: { test: true, vendor: 'Online Store - 4' } },
    ];
    const accepted = await api.post('/v1/products/bulk/async', example);
    expect(accepted.status).toBe(202);
    expect(Object.keys(accepted.body)).toEqual(['async_action_id']);
    expect(accepted.body.async_action_id).toMatch(/^aa_/);
    const action = await ok(api.get(`/v1/async-actions/${accepted.body.async_action_id}`));
    expect(action.status).toBe('DONE');
    expect(await ok(api.get('/v1/products/first_product'))).toMatchObject({ name: 'Samsung Phone 1', price: 220000 });
    expect(await ok(api.get('/v1/products/second_product'))).toMatchObject({ name: 'Samsung Phone 2', price: 230000 });
  });

  it('update-products-metadata-in-bulk Example: the metadata of both products, by source id', async () => {
    await created('/v1/products', { source_id: '123-567-3433', name: 'Ball' });
    await created('/v1/products', { source_id: 'test_volleyball', name: 'Volleyball', metadata: { size: 5 } });
    const accepted = await api.post('/v1/products/metadata/async', { source_ids: ['123-567-3433', 'test_volleyball'], metadata: { label: true, origin: 'PL' } });
    expect(accepted.status).toBe(202);
    expect(accepted.body.async_action_id).toMatch(/^aa_/);
    expect((await ok(api.get('/v1/products/123-567-3433'))).metadata).toEqual({ label: true, origin: 'PL' });
    expect((await ok(api.get('/v1/products/test_volleyball'))).metadata).toEqual({ size: 5, label: true, origin: 'PL' });
  });
});

// ---- product collections ---------------------------------------------------------------------

describe('product collections', () => {
  it('create-product-collection "Create static collection": the named product, listed', async () => {
    const product = await created('/v1/products', { name: 'Shirt' });
    const collection = await created('/v1/product-collections', { type: 'STATIC', name: 'Static collection example', products: [{ id: product.id, object: 'product' }] });
    expect(collection).toMatchObject({ type: 'STATIC', name: 'Static collection example', products: [{ id: product.id, object: 'product' }], object: 'products_collection' });
    expect(collection.id).toMatch(/^pc_/);
    const listed = await ok(api.get(`/v1/product-collections/${collection.id}/products`));
    expect(listed.data.map((p: Json) => p.id)).toEqual([product.id]);
  });

  it('create-product-collection "Create dynamic collection": the products its filter matches', async () => {
    const match = await created('/v1/products', { name: 'Match', price: 6000, metadata: { brand: 'Voucherify' } });
    await created('/v1/products', { name: 'Too cheap', price: 5000, metadata: { brand: 'Voucherify' } });
    await created('/v1/products', { name: 'Other brand', price: 9000, metadata: { brand: 'Other' } });
    const filter = { junction: 'and', 'metadata.brand': { conditions: { $is: ['Voucherify'] } }, price: { conditions: { $more_than: [5000] } } };
    const collection = await created('/v1/product-collections', { type: 'AUTO_UPDATE', name: 'Voucherify example collection', filter });
    expect(collection).toMatchObject({ type: 'AUTO_UPDATE', name: 'Voucherify example collection', filter, object: 'products_collection' });
    const listed = await ok(api.get(`/v1/product-collections/${collection.id}/products`));
    expect(listed.data.map((p: Json) => p.id)).toEqual([match.id]);
  });

  it('put-product-collection "Update static collection" and "Update auto-update collection"', async () => {
    const fixed = await created('/v1/product-collections', { type: 'STATIC', name: 'Shirts', products: [] });
    expect(await ok(api.put(`/v1/product-collections/${fixed.id}`, { name: 'New static collection name' }))).toMatchObject({ id: fixed.id, type: 'STATIC', name: 'New static collection name' });
    const auto = await created('/v1/product-collections', { type: 'AUTO_UPDATE', name: 'Auto', filter: { junction: 'and', price: { conditions: { $more_than: [1] } } } });
    const filter = {
      junction: 'AND',
      'metadata.brand': { conditions: { $is: ['Voucherify'] } },
      'metadata.vendor': { conditions: { $in: ['Bull&Pear', 'D&B', 'FloppCity', 'Home', 'I&N', 'Reversed'] } },
      price: { conditions: { $more_than_equal: [10000] } },
    };
    const updated = await ok(api.put(`/v1/product-collections/${auto.id}`, { name: 'New auto-update collection name', filter }));
    expect(updated).toMatchObject({ id: auto.id, type: 'AUTO_UPDATE', name: 'New auto-update collection name' });
    expect(updated.filter['metadata.vendor']).toEqual(filter['metadata.vendor']);
  });

  it('put-product-collection "Name is not `string`"', async () => {
    const fixed = await created('/v1/product-collections', { type: 'STATIC', name: 'Shirts', products: [] });
    const body = expectError(await api.put(`/v1/product-collections/${fixed.id}`, { name: 5 }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe('Property .name must be string');
  });

  it('get-product-collection Not Found', async () => {
    const body = expectError(await api.get('/v1/product-collections/pc_wIv11jDp2n7YuX6Tkyue2Lv'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find products_collection with id pc_wIv11jDp2n7YuX6Tkyue2Lv', resource_id: 'pc_wIv11jDp2n7YuX6Tkyue2Lv', resource_type: 'products_collection' });
  });
});

// ---- validation rules -------------------------------------------------------------------------

/** The published create-validation-rules request, with the ids it names. */
const setOfRules = (location: string, eventProperty: string, cheapest: boolean) => ({
  name: cheapest ? 'Set of Validation Rules Updated' : 'Set of Validation Rules',
  error: { message: 'Your order does not meet at least one of the required criteria.' },
  applicable_to: {
    included_all: false,
    excluded: [{ object: 'product', id: 'prod_0bae45ffc7003ffc52', source_id: 'second_product', effect: 'APPLY_TO_EVERY' }],
    included: [
      { object: 'product', id: 'prod_0b72b00ffed198e344', source_id: null, effect: cheapest ? 'APPLY_TO_CHEAPEST' : 'APPLY_TO_MOST_EXPENSIVE', quantity_limit: 1 },
      { object: 'products_collection', id: 'pc_4ndRXAsTOzwSdHcQcxf489uU', source_id: null, effect: 'APPLY_TO_EVERY', quantity_limit: 5 },
    ],
  },
  rules: {
    '1': { name: 'order.metadata', property: location, rules: {}, conditions: { $is: ['Santorini'] }, error: { message: 'Your order must be placed at one of our Santorini shops.' } },
    '2': { name: 'custom_event.metadata', property: eventProperty, rules: {}, conditions: { $greater_than_or_equal: [1] } },
    '3': {
      name: 'order.items.every',
      rules: { '1': { name: 'order.items.metadata', property: 'test', rules: {}, conditions: { $greater_than_or_equal: [1] } } },
      conditions: { $is: [{ id: '<PROD_ID>', effect: 'APPLY_TO_EVERY', object: 'product', source_id: '<SOURCE_ID>' }] },
    },
    logic: cheapest ? '1 and 2' : '1 or 2',
  },
});

describe('validation rules', () => {
  it('create-validation-rules Example, then update-validation-rule Example: the rules as sent', async () => {
    const example = setOfRules('location', 'test', false);
    const rule = await created('/v1/validation-rules', example);
    expect(rule).toMatchObject({ name: example.name, error: example.error, applicable_to: example.applicable_to, context_type: 'global', object: 'validation_rules' });
    expect(rule.rules).toMatchObject({ '1': example.rules['1'], '2': example.rules['2'], logic: '1 or 2' });
    expect(rule.id).toMatch(/^val_/);
    const update = setOfRules('place', 'lining', true);
    const updated = await ok(api.put(`/v1/validation-rules/${rule.id}`, update));
    expect(updated).toMatchObject({ id: rule.id, name: update.name, applicable_to: update.applicable_to, object: 'validation_rules' });
    expect(updated.rules).toMatchObject({ '1': update.rules['1'], '2': update.rules['2'], logic: '1 and 2' });
    expect(updated.updated_at).toEqual(expect.any(String));
  });

  it('create-validation-rules Invalid Validation Rules: a custom event rule without its property', async () => {
    const body = { name: 'No property', rules: { '1': { name: 'custom_event.metadata', rules: {}, conditions: { $is: [1] } }, logic: '1' } };
    const error = expectError(await api.post('/v1/validation-rules', body), 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition');
    expect(error.details).toBe("Rule 'custom_event.metadata' must have a 'property'");
  });

  it('create-validation-rule-assignment Voucher and Campaign: the assignment, then 409 Duplicate', async () => {
    const rule = await created('/v1/validation-rules', { name: 'Orders over 10.00', type: 'basic', rules: { '1': { name: 'order.amount', conditions: { $more_than: [1000] }, rules: {} }, logic: '1' } });
    const campaign = await created('/v1/campaigns', { name: 'Rules campaign', type: 'STATIC', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10 } } });
    const voucher = await created('/v1/vouchers/RULES-1', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 } });
    for (const [related_object_type, related_object_id] of [['voucher', voucher.id], ['campaign', campaign.id]]) {
      const assignment = await created(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type, related_object_id });
      expect(assignment).toMatchObject({ rule_id: rule.id, related_object_id, related_object_type, object: 'validation_rules_assignment' });
      expect(assignment.id).toMatch(/^asgm_/);
      const duplicate = expectError(await api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type, related_object_id }), 409, 'duplicate_found', 'Duplicated resource found');
      expect(duplicate).toMatchObject({ details: `Duplicated validation_rules_assignment exists with id ${assignment.id}`, resource_id: assignment.id, resource_type: 'validation_rules_assignment' });
    }
  });

  it('delete-validation-rules Validation Rule Not Found', async () => {
    const body = expectError(await api.delete('/v1/validation-rules/val_eR1c41hu0vUU'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find validation_rules with id val_eR1c41hu0vUU', resource_id: 'val_eR1c41hu0vUU', resource_type: 'validation_rules' });
  });
});

// ---- segments ---------------------------------------------------------------------------------

describe('segments', () => {
  it('create-segment Static Segment: the two customers, initial sync DONE', async () => {
    const first = await created('/v1/customers', { source_id: 'static-1' });
    const second = await created('/v1/customers', { source_id: 'static-2' });
    const segment = await created('/v1/segments', { name: 'Customers in a new Segment', type: 'static', customers: [first.id, second.id] });
    expect(segment).toMatchObject({ name: 'Customers in a new Segment', type: 'static', filter: null, initial_sync_status: 'DONE', object: 'segment' });
    expect(segment.id).toMatch(/^seg_/);
    const listed = await ok(api.get(`/v1/customers/${first.id}/segments`));
    expect(listed.data.map((s: Json) => s.id)).toEqual([segment.id]);
  });

  it('create-segment "Dynamic - customers created after a specific date": the filter as sent', async () => {
    const filter = { junction: 'and', created_at: { conditions: { $after: ['2021-12-01T00:00:00.000Z'] } } };
    const segment = await created('/v1/segments', { name: 'Customers in a new Dynamic Segment', type: 'auto-update', filter });
    expect(segment).toMatchObject({ name: 'Customers in a new Dynamic Segment', type: 'auto-update', filter, object: 'segment' });
    const customer = await created('/v1/customers', { source_id: 'after-2021' });
    const listed = await ok(api.get(`/v1/customers/${customer.id}/segments`));
    expect(listed.data.map((s: Json) => s.id)).toContain(segment.id);
  });

  it('create-segment "Dynamic - customers with birthday next month": the filter as sent', async () => {
    const filter = {
      junction: 'and',
      birthdate: { conditions: { $next_month: [true] } },
      'address.country': { conditions: { $is: 'Poland' } },
      'metadata.club_level': { conditions: { $in: ['Gold', 'Silver'] } },
    };
    const segment = await created('/v1/segments', { name: 'Customers in a new Dynamic Segment', type: 'auto-update', filter });
    expect(segment).toMatchObject({ type: 'auto-update', filter, object: 'segment' });
  });
});

// ---- categories -------------------------------------------------------------------------------

describe('categories', () => {
  it('create-category Example, then update-category Example', async () => {
    const category = await created('/v1/categories', { name: 'Eighth', hierarchy: 8 });
    expect(category).toMatchObject({ name: 'Eighth', hierarchy: 8, object: 'category' });
    expect(category.id).toMatch(/^cat_/);
    const updated = await ok(api.put(`/v1/categories/${category.id}`, { name: 'Summer', hierarchy: 1 }));
    expect(updated).toMatchObject({ id: category.id, name: 'Summer', hierarchy: 1, object: 'category' });
    expect(updated.updated_at).toEqual(expect.any(String));
  });

  it.each([
    ['Missing name', { hierarchy: 8 }, "Payload should have required property 'name'"],
    ['Missing hierarchy', { name: 'Eighth' }, "Payload should have required property 'hierarchy'"],
  ])('create-category %s', async (_name, body, details) => {
    expect(expectError(await api.post('/v1/categories', body), 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
  });
});

// ---- promotion tiers and stacks ------------------------------------------------------------------

const promotion = () =>
  created('/v1/campaigns', {
    name: 'Order promotions',
    campaign_type: 'PROMOTION',
    type: 'STATIC',
    start_date: '2022-09-21T00:00:00.000Z',
    expiration_date: '2022-09-30T00:00:00.000Z',
    validity_day_of_week: [1, 2, 3, 4, 5],
    promotion: { tiers: [{ name: 'First tier', action: { discount: { type: 'PERCENT', percent_off: 5, effect: 'APPLY_TO_ORDER' } } }] },
  });

describe('promotion tiers', () => {
  it('add-promotion-tier-to-campaign Example: the tier as sent, its rule assigned, its summary at zero', async () => {
    const campaign = await promotion();
    const rule = await created('/v1/validation-rules', { name: 'Orders over 100.00', type: 'basic', rules: { '1': { name: 'order.amount', conditions: { $more_than: [10000] }, rules: {} }, logic: '1' } });
    const example = {
      name: 'Order more than $100',
      banner: 'Order more than $100',
      action: { discount: { type: 'AMOUNT', amount_off: 3000, effect: 'APPLY_TO_ORDER' } },
      metadata: {},
      active: true,
      start_date: '2022-09-21T00:00:00.000Z',
      expiration_date: '2022-09-30T00:00:00.000Z',
      validity_timeframe: { interval: 'P2D', duration: 'P1D' },
      validity_day_of_week: [1, 2, 3, 4],
      validation_rules: [rule.id],
    };
    const tier = await created(`/v1/promotions/${campaign.id}/tiers`, example);
    const { validation_rules: _rules, ...shown } = example;
    expect(tier).toMatchObject({
      ...shown,
      hierarchy: 2,
      campaign: { id: campaign.id, start_date: '2022-09-21T00:00:00.000Z', expiration_date: '2022-09-30T00:00:00.000Z', validity_day_of_week: [1, 2, 3, 4, 5], active: true, object: 'campaign' },
      summary: { redemptions: { total_redeemed: 0 }, orders: { total_amount: 0, total_discount_amount: 0 } },
      object: 'promotion_tier',
      validation_rule_assignments: { object: 'list', data_ref: 'data', total: 1, data: [{ rule_id: rule.id, related_object_id: tier.id, related_object_type: 'promotion_tier', object: 'validation_rules_assignment' }] },
    });
    expect(tier.id).toMatch(/^promo_/);
  });

  it('update-promotion-tier Example: the tier as sent', async () => {
    const campaign = await promotion();
    const [tier] = (await ok(api.get(`/v1/promotions/${campaign.id}/tiers`))).tiers;
    const example = {
      name: 'Order more than $100 USD',
      banner: 'Order more than $100 USD',
      action: { discount: { type: 'PERCENT', percent_off: 25, effect: 'APPLY_TO_ORDER' } },
      metadata: { level: 'A-21' },
      hierarchy: 1,
      start_date: '2022-09-22T00:00:00.000Z',
      expiration_date: '2022-09-29T00:00:00.000Z',
      validity_timeframe: { interval: 'P3D', duration: 'P2D' },
      validity_day_of_week: [1, 2, 3],
    };
    const updated = await ok(api.put(`/v1/promotions/tiers/${tier.id}`, example));
    expect(updated).toMatchObject({ ...example, id: tier.id, object: 'promotion_tier', summary: { redemptions: { total_redeemed: 0 } } });
    expect(updated.updated_at).toEqual(expect.any(String));
  });

  it('create-promotion-stack Example, update-promotion-stack Example, and the two 404s', async () => {
    const campaign = await promotion();
    const tiers = [(await ok(api.get(`/v1/promotions/${campaign.id}/tiers`))).tiers[0]];
    for (const name of ['Second', 'Third']) tiers.push(await created(`/v1/promotions/${campaign.id}/tiers`, { name, action: { discount: { type: 'AMOUNT', amount_off: 100 } } }));
    const ids = tiers.map((tier) => tier.id);
    const stack = await created(`/v1/promotions/${campaign.id}/stacks`, { name: 'Fifth Stack', tiers: { ids, hierarchy_mode: 'MANUAL' } });
    expect(stack).toMatchObject({ name: 'Fifth Stack', campaign_id: campaign.id, object: 'promotion_stack', tiers: { ids, hierarchy_mode: 'MANUAL' } });
    expect(stack.id).toMatch(/^stack_/);
    const updated = await ok(api.put(`/v1/promotions/${campaign.id}/stacks/${stack.id}`, { name: 'Fifth Stack Modified', tiers: { ids: ids.slice(0, 2), hierarchy_mode: 'MANUAL' } }));
    expect(updated).toMatchObject({ id: stack.id, name: 'Fifth Stack Modified', campaign_id: campaign.id, tiers: { ids: ids.slice(0, 2), hierarchy_mode: 'MANUAL' } });
    expect(updated.updated_at).toEqual(expect.any(String));

    const noCampaign = expectError(await api.post('/v1/promotions/camp_99HUWI53bVyLzPN1Fg5TBLW/stacks', { name: 'Fifth Stack', tiers: { ids } }), 404, 'not_found', 'Resource not found');
    expect(noCampaign).toMatchObject({ details: 'Cannot find campaign with id camp_99HUWI53bVyLzPN1Fg5TBLW', resource_id: 'camp_99HUWI53bVyLzPN1Fg5TBLW', resource_type: 'campaign' });
    const noTier = expectError(await api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'Fifth Stack', tiers: { ids: [ids[0], 'promo_dJNhAEeV5sR5oPQq1UrUdnM'] } }), 404, 'not_found', 'Resource not found');
    expect(noTier).toMatchObject({ details: 'Cannot find promotion_tier with id promo_dJNhAEeV5sR5oPQq1UrUdnM', resource_id: 'promo_dJNhAEeV5sR5oPQq1UrUdnM', resource_type: 'promotion_tier' });
  });
});

// ---- qualifications ---------------------------------------------------------------------------

describe('qualifications', () => {
  it('check-eligibility "ALL scenario with options": a page of at most 10, each redeemable expanded', async () => {
    const answer = await ok(api.post('/v1/qualifications', { scenario: 'ALL', options: { limit: 10, expand: ['redeemable'], sorting_rule: 'DEFAULT' } }));
    expect(answer.redeemables).toMatchObject({ object: 'list', data_ref: 'data', data: expect.any(Array), has_more: expect.any(Boolean) });
    expect(answer.redeemables.data.length).toBeGreaterThan(0);
    expect(answer.redeemables.data.length).toBeLessThanOrEqual(10);
    for (const redeemable of answer.redeemables.data) {
      expect(redeemable).toMatchObject({ id: expect.any(String), object: expect.stringMatching(/^(voucher|promotion_tier)$/), result: expect.any(Object) });
    }
    expect(answer.tracking_id === undefined || typeof answer.tracking_id === 'string').toBe(true);
  });
});
