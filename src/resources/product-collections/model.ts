// Product collections: listing, reading, writing and deleting them, and listing the products and
// SKUs one holds (domain/product-collections.ts decides which).

import { getProduct, getSku } from '../../domain/catalogue.js';
import { productCollections } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { assertCollectionUnused, checkedFilter, findProductCollection, membersOf } from '../../domain/product-collections.js';
import type { ProductCollection } from '../../domain/records.js';
import { invalidPayload, notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

export function getProductCollection(ctx: Context, id: string): ProductCollection {
  const collection = findProductCollection(ctx, id);
  if (!collection) throw notFound('products_collection', id);
  return collection;
}

/** One page of collections, newest first unless `order` says otherwise. */
export function listProductCollections(ctx: Context, query: RequestQuery<'list-product-collections'>) {
  const page = orderedPage(productCollections(ctx.tenant), query, query.order ?? '-created_at');
  return listEnvelope('data', page.items, { total: page.total });
}

type Entry = NonNullable<RequestBody<'create-product-collection'>['products']>[number];

/** A STATIC collection's entries as stored: each product or SKU must be in the catalogue; a SKU's entry names its product. */
function staticEntries(ctx: Context, entries: Entry[]): NonNullable<ProductCollection['products']> {
  return entries.map((entry) => {
    if (entry.object === 'sku') {
      const sku = getSku(ctx, entry.id);
      if (entry.product_id !== undefined && entry.product_id !== sku.product_id) throw notFound('sku', entry.id);
      return { id: sku.id, product_id: sku.product_id, object: 'sku' as const };
    }
    return { id: getProduct(ctx, entry.id).id, object: 'product' as const };
  });
}

export function createProductCollection(ctx: Context, body: RequestBody<'create-product-collection'>): ProductCollection {
  const base = { id: ctx.ids.productCollection(), name: body.name };
  let collection: ProductCollection;
  if (body.type === 'STATIC') {
    if (body.filter !== undefined) throw invalidPayload("A 'STATIC' collection takes products, not a filter");
    collection = { ...base, type: 'STATIC', products: staticEntries(ctx, body.products ?? []), created_at: timestamp(ctx.clock), object: 'products_collection' };
  } else {
    if (body.products !== undefined) throw invalidPayload("An 'AUTO_UPDATE' collection takes a filter, not products");
    collection = { ...base, type: 'AUTO_UPDATE', filter: checkedFilter(body.filter), created_at: timestamp(ctx.clock), object: 'products_collection' };
  }
  return productCollections(ctx.tenant).put(collection);
}

/** A STATIC collection's name, or an AUTO_UPDATE one's name and filter (a filter sent replaces the old one). */
export function updateProductCollection(ctx: Context, id: string, body: RequestBody<'put-product-collection'>): ProductCollection {
  const collection = getProductCollection(ctx, id);
  const changed: ProductCollection = { ...collection, updated_at: timestamp(ctx.clock) };
  if (collection.type === 'STATIC') {
    if (body.filter !== undefined) throw invalidPayload("Only the name of a 'STATIC' collection can be changed");
    if (body.name === undefined) throw invalidPayload("Payload must have required property 'name'");
  }
  if (body.name !== undefined) changed.name = body.name;
  if (body.filter !== undefined) changed.filter = checkedFilter(body.filter);
  return productCollections(ctx.tenant).put(changed);
}

/** Refused (400 resource_in_use) while a validation rule names the collection. */
export function deleteProductCollection(ctx: Context, id: string): void {
  const collection = getProductCollection(ctx, id);
  assertCollectionUnused(ctx, collection);
  productCollections(ctx.tenant).remove(collection.id);
}

/**
 * One page of the products and SKUs the collection holds, newest first unless `order` says
 * otherwise; `starting_after` keeps those created after it (before it, newest first). A SKU shows
 * its product.
 */
export function listProductsInCollection(ctx: Context, id: string, query: RequestQuery<'list-products-in-collection'>) {
  const collection = getProductCollection(ctx, id);
  const order = query.order ?? '-created_at';
  let members = membersOf(ctx, collection);
  if (query.starting_after !== undefined) {
    const cursor = Date.parse(query.starting_after);
    const descending = order.startsWith('-');
    members = members.filter(({ record }) => (descending ? Date.parse(record.created_at) < cursor : Date.parse(record.created_at) > cursor));
  }
  const page = numberedPage(members, query, order, (member, field) => (member.record as unknown as Record<string, unknown>)[field]);
  const data = page.items.map(({ record, product }) => {
    if (record.object === 'product') return record;
    const { id: productId, source_id, name, price, attributes, metadata } = product;
    return { ...record, product: { id: productId, source_id, name, price, attributes, metadata, object: 'product' as const } };
  });
  return listEnvelope('data', data, { total: page.total });
}
