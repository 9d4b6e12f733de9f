// Product collections: STATIC ones hold the products and SKUs they name; AUTO_UPDATE ones whatever
// their filter matches in the catalogue when they are read.

import type { MockApp } from '../src/index.js';
import { client, expectError, NOW, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
let now: Date;

beforeEach(async () => {
  now = NOW;
  app = await testApp({ clock: () => now });
  api = client(app);
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  return res.body;
}

const later = (minutes: number) => (now = new Date(NOW.getTime() + minutes * 60_000));

/**
 * A small catalogue, made a minute apart (12:00 to 12:04): a brown shirt (19.00, SKUs
 * S at 17.00 and M at its price), red shoes (89.00, no SKUs) and a gift card with no price.
 */
async function givenCatalogue() {
  const shirt = await ok(api.post('/v1/products', { source_id: 'shirt', name: 'Shirt', price: 1900, attributes: ['size', 'fit'], metadata: { color: 'brown', vendor: 'Mall' } }));
  later(1);
  const small = await ok(api.post('/v1/products/shirt/skus', { source_id: 'shirt-s', sku: 'Small shirt', price: 1700, attributes: { size: 'S' }, metadata: { stock: 3 } }));
  later(2);
  const medium = await ok(api.post('/v1/products/shirt/skus', { source_id: 'shirt-m', sku: 'Medium shirt', attributes: { size: 'M' } }));
  later(3);
  const shoes = await ok(api.post('/v1/products', { source_id: 'shoes', name: 'Red shoes', price: 8900, metadata: { color: 'red', tags: ['sale', 'summer'] } }));
  later(4);
  const card = await ok(api.post('/v1/products', { source_id: 'gift-card', name: 'Gift card' }));
  return { shirt, small, medium, shoes, card };
}

const createCollection = (body: Json) => ok(api.post('/v1/product-collections', body));
const members = async (id: string, query = '') => (await ok(api.get(`/v1/product-collections/${id}/products${query}`))).data.map((m: Json) => m.source_id);

describe('POST /v1/product-collections', () => {
  it('creates a STATIC collection of products and SKUs', async () => {
    const { shirt, small } = await givenCatalogue();
    const collection = await createCollection({ type: 'STATIC', name: 'Shirts', products: [{ id: shirt.id, object: 'product' }, { id: 'shirt-s', object: 'sku' }] });
    expect(collection).toEqual({
      id: expect.stringMatching(/^pc_[A-Za-z0-9]{24}$/),
      name: 'Shirts',
      type: 'STATIC',
      products: [
        { id: shirt.id, object: 'product' },
        { id: small.id, product_id: shirt.id, object: 'sku' },
      ],
      created_at: now.toISOString(),
      object: 'products_collection',
    });
  });

  it('creates an AUTO_UPDATE collection with its filter', async () => {
    const filter = { junction: 'and', 'metadata.brand': { conditions: { $is: ['Voucherify'] } }, price: { conditions: { $more_than: [5000] } } };
    expect(await createCollection({ type: 'AUTO_UPDATE', name: 'Voucherify example collection', filter })).toMatchObject({ type: 'AUTO_UPDATE', filter, object: 'products_collection' });
  });

  it('answers 404 for a product or SKU the catalogue does not have, and creates nothing', async () => {
    const { shoes, small } = await givenCatalogue();
    const res = await api.post('/v1/product-collections', { type: 'STATIC', name: 'x', products: [{ id: 'prod_0a41dd45dc85fcab40', object: 'product' }] });
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe('Cannot find product with id prod_0a41dd45dc85fcab40');
    const wrongProduct = await api.post('/v1/product-collections', { type: 'STATIC', name: 'x', products: [{ id: small.id, product_id: shoes.id, object: 'sku' }] });
    expect(expectError(wrongProduct, 404, 'not_found', 'Resource not found').details).toBe(`Cannot find sku with id ${small.id}`);
    expect((await ok(api.get('/v1/product-collections'))).total).toBe(0);
  });

  it.each([
    [{ type: 'AUTO_UPDATE', name: 'x' }, "'AUTO_UPDATE' collection must contain valid filter with 'junction' property"],
    [{ type: 'AUTO_UPDATE', name: 'x', filter: {} }, "'AUTO_UPDATE' collection must contain valid filter with 'junction' property"],
    [{ type: 'AUTO_UPDATE', name: 'x', filter: { junction: 'xor', price: { conditions: { $is: [1] } } } }, 'Property .filter has wrong `junction` property. It must be one of: and, or'],
    [
      { type: 'AUTO_UPDATE', name: 'x', filter: { junction: 'and', price: { conditions: { $between: [1, 2] } } } },
      'Property .filter.price.conditions has an unknown condition $between; it must be one of: $in, $not_in, $is, $is_not, $has_value, $is_unknown, $contains, $not_contain, $starts_with, $ends_with, $more_than, $less_than, $more_than_equal, $less_than_equal, $after, $before, $is_days_ago, $is_days_in_future, $more_than_ago, $less_than_ago, $more_than_future, $less_than_future, $count, $count_less, $count_more',
    ],
    [
      { type: 'AUTO_UPDATE', name: 'x', filter: { junction: 'and', colour: { conditions: { $is: ['red'] } } } },
      'Property .filter.colour is not a field a product collection can filter by; it must be one of: id, product_id, source_id, name, price, object, attributes, image_url, skus, created_at, updated_at or metadata.<key>',
    ],
    [{ type: 'AUTO_UPDATE', name: 'x', filter: { junction: 'and', price: {} } }, 'Property .filter.price must have conditions'],
    [{ type: 'AUTO_UPDATE', name: 'x', filter: { junction: 'and', price: { conditions: { $is: 5 } } } }, 'Property .filter.price.conditions.$is must be array'],
    [{ type: 'STATIC', name: 'x', filter: { junction: 'and' } }, "A 'STATIC' collection takes products, not a filter"],
    [{ type: 'AUTO_UPDATE', name: 'x', products: [], filter: { junction: 'and', price: { conditions: { $is: [1] } } } }, "An 'AUTO_UPDATE' collection takes a filter, not products"],
    [{ type: 'STATIC' }, "Payload must have required property 'name'"],
    [{ type: 'DYNAMIC', name: 'x' }, 'Property .type must be equal to one of the allowed values [ STATIC, AUTO_UPDATE ]'],
    [{ type: 'STATIC', name: 'x', products: [{ id: 'p' }] }, "Property .products[0] must have required property 'object'"],
  ])('refuses %j: 400 invalid_payload', async (body, details) => {
    const res = await api.post('/v1/product-collections', body);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
    expect((await ok(api.get('/v1/product-collections'))).total).toBe(0);
  });
});

describe('GET, PUT and DELETE /v1/product-collections/{productCollectionId}', () => {
  const priceUnder = (cents: number) => ({ junction: 'and', price: { conditions: { $less_than: [cents] } } });

  it('lists collections newest first, paged', async () => {
    const first = await createCollection({ type: 'STATIC', name: 'First' });
    later(1);
    const second = await createCollection({ type: 'AUTO_UPDATE', name: 'Second', filter: priceUnder(1000) });
    const list = await ok(api.get('/v1/product-collections'));
    expect(list).toEqual({ object: 'list', data_ref: 'data', data: [second, first], total: 2 });
    expect((await ok(api.get('/v1/product-collections?order=created_at&limit=1'))).data).toEqual([first]);
    expect((await ok(api.get('/v1/product-collections?limit=1&page=2'))).data).toEqual([first]);
  });

  it('reads a collection; 404 in Voucherify words for one the tenant does not have', async () => {
    const collection = await createCollection({ type: 'STATIC', name: 'Shirts' });
    expect(await ok(api.get(`/v1/product-collections/${collection.id}`))).toEqual(collection);
    expect(expectError(await api.get('/v1/product-collections/pc_41V4DiQQO8YGqj0J2oZD57j'), 404, 'not_found', 'Resource not found')).toMatchObject({
      details: 'Cannot find products_collection with id pc_41V4DiQQO8YGqj0J2oZD57j',
      resource_id: 'pc_41V4DiQQO8YGqj0J2oZD57j',
      resource_type: 'products_collection',
    });
  });

  it('renames a STATIC collection, and refuses a filter for it', async () => {
    const collection = await createCollection({ type: 'STATIC', name: 'Shirts' });
    later(1);
    expect(await ok(api.put(`/v1/product-collections/${collection.id}`, { name: 'New static collection name' }))).toEqual({
      ...collection,
      name: 'New static collection name',
      updated_at: now.toISOString(),
    });
    const res = await api.put(`/v1/product-collections/${collection.id}`, { name: 'x', filter: priceUnder(1) });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Only the name of a 'STATIC' collection can be changed");
    expect(expectError(await api.put(`/v1/product-collections/${collection.id}`, {}), 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload must have required property 'name'");
    expect((await ok(api.get(`/v1/product-collections/${collection.id}`))).name).toBe('New static collection name');
  });

  it("replaces an AUTO_UPDATE collection's filter (its junction in either case)", async () => {
    await givenCatalogue();
    const collection = await createCollection({ type: 'AUTO_UPDATE', name: 'Cheap', filter: priceUnder(1000) });
    expect(await members(collection.id)).toEqual([]);
    const filter = { junction: 'AND', 'metadata.color': { conditions: { $in: ['red', 'blue'] } } };
    const updated = await ok(api.put(`/v1/product-collections/${collection.id}`, { filter }));
    expect(updated).toMatchObject({ name: 'Cheap', filter: { ...filter, junction: 'and' } });
    expect(await members(collection.id)).toEqual(['shoes']);
    expect(expectError(await api.put(`/v1/product-collections/${collection.id}`, { name: 5 }), 400, 'invalid_payload', 'Invalid payload').details).toBe('Property .name must be string');
    expectError(await api.put('/v1/product-collections/pc_wIv11jDp2n7YuX6Tkyue2Lv', { name: 'x' }), 404, 'not_found', 'Resource not found');
  });

  it('deletes a collection', async () => {
    const collection = await createCollection({ type: 'STATIC', name: 'Shirts' });
    const res = await api.delete(`/v1/product-collections/${collection.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(expectError(await api.delete(`/v1/product-collections/${collection.id}`), 404, 'not_found', 'Resource not found').details).toBe(`Cannot find products_collection with id ${collection.id}`);
    expectError(await api.get(`/v1/product-collections/${collection.id}/products`), 404, 'not_found', 'Resource not found');
  });
});

describe('DELETE /v1/product-collections/{productCollectionId}: a collection validation rules use', () => {
  const createRule = async (body: Json) => {
    const res = await api.post('/v1/validation-rules', { name: 'Rule', ...body });
    expect(res.status).toBe(200);
    return res.body as Json;
  };

  /** Asserts the refusal, in Voucherify's words, and that the collection is still there. */
  async function expectInUse(collection: Json, ruleIds: string[]) {
    const res = await api.delete(`/v1/product-collections/${collection.id}`);
    expect(expectError(res, 400, 'resource_in_use', 'Resource in use')).toMatchObject({
      details: `Resource products_collection with id ${collection.id} is in use by validation_ruless with ids [${ruleIds.join(', ')}]`,
      related_object_ids: ruleIds,
      related_object_type: 'validation_rules',
    });
    expect(await ok(api.get(`/v1/product-collections/${collection.id}`))).toEqual(collection);
  }

  it("refuses while a rule's applicable_to includes or excludes it, naming every such rule; deletes once none does", async () => {
    const shirts = await createCollection({ type: 'STATIC', name: 'Shirts' });
    const other = await createCollection({ type: 'STATIC', name: 'Other' });
    const including = await createRule({ applicable_to: { included: [{ object: 'products_collection', id: shirts.id }] } });
    later(1);
    const excluding = await createRule({ applicable_to: { excluded: [{ object: 'products_collection', id: shirts.id }] } });
    await createRule({ applicable_to: { included: [{ object: 'products_collection', id: other.id }, { object: 'product', id: shirts.id }] } });
    await expectInUse(shirts, [including.id, excluding.id]);

    expect((await api.delete(`/v1/validation-rules/${including.id}`)).status).toBe(204);
    await expectInUse(shirts, [excluding.id]);
    expect((await api.put(`/v1/validation-rules/${excluding.id}`, { applicable_to: { excluded: [] } })).status).toBe(200);
    expect((await api.delete(`/v1/product-collections/${shirts.id}`)).status).toBe(204);
    expectError(await api.get(`/v1/product-collections/${shirts.id}`), 404, 'not_found', 'Resource not found');
  });

  it('refuses while an order.items rule condition names it, as $is or $not_in', async () => {
    const shirts = await createCollection({ type: 'STATIC', name: 'Shirts' });
    const every = await createRule({
      rules: { '1': { name: 'order.items.every', conditions: { $is: [{ object: 'products_collection', id: shirts.id }] } }, logic: '1' },
    });
    const none = await createRule({
      rules: {
        '1': { name: 'order.amount', conditions: { $more_than: [100] } },
        '2': { name: 'order.items.any', conditions: { $not_in: [{ object: 'product', id: 'prod_x' }, { object: 'products_collection', id: shirts.id }] } },
        logic: '1 and 2',
      },
    });
    await expectInUse(shirts, [every.id, none.id]);
  });
});

describe('GET /v1/product-collections/{productCollectionId}/products', () => {
  it('lists a STATIC collection: products as they are, SKUs with their product, newest first; deleted ones left out', async () => {
    const { shirt, small, shoes } = await givenCatalogue();
    const collection = await createCollection({
      type: 'STATIC',
      name: 'Picked',
      products: [
        { id: shirt.id, object: 'product' },
        { id: small.id, object: 'sku' },
        { id: shoes.id, object: 'product' },
      ],
    });
    const list = await ok(api.get(`/v1/product-collections/${collection.id}/products`));
    expect(list).toMatchObject({ object: 'list', data_ref: 'data', total: 3 });
    expect(list.data[0]).toEqual(shoes);
    expect(list.data[1]).toEqual({
      ...small,
      product: { id: shirt.id, source_id: 'shirt', name: 'Shirt', price: 1900, attributes: ['size', 'fit'], metadata: { color: 'brown', vendor: 'Mall' }, object: 'product' },
    });
    expect(list.data[2]).toEqual(shirt);
    expect(await members(collection.id, '?order=created_at')).toEqual(['shirt', 'shirt-s', 'shoes']);
    expect(await members(collection.id, '?limit=1&page=3')).toEqual(['shirt']);
    await api.delete('/v1/products/shoes');
    expect(await members(collection.id)).toEqual(['shirt-s', 'shirt']);
  });

  it('pages from starting_after: older ones newest first, newer ones oldest first', async () => {
    await givenCatalogue();
    const collection = await createCollection({ type: 'AUTO_UPDATE', name: 'All', filter: { junction: 'and', id: { conditions: { $has_value: [] } } } });
    const cursor = new Date(NOW.getTime() + 2 * 60_000).toISOString(); // the medium shirt's
    expect(await members(collection.id, `?starting_after=${cursor}`)).toEqual(['shirt-s', 'shirt']);
    expect(await members(collection.id, `?starting_after=${cursor}&order=created_at`)).toEqual(['shoes', 'gift-card']);
    expect(expectError(await api.get(`/v1/product-collections/${collection.id}/products?starting_after=yesterday`), 400, 'invalid_query_params', 'Invalid query params').details).toMatch(/^Property \.starting_after /);
  });

  const ALL_NEWEST_FIRST = ['gift-card', 'shoes', 'shirt-m', 'shirt-s', 'shirt'];

  // Each filter's members, newest first. SKUs are matched too: with their product's metadata under
  // their own, and their product's price when they have none.
  it.each([
    ['$is on metadata', { 'metadata.color': { conditions: { $is: ['brown'] } } }, ['shirt-m', 'shirt-s', 'shirt']],
    ['$is_not on metadata', { 'metadata.color': { conditions: { $is_not: ['brown'] } } }, ['gift-card', 'shoes']],
    ['$in on source_id', { source_id: { conditions: { $in: ['shoes', 'shirt-s', 'none'] } } }, ['shoes', 'shirt-s']],
    ['$not_in on object', { object: { conditions: { $not_in: ['sku'] } } }, ['gift-card', 'shoes', 'shirt']],
    ['$less_than on price (a SKU without one costs its product’s)', { price: { conditions: { $less_than: [1900] } } }, ['shirt-s']],
    ['$less_than_equal on price', { price: { conditions: { $less_than_equal: [1900] } } }, ['shirt-m', 'shirt-s', 'shirt']],
    ['$more_than on price', { price: { conditions: { $more_than: [1900] } } }, ['shoes']],
    ['$more_than_equal on price', { price: { conditions: { $more_than_equal: [1900] } } }, ['shoes', 'shirt-m', 'shirt']],
    ['$is_unknown on price', { price: { conditions: { $is_unknown: [] } } }, ['gift-card']],
    ['$starts_with on name (a SKU’s name is its sku)', { name: { conditions: { $starts_with: ['S'] } } }, ['shirt-s', 'shirt']],
    ['$ends_with on name', { name: { conditions: { $ends_with: ['shirt'] } } }, ['shirt-m', 'shirt-s']],
    ['$contains on name', { name: { conditions: { $contains: ['card', 'shoes'] } } }, ['gift-card', 'shoes']],
    ['$not_contain on name', { name: { conditions: { $not_contain: ['shirt', 'Shirt'] } } }, ['gift-card', 'shoes']],
    ['$contains on a metadata list', { 'metadata.tags': { conditions: { $contains: ['sale'] } } }, ['shoes']],
    ['$count on attributes', { attributes: { conditions: { $count: [2] } } }, ['shirt']],
    ['$count_more on skus', { skus: { conditions: { $count_more: [1] } } }, ['shirt']],
    ['$count_less on skus', { skus: { conditions: { $count_less: [1] } }, object: { conditions: { $is: ['product'] } } }, ['gift-card', 'shoes']],
    ['$after on created_at', { created_at: { conditions: { $after: ['2026-11-22T12:02:30.000Z'] } } }, ['gift-card', 'shoes']],
    ['$before on created_at', { created_at: { conditions: { $before: ['2026-11-22T12:01:00.000Z'] } } }, ['shirt']],
    ['$is on product_id', { product_id: { conditions: { $is: ['SHIRT'] } } }, []],
    ['two conditions of one field', { price: { conditions: { $more_than: [1000], $less_than: [1900] } } }, ['shirt-s']],
  ])('AUTO_UPDATE, %s', async (_name, fields, expected) => {
    await givenCatalogue();
    const collection = await createCollection({ type: 'AUTO_UPDATE', name: 'Filtered', filter: { junction: 'and', ...fields } });
    expect(await members(collection.id)).toEqual(expected);
  });

  it('AUTO_UPDATE: junction and needs every field, or any; members follow the catalogue', async () => {
    await givenCatalogue();
    const fields = { 'metadata.color': { conditions: { $is: ['red'] } }, price: { conditions: { $less_than: [1800] } } };
    const both = await createCollection({ type: 'AUTO_UPDATE', name: 'And', filter: { junction: 'and', ...fields } });
    const either = await createCollection({ type: 'AUTO_UPDATE', name: 'Or', filter: { junction: 'or', ...fields } });
    expect(await members(both.id)).toEqual([]);
    expect(await members(either.id)).toEqual(['shoes', 'shirt-s']);
    await ok(api.put('/v1/products/shoes', { price: 1500 }));
    expect(await members(both.id)).toEqual(['shoes']);
    const all = await createCollection({ type: 'AUTO_UPDATE', name: 'All', filter: { junction: 'or', id: { conditions: { $has_value: [] } } } });
    expect(await members(all.id)).toEqual(ALL_NEWEST_FIRST);
  });

  it('AUTO_UPDATE: day conditions count from the mock clock', async () => {
    await givenCatalogue();
    const collection = await createCollection({ type: 'AUTO_UPDATE', name: 'Recent', filter: { junction: 'and', created_at: { conditions: { $less_than_ago: [2] } } } });
    const old = await createCollection({ type: 'AUTO_UPDATE', name: 'Old', filter: { junction: 'and', created_at: { conditions: { $more_than_ago: [2] } } } });
    const today = await createCollection({ type: 'AUTO_UPDATE', name: 'Today', filter: { junction: 'and', created_at: { conditions: { $is_days_ago: [0] } } } });
    expect(await members(collection.id)).toEqual(ALL_NEWEST_FIRST);
    expect(await members(today.id)).toEqual(ALL_NEWEST_FIRST);
    now = new Date(NOW.getTime() + 3 * 24 * 60 * 60_000);
    expect(await members(collection.id)).toEqual([]);
    expect(await members(old.id)).toEqual(ALL_NEWEST_FIRST);
    expect(await members(today.id)).toEqual([]);
  });
});
