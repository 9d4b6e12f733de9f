// Validation sessions (LOCK): a validation sent with a session holds what it validated (one
// redemption of each voucher's quantity, a gift card's credits, and the points a loyalty card pays
// for a reward) until the session's ttl runs out by the tenant's clock. Other requests see the
// vouchers without what is held; a redemption with the same session key uses its own hold, and
// DELETE /v1/vouchers/{code}/sessions/{key} releases it.

import { notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { sessions } from './collections.js';
import type { Context } from './context.js';
import type { Voucher } from './records.js';

export type TtlUnit = 'DAYS' | 'HOURS' | 'MINUTES' | 'SECONDS' | 'MILLISECONDS' | 'MICROSECONDS' | 'NANOSECONDS';

/** What a request sends of a session. */
export interface SessionRequest {
  key?: string;
  type?: 'LOCK';
  ttl?: number;
  ttl_unit?: TtlUnit | string;
}

/** A session as answers show it. */
export interface Session {
  key: string;
  type: 'LOCK';
  ttl: number;
  ttl_unit: string;
}

const UNIT_MS: Record<TtlUnit, number> = {
  DAYS: 86_400_000,
  HOURS: 3_600_000,
  MINUTES: 60_000,
  SECONDS: 1000,
  MILLISECONDS: 1,
  MICROSECONDS: 0.001,
  NANOSECONDS: 0.000001,
};

/** The session a request asks for: its key or a new one; Voucherify's default ttl is 7 days. */
export function sessionOf(ctx: Context, request: SessionRequest | undefined): Session | undefined {
  if (!request) return undefined;
  return { key: request.key ?? ctx.ids.session(), type: 'LOCK', ttl: request.ttl ?? 7, ttl_unit: request.ttl_unit ?? 'DAYS' };
}

const live = (expiresAt: string, now: number) => Date.parse(expiresAt) > now;

/** What sessions hold of a voucher: redemptions, gift credits, loyalty points. */
export interface Held {
  quantity: number;
  credits: number;
  points: number;
}

/** What live sessions other than `ownKey` hold of the voucher. */
export function heldByOthers(ctx: Context, voucher: Voucher, ownKey: string | undefined): Held {
  const all = sessions(ctx.tenant);
  if (all.size === 0) return { quantity: 0, credits: 0, points: 0 };
  const now = ctx.clock().getTime();
  let quantity = 0;
  let credits = 0;
  let points = 0;
  for (const hold of all.groupOf('voucher_id', voucher.id)) {
    if (hold.key === ownKey || !live(hold.expires_at, now)) continue;
    quantity++;
    credits += hold.credits;
    points += hold.points ?? 0;
  }
  return { quantity, credits, points };
}

/** A loyalty card as a request sees it while sessions hold `points` of it: its balance without them. */
export function withoutHeldPoints(card: Voucher, points: number): Voucher {
  if (points === 0 || !card.loyalty_card) return card;
  return { ...card, loyalty_card: { ...card.loyalty_card, balance: Math.max(0, card.loyalty_card.balance - points) } };
}

/** Holds (or renews) the session's claim on a voucher that a validation found applicable: `credits` of a gift card, `points` of a loyalty card. */
export function hold(ctx: Context, session: Session, voucher: Voucher, credits: number, points = 0): void {
  const all = sessions(ctx.tenant);
  const factor = UNIT_MS[session.ttl_unit as TtlUnit] ?? UNIT_MS.DAYS;
  const now = ctx.clock();
  const existing = all.findBy('key_voucher', `${session.key}|${voucher.id}`);
  all.put({
    id: existing?.id ?? `${session.key}|${voucher.id}`,
    key: session.key,
    voucher_id: voucher.id,
    credits,
    ...(points > 0 ? { points } : {}),
    expires_at: new Date(now.getTime() + session.ttl * factor).toISOString(),
    created_at: timestamp(ctx.clock),
  });
}

/** A redemption with the session's key uses its holds: they end. */
export function consume(ctx: Context, key: string, voucher: Voucher): void {
  const all = sessions(ctx.tenant);
  const existing = all.findBy('key_voucher', `${key}|${voucher.id}`);
  if (existing) all.remove(existing.id);
}

/** DELETE /v1/vouchers/{code}/sessions/{key}: releases the hold; 404 when the voucher has no live session with that key. */
export function release(ctx: Context, voucher: Voucher, key: string): void {
  const all = sessions(ctx.tenant);
  const existing = all.findBy('key_voucher', `${key}|${voucher.id}`);
  if (!existing || !live(existing.expires_at, ctx.clock().getTime())) throw notFound('session', key);
  all.remove(existing.id);
}
