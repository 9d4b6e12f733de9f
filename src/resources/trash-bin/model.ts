// The trash bin: listing its entries and deleting one for good (the moves into it are the
// domain's, domain/bin.ts, made by the deletes of campaigns, vouchers, products and SKUs).

import { binEntries, emptyBinEntry, type BinEntry } from '../../domain/bin.js';
import type { Context } from '../../domain/context.js';
import { notFound } from '../../errors.js';
import { cursorPage, type IdWalk } from '../../lists/cursor-page.js';
import { listEnvelope } from '../../lists/envelope.js';
import { filterPredicate } from '../../lists/filters.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

/**
 * One page of entries. Entry ids grow with time, so `id` (the default, as Voucherify's example
 * lists them) is oldest deletion first. As Voucherify documents it, `total` is the number of
 * entries on this page, not of every match.
 */
export function listBinEntries(ctx: Context, query: RequestQuery<'list-bin-entries'>) {
  const all = binEntries(ctx.tenant);
  const walk: IdWalk<BinEntry> = function* (descending, after) {
    for (const entry of all.ordered('id', descending)) {
      if (after === undefined || (descending ? entry.id < after : entry.id > after)) yield entry;
    }
  };
  const matches = filterPredicate<BinEntry>(query.filters, ctx.clock());
  const page = cursorPage(walk, { limit: query.limit, order: query.order ?? 'id', starting_after_id: query.starting_after_id }, undefined, matches);
  return listEnvelope('data', page.data, {
    total: page.data.length,
    has_more: page.has_more,
    ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}),
  });
}

/** DELETE /v1/trash-bin/{binEntryId}: the entry and everything it kept, for good. */
export function deleteBinEntry(ctx: Context, entryId: string): void {
  const entry = binEntries(ctx.tenant).get(entryId);
  if (!entry) throw notFound('bin_entry', entryId);
  emptyBinEntry(ctx, entry);
}
