// Locations: the list (filters, order, end_date) and one location by id.

import type { Context } from '../../domain/context.js';
import { notFound } from '../../errors.js';
import { filterPredicate } from '../../lists/filters.js';
import { numberedPage } from '../../lists/numbered-page.js';
import type { RequestQuery } from '../../openapi/operation-types.js';
import { locations, type Location } from './collection.js';

export function getLocation(ctx: Context, id: string): Location {
  const location = locations(ctx.tenant).get(id);
  if (!location) throw notFound('location', id);
  return location;
}

/**
 * The first `limit` locations that match, newest first unless `order` says otherwise; `total`
 * counts every match and `has_more` says whether some did not fit. Voucherify's list has no page
 * or cursor: filters (e.g. created_at $before) reach the others.
 */
export function listLocations(ctx: Context, query: RequestQuery<'list-locations'>) {
  const matches = filterPredicate<Location>(query.filters, ctx.clock());
  const until = query.end_date !== undefined ? Date.parse(query.end_date) : undefined;
  const found = locations(ctx.tenant)
    .all()
    .filter((l) => (until === undefined || Date.parse(l.created_at) <= until) && (!matches || matches(l)));
  const page = numberedPage(found, { limit: query.limit }, query.order ?? '-created_at');
  return { object: 'list' as const, data_ref: 'data' as const, data: page.items, total: page.total, has_more: page.has_more };
}
