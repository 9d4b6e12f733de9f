// Metadata schemas: a tenant's definitions of the metadata an object may carry (seeded by the
// fixtures; read by GET /v1/metadata-schemas), and the check validations and redemptions run on
// the metadata they are sent for the redemption and the order. A tenant without schemas pays one
// size check per request.

import { VoucherifyError, notFound } from '../errors.js';
import { defineCollection } from '../store/collection.js';
import type { Tenant } from '../store/tenant.js';
import type { Context } from './context.js';

/** One property of a schema, as Voucherify defines it. */
export interface MetadataDefinition {
  type: 'string' | 'number' | 'object' | 'date' | 'datetime' | 'geopoint' | 'boolean' | 'image_url';
  array: boolean;
  optional: boolean;
  objectType?: string | null;
  eq?: unknown[];
  ne?: unknown[];
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  deleted?: boolean;
  maxLength?: number;
  minLength?: number;
  exactLength?: number;
}

/** A metadata schema (ms_…): the definitions of one object's metadata ("redemption", "order", "customer"…). */
export interface MetadataSchema {
  id: string;
  related_object: string;
  properties: Record<string, MetadataDefinition>;
  allow_defined_only: boolean;
  created_at: string;
  updated_at: string | null;
  object: 'metadata_schema';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const metadataSchemaRecords = defineCollection<MetadataSchema>()({
  name: 'metadata_schemas',
  recordName: 'metadata schema',
  unique: { related_object: (s) => s.related_object },
  uniqueLabels: { related_object: 'related_object' },
  check: (s) =>
    typeof s.related_object !== 'string' || !s.related_object
      ? 'has no related_object'
      : !isObject(s.properties)
        ? 'has no properties object'
        : undefined,
});

export const metadataSchemas = (tenant: Tenant) => tenant.collection(metadataSchemaRecords);

/** GET /v1/metadata-schemas: every schema of the tenant, by related object. */
export function listMetadataSchemas(ctx: Context) {
  const schemas = [...metadataSchemas(ctx.tenant).all()].sort((a, b) => (a.related_object < b.related_object ? -1 : a.related_object > b.related_object ? 1 : 0));
  return { object: 'list' as const, data_ref: 'schemas' as const, schemas, total: schemas.length };
}

/** GET /v1/metadata-schemas/{resource}: the schema of that related object; 404 as Voucherify words it. */
export function getMetadataSchema(ctx: Context, resource: string): MetadataSchema {
  const schema = metadataSchemas(ctx.tenant).findBy('related_object', resource);
  if (!schema) throw notFound('metadata schema', resource);
  return schema;
}

// ---- checking metadata --------------------------------------------------------------------------

const TYPE_WORDS: Record<MetadataDefinition['type'], string> = {
  string: 'must be a string',
  number: 'must be a number',
  boolean: 'must be a boolean',
  object: 'must be an object',
  date: 'must be a date (YYYY-MM-DD)',
  datetime: 'must be a date and time (ISO 8601)',
  geopoint: 'must be a geopoint',
  image_url: 'must be an image URL',
};

const isType = (type: MetadataDefinition['type'], value: unknown): boolean => {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
    case 'geopoint':
      return isObject(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'image_url':
      return typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
  }
};

const same = (a: unknown, b: unknown) => a === b || String(a) === String(b);

/** What one value (an element of an array property) must be: each requirement in words, with its test. */
function requirements(def: MetadataDefinition): [string, (value: unknown) => boolean][] {
  const out: [string, (value: unknown) => boolean][] = [[TYPE_WORDS[def.type] ?? `must be a ${def.type}`, (v) => isType(def.type, v)]];
  if (def.eq?.length) out.push([`must be equal to one of ${def.eq.join(',')}`, (v) => def.eq!.some((e) => same(v, e))]);
  if (def.ne?.length) out.push([`must not be equal to any of ${def.ne.join(',')}`, (v) => !def.ne!.some((e) => same(v, e))]);
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  if (def.lt !== undefined) out.push([`must be less than ${def.lt}`, (v) => num(v) < def.lt!]);
  if (def.lte !== undefined) out.push([`must be less than or equal to ${def.lte}`, (v) => num(v) <= def.lte!]);
  if (def.gt !== undefined) out.push([`must be greater than ${def.gt}`, (v) => num(v) > def.gt!]);
  if (def.gte !== undefined) out.push([`must be greater than or equal to ${def.gte}`, (v) => num(v) >= def.gte!]);
  const len = (v: unknown) => (typeof v === 'string' ? v.length : NaN);
  if (def.minLength !== undefined) out.push([`must be at least ${def.minLength} characters long`, (v) => len(v) >= def.minLength!]);
  if (def.maxLength !== undefined) out.push([`must be at most ${def.maxLength} characters long`, (v) => len(v) <= def.maxLength!]);
  if (def.exactLength !== undefined) out.push([`must be exactly ${def.exactLength} characters long`, (v) => len(v) === def.exactLength]);
  return out;
}

/** A value as the details show it: strings quoted, the rest as JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

/** Why the property's value does not fit its definition, or undefined: every requirement of the definition, and the value. */
function propertyProblem(key: string, def: MetadataDefinition, value: unknown): string | undefined {
  if (value === undefined || value === null) return def.optional === false ? `${key}: is required` : undefined;
  const each = requirements(def);
  const fits = def.array ? Array.isArray(value) && value.every((v) => each.every(([, test]) => test(v))) : each.every(([, test]) => test(value));
  if (fits) return undefined;
  const words = each.map(([word]) => word).join(', ');
  return `${key}: ${def.array ? `must be an array, and every element: ${words}` : words} (actual value is ${shown(value)})`;
}

/** 400 metadata_validation_failed, as Voucherify answers metadata its schema refuses. */
const metadataFailed = (details: string) => new VoucherifyError(400, 'metadata_validation_failed', 'Metadata validation failed', { details });

/**
 * Checks the metadata against the tenant's schema for `relatedObject` ("redemption", "order"…):
 * each defined property's value (a required one present), and with allow_defined_only no property
 * the schema does not define. Throws 400 metadata_validation_failed naming the first that does not fit.
 */
export function checkMetadata(ctx: Context, relatedObject: string, metadata: unknown): void {
  const all = metadataSchemas(ctx.tenant);
  if (all.size === 0) return;
  const schema = all.findBy('related_object', relatedObject);
  if (!schema) return;
  const values = isObject(metadata) ? metadata : {};
  for (const [key, def] of Object.entries(schema.properties)) {
    if (def.deleted) continue;
    const problem = propertyProblem(key, def, values[key]);
    if (problem) throw metadataFailed(problem);
  }
  if (schema.allow_defined_only) {
    for (const key of Object.keys(values)) {
      const def = schema.properties[key];
      if (!def || def.deleted) throw metadataFailed(`${key}: is not defined in the ${relatedObject} metadata schema`);
    }
  }
}

/** What validations and redemptions check: the redemption's (the request's) metadata, then the order's. */
export function checkRequestMetadata(ctx: Context, redemptionMetadata: unknown, orderMetadata: unknown): void {
  if (metadataSchemas(ctx.tenant).size === 0) return;
  checkMetadata(ctx, 'redemption', redemptionMetadata);
  checkMetadata(ctx, 'order', orderMetadata);
}
