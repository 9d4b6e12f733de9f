// The product catalogue: products and their SKUs, found by id or source_id, written as
// POST/PUT /v1/products (and the bulk and CSV imports) write them, and read by orders: an item that
// names a product or SKU of the catalogue and sends no price costs the catalogue's price.

import { VoucherifyError, notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { isInBin, moveToBin, sourceIdInBin } from './bin.js';
import { products, skus } from './collections.js';
import type { Context } from './context.js';
import type { OrderItemInput } from './orders.js';
import type { Discount, DiscountUnitItem, Metadata, Product, Sku } from './records.js';

/** Product by Voucherify id (prod_…) or, failing that, by source_id. */
export function findProduct(ctx: Context, idOrSourceId: string): Product | undefined {
  const all = products(ctx.tenant);
  return all.get(idOrSourceId) ?? all.findBy('source_id', idOrSourceId);
}

export function getProduct(ctx: Context, idOrSourceId: string): Product {
  const product = findProduct(ctx, idOrSourceId);
  if (!product) throw notFound('product', idOrSourceId);
  return product;
}

/** SKU by Voucherify id (sku_…) or, failing that, by source_id. */
export function findSku(ctx: Context, idOrSourceId: string): Sku | undefined {
  const all = skus(ctx.tenant);
  return all.get(idOrSourceId) ?? all.findBy('source_id', idOrSourceId);
}

export function getSku(ctx: Context, idOrSourceId: string): Sku {
  const sku = findSku(ctx, idOrSourceId);
  if (!sku) throw notFound('sku', idOrSourceId);
  return sku;
}

/** A product's SKUs, oldest first. */
export const skusOf = (ctx: Context, productId: string): Sku[] => skus(ctx.tenant).groupOf('product_id', productId);

// ---- writing ----------------------------------------------------------------------------------

/** What a request may set of a product (POST, PUT, bulk, CSV). */
export interface ProductFields {
  name?: string | null;
  price?: number | null;
  attributes?: string[];
  metadata?: Metadata | null;
  image_url?: string | null;
}

export interface ProductInput extends ProductFields {
  id?: string;
  source_id?: string | null;
}

/** What a request may set of a SKU. */
export interface SkuFields {
  sku?: string | null;
  price?: number | null;
  currency?: string | null;
  attributes?: Record<string, unknown>;
  image_url?: string | null;
  metadata?: Metadata | null;
}

export interface SkuInput extends SkuFields {
  id?: string;
  source_id?: string | null;
}

/** The product with the fields sent changed; metadata sent replaces the product's. */
function withProductFields(product: Product, fields: ProductFields): Product {
  return {
    ...product,
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.price !== undefined ? { price: fields.price } : {}),
    ...(fields.attributes !== undefined ? { attributes: fields.attributes } : {}),
    ...(fields.metadata !== undefined ? { metadata: fields.metadata ?? {} } : {}),
    ...(fields.image_url !== undefined ? { image_url: fields.image_url } : {}),
  };
}

/** Changes the fields sent of a product, and stamps updated_at. */
export function updateProduct(ctx: Context, product: Product, fields: ProductFields): Product {
  return products(ctx.tenant).put({ ...withProductFields(product, fields), updated_at: timestamp(ctx.clock) });
}

/**
 * POST /v1/products: an `id` names a product to update (404 when the catalogue has none); a known
 * `source_id` names the product to update; anything else creates one.
 */
export function upsertProduct(ctx: Context, input: ProductInput): { product: Product; created: boolean } {
  const { id, source_id, ...fields } = input;
  const existing = id !== undefined ? getProduct(ctx, id) : source_id ? products(ctx.tenant).findBy('source_id', source_id) : undefined;
  if (existing) return { product: updateProduct(ctx, existing, fields), created: false };
  if (source_id && isInBin(ctx, 'product', source_id)) throw sourceIdInBin('product', source_id);
  const product: Product = {
    id: ctx.ids.product(),
    source_id: source_id ?? null,
    name: null,
    price: null,
    attributes: [],
    metadata: {},
    image_url: null,
    created_at: timestamp(ctx.clock),
    updated_at: null,
    object: 'product',
  };
  return { product: products(ctx.tenant).put(withProductFields(product, fields)), created: true };
}

/** A SKU's attributes must be among its product's (when the product names any). */
function checkAttributes(product: Product, attributes: Record<string, unknown> | undefined): void {
  if (!attributes) return;
  const unknown = Object.keys(attributes).filter((name) => !product.attributes.includes(name));
  if (unknown.length > 0) {
    throw new VoucherifyError(400, 'invalid_sku', 'Invalid SKU', {
      details: `SKU attributes [${unknown.join(', ')}] are not defined in product ${product.id}`,
    });
  }
}

function withSkuFields(sku: Sku, fields: SkuFields): Sku {
  return {
    ...sku,
    ...(fields.sku !== undefined ? { sku: fields.sku } : {}),
    ...(fields.price !== undefined ? { price: fields.price } : {}),
    ...(fields.currency !== undefined ? { currency: fields.currency } : {}),
    ...(fields.attributes !== undefined ? { attributes: fields.attributes } : {}),
    ...(fields.image_url !== undefined ? { image_url: fields.image_url } : {}),
    ...(fields.metadata !== undefined ? { metadata: fields.metadata ?? {} } : {}),
  };
}

export function updateSku(ctx: Context, product: Product, sku: Sku, fields: SkuFields): Sku {
  checkAttributes(product, fields.attributes);
  return skus(ctx.tenant).put({ ...withSkuFields(sku, fields), updated_at: timestamp(ctx.clock) });
}

/**
 * POST /v1/products/{id}/skus: an `id` names a SKU to update (404 when the catalogue has none), a
 * known `source_id` too; anything else creates a SKU of the product. A SKU of another product is
 * not moved: 400.
 */
export function upsertSku(ctx: Context, product: Product, input: SkuInput): { sku: Sku; created: boolean } {
  const { id, source_id, ...fields } = input;
  const existing = id !== undefined ? getSku(ctx, id) : source_id ? skus(ctx.tenant).findBy('source_id', source_id) : undefined;
  if (existing) {
    if (existing.product_id !== product.id) {
      throw new VoucherifyError(400, 'invalid_sku', 'Invalid SKU', { details: `SKU ${existing.id} belongs to product ${existing.product_id}` });
    }
    return { sku: updateSku(ctx, product, existing, fields), created: false };
  }
  if (source_id && isInBin(ctx, 'sku', source_id)) throw sourceIdInBin('sku', source_id);
  checkAttributes(product, fields.attributes);
  const sku: Sku = {
    id: ctx.ids.sku(),
    source_id: source_id ?? null,
    product_id: product.id,
    sku: null,
    price: null,
    currency: null,
    attributes: {},
    image_url: null,
    metadata: {},
    created_at: timestamp(ctx.clock),
    updated_at: null,
    object: 'sku',
  };
  return { sku: skus(ctx.tenant).put(withSkuFields(sku, fields)), created: true };
}

/**
 * Removes a product and every SKU of it. Without `force` they go to the bin (one entry, the
 * product's), which keeps their source_ids taken until the entry is deleted for good.
 */
export function deleteProduct(ctx: Context, product: Product, force: boolean): void {
  const all = skus(ctx.tenant);
  const owned = skusOf(ctx, product.id);
  for (const sku of owned) all.remove(sku.id);
  products(ctx.tenant).remove(product.id);
  if (!force) moveToBin(ctx, 'product', product, { skus: owned });
}

/** Removes one SKU; without `force` it goes to the bin, which keeps its source_id taken. */
export function deleteSku(ctx: Context, sku: Sku, force: boolean): void {
  skus(ctx.tenant).remove(sku.id);
  if (!force) moveToBin(ctx, 'sku', sku);
}

// ---- what orders read -------------------------------------------------------------------------

/** The fields of `record` named in `keys` that are set (not null). */
function setFields(record: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

/** A product as an order item shows it (what it lacks left out). */
export const productRef = (product: Product) => setFields(product, ['id', 'source_id', 'name', 'metadata', 'price']);

/** A SKU as an order item shows it (what it lacks left out). */
export const skuRef = (sku: Sku) => setFields(sku, ['id', 'source_id', 'sku', 'metadata', 'price']);

/** The catalogue's product and SKU an item names: by sku_id, by product_id, or by source_id (a SKU's when related_object is sku). */
function catalogued(ctx: Context, item: OrderItemInput): { product?: Product; sku?: Sku } | undefined {
  let sku: Sku | undefined;
  if (item.sku_id !== undefined) sku = skus(ctx.tenant).get(item.sku_id);
  else if (item.related_object === 'sku' && item.source_id !== undefined) sku = skus(ctx.tenant).findBy('source_id', item.source_id);
  let product: Product | undefined;
  if (sku) product = products(ctx.tenant).get(sku.product_id);
  else if (item.product_id !== undefined) product = products(ctx.tenant).get(item.product_id);
  else if (item.related_object !== 'sku' && item.source_id !== undefined) product = products(ctx.tenant).findBy('source_id', item.source_id);
  return sku || product ? { product, sku } : undefined;
}

/** Whether the tenant keeps a catalogue at all: without one, items are taken as sent at no cost. */
const hasCatalogue = (ctx: Context) => products(ctx.tenant).size > 0;

/** The price an item sends: its own (or its amount), else that of the SKU or product object it sends. */
const sentPrice = (item: OrderItemInput) => item.price ?? item.amount ?? (item.sku?.price as number | undefined) ?? (item.product?.price as number | undefined);

/**
 * The items with what the catalogue knows of them, as Voucherify completes an order's items: an
 * item that names a product or SKU of the catalogue gets the catalogue's `product` and `sku` objects
 * when it sent none, a SKU's item its product_id, and an item that sends no price (nor a product or
 * SKU object with one) the catalogue's (the SKU's, else its product's). Other items are kept as
 * they are.
 */
export function withCatalogue(ctx: Context, items: OrderItemInput[] | undefined): OrderItemInput[] | undefined {
  if (!items || items.length === 0 || !hasCatalogue(ctx)) return items;
  let changed = false;
  const completed = items.map((item) => {
    const found = catalogued(ctx, item);
    if (!found) return item;
    changed = true;
    const { product, sku } = found;
    const price = sentPrice(item) === undefined ? (sku?.price ?? product?.price ?? undefined) : undefined;
    return {
      ...item,
      ...(item.product_id === undefined && sku ? { product_id: sku.product_id } : {}),
      ...(price !== undefined ? { price } : {}),
      ...(item.product === undefined && product ? { product: productRef(product) } : {}),
      ...(item.sku === undefined && sku ? { sku: skuRef(sku) } : {}),
    };
  });
  return changed ? completed : items;
}

/** A product or SKU object an order item sends, as Voucherify reads it. */
interface SentRef {
  id?: string;
  source_id?: string;
  name?: string;
  sku?: string;
  price?: number;
  metadata?: Metadata;
  override?: boolean;
}

/**
 * What orders write to the catalogue: an item's `product` (or `sku`) object sent with
 * `override: true` is stored, as Voucherify stores it for the requests that create orders: the
 * product (by the object's source_id, else the item's for a product item) is created, or its name,
 * price and metadata replaced by those sent; likewise the SKU, under the item's product. The items
 * come back showing the stored objects.
 */
export function storeOverrides(ctx: Context, items: OrderItemInput[] | undefined): OrderItemInput[] | undefined {
  if (!items || !items.some((item) => (item.product as SentRef | undefined)?.override === true || (item.sku as SentRef | undefined)?.override === true)) return items;
  return items.map((item) => {
    const sentProduct = item.product as SentRef | undefined;
    const sentSku = item.sku as SentRef | undefined;
    let product: Product | undefined;
    let stored = item;
    if (sentProduct?.override === true) {
      const sourceId = sentProduct.source_id ?? (item.related_object !== 'sku' ? item.source_id : undefined);
      const fields: ProductFields = {
        ...(sentProduct.name !== undefined ? { name: sentProduct.name } : {}),
        ...(sentProduct.price !== undefined ? { price: sentProduct.price } : {}),
        ...(sentProduct.metadata !== undefined ? { metadata: sentProduct.metadata } : {}),
      };
      const existing = sentProduct.id !== undefined ? products(ctx.tenant).get(sentProduct.id) : item.product_id !== undefined ? products(ctx.tenant).get(item.product_id) : undefined;
      if (existing) product = updateProduct(ctx, existing, fields);
      // A source_id the trash bin keeps makes no product: the item stays as sent, the order goes through.
      else if (sourceId !== undefined && !isInBin(ctx, 'product', sourceId)) product = upsertProduct(ctx, { source_id: sourceId, ...fields }).product;
      if (product) stored = { ...stored, product: productRef(product) };
    }
    if (sentSku?.override === true) {
      const sourceId = sentSku.source_id ?? (item.related_object === 'sku' ? item.source_id : undefined);
      product ??= item.product_id !== undefined ? products(ctx.tenant).get(item.product_id) : sentProduct?.source_id ? products(ctx.tenant).findBy('source_id', sentProduct.source_id) : undefined;
      const existing = sourceId !== undefined ? skus(ctx.tenant).findBy('source_id', sourceId) : undefined;
      const owner = existing ? products(ctx.tenant).get(existing.product_id) : product;
      const fields: SkuFields = {
        ...(sentSku.sku !== undefined ? { sku: sentSku.sku } : {}),
        ...(sentSku.price !== undefined ? { price: sentSku.price } : {}),
        ...(sentSku.metadata !== undefined ? { metadata: sentSku.metadata } : {}),
      };
      if (owner && (existing || (sourceId !== undefined && !isInBin(ctx, 'sku', sourceId)))) {
        const sku = existing ? updateSku(ctx, owner, existing, fields) : upsertSku(ctx, owner, { source_id: sourceId, ...fields }).sku;
        stored = { ...stored, sku: skuRef(sku) };
      }
    }
    return stored;
  });
}

/**
 * A UNIT discount's unit with what the catalogue knows of its unit_type (a product or SKU id): the
 * product and SKU objects it lacks, so that a unit the order lacks is added at the catalogue's price.
 */
export function unitWithCatalogue<U extends Omit<DiscountUnitItem, 'effect'>>(ctx: Context, unit: U): U {
  const unitType = unit.unit_type;
  if (!unitType || !hasCatalogue(ctx)) return unit;
  const sku = unitType.startsWith('sku_') ? skus(ctx.tenant).get(unitType) : undefined;
  const product = sku ? products(ctx.tenant).get(sku.product_id) : products(ctx.tenant).get(unitType);
  if (!sku && !product) return unit;
  const price = sku?.price ?? product?.price ?? undefined;
  return {
    ...unit,
    ...(unit.product === undefined && product ? { product: productRef(product) } : {}),
    ...(unit.sku === undefined && sku ? { sku: price === undefined ? skuRef(sku) : { ...skuRef(sku), price } } : {}),
  };
}

/** A discount as it applies to an order: a UNIT discount's units completed from the catalogue. */
export function discountWithCatalogue(ctx: Context, discount: Discount): Discount {
  if (discount.type !== 'UNIT' || !hasCatalogue(ctx)) return discount;
  if (discount.effect === 'ADD_MANY_ITEMS') return { ...discount, units: discount.units?.map((unit) => unitWithCatalogue(ctx, unit)) };
  return unitWithCatalogue(ctx, discount);
}
