// GET /v1/campaigns/{campaignId}/summary: a campaign's counters, computed from the tenant's records
// (redemptions and rollbacks, validations, publications, vouchers, card transactions, pending points,
// referees) within the days start_date..end_date. Deleted vouchers count from the record each deletion
// leaves (domain/voucher-deletions.ts), with what the card still held then; validations from the
// campaign's counts per day (domain/validation-log.ts). What the mock keeps no record of is 0:
// pending points subtracted from a bucket (the mock cannot subtract them).

import { campaignView } from '../../domain/campaigns.js';
import { holders, publications, redemptions, transactions, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { pendingPoints } from '../../domain/earning-records.js';
import { getCampaign } from '../../domain/lookups.js';
import { validationDays } from '../../domain/validation-log.js';
import { voucherDeletions, type VoucherDeletion } from '../../domain/voucher-deletions.js';
import type { Campaign, RedemptionRecord, Voucher, VoucherTransaction } from '../../domain/records.js';
import { invalidQueryParams } from '../../errors.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

const DAY = 24 * 60 * 60 * 1000;

/** The instants a record's time must fall between: start_date's midnight to the end of end_date (UTC). */
function windowOf(query: RequestQuery<'get-campaign-summary'>): (time: string | undefined | null) => boolean {
  const from = query.start_date !== undefined ? Date.parse(`${query.start_date}T00:00:00.000Z`) : -Infinity;
  const to = query.end_date !== undefined ? Date.parse(`${query.end_date}T00:00:00.000Z`) + DAY : Infinity;
  if (from >= to) throw invalidQueryParams(`end_date (${query.end_date}) must not be before start_date (${query.start_date})`);
  return (time) => {
    if (!time) return false;
    const at = Date.parse(time);
    return at >= from && at < to;
  };
}

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

const numberAt = (record: Record<string, unknown> | null | undefined, field: string): number => {
  const value = record?.[field];
  return typeof value === 'number' ? value : 0;
};

/** The signed change of a transaction: cents for a gift card, points for a loyalty card. */
const changeOf = (t: VoucherTransaction) => t.details.balance.amount ?? t.details.balance.points ?? 0;

/** Transactions that raise what a loyalty card was ever given (its `points`), as the balance logic counts them. */
const RAISES_POINTS = new Set<VoucherTransaction['type']>(['POINTS_ADDITION', 'POINTS_ACCRUAL', 'POINTS_TRANSFER_IN', 'PENDING_POINTS_ACTIVATION']);

export function campaignSummary(ctx: Context, idOrName: string, query: RequestQuery<'get-campaign-summary'>) {
  const campaign = getCampaign(ctx, idOrName);
  const within = windowOf(query);

  // Redemptions of the campaign's vouchers or tiers, and the rollbacks of those.
  const redeemed = redemptions(ctx.tenant).groupOf('campaign_id', campaign.id);
  const counted = redeemed.filter((r) => within(r.date));
  const succeeded = counted.filter((r) => r.result === 'SUCCESS');
  const rollbacks: RedemptionRecord[] = [];
  const rolledBack = new Map<string, RedemptionRecord>();
  for (const redemption of redeemed) {
    for (const child of redemptions(ctx.tenant).groupOf('redemption', redemption.id)) {
      if (child.object !== 'redemption_rollback' || !within(child.date)) continue;
      rollbacks.push(child);
      if (child.result === 'SUCCESS') rolledBack.set(redemption.id, redemption);
    }
  }
  // One order counts once, however many of the campaign's redeemables a stack used on it.
  const orderAmount = (records: Iterable<RedemptionRecord>) => {
    const amounts = new Map<string, number>();
    for (const r of records) {
      const id = typeof r.order?.id === 'string' ? r.order.id : r.id;
      amounts.set(id, numberAt(r.order, 'amount'));
    }
    return sum(amounts.values());
  };
  // A stack's child shows the order's totals after it, so its own share is what it applied; a
  // redemption of its own shows its order's whole discount.
  const discountOf = (r: RedemptionRecord) => numberAt(r.order, r.redemption ? 'applied_discount_amount' : 'total_discount_amount');

  let validations = 0;
  let validationsSucceeded = 0;
  for (const v of validationDays(ctx.tenant).groupOf('campaign_id', campaign.id)) {
    if (!within(`${v.day}T00:00:00.000Z`)) continue;
    validations += v.succeeded + v.failed;
    validationsSucceeded += v.succeeded;
  }

  const base = {
    object: 'campaign_summary' as const,
    campaign: campaignView(ctx, campaign),
    redemptions: counted.length,
    redemptions_succeeded: succeeded.length,
    redemptions_failed: counted.length - succeeded.length,
    rollbacks: rollbacks.length,
    rollbacks_succeeded: rollbacks.filter((r) => r.result === 'SUCCESS').length,
    rollbacks_failed: rollbacks.filter((r) => r.result !== 'SUCCESS').length,
    validations,
    validations_succeeded: validationsSucceeded,
    validations_failed: validations - validationsSucceeded,
    orders_amount: orderAmount(succeeded),
    orders_rolledback_amount: orderAmount(rolledBack.values()),
  };
  const discounts = {
    discounted_amount: sum(succeeded.map(discountOf)),
    rolledback_discounted_amount: sum([...rolledBack.values()].map(discountOf)),
  };
  if (campaign.campaign_type === 'PROMOTION') return { ...base, ...discounts };

  const cards = vouchers(ctx.tenant).groupOf('campaign_id', campaign.id);
  const created = cards.filter((v) => within(v.created_at));
  const published = publicationsOf(ctx, cards).filter((p) => within(p.created_at));
  const deleted = voucherDeletions(ctx.tenant)
    .groupOf('campaign_id', campaign.id)
    .filter((d) => within(d.deleted_at));
  const publishing = {
    vouchers_created: created.length,
    vouchers_deleted: deleted.length,
    publications: published.length,
    publications_succeeded: published.filter((p) => p.result === 'SUCCESS').length,
    publications_failed: published.filter((p) => p.result !== 'SUCCESS').length,
  };
  switch (campaign.campaign_type) {
    case 'DISCOUNT_COUPONS':
      return { ...base, ...publishing, ...discounts };
    case 'REFERRAL_PROGRAM':
      return { ...base, ...publishing, referred_customers: referredCustomers(ctx, cards, within) };
    case 'GIFT_VOUCHERS':
      return { ...base, ...publishing, ...giftCounters(ctx, campaign, created, deleted, within) };
    case 'LOYALTY_PROGRAM':
      return { ...base, ...publishing, ...loyaltyCounters(ctx, campaign, created, deleted, within) };
  }
}

/** The campaign's publications: each once, though one may list several of its vouchers. */
function publicationsOf(ctx: Context, cards: Voucher[]) {
  const found = new Map<string, ReturnType<ReturnType<typeof publications>['all']>[number]>();
  for (const voucher of cards) for (const p of publications(ctx.tenant).groupOf('voucher_id', voucher.id)) found.set(p.id, p);
  return [...found.values()];
}

/** Customers who became REFEREEs of the campaign's codes in the window, each once. */
function referredCustomers(ctx: Context, cards: Voucher[], within: (time: string) => boolean): number {
  const referees = new Set<string>();
  for (const voucher of cards) {
    for (const holder of holders(ctx.tenant).groupOf('redeemable_role', `${voucher.id}|REFEREE`)) if (within(holder.created_at)) referees.add(holder.customer_id);
  }
  return referees.size;
}

/** The campaign's card transactions in the window, with the sum of their changes by type (as positive numbers). */
function transactionTotals(ctx: Context, campaign: Campaign, within: (time: string) => boolean) {
  const all = transactions(ctx.tenant).groupOf('campaign_id', campaign.id);
  const totals = new Map<VoucherTransaction['type'], number>();
  for (const t of all) if (within(t.created_at)) totals.set(t.type, (totals.get(t.type) ?? 0) + Math.abs(changeOf(t)));
  return { all, total: (type: VoucherTransaction['type']) => totals.get(type) ?? 0 };
}

/** What each card started with: what it was ever given, less what transactions added later. */
function startingValues(cards: Voucher[], all: VoucherTransaction[], raises: (t: VoucherTransaction) => boolean, given: (v: Voucher) => number): number {
  const added = new Map<string, number>();
  for (const t of all) if (raises(t)) added.set(t.voucher_id, (added.get(t.voucher_id) ?? 0) + changeOf(t));
  return sum(cards.map((v) => Math.max(0, given(v) - (added.get(v.id) ?? 0))));
}

function giftCounters(ctx: Context, campaign: Campaign, created: Voucher[], deleted: VoucherDeletion[], within: (time: string) => boolean) {
  const { all, total } = transactionTotals(ctx, campaign, within);
  return {
    created_vouchers_amount: startingValues(created, all, (t) => t.type === 'CREDITS_ADDITION', (v) => v.gift?.amount ?? 0),
    amount_added: total('CREDITS_ADDITION'),
    amount_deleted: sum(deleted.map((d) => d.amount)),
    amount_redeemed: total('CREDITS_REDEMPTION'),
    amount_rolledback: total('CREDITS_REFUND'),
    amount_subtracted: total('CREDITS_REMOVAL'),
  };
}

function loyaltyCounters(ctx: Context, campaign: Campaign, created: Voucher[], deleted: VoucherDeletion[], within: (time: string) => boolean) {
  const { all, total } = transactionTotals(ctx, campaign, within);
  const pending = pendingPoints(ctx.tenant).groupOf('campaign_id', campaign.id);
  return {
    created_vouchers_points: startingValues(created, all, (t) => RAISES_POINTS.has(t.type), (v) => v.loyalty_card?.points ?? 0),
    points_deleted: sum(deleted.map((d) => d.points)),
    points_subtracted: total('POINTS_REMOVAL'),
    points_added: total('POINTS_ADDITION'),
    points_rewarded: total('POINTS_ACCRUAL') + total('PENDING_POINTS_ACTIVATION'),
    points_redeemed: total('POINTS_REDEMPTION'),
    points_rolledback: total('POINTS_REFUND'),
    points_expired: total('POINTS_EXPIRATION'),
    points_transferred_out: total('POINTS_TRANSFER_OUT'),
    points_transferred_in: total('POINTS_TRANSFER_IN'),
    pending_points_added: sum(pending.filter((p) => within(p.created_at)).map((p) => p.points)),
    pending_points_subtracted: 0,
    pending_points_activated: total('PENDING_POINTS_ACTIVATION'),
    pending_points_canceled: sum(pending.filter((p) => p.status === 'CANCELED' && within(p.updated_at ?? p.created_at)).map((p) => p.points)),
  };
}
