// Voucher transactions: the history of a gift card's credits and a loyalty card's points, one record per change.

import { internalError } from '../errors.js';
import { cursorPage, type CursorPageQuery } from '../lists/cursor-page.js';
import { timestamp } from '../store/clock.js';
import { transactions } from './collections.js';
import type { Context } from './context.js';
import { emitTransactionEvents } from './events.js';
import { loyaltyTiers, tierMemberships, trackTier } from './loyalty-tiers.js';
import { trackBuckets, type PointsExpiry } from './points-expiration.js';
import type { TransactionBalance, TransferredCard, Voucher, VoucherTransaction } from './records.js';

/** What changed: the kind, the signed change, and where it came from. */
export interface TransactionEntry {
  type: VoucherTransaction['type'];
  /** Signed: cents on a gift card, points on a loyalty card (-2000 takes 20.00 off). */
  change: number;
  /** The caller's own id of the change; null for redemptions and refunds. */
  source_id?: string | null;
  reason?: string | null;
  /** 'API' for changes made through the balance endpoints; null for redemptions and refunds. */
  source?: string | null;
  order?: { id: string; source_id: string | null };
  redemption?: { id: string };
  rollback?: { id: string };
  /** Earning: the event that earned and the earning rule that gave the points. */
  event?: { id: string; type: string };
  earning_rule?: { id: string; source: { banner?: string } };
  /** Earning: the loyalty tier whose mapping of the earning rule counted the points. */
  loyalty_tier?: { id: string; name: string };
  /** Loyalty cards: how added points expire (points-expiration.ts keeps their bucket). */
  expiry?: PointsExpiry;
  /** A transfer's two transactions name each other: their ids are taken before either is recorded. */
  id?: string;
  related_transaction_id?: string;
  destination_voucher?: TransferredCard;
  source_voucher?: TransferredCard;
  /** Points spent on a reward: the reward bought. */
  reward?: { id: string; name: string };
}

/**
 * A gift card's `total`: credits ever added less credits removed by hand. Redemptions lower only
 * the balance. Voucherify's own history shows it: a card at total 130000 stays at 130000 after a
 * -7000 redemption, then drops to 128000 after a -2000 removal.
 */
export function giftTotal(gift: { amount?: number; subtracted_amount?: number }): number {
  return (gift.amount ?? 0) - (gift.subtracted_amount ?? 0);
}

/** A loyalty card's `total`: the points it was ever given (removals do not lower it). */
export function loyaltyTotal(card: { points?: number }): number {
  return card.points ?? 0;
}

/** The balance part of a transaction, read from the voucher as it is after the change. */
function balanceAfter(voucher: Voucher, entry: TransactionEntry): TransactionBalance {
  const related_object = { id: voucher.id, type: 'voucher' as const };
  if (entry.type.startsWith('CREDITS_')) {
    if (!voucher.gift) throw internalError(`A ${entry.type} transaction needs a gift card; ${voucher.code} is a ${voucher.type}`);
    return { type: 'gift_voucher', total: giftTotal(voucher.gift), amount: entry.change, object: 'balance', balance: voucher.gift.balance, related_object };
  }
  if (!voucher.loyalty_card) throw internalError(`A ${entry.type} transaction needs a loyalty card; ${voucher.code} is a ${voucher.type}`);
  const card = voucher.loyalty_card;
  return { type: 'loyalty_card', total: loyaltyTotal(card), points: entry.change, object: 'balance', balance: card.balance, related_object };
}

/**
 * Records one change of `voucher`'s balance; `voucher` is the card as it is after the change, so
 * the transaction shows the new balance and total. Redemptions record CREDITS_/POINTS_REDEMPTION
 * (negative) and refunds CREDITS_/POINTS_REFUND (positive) with their order and redemption;
 * the balance endpoints record additions and removals with source 'API'.
 */
export function recordTransaction(ctx: Context, voucher: Voucher, entry: TransactionEntry): VoucherTransaction {
  const details: VoucherTransaction['details'] = { balance: balanceAfter(voucher, entry) };
  if (entry.order) details.order = entry.order;
  if (entry.redemption) details.redemption = entry.redemption;
  if (entry.rollback) details.rollback = entry.rollback;
  if (entry.event) details.event = entry.event;
  if (entry.earning_rule) details.earning_rule = entry.earning_rule;
  if (entry.loyalty_tier) details.loyalty_tier = entry.loyalty_tier;
  if (entry.destination_voucher) details.destination_voucher = entry.destination_voucher;
  if (entry.source_voucher) details.source_voucher = entry.source_voucher;
  if (entry.reward) details.reward = entry.reward;
  const tier = voucher.type === 'LOYALTY_CARD' ? holderTier(ctx, voucher) : undefined;
  if (tier) details.holder_loyalty_tier = tier;
  const transaction = transactions(ctx.tenant).put({
    id: entry.id ?? ctx.ids.transaction(),
    source_id: entry.source_id ?? null,
    voucher_id: voucher.id,
    campaign_id: voucher.campaign_id,
    source: entry.source ?? null,
    reason: entry.reason ?? null,
    type: entry.type,
    details,
    related_transaction_id: entry.related_transaction_id ?? null,
    created_at: timestamp(ctx.clock),
  });
  emitTransactionEvents(ctx, voucher, transaction);
  if (voucher.type === 'LOYALTY_CARD') {
    if (entry.type !== 'POINTS_EXPIRATION') trackBuckets(ctx, voucher, entry.change, entry.expiry);
    trackTier(ctx, voucher);
  }
  return transaction;
}

/**
 * The tier the card's holder is in as the transaction is made: its tier membership is moved by
 * trackTier only after the transaction is stored, so this is the tier before the change, as
 * Voucherify names it. Tenants without tiers pay one size check.
 */
function holderTier(ctx: Context, card: Voucher): { id: string; name: string } | undefined {
  const memberships = tierMemberships(ctx.tenant);
  if (memberships.size === 0) return undefined;
  const membership = memberships.get(card.id);
  const tier = membership ? loyaltyTiers(ctx.tenant).get(membership.tier_id) : undefined;
  return tier ? { id: tier.id, name: tier.name } : undefined;
}

/**
 * One page of the transactions of a group (a voucher's, or a program's: `campaign_id`), newest first
 * unless `order` is `id`. Each group is kept in id order, so a page reads `limit` records however
 * long the history is.
 */
export function listTransactionGroup(ctx: Context, group: 'voucher_id' | 'campaign_id', id: string, query: CursorPageQuery) {
  const all = transactions(ctx.tenant);
  const walk = (descending: boolean, after?: string) => all.walkGroup(group, id, descending, after);
  const page = cursorPage(walk, query, all.countOf(group, id));
  return {
    object: 'list' as const,
    data_ref: 'data' as const,
    data: page.data,
    has_more: page.has_more,
    ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}),
  };
}

/** One page of a voucher's transactions (see listTransactionGroup). */
export const listTransactions = (ctx: Context, voucher: Voucher, query: CursorPageQuery) => listTransactionGroup(ctx, 'voucher_id', voucher.id, query);
