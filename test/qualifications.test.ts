// POST /v1/qualifications: the redeemables a customer and an order qualify for, by scenario,
// sorted, paged and filtered, each with what it takes off the order alone.

import type { MockApp } from '../src/index.js';
import { collections } from '../src/resources/index.js';
import { emptyTenantData } from '../src/store/fixtures.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  // Every record a second newer than the one before: the newest-first order is the creation order reversed.
  let now = NOW.getTime();
  app = await testApp({ fixtures: emptyTenantData(collections), clock: () => new Date((now += 1000)) });
  api = client(app, 'qualifications');
});

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

/** A cart of 20.00 × 2 and 7.00: 47.00. */
const cart = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700 }] };
const qualify = (body: Json) => api.post('/v1/qualifications', { order: cart, ...body });
const ids = (answer: Json) => answer.redeemables.data.map((r: Json) => r.id);
const amountOff = (code: string, cents: number, extra: Json = {}) =>
  ok(api.post(`/v1/vouchers/${code}`, { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: cents, effect: 'APPLY_TO_ORDER' }, ...extra }));

/**
 * In creation order: customers alice and bob; vouchers TEN (10.00), ALICE (3.00, published to
 * alice), BOB (published to bob), OFF (disabled); a promotion with tiers of 10% (4.70) and 5.00.
 */
async function given() {
  const alice = await ok(api.post('/v1/customers', { source_id: 'alice', metadata: { tier: 'gold' } }));
  const bob = await ok(api.post('/v1/customers', { source_id: 'bob' }));
  await amountOff('TEN', 1000);
  await amountOff('ALICE', 300);
  await amountOff('BOB', 200);
  await amountOff('OFF', 100);
  await ok(api.post('/v1/vouchers/OFF/disable'));
  await ok(api.post('/v1/publications', { voucher: 'ALICE', customer: { id: alice.id } }));
  await ok(api.post('/v1/publications', { voucher: 'BOB', customer: { id: bob.id } }));
  const campaign = await ok(
    api.post('/v1/campaigns', {
      name: 'Spring',
      campaign_type: 'PROMOTION',
      promotion: {
        tiers: [
          { name: 'Ten percent', banner: '10% off', action: { discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } } },
          { name: 'Five off', action: { discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } },
        ],
      },
    }),
  );
  const [percent, five] = campaign.promotion.tiers.map((t: Json) => t.id as string);
  return { alice, bob, campaign, percent, five };
}

describe('scenarios', () => {
  it('ALL: open vouchers, the customer\'s own and the promotion tiers, newest first, each with its discount on the order alone', async () => {
    const { alice, campaign, percent, five } = await given();
    const answer = await ok(qualify({ customer: { id: alice.id }, options: { limit: 50 } }));
    expect(ids(answer)).toEqual([five, percent, 'ALICE', 'TEN']);
    expect(answer.redeemables).toMatchObject({ object: 'list', data_ref: 'data', total: 4, has_more: false });
    expect(answer.redeemables.more_starting_after).toBeUndefined();
    const [fiveView, percentView, aliceView, tenView] = answer.redeemables.data;
    expect(percentView).toMatchObject({
      object: 'promotion_tier',
      name: 'Ten percent',
      banner: '10% off',
      result: { discount: { type: 'PERCENT', percent_off: 10 } },
      order: { amount: 4700, discount_amount: 470, total_amount: 4230, applied_discount_amount: 470, customer_id: alice.id, object: 'order' },
      applicable_to: { object: 'list', total: 0 },
    });
    expect(percentView.campaign_id).toBeUndefined();
    expect(fiveView.order).toMatchObject({ total_amount: 4200 });
    expect(aliceView).toMatchObject({ object: 'voucher', result: { discount: { amount_off: 300 } }, order: { total_amount: 4400 } });
    expect(tenView.order.total_amount).toBe(3700);
    expect(answer.order).toMatchObject({ amount: 4700, total_amount: 4700, object: 'order' });
    expect(answer.order.discount_amount).toBeUndefined();
    expect(answer.tracking_id).toBe('alice');
    expect(answer.stacking_rules.redeemables_application_mode).toBe('ALL');

    const expanded = await ok(qualify({ customer: { id: alice.id }, options: { limit: 2, expand: ['redeemable'] } }));
    expect(expanded.redeemables.data[0]).toMatchObject({ id: five, campaign_id: campaign.id, campaign_name: 'Spring', metadata: {} });
  });

  it('ALL without a customer: no published voucher qualifies', async () => {
    const { percent, five } = await given();
    expect(ids(await ok(qualify({ options: { limit: 50 } })))).toEqual([five, percent, 'TEN']);
  });

  it("CUSTOMER_WALLET: only the customer's vouchers; none without a customer", async () => {
    const { alice, bob } = await given();
    expect(ids(await ok(qualify({ scenario: 'CUSTOMER_WALLET', customer: { source_id: 'alice' } })))).toEqual(['ALICE']);
    expect(ids(await ok(qualify({ scenario: 'CUSTOMER_WALLET', order: { ...cart, customer_id: bob.id } })))).toEqual(['BOB']);
    expect(ids(await ok(qualify({ scenario: 'CUSTOMER_WALLET' })))).toEqual([]);
    await ok(api.post('/v1/vouchers/ALICE/disable'));
    expect(ids(await ok(qualify({ scenario: 'CUSTOMER_WALLET', customer: { id: alice.id } })))).toEqual([]);
  });

  it('AUDIENCE_ONLY: rules on the order do not count against a redeemable, rules on the customer do', async () => {
    const { alice, bob } = await given();
    const bigOrder = await ok(api.post('/v1/validation-rules', { name: 'Big order', rules: { '1': { name: 'order.amount', conditions: { $more_than: [100000] } }, logic: '1' } }));
    const gold = await ok(
      api.post('/v1/validation-rules', { name: 'Gold', rules: { '1': { name: 'customer.metadata', property: 'tier', conditions: { $is: ['gold'] } }, logic: '1' } }),
    );
    await amountOff('BIG', 5000);
    await amountOff('GOLD', 700);
    await ok(api.post(`/v1/validation-rules/${bigOrder.id}/assignments`, { related_object_type: 'voucher', related_object_id: 'BIG' }));
    await ok(api.post(`/v1/validation-rules/${gold.id}/assignments`, { related_object_type: 'voucher', related_object_id: 'GOLD' }));
    const vouchersOnly = { limit: 50, filters: { resource_type: { conditions: { $in: ['voucher'] } } } };

    expect(ids(await ok(qualify({ customer: { id: alice.id }, options: vouchersOnly })))).toEqual(['GOLD', 'ALICE', 'TEN']);
    const audience = await ok(qualify({ scenario: 'AUDIENCE_ONLY', customer: { id: alice.id }, options: vouchersOnly }));
    expect(ids(audience)).toEqual(['GOLD', 'BIG', 'ALICE', 'TEN']);
    // BIG's order rule fails: its discount is named, the order stays as sent.
    expect(audience.redeemables.data[1]).toMatchObject({ result: { discount: { amount_off: 5000 } }, order: { amount: 4700, total_amount: 4700 } });
    expect(ids(await ok(qualify({ scenario: 'AUDIENCE_ONLY', customer: { id: bob.id }, options: vouchersOnly })))).toEqual(['BIG', 'BOB', 'TEN']);
  });
});

describe('sorting and paging', () => {
  it('BEST_DEAL answers the largest discount first, LEAST_DEAL the smallest', async () => {
    const { alice, percent, five } = await given();
    expect(ids(await ok(qualify({ customer: { id: alice.id }, options: { sorting_rule: 'BEST_DEAL', limit: 50 } })))).toEqual(['TEN', five, percent, 'ALICE']);
    expect(ids(await ok(qualify({ customer: { id: alice.id }, options: { sorting_rule: 'LEAST_DEAL', limit: 50 } })))).toEqual(['ALICE', percent, five, 'TEN']);
  });

  it('pages by limit (5 by default) and starting_after, the created_at of the last redeemable', async () => {
    const { alice, percent, five } = await given();
    for (const code of ['A1', 'A2', 'A3']) await amountOff(code, 100);
    const first = await ok(qualify({ customer: { id: alice.id } }));
    expect(ids(first)).toEqual(['A3', 'A2', 'A1', five, percent]);
    expect(first.redeemables).toMatchObject({ total: 5, has_more: true, more_starting_after: first.redeemables.data[4].created_at });
    const second = await ok(qualify({ customer: { id: alice.id }, options: { starting_after: first.redeemables.more_starting_after } }));
    expect(ids(second)).toEqual(['ALICE', 'TEN']);
    expect(second.redeemables).toMatchObject({ total: 2, has_more: false });

    // The tiers of one campaign share a created_at: a page does not end between them.
    const tied = await ok(qualify({ customer: { id: alice.id }, options: { limit: 4 } }));
    expect(ids(tied)).toEqual(['A3', 'A2', 'A1']);
    expect(tied.redeemables).toMatchObject({ has_more: true, more_starting_after: tied.redeemables.data[2].created_at });
    expect(ids(await ok(qualify({ customer: { id: alice.id }, options: { limit: 4, starting_after: tied.redeemables.more_starting_after } })))).toEqual([five, percent, 'ALICE', 'TEN']);

    const best = await ok(qualify({ customer: { id: alice.id }, options: { sorting_rule: 'BEST_DEAL', limit: 3 } }));
    expect(ids(best)).toEqual(['TEN', five, percent]);
    expect(best.redeemables.has_more).toBe(true);
    const bestNext = await ok(qualify({ customer: { id: alice.id }, options: { sorting_rule: 'BEST_DEAL', limit: 3, starting_after: best.redeemables.more_starting_after } }));
    expect(ids(bestNext)).toEqual(['ALICE', 'A3', 'A2']);
    expect(bestNext.redeemables.has_more).toBe(true);
  });
});

describe('filters', () => {
  it('keeps the redeemables whose fields meet every condition (or any, with junction or)', async () => {
    const { alice, campaign, percent, five } = await given();
    const filtered = (filters: Json) => ok(qualify({ customer: { id: alice.id }, options: { limit: 50, filters } })).then(ids);
    expect(await filtered({ resource_type: { conditions: { $in: ['promotion_tier'] } } })).toEqual([five, percent]);
    expect(await filtered({ campaign_type: { conditions: { $is: ['PROMOTION'] } } })).toEqual([five, percent]);
    expect(await filtered({ campaign_id: { conditions: { $is_not: [campaign.id] } } })).toEqual(['ALICE', 'TEN']);
    expect(await filtered({ resource_id: { conditions: { $in: [percent, 'TEN'] } } })).toEqual([percent, 'TEN']);
    expect(await filtered({ holder_role: { conditions: { $is: ['OWNER'] } } })).toEqual(['ALICE']);
    expect(await filtered({ code: { conditions: { $has_value: true } }, voucher_type: { conditions: { $is: ['DISCOUNT_VOUCHER'] } } })).toEqual(['ALICE', 'TEN']);
    expect(await filtered({ junction: 'or', code: { conditions: { $is: ['TEN'] } }, resource_id: { conditions: { $is: [five] } } })).toEqual([five, 'TEN']);
    expect(await filtered({ category_id: { conditions: { $is_unknown: true } } })).toEqual([five, percent, 'ALICE', 'TEN']);
  });
});

describe('errors', () => {
  it('refuses a filter field it does not know, a limit over 50 and an unknown scenario: 400', async () => {
    await given();
    let res = await qualify({ options: { filters: { colour: { conditions: { $is: ['red'] } } } } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toMatch(/colour/);
    res = await qualify({ options: { filters: { code: { conditions: { $around: ['X'] } } } } });
    expectError(res, 400, 'invalid_payload', 'Invalid payload');
    res = await qualify({ options: { limit: 51 } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toMatch(/limit/);
    res = await qualify({ scenario: 'EVERYTHING' });
    expectError(res, 400, 'invalid_payload', 'Invalid payload');
  });

  it("answers 404 for an order id the tenant does not have", async () => {
    await given();
    const res = await api.post('/v1/qualifications', { order: { id: 'ord_missing' } });
    expectError(res, 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/vouchers/qualification (the older call)', () => {
  it('answers the standalone vouchers the customer may use, newest first or in the order asked, up to the limit', async () => {
    const { alice } = await given();
    await ok(api.post('/v1/campaigns', { name: 'Coupons', campaign_type: 'DISCOUNT_COUPONS', vouchers_count: 1, voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 } } }));
    const answer = await ok(api.post('/v1/vouchers/qualification', { customer: { id: alice.id }, order: cart }));
    expect(answer).toMatchObject({ object: 'list', data_ref: 'data', total: 2, tracking_id: 'alice', created_at: expect.any(String) });
    expect(answer.id).toMatch(/^qual_/);
    expect(answer.data.map((v: Json) => v.code)).toEqual(['ALICE', 'TEN']);
    expect(answer.data[0]).toMatchObject({ object: 'voucher', discount: { amount_off: 300 }, applicable_to: { total: 0 }, inapplicable_to: { total: 0 } });
    const byCode = await ok(api.post('/v1/vouchers/qualification?order=code&limit=1', { customer: { id: alice.id }, order: cart }));
    expect(byCode.data.map((v: Json) => v.code)).toEqual(['ALICE']);
  });

  it('with audienceRulesOnly, an order rule does not disqualify; a limit over 50 is 400', async () => {
    await given();
    const rule = await ok(api.post('/v1/validation-rules', { name: 'Big order', rules: { '1': { name: 'order.amount', conditions: { $more_than: [100000] } }, logic: '1' } }));
    await amountOff('BIG', 5000);
    await ok(api.post(`/v1/validation-rules/${rule.id}/assignments`, { related_object_type: 'voucher', related_object_id: 'BIG' }));
    expect((await ok(api.post('/v1/vouchers/qualification', { order: cart }))).data.map((v: Json) => v.code)).toEqual(['TEN']);
    expect((await ok(api.post('/v1/vouchers/qualification?audienceRulesOnly=true', { order: cart }))).data.map((v: Json) => v.code)).toEqual(['BIG', 'TEN']);
    const res = await api.post('/v1/vouchers/qualification?limit=51', { order: cart });
    expect(expectError(res, 400, 'invalid_query_params', 'Invalid query params').details).toMatch(/limit/);
    expect((await ok(api.get('/v1/vouchers/qualification'), 404)).key).toBe('not_found');
  });
});
