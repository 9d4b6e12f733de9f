// One page of records ordered by id, after a `starting_after_id` cursor: Voucherify's cursor lists
// (redeemable holders) answer { data, total, has_more, more_starting_after? } this way.

export interface CursorPageQuery {
  limit?: number;
  /** `id` (oldest first) or `-id` (newest first, the default: ids grow with time). */
  order?: 'id' | '-id';
  starting_after_id?: string;
}

/**
 * The cursor is positional: the page starts after `starting_after_id` in the chosen order,
 * whether or not a record with that id still exists. `total` counts every matching record.
 */
export function cursorPage<T extends { id: string }>(records: T[], query: CursorPageQuery) {
  const limit = query.limit ?? 10;
  const descending = (query.order ?? '-id') === '-id';
  const sorted = [...records].sort((a, b) => (descending ? (a.id < b.id ? 1 : -1) : a.id < b.id ? -1 : 1));
  const cursor = query.starting_after_id;
  const after = cursor === undefined ? sorted : sorted.filter((r) => (descending ? r.id < cursor : r.id > cursor));
  const data = after.slice(0, limit);
  const hasMore = after.length > limit;
  return {
    data,
    total: sorted.length,
    has_more: hasMore,
    ...(hasMore ? { more_starting_after: data[data.length - 1].id } : {}),
  };
}
