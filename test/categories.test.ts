// Categories: create, list, get, update, delete, and how campaigns and vouchers link to them
// (category_id, category by name), follow a rename and let go of a deleted category.

import type { MockApp } from '../src/index.js';
import { NOW, client, expectError, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
beforeEach(async () => {
  app = await testApp();
  api = client(app, 'categories-tenant');
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect(res.status).toBe(status);
  return res.body;
}

const createCategory = (name: string, hierarchy = 1) => ok(api.post('/v1/categories', { name, hierarchy }));
const categoryPath = (id: string) => `/v1/categories/${encodeURIComponent(id)}`;
const CATEGORY_ID = /^cat_[0-9a-f]{18}$/;

const discountCampaign = (name: string, extra: Json = {}) => ({
  name,
  campaign_type: 'DISCOUNT_COUPONS',
  type: 'AUTO_UPDATE',
  voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 }, code_config: { pattern: 'CAT-####', charset: '0123456789' } },
  ...extra,
});

describe('POST /v1/categories', () => {
  it('creates a category with a cat_ id', async () => {
    const category = await createCategory('First', 1);
    expect(category).toEqual({ id: expect.stringMatching(CATEGORY_ID), name: 'First', hierarchy: 1, created_at: NOW.toISOString(), object: 'category' });
    expect(await ok(api.get(categoryPath(category.id)))).toEqual(category);
  });

  it.each([
    ['without a name', { hierarchy: 1 }, "Payload should have required property 'name'"],
    ['without a hierarchy', { name: 'First' }, "Payload should have required property 'hierarchy'"],
    ['with a negative hierarchy', { name: 'First', hierarchy: -1 }, 'Property .hierarchy should be >= 0'],
    ['with an empty name', { name: '', hierarchy: 1 }, 'Property .name should NOT have fewer than 1 characters'],
  ])('answers 400 invalid_payload %s', async (_case, body, details) => {
    const error = expectError(await api.post('/v1/categories', body), 400, 'invalid_payload', 'Invalid payload');
    expect(error.details).toBe(details);
    expect(await ok(api.get('/v1/categories'))).toMatchObject({ data: [], total: 0 });
  });

  it('answers 409 duplicate_found for a name another category has', async () => {
    await createCategory('First');
    const error = expectError(await api.post('/v1/categories', { name: 'First', hierarchy: 2 }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(error).toMatchObject({ details: 'Duplicated category exists with name First', resource_type: 'category', resource_id: 'First' });
  });

  it('keeps each tenant its own categories', async () => {
    await createCategory('First');
    expect(await ok(client(app, 'another-tenant').get('/v1/categories'))).toMatchObject({ data: [], total: 0 });
    await ok(client(app, 'another-tenant').post('/v1/categories', { name: 'First', hierarchy: 1 }));
  });
});

describe('GET /v1/categories', () => {
  it('lists every category, newest first, in a data list', async () => {
    const first = await createCategory('First', 1);
    const second = await createCategory('Second', 2);
    expect(await ok(api.get('/v1/categories'))).toEqual({ object: 'list', data_ref: 'data', data: [second, first], total: 2 });
  });
});

describe('GET /v1/categories/{categoryId}', () => {
  it('answers 404 for an id the tenant does not have', async () => {
    const error = expectError(await api.get(categoryPath('cat_0b5f49fb31c3bf6ab0')), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ details: 'Cannot find category with id cat_0b5f49fb31c3bf6ab0', resource_type: 'category', resource_id: 'cat_0b5f49fb31c3bf6ab0' });
  });
});

describe('PUT /v1/categories/{categoryId}', () => {
  it('renames the category and moves it in the hierarchy, with updated_at', async () => {
    const category = await createCategory('First', 1);
    const updated = await ok(api.put(categoryPath(category.id), { name: 'Summer', hierarchy: 3 }));
    expect(updated).toEqual({ ...category, name: 'Summer', hierarchy: 3, updated_at: NOW.toISOString() });
    expect(await ok(api.get(categoryPath(category.id)))).toEqual(updated);
  });

  it('keeps its own name without a conflict', async () => {
    const category = await createCategory('First', 1);
    expect(await ok(api.put(categoryPath(category.id), { name: 'First', hierarchy: 5 }))).toMatchObject({ name: 'First', hierarchy: 5 });
  });

  it('answers 409 duplicate_found for a name another category has, and changes nothing', async () => {
    await createCategory('First', 1);
    const second = await createCategory('Second', 2);
    expectError(await api.put(categoryPath(second.id), { name: 'First', hierarchy: 2 }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(await ok(api.get(categoryPath(second.id)))).toEqual(second);
  });

  it('answers 400 invalid_payload without a hierarchy', async () => {
    const category = await createCategory('First', 1);
    const error = expectError(await api.put(categoryPath(category.id), { name: 'Other' }), 400, 'invalid_payload', 'Invalid payload');
    expect(error.details).toBe("Payload should have required property 'hierarchy'");
  });

  it('answers 404 for an unknown id', async () => {
    const error = expectError(await api.put(categoryPath('cat_missing'), { name: 'X', hierarchy: 1 }), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ resource_type: 'category', resource_id: 'cat_missing' });
  });
});

describe('DELETE /v1/categories/{categoryId}', () => {
  it('deletes the category: 204 with no body, then 404', async () => {
    const category = await createCategory('First', 1);
    const res = await api.delete(categoryPath(category.id));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await api.get(categoryPath(category.id)), 404, 'not_found', 'Resource not found');
    // Its name is free again.
    await createCategory('First', 1);
  });

  it('answers 404 for an unknown id', async () => {
    const error = expectError(await api.delete(categoryPath('example_category')), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ details: 'Cannot find category with id example_category', resource_type: 'category', resource_id: 'example_category' });
  });
});

describe('campaigns in categories', () => {
  it('links a campaign by category_id, showing the category, its id and the category object', async () => {
    const category = await createCategory('First', 1);
    const campaign = await ok(api.post('/v1/campaigns', discountCampaign('Linked by id', { category_id: category.id })));
    expect(campaign).toMatchObject({ category: 'First', category_id: category.id, categories: [category] });
    expect(await ok(api.get(`/v1/campaigns/${campaign.id}`))).toMatchObject({ category: 'First', category_id: category.id, categories: [category] });
  });

  it('links a campaign by the name of a category of the tenant', async () => {
    const category = await createCategory('Seasonal', 2);
    expect(await ok(api.post('/v1/campaigns', discountCampaign('Linked by name', { category: 'Seasonal' })))).toMatchObject({
      category: 'Seasonal',
      category_id: category.id,
      categories: [category],
    });
  });

  it('keeps a name no category has as a plain label', async () => {
    const campaign = await ok(api.post('/v1/campaigns', discountCampaign('Labelled', { category: 'No Such Category' })));
    expect(campaign).toMatchObject({ category: 'No Such Category', category_id: null, categories: [] });
    expect(await ok(api.get('/v1/categories'))).toMatchObject({ total: 0 });
  });

  it('lets category_id win over category', async () => {
    const first = await createCategory('First', 1);
    await createCategory('Second', 2);
    expect(await ok(api.post('/v1/campaigns', discountCampaign('Both', { category: 'Second', category_id: first.id })))).toMatchObject({
      category: 'First',
      category_id: first.id,
    });
  });

  it('answers 404 for an unknown category_id and creates nothing', async () => {
    const error = expectError(await api.post('/v1/campaigns', discountCampaign('Nowhere', { category_id: 'cat_0bb343dee3cdb5ec0c', vouchers_count: 2 })), 404, 'not_found', 'Resource not found');
    expect(error).toMatchObject({ resource_type: 'category', resource_id: 'cat_0bb343dee3cdb5ec0c', details: 'Cannot find category with id cat_0bb343dee3cdb5ec0c' });
    expectError(await api.get('/v1/campaigns/Nowhere'), 404, 'not_found', 'Resource not found');
  });

  it('moves a campaign to another category on update, and answers 404 for an unknown one', async () => {
    const first = await createCategory('First', 1);
    const second = await createCategory('Second', 2);
    const campaign = await ok(api.post('/v1/campaigns', discountCampaign('Mover', { category_id: first.id })));
    expect(await ok(api.put(`/v1/campaigns/${campaign.id}`, { category_id: second.id }))).toMatchObject({ category: 'Second', category_id: second.id, categories: [second] });
    expect(await ok(api.put(`/v1/campaigns/${campaign.id}`, { category: 'First' }))).toMatchObject({ category: 'First', category_id: first.id, categories: [first] });
    expectError(await api.put(`/v1/campaigns/${campaign.id}`, { category_id: 'cat_gone', description: 'changed' }), 404, 'not_found', 'Resource not found');
    expect(await ok(api.get(`/v1/campaigns/${campaign.id}`))).toMatchObject({ category_id: first.id });
    expect((await ok(api.get(`/v1/campaigns/${campaign.id}`))).description).toBeUndefined();
  });

  it('lists campaigns with empty categories unless expand=category', async () => {
    const category = await createCategory('First', 1);
    await ok(api.post('/v1/campaigns', discountCampaign('Listed', { category_id: category.id })));
    const plain = (await ok(api.get('/v1/campaigns?limit=100'))).campaigns.find((c: Json) => c.name === 'Listed');
    expect(plain).toMatchObject({ category: 'First', category_id: category.id, categories: [] });
    const expanded = (await ok(api.get('/v1/campaigns?limit=100&expand=category'))).campaigns.find((c: Json) => c.name === 'Listed');
    expect(expanded).toMatchObject({ category_id: category.id, categories: [category] });
  });

  it('shows a renamed category on its campaigns, and lets go of a deleted one', async () => {
    const category = await createCategory('First', 1);
    const campaign = await ok(api.post('/v1/campaigns', discountCampaign('Follows', { category_id: category.id })));
    const renamed = await ok(api.put(categoryPath(category.id), { name: 'Renamed', hierarchy: 4 }));
    const followed = await ok(api.get(`/v1/campaigns/${campaign.id}`));
    expect(followed).toMatchObject({ category: 'Renamed', category_id: category.id, categories: [renamed] });
    // The campaign itself did not change: its category did.
    expect(followed.updated_at).toBeUndefined();
    expect((await ok(api.delete(categoryPath(category.id)), 204))).toEqual({});
    expect(await ok(api.get(`/v1/campaigns/${campaign.id}`))).toMatchObject({ category: null, category_id: null, categories: [] });
    // The campaign can be updated and put in a new category as before.
    const other = await createCategory('Other', 1);
    expect(await ok(api.put(`/v1/campaigns/${campaign.id}`, { category_id: other.id }))).toMatchObject({ category: 'Other', category_id: other.id });
  });
});

describe('vouchers in categories', () => {
  it('links a standalone voucher by category_id or by name, and keeps an unknown name as a label', async () => {
    const category = await createCategory('First', 1);
    const byId = await ok(api.post('/v1/vouchers/BYID', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category_id: category.id }));
    expect(byId).toMatchObject({ category: 'First', category_id: category.id, categories: [category] });
    const byName = await ok(api.post('/v1/vouchers', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category: 'First' }));
    expect(byName).toMatchObject({ category: 'First', category_id: category.id, categories: [category] });
    const label = await ok(api.post('/v1/vouchers/LABEL', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category: 'New Customers' }));
    expect(label).toMatchObject({ category: 'New Customers', category_id: null, categories: [] });
    expect(await ok(api.get('/v1/vouchers/BYID'))).toMatchObject({ category_id: category.id, categories: [category] });
  });

  it('answers 404 for an unknown category_id and creates no voucher', async () => {
    const error = expectError(
      await api.post('/v1/vouchers/NOCAT', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category_id: 'cat_0bb81a481615a37b5e' }),
      404,
      'not_found',
      'Resource not found',
    );
    expect(error).toMatchObject({ resource_type: 'category', resource_id: 'cat_0bb81a481615a37b5e' });
    expectError(await api.get('/v1/vouchers/NOCAT'), 404, 'not_found', 'Resource not found');
  });

  it('moves a voucher between categories on update, and takes it out with null', async () => {
    const first = await createCategory('First', 1);
    const second = await createCategory('Second', 2);
    await ok(api.post('/v1/vouchers/MOVER', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category_id: first.id }));
    expect(await ok(api.put('/v1/vouchers/MOVER', { category_id: second.id }))).toMatchObject({ category: 'Second', category_id: second.id, categories: [second] });
    expect(await ok(api.put('/v1/vouchers/MOVER', { category: 'First' }))).toMatchObject({ category: 'First', category_id: first.id, categories: [first] });
    expect(await ok(api.put('/v1/vouchers/MOVER', { category: null }))).toMatchObject({ category: null, category_id: null, categories: [] });
    expectError(await api.put('/v1/vouchers/MOVER', { category_id: 'cat_unknown' }), 404, 'not_found', 'Resource not found');
  });

  it('puts vouchers added to a campaign, one or many, in the category the request names', async () => {
    const category = await createCategory('Batch', 1);
    const campaign = await ok(api.post('/v1/campaigns', discountCampaign('With vouchers')));
    const one = await ok(api.post(`/v1/campaigns/${campaign.id}/vouchers`, { category_id: category.id }));
    expect(one).toMatchObject({ campaign_id: campaign.id, category: 'Batch', category_id: category.id, categories: [category] });
    await ok(api.post(`/v1/campaigns/${campaign.id}/vouchers?vouchers_count=2`, { category: 'Batch' }), 202);
    const certain = await ok(api.post(`/v1/campaigns/${campaign.id}/vouchers/CERTAIN-1`, { category_id: category.id }));
    expect(certain).toMatchObject({ category_id: category.id, categories: [category] });
    const listed = await ok(api.get(`/v1/vouchers?campaign_id=${campaign.id}&limit=10`));
    expect(listed.total).toBe(4);
    for (const voucher of listed.vouchers) expect(voucher).toMatchObject({ category: 'Batch', category_id: category.id, categories: [category] });
    expect((await ok(api.get('/v1/vouchers?category=Batch&limit=10'))).total).toBe(4);
    expectError(await api.post(`/v1/campaigns/${campaign.id}/vouchers`, { category_id: 'cat_unknown' }), 404, 'not_found', 'Resource not found');
    expectError(await api.post(`/v1/campaigns/${campaign.id}/vouchers/CERTAIN-2`, { category_id: 'cat_unknown' }), 404, 'not_found', 'Resource not found');
    expect((await ok(api.get(`/v1/vouchers?campaign_id=${campaign.id}`))).total).toBe(4);
  });

  it('shows a renamed category on its vouchers, and lets go of a deleted one', async () => {
    const category = await createCategory('First', 1);
    await ok(api.post('/v1/vouchers/FOLLOWER', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category_id: category.id }));
    const before = await ok(api.get('/v1/vouchers/FOLLOWER'));
    const renamed = await ok(api.put(categoryPath(category.id), { name: 'Renamed', hierarchy: 2 }));
    expect(await ok(api.get('/v1/vouchers/FOLLOWER'))).toEqual({ ...before, category: 'Renamed', categories: [renamed] });
    await ok(api.delete(categoryPath(category.id)), 204);
    expect(await ok(api.get('/v1/vouchers/FOLLOWER'))).toEqual({ ...before, category: null, category_id: null, categories: [] });
    // The voucher still redeems: nothing names the deleted category any more.
    expect(await ok(api.post('/v1/vouchers/FOLLOWER/redemption', { order: { amount: 1000 } }))).toMatchObject({ result: 'SUCCESS' });
  });

  it('shows its categories in validations and keeps them on the redeemed voucher', async () => {
    const category = await createCategory('Checkout', 1);
    await ok(api.post('/v1/vouchers/CHECKOUT-CAT', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 }, category_id: category.id }));
    const validation = await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: 'CHECKOUT-CAT' }], order: { amount: 1000 } }));
    expect(validation.redeemables[0]).toMatchObject({ status: 'APPLICABLE', categories: [category] });
    const redemption = await ok(api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: 'CHECKOUT-CAT' }], order: { amount: 1000 } }));
    expect(redemption.redemptions[0].voucher).toMatchObject({ code: 'CHECKOUT-CAT', category_id: category.id });
  });
});
