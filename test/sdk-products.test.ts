// The official @voucherify/sdk, unpatched, against a mock on a real port: the product catalogue
// (client.products.*) and product collections (client.productCollections.*).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import voucherifySdk from '@voucherify/sdk';
import { startServer, type RunningServer } from '../src/index.js';
import { recordAnswers } from './helpers.js';
import { sdkError, type Client } from './support/sdk.js';

const { VoucherifyServerSide } = voucherifySdk;
type Json = Record<string, any>;

let server: RunningServer;
let client: Client;
let dir: string;

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 12, validateResponses: true, ...recordAnswers() });
  dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-sdk-csv-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  return server.close();
});
beforeEach(() => {
  server.reset();
  client = VoucherifyServerSide({ applicationId: 'sdk-products', secretKey: 'sdk-secret', apiUrl: server.url });
});


/** A CSV file for the SDK's imports, which take a path. */
function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('products through the SDK', () => {
  it('creates, reads, updates, lists and deletes products and their SKUs', async () => {
    const product = (await client.products.create({ source_id: 'sdk-phone', name: 'Phone', price: 200000, attributes: ['color'], metadata: { vendor: 'SDK' } })) as Json;
    expect(product).toMatchObject({ id: expect.stringMatching(/^prod_/), source_id: 'sdk-phone', name: 'Phone', price: 200000, object: 'product' });

    const sku = (await client.products.createSku('sdk-phone', { source_id: 'sdk-phone-black', sku: 'Black phone', price: 210000, attributes: { color: 'black' } })) as Json;
    expect(sku).toMatchObject({ id: expect.stringMatching(/^sku_/), product_id: product.id, sku: 'Black phone', object: 'sku' });
    expect(await client.products.getSku(sku.id)).toEqual(sku);
    expect(await client.products.updateSku('sdk-phone', { source_id: 'sdk-phone-black', sku: 'Black phone', price: 205000 })).toMatchObject({ id: sku.id, price: 205000 });
    expect(await client.products.listSkus(product.id)).toMatchObject({ object: 'list', data_ref: 'skus', total: 1, skus: [{ id: sku.id, price: 205000 }] });

    expect(await client.products.get('sdk-phone')).toMatchObject({ id: product.id, skus: { total: 1, data: [{ id: sku.id }] } });
    expect(await client.products.update({ source_id: 'sdk-phone', price: 199000 })).toMatchObject({ id: product.id, price: 199000 });
    expect(await client.products.update({ id: product.id, name: 'Phone 2' })).toMatchObject({ id: product.id, name: 'Phone 2', price: 199000 });
    expect(await client.products.list({ limit: 10 })).toMatchObject({ object: 'list', data_ref: 'products', total: 1 });

    await client.products.deleteSku(product.id, sku.id, { force: true });
    expect(await sdkError(client.products.getSku(sku.id))).toEqual({ code: 404, key: 'not_found', message: 'Resource not found', details: `Cannot find sku with id ${sku.id}` });
    await client.products.delete('sdk-phone', { force: true });
    expect(await sdkError(client.products.get(product.id))).toEqual({ code: 404, key: 'not_found', message: 'Resource not found', details: `Cannot find product with id ${product.id}` });
  });

  it('updates products and their metadata in bulk: async actions reported DONE', async () => {
    const bulk = await client.products.bulkUpdate([
      { source_id: 'sdk-a', name: 'A', price: 100 },
      { source_id: 'sdk-b', name: 'B', price: 200 },
    ]);
    expect(await client.asyncActions.get(bulk.async_action_id)).toMatchObject({ type: 'PRODUCTS.BULK_UPDATE', status: 'DONE', result: { done_count: 2 } });
    const metadata = await client.products.bulkUpdateMetadata({ source_ids: ['sdk-a', 'sdk-b'], metadata: { season: 'winter' } });
    expect(await client.asyncActions.get(metadata.async_action_id)).toMatchObject({ type: 'PRODUCTS.METADATA_UPDATE', status: 'DONE' });
    expect(await client.products.get('sdk-b')).toMatchObject({ name: 'B', price: 200, metadata: { season: 'winter' } });
  });

  it('imports products and SKUs from CSV files', async () => {
    const products = await client.products.importCSV(csvFile('products.csv', ['name,source_id,price,brand', 'Ball,sdk-ball,1500,Acme', 'Net,sdk-net,3000,Acme']));
    expect(await client.asyncActions.get(products.async_action_id)).toMatchObject({ type: 'PRODUCTS.IMPORT_CSV', status: 'DONE', result: { done_count: 2, failed_count: 0 } });
    expect(await client.products.get('sdk-ball')).toMatchObject({ name: 'Ball', price: 1500, metadata: { brand: 'Acme' } });

    const skus = await client.products.importSkusCSV(csvFile('skus.csv', ['product_id,sku,source_id,price', 'sdk-ball,Small ball,sdk-ball-s,1200', 'sdk-none,Lost,sdk-lost,1']));
    expect(await client.asyncActions.get(skus.async_action_id)).toMatchObject({
      type: 'SKUS.IMPORT_CSV',
      result: { done_count: 1, failed_count: 1, failed: [{ row: 2, source_id: 'sdk-lost', reason: 'Cannot find product with id sdk-none' }] },
    });
    expect(await client.products.getSku('sdk-ball-s')).toMatchObject({ sku: 'Small ball', price: 1200 });
  });
});

describe('product collections through the SDK', () => {
  it('creates STATIC and AUTO_UPDATE collections, lists what they hold, and deletes them', async () => {
    const ball = (await client.products.create({ source_id: 'sdk-ball', name: 'Ball', price: 1500, metadata: { brand: 'Acme' } })) as Json;
    await client.products.create({ source_id: 'sdk-net', name: 'Net', price: 3000, metadata: { brand: 'Other' } });

    const picked = (await client.productCollections.create({ type: 'STATIC', name: 'Picked', products: [{ id: ball.id, object: 'product' }] })) as Json;
    expect(picked).toMatchObject({ id: expect.stringMatching(/^pc_/), type: 'STATIC', object: 'products_collection' });
    // The SDK types a filter's fields narrower than the API takes them: the bodies are cast.
    const acme = (await client.productCollections.create({
      type: 'AUTO_UPDATE',
      name: 'Acme',
      filter: { junction: 'and', 'metadata.brand': { conditions: { $is: ['Acme'] } } },
    } as never)) as Json;

    expect(await client.productCollections.get(acme.id)).toEqual(acme);
    expect(await client.productCollections.list()).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(await client.productCollections.listProducts(acme.id)).toMatchObject({ total: 1, data: [{ id: ball.id }] });
    expect(await client.productCollections.listProducts(picked.id, { limit: 5 })).toMatchObject({ total: 1, data: [{ id: ball.id }] });

    await client.productCollections.delete(picked.id);
    expect(await sdkError(client.productCollections.get(picked.id))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: `Cannot find products_collection with id ${picked.id}`,
    });
    expect(await sdkError(client.productCollections.create({ type: 'AUTO_UPDATE', name: 'Broken', filter: { junction: 'and', price: { conditions: { $near: [1] } } } } as never))).toMatchObject({
      code: 400,
      key: 'invalid_payload',
    });
  });

  it('refuses to delete a collection a validation rule uses, with the related rules on the SDK error', async () => {
    const picked = (await client.productCollections.create({ type: 'STATIC', name: 'Picked' })) as Json;
    const rule = (await client.validationRules.create({
      name: 'Picked only',
      applicable_to: { included: [{ object: 'products_collection', id: picked.id }] },
    } as never)) as Json;
    const error = (await client.productCollections.delete(picked.id).then(
      () => undefined,
      (failure: unknown) => failure,
    )) as Json;
    expect({ ...error }).toMatchObject({
      code: 400,
      key: 'resource_in_use',
      details: `Resource products_collection with id ${picked.id} is in use by validation_ruless with ids [${rule.id}]`,
      related_object_ids: [rule.id],
      related_object_type: 'validation_rules',
    });
    expect(error.message).toBe('Resource in use');
    expect(await client.productCollections.get(picked.id)).toEqual(picked);
  });
});
