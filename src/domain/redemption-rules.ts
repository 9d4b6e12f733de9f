// The validation rules on the redemption itself (`redemption.*` names): its metadata, the gift
// credits or loyalty points it uses, and how many redemptions of the same voucher or promotion tier
// the tenant already has (all of them, or the customer's; in all, this day, week or month, UTC).
// A count includes the redemption being checked: `$less_than_or_equal: [1]` allows one.

import { redemptions } from './collections.js';
import type { Context } from './context.js';

/** What a redemption rule reads of the request: set by the checkout for each voucher or tier it checks. */
export interface RedemptionFacts {
  /** The voucher's or promotion tier's id: the redemptions counted are of it. */
  objectId: string;
  /** Its campaign, whose redemptions campaign.* rules count. */
  campaignId?: string | null;
  /** The order's amount before discounts, which campaign.orders.amount adds to the campaign's. */
  orderAmount?: number;
  /** The request's (redemption's) metadata. */
  metadata?: Record<string, unknown>;
  /** The gift credits the redemption uses: those requested, else what the card would pay. */
  giftAmount?: number;
  /** The loyalty points the request pays with. */
  points?: number;
}

export type Period = 'daily' | 'weekly' | 'monthly';

/** The start of the current day, week (Monday) or month, UTC, as an ISO timestamp. */
function periodStart(now: Date, period: Period): string {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), period === 'monthly' ? 1 : now.getUTCDate()));
  if (period === 'weekly') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  return start.toISOString();
}

/**
 * The redemptions of the redeemable that still count (succeeded, not rolled back), this one
 * included: all of them, or the customer's (`customerId`; none without a customer), since the
 * start of the period when there is one.
 */
export function redemptionCount(ctx: Context, objectId: string, perCustomer: boolean, customerId: string | undefined, period?: Period): number {
  const since = period ? periodStart(ctx.clock(), period) : undefined;
  let count = 1;
  for (const record of redemptions(ctx.tenant).groupOf('related_object_id', objectId)) {
    if (record.object !== 'redemption' || record.status !== 'SUCCEEDED') continue;
    if (perCustomer && (customerId === undefined || record.customer_id !== customerId)) continue;
    if (since !== undefined && record.date < since) continue;
    count++;
  }
  return count;
}

/** The `redemption.count.*` rule names mock-voucherify evaluates: whether per customer, and the period. */
export const REDEMPTION_COUNTS: Record<string, { perCustomer: boolean; period?: Period }> = {
  'redemption.count.daily': { perCustomer: false, period: 'daily' },
  'redemption.count.weekly': { perCustomer: false, period: 'weekly' },
  'redemption.count.monthly': { perCustomer: false, period: 'monthly' },
  'redemption.count.per_customer': { perCustomer: true },
  'redemption.count.per_customer.daily': { perCustomer: true, period: 'daily' },
  'redemption.count.per_customer.weekly': { perCustomer: true, period: 'weekly' },
  'redemption.count.per_customer.monthly': { perCustomer: true, period: 'monthly' },
};

/**
 * The `campaign.*` rule names: the campaign's redemptions that still count (succeeded, not rolled
 * back), this one included: how many, of how many customers, the amount of their orders (this
 * order's included) and what they took off (before this one), in all or this day or month (UTC).
 */
export const CAMPAIGN_TOTALS: Record<string, { measure: 'count' | 'customers' | 'amount' | 'discounted'; period?: Period }> = {
  'campaign.redemptions.count': { measure: 'count' },
  'campaign.redemptions.count.daily': { measure: 'count', period: 'daily' },
  'campaign.redemptions.count.monthly': { measure: 'count', period: 'monthly' },
  'campaign.redemptions.customers_count': { measure: 'customers' },
  'campaign.redemptions.customers_count.daily': { measure: 'customers', period: 'daily' },
  'campaign.redemptions.customers_count.monthly': { measure: 'customers', period: 'monthly' },
  'campaign.orders.amount': { measure: 'amount' },
  'campaign.orders.amount_discounted': { measure: 'discounted' },
};

export function campaignTotal(ctx: Context, facts: RedemptionFacts, customerId: string | undefined, name: string): number | undefined {
  const spec = CAMPAIGN_TOTALS[name];
  if (!spec || !facts.campaignId) return undefined;
  const since = spec.period ? periodStart(ctx.clock(), spec.period) : undefined;
  let count = 1;
  const customers = new Set<string>(customerId !== undefined ? [customerId] : []);
  let amount = facts.orderAmount ?? 0;
  let discounted = 0;
  for (const record of redemptions(ctx.tenant).groupOf('campaign_id', facts.campaignId)) {
    if (record.status !== 'SUCCEEDED') continue;
    if (since !== undefined && record.date < since) continue;
    count++;
    if (record.customer_id) customers.add(record.customer_id);
    const order = record.order as { amount?: unknown; applied_discount_amount?: unknown; total_applied_discount_amount?: unknown } | null;
    if (typeof order?.amount === 'number') amount += order.amount;
    const off = order?.total_applied_discount_amount ?? order?.applied_discount_amount;
    if (typeof off === 'number') discounted += off;
  }
  return spec.measure === 'count' ? count : spec.measure === 'customers' ? customers.size : spec.measure === 'amount' ? amount : discounted;
}
