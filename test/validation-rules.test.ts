// Validation rules over the API: creating, listing, reading, changing and deleting rules, assigning
// them to vouchers and campaigns (which show their assignments), every error; and a voucher with
// rules validated and redeemed, passing and failing.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign, givenCustomer, givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'rules-tenant');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const RULE_ID = /^val_[A-Za-z0-9]{12}$/;
const ASSIGNMENT_ID = /^asgm_[A-Za-z0-9]{16}$/;
const amountOver = (cents: number, extra: Json = {}) => ({ name: `Over ${cents}`, rules: { '1': { name: 'order.amount', conditions: { $more_than: [cents] } }, logic: '1' }, ...extra });
const createRule = (body: Json) => ok(api.post('/v1/validation-rules', body));
const assign = (ruleId: string, body: Json, query = '') => api.post(`/v1/validation-rules/${ruleId}/assignments${query}`, body);

describe('POST /v1/validation-rules', () => {
  it('creates a rule with its conditions spelled out and Voucherify’s defaults', async () => {
    const rule = await createRule({
      name: 'Santorini',
      error: { message: 'Your order does not meet at least one of the required criteria.' },
      rules: {
        '1': { name: 'order.metadata', property: 'location', conditions: { $is: ['Santorini'] }, error: { message: 'Santorini shops only.' } },
        '2': { name: 'custom_event.metadata', property: 'test', rules: {}, conditions: { $greater_than_or_equal: [1] } },
        logic: '1 or 2',
      },
    });
    expect(rule).toEqual({
      id: expect.stringMatching(RULE_ID),
      name: 'Santorini',
      rules: {
        '1': { name: 'order.metadata', property: 'location', conditions: { $is: ['Santorini'] }, rules: {}, error: { message: 'Santorini shops only.' } },
        '2': { name: 'custom_event.metadata', property: 'test', conditions: { $greater_than_or_equal: [1] }, rules: {} },
        logic: '1 or 2',
      },
      error: { message: 'Your order does not meet at least one of the required criteria.' },
      applicable_to: { excluded: [], included: [], included_all: false },
      created_at: NOW.toISOString(),
      type: 'expression',
      context_type: 'global',
      object: 'validation_rules',
    });
  });

  it('keeps applicable_to, type and context_type as sent', async () => {
    const applicable = { included_all: false, excluded: [], included: [{ object: 'product', id: 'prod_1', source_id: null, effect: 'APPLY_TO_EVERY', quantity_limit: 1 }] };
    const rule = await createRule({ name: 'Basic', type: 'basic', context_type: 'campaign.discount_coupons', applicable_to: applicable, rules: { logic: '' } });
    expect(rule).toMatchObject({ applicable_to: applicable, type: 'basic', context_type: 'campaign.discount_coupons', rules: { logic: '' } });
  });

  it('shows an included item sent without an effect with the default, APPLY_TO_EVERY; excluded items as sent', async () => {
    const applicable = { excluded: [{ object: 'sku', id: 'sku_1' }], included: [{ object: 'product', id: 'prod_1' }, { object: 'product', id: 'prod_2', effect: 'APPLY_TO_CHEAPEST' }] };
    const rule = await createRule({ name: 'Defaults', applicable_to: applicable, rules: { logic: '' } });
    expect(rule.applicable_to).toEqual({
      included_all: false,
      excluded: [{ object: 'sku', id: 'sku_1' }],
      included: [
        { object: 'product', id: 'prod_1', effect: 'APPLY_TO_EVERY' },
        { object: 'product', id: 'prod_2', effect: 'APPLY_TO_CHEAPEST' },
      ],
    });
    expect((await api.get(`/v1/validation-rules/${rule.id}`)).body.applicable_to.included[0].effect).toBe('APPLY_TO_EVERY');
  });

  it('accepts the body of Voucherify’s published create example', async () => {
    const body = {
      name: 'Set of Validation Rules',
      error: { message: 'Your order does not meet at least one of the required criteria.' },
      applicable_to: {
        included_all: false,
        excluded: [{ object: 'product', id: 'prod_0bae45ffc7003ffc52', source_id: 'second_product', effect: 'APPLY_TO_EVERY' }],
        included: [
          { object: 'product', id: 'prod_0b72b00ffed198e344', source_id: null, effect: 'APPLY_TO_MOST_EXPENSIVE', quantity_limit: 1 },
          { object: 'products_collection', id: 'pc_4ndRXAsTOzwSdHcQcxf489uU', source_id: null, effect: 'APPLY_TO_EVERY', quantity_limit: 5 },
        ],
      },
      rules: {
        '1': { name: 'order.metadata', property: 'location', rules: {}, conditions: { $is: ['Santorini'] }, error: { message: 'Your order must be placed at one of our Santorini shops.' } },
        '2': { name: 'custom_event.metadata', property: 'test', rules: {}, conditions: { $greater_than_or_equal: [1] } },
        '3': {
          name: 'order.items.every',
          rules: { '1': { name: 'order.items.metadata', property: 'test', rules: {}, conditions: { $greater_than_or_equal: [1] } } },
          conditions: { $is: [{ id: '<PROD_ID>', effect: 'APPLY_TO_EVERY', object: 'product', source_id: '<SOURCE_ID>' }] },
        },
        logic: '1 or 2',
      },
    };
    const rule = await createRule(body);
    expect(rule).toMatchObject({ name: body.name, applicable_to: body.applicable_to, rules: { logic: '1 or 2', '3': { name: 'order.items.every', property: null } } });
  });

  it('refuses a rule name it cannot evaluate, naming it (nothing is stored)', async () => {
    const res = await api.post('/v1/validation-rules', { name: 'x', rules: { '1': { name: 'redemption.count.per_api_key', conditions: { $less_than: [3] } }, logic: '1' } });
    expect(expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition').details).toMatch(/^Rule 'redemption.count.per_api_key' \(rule '1'\) is not one mock-voucherify evaluates/);
    expect((await ok(api.get('/v1/validation-rules'))).total).toBe(0);
  });

  it('refuses an unknown condition, a missing property and logic naming no rule', async () => {
    const bad = async (rules: Json) => expectError(await api.post('/v1/validation-rules', { name: 'x', rules }), 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition').details;
    expect(await bad({ '1': { name: 'order.amount', conditions: { $around: [5] } }, logic: '1' })).toMatch(/has an unknown condition '\$around'/);
    expect(await bad({ '1': { name: 'custom_event.metadata', conditions: { $is: [1] } }, logic: '1' })).toBe("Rule 'custom_event.metadata' must have a 'property'");
    expect(await bad({ '1': { name: 'order.amount', conditions: { $is: [1] } }, logic: '1 or 3' })).toBe("logic '1 or 3' names rule '3', which is not defined");
  });

  it('refuses a body without a name', async () => {
    const res = await api.post('/v1/validation-rules', { rules: { logic: '' } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload must have required property 'name'");
  });
});

describe('GET, PUT and DELETE /v1/validation-rules/{id}', () => {
  it('reads a rule, with assignments_count once it is assigned', async () => {
    const rule = await createRule(amountOver(100));
    expect(await ok(api.get(`/v1/validation-rules/${rule.id}`))).toEqual(rule);
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_type: 'voucher', related_object_id: voucher.id }));
    expect(await ok(api.get(`/v1/validation-rules/${rule.id}`))).toEqual({ ...rule, assignments_count: 1 });
  });

  it('answers an unknown rule 404', async () => {
    for (const res of [await api.get('/v1/validation-rules/val_nope'), await api.put('/v1/validation-rules/val_nope', { name: 'x' }), await api.delete('/v1/validation-rules/val_nope')]) {
      expect(expectError(res, 404, 'not_found', 'Resource not found')).toMatchObject({ details: 'Cannot find validation_rules with id val_nope', resource_id: 'val_nope', resource_type: 'validation_rules' });
    }
  });

  it('changes the fields sent, checks new rules and stamps updated_at', async () => {
    const rule = await createRule(amountOver(100, { error: { message: 'Too small' } }));
    const updated = await ok(api.put(`/v1/validation-rules/${rule.id}`, { name: 'Renamed', rules: { '1': { name: 'order.items.count', conditions: { $more_than: [1] } } } }));
    expect(updated).toEqual({
      ...rule,
      name: 'Renamed',
      rules: { '1': { name: 'order.items.count', property: null, conditions: { $more_than: [1] }, rules: {} }, logic: '1' },
      updated_at: NOW.toISOString(),
    });
    const res = await api.put(`/v1/validation-rules/${rule.id}`, { rules: { '1': { name: 'order.colour', conditions: { $is: [1] } } } });
    expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition');
    expect((await ok(api.get(`/v1/validation-rules/${rule.id}`))).name).toBe('Renamed');
  });

  it('deletes a rule and its assignments; the voucher no longer shows nor obeys it', async () => {
    const rule = await createRule(amountOver(100000));
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.code }));
    await ok(api.delete(`/v1/validation-rules/${rule.id}`), 204);
    expectError(await api.get(`/v1/validation-rules/${rule.id}`), 404, 'not_found', 'Resource not found');
    expect((await ok(api.get('/v1/validation-rules-assignments'))).total).toBe(0);
    expect((await ok(api.get(`/v1/vouchers/${voucher.code}`))).validation_rules_assignments).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    expect((await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: voucher.code }], order: { amount: 5000 } }))).valid).toBe(true);
  });
});

describe('GET /v1/validation-rules', () => {
  it('lists rules newest first, pages them, orders by name and narrows by creation date', async () => {
    const a = await createRule(amountOver(1, { name: 'B rule' }));
    const b = await createRule(amountOver(2, { name: 'A rule' }));
    expect(await ok(api.get('/v1/validation-rules'))).toEqual({ object: 'list', data_ref: 'data', data: [b, a], total: 2 });
    expect((await ok(api.get('/v1/validation-rules?limit=1&page=2'))).data).toEqual([a]);
    expect((await ok(api.get('/v1/validation-rules?order=name'))).data.map((r: Json) => r.name)).toEqual(['A rule', 'B rule']);
    expect((await ok(api.get('/v1/validation-rules?start_date=2027-01-01T00:00:00Z'))).total).toBe(0);
    expect((await ok(api.get(`/v1/validation-rules?end_date=${NOW.toISOString()}`))).total).toBe(2);
  });

  it('refuses an unknown order', async () => {
    expectError(await api.get('/v1/validation-rules?order=colour'), 400, 'invalid_query_params', 'Invalid query params');
  });
});

describe('assignments', () => {
  it('assigns a rule to a voucher (by code or id) and a campaign (by name or id); they show it', async () => {
    const rule = await createRule(amountOver(100));
    const campaign = await givenCampaign(api);
    const voucher = await givenVoucher(api);
    const toVoucher = await ok(assign(rule.id, { related_object_type: 'voucher', related_object_id: voucher.code }));
    expect(toVoucher).toEqual({
      id: expect.stringMatching(ASSIGNMENT_ID),
      rule_id: rule.id,
      related_object_id: voucher.id,
      related_object_type: 'voucher',
      created_at: NOW.toISOString(),
      object: 'validation_rules_assignment',
    });
    const toCampaign = await ok(assign(rule.id, { related_object_type: 'campaign', related_object_id: campaign.name }));
    expect(toCampaign).toMatchObject({ related_object_id: campaign.id, related_object_type: 'campaign' });
    expect((await ok(api.get(`/v1/vouchers/${voucher.code}`))).validation_rules_assignments).toEqual({ object: 'list', data_ref: 'data', data: [toVoucher], total: 1 });
    expect((await ok(api.get(`/v1/campaigns/${campaign.id}`))).validation_rules_assignments).toEqual({ object: 'list', data_ref: 'data', data: [toCampaign], total: 1 });
  });

  it('keeps assignments to promotion tiers, earning rules and others as sent', async () => {
    const rule = await createRule(amountOver(100));
    const assignment = await ok(assign(rule.id, { related_object_type: 'earning_rule', related_object_id: 'ern_123' }));
    expect(assignment).toMatchObject({ related_object_type: 'earning_rule', related_object_id: 'ern_123' });
  });

  it('answers 404 for an unknown rule, voucher or campaign', async () => {
    const rule = await createRule(amountOver(100));
    expect(expectError(await assign('val_nope', { related_object_id: 'X' }), 404, 'not_found', 'Resource not found')).toMatchObject({ details: 'Cannot find validation_rules with id val_nope' });
    expect(expectError(await assign(rule.id, { related_object_id: 'NO-CODE' }), 404, 'not_found', 'Resource not found')).toMatchObject({ details: 'Cannot find voucher with id NO-CODE', resource_type: 'voucher' });
    expect(expectError(await assign(rule.id, { related_object_type: 'campaign', related_object_id: 'camp_nope' }), 404, 'not_found', 'Resource not found')).toMatchObject({
      details: 'Cannot find campaign with id camp_nope',
    });
  });

  it('refuses the same assignment twice with 409, unless force replaces it', async () => {
    const rule = await createRule(amountOver(100));
    const voucher = await givenVoucher(api);
    const first = await ok(assign(rule.id, { related_object_id: voucher.id }));
    const duplicate = expectError(await assign(rule.id, { related_object_id: voucher.code }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(duplicate).toMatchObject({ details: `Duplicated validation_rules_assignment exists with id ${first.id}`, resource_id: first.id, resource_type: 'validation_rules_assignment' });
    const replaced = await ok(assign(rule.id, { related_object_id: voucher.code }, '?force=true'));
    expect(replaced.id).not.toBe(first.id);
    expect((await ok(api.get(`/v1/validation-rules/${rule.id}/assignments`))).data).toEqual([replaced]);
  });

  it('lists a rule’s assignments (an unknown rule has none) and all assignments by rule or related object', async () => {
    const rule = await createRule(amountOver(100));
    const other = await createRule(amountOver(200));
    const voucher = await givenVoucher(api);
    const campaign = await givenCampaign(api);
    const a = await ok(assign(rule.id, { related_object_id: voucher.id }));
    const b = await ok(assign(rule.id, { related_object_type: 'campaign', related_object_id: campaign.id }));
    const c = await ok(assign(other.id, { related_object_id: voucher.id }));
    expect(await ok(api.get(`/v1/validation-rules/${rule.id}/assignments`))).toEqual({ object: 'list', data_ref: 'data', data: [b, a], total: 2 });
    expect((await ok(api.get(`/v1/validation-rules/${rule.id}/assignments?order=created_at`))).data).toEqual([a, b]);
    expect((await ok(api.get(`/v1/validation-rules/${rule.id}/assignments?limit=1`))).data).toEqual([b]);
    expect(await ok(api.get('/v1/validation-rules/val_nope/assignments'))).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    expect((await ok(api.get('/v1/validation-rules-assignments'))).total).toBe(3);
    expect((await ok(api.get(`/v1/validation-rules-assignments?related_object_id=${voucher.id}`))).data).toEqual([c, a]);
    expect((await ok(api.get(`/v1/validation-rules-assignments?rule=${other.id}`))).data).toEqual([c]);
    expect((await ok(api.get(`/v1/validation-rules-assignments?rule=${other.id}&related_object_id=${campaign.id}`))).total).toBe(0);
  });

  it('drops the assignments of a deleted voucher or campaign', async () => {
    const rule = await createRule(amountOver(100));
    const voucher = await givenVoucher(api);
    const campaign = await givenCampaign(api);
    const kept = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.id }));
    await ok(assign(rule.id, { related_object_type: 'campaign', related_object_id: campaign.id }));
    const survivor = await ok(assign(rule.id, { related_object_id: kept.id }));
    await ok(api.delete(`/v1/vouchers/${voucher.code}?force=true`), 204);
    await ok(api.delete(`/v1/campaigns/${campaign.id}?force=true`), 202);
    expect((await ok(api.get(`/v1/validation-rules/${rule.id}/assignments`))).data).toEqual([survivor]);
    expect((await ok(api.get(`/v1/validation-rules/${rule.id}`))).assignments_count).toBe(1);
  });

  it('removes an assignment; 404 for an unknown rule or an assignment not of this rule', async () => {
    const rule = await createRule(amountOver(100));
    const other = await createRule(amountOver(200));
    const voucher = await givenVoucher(api);
    const assignment = await ok(assign(rule.id, { related_object_id: voucher.id }));
    expect(expectError(await api.delete(`/v1/validation-rules/val_nope/assignments/${assignment.id}`), 404, 'not_found', 'Resource not found')).toMatchObject({
      details: 'Cannot find validation_rules with id val_nope',
    });
    expect(expectError(await api.delete(`/v1/validation-rules/${other.id}/assignments/${assignment.id}`), 404, 'not_found', 'Resource not found')).toMatchObject({
      details: `Cannot find validation_rules_assignment with id ${assignment.id}`,
      resource_type: 'validation_rules_assignment',
    });
    await ok(api.delete(`/v1/validation-rules/${rule.id}/assignments/${assignment.id}`), 204);
    expect((await ok(api.get(`/v1/vouchers/${voucher.code}`))).validation_rules_assignments.total).toBe(0);
    expectError(await api.delete(`/v1/validation-rules/${rule.id}/assignments/${assignment.id}`), 404, 'not_found', 'Resource not found');
  });
});

describe('a voucher with validation rules in the checkout', () => {
  const validate = (code: unknown, body: Json) => ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: code }], ...body }));

  it('validates when the rules hold, and is INAPPLICABLE with order_rules_violated and the rule’s message when not', async () => {
    const rule = await createRule(amountOver(5000, { error: { message: 'Spend more than 50.00' } }));
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.id }));
    expect((await validate(voucher.code, { order: { amount: 6000 } })).valid).toBe(true);
    const answer = await validate(voucher.code, { order: { amount: 4000 } });
    expect(answer.valid).toBe(false);
    expect(answer.redeemables[0]).toMatchObject({ status: 'INAPPLICABLE', result: { details: { key: 'order_rules_violated', message: 'Spend more than 50.00' } } });
    expect(answer.redeemables[0].result.error).toMatchObject({
      code: 400,
      key: 'order_rules_violated',
      message: 'Spend more than 50.00',
      details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`,
    });
  });

  it('checks the voucher’s own checks first', async () => {
    const rule = await createRule(amountOver(5000));
    const voucher = await givenVoucher(api, { active: false });
    await ok(assign(rule.id, { related_object_id: voucher.id }));
    expect((await validate(voucher.code, { order: { amount: 100 } })).redeemables[0].result.error.key).toBe('voucher_disabled');
  });

  it('obeys the campaign’s rules: customer_rules_violated for a customer outside the segment', async () => {
    const gold = await givenCustomer(api, { metadata: { tier: 'gold' } });
    const plain = await givenCustomer(api, { metadata: { tier: 'basic' } });
    const segment = await ok(api.post('/v1/segments', { name: 'Gold', type: 'auto-update', filter: { junction: 'and', 'metadata.tier': { conditions: { $is: 'gold' } } } }));
    const rule = await createRule({ name: 'Gold only', rules: { '1': { name: 'customer.segment', conditions: { $is: [segment.id] } }, logic: '1' } });
    const campaign = await givenCampaign(api, { vouchers_count: 1 });
    await ok(assign(rule.id, { related_object_type: 'campaign', related_object_id: campaign.id }));
    const code = (await ok(api.get(`/v1/vouchers?campaign_id=${campaign.id}`))).vouchers[0].code;
    expect((await validate(code, { customer: { id: gold.id }, order: { amount: 1000 } })).valid).toBe(true);
    const refused = await validate(code, { customer: { id: plain.id }, order: { amount: 1000 } });
    expect(refused.redeemables[0].result.error).toMatchObject({ key: 'customer_rules_violated', message: 'customer does not match validation rules' });
  });

  it('reads the order’s metadata and items', async () => {
    const rule = await createRule({
      name: 'Shop and shoes',
      rules: {
        '1': { name: 'order.metadata', property: 'shop', conditions: { $is: ['Santorini'] } },
        '2': { name: 'order.items.any', conditions: { $is: [{ object: 'product', id: 'prod_shoe' }] } },
        logic: '1 and 2',
      },
    });
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.id }));
    const items = [{ product_id: 'prod_shoe', quantity: 1, price: 5000 }];
    expect((await validate(voucher.code, { order: { items, metadata: { shop: 'Santorini' } } })).valid).toBe(true);
    expect((await validate(voucher.code, { order: { items, metadata: { shop: 'Athens' } } })).redeemables[0].result.error).toMatchObject({ key: 'order_rules_violated', message: 'order does not match validation rules' });
  });

  it('single-voucher validation answers valid false with the rule’s error', async () => {
    const rule = await createRule(amountOver(5000, { error: { message: 'Spend more' } }));
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.id }));
    const answer = await ok(api.post(`/v1/vouchers/${voucher.code}/validate`, { order: { amount: 100 } }));
    expect(answer).toMatchObject({ valid: false, error: { key: 'order_rules_violated', message: 'Spend more' } });
  });

  it('redeems when the rules hold; else fails, recording the failed redemption', async () => {
    const rule = await createRule(amountOver(5000, { error: { message: 'Spend more than 50.00' } }));
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.id }));
    const res = await api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: voucher.code }], order: { amount: 4000 } });
    const error = expectError(res, 400, 'order_rules_violated', 'Spend more than 50.00');
    expect(error).toMatchObject({ details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`, resource_id: expect.stringMatching(/^rf_/) });
    expect(await ok(api.get(`/v1/redemptions/${error.resource_id}`))).toMatchObject({ result: 'FAILURE', failure_code: 'order_rules_violated', failure_message: 'Spend more than 50.00' });
    expect((await ok(api.get(`/v1/vouchers/${voucher.code}`))).redemption.redeemed_quantity).toBe(0);
    const redeemed = await ok(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: voucher.code }], order: { amount: 6000 } }));
    expect(redeemed.redemptions[0]).toMatchObject({ result: 'SUCCESS', voucher: { code: voucher.code } });
  });
});

describe('date conditions of a rule ($timeframe_daily_hours, $timeframe, $dow …)', () => {
  it('holds for an order whose metadata date falls in the window, and refuses one outside it', async () => {
    const rule = await createRule({
      name: 'Evening delivery',
      rules: { '1': { name: 'order.metadata', property: 'delivery_at', conditions: { $timeframe_daily_hours: ['18:00;21:00;1,2,3,4,5'] } }, logic: '1' },
      error: { message: 'Evening delivery on weekdays only' },
    });
    const voucher = await givenVoucher(api);
    await ok(assign(rule.id, { related_object_id: voucher.code }));
    const validate = (deliveryAt: string) => ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: voucher.code }], order: { amount: 5000, metadata: { delivery_at: deliveryAt } } }));
    expect((await validate('2026-11-24T19:30:00Z')).valid).toBe(true); // a Tuesday evening
    const refused = await validate('2026-11-22T19:30:00Z'); // a Sunday
    expect(refused.valid).toBe(false);
    expect(refused.inapplicable_redeemables[0].result.error).toMatchObject({ key: 'order_rules_violated', message: 'Evening delivery on weekdays only' });
  });

  it('refuses a malformed window when the rule is made', async () => {
    const res = await api.post('/v1/validation-rules', { name: 'Bad', rules: { '1': { name: 'order.metadata', property: 'd', conditions: { $timeframe: ['2026-11-01;daily'] } }, logic: '1' } });
    const body = expectError(res, 400, 'invalid_validation_rules', 'Invalid Validation Rule Definition');
    expect(body.details).toContain("condition '$timeframe' takes \"start;interval;duration\"");
  });
});
