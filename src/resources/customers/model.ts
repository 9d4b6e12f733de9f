// Customers: update, delete, the list with its filters, and the redeemables a customer holds.
// Upserting and the customer as the API shows it are shared (domain/customers.ts, domain/customer-view.ts).

import { customers, holders, segments, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { customerView, shownCustomer } from '../../domain/customer-view.js';
import { withFields } from '../../domain/customers.js';
import { earnOnCustomerChange } from '../../domain/earning.js';
import { emitCustomerEvent } from '../../domain/events.js';
import { findCustomer, getCustomer } from '../../domain/lookups.js';
import type { Customer, RedeemableHolder, Voucher } from '../../domain/records.js';
import { isMember, segmentsOf } from '../../domain/segments.js';
import { redeemableStatus } from '../../domain/validity.js';
import { voucherListItem } from '../../domain/vouchers.js';
import { cursorPage } from '../../lists/cursor-page.js';
import { listEnvelope } from '../../lists/envelope.js';
import { filterPredicate, withinTimeWindows } from '../../lists/filters.js';
import { orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/**
 * The customers list, newest first unless `order` says otherwise. The extended query parser turns
 * created_at[before]=… into { created_at: { before } }. starting_after is a created_at cursor: the
 * customers created before it (newest first), or after it when `order` is created_at or updated_at
 * (oldest first), as the SDK's customers.scroll pages.
 */
export function listCustomers(ctx: Context, query: RequestQuery<'list-customers'>) {
  const ascending = query.order === 'created_at' || query.order === 'updated_at';
  const cursor = ascending
    ? { after: query.created_at?.after ?? query.starting_after }
    : { before: query.created_at?.before ?? query.starting_after };
  const windows = { ...query, created_at: { ...query.created_at, ...cursor } };
  const filtered =
    query.segment_id !== undefined ||
    query.email !== undefined ||
    query.city !== undefined ||
    query.name !== undefined ||
    query.created_at !== undefined ||
    query.updated_at !== undefined ||
    query.starting_after !== undefined;
  // A segment's customers as they are now (filters read the customer as the API shows it); a
  // segment id the tenant does not have matches no customer.
  const segment = query.segment_id !== undefined ? segments(ctx.tenant).get(query.segment_id) : undefined;
  const matches = (c: Customer) => {
    if (query.segment_id !== undefined && !(segment && isMember(ctx, segment, customerView(ctx, c)))) return false;
    if (query.email !== undefined && c.email !== query.email) return false;
    if (query.city !== undefined && c.address?.city !== query.city) return false;
    if (query.name !== undefined && c.name !== query.name) return false;
    if (!withinTimeWindows(c, windows)) return false;
    return true;
  };
  const page = orderedPage(customers(ctx.tenant), query, query.order ?? '-created_at', filtered ? matches : undefined);
  return listEnvelope(
    'customers',
    page.items.map((customer) => shownCustomer(ctx, customer)),
    { total: page.total, has_more: page.has_more },
  );
}

/**
 * PUT /v1/customers/{customerId}: only the fields sent change (metadata and address key by key,
 * as POST does). The path names the customer; an `id` or `source_id` in the body (the SDK sends
 * the source_id when it updates by source_id) is not used and does not move the customer.
 */
export function updateCustomer(ctx: Context, idOrSourceId: string, input: RequestBody<'update-customer'>): Customer {
  const customer = getCustomer(ctx, idOrSourceId);
  const updated = customers(ctx.tenant).put(withFields(customer, { ...input, id: undefined, source_id: undefined }, timestamp(ctx.clock)));
  emitCustomerEvent(ctx, 'customer.updated', updated);
  earnOnCustomerChange(ctx, customer, updated);
  return updated;
}

/**
 * DELETE /v1/customers/{customerId}: the customer is gone (404 afterwards, and its source_id is
 * free for a new customer). What the customer held stays: Voucherify's reference names nothing
 * else that a deletion removes (even the permanent deletion reports only events, segments and
 * orders), so the customer's redeemable holders and publications remain, and a referral code
 * keeps its referrer, e.g. REF-ALICE001 still lists alice's REFERRER holder after she is deleted.
 */
export function deleteCustomer(ctx: Context, idOrSourceId: string): void {
  const customer = getCustomer(ctx, idOrSourceId);
  customers(ctx.tenant).remove(customer.id);
  emitCustomerEvent(ctx, 'customer.deleted', customer);
}

/**
 * GET /v1/customers/{customerId}/redeemables: every redeemable the customer holds, with the role
 * it is held in (OWNER, REFERRER or REFEREE) and the voucher itself. Holder ids grow with time,
 * so `-id` (the default, as in Voucherify's example) is newest first; the cursor is positional,
 * as for a referral code's holders.
 */
export function listCustomerRedeemables(ctx: Context, idOrSourceId: string, query: RequestQuery<'list-customer-redeemables'>) {
  const customer = getCustomer(ctx, idOrSourceId);
  const now = ctx.clock();
  const held = holders(ctx.tenant);
  const walk = (descending: boolean, after?: string) => held.walkGroup('customer_id', customer.id, descending, after);
  const matches = filterPredicate<RedeemableHolder>(query.filters, now);
  const page = cursorPage(walk, query, held.countOf('customer_id', customer.id), matches);
  return listEnvelope(
    'data',
    page.data.map((holder) => redeemableItem(ctx, holder, now)),
    { total: page.total, has_more: page.has_more, ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}) },
  );
}

/** One entry of the list: the holder's fields (without its object marker and metadata, as Voucherify lists them) and the voucher. */
function redeemableItem(ctx: Context, holder: RedeemableHolder, now: Date) {
  // A voucher's holders go with it when it is deleted, so a holder always names a voucher.
  const voucher = vouchers(ctx.tenant).get(holder.redeemable_id) as Voucher;
  return {
    id: holder.id,
    created_at: holder.created_at,
    redeemable_id: holder.redeemable_id,
    redeemable_object: holder.redeemable_object,
    customer_id: holder.customer_id,
    holder_role: holder.holder_role,
    campaign_id: holder.campaign_id ?? null,
    campaign_type: holder.campaign_type,
    voucher_type: holder.voucher_type,
    redeemable: { type: 'voucher' as const, voucher: voucherListItem(voucher), status: redeemableStatus(voucher, now) },
  };
}

/**
 * GET /v1/customers/{customerId}/segments: the segments the customer belongs to as they are now
 * (filters read the customer as the API shows it, loyalty points included). An id or source_id
 * the tenant does not know is answered as Voucherify does: with the segments a new customer of
 * that source_id, with no other data, would belong to.
 */
export function listCustomerSegments(ctx: Context, idOrSourceId: string) {
  const known = findCustomer(ctx, idOrSourceId);
  const customer: Customer = known
    ? customerView(ctx, known)
    : { id: '', source_id: idOrSourceId, name: null, email: null, address: null, metadata: {}, created_at: timestamp(ctx.clock), object: 'customer' };
  const data = segmentsOf(ctx, customer).map((segment) => ({ id: segment.id, name: segment.name, object: 'segment' as const }));
  return listEnvelope('data', data, { total: data.length });
}
