// Bringing a tenant's loyalty cards up to date with its clock before a request reads them: pending
// points whose day has come activate, points whose day has passed expire. No timer runs; instead
// two indexes keep, for the whole tenant, the pending points still waiting and the active point
// buckets, each soonest first, so that a request learns from one record of each whether anything
// is due, and pays for the cards only when something is.

import { vouchers } from './collections.js';
import type { Context } from './context.js';
import { activatePending } from './earning.js';
import { pendingPoints, type PendingPoints } from './earning-records.js';
import { pointsBuckets } from './points-expiration.js';
import { expirePoints } from './points-expiry.js';

/** The tenant's next due instant has come: what a lookup of each card would settle is settled for every card it concerns. */
export function settleDueCards(ctx: Context): void {
  const pending = pendingPoints(ctx.tenant);
  const buckets = pointsBuckets(ctx.tenant);
  if (pending.size === 0 && buckets.size === 0) return;
  const today = ctx.clock().toISOString().slice(0, 10);

  const nextActivation = pending.size === 0 ? undefined : pending.firstOf('due', 'PENDING');
  if (nextActivation && nextActivation.activates_at <= today) {
    // Collected first: activating takes each out of the index being walked.
    const due: PendingPoints[] = [];
    for (const points of pending.walkGroup('due', 'PENDING')) {
      if (points.activates_at > today) break;
      due.push(points);
    }
    for (const points of due) activatePending(ctx, points);
  }

  const nextExpiry = buckets.size === 0 ? undefined : buckets.firstOf('due', 'ACTIVE');
  if (nextExpiry && nextExpiry.expires_at < today) {
    const cards = new Set<string>();
    for (const bucket of buckets.walkGroup('due', 'ACTIVE')) {
      if (bucket.expires_at >= today) break;
      cards.add(bucket.voucher_id);
    }
    for (const id of cards) {
      const card = vouchers(ctx.tenant).get(id);
      if (card) expirePoints(ctx, card);
    }
  }
}
