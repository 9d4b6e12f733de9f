// Products and SKUs: the catalogue's endpoints, its bulk and CSV imports, and orders priced from it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadFixtures, type MockApp } from '../src/index.js';
import { as, client, expectError, NOW, testApp, type Agent } from './helpers.js';

let app: MockApp;
let api: Agent;
/** The app's clock: tests move it to make records of different times. */
let now: Date;

beforeEach(async () => {
  now = NOW;
  app = await testApp({ clock: () => now });
  api = client(app);
});

type Json = Record<string, any>;

async function ok(response: PromiseLike<{ status: number; body: Json }>, status = 200): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

const phone = { source_id: 'phone-1', name: 'Samsung Phone', price: 200000, attributes: ['color', 'memory'], metadata: { vendor: 'Online Store' }, image_url: 'https://img.example/phone.png' };
const createProduct = (body: Json = phone) => ok(api.post('/v1/products', body));
const createSku = (product: string, body: Json) => ok(api.post(`/v1/products/${encodeURIComponent(product)}/skus`, body));

/** A multipart/form-data upload of `csv` as the `file` part, as the SDK and curl -F send it. */
const upload = (path: string, csv: string) => request(app).post(path).set(as('test-tenant')).attach('file', Buffer.from(csv), 'import.csv');

const asyncAction = async (answer: Json) => ok(api.get(`/v1/async-actions/${answer.async_action_id}`));

describe('POST /v1/products', () => {
  it('creates a product with a prod_ id, the fields sent and the rest empty', async () => {
    const product = await createProduct();
    expect(product).toEqual({
      id: expect.stringMatching(/^prod_[0-9a-f]{18}$/),
      ...phone,
      created_at: NOW.toISOString(),
      updated_at: null,
      object: 'product',
    });
    expect(await createProduct({})).toMatchObject({ source_id: null, name: null, price: null, attributes: [], metadata: {}, image_url: null });
  });

  it('updates the product with the source_id sent: only the fields sent change', async () => {
    const first = await createProduct();
    now = new Date(NOW.getTime() + 60_000);
    const again = await createProduct({ source_id: 'phone-1', price: 210000 });
    expect(again).toEqual({ ...first, price: 210000, updated_at: now.toISOString() });
    expect((await ok(api.get('/v1/products'))).total).toBe(1);
  });

  it('updates the product with the id sent', async () => {
    const first = await createProduct();
    expect(await createProduct({ id: first.id, name: 'Renamed' })).toMatchObject({ id: first.id, source_id: 'phone-1', name: 'Renamed' });
  });

  it('answers 404 for an id the catalogue does not have, and creates nothing', async () => {
    const res = await api.post('/v1/products', { id: 'prod_0a4934c50ddc5dbae', name: 'Ghost' });
    expect(expectError(res, 404, 'not_found', 'Resource not found')).toMatchObject({
      details: 'Cannot find product with id prod_0a4934c50ddc5dbae',
      resource_id: 'prod_0a4934c50ddc5dbae',
      resource_type: 'product',
    });
    expect((await ok(api.get('/v1/products'))).total).toBe(0);
  });

  it.each([
    [{ price: '12.5' }, 'Property .price must be integer'],
    [{ price: -1 }, 'Property .price must be >= 0'],
    [{ attributes: 'color' }, 'Property .attributes must be array'],
    [{ metadata: 'x' }, 'Property .metadata must be object'],
  ])('refuses %j: 400 invalid_payload', async (body, details) => {
    const res = await api.post('/v1/products', body);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
  });
});

describe('GET /v1/products and GET /v1/products/{productId}', () => {
  it('lists products oldest first with their SKUs, paged', async () => {
    const a = await createProduct({ source_id: 'a', name: 'A', attributes: ['size'] });
    const b = await createProduct({ source_id: 'b', name: 'B' });
    const c = await createProduct({ source_id: 'c', name: 'C' });
    const sku = await createSku('a', { source_id: 'a-small', sku: 'A small', attributes: { size: 'S' } });
    const list = await ok(api.get('/v1/products'));
    expect(list).toMatchObject({ object: 'list', data_ref: 'products', total: 3 });
    expect(list.products.map((p: Json) => p.id)).toEqual([a.id, b.id, c.id]);
    expect(list.products[0].skus).toEqual({ object: 'list', data_ref: 'data', data: [sku], total: 1 });
    expect(list.products[1].skus).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0 });
    const page = await ok(api.get('/v1/products?limit=2&page=2'));
    expect(page.products.map((p: Json) => p.id)).toEqual([c.id]);
    expect(page.total).toBe(3);
    expect((await ok(api.get('/v1/products?order=-created_at'))).products.map((p: Json) => p.id)).toEqual([c.id, b.id, a.id]);
  });

  it('keeps those created between start_date and end_date', async () => {
    await createProduct({ source_id: 'old' });
    now = new Date('2026-11-23T12:00:00.000Z');
    const middle = await createProduct({ source_id: 'middle' });
    now = new Date('2026-11-25T12:00:00.000Z');
    await createProduct({ source_id: 'new' });
    const list = await ok(api.get('/v1/products?start_date=2026-11-23&end_date=2026-11-24T00:00:00Z'));
    expect(list.products.map((p: Json) => p.id)).toEqual([middle.id]);
    expect(list.total).toBe(1);
  });

  it('refuses a bad query: 400 invalid_query_params', async () => {
    const res = await api.get('/v1/products?limit=101');
    expect(expectError(res, 400, 'invalid_query_params', 'Invalid query params').details).toBe('Property .limit must be <= 100');
  });

  it('reads a product by id or by source_id, with its SKUs', async () => {
    const product = await createProduct();
    const sku = await createSku(product.id, { source_id: 'phone-1-black', sku: 'Black', attributes: { color: 'black' } });
    const byId = await ok(api.get(`/v1/products/${product.id}`));
    expect(byId).toEqual({ ...product, skus: { object: 'list', data_ref: 'data', data: [sku], total: 1 } });
    expect(await ok(api.get('/v1/products/phone-1'))).toEqual(byId);
  });

  it('answers 404 for a product the catalogue does not have', async () => {
    const res = await api.get('/v1/products/test_prod_id_');
    expect(expectError(res, 404, 'not_found', 'Resource not found')).toMatchObject({ details: 'Cannot find product with id test_prod_id_', resource_type: 'product' });
  });
});

describe('PUT /v1/products/{productId}', () => {
  it('changes the fields sent; metadata sent replaces the old', async () => {
    const product = await createProduct();
    now = new Date(NOW.getTime() + 1000);
    const updated = await ok(api.put('/v1/products/phone-1', { price: 210000, metadata: { test: false } }));
    expect(updated).toEqual({ ...product, price: 210000, metadata: { test: false }, updated_at: now.toISOString() });
    expect(await ok(api.put(`/v1/products/${product.id}`, { price: null, image_url: null }))).toMatchObject({ price: null, image_url: null, name: 'Samsung Phone' });
  });

  it('answers 404 for an unknown product and 400 for a bad body', async () => {
    expectError(await api.put('/v1/products/nope', { name: 'x' }), 404, 'not_found', 'Resource not found');
    await createProduct();
    expect(expectError(await api.put('/v1/products/phone-1', { name: 5 }), 400, 'invalid_payload', 'Invalid payload').details).toBe('Property .name must be string');
  });
});

describe('DELETE /v1/products/{productId}', () => {
  it('deletes the product and its SKUs; their source_ids are free again', async () => {
    const product = await createProduct();
    const sku = await createSku(product.id, { source_id: 'phone-1-black', attributes: { color: 'black' } });
    const res = await api.delete('/v1/products/phone-1?force=true');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectError(await api.get(`/v1/products/${product.id}`), 404, 'not_found', 'Resource not found');
    expect(expectError(await api.get(`/v1/skus/${sku.id}`), 404, 'not_found', 'Resource not found').details).toBe(`Cannot find sku with id ${sku.id}`);
    const again = await createProduct();
    expect(again.id).not.toBe(product.id);
    expect((await createSku(again.id, { source_id: 'phone-1-black' })).id).not.toBe(sku.id);
  });

  it('deletes without force too, and answers 404 for an unknown product', async () => {
    await createProduct();
    expect((await api.delete('/v1/products/phone-1')).status).toBe(204);
    expect(expectError(await api.delete('/v1/products/phone-1'), 404, 'not_found', 'Resource not found').details).toBe('Cannot find product with id phone-1');
  });

  it('refuses a force that is not a boolean', async () => {
    await createProduct();
    expect(expectError(await api.delete('/v1/products/phone-1?force=maybe'), 400, 'invalid_query_params', 'Invalid query params').details).toBe('Property .force must be boolean');
    expect((await ok(api.get('/v1/products'))).total).toBe(1);
  });
});

describe('SKUs', () => {
  it('creates a SKU of the product, with a sku_ id', async () => {
    const product = await createProduct();
    const sku = await createSku('phone-1', { source_id: 'phone-1-256', sku: 'Phone 256GB', price: 1300, currency: 'USD', attributes: { color: 'black', memory: '256' }, metadata: { imported: true } });
    expect(sku).toEqual({
      id: expect.stringMatching(/^sku_[0-9a-f]{18}$/),
      source_id: 'phone-1-256',
      product_id: product.id,
      sku: 'Phone 256GB',
      price: 1300,
      currency: 'USD',
      attributes: { color: 'black', memory: '256' },
      image_url: null,
      metadata: { imported: true },
      created_at: NOW.toISOString(),
      updated_at: null,
      object: 'sku',
    });
  });

  it('updates the SKU with the source_id or id sent', async () => {
    const sku = await createSku((await createProduct()).id, { source_id: 'phone-1-256', price: 1300 });
    expect(await createSku('phone-1', { source_id: 'phone-1-256', price: 1400 })).toEqual({ ...sku, price: 1400, updated_at: NOW.toISOString() });
    expect(await createSku('phone-1', { id: sku.id, sku: 'Renamed' })).toMatchObject({ id: sku.id, sku: 'Renamed', price: 1400 });
    expect((await ok(api.get('/v1/products/phone-1/skus'))).total).toBe(1);
  });

  it('refuses attributes the product does not name, and a SKU of another product', async () => {
    await createProduct();
    const res = await api.post('/v1/products/phone-1/skus', { source_id: 's', attributes: { weight: '1kg' } });
    expect(expectError(res, 400, 'invalid_sku', 'Invalid SKU').details).toMatch(/^SKU attributes \[weight\] are not defined in product prod_/);
    const other = await createProduct({ source_id: 'other' });
    const sku = await createSku('other', { source_id: 'other-1' });
    expect(expectError(await api.post('/v1/products/phone-1/skus', { source_id: 'other-1' }), 400, 'invalid_sku', 'Invalid SKU').details).toBe(`SKU ${sku.id} belongs to product ${other.id}`);
    expect((await ok(api.get('/v1/products/phone-1/skus'))).total).toBe(0);
  });

  it('answers 404 for a SKU id or a product the catalogue does not have', async () => {
    expect(expectError(await api.post('/v1/products/nope/skus', { sku: 'x' }), 404, 'not_found', 'Resource not found').details).toBe('Cannot find product with id nope');
    await createProduct();
    expect(expectError(await api.post('/v1/products/phone-1/skus', { id: 'sku_missing' }), 404, 'not_found', 'Resource not found').details).toBe('Cannot find sku with id sku_missing');
  });

  it("lists a product's SKUs oldest first, paged", async () => {
    await createProduct();
    const skus = [];
    for (const n of [1, 2, 3]) skus.push(await createSku('phone-1', { source_id: `s${n}` }));
    const list = await ok(api.get('/v1/products/phone-1/skus?limit=2'));
    expect(list).toEqual({ object: 'list', data_ref: 'skus', skus: skus.slice(0, 2), total: 3 });
    expect((await ok(api.get('/v1/products/phone-1/skus?order=-created_at&page=2&limit=2'))).skus).toEqual([skus[0]]);
    expect(expectError(await api.get('/v1/products/prod_0b15f6b9f650c6990/skus'), 404, 'not_found', 'Resource not found').resource_type).toBe('product');
  });

  it('reads a SKU by id or source_id; 404 for one the catalogue does not have', async () => {
    await createProduct();
    const sku = await createSku('phone-1', { source_id: 's1' });
    expect(await ok(api.get(`/v1/skus/${sku.id}`))).toEqual(sku);
    expect(await ok(api.get('/v1/skus/s1'))).toEqual(sku);
    expect(expectError(await api.get('/v1/skus/sku_0b1621b319d248b79'), 404, 'not_found', 'Resource not found')).toMatchObject({
      details: 'Cannot find sku with id sku_0b1621b319d248b79',
      resource_id: 'sku_0b1621b319d248b79',
      resource_type: 'sku',
    });
  });

  it('updates a SKU of the product; 404 for a SKU of another product', async () => {
    await createProduct();
    const sku = await createSku('phone-1', { source_id: 's1', price: 1300, currency: 'USD' });
    now = new Date(NOW.getTime() + 1000);
    expect(await ok(api.put(`/v1/products/phone-1/skus/${sku.id}`, { price: 210000, currency: 'PLN' }))).toEqual({ ...sku, price: 210000, currency: 'PLN', updated_at: now.toISOString() });
    await createProduct({ source_id: 'other' });
    expect(expectError(await api.put('/v1/products/other/skus/s1', { price: 1 }), 404, 'not_found', 'Resource not found').details).toBe('Cannot find sku with id s1');
    expect(expectError(await api.put('/v1/products/phone-1/skus/s1', { price: 'x' }), 400, 'invalid_payload', 'Invalid payload').details).toBe('Property .price must be integer');
  });

  it('deletes a SKU of the product', async () => {
    await createProduct();
    const sku = await createSku('phone-1', { source_id: 's1' });
    expectError(await api.delete('/v1/products/123-567-343/skus/s1'), 404, 'not_found', 'Resource not found');
    expect((await api.delete('/v1/products/phone-1/skus/s1?force=true')).status).toBe(204);
    expect(expectError(await api.delete(`/v1/products/phone-1/skus/${sku.id}`), 404, 'not_found', 'Resource not found').details).toBe(`Cannot find sku with id ${sku.id}`);
    expect((await ok(api.get('/v1/products/phone-1'))).skus.total).toBe(0);
  });
});

describe('bulk updates', () => {
  it('updates products by source_id and creates those the catalogue lacks: 202 and a DONE async action', async () => {
    await createProduct();
    const answer = await ok(
      api.post('/v1/products/bulk/async', [
        { source_id: 'phone-1', name: 'Samsung Phone 1', price: 220000 },
        { source_id: 'phone-2', name: 'Samsung Phone 2', price: 230000, metadata: { vendor: 'Online Store - 4' } },
      ]),
      202,
    );
    expect(answer).toEqual({ async_action_id: expect.stringMatching(/^aa_/) });
    expect(await asyncAction(answer)).toMatchObject({ type: 'PRODUCTS.BULK_UPDATE', status: 'DONE', result: { done_count: 2, failed_count: 0, errors: [] } });
    expect(await ok(api.get('/v1/products/phone-1'))).toMatchObject({ name: 'Samsung Phone 1', price: 220000, attributes: ['color', 'memory'] });
    expect(await ok(api.get('/v1/products/phone-2'))).toMatchObject({ name: 'Samsung Phone 2', price: 230000, metadata: { vendor: 'Online Store - 4' } });
  });

  it('refuses an entry without source_id, and changes nothing', async () => {
    const res = await api.post('/v1/products/bulk/async', [{ source_id: 'a', name: 'A' }, { name: 'B' }]);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Property [1] must have required property 'source_id'");
    expect((await ok(api.get('/v1/products'))).total).toBe(0);
  });

  it('sets the metadata sent on every product named, keeping their other keys; unknown source_ids become products', async () => {
    await createProduct();
    const answer = await ok(api.post('/v1/products/metadata/async', { source_ids: ['phone-1', 'test_volleyball'], metadata: { label: true, origin: 'PL' } }), 202);
    expect(await asyncAction(answer)).toMatchObject({ type: 'PRODUCTS.METADATA_UPDATE', status: 'DONE', result: { done_count: 2, failed_count: 0 } });
    expect((await ok(api.get('/v1/products/phone-1'))).metadata).toEqual({ vendor: 'Online Store', label: true, origin: 'PL' });
    expect(await ok(api.get('/v1/products/test_volleyball'))).toMatchObject({ source_id: 'test_volleyball', metadata: { label: true, origin: 'PL' } });
  });

  it('refuses a metadata update without metadata', async () => {
    const res = await api.post('/v1/products/metadata/async', { source_ids: ['a'] });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload must have required property 'metadata'");
  });
});

describe('CSV imports', () => {
  it('imports products: fields, metadata from the other columns, renames known source_ids, reports failed rows', async () => {
    await createProduct();
    const csv = [
      'name,source_id,price,attributes,image_url,color',
      'Volleyball,test_volleyball,1500,"size,weight",https://img.example/v.png,white',
      'Renamed Phone,phone-1,999,,,',
      ',nameless,100,,,',
      'Bad price,bad-price,12.5,,,',
      '"Quoted, ""name""",quoted,,,,',
    ].join('\r\n');
    const answer = await ok(upload('/v1/products/importCSV', csv));
    expect(answer).toEqual({ async_action_id: expect.stringMatching(/^aa_/) });
    expect((await asyncAction(answer)).result).toEqual({
      message: '3 product(s) imported successfully, 2 failed.',
      done_count: 3,
      failed_count: 2,
      failed: [
        { row: 3, source_id: 'nameless', reason: 'name is required' },
        { row: 4, source_id: 'bad-price', reason: 'price must be a whole number of cents, not "12.5"' },
      ],
    });
    expect(await ok(api.get('/v1/products/test_volleyball'))).toMatchObject({
      name: 'Volleyball',
      price: 1500,
      attributes: ['size', 'weight'],
      image_url: 'https://img.example/v.png',
      metadata: { color: 'white' },
    });
    expect(await ok(api.get('/v1/products/phone-1'))).toMatchObject({ name: 'Renamed Phone', price: 200000 });
    expect((await ok(api.get('/v1/products/quoted'))).name).toBe('Quoted, "name"');
    expectError(await api.get('/v1/products/nameless'), 404, 'not_found', 'Resource not found');
  });

  it('imports SKUs of known products; known source_ids get the new sku and price', async () => {
    const product = await createProduct();
    await createSku('phone-1', { source_id: 'phone-1-64', sku: 'Old', price: 100, attributes: { color: 'white' } });
    const csv = [
      'product_id,sku,source_id,price,image_url,attributes,warehouse',
      `${product.id},Phone Black 256,phone-1-256,1300,,"{'color':'black','memory':'256'}",WAW`,
      'phone-1,Phone White 64,phone-1-64,1200,,,',
      'nope,Ghost,ghost-1,1,,,',
      'phone-1,No source,,1,,,',
      "phone-1,Bad attributes,bad-attr,1,,\"{'weight':'1kg'}\",",
    ].join('\n');
    const answer = await ok(upload('/v1/skus/importCSV', csv));
    const result = (await asyncAction(answer)).result;
    expect(result).toMatchObject({ message: '2 sku(s) imported successfully, 3 failed.', done_count: 2, failed_count: 3 });
    expect(result.failed).toEqual([
      { row: 3, source_id: 'ghost-1', reason: 'Cannot find product with id nope' },
      { row: 4, reason: 'source_id is required' },
      { row: 5, source_id: 'bad-attr', reason: expect.stringMatching(/^SKU attributes \[weight\] are not defined in product prod_/) },
    ]);
    expect(await ok(api.get('/v1/skus/phone-1-256'))).toMatchObject({ product_id: product.id, sku: 'Phone Black 256', price: 1300, attributes: { color: 'black', memory: '256' }, metadata: { warehouse: 'WAW' } });
    expect(await ok(api.get('/v1/skus/phone-1-64'))).toMatchObject({ sku: 'Phone White 64', price: 1200, attributes: { color: 'white' } });
  });

  it("refuses an upload without a file part: 400 Payload should have required property 'file'", async () => {
    const noFile = await request(app).post('/v1/products/importCSV').set(as('test-tenant')).field('other', 'x');
    expect(expectError(noFile, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload should have required property 'file'");
    const json = await api.post('/v1/skus/importCSV', { file: 'product_id,source_id\nphone-1,x' });
    expect(expectError(json, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload should have required property 'file'");
  });

  it('reads a hand-written multipart body: quoted boundary, LF-only CSV, a BOM, the first part of a name', async () => {
    const body = [
      '--b0und',
      'Content-Disposition: form-data; name="file"; filename="p.csv"',
      'Content-Type: text/csv',
      '',
      '\uFEFFname,source_id\nHand,hand-1',
      '--b0und',
      'Content-Disposition: form-data; name="file"',
      '',
      'name,source_id\nSecond,second-1',
      '--b0und--',
      '',
    ].join('\r\n');
    const res = request(app).post('/v1/products/importCSV').set(as('test-tenant')).set('Content-Type', 'multipart/form-data; boundary="b0und"').send(body);
    expect((await asyncAction(await ok(res))).result).toMatchObject({ done_count: 1, failed_count: 0 });
    expect(await ok(api.get('/v1/products/hand-1'))).toMatchObject({ name: 'Hand' });
    expectError(await api.get('/v1/products/second-1'), 404, 'not_found', 'Resource not found');
  });

  it('refuses an upload over the body limit: 413, nothing imported', async () => {
    app = await testApp({ clock: () => now, bodyLimit: '1kb' });
    api = client(app);
    const rows = Array.from({ length: 100 }, (_, i) => `Product ${i},p-${i}`);
    const res = await upload('/v1/products/importCSV', ['name,source_id', ...rows].join('\n'));
    expect(expectError(res, 413, 'payload_too_large', 'Payload too large').details).toBe('Request body exceeds the limit of 1kb');
    expect((await ok(api.get('/v1/products'))).total).toBe(0);
  });

  it('refuses a multipart body without a boundary, and a form sent to a JSON operation', async () => {
    const res = await request(app).post('/v1/products/importCSV').set(as('test-tenant')).set('Content-Type', 'multipart/form-data').send('--x\r\n');
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe('A multipart/form-data body needs a boundary in its Content-Type');
    const unclosed = await request(app)
      .post('/v1/products/importCSV')
      .set(as('test-tenant'))
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send('--XyZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nname\r\nA\r\n');
    expect(expectError(unclosed, 400, 'invalid_payload', 'Invalid payload').details).toBe('The multipart/form-data body does not end with its closing boundary');
    const form = await request(app).post('/v1/products').set(as('test-tenant')).field('name', 'x');
    expect(expectError(form, 400, 'invalid_payload', 'Invalid payload').details).toBe('Payload must be a JSON object sent with Content-Type: application/json');
  });
});

describe('orders priced from the catalogue', () => {
  async function givenCatalogue() {
    const shirt = await createProduct({ source_id: 'shirt', name: 'Shirt', price: 2100, attributes: ['size'], metadata: { vendor: 'mall' } });
    const small = await createSku('shirt', { source_id: 'shirt-s', sku: 'Small shirt', price: 1700, attributes: { size: 'S' } });
    const large = await createSku('shirt', { source_id: 'shirt-l', sku: 'Large shirt', attributes: { size: 'L' } });
    return { shirt, small, large };
  }

  it("prices items that send no price at the SKU's price, else its product's, and shows the product and SKU", async () => {
    const { shirt, small, large } = await givenCatalogue();
    const order = await ok(
      api.post('/v1/orders', {
        items: [
          { source_id: 'shirt', related_object: 'product', quantity: 2 },
          { source_id: 'shirt-s', related_object: 'sku', quantity: 1 },
          { sku_id: large.id, quantity: 1 },
          { product_id: shirt.id, quantity: 1, price: 500 },
          { product_id: 'prod_unknown', quantity: 1, price: 100 },
        ],
      }),
    );
    expect(order.amount).toBe(2 * 2100 + 1700 + 2100 + 500 + 100);
    // As Voucherify shows them: a product item named by source_id gets its product object (with the
    // id), a SKU's item its product_id and both objects.
    expect(order.items[0]).toEqual({
      object: 'order_item',
      source_id: 'shirt',
      related_object: 'product',
      quantity: 2,
      amount: 4200,
      price: 2100,
      subtotal_amount: 4200,
      product: { id: shirt.id, source_id: 'shirt', name: 'Shirt', metadata: { vendor: 'mall' }, price: 2100 },
    });
    expect(order.items[1]).toMatchObject({ product_id: shirt.id, amount: 1700, price: 1700, sku: { id: small.id, source_id: 'shirt-s', sku: 'Small shirt', price: 1700 } });
    expect(order.items[1]).not.toHaveProperty('sku_id');
    expect(order.items[2]).toMatchObject({ product_id: shirt.id, sku_id: large.id, amount: 2100, price: 2100 });
    expect(order.items[2].sku).toEqual({ id: large.id, source_id: 'shirt-l', sku: 'Large shirt', metadata: {} });
    expect(order.items[3]).toMatchObject({ amount: 500, price: 500 });
    expect(order.items[4]).toEqual({ object: 'order_item', product_id: 'prod_unknown', quantity: 1, amount: 100, price: 100, subtotal_amount: 100 });
  });

  it('prefers a price the item sends, in its own field or its product or SKU object', async () => {
    await givenCatalogue();
    const order = await ok(
      api.post('/v1/orders', {
        items: [
          { source_id: 'shirt', related_object: 'product', quantity: 1, product: { name: 'Shirt', price: 1000 } },
          { source_id: 'shirt-s', related_object: 'sku', quantity: 1, sku: { sku: 'S', price: 900 } },
          { source_id: 'shirt-l', related_object: 'sku', quantity: 1, amount: 800 },
        ],
      }),
    );
    expect(order.items.map((item: Json) => item.amount)).toEqual([1000, 900, 800]);
    expect(order.items[0].product).toEqual({ name: 'Shirt', price: 1000 });
  });

  it('stores the product and SKU objects an order item sends with override: true', async () => {
    const { shirt } = await givenCatalogue();
    const order = await ok(
      api.post('/v1/orders', {
        items: [
          { source_id: 'prod_1', related_object: 'product', quantity: 2, product: { name: 'Apple iPhone 12', price: 60000, metadata: { vendor: 'mall' }, override: true } },
          {
            source_id: 'ComicBook_1',
            related_object: 'sku',
            quantity: 1,
            product: { source_id: 'Books', name: 'Comic Books1', price: 2100, override: true },
            sku: { sku: 'Comics1', source_id: 'ComicBook_1', price: 1700, metadata: { color: ['golden'] }, override: true },
          },
          { source_id: 'shirt', related_object: 'product', quantity: 1, product: { source_id: 'shirt', name: 'Shirt v2', price: 2500, override: true } },
        ],
      }),
    );
    const phone = await ok(api.get('/v1/products/prod_1'));
    expect(phone).toMatchObject({ name: 'Apple iPhone 12', price: 60000, metadata: { vendor: 'mall' }, skus: { total: 0 } });
    const books = await ok(api.get('/v1/products/Books'));
    const comics = await ok(api.get('/v1/skus/ComicBook_1'));
    expect(comics).toMatchObject({ product_id: books.id, sku: 'Comics1', price: 1700, metadata: { color: ['golden'] } });
    expect(await ok(api.get('/v1/products/shirt'))).toMatchObject({ id: shirt.id, name: 'Shirt v2', price: 2500, metadata: { vendor: 'mall' } });
    expect(order.amount).toBe(120000 + 1700 + 2500);
    expect(order.items[0].product).toEqual({ id: phone.id, source_id: 'prod_1', name: 'Apple iPhone 12', metadata: { vendor: 'mall' }, price: 60000 });
    expect(order.items[1]).toMatchObject({ product_id: books.id, price: 1700, product: { id: books.id, source_id: 'Books' }, sku: { id: comics.id, source_id: 'ComicBook_1', price: 1700 } });
  });

  it('writes nothing to the catalogue for a validation, nor for an order that fails', async () => {
    await ok(api.post('/v1/vouchers/TEN-OFF', { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100, effect: 'APPLY_TO_ORDER' } }));
    const item = { source_id: 'new-product', related_object: 'product', quantity: 1, product: { name: 'New', price: 1000, override: true } };
    await ok(api.post('/v1/vouchers/TEN-OFF/validate', { order: { items: [item] } }));
    expectError(await api.post('/v1/orders', { customer_id: 'cust_missing', items: [item] }), 404, 'not_found', 'Resource not found');
    expect((await ok(api.get('/v1/products'))).total).toBe(0);
  });

  it('prices a validation\'s order items from the catalogue too', async () => {
    await givenCatalogue();
    await ok(api.post('/v1/vouchers/TEN-OFF', { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } }));
    const answer = await ok(api.post('/v1/vouchers/TEN-OFF/validate', { order: { items: [{ source_id: 'shirt-s', related_object: 'sku', quantity: 2 }] } }));
    expect(answer.order).toMatchObject({ amount: 3400, discount_amount: 340, total_amount: 3060 });
  });

  it('adds a free unit of a catalogue product at its price', async () => {
    const { small } = await givenCatalogue();
    await ok(api.post('/v1/vouchers/FREE-SHIRT', { type: 'DISCOUNT_VOUCHER', discount: { type: 'UNIT', effect: 'ADD_MISSING_ITEMS', unit_off: 1, unit_type: small.id } }));
    const answer = await ok(api.post('/v1/vouchers/FREE-SHIRT/validate', { order: { items: [{ product_id: 'prod_other', quantity: 1, price: 1000 }] } }));
    expect(answer.order).toMatchObject({ amount: 2700, items_discount_amount: 1700, total_amount: 1000 });
    expect(answer.order.items[1]).toMatchObject({ sku_id: small.id, quantity: 1, price: 1700, amount: 1700, discount_amount: 1700, discount_quantity: 1 });
  });
});

describe('the catalogue in fixtures', () => {
  const product = { id: 'prod_0a0000000000000001', source_id: 'fixture-ball', name: 'Ball', price: 1500, attributes: [], metadata: {}, image_url: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: null, object: 'product' };
  const sku = { id: 'sku_0a0000000000000002', source_id: 'fixture-ball-s', product_id: product.id, sku: 'Small', price: null, currency: null, attributes: {}, image_url: null, metadata: {}, created_at: '2026-01-01T00:00:00.000Z', updated_at: null, object: 'sku' };

  function fixtureFile(data: object): { path: string; done: () => void } {
    const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-catalogue-'));
    const path = join(dir, 'catalogue.json');
    writeFileSync(path, JSON.stringify(data));
    return { path, done: () => rmSync(dir, { recursive: true, force: true }) };
  }

  it('seeds products and SKUs that orders are priced from', async () => {
    const file = fixtureFile({ products: [product], skus: [sku] });
    try {
      api = client(await testApp({ fixtures: file.path }));
      expect((await ok(api.get('/v1/products/fixture-ball'))).skus.data).toEqual([sku]);
      const order = await ok(api.post('/v1/orders', { items: [{ sku_id: sku.id, quantity: 2 }] }));
      expect(order).toMatchObject({ amount: 3000, items: [{ product_id: product.id, price: 1500 }] });
    } finally {
      file.done();
    }
  });

  it.each([
    ['a SKU of a product the fixtures lack', { products: [], skus: [sku] }, `${sku.id} names product_id ${product.id}, which is not a product in the fixtures`],
    ['two products with one source_id', { products: [product, { ...product, id: 'prod_0a0000000000000003' }] }, `prod_0a0000000000000003 has the same source_id "fixture-ball" as ${product.id}`],
    ['a collection of an unknown type', { product_collections: [{ id: 'pc_1', name: 'x', type: 'DYNAMIC', created_at: '2026-01-01T00:00:00.000Z', object: 'products_collection' }] }, 'pc_1 has an unknown type "DYNAMIC"'],
  ])('refuses %s', (_name, data, message) => {
    const file = fixtureFile(data);
    try {
      expect(() => loadFixtures(file.path)).toThrow(message);
    } finally {
      file.done();
    }
  });
});
