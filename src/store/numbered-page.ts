// One page of a list paged by number: Voucherify's `limit` + `page` lists (campaigns, vouchers,
// customers, publications, loyalty programs and members).

export interface NumberedPageQuery {
  limit?: number;
  page?: number;
}

/**
 * Sorts by `order` ("created_at", or "-created_at" for descending) on the value `key` reads, and
 * cuts page `page` (from 1) of `limit` (10). Equal values keep the records' own order (creation
 * order, as collections list them), reversed with "-": of two vouchers made in one request, the
 * later one is the newer.
 */
export function numberedPage<T>(
  records: T[],
  query: NumberedPageQuery,
  order: string,
  key: (record: T, field: string) => unknown = (record, field) => (record as Record<string, unknown>)[field],
) {
  const field = order.replace(/^-/, '');
  const direction = order.startsWith('-') ? -1 : 1;
  const positioned = records.map((record, index) => ({ record, index, value: String(key(record, field) ?? '') }));
  positioned.sort((a, b) => (a.value !== b.value ? (a.value < b.value ? -direction : direction) : (a.index - b.index) * direction));
  const limit = query.limit ?? 10;
  const start = ((query.page ?? 1) - 1) * limit;
  return {
    items: positioned.slice(start, start + limit).map(({ record }) => record),
    total: records.length,
    has_more: start + limit < records.length,
  };
}
