// Products and SKUs: lists, reads, writes, deletes, and the bulk and CSV imports, which record a
// finished async action. The catalogue itself (lookups, upserts, what orders read) is the domain's
// (domain/catalogue.ts): orders price their items from it.

import { bulkResult, recordAsyncAction } from '../../domain/async-actions.js';
import { importRows, metadataOf } from '../../domain/csv.js';
import {
  deleteProduct,
  deleteSku,
  getProduct,
  getSku,
  findProduct,
  skusOf,
  updateProduct,
  updateSku,
  upsertProduct,
  upsertSku,
  type ProductInput,
} from '../../domain/catalogue.js';
import { products, skus } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import type { Metadata, Product, Sku } from '../../domain/records.js';
import { VoucherifyError, notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';

type ListQuery = RequestQuery<'list-products'>;

/** Whether a record was created within the query's start_date and end_date (both included). */
function createdWithin(query: ListQuery): ((record: { created_at: string }) => boolean) | undefined {
  if (query.start_date === undefined && query.end_date === undefined) return undefined;
  const from = query.start_date === undefined ? -Infinity : Date.parse(query.start_date);
  const to = query.end_date === undefined ? Infinity : Date.parse(query.end_date);
  return (record) => {
    const at = Date.parse(record.created_at);
    return at >= from && at <= to;
  };
}

/** A product as GET shows it: with its SKUs. */
export function withSkus(ctx: Context, product: Product) {
  const data = skusOf(ctx, product.id);
  return { ...product, skus: { object: 'list' as const, data_ref: 'data' as const, data, total: data.length } };
}

/** One page of products, oldest first unless `order` says otherwise, each with its SKUs. */
export function listProducts(ctx: Context, query: ListQuery) {
  const page = orderedPage(products(ctx.tenant), query, query.order ?? 'created_at', createdWithin(query));
  return listEnvelope(
    'products',
    page.items.map((product) => withSkus(ctx, product)),
    { total: page.total },
  );
}

/** One page of a product's SKUs, oldest first unless `order` says otherwise. */
export function listSkus(ctx: Context, productId: string, query: RequestQuery<'list-SKUs-in-product'>) {
  const product = getProduct(ctx, productId);
  const within = createdWithin(query);
  const all = skusOf(ctx, product.id);
  const page = numberedPage(within ? all.filter(within) : all, query, query.order ?? 'created_at');
  return listEnvelope('skus', page.items, { total: page.total });
}

export const createProduct = (ctx: Context, body: RequestBody<'create-product'>): Product => upsertProduct(ctx, body).product;

export const changeProduct = (ctx: Context, productId: string, body: RequestBody<'update-product'>): Product => updateProduct(ctx, getProduct(ctx, productId), body);

export function removeProduct(ctx: Context, productId: string, force: boolean): void {
  deleteProduct(ctx, getProduct(ctx, productId), force);
}

/** The SKU the path names, of the product the path names: 404 for either when it is not so. */
function skuOfProduct(ctx: Context, product: Product, skuId: string): Sku {
  const sku = getSku(ctx, skuId);
  if (sku.product_id !== product.id) throw notFound('sku', skuId);
  return sku;
}

export function createSku(ctx: Context, productId: string, body: RequestBody<'create-sku'>): Sku {
  return upsertSku(ctx, getProduct(ctx, productId), body).sku;
}

export function changeSku(ctx: Context, productId: string, skuId: string, body: RequestBody<'update-sku'>): Sku {
  const product = getProduct(ctx, productId);
  return updateSku(ctx, product, skuOfProduct(ctx, product, skuId), body);
}

export function removeSku(ctx: Context, productId: string, skuId: string, force: boolean): void {
  deleteSku(ctx, skuOfProduct(ctx, getProduct(ctx, productId), skuId), force);
}

// ---- bulk -------------------------------------------------------------------------------------

/** What a bulk update could not do: a new product whose source_id the trash bin still keeps. */
interface BulkError {
  message: string;
  details: string;
  key: string;
  source_id: string;
}

/**
 * upsertProduct for a bulk update: a source_id the bin keeps is listed in `errors` (upsertProduct
 * refuses it before writing anything) and the other entries are still written.
 */
function upsertOrReport(ctx: Context, input: ProductInput & { source_id: string }, errors: BulkError[]): void {
  try {
    upsertProduct(ctx, input);
  } catch (error) {
    if (!(error instanceof VoucherifyError) || error.key !== 'duplicate_found') throw error;
    errors.push({ message: error.message, details: error.details ?? error.message, key: error.key, source_id: input.source_id });
  }
}

/** Each entry updates the product with its source_id, or creates one. */
export function updateProductsInBulk(ctx: Context, entries: RequestBody<'update-products-in-bulk'>) {
  const errors: BulkError[] = [];
  for (const entry of entries) upsertOrReport(ctx, entry, errors);
  return { async_action_id: recordAsyncAction(ctx, 'PRODUCTS.BULK_UPDATE', bulkResult(ctx, entries.length - errors.length, errors)).id };
}

/** The metadata keys sent set on every product named by source_id; a source_id the catalogue lacks becomes a product. */
export function updateProductsMetadataInBulk(ctx: Context, body: RequestBody<'update-products-metadata-in-bulk'>) {
  const sent = body.metadata as Metadata;
  const sourceIds = [...new Set(body.source_ids)];
  const errors: BulkError[] = [];
  for (const sourceId of sourceIds) {
    const product = products(ctx.tenant).findBy('source_id', sourceId);
    if (product) updateProduct(ctx, product, { metadata: { ...product.metadata, ...sent } });
    else upsertOrReport(ctx, { source_id: sourceId, metadata: sent }, errors);
  }
  return { async_action_id: recordAsyncAction(ctx, 'PRODUCTS.METADATA_UPDATE', bulkResult(ctx, sourceIds.length - errors.length, errors)).id };
}

// ---- CSV imports ------------------------------------------------------------------------------

/** A price column: whole cents, or empty for none. */
function priceOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 0) throw new Error(`price must be a whole number of cents, not "${text}"`);
  return value;
}

/** A product's attributes column: a JSON array of names, or names separated by commas. */
function productAttributes(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const parsed = JSON.parse(trimmed) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((name) => typeof name === 'string')) throw new Error('attributes must be a list of names');
    return parsed as string[];
  }
  return trimmed
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** A SKU's attributes column: a JSON object, its quotes single or double. */
function skuAttributes(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim().replace(/'/g, '"'));
  } catch {
    throw new Error(`attributes must be a JSON object, not ${text}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`attributes must be a JSON object, not ${text}`);
  return parsed as Record<string, unknown>;
}

const PRODUCT_COLUMNS = ['name', 'source_id', 'price', 'attributes', 'image_url'] as const;

/** POST /v1/products/importCSV: new source_ids become products; known ones are renamed, nothing else. */
export function importProducts(ctx: Context, csv: string) {
  return importRows(ctx, csv, 'PRODUCTS.IMPORT_CSV', 'product', (row) => {
    const name = row.name?.trim();
    if (!name) throw new Error('name is required');
    const sourceId = row.source_id?.trim() || undefined;
    const existing = sourceId ? products(ctx.tenant).findBy('source_id', sourceId) : undefined;
    if (existing) {
      updateProduct(ctx, existing, { name });
      return;
    }
    const input: ProductInput = { name, source_id: sourceId, metadata: metadataOf(row, PRODUCT_COLUMNS) };
    const price = priceOf(row.price);
    if (price !== undefined) input.price = price;
    const attributes = productAttributes(row.attributes);
    if (attributes !== undefined) input.attributes = attributes;
    if (row.image_url) input.image_url = row.image_url;
    upsertProduct(ctx, input);
  });
}

const SKU_COLUMNS = ['product_id', 'sku', 'source_id', 'price', 'image_url', 'attributes'] as const;

/** POST /v1/skus/importCSV: new source_ids become SKUs of their product; known ones get the row's sku and price. */
export function importSkus(ctx: Context, csv: string) {
  return importRows(ctx, csv, 'SKUS.IMPORT_CSV', 'sku', (row) => {
    const productId = row.product_id?.trim();
    const sourceId = row.source_id?.trim();
    if (!productId) throw new Error('product_id is required');
    if (!sourceId) throw new Error('source_id is required');
    const product = findProduct(ctx, productId);
    if (!product) throw notFound('product', productId);
    const price = priceOf(row.price);
    const existing = skus(ctx.tenant).findBy('source_id', sourceId);
    if (existing) {
      const owner = products(ctx.tenant).get(existing.product_id) as Product;
      updateSku(ctx, owner, existing, { ...(row.sku ? { sku: row.sku } : {}), ...(price !== undefined ? { price } : {}) });
      return;
    }
    const attributes = skuAttributes(row.attributes);
    upsertSku(ctx, product, {
      source_id: sourceId,
      ...(row.sku ? { sku: row.sku } : {}),
      ...(price !== undefined ? { price } : {}),
      ...(attributes !== undefined ? { attributes } : {}),
      ...(row.image_url ? { image_url: row.image_url } : {}),
      metadata: metadataOf(row, SKU_COLUMNS),
    });
  });
}
