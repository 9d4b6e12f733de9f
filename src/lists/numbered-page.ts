// One page of a list paged by number: Voucherify's `limit` + `page` lists (campaigns, vouchers,
// customers, publications, loyalty programs and members).

import { fieldOf } from './filters.js';

export interface NumberedPageQuery {
  limit?: number;
  page?: number;
}

export interface NumberedPage<T> {
  items: T[];
  total: number;
  has_more: boolean;
}

/** Anything that can walk its records in an order by field: a store collection. */
export interface Ordered<T> {
  readonly size: number;
  ordered(field: string, descending: boolean): Iterable<T>;
}

/** "-created_at" → { field: "created_at", descending: true } */
export function parseOrder(order: string): { field: string; descending: boolean } {
  return { field: order.replace(/^-/, ''), descending: order.startsWith('-') };
}

/**
 * Cuts page `page` (from 1) of `limit` (10) out of records that are already in order. When
 * `total` is known, reading stops right after the page; otherwise every record is counted.
 */
export function pageOf<T>(records: Iterable<T>, query: NumberedPageQuery, total?: number): NumberedPage<T> {
  const limit = query.limit ?? 10;
  const start = ((query.page ?? 1) - 1) * limit;
  const items: T[] = [];
  let seen = 0;
  for (const record of records) {
    if (seen >= start && items.length < limit) items.push(record);
    seen++;
    if (total !== undefined && items.length === limit) break;
  }
  if (total === undefined) total = seen;
  return { items, total, has_more: start + limit < total };
}

/**
 * A page of a collection in `order` ("created_at", or "-created_at" for descending), optionally
 * only the records `matches` keeps. The collection keeps an index in that order, so nothing is
 * sorted: without `matches` the walk stops after the page; with it, every record is tested once
 * so that `total` stays exact.
 */
export function orderedPage<T>(collection: Ordered<T>, query: NumberedPageQuery, order: string, matches?: (record: T) => boolean): NumberedPage<T> {
  const { field, descending } = parseOrder(order);
  const walk = collection.ordered(field, descending);
  if (!matches) return pageOf(walk, query, collection.size);
  return pageOf(filtered(walk, matches), query);
}

function* filtered<T>(records: Iterable<T>, matches: (record: T) => boolean): Generator<T> {
  for (const record of records) if (matches(record)) yield record;
}

/**
 * Sorts candidates (already narrowed, e.g. one campaign's vouchers) by `order` on the value `key`
 * reads, and cuts the page. Equal values keep the candidates' own order (creation order, as
 * collections list them), reversed with "-": of two vouchers made in one request, the later one is
 * the newer.
 */
export function numberedPage<T>(
  records: T[],
  query: NumberedPageQuery,
  order: string,
  key: (record: T, field: string) => unknown = fieldOf,
): NumberedPage<T> {
  const { field, descending } = parseOrder(order);
  const direction = descending ? -1 : 1;
  const positioned = records.map((record, index) => ({ record, index, value: String(key(record, field) ?? '') }));
  positioned.sort((a, b) => (a.value !== b.value ? (a.value < b.value ? -direction : direction) : (a.index - b.index) * direction));
  return pageOf(
    positioned.map(({ record }) => record),
    query,
    records.length,
  );
}
