// One page of records ordered by id, after a `starting_after_id` cursor: Voucherify's cursor lists
// (redeemable holders) answer { data, total, has_more, more_starting_after? } this way.

export interface CursorPageQuery {
  limit?: number;
  /** `id` (oldest first) or `-id` (newest first, the default: ids grow with time). */
  order?: 'id' | '-id';
  starting_after_id?: string;
}

export interface CursorPage<T> {
  data: T[];
  total: number;
  has_more: boolean;
  more_starting_after?: string;
}

/** Walks records ordered by id, from either end, past an id (whether or not a record has it). */
export type IdWalk<T> = (descending: boolean, after?: string) => Iterable<T>;

/**
 * The cursor is positional: the page starts after `starting_after_id` in the chosen order,
 * whether or not a record with that id still exists. `total` counts every matching record: given
 * (a group's size) the walk stops after the page; otherwise, or with `matches`, it is counted.
 */
export function cursorPage<T extends { id: string }>(walk: IdWalk<T>, query: CursorPageQuery, total?: number, matches?: (record: T) => boolean): CursorPage<T> {
  const limit = query.limit ?? 10;
  const descending = (query.order ?? '-id') === '-id';
  const cursor = query.starting_after_id;
  const data: T[] = [];
  let hasMore = false;
  if (matches) {
    total = 0;
    for (const record of walk(descending)) {
      if (!matches(record)) continue;
      total++;
      const past = cursor === undefined || (descending ? record.id < cursor : record.id > cursor);
      if (!past) continue;
      if (data.length < limit) data.push(record);
      else hasMore = true;
    }
  } else {
    for (const record of walk(descending, cursor)) {
      if (data.length < limit) data.push(record);
      else {
        hasMore = true;
        break;
      }
    }
    if (total === undefined) total = [...walk(descending)].length;
  }
  return {
    data,
    total,
    has_more: hasMore,
    ...(hasMore ? { more_starting_after: data[data.length - 1].id } : {}),
  };
}

/** An IdWalk over records in memory: sorts them by id once. */
export function walkById<T extends { id: string }>(records: T[]): IdWalk<T> {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return function* (descending, after) {
    if (descending) {
      for (let i = sorted.length - 1; i >= 0; i--) if (after === undefined || sorted[i].id < after) yield sorted[i];
    } else {
      for (const record of sorted) if (after === undefined || record.id > after) yield record;
    }
  };
}
