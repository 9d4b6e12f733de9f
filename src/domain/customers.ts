// Customers as several resources write them: Voucherify's upsert by id or source_id (customers,
// referral holders, publications and loyalty members all name customers this way).

import { notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { customers } from './collections.js';
import type { Context } from './context.js';
import { earnOnCustomerChange } from './earning.js';
import { emitCustomerEvent } from './events.js';
import type { Address, Customer, Metadata } from './records.js';

/** The customer fields a caller may write (POST /v1/customers, referral holders, publications). */
export interface CustomerInput {
  id?: string;
  /** null, as a customer's answer shows it before one is set: no source_id (never clears one). */
  source_id?: string | null;
  // null clears a field, as Voucherify treats it: a customer's answer sent back is accepted as it is.
  name?: string | null;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  birthday?: string | null;
  birthdate?: string | null;
  address?: Address | null;
  /** null clears every key. */
  metadata?: Metadata | null;
}

const WRITABLE = ['name', 'description', 'email', 'phone', 'birthday', 'birthdate'] as const;
/** Fields a customer shows as null until set; the others are left out of the answer when unset. */
const SHOWN_AS_NULL = new Set<string>(['name', 'email']);

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
export function withFields(customer: Customer, input: CustomerInput, now: string, isNew = false): Customer {
  const next: Customer = { ...customer };
  let changed = false;
  for (const field of WRITABLE) {
    const value = input[field];
    if (value === undefined) continue;
    if (value !== null) next[field] = value;
    else if (SHOWN_AS_NULL.has(field)) next[field] = null;
    else delete next[field];
    changed = true;
  }
  if (input.source_id != null && input.source_id !== customer.source_id) {
    next.source_id = input.source_id;
    changed = true;
  }
  if (input.address !== undefined) {
    next.address = input.address === null ? null : { ...(customer.address ?? {}), ...input.address };
    changed = true;
  }
  if (input.metadata !== undefined) {
    next.metadata = input.metadata === null ? {} : { ...customer.metadata, ...input.metadata };
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
export function upsertCustomer(ctx: Context, input: CustomerInput): Customer {
  const all = customers(ctx.tenant);
  const now = timestamp(ctx.clock);
  let existing: Customer | undefined;
  if (input.id !== undefined) {
    existing = all.get(input.id);
    if (!existing) throw notFound('customer', input.id);
    // With both, id wins: the source_id is not used to look up (nor to move) the customer.
    return updated(ctx, existing, all.put(withFields(existing, { ...input, source_id: undefined }, now)));
  }
  if (input.source_id != null) existing = all.findBy('source_id', input.source_id);
  if (existing) return updated(ctx, existing, all.put(withFields(existing, input, now)));
  const created = all.put(withFields(emptyCustomer(ctx.ids.customer(), now), input, now, true));
  emitCustomerEvent(ctx, 'customer.created', created);
  earnOnCustomerChange(ctx, undefined, created);
  return created;
}

/** An upserted customer: customer.updated when the request changed a field of it. */
function updated(ctx: Context, before: Customer, after: Customer): Customer {
  earnOnCustomerChange(ctx, before, after);
  if (ctx.events && changedFields(before, after)) emitCustomerEvent(ctx, 'customer.updated', after);
  return after;
}

/** True when `after` differs from `before` in a field other than updated_at (metadata and address sent count as changed). */
function changedFields(before: Customer, after: Customer): boolean {
  for (const key of Object.keys(after) as (keyof Customer)[]) if (key !== 'updated_at' && after[key] !== before[key]) return true;
  return false;
}

/** What one redemption or rollback changes in a customer's summary. */
export interface SummaryChange {
  succeeded?: number;
  failed?: number;
  rolledBack?: number;
  rollbackFailed?: number;
  /** Gift credits redeemed (negative when rolled back). */
  giftRedeemed?: number;
  /** Loyalty points redeemed (negative when rolled back). */
  pointsRedeemed?: number;
  /** An order the customer paid: its total and date. */
  order?: { total: number; date: string };
}

type Counters = Record<string, number>;

/**
 * The customer's summary counters after a redemption or rollback, as Voucherify keeps them:
 * total_redeemed counts every attempt (total_succeeded + total_failed); rollbacks count in
 * total_rolled_back with their own success and failure counts.
 */
export function countOnCustomer(ctx: Context, customerId: string, change: SummaryChange): void {
  const all = customers(ctx.tenant);
  const customer = all.get(customerId);
  if (!customer) return;
  const summary = (customer.summary ?? emptyCustomer(customer.id, customer.created_at).summary) as { redemptions: Counters & { gift: Counters; loyalty_card: Counters }; orders: Record<string, number | string> };
  const r = summary.redemptions;
  const succeeded = change.succeeded ?? 0;
  const failed = change.failed ?? 0;
  const rollbackSucceeded = change.rolledBack ?? 0;
  const rollbackFailed = change.rollbackFailed ?? 0;
  const redemptions = {
    ...r,
    total_redeemed: r.total_redeemed + succeeded + failed,
    total_failed: r.total_failed + failed,
    total_succeeded: r.total_succeeded + succeeded,
    total_rolled_back: r.total_rolled_back + rollbackSucceeded + rollbackFailed,
    total_rollback_failed: r.total_rollback_failed + rollbackFailed,
    total_rollback_succeeded: r.total_rollback_succeeded + rollbackSucceeded,
    gift: { ...r.gift, redeemed_amount: r.gift.redeemed_amount + (change.giftRedeemed ?? 0) },
    loyalty_card: { ...r.loyalty_card, redeemed_points: r.loyalty_card.redeemed_points + (change.pointsRedeemed ?? 0) },
  };
  let orders = summary.orders;
  if (change.order) {
    const count = Number(orders.total_count) + 1;
    const total = Number(orders.total_amount) + change.order.total;
    orders = { ...orders, total_amount: total, total_count: count, average_amount: Math.round(total / count), last_order_amount: change.order.total, last_order_date: change.order.date };
  }
  all.put({ ...customer, summary: { ...summary, redemptions, orders } });
}
