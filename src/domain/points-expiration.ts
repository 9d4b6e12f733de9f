// Points expiration: the dated buckets a loyalty card's points sit in (lopb_…), filled by every
// addition that expires (a custom date, or the program's expiration_rules), emptied soonest-first
// by every spending; points-expiry.ts expires them by the mock's clock.

import { defineCollection } from '../store/collection.js';
import { timestamp } from '../store/clock.js';
import { ALNUM } from '../store/ids.js';
import type { Tenant } from '../store/tenant.js';
import { campaigns } from './collections.js';
import type { Context } from './context.js';
import type { Voucher } from './records.js';

export interface PointsBucket {
  id: string;
  voucher_id: string;
  campaign_id: string;
  /** What is left of the points added with this date. */
  bucket: { total_points: number };
  status: 'ACTIVE' | 'EXPIRED';
  /** The last day the points can be spent (YYYY-MM-DD). */
  expires_at: string;
  created_at: string;
  updated_at?: string;
  object: 'loyalty_points_bucket';
}

/** A card's buckets, soonest to expire first. */
export const pointsBucketRecords = defineCollection<PointsBucket>()({
  name: 'loyalty_points_buckets',
  recordName: 'loyalty points bucket',
  groups: {
    voucher_id: { key: (b) => b.voucher_id, order: (b) => `${b.expires_at}|${b.id}` },
    // The tenant's active buckets, soonest to expire first (domain/loyalty-due.ts).
    due: { key: (b) => (b.status === 'ACTIVE' ? 'ACTIVE' : null), order: (b) => `${b.expires_at}|${b.id}` },
  },
  references: { voucher_id: 'vouchers' },
  check: (b) => (!/^\d{4}-\d{2}-\d{2}$/.test(String(b.expires_at)) ? 'has no expires_at day' : undefined),
});

export const pointsBuckets = (tenant: Tenant) => tenant.collection(pointsBucketRecords);

/** How added points expire: the balance endpoint's expiration_type and expiration_date. */
export interface PointsExpiry {
  type?: 'PROGRAM_RULES' | 'CUSTOM_DATE' | 'NON_EXPIRING';
  /** A day or a date-time; its day is the bucket's. */
  date?: string;
}

/** A program's voucher.loyalty_card.expiration_rules (Voucherify's EarningRuleExpirationRules). */
interface ExpirationRules {
  period_type?: 'MONTH' | 'FIXED_DAY_OF_YEAR';
  period_value?: number;
  rounding_type?: 'END_OF_MONTH' | 'END_OF_QUARTER' | 'END_OF_HALF_YEAR' | 'END_OF_YEAR' | 'PARTICULAR_MONTH';
  rounding_value?: number;
  fixed_month?: number;
  fixed_day?: number;
}

const ROUNDING_MONTHS = { END_OF_MONTH: 1, END_OF_QUARTER: 3, END_OF_HALF_YEAR: 6, END_OF_YEAR: 12 } as const;

/** YYYY-MM-DD of a UTC day (months and days past their end roll over); undefined past what a Date holds. */
function utcDay(year: number, month: number, date: number): string | undefined {
  const time = Date.UTC(year, month, date);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** An integer setting of the rules, or `fallback` when it is missing or not an integer (rules are stored as sent). */
const integer = (value: unknown, fallback: number) => (Number.isSafeInteger(value) ? (value as number) : fallback);

/**
 * The last day of points added `now` under the program's rules: MONTH adds period_value months,
 * then rounds up to the end of the month, quarter, half-year, year or the next given month
 * (PARTICULAR_MONTH, rounding_value 1–12); FIXED_DAY_OF_YEAR is the next fixed_month/fixed_day.
 * Rules the mock cannot read (no whole period_value, another period_type) date nothing; an unknown
 * rounding_type rounds nothing.
 */
export function ruleExpiry(rules: ExpirationRules | undefined, now: Date): string | undefined {
  const year = now.getUTCFullYear();
  if (rules?.period_type === 'FIXED_DAY_OF_YEAR') {
    const month = integer(rules.fixed_month, 12) - 1;
    const date = integer(rules.fixed_day, 31);
    const thisYear = utcDay(year, month, date);
    if (thisYear === undefined) return undefined;
    return thisYear >= now.toISOString().slice(0, 10) ? thisYear : utcDay(year + 1, month, date);
  }
  if (rules?.period_type !== 'MONTH' || !Number.isSafeInteger(rules.period_value)) return undefined;
  const month = now.getUTCMonth() + (rules.period_value as number);
  const rounding = rules.rounding_type;
  if (rounding === 'PARTICULAR_MONTH') {
    const target = (((integer(rules.rounding_value, 12) - 1) % 12) + 12) % 12;
    const shift = (target - (((month % 12) + 12) % 12) + 12) % 12;
    return utcDay(year, month + shift + 1, 0);
  }
  if (typeof rounding === 'string' && Object.hasOwn(ROUNDING_MONTHS, rounding)) {
    const size = ROUNDING_MONTHS[rounding as keyof typeof ROUNDING_MONTHS];
    return utcDay(year, (Math.floor(month / size) + 1) * size, 0);
  }
  return utcDay(year, month, now.getUTCDate());
}

/** The day points added now expire, or undefined when they do not. */
function expiryOf(ctx: Context, card: Voucher, expiry: PointsExpiry | undefined): string | undefined {
  // A bare day is the day; a date-time is the UTC day it falls on (the balance endpoint checked it reads).
  if (expiry?.date !== undefined) return /^\d{4}-\d{2}-\d{2}$/.test(expiry.date) ? expiry.date : new Date(expiry.date).toISOString().slice(0, 10);
  if (expiry?.type === 'NON_EXPIRING' || !card.campaign_id) return undefined;
  const program = campaigns(ctx.tenant).get(card.campaign_id);
  return ruleExpiry(program?.voucher?.loyalty_card?.expiration_rules as ExpirationRules | undefined, ctx.clock());
}

/**
 * Follows one change of a loyalty card's points (called by recordTransaction): points added with
 * an expiry go into the bucket of that day; points spent or taken come out of the active buckets,
 * soonest to expire first. Expiring points themselves are handled by expirePoints.
 */
export function trackBuckets(ctx: Context, card: Voucher, change: number, expiry: PointsExpiry | undefined): void {
  const all = pointsBuckets(ctx.tenant);
  if (change > 0) {
    const expiresAt = expiryOf(ctx, card, expiry);
    if (expiresAt === undefined) return;
    const now = timestamp(ctx.clock);
    const same = all.groupOf('voucher_id', card.id).find((b) => b.status === 'ACTIVE' && b.expires_at === expiresAt);
    if (same) all.put({ ...same, bucket: { total_points: same.bucket.total_points + change }, updated_at: now });
    else {
      all.put({
        id: 'lopb_' + ctx.ids.code(ALNUM, 24),
        voucher_id: card.id,
        campaign_id: card.campaign_id ?? '',
        bucket: { total_points: change },
        status: 'ACTIVE',
        expires_at: expiresAt,
        created_at: now,
        object: 'loyalty_points_bucket',
      });
    }
    return;
  }
  if (change === 0 || all.countOf('voucher_id', card.id) === 0) return;
  let left = -change;
  for (const bucket of all.groupOf('voucher_id', card.id)) {
    if (left === 0) break;
    if (bucket.status !== 'ACTIVE' || bucket.bucket.total_points === 0) continue;
    const taken = Math.min(left, bucket.bucket.total_points);
    left -= taken;
    all.put({ ...bucket, bucket: { total_points: bucket.bucket.total_points - taken }, updated_at: timestamp(ctx.clock) });
  }
}

/** The card's `next_expiration_date` and `next_expiration_points`: its soonest active bucket that holds points. */
export function nextExpiration(ctx: Context, cardId: string): { next_expiration_date: string; next_expiration_points: number } | undefined {
  const all = pointsBuckets(ctx.tenant);
  if (all.countOf('voucher_id', cardId) === 0) return undefined;
  for (const bucket of all.walkGroup('voucher_id', cardId)) {
    if (bucket.status === 'ACTIVE' && bucket.bucket.total_points > 0) return { next_expiration_date: bucket.expires_at, next_expiration_points: bucket.bucket.total_points };
  }
  return undefined;
}

/** The card's active buckets (expired ones are not listed), soonest to expire first, one page of them. */
export function listBuckets(ctx: Context, card: Voucher, query: { limit?: number; page?: number }) {
  const active = pointsBuckets(ctx.tenant)
    .groupOf('voucher_id', card.id)
    .filter((b) => b.status === 'ACTIVE');
  const limit = query.limit ?? 10;
  const start = ((query.page ?? 1) - 1) * limit;
  return { object: 'list' as const, data_ref: 'data' as const, data: active.slice(start, start + limit), total: active.length };
}

/** Deleting a program (or a card) takes the buckets of its cards with it. */
export function removeCardBuckets(ctx: Context, cardId: string): void {
  const all = pointsBuckets(ctx.tenant);
  for (const bucket of all.groupOf('voucher_id', cardId)) all.remove(bucket.id);
}
