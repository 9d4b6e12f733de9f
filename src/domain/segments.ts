// Customer segments as several resources read them: who belongs to a segment, computed from the
// customer's current data (a customer who changes enters or leaves auto-update segments at once),
// and the segment as the API shows it.

import { segments } from './collections.js';
import type { Context } from './context.js';
import { compileFilter } from './filters.js';
import type { Customer, Segment } from './records.js';

/** Who belongs to one segment: compiled once per stored segment (records are replaced, never changed). */
const members = new WeakMap<Segment, (customer: Customer, now: Date) => boolean>();

function membership(segment: Segment): (customer: Customer, now: Date) => boolean {
  let test = members.get(segment);
  if (!test) {
    if (segment.type === 'static') {
      const ids = new Set(segment.customer_ids ?? []);
      test = (customer) => ids.has(customer.id);
    } else {
      // Stored filters were checked when the segment was made (fixtures by their own check).
      test = compileFilter(segment.filter ?? {});
    }
    members.set(segment, test);
  }
  return test;
}

/** True when the customer, as they are now, belongs to the segment. */
export function isMember(ctx: Context, segment: Segment, customer: Customer): boolean {
  return membership(segment)(customer, ctx.clock());
}

/** The segments the customer belongs to, oldest segment first. */
export function segmentsOf(ctx: Context, customer: Customer): Segment[] {
  const now = ctx.clock();
  return segments(ctx.tenant)
    .all()
    .filter((segment) => membership(segment)(customer, now));
}

/** The segment as the API shows it: without the customer ids a static segment keeps. */
export function segmentView(segment: Segment): Omit<Segment, 'customer_ids'> {
  const { customer_ids: _hidden, ...view } = segment;
  return view;
}
