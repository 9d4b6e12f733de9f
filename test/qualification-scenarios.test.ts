// The product scenarios of POST /v1/qualifications: PRODUCTS and PRODUCTS_DISCOUNT (and their
// BY_CUSTOMER forms) answer only the redeemables about products, each checked as ALL checks it;
// without BY_CUSTOMER the customer's rules are not held against a redeemable.

import type { MockApp } from '../src/index.js';
import { client, testApp, type Agent } from './helpers.js';
import { givenVoucher } from './support/builders.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'qualification-scenarios');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const cart = { items: [{ product_id: 'prod_a', price: 2000, quantity: 2 }, { product_id: 'prod_b', price: 700, quantity: 1 }] };

async function withRule(code: string, rule: Json) {
  const created = await ok(api.post('/v1/validation-rules', { name: `Rule of ${code}`, ...rule }));
  await ok(api.post(`/v1/validation-rules/${created.id}/assignments`, { related_object_type: 'voucher', related_object_id: code }));
}

/** ORDER: 5.00 off the order. UNIT: one prod_b added free. RULED: 5.00 off, needs prod_a in the cart. APPLIES: 10% off, a rule applying it to prod_a. VIP: one prod_b free, for VIP customers. */
async function givenVouchers() {
  await givenVoucher(api, { code: 'ORDER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } });
  await givenVoucher(api, { code: 'UNIT', discount: { type: 'UNIT', unit_off: 1, unit_type: 'prod_b', effect: 'ADD_MISSING_ITEMS' } });
  await givenVoucher(api, { code: 'RULED', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } });
  await withRule('RULED', { rules: { '1': { name: 'order.items.any', conditions: { $is: [{ object: 'product', id: 'prod_a' }] } }, logic: '1' } });
  await givenVoucher(api, { code: 'APPLIES', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ITEMS' } });
  await withRule('APPLIES', { rules: { logic: '' }, applicable_to: { included_all: false, excluded: [], included: [{ object: 'product', id: 'prod_a', effect: 'APPLY_TO_EVERY' }] } });
  await givenVoucher(api, { code: 'VIP', discount: { type: 'UNIT', unit_off: 1, unit_type: 'prod_b', effect: 'ADD_MISSING_ITEMS' } });
  await withRule('VIP', { rules: { '1': { name: 'customer.metadata', property: 'vip', conditions: { $is: [true] } }, logic: '1' } });
}

const MINE = new Set(['ORDER', 'UNIT', 'RULED', 'APPLIES', 'VIP']);
async function codes(scenario: string, customer: Json = { source_id: 'someone', metadata: { vip: false } }) {
  const answer = await ok(api.post('/v1/qualifications', { scenario, customer, order: cart, options: { limit: 50, filters: { resource_type: { conditions: { $is: ['voucher'] } } } } }));
  return answer.redeemables.data.map((r: Json) => r.id as string).filter((id: string) => MINE.has(id)).sort();
}

describe('product scenarios of POST /v1/qualifications', () => {
  it('ALL answers every voucher that passes its checks (the customer is not a VIP)', async () => {
    await givenVouchers();
    expect(await codes('ALL')).toEqual(['APPLIES', 'ORDER', 'RULED', 'UNIT']);
  });

  it('PRODUCTS: discounts on items and rules that require items; the customer rules are not held against them', async () => {
    await givenVouchers();
    expect(await codes('PRODUCTS')).toEqual(['APPLIES', 'RULED', 'UNIT', 'VIP']);
  });

  it('PRODUCTS_DISCOUNT: only discounts applicable to specific items', async () => {
    await givenVouchers();
    expect(await codes('PRODUCTS_DISCOUNT')).toEqual(['APPLIES', 'UNIT', 'VIP']);
  });

  it('PRODUCTS_BY_CUSTOMER and PRODUCTS_DISCOUNT_BY_CUSTOMER: the customer rules count', async () => {
    await givenVouchers();
    expect(await codes('PRODUCTS_BY_CUSTOMER')).toEqual(['APPLIES', 'RULED', 'UNIT']);
    expect(await codes('PRODUCTS_DISCOUNT_BY_CUSTOMER')).toEqual(['APPLIES', 'UNIT']);
    expect(await codes('PRODUCTS_DISCOUNT_BY_CUSTOMER', { source_id: 'vip', metadata: { vip: true } })).toEqual(['APPLIES', 'UNIT', 'VIP']);
  });

  it('a product scenario still holds the order against a redeemable', async () => {
    await givenVouchers();
    const answer = await ok(api.post('/v1/qualifications', { scenario: 'PRODUCTS', order: { items: [{ product_id: 'prod_b', price: 700, quantity: 1 }] }, options: { limit: 50 } }));
    const ids = answer.redeemables.data.map((r: Json) => r.id);
    expect(ids).not.toContain('RULED');
    expect(ids).toContain('UNIT');
  });
});

describe('PROMOTION_STACKS', () => {
  /** A PROMOTION campaign with a 10% tier and a 5.00 tier, and two stacks: both tiers, and the 5.00 tier alone. */
  async function givenStacks() {
    const campaign = await ok(
      api.post('/v1/campaigns', {
        name: 'Stacked',
        campaign_type: 'PROMOTION',
        promotion: {
          tiers: [
            { name: 'Ten percent', action: { discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } } },
            { name: 'Five off', action: { discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } },
          ],
        },
      }),
    );
    const [percent, amount] = campaign.promotion.tiers.map((t: Json) => t.id as string);
    const both = await ok(api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'Both', tiers: { ids: [percent, amount], hierarchy_mode: 'MANUAL' } }));
    const five = await ok(api.post(`/v1/promotions/${campaign.id}/stacks`, { name: 'Five only', tiers: { ids: [amount], hierarchy_mode: 'MANUAL' } }));
    return { campaign, percent, amount, both, five };
  }

  it('answers the stacks whose tiers all apply, with the order after them all', async () => {
    const { campaign, both, five } = await givenStacks();
    const answer = await ok(api.post('/v1/qualifications', { scenario: 'PROMOTION_STACKS', order: cart, options: { limit: 50, sorting_rule: 'BEST_DEAL', expand: ['redeemable'] } }));
    // 47.00: 10% (4.70) then 5.00 = 9.70 off; the other 5.00.
    expect(answer.redeemables.data.map((r: Json) => [r.object, r.id, r.order.total_applied_discount_amount])).toEqual([
      ['promotion_stack', both.id, 970],
      ['promotion_stack', five.id, 500],
    ]);
    expect(answer.redeemables.data[0]).toMatchObject({ name: 'Both', campaign_id: campaign.id, campaign_name: 'Stacked', order: { total_amount: 3730 } });
  });

  it('leaves out a stack with a tier that cannot be used', async () => {
    const { percent, five } = await givenStacks();
    await ok(api.post(`/v1/promotions/tiers/${percent}/disable`));
    const answer = await ok(api.post('/v1/qualifications', { scenario: 'PROMOTION_STACKS', order: cart, options: { limit: 50 } }));
    expect(answer.redeemables.data.map((r: Json) => r.id)).toEqual([five.id]);
  });
});
