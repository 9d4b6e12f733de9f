// Whether a redeemable can be used at an instant: its status in Voucherify's words (active,
// dates, quantity, balance), and its recurring windows (timeframe, days of week, hours).

import type { Validity, Voucher } from './records.js';

export type RedeemableStatus = 'ACTIVE' | 'USED' | 'DISABLED' | 'NOT_ACTIVE_YET' | 'EXPIRED' | 'NO_BALANCE';

/** Whether the voucher can be used now, in Voucherify's words: a switched-off voucher is DISABLED before anything else. */
export function redeemableStatus(voucher: Voucher, now: Date): RedeemableStatus {
  if (voucher.active === false) return 'DISABLED';
  if (typeof voucher.start_date === 'string' && Date.parse(voucher.start_date) > now.getTime()) return 'NOT_ACTIVE_YET';
  if (typeof voucher.expiration_date === 'string' && Date.parse(voucher.expiration_date) < now.getTime()) return 'EXPIRED';
  const { redemption } = voucher;
  if (typeof redemption?.quantity === 'number' && (redemption.redeemed_quantity ?? 0) >= redemption.quantity) return 'USED';
  if (voucher.type === 'GIFT_VOUCHER' && voucher.gift && (voucher.gift.balance ?? 0) <= 0) return 'NO_BALANCE';
  return 'ACTIVE';
}

/** An ISO 8601 duration (P1Y2M10DT2H30M, P2W) split into calendar and clock parts. */
export interface Duration {
  years: number;
  months: number;
  days: number;
  milliseconds: number;
}

const DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** undefined when `text` is no ISO 8601 duration, or an empty one ("P", "PT"). */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const duration = { years: y, months: mo, days: w * 7 + d, milliseconds: ((h * 60 + mi) * 60 + s) * 1000 };
  return duration.years + duration.months + duration.days + duration.milliseconds > 0 ? duration : undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole months added by the calendar (UTC), ending on the target month's last day when it is shorter: Jan 31 + 1 month = Feb 28. */
function addMonths(time: number, months: number): number {
  const date = new Date(time);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/**
 * `start` moved on by `times` × `duration`: whole years and months by the calendar (UTC, ending on
 * the last day of a shorter month), days as 24 hours (UTC has no daylight saving), and any fraction
 * of a year or month as that share of its average length.
 */
export function addDuration(start: number, duration: Duration, times = 1): number {
  const months = (duration.years * 12 + duration.months) * times;
  const whole = Math.trunc(months);
  let time = whole === 0 ? start : addMonths(start, whole);
  time += (months - whole) * 30.436875 * DAY_MS;
  return time + (duration.days * DAY_MS + duration.milliseconds) * times;
}

/** A rough length, only to guess how many intervals have passed before stepping exactly. */
const approximateMs = (d: Duration) => (d.years * 365.25 + d.months * 30.44 + d.days) * DAY_MS + d.milliseconds;

/**
 * validity_timeframe: windows of `duration` that open every `interval` from the start date (e.g.
 * { interval: 'P2D', duration: 'PT1H' } from Monday 10:00: Monday 10:00–11:00, Wednesday 10:00–11:00…).
 * Without a start date there is no first window, so nothing limits the redeemable.
 */
export function inTimeframe(timeframe: NonNullable<Validity['validity_timeframe']>, startDate: string | null | undefined, now: number): boolean {
  const interval = timeframe.interval === undefined ? undefined : parseDuration(timeframe.interval);
  const duration = timeframe.duration === undefined ? undefined : parseDuration(timeframe.duration);
  const start = typeof startDate === 'string' ? Date.parse(startDate) : NaN;
  if (!interval || !duration || Number.isNaN(start)) return true;
  if (now < start) return false;
  // The last window opened at or before now: guess from the rough length, then step exactly.
  let k = Math.max(0, Math.floor((now - start) / approximateMs(interval)) - 1);
  while (addDuration(start, interval, k + 1) <= now) k++;
  while (k > 0 && addDuration(start, interval, k) > now) k--;
  const opened = addDuration(start, interval, k);
  return now < addDuration(opened, duration);
}

/** "14:30" (or "14:30:15") → milliseconds since midnight; undefined when it is no time of day. */
export function timeOfDay(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [hours, minutes, seconds = 0] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Whether `now` falls in the redeemable's recurring windows (UTC): validity_timeframe,
 * validity_day_of_week (0 = Sunday … 6 = Saturday) and validity_hours.daily (start_time ≤ t <
 * expiration_time on the listed days; a window that ends before it starts runs past midnight).
 * Each one that is set must hold. The start and expiration dates are redeemableStatus's part.
 */
export function inValidityWindows(validity: Validity, at: Date): boolean {
  const now = at.getTime();
  if (validity.validity_timeframe && !inTimeframe(validity.validity_timeframe, validity.start_date, now)) return false;
  const day = at.getUTCDay();
  if (validity.validity_day_of_week && validity.validity_day_of_week.length > 0 && !validity.validity_day_of_week.includes(day)) return false;
  const daily = validity.validity_hours?.daily;
  if (daily && daily.length > 0) {
    const time = now - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    const yesterday = (day + 6) % 7;
    const open = daily.some((window) => {
      const start = window.start_time === undefined ? undefined : timeOfDay(window.start_time);
      const end = window.expiration_time === undefined ? undefined : timeOfDay(window.expiration_time);
      if (start === undefined || end === undefined) return true;
      // Without days of week, a window opens every day.
      const on = (d: number) => !window.days_of_week || window.days_of_week.length === 0 || window.days_of_week.includes(d);
      if (start < end) return on(day) && time >= start && time < end;
      // Overnight, e.g. 22:00–02:00: the evening of a listed day, or the small hours after one.
      return (on(day) && time >= start) || (on(yesterday) && time < end);
    });
    if (!open) return false;
  }
  return true;
}
