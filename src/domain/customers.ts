// Customers as several resources write them: Voucherify's upsert by id or source_id (customers,
// referral holders, publications and loyalty members all name customers this way).

import { notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { customers } from './collections.js';
import type { Context } from './context.js';
import type { Address, Customer, Metadata } from './records.js';

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
export function upsertCustomer(ctx: Context, input: CustomerInput): Customer {
  const all = customers(ctx.tenant);
  const now = timestamp(ctx.clock);
  let existing: Customer | undefined;
  if (input.id !== undefined) {
    existing = all.get(input.id);
    if (!existing) throw notFound('customer', input.id);
    // With both, id wins: the source_id is not used to look up (nor to move) the customer.
    return all.put(withFields(existing, { ...input, source_id: undefined }, now));
  }
  if (input.source_id !== undefined) existing = all.findBy('source_id', input.source_id);
  if (existing) return all.put(withFields(existing, input, now));
  return all.put(withFields(emptyCustomer(ctx.ids.customer(), now), input, now, true));
}
