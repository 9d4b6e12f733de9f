// Customers: lookup by id or source_id, upsert, update, delete, the list with its filters, and
// the redeemables a customer holds.

import { notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import { cursorPage } from '../../store/cursor-page.js';
import { applyFilters, withinTimeWindows, type Filters } from '../../store/filters.js';
import type { IdGenerator } from '../../store/ids.js';
import type { Address, Customer, Metadata, RedeemableHolder, Voucher } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { voucherListItem } from '../vouchers/model.js';
import { numberedPage } from '../../store/numbered-page.js';

/** The customer fields a caller may write (POST /v1/customers, referral holders, publications). */
export interface CustomerInput {
  id?: string;
  source_id?: string;
  name?: string;
  description?: string;
  email?: string;
  phone?: string;
  birthday?: string;
  birthdate?: string;
  address?: Address | null;
  metadata?: Metadata;
}

const WRITABLE = ['name', 'description', 'email', 'phone', 'birthday', 'birthdate'] as const;

/** Customer by Voucherify id (cust_…) or, failing that, by source_id. */
export function findCustomer(tenant: Tenant, idOrSourceId: string): Customer | undefined {
  return tenant.customers.get(idOrSourceId) ?? tenant.customers.findBy('source_id', idOrSourceId);
}

/**
 * The customer as the API shows it. `loyalty` is derived from the loyalty cards the customer holds
 * as OWNER, so it follows joins, balance changes and deletions without being written by each:
 * { points: 250, referred_customers: 0, campaigns: { 'Loyalty Club': { points: 250, referred_customers: 0 } } }.
 */
export function customerView(tenant: Tenant, customer: Customer): Customer {
  const campaigns: Record<string, { points: number; referred_customers: number }> = {};
  let points = 0;
  for (const holder of tenant.holders.groupOf('customer_id', customer.id)) {
    if (holder.holder_role !== 'OWNER' || holder.voucher_type !== 'LOYALTY_CARD') continue;
    const card = tenant.vouchers.get(holder.redeemable_id);
    const balance = (card?.loyalty_card as { balance?: number } | null | undefined)?.balance ?? 0;
    const program = card?.campaign ?? holder.campaign_id;
    const entry = (campaigns[program] ??= { points: 0, referred_customers: 0 });
    entry.points += balance;
    points += balance;
  }
  const referred = (customer.loyalty as { referred_customers?: number } | null | undefined)?.referred_customers ?? 0;
  return { ...customer, loyalty: { points, referred_customers: referred, campaigns } };
}

export function getCustomer(tenant: Tenant, idOrSourceId: string): Customer {
  const customer = findCustomer(tenant, idOrSourceId);
  if (!customer) throw notFound('customer', idOrSourceId);
  return customer;
}

/** The counters a new customer starts with, as Voucherify shows them. */
function emptyCustomer(id: string, now: string): Customer {
  return {
    id,
    source_id: null,
    // Voucherify shows name, email and address as null until set, and leaves out the other optional
    // fields (updated_at too, until the first update).
    name: null,
    email: null,
    address: null,
    summary: {
      redemptions: {
        total_redeemed: 0,
        total_failed: 0,
        total_succeeded: 0,
        total_rolled_back: 0,
        total_rollback_failed: 0,
        total_rollback_succeeded: 0,
        gift: { redeemed_amount: 0, amount_to_go: 0 },
        loyalty_card: { redeemed_points: 0, points_to_go: 0 },
      },
      orders: { total_amount: 0, total_count: 0, average_amount: 0, last_order_amount: 0 },
    },
    loyalty: { points: 0, referred_customers: 0, campaigns: {} },
    referrals: { total: 0, campaigns: [] },
    metadata: {},
    system_metadata: {},
    created_at: now,
    object: 'customer',
  };
}

/**
 * A copy of `customer` with the fields `input` sends; metadata and address are merged key by key.
 * An existing customer that changes gets `updated_at`; a new one has none yet.
 */
function withFields(customer: Customer, input: CustomerInput, now: string, isNew = false): Customer {
  const next: Customer = { ...customer };
  let changed = false;
  for (const field of WRITABLE) {
    if (input[field] !== undefined) {
      next[field] = input[field];
      changed = true;
    }
  }
  if (input.source_id !== undefined && input.source_id !== customer.source_id) {
    next.source_id = input.source_id;
    changed = true;
  }
  if (input.address !== undefined) {
    next.address = input.address === null ? null : { ...(customer.address ?? {}), ...input.address };
    changed = true;
  }
  if (input.metadata !== undefined) {
    next.metadata = { ...customer.metadata, ...input.metadata };
    changed = true;
  }
  if (changed && !isNew) next.updated_at = now;
  return next;
}

/**
 * Voucherify's upsert: `id` names an existing customer (404 when there is none); otherwise
 * `source_id` finds the customer to update or names the one to create; with neither, a new
 * customer is created.
 */
export function upsertCustomer(tenant: Tenant, ids: IdGenerator, clock: Clock, input: CustomerInput): Customer {
  const now = timestamp(clock);
  let existing: Customer | undefined;
  if (input.id !== undefined) {
    existing = tenant.customers.get(input.id);
    if (!existing) throw notFound('customer', input.id);
    // With both, id wins: the source_id is not used to look up (nor to move) the customer.
    return tenant.customers.put(withFields(existing, { ...input, source_id: undefined }, now));
  }
  if (input.source_id !== undefined) existing = tenant.customers.findBy('source_id', input.source_id);
  if (existing) return tenant.customers.put(withFields(existing, input, now));
  return tenant.customers.put(withFields(emptyCustomer(ids.customer(), now), input, now, true));
}

export interface CustomerListQuery {
  limit?: number;
  page?: number;
  email?: string;
  city?: string;
  name?: string;
  segment_id?: string;
  order?: string;
  starting_after?: string;
  created_at?: { before?: string; after?: string };
  updated_at?: { before?: string; after?: string };
}

export function listCustomers(tenant: Tenant, query: CustomerListQuery) {
  // The extended query parser turns created_at[before]=… into { created_at: { before } };
  // starting_after is Voucherify's older spelling of created_at[after].
  const windows = { ...query, created_at: { ...query.created_at, after: query.created_at?.after ?? query.starting_after } };

  // The mock keeps no segments, so a segment filter matches no customer.
  let customers = tenant.customers.all().filter((c) => {
    if (query.segment_id !== undefined) return false;
    if (query.email !== undefined && c.email !== query.email) return false;
    if (query.city !== undefined && c.address?.city !== query.city) return false;
    if (query.name !== undefined && c.name !== query.name) return false;
    if (!withinTimeWindows(c, windows)) return false;
    return true;
  });
  const { items, total, has_more } = numberedPage(customers, query, query.order ?? '-created_at');
  return { object: 'list', data_ref: 'customers', customers: items.map((customer) => customerView(tenant, customer)), total, has_more };
}

/**
 * PUT /v1/customers/{customerId}: only the fields sent change (metadata and address key by key,
 * as POST does). The path names the customer; an `id` or `source_id` in the body (the SDK sends
 * the source_id when it updates by source_id) is not used and does not move the customer.
 */
export function updateCustomer(tenant: Tenant, clock: Clock, idOrSourceId: string, input: CustomerInput): Customer {
  const customer = getCustomer(tenant, idOrSourceId);
  return tenant.customers.put(withFields(customer, { ...input, id: undefined, source_id: undefined }, timestamp(clock)));
}

/**
 * DELETE /v1/customers/{customerId}: the customer is gone (404 afterwards, and its source_id is
 * free for a new customer). What the customer held stays: Voucherify's reference names nothing
 * else that a deletion removes (even the permanent deletion reports only events, segments and
 * orders), so the customer's redeemable holders and publications remain, and a referral code
 * keeps its referrer, e.g. REF-ALICE001 still lists alice's REFERRER holder after she is deleted.
 */
export function deleteCustomer(tenant: Tenant, idOrSourceId: string): void {
  tenant.customers.remove(getCustomer(tenant, idOrSourceId).id);
}

export interface CustomerRedeemablesQuery {
  limit?: number;
  order?: 'id' | '-id';
  starting_after_id?: string;
  filters?: Filters;
}

export type RedeemableStatus = 'ACTIVE' | 'USED' | 'DISABLED' | 'NOT_ACTIVE_YET' | 'EXPIRED' | 'NO_BALANCE';

/** Whether the voucher can be used now, in Voucherify's words: a switched-off voucher is DISABLED before anything else. */
export function redeemableStatus(voucher: Voucher, now: Date): RedeemableStatus {
  if (voucher.active === false) return 'DISABLED';
  if (typeof voucher.start_date === 'string' && Date.parse(voucher.start_date) > now.getTime()) return 'NOT_ACTIVE_YET';
  if (typeof voucher.expiration_date === 'string' && Date.parse(voucher.expiration_date) < now.getTime()) return 'EXPIRED';
  const redemption = voucher.redemption as { quantity?: number | null; redeemed_quantity?: number } | undefined;
  if (typeof redemption?.quantity === 'number' && (redemption.redeemed_quantity ?? 0) >= redemption.quantity) return 'USED';
  const gift = voucher.gift as { balance?: number } | null | undefined;
  if (voucher.type === 'GIFT_VOUCHER' && gift && (gift.balance ?? 0) <= 0) return 'NO_BALANCE';
  return 'ACTIVE';
}

/**
 * GET /v1/customers/{customerId}/redeemables: every redeemable the customer holds, with the role
 * it is held in (OWNER, REFERRER or REFEREE) and the voucher itself. Holder ids grow with time,
 * so `-id` (the default, as in Voucherify's example) is newest first; the cursor is positional,
 * as for a referral code's holders.
 */
export function listCustomerRedeemables(tenant: Tenant, clock: Clock, idOrSourceId: string, query: CustomerRedeemablesQuery) {
  const customer = getCustomer(tenant, idOrSourceId);
  const now = clock();
  const matching = applyFilters(tenant.holders.groupOf('customer_id', customer.id), query.filters, now);
  const page = cursorPage(matching, query);
  return { object: 'list' as const, data_ref: 'data' as const, ...page, data: page.data.map((holder) => redeemableItem(tenant, holder, now)) };
}

/** One entry of the list: the holder's fields (without its object marker and metadata, as Voucherify lists them) and the voucher. */
function redeemableItem(tenant: Tenant, holder: RedeemableHolder, now: Date) {
  // A voucher's holders go with it when it is deleted, so a holder always names a voucher.
  const voucher = tenant.vouchers.get(holder.redeemable_id) as Voucher;
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
