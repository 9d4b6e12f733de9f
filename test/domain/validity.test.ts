// Redeemable validity: the status (DISABLED, NOT_ACTIVE_YET, EXPIRED, USED, NO_BALANCE, ACTIVE), ISO 8601 durations, validity_timeframe, times of day and the recurring windows.

import type { Validity, Voucher } from '../../src/domain/records.js';
import {
  addDuration,
  inTimeframe,
  inValidityWindows,
  parseDuration,
  redeemableStatus,
  timeOfDay,
  type Duration,
  type RedeemableStatus,
} from '../../src/domain/validity.js';
import { aVoucher } from '../support/builders.js';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const LATER = '2026-12-01T00:00:00.000Z';
const EARLIER = '2026-11-01T00:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const at = (iso: string) => Date.parse(iso);

describe('redeemableStatus', () => {
  const used = { redemption: { ...aVoucher().redemption, quantity: 1, redeemed_quantity: 1 } };
  const giftWith = (balance: number): Partial<Voucher> => ({ type: 'GIFT_VOUCHER', discount: null, gift: { amount: 5000, balance, effect: 'APPLY_TO_ORDER' } });

  const cases: [string, Partial<Voucher>, RedeemableStatus][] = [
    ['an active voucher with no limits', {}, 'ACTIVE'],
    ['a switched-off voucher', { active: false }, 'DISABLED'],
    ['a voucher that starts later', { start_date: LATER }, 'NOT_ACTIVE_YET'],
    ['a voucher that starts now', { start_date: NOW.toISOString() }, 'ACTIVE'],
    ['a voucher that started earlier', { start_date: EARLIER }, 'ACTIVE'],
    ['a voucher that expired', { expiration_date: EARLIER }, 'EXPIRED'],
    ['a voucher that expires now', { expiration_date: NOW.toISOString() }, 'ACTIVE'],
    ['a voucher that expires later', { expiration_date: LATER }, 'ACTIVE'],
    ['a voucher inside its dates', { start_date: EARLIER, expiration_date: LATER }, 'ACTIVE'],
    ['a voucher redeemed as often as it may be', used, 'USED'],
    ['a voucher redeemed more often than it may be', { redemption: { ...used.redemption, quantity: 2, redeemed_quantity: 3 } }, 'USED'],
    ['a voucher with redemptions left', { redemption: { ...used.redemption, quantity: 2 } }, 'ACTIVE'],
    ['a voucher with no redemption limit', { redemption: { ...used.redemption, quantity: null, redeemed_quantity: 40 } }, 'ACTIVE'],
    ['a gift card with no balance', giftWith(0), 'NO_BALANCE'],
    ['a gift card with a balance', giftWith(1), 'ACTIVE'],
    ['a loyalty card with no points', { type: 'LOYALTY_CARD', discount: null, loyalty_card: { points: 0, balance: 0 } }, 'ACTIVE'],
    // Precedence: DISABLED first, then the dates, then the redemptions, then the balance.
    ['a switched-off voucher that also starts later, expired and is used', { active: false, start_date: LATER, expiration_date: EARLIER, ...used }, 'DISABLED'],
    ['a voucher that starts later and is used', { start_date: LATER, ...used }, 'NOT_ACTIVE_YET'],
    ['a voucher whose dates are both wrong', { start_date: LATER, expiration_date: EARLIER }, 'NOT_ACTIVE_YET'],
    ['an expired voucher that is used', { expiration_date: EARLIER, ...used }, 'EXPIRED'],
    ['an expired gift card with no balance', { ...giftWith(0), expiration_date: EARLIER }, 'EXPIRED'],
    ['a used gift card with no balance', { ...giftWith(0), ...used }, 'USED'],
    ['a switched-off gift card with no balance', { ...giftWith(0), active: false }, 'DISABLED'],
  ];

  it.each(cases.map(([name, overrides, expected]) => [name, expected, overrides] as const))('answers, for %s, %s', (_case, expected, overrides) => {
    expect(redeemableStatus(aVoucher(overrides), NOW)).toBe(expected);
  });
});

describe('parseDuration', () => {
  const d = (parts: Partial<Duration>): Duration => ({ years: 0, months: 0, days: 0, milliseconds: 0, ...parts });

  it.each<[string, Duration]>([
    ['P1D', d({ days: 1 })],
    ['PT1H', d({ milliseconds: HOUR })],
    ['PT30M', d({ milliseconds: 30 * 60 * 1000 })],
    ['PT45S', d({ milliseconds: 45 * 1000 })],
    ['P2W', d({ days: 14 })],
    ['P1W2D', d({ days: 9 })],
    ['P1M', d({ months: 1 })],
    ['P1Y', d({ years: 1 })],
    ['P1Y2M3DT4H5M6S', d({ years: 1, months: 2, days: 3, milliseconds: ((4 * 60 + 5) * 60 + 6) * 1000 })],
    ['PT36H', d({ milliseconds: 36 * HOUR })],
    ['P0DT1H', d({ milliseconds: HOUR })],
    ['PT1.5H', d({ milliseconds: 1.5 * HOUR })],
    ['PT0.5S', d({ milliseconds: 500 })],
    ['P0.5D', d({ days: 0.5 })],
    ['P1.5Y', d({ years: 1.5 })],
  ])('reads %s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    ['P', 'no part at all'],
    ['PT', 'a time designator with no time'],
    ['P1DT', 'a time designator with nothing after it'],
    ['1D', 'no leading P'],
    ['P1H', 'hours without the time designator'],
    ['PT1D', 'days after the time designator'],
    ['P1M1Y', 'parts out of order'],
    ['P0D', 'a zero length'],
    ['PT0H0M0S', 'a zero length in clock parts'],
    ['p1d', 'lower-case designators'],
    ['P-1D', 'a negative part'],
    ['P1,5D', 'a comma as decimal sign'],
    ['P.5D', 'a fraction with no integer part'],
    [' P1D', 'leading space'],
    ['', 'an empty string'],
  ])('refuses %j (%s)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('addDuration', () => {
  it.each<[string, string, number, string]>([
    ['2026-01-01T00:00:00.000Z', 'P1D', 1, '2026-01-02T00:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'PT1H', 3, '2026-01-01T03:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'PT1.5H', 1, '2026-01-01T01:30:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'P2W', 1, '2026-01-15T00:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'P1D', 0, '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'P1Y2M3DT4H5M6S', 1, '2027-03-04T04:05:06.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P1M', 1, '2026-02-15T10:00:00.000Z'],
    ['2026-01-15T10:00:00.000Z', 'P1M', 13, '2027-02-15T10:00:00.000Z'],
    // Calendar months have different lengths: a month after January 1 is 31 days, after February 1 28.
    ['2026-01-01T00:00:00.000Z', 'P1M', 1, '2026-02-01T00:00:00.000Z'],
    ['2026-02-01T00:00:00.000Z', 'P1M', 1, '2026-03-01T00:00:00.000Z'],
    // Each step is counted from the start, so two months after January 31 is March 31.
    ['2026-01-31T00:00:00.000Z', 'P1M', 2, '2026-03-31T00:00:00.000Z'],
    ['2026-03-31T00:00:00.000Z', 'P1D', 1, '2026-04-01T00:00:00.000Z'],
    ['2024-02-28T00:00:00.000Z', 'P1D', 1, '2024-02-29T00:00:00.000Z'],
    ['2024-02-29T00:00:00.000Z', 'P4Y', 1, '2028-02-29T00:00:00.000Z'],
    ['2026-12-31T23:00:00.000Z', 'PT2H', 1, '2027-01-01T01:00:00.000Z'],
  ])('%s + %s × %i = %s', (start, text, times, expected) => {
    expect(new Date(addDuration(at(start), parseDuration(text) as Duration, times)).toISOString()).toBe(expected);
  });

  it('adds once when no count is given', () => {
    expect(addDuration(at('2026-01-01T00:00:00.000Z'), parseDuration('PT1H') as Duration)).toBe(at('2026-01-01T01:00:00.000Z'));
  });

  // Calendar arithmetic (ISO 8601, Temporal, java.time) ends on the target month's last day: a month
  // after January 31 is February 28, a year after February 29 is February 28.
  it.each<[string, string, string]>([
    ['2026-01-31T00:00:00.000Z', 'P1M', '2026-02-28T00:00:00.000Z'],
    ['2026-03-31T09:00:00.000Z', 'P1M', '2026-04-30T09:00:00.000Z'],
    ['2024-02-29T00:00:00.000Z', 'P1Y', '2025-02-28T00:00:00.000Z'],
  ])('ends %s + %s on the last day of the shorter month: %s', (start, text, expected) => {
    expect(new Date(addDuration(at(start), parseDuration(text) as Duration)).toISOString()).toBe(expected);
  });

  // A fraction of a day is kept: P1.5D adds a day and a half, P0.5D half a day.
  it.each<[string, string, string]>([
    ['2026-01-01T00:00:00.000Z', 'P1.5D', '2026-01-02T12:00:00.000Z'],
    ['2026-01-01T00:00:00.000Z', 'P0.5D', '2026-01-01T12:00:00.000Z'],
  ])('keeps the fraction of a fractional day: %s + %s = %s', (start, text, expected) => {
    expect(new Date(addDuration(at(start), parseDuration(text) as Duration)).toISOString()).toBe(expected);
  });
});

describe('inTimeframe', () => {
  // Windows of one hour every other day from Monday 2026-11-02 10:00 UTC.
  const everyOtherDay = { interval: 'P2D', duration: 'PT1H' };
  const START = '2026-11-02T10:00:00.000Z';

  it.each<[string, string, boolean]>([
    ['before the start date', '2026-11-02T09:59:59.999Z', false],
    ['long before the start date', '2025-01-01T00:00:00.000Z', false],
    ['at the start of the first window', '2026-11-02T10:00:00.000Z', true],
    ['inside the first window', '2026-11-02T10:30:00.000Z', true],
    ['at the end of the first window (excluded)', '2026-11-02T11:00:00.000Z', false],
    ['between windows, the next day', '2026-11-03T10:30:00.000Z', false],
    ['between windows, just before the second', '2026-11-04T09:59:59.999Z', false],
    ['inside the second window', '2026-11-04T10:00:00.000Z', true],
    ['inside a later window', '2026-11-20T10:59:59.999Z', true],
    ['on a later window day, after its window', '2026-11-20T11:00:00.000Z', false],
    ['on a later day between window days', '2026-11-21T10:30:00.000Z', false],
  ])('is %s: %s → %s', (_case, now, expected) => {
    expect(inTimeframe(everyOtherDay, START, at(now))).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['inside the first monthly window', '2026-01-15T12:00:00.000Z', true],
    ['after the first monthly window', '2026-01-16T12:00:00.000Z', false],
    ['at the end of the February window', '2026-02-15T23:59:59.999Z', true],
    ['inside the March window', '2026-03-15T00:00:00.000Z', true],
    ['the day after the March window', '2026-03-16T00:00:00.000Z', false],
    ['a year later, inside its window', '2027-01-15T06:00:00.000Z', true],
    ['a year later, the day before', '2027-01-14T23:59:59.999Z', false],
  ])('with a monthly interval, is %s: %s → %s', (_case, now, expected) => {
    expect(inTimeframe({ interval: 'P1M', duration: 'P1D' }, '2026-01-15T00:00:00.000Z', at(now))).toBe(expected);
  });

  it.each<[string, boolean]>([
    // Almost three years of daily windows: the window is found without stepping day by day.
    ['2026-11-22T00:30:00.000Z', true],
    ['2026-11-22T01:00:00.000Z', false],
    ['2026-11-21T23:59:59.999Z', false],
  ])('with a daily interval long after the start date, at %s → %s', (now, expected) => {
    expect(inTimeframe({ interval: 'P1D', duration: 'PT1H' }, '2024-01-01T00:00:00.000Z', at(now))).toBe(expected);
  });

  it('with windows longer than the interval, is always open after the start date', () => {
    expect(inTimeframe({ interval: 'PT1H', duration: 'PT2H' }, START, at('2026-11-05T07:45:00.000Z'))).toBe(true);
    expect(inTimeframe({ interval: 'PT1H', duration: 'PT2H' }, START, at('2026-11-02T09:00:00.000Z'))).toBe(false);
  });

  it.each<[string, Validity['validity_timeframe'], string | null | undefined]>([
    ['no start date', everyOtherDay, undefined],
    ['a null start date', everyOtherDay, null],
    ['a start date that is no date', everyOtherDay, 'soon'],
    ['no interval', { duration: 'PT1H' }, START],
    ['no duration', { interval: 'P2D' }, START],
    ['neither part', {}, START],
    ['an interval that is no duration', { interval: 'every day', duration: 'PT1H' }, START],
    ['a duration that is no duration', { interval: 'P2D', duration: 'PT' }, START],
  ])('limits nothing with %s', (_case, timeframe, startDate) => {
    // Between two windows, so only a timeframe that limits nothing lets it through.
    expect(inTimeframe(timeframe ?? {}, startDate, at('2026-11-03T10:30:00.000Z'))).toBe(true);
  });

  // A monthly window from January 31 opens on February 28 (see addDuration), not March 3.
  it('opens a monthly window from January 31 on the last day of February', () => {
    const monthly = { interval: 'P1M', duration: 'P1D' };
    expect([inTimeframe(monthly, '2026-01-31T00:00:00.000Z', at('2026-02-28T12:00:00.000Z')), inTimeframe(monthly, '2026-01-31T00:00:00.000Z', at('2026-03-03T12:00:00.000Z'))]).toEqual([true, false]);
  });

  // A half-day duration keeps the window open for twelve hours.
  it('keeps a window of P0.5D open for half a day', () => {
    expect(inTimeframe({ interval: 'P1D', duration: 'P0.5D' }, '2026-11-02T00:00:00.000Z', at('2026-11-03T06:00:00.000Z'))).toBe(true);
  });
});

describe('timeOfDay', () => {
  it.each<[string, number]>([
    ['00:00', 0],
    ['14:30', (14 * 60 + 30) * 60 * 1000],
    ['14:30:15', ((14 * 60 + 30) * 60 + 15) * 1000],
    ['9:05', (9 * 60 + 5) * 60 * 1000],
    ['09:05', (9 * 60 + 5) * 60 * 1000],
    ['23:59:59', 24 * HOUR - 1000],
  ])('reads %s', (text, expected) => {
    expect(timeOfDay(text)).toBe(expected);
  });

  it.each(['24:00', '12:60', '12:00:60', '1430', '12:3', '123:00', '12:00:5', '', 'noon', '12:00 PM', '-1:00', 'T12:00'])('refuses %j', (text) => {
    expect(timeOfDay(text)).toBeUndefined();
  });
});

describe('inValidityWindows', () => {
  // 2026-11-16 is a Monday (1), 2026-11-20 a Friday (5), 2026-11-21 a Saturday (6), 2026-11-22 a Sunday (0).
  const MONDAY_13 = '2026-11-16T13:00:00.000Z';
  const weekdays: Validity = { validity_day_of_week: [1, 2, 3, 4, 5] };
  const lunch: Validity = { validity_hours: { daily: [{ start_time: '12:00', expiration_time: '14:00' }] } };
  const mondayLunch: Validity = { validity_hours: { daily: [{ start_time: '12:00', expiration_time: '14:00', days_of_week: [1] }] } };
  const fridayNight: Validity = { validity_hours: { daily: [{ start_time: '22:00', expiration_time: '02:00', days_of_week: [5] }] } };
  const everyNight: Validity = { validity_hours: { daily: [{ start_time: '22:00', expiration_time: '02:00' }] } };
  const twoWindows: Validity = {
    validity_hours: {
      daily: [
        { start_time: '09:00', expiration_time: '10:00', days_of_week: [1, 2] },
        { start_time: '18:00', expiration_time: '19:00', days_of_week: [0] },
      ],
    },
  };

  const cases: [string, Validity, string, boolean][] = [
    ['no windows at all', {}, MONDAY_13, true],
    ['null windows', { validity_timeframe: null, validity_day_of_week: null, validity_hours: null }, MONDAY_13, true],
    // validity_day_of_week (0 = Sunday)
    ['a weekday voucher on a Monday', weekdays, MONDAY_13, true],
    ['a weekday voucher on a Friday', weekdays, '2026-11-20T23:59:59.999Z', true],
    ['a weekday voucher on a Saturday', weekdays, '2026-11-21T00:00:00.000Z', false],
    ['a weekday voucher on a Sunday', weekdays, '2026-11-22T12:00:00.000Z', false],
    ['a Sunday-only voucher on a Sunday', { validity_day_of_week: [0] }, '2026-11-22T12:00:00.000Z', true],
    ['an empty day list', { validity_day_of_week: [] }, '2026-11-22T12:00:00.000Z', true],
    // daily hours on every day
    ['lunch hours inside the window', lunch, MONDAY_13, true],
    ['lunch hours at the start', lunch, '2026-11-22T12:00:00.000Z', true],
    ['lunch hours just before the start', lunch, '2026-11-22T11:59:59.999Z', false],
    ['lunch hours at the end (excluded)', lunch, '2026-11-22T14:00:00.000Z', false],
    ['an empty daily list', { validity_hours: { daily: [] } }, MONDAY_13, true],
    ['no daily list', { validity_hours: {} }, MONDAY_13, true],
    ['a window with no times', { validity_hours: { daily: [{}] } }, MONDAY_13, true],
    ['a window with a time that is no time', { validity_hours: { daily: [{ start_time: 'noon', expiration_time: '14:00' }] } }, '2026-11-16T20:00:00.000Z', true],
    // daily hours on listed days
    ['Monday lunch on a Monday', mondayLunch, MONDAY_13, true],
    ['Monday lunch on a Tuesday', mondayLunch, '2026-11-17T13:00:00.000Z', false],
    ['Monday lunch on a Monday evening', mondayLunch, '2026-11-16T15:00:00.000Z', false],
    ['Monday lunch with an empty day list on a Tuesday', { validity_hours: { daily: [{ ...mondayLunch.validity_hours!.daily![0], days_of_week: [] }] } }, '2026-11-17T13:00:00.000Z', true],
    // an overnight window, 22:00–02:00, opening on Fridays
    ['Friday night at 22:00', fridayNight, '2026-11-20T22:00:00.000Z', true],
    ['Friday night at 23:30', fridayNight, '2026-11-20T23:30:00.000Z', true],
    ['Friday night, past midnight into Saturday', fridayNight, '2026-11-21T01:59:59.999Z', true],
    ['Friday night, Saturday at 02:00 (excluded)', fridayNight, '2026-11-21T02:00:00.000Z', false],
    ['Friday night, Friday before 22:00', fridayNight, '2026-11-20T21:59:59.999Z', false],
    ['Friday night, small hours of Friday (Thursday night)', fridayNight, '2026-11-20T01:00:00.000Z', false],
    ['Friday night, Saturday at 23:00', fridayNight, '2026-11-21T23:00:00.000Z', false],
    ['Friday night, Thursday at 23:00', fridayNight, '2026-11-19T23:00:00.000Z', false],
    // an overnight window with no days of week
    ['every night at 23:30 on a Sunday', everyNight, '2026-11-22T23:30:00.000Z', true],
    ['every night at 01:00 on a Monday', everyNight, '2026-11-16T01:00:00.000Z', true],
    ['every night at noon', everyNight, '2026-11-16T12:00:00.000Z', false],
    // several windows: any one of them opens
    ['two windows, inside the first', twoWindows, '2026-11-17T09:30:00.000Z', true],
    ['two windows, inside the second', twoWindows, '2026-11-22T18:30:00.000Z', true],
    ['two windows, the second window’s hours on a day of the first', twoWindows, '2026-11-17T18:30:00.000Z', false],
    ['two windows, between them', twoWindows, '2026-11-16T12:00:00.000Z', false],
    // combinations: every window that is set must hold
    ['weekdays and lunch hours, on a Monday at lunch', { ...weekdays, ...lunch }, MONDAY_13, true],
    ['weekdays and lunch hours, on a Monday evening', { ...weekdays, ...lunch }, '2026-11-16T18:00:00.000Z', false],
    ['weekdays and lunch hours, on a Sunday at lunch', { ...weekdays, ...lunch }, '2026-11-22T13:00:00.000Z', false],
    [
      'a timeframe and lunch hours, inside both',
      { start_date: '2026-11-16T12:00:00.000Z', validity_timeframe: { interval: 'P2D', duration: 'PT6H' }, ...lunch },
      '2026-11-18T13:00:00.000Z',
      true,
    ],
    [
      'a timeframe and lunch hours, at lunch outside the timeframe',
      { start_date: '2026-11-16T12:00:00.000Z', validity_timeframe: { interval: 'P2D', duration: 'PT6H' }, ...lunch },
      '2026-11-17T13:00:00.000Z',
      false,
    ],
    [
      'a timeframe, days and hours, all holding',
      { start_date: '2026-11-02T00:00:00.000Z', validity_timeframe: { interval: 'P7D', duration: 'P1D' }, validity_day_of_week: [1], ...lunch },
      MONDAY_13,
      true,
    ],
    [
      'a timeframe without a start date (limits nothing) and lunch hours',
      { validity_timeframe: { interval: 'P2D', duration: 'PT1H' }, ...lunch },
      MONDAY_13,
      true,
    ],
  ];

  it.each(cases.map(([name, validity, now, expected]) => [name, expected, validity, now] as const))('%s → %s', (_case, expected, validity, now) => {
    expect(inValidityWindows(validity, new Date(now))).toBe(expected);
  });

  it('leaves the start and expiration dates to redeemableStatus', () => {
    expect(inValidityWindows({ start_date: '2030-01-01T00:00:00.000Z', expiration_date: '2020-01-01T00:00:00.000Z' }, new Date(MONDAY_13))).toBe(true);
  });
});
