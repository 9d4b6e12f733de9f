// Expiring a loyalty card's points by the mock's clock, lazily: before the tenant's next request
// (domain/loyalty-due.ts) and whenever the card is looked up, buckets whose day has passed lose
// what is left in them, through a POINTS_EXPIRATION transaction, and the card's `expired_points`
// counts it.

import { timestamp } from '../store/clock.js';
import { vouchers } from './collections.js';
import type { Context } from './context.js';
import { pointsBuckets } from './points-expiration.js';
import type { Voucher } from './records.js';
import { recordTransaction } from './transactions.js';

/**
 * Expires the card's buckets whose last day is before the mock's today: they become EXPIRED, the
 * card loses what was left in them (`expired_points` counts it) through a POINTS_EXPIRATION
 * transaction. Answers the card as it is now.
 */
export function expirePoints(ctx: Context, card: Voucher): Voucher {
  if (card.type !== 'LOYALTY_CARD') return card;
  const all = pointsBuckets(ctx.tenant);
  const first = all.firstOf('voucher_id', card.id);
  const today = ctx.clock().toISOString().slice(0, 10);
  if (!first || first.expires_at >= today) return card;
  let expired = 0;
  const now = timestamp(ctx.clock);
  for (const bucket of all.groupOf('voucher_id', card.id)) {
    if (bucket.expires_at >= today) break;
    if (bucket.status !== 'ACTIVE') continue;
    expired += bucket.bucket.total_points;
    all.put({ ...bucket, status: 'EXPIRED', updated_at: now });
  }
  const loyalty = card.loyalty_card ?? { points: 0, balance: 0 };
  const lost = Math.min(expired, loyalty.balance);
  if (lost === 0) return card;
  const next: Voucher = {
    ...card,
    loyalty_card: { ...loyalty, balance: loyalty.balance - lost, expired_points: (loyalty.expired_points ?? 0) + lost },
    updated_at: now,
  };
  vouchers(ctx.tenant).put(next);
  recordTransaction(ctx, next, { type: 'POINTS_EXPIRATION', change: -lost });
  return next;
}
