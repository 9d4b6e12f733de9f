// Adding and taking credits (gift cards) or points (loyalty cards) by hand, with the transaction each change leaves.

import { insufficientCardBalance, invalidExpirationDate, invalidPayload } from '../errors.js';
import { timestamp, type Clock } from '../store/clock.js';
import { vouchers } from './collections.js';
import type { Context } from './context.js';
import type { GiftCard, LoyaltyCard, Voucher } from './records.js';
import { giftTotal, loyaltyTotal, recordTransaction } from './transactions.js';

export interface BalanceChange {
  /** Signed: cents on a gift card, points on a loyalty card; 0 changes nothing. */
  amount: number;
  /** The caller's own id of the change, kept on the transaction. */
  source_id?: string;
  reason?: string;
  /** Loyalty cards: when the added points expire (YYYY-MM-DD or a date-time); never in the past. */
  expiration_date?: string;
  /** Loyalty cards: PROGRAM_RULES (the default), CUSTOM_DATE (expiration_date) or NON_EXPIRING. */
  expiration_type?: 'PROGRAM_RULES' | 'CUSTOM_DATE' | 'NON_EXPIRING';
}

/** Voucherify's balance object, with the change as `amount` (the loyalty endpoints call it `points`). */
export interface BalanceAdjustment {
  amount: number;
  total: number;
  balance: number;
  type: 'gift_voucher' | 'loyalty_card';
  object: 'balance';
  related_object: { type: 'voucher'; id: string };
}

/** A bare date (2023-05-30) lasts until the end of that day; an unreadable date or one already past is refused. */
function checkExpirationDate(expirationDate: string, clock: Clock): void {
  const expires = Date.parse(expirationDate);
  if (Number.isNaN(expires)) throw invalidPayload('Property .expiration_date cannot be recognized as a ISO-8601 compliant date');
  const end = /^\d{4}-\d{2}-\d{2}$/.test(expirationDate) ? expires + 24 * 60 * 60 * 1000 : expires;
  if (end <= clock().getTime()) throw invalidExpirationDate();
}

/**
 * Adding raises the amount (what the card was ever given) and the balance; taking lowers only the
 * balance, never below zero, and counts what was taken in `subtracted_amount`, so that
 * balance = amount - subtracted_amount - redemption.redeemed_amount holds.
 */
function changeGift(current: Partial<GiftCard>, amount: number): GiftCard {
  const balance = (current.balance ?? 0) + amount;
  if (balance < 0) throw insufficientCardBalance();
  const gift: GiftCard = { ...current, amount: current.amount ?? 0, balance, effect: current.effect ?? null };
  if (amount > 0) gift.amount += amount;
  if (amount < 0) gift.subtracted_amount = (current.subtracted_amount ?? 0) - amount;
  return gift;
}

/** The same for points: balance = points - expired_points - subtracted_points - redemption.redeemed_points. */
function changeLoyalty(current: Partial<LoyaltyCard>, points: number): LoyaltyCard {
  const balance = (current.balance ?? 0) + points;
  if (balance < 0) throw insufficientCardBalance();
  const card: LoyaltyCard = { ...current, points: current.points ?? 0, balance };
  if (points > 0) card.points += points;
  if (points < 0) card.subtracted_points = (current.subtracted_points ?? 0) - points;
  return card;
}

/**
 * Adds (amount > 0) or takes (amount < 0) credits on a gift card or points on a loyalty card,
 * stores the card and records a CREDITS_/POINTS_ ADDITION or REMOVAL transaction with source
 * 'API'. Taking more than the balance: 400 insufficient_card_balance, and nothing changes.
 * The caller makes sure `voucher` is a gift card or a loyalty card.
 */
export function adjustVoucherBalance(ctx: Context, voucher: Voucher, change: BalanceChange): BalanceAdjustment {
  const gift = voucher.type === 'GIFT_VOUCHER';
  if (change.expiration_date !== undefined) checkExpirationDate(change.expiration_date, ctx.clock);
  let next = voucher;
  if (gift) {
    const card = changeGift(voucher.gift ?? {}, change.amount);
    if (change.amount !== 0) next = { ...voucher, gift: card, updated_at: timestamp(ctx.clock) };
  } else {
    const card = changeLoyalty(voucher.loyalty_card ?? {}, change.amount);
    if (change.amount !== 0) next = { ...voucher, loyalty_card: card, updated_at: timestamp(ctx.clock) };
  }
  if (change.amount !== 0) {
    vouchers(ctx.tenant).put(next);
    const kind = gift ? 'CREDITS' : 'POINTS';
    recordTransaction(ctx, next, {
      type: change.amount > 0 ? `${kind}_ADDITION` : `${kind}_REMOVAL`,
      change: change.amount,
      source_id: change.source_id ?? null,
      reason: change.reason ?? null,
      source: 'API',
      ...(gift ? {} : { expiry: { type: change.expiration_type, date: change.expiration_date } }),
    });
  }
  return {
    amount: change.amount,
    total: gift ? giftTotal(next.gift ?? {}) : loyaltyTotal(next.loyalty_card ?? {}),
    balance: (gift ? next.gift?.balance : next.loyalty_card?.balance) ?? 0,
    type: gift ? 'gift_voucher' : 'loyalty_card',
    object: 'balance',
    related_object: { type: 'voucher', id: voucher.id },
  };
}
