// Moving points between loyalty cards of one customer (POST …/members/{memberId}/transfers).

import { vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { findVoucher } from '../../domain/lookups.js';
import type { LoyaltyCard, TransferredCard, Voucher } from '../../domain/records.js';
import { recordTransaction } from '../../domain/transactions.js';
import { insufficientCardBalance, invalidVoucher, notFound } from '../../errors.js';
import { timestamp } from '../../store/clock.js';

export interface TransferRequest {
  /** The card the points come from. */
  code: string;
  points: number;
  reason?: string;
  source_id: string;
}

/** Voucherify documents no error for a transfer; the mock answers its invalid_voucher with what is wrong. */
const cannotTransfer = (details: string) => invalidVoucher(details);

const transferred = (card: Voucher): TransferredCard => ({
  id: card.id,
  code: card.code,
  type: 'LOYALTY_CARD',
  campaign: card.campaign,
  campaign_id: card.campaign_id,
  loyalty_card: card.loyalty_card,
  is_referral_code: card.is_referral_code,
  // Voucherify's SimpleVoucher always carries these two.
  created_at: card.created_at,
  object: 'voucher',
});

/**
 * Moves points from each listed card into `target`, in the order sent. Every card must be held by
 * the target's holder: a card of nobody or of another customer, the target itself, or more points
 * than a card's balance refuse the whole request. Each move leaves a POINTS_TRANSFER_OUT on the
 * giving card (with the request's source_id and reason) and a POINTS_TRANSFER_IN on the target,
 * naming each other (related_transaction_id) and the other card. The points the target gets
 * expire by its program's rules. Answers the target card as it is after the last move.
 */
export function transferPoints(ctx: Context, target: Voucher, body: readonly TransferRequest[]): Voucher {
  if (!target.holder_id) throw cannotTransfer(`Loyalty card ${target.code} has no holder; points move only between cards published to customers`);
  let current = target;
  const all = vouchers(ctx.tenant);
  for (const entry of body) {
    const found = findVoucher(ctx, entry.code);
    if (!found) throw notFound('voucher', entry.code);
    if (found.type !== 'LOYALTY_CARD') throw invalidVoucher(`Voucher ${found.code} is not a loyalty card`);
    if (found.id === target.id) throw cannotTransfer(`Loyalty card ${target.code} cannot transfer points to itself`);
    if (found.holder_id !== target.holder_id) throw cannotTransfer(`Loyalty card ${found.code} is not held by the holder of loyalty card ${target.code}`);
    // findVoucher has expired the card's points whose day has passed.
    const source = found;
    const from = source.loyalty_card ?? { points: 0, balance: 0 };
    if (entry.points > from.balance) throw insufficientCardBalance();
    const now = timestamp(ctx.clock);
    const giving: Voucher = {
      ...source,
      loyalty_card: { ...from, balance: from.balance - entry.points, subtracted_points: (from.subtracted_points ?? 0) + entry.points },
      updated_at: now,
    };
    const into: LoyaltyCard = current.loyalty_card ?? { points: 0, balance: 0 };
    const receiving: Voucher = { ...current, loyalty_card: { ...into, points: into.points + entry.points, balance: into.balance + entry.points }, updated_at: now };
    all.put(giving);
    all.put(receiving);
    const outId = ctx.ids.transaction();
    const inId = ctx.ids.transaction();
    recordTransaction(ctx, giving, {
      id: outId,
      type: 'POINTS_TRANSFER_OUT',
      change: -entry.points,
      source_id: entry.source_id,
      reason: entry.reason ?? null,
      source: 'API',
      related_transaction_id: inId,
      destination_voucher: transferred(receiving),
    });
    recordTransaction(ctx, receiving, {
      id: inId,
      type: 'POINTS_TRANSFER_IN',
      change: entry.points,
      reason: entry.reason ?? null,
      source: 'API',
      related_transaction_id: outId,
      source_voucher: transferred(giving),
    });
    current = receiving;
  }
  return current;
}
