// Segments: creating, listing, reading and deleting customer segments. Who belongs to a segment is
// worked out when asked (domain/segments.ts), from the customers as they are then.

import { segments } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { compileFilter } from '../../domain/filters.js';
import { findCustomer } from '../../domain/lookups.js';
import type { Segment, SegmentType } from '../../domain/records.js';
import { segmentView } from '../../domain/segments.js';
import { invalidPayload, notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { applyFilters } from '../../lists/filters.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/** The segment with this id, or 404 segment naming the id as sent. */
export function getSegment(ctx: Context, id: string): Segment {
  const segment = segments(ctx.tenant).get(id);
  if (!segment) throw notFound('segment', id);
  return segment;
}

/**
 * A new segment. Static (the default): `customers` by id or source_id, each a customer of the
 * tenant (404 customer), kept as ids; a filter is refused. Auto-update and passive: a `filter`,
 * checked now (400 for an unknown condition or a wrong operand); customers are refused.
 */
export function createSegment(ctx: Context, body: RequestBody<'create-segment'>): Omit<Segment, 'customer_ids'> {
  const type: SegmentType = body.type ?? 'static';
  let filter: Record<string, unknown> | null = null;
  let customerIds: string[] | undefined;
  if (type === 'static') {
    if (body.filter !== undefined) throw invalidPayload("Property 'filter' is for auto-update and passive segments; a static segment lists its customers");
    customerIds = [
      ...new Set(
        (body.customers ?? []).map((idOrSourceId) => {
          const customer = findCustomer(ctx, idOrSourceId);
          if (!customer) throw notFound('customer', idOrSourceId);
          return customer.id;
        }),
      ),
    ];
  } else {
    if (body.customers !== undefined) throw invalidPayload("Property 'customers' is for static segments; an auto-update or passive segment finds its customers by its filter");
    if (body.filter === undefined) throw invalidPayload(`Property 'filter' is required for ${type} segments`);
    compileFilter(body.filter);
    filter = body.filter as Record<string, unknown>;
  }
  const segment = segments(ctx.tenant).put({
    id: ctx.ids.segment(),
    name: body.name,
    created_at: timestamp(ctx.clock),
    type,
    filter,
    initial_sync_status: 'DONE',
    object: 'segment',
    ...(customerIds ? { customer_ids: customerIds } : {}),
  });
  return segmentView(segment);
}

/**
 * At most `limit` (10) segments, newest first unless `order` says otherwise, of those the `ids`
 * and `filters` keep; `total` counts them all. Voucherify pages this list by created_at filters.
 */
export function listSegments(ctx: Context, query: RequestQuery<'list-segment'>) {
  const descending = (query.order ?? '-created_at') === '-created_at';
  let matching = [...segments(ctx.tenant).ordered('created_at', descending)];
  if (query.ids) {
    const ids = new Set(query.ids);
    matching = matching.filter((segment) => ids.has(segment.id));
  }
  matching = applyFilters(matching, query.filters, ctx.clock());
  const data = matching.slice(0, query.limit ?? 10).map(segmentView);
  return listEnvelope('data', data, { total: matching.length });
}

export function deleteSegment(ctx: Context, id: string): void {
  segments(ctx.tenant).remove(getSegment(ctx, id).id);
}
