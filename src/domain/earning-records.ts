// The records loyalty earning keeps: a program's earning rules (ern_…), the pending points they
// leave on cards (lopp_…), and which orders have earned already. Collections of their own, so
// the shared records.ts and collections.ts stay as they are.

import { defineCollection } from '../store/collection.js';
import type { Tenant } from '../store/tenant.js';
import type { Metadata, ValidityHours, ValidityTimeframe } from './records.js';

/** Every `every` units of a value give `points` points (item ratios also name which items count). */
export interface EarningRatio {
  every: number;
  points: number;
  property?: string;
  object?: 'products_collection' | 'product' | 'sku';
  id?: string;
  applicable_to?: { object: 'products_collection' | 'product' | 'sku'; id: string }[];
}

export type CalculationType =
  | 'ORDER_AMOUNT'
  | 'ORDER_TOTAL_AMOUNT'
  | 'ORDER_METADATA'
  | 'ORDER_ITEMS_QUANTITY'
  | 'ORDER_ITEMS_AMOUNT'
  | 'ORDER_ITEMS_SUBTOTAL_AMOUNT'
  | 'CUSTOMER_METADATA'
  | 'CUSTOM_EVENT_METADATA';

/** How many points a rule gives: FIXED `points`, or PROPORTIONAL by `calculation_type` from its ratio. */
export interface EarningLoyalty {
  type: 'FIXED' | 'PROPORTIONAL';
  points?: number;
  calculation_type?: CalculationType;
  order?: { amount?: EarningRatio; total_amount?: EarningRatio; metadata?: EarningRatio };
  order_items?: { quantity?: EarningRatio; amount?: EarningRatio; subtotal_amount?: EarningRatio };
  customer?: { metadata?: EarningRatio };
  custom_event?: { metadata?: EarningRatio };
}

/** An earning rule as the API shows it; `source.object_id` is its program. */
export interface EarningRule {
  id: string;
  created_at: string;
  updated_at: string | null;
  validation_rule_id: string | null;
  loyalty: EarningLoyalty;
  event: string;
  segment?: { id: string };
  custom_event?: { schema_id?: string };
  loyalty_tier?: { id: string };
  pending_points?: { period_type: 'DAY'; period_value: number } | null;
  source: { banner?: string; object_id: string; object_type: 'campaign' };
  active: boolean;
  start_date?: string;
  expiration_date?: string;
  validity_timeframe?: ValidityTimeframe;
  validity_day_of_week?: number[];
  validity_hours?: ValidityHours;
  expiration_rules?: Record<string, unknown>;
  object: 'earning_rule';
  automation_id: string;
  metadata: Metadata;
}

export type PendingPointsStatus = 'PENDING' | 'ACTIVATED' | 'CANCELED';

/**
 * Points an order.paid rule with `pending_points` gave a card, waiting until `activates_at` (a
 * day). Stored as the API shows them plus `status` (never shown): activated and canceled ones
 * leave the lists but stay, so that a second activation or cancel says what they became.
 */
export interface PendingPoints {
  id: string;
  voucher_id: string;
  campaign_id: string;
  customer_id: string;
  order_id: string;
  points: number;
  activates_at: string;
  details: {
    event: { id: string; type: 'customer.order.paid'; group_id: string; entity_id: string; created_at: string; category: 'EFFECT'; event_source: { channel: 'API' } };
    earning_rule: { id: string; source: { banner?: string } };
    order: { id: string; source_id: string | null };
    /** The tier the card's holder was in when the pending points were made. */
    holder_loyalty_tier?: { id: string; name: string };
  };
  created_at: string;
  updated_at?: string;
  status: PendingPointsStatus;
}

/** An order that has been paid while its customer could earn: it earns once, whatever follows. */
export interface EarnedOrder {
  id: string;
  created_at: string;
}

export const earningRuleRecords = defineCollection<EarningRule>()({
  name: 'earning_rules',
  recordName: 'earning rule',
  groups: {
    campaign_id: (r) => r.source?.object_id ?? null,
    // The rules of one event across programs: an order, a custom event or a segment entry finds its rules without a scan.
    event: (r) => r.event,
  },
  check: (r) => (typeof r.event !== 'string' ? 'has no event' : typeof r.source?.object_id !== 'string' ? 'has no source.object_id' : undefined),
});

/** Pending points ids grow with time: a group ordered by id lists them oldest first. */
const byId = (p: PendingPoints) => p.id;

export const pendingPointsRecords = defineCollection<PendingPoints>()({
  name: 'pending_points',
  recordName: 'pending points',
  groups: {
    voucher_id: { key: (p) => p.voucher_id, order: byId },
    campaign_id: { key: (p) => p.campaign_id, order: byId },
    // What still waits, by card: a read settles what is due without walking what is done.
    pending_voucher: { key: (p) => (p.status === 'PENDING' ? p.voucher_id : null), order: byId },
    // What still waits across the tenant, soonest to activate first (domain/loyalty-due.ts).
    due: { key: (p) => (p.status === 'PENDING' ? 'PENDING' : null), order: (p) => `${p.activates_at}|${p.id}` },
  },
  references: { voucher_id: 'vouchers' },
});

export const earnedOrderRecords = defineCollection<EarnedOrder>()({ name: 'earned_orders', recordName: 'earned order' });

export const earningCollections = [earningRuleRecords, pendingPointsRecords, earnedOrderRecords];

export const earningRules = (tenant: Tenant) => tenant.collection(earningRuleRecords);
export const pendingPoints = (tenant: Tenant) => tenant.collection(pendingPointsRecords);
export const earnedOrders = (tenant: Tenant) => tenant.collection(earnedOrderRecords);
