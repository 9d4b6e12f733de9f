// Product collections: which products and SKUs a collection holds. A STATIC collection holds those
// it names; an AUTO_UPDATE collection holds every product and SKU its filter matches, evaluated
// when asked, so it follows the catalogue as it changes. Discounts that apply to a collection read
// the same members.

import { invalidPayload, resourceInUse } from '../errors.js';
import { productCollections, products, skus, validationRules } from './collections.js';
import type { Context } from './context.js';
import type { CollectionFilter, FieldFilter, Product, ProductCollection, RuleCondition, RuleSet, Sku, ValidationRule } from './records.js';

const DAY = 24 * 60 * 60 * 1000;

/** The conditions a collection's filter may use, each given a list of operands. */
export const CONDITIONS = [
  '$in',
  '$not_in',
  '$is',
  '$is_not',
  '$has_value',
  '$is_unknown',
  '$contains',
  '$not_contain',
  '$starts_with',
  '$ends_with',
  '$more_than',
  '$less_than',
  '$more_than_equal',
  '$less_than_equal',
  '$after',
  '$before',
  '$is_days_ago',
  '$is_days_in_future',
  '$more_than_ago',
  '$less_than_ago',
  '$more_than_future',
  '$less_than_future',
  '$count',
  '$count_less',
  '$count_more',
] as const;

const KNOWN_CONDITIONS = new Set<string>(CONDITIONS);

/** The fields a filter may test, besides `metadata.<key>`. */
export const FILTER_FIELDS = ['id', 'product_id', 'source_id', 'name', 'price', 'object', 'attributes', 'image_url', 'skus', 'created_at', 'updated_at'] as const;

const KNOWN_FIELDS = new Set<string>(FILTER_FIELDS);

/** The fields of a filter (every key but junction) with their conditions. */
const fieldsOf = (filter: CollectionFilter) => Object.entries(filter).filter((entry): entry is [string, FieldFilter] => entry[0] !== 'junction');

/**
 * The filter as stored (junction in lower case), or 400 in Voucherify's words for a filter that
 * has no valid junction, tests a field a collection cannot, or uses an unknown condition.
 */
export function checkedFilter(filter: Record<string, unknown> | undefined): CollectionFilter {
  if (!filter || typeof filter.junction !== 'string' || Object.keys(filter).length === 0) {
    throw invalidPayload("'AUTO_UPDATE' collection must contain valid filter with 'junction' property");
  }
  const junction = filter.junction.toLowerCase();
  if (junction !== 'and' && junction !== 'or') throw invalidPayload('Property .filter has wrong `junction` property. It must be one of: and, or');
  for (const [field, test] of Object.entries(filter)) {
    if (field === 'junction') continue;
    if (!KNOWN_FIELDS.has(field) && !/^metadata\.[^.]/.test(field)) {
      throw invalidPayload(`Property .filter.${field} is not a field a product collection can filter by; it must be one of: ${FILTER_FIELDS.join(', ')} or metadata.<key>`);
    }
    const conditions = (test as { conditions?: unknown }).conditions;
    if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions) || Object.keys(conditions).length === 0) {
      throw invalidPayload(`Property .filter.${field} must have conditions`);
    }
    for (const [condition, operands] of Object.entries(conditions)) {
      if (!KNOWN_CONDITIONS.has(condition)) {
        throw invalidPayload(`Property .filter.${field}.conditions has an unknown condition ${condition}; it must be one of: ${CONDITIONS.join(', ')}`);
      }
      if (!Array.isArray(operands)) throw invalidPayload(`Property .filter.${field}.conditions.${condition} must be array`);
    }
  }
  return { ...(filter as CollectionFilter), junction };
}

/** What a filter reads of a product or SKU: a SKU has its product's metadata under its own, and its product's price when it has none. */
interface Candidate {
  record: Product | Sku;
  product: Product;
  fields: Record<string, unknown>;
}

function candidates(ctx: Context): Candidate[] {
  const allProducts = products(ctx.tenant);
  const out: Candidate[] = [];
  for (const product of allProducts.all()) {
    const ownSkus = skus(ctx.tenant).groupOf('product_id', product.id);
    out.push({ record: product, product, fields: { ...product, product_id: product.id, skus: ownSkus.map((sku) => sku.id) } });
    for (const sku of ownSkus) {
      out.push({
        record: sku,
        product,
        fields: { ...sku, name: sku.sku, price: sku.price ?? product.price, metadata: { ...product.metadata, ...sku.metadata } },
      });
    }
  }
  return out;
}

/** The value a filter field names: `metadata.color` reads the metadata's color. */
function valueOf(fields: Record<string, unknown>, field: string): unknown {
  if (field.startsWith('metadata.')) {
    const metadata = fields.metadata as Record<string, unknown>;
    const key = field.slice('metadata.'.length);
    return Object.hasOwn(metadata, key) ? metadata[key] : undefined;
  }
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}

const present = (value: unknown) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** The value's items: an array's, else the value alone. */
const itemsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : present(value) ? [value] : []);

const same = (value: unknown, operand: unknown) => itemsOf(value).some((item) => String(item) === String(operand));

function compare(value: unknown, operand: unknown): number | undefined {
  const a = typeof value === 'number' ? value : Number(value);
  const b = typeof operand === 'number' ? operand : Number(operand);
  if (present(value) && Number.isFinite(a) && Number.isFinite(b)) return a - b;
  return undefined;
}

const instant = (value: unknown) => (typeof value === 'string' && value ? Date.parse(value) : NaN);

/** Whether `value` meets one condition with its operands (the first for those that take one value). */
function meets(value: unknown, condition: string, operands: unknown[], now: number): boolean {
  const first = operands[0];
  const text = (item: unknown) => String(item);
  const time = instant(value);
  const days = Number(first);
  const count = Array.isArray(value) ? value.length : present(value) ? 1 : 0;
  const difference = compare(value, first);
  switch (condition) {
    case '$is':
    case '$in':
      return operands.some((operand) => same(value, operand));
    case '$is_not':
    case '$not_in':
      return !operands.some((operand) => same(value, operand));
    case '$has_value':
      return present(value);
    case '$is_unknown':
      return !present(value);
    case '$contains':
      return operands.some((operand) => itemsOf(value).some((item) => text(item).includes(text(operand))));
    case '$not_contain':
      return !operands.some((operand) => itemsOf(value).some((item) => text(item).includes(text(operand))));
    case '$starts_with':
      return operands.some((operand) => itemsOf(value).some((item) => text(item).startsWith(text(operand))));
    case '$ends_with':
      return operands.some((operand) => itemsOf(value).some((item) => text(item).endsWith(text(operand))));
    case '$more_than':
      return difference !== undefined && difference > 0;
    case '$less_than':
      return difference !== undefined && difference < 0;
    case '$more_than_equal':
      return difference !== undefined && difference >= 0;
    case '$less_than_equal':
      return difference !== undefined && difference <= 0;
    case '$after':
      return time > instant(first);
    case '$before':
      return time < instant(first);
    case '$is_days_ago':
      return Math.floor((now - time) / DAY) === days;
    case '$is_days_in_future':
      return Math.floor((time - now) / DAY) === days;
    case '$more_than_ago':
      return time < now - days * DAY;
    case '$less_than_ago':
      return time >= now - days * DAY && time <= now;
    case '$more_than_future':
      return time > now + days * DAY;
    case '$less_than_future':
      return time <= now + days * DAY && time >= now;
    case '$count':
      return count === days;
    case '$count_less':
      return count < days;
    case '$count_more':
      return count > days;
    default:
      return false; // checkedFilter refuses the others when the collection is written
  }
}

/** Whether a product's or SKU's fields meet the filter: every field's conditions (or, with junction "or", any field's). */
function matches(filter: CollectionFilter, fields: Record<string, unknown>, now: number): boolean {
  const test = ([field, { conditions }]: [string, FieldFilter]) =>
    Object.entries(conditions).every(([condition, operands]) => meets(valueOf(fields, field), condition, operands, now));
  const tests = fieldsOf(filter);
  return filter.junction === 'or' ? tests.some(test) : tests.every(test);
}

/** A member of a collection: a product, or a SKU with its product. */
export type Member = { record: Product; product: Product } | { record: Sku; product: Product };

/** The products and SKUs the collection holds now (a STATIC one's in the order it names them, leaving out those deleted since). */
export function membersOf(ctx: Context, collection: ProductCollection): Member[] {
  if (collection.type === 'STATIC') {
    const out: Member[] = [];
    for (const entry of collection.products ?? []) {
      if (entry.object === 'sku') {
        const sku = skus(ctx.tenant).get(entry.id);
        const product = sku && products(ctx.tenant).get(sku.product_id);
        if (sku && product) out.push({ record: sku, product });
      } else {
        const product = products(ctx.tenant).get(entry.id);
        if (product) out.push({ record: product, product });
      }
    }
    return out;
  }
  const filter = collection.filter;
  if (!filter) return [];
  const now = ctx.clock().getTime();
  return candidates(ctx)
    .filter((candidate) => matches(filter, candidate.fields, now))
    .map(({ record, product }) => ({ record, product }) as Member);
}

/** Product collection by id. */
export const findProductCollection = (ctx: Context, id: string): ProductCollection | undefined => productCollections(ctx.tenant).get(id);

// ---- in use ------------------------------------------------------------------------------------

const namesCollection = (entry: unknown, id: string) =>
  typeof entry === 'object' && entry !== null && (entry as { object?: unknown }).object === 'products_collection' && (entry as { id?: unknown }).id === id;

/** Whether a rule set (its nested rules too) has a condition with the collection as an operand, as order.items.* groups do. */
function ruleSetNames(rules: RuleSet, id: string): boolean {
  return Object.entries(rules).some(([key, value]) => {
    if (key === 'logic' || typeof value !== 'object' || value === null) return false;
    const condition = value as RuleCondition;
    return (
      Object.values(condition.conditions ?? {}).some((operands) => Array.isArray(operands) && operands.some((operand) => namesCollection(operand, id))) ||
      (condition.rules !== undefined && ruleSetNames(condition.rules, id))
    );
  });
}

const ruleUses = (rule: ValidationRule, id: string) =>
  rule.applicable_to.included.some((entry) => namesCollection(entry, id)) ||
  rule.applicable_to.excluded.some((entry) => namesCollection(entry, id)) ||
  ruleSetNames(rule.rules, id);

/**
 * A collection a validation rule names (in applicable_to, included or excluded, or in a rule
 * condition) cannot be deleted: 400 resource_in_use lists those rules, oldest first.
 */
export function assertCollectionUnused(ctx: Context, collection: ProductCollection): void {
  const users = validationRules(ctx.tenant)
    .all()
    .filter((rule) => ruleUses(rule, collection.id))
    .map((rule) => rule.id);
  if (users.length > 0) throw resourceInUse('products_collection', collection.id, 'validation_rules', users);
}
