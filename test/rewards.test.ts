// Rewards (/v1/rewards) and their assignments to loyalty programs: every operation and refusal.

import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(200);
  return res.body;
}

const program = (name = 'Club') => ok(api.post('/v1/loyalties', { name, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } }));
const coin = (body: Json = {}) => ok(api.post('/v1/rewards', { name: '100 = $20', type: 'COIN', parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } }, ...body }));

describe('POST /v1/rewards', () => {
  it('creates a COIN reward as Voucherify shows it', async () => {
    const reward = await coin({ metadata: { Type: 'Coin' } });
    expect(reward).toEqual({
      id: expect.stringMatching(/^rew_[0-9A-Za-z]{24}$/),
      name: '100 = $20',
      type: 'COIN',
      parameters: { coin: { exchange_ratio: 20, points_ratio: 100 } },
      stock: null,
      redeemed: null,
      attributes: {},
      created_at: expect.any(String),
      updated_at: null,
      metadata: { Type: 'Coin' },
      object: 'reward',
    });
  });

  it('creates CAMPAIGN rewards naming the campaign type, with a balance only for gift cards and loyalty points', async () => {
    const coupons = await ok(api.post('/v1/campaigns', { name: 'Coupons', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } }));
    const gifts = await ok(api.post('/v1/campaigns', { name: 'Gifts', campaign_type: 'GIFT_VOUCHERS', type: 'AUTO_UPDATE', voucher: { type: 'GIFT_VOUCHER', gift: { amount: 1000, effect: 'APPLY_TO_ORDER' } } }));
    const club = await program();
    const coupon = await ok(api.post('/v1/rewards', { name: 'Coupon', type: 'CAMPAIGN', parameters: { campaign: { id: coupons.id, balance: 5 } } }));
    expect(coupon.parameters).toEqual({ campaign: { id: coupons.id, type: 'DISCOUNT_COUPONS' } });
    const credits = await ok(api.post('/v1/rewards', { name: 'Credits', type: 'CAMPAIGN', parameters: { campaign: { id: 'Gifts', balance: 3000 } } }));
    expect(credits.parameters).toEqual({ campaign: { id: gifts.id, balance: 3000, type: 'GIFT_VOUCHERS' } });
    const points = await ok(api.post('/v1/rewards', { name: 'Points', type: 'CAMPAIGN', parameters: { campaign: { id: club.id, balance: 100 } } }));
    expect(points.parameters).toEqual({ campaign: { id: club.id, balance: 100, type: 'LOYALTY_PROGRAM' } });
    expectError(
      await api.post('/v1/rewards', { name: 'No credits', type: 'CAMPAIGN', parameters: { campaign: { id: gifts.id } } }),
      400,
      'invalid_balance',
      "Property 'parameters.campaign.balance' is invalid",
    );
    expectError(await api.post('/v1/rewards', { name: 'Nowhere', type: 'CAMPAIGN', parameters: { campaign: { id: 'camp_none' } } }), 404, 'not_found', 'Resource not found');
  });

  it('creates MATERIAL rewards of an existing product and SKU', async () => {
    const product = await ok(api.post('/v1/products', { name: 'Comic', price: 1000 }));
    const sku = await ok(api.post(`/v1/products/${product.id}/skus`, { sku: 'Archie', price: 1000 }));
    const reward = await ok(api.post('/v1/rewards', { name: 'Comic', type: 'MATERIAL', parameters: { product: { id: product.id, sku_id: sku.id } }, stock: 2, attributes: { description: "Archie's" } }));
    expect(reward).toMatchObject({ parameters: { product: { id: product.id, sku_id: sku.id } }, stock: 2, redeemed: null, attributes: { description: "Archie's" } });
    const res = await api.post('/v1/rewards', { name: 'Ghost', type: 'MATERIAL', parameters: { product: { id: 'prod_none' } } });
    expectError(res, 404, 'not_found', 'Resource not found');
    expect(res.body.details).toBe('Cannot find product with id prod_none');
  });

  it('refuses parameters that do not match the type, and ratios that are not above zero', async () => {
    const res = await api.post('/v1/rewards', { name: 'Coin', type: 'COIN', parameters: { product: { id: 'x' } } });
    expectError(res, 400, 'missing_param', 'Missing required parameter');
    expect(res.body.details).toBe("Parameter 'parameters.coin' is required");
    const zero = await api.post('/v1/rewards', { name: 'Coin', type: 'COIN', parameters: { coin: { exchange_ratio: 0, points_ratio: 1 } } });
    expectError(zero, 400, 'invalid_payload', 'Invalid payload');
    expect(zero.body.details).toBe("Property 'parameters.coin.exchange_ratio' must be greater than zero");
  });
});

describe('GET, PUT, DELETE /v1/rewards/{rewardId}', () => {
  it('gets, lists newest first, updates and deletes a reward', async () => {
    const first = await coin();
    const second = await coin({ name: 'Second' });
    expect(await ok(api.get(`/v1/rewards/${first.id}`))).toEqual(first);
    const list = await ok(api.get('/v1/rewards'));
    expect(list).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(list.data.map((r: Json) => r.id)).toEqual([second.id, first.id]);
    const updated = await ok(api.put(`/v1/rewards/${first.id}`, { name: 'Renamed', stock: 5, parameters: { coin: { exchange_ratio: 1, points_ratio: 1 } } }));
    expect(updated).toMatchObject({ name: 'Renamed', stock: 5, type: 'COIN', parameters: { coin: { exchange_ratio: 1, points_ratio: 1 } }, updated_at: expect.any(String) });
    const res = await api.delete(`/v1/rewards/${first.id}`);
    expect(res.status).toBe(204);
    expectError(await api.get(`/v1/rewards/${first.id}`), 404, 'not_found', 'Resource not found');
    expectError(await api.delete(`/v1/rewards/${first.id}`), 404, 'not_found', 'Resource not found');
  });

  it('refuses to delete a reward still assigned, naming the assignment; deletes it once unassigned', async () => {
    const reward = await coin();
    const club = await program();
    const assignment = await ok(api.post(`/v1/rewards/${reward.id}/assignments`, { campaign: club.id }));
    const res = await api.delete(`/v1/rewards/${reward.id}`);
    expect(expectError(res, 400, 'resource_in_use', 'Resource in use')).toMatchObject({
      details: `Resource reward with id ${reward.id} is in use by reward_assignments with ids [${assignment.id}]`,
      related_object_ids: [assignment.id],
      related_object_type: 'reward_assignment',
    });
    const filtered = await ok(api.get('/v1/rewards').query({ assignment_id: assignment.id }));
    expect(filtered.data.map((r: Json) => r.id)).toEqual([reward.id]);
    expect((await api.delete(`/v1/rewards/${reward.id}/assignments/${assignment.id}`)).status).toBe(204);
    expect((await api.delete(`/v1/rewards/${reward.id}`)).status).toBe(204);
  });
});

describe('/v1/rewards/{rewardId}/assignments', () => {
  it('assigns a reward to a program at a price, once', async () => {
    const product = await ok(api.post('/v1/products', { name: 'Mug', price: 900 }));
    const reward = await ok(api.post('/v1/rewards', { name: 'Mug', type: 'MATERIAL', parameters: { product: { id: product.id } } }));
    const club = await program();
    const assignment = await ok(api.post(`/v1/rewards/${reward.id}/assignments`, { campaign: club.id, parameters: { loyalty: { points: 39 } } }));
    expect(assignment).toEqual({
      id: expect.stringMatching(/^rewa_[0-9A-Za-z]{24}$/),
      reward_id: reward.id,
      related_object_id: club.id,
      related_object_type: 'campaign',
      parameters: { loyalty: { points: 39 } },
      created_at: expect.any(String),
      updated_at: null,
      object: 'reward_assignment',
    });
    const again = await api.post(`/v1/rewards/${reward.id}/assignments`, { campaign: club.id, parameters: { loyalty: { points: 1 } } });
    expectError(again, 409, 'duplicate_found', 'Duplicated resource found');
    expect(again.body).toMatchObject({ details: `Duplicated reward_assignment exists with id ${assignment.id}`, resource_id: assignment.id, resource_type: 'reward_assignment' });

    const missing = await api.post(`/v1/rewards/${reward.id}/assignments`, { campaign: (await program('Other')).id });
    expectError(missing, 400, 'missing_param', 'Missing required parameter');
    expect(missing.body.details).toBe("Parameter 'parameters.loyalty' is required");
    const noCampaign = await api.post(`/v1/rewards/${reward.id}/assignments`, { parameters: { loyalty: { points: 1 } } });
    expectError(noCampaign, 404, 'not_found', 'Resource not found');
    expect(noCampaign.body.details).toBe('Cannot find campaign with id null');
    expectError(await api.post('/v1/rewards/rew_none/assignments', { campaign: club.id, parameters: { loyalty: { points: 1 } } }), 404, 'not_found', 'Resource not found');

    expect(await ok(api.get(`/v1/rewards/${reward.id}/assignments/${assignment.id}`))).toEqual(assignment);
    const updated = await ok(api.put(`/v1/rewards/${reward.id}/assignments/${assignment.id}`, { parameters: { loyalty: { points: 3 } } }));
    expect(updated).toMatchObject({ parameters: { loyalty: { points: 3 } }, updated_at: expect.any(String) });
    expect(await ok(api.get(`/v1/rewards/${reward.id}/assignments`))).toMatchObject({ object: 'list', data_ref: 'data', data: [updated], total: 1 });
    expect((await api.delete(`/v1/rewards/${reward.id}/assignments/${assignment.id}`)).status).toBe(204);
    expectError(await api.get(`/v1/rewards/${reward.id}/assignments/${assignment.id}`), 404, 'not_found', 'Resource not found');
  });

  it('a COIN reward is assigned without a price', async () => {
    const reward = await coin();
    const club = await program();
    const assignment = await ok(api.post(`/v1/rewards/${reward.id}/assignments`, { campaign: club.name, parameters: { loyalty: { points: 5 } } }));
    expect(assignment.parameters).toBeUndefined();
    expect(assignment.related_object_id).toBe(club.id);
  });
});
