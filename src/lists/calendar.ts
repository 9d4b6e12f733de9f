// The calendar conditions of Voucherify's filters, on a date field, counted from the tenant's clock
// in UTC: $today … $next_year (the day, ISO week, month or year holding the date, now's or the one
// before or after it), their _md forms (month and day only, any year: birthdays and anniversaries),
// days ago or ahead ($more_than_ago: [30]), and the parts of a date ($is_month: [12]).

const DAY = 24 * 60 * 60 * 1000;

/** The calendar conditions, each with what its operand is: nothing (its value is ignored: [true]) or a number. */
export const CALENDAR_OPERANDS = {
  $today: 'none',
  $tomorrow: 'none',
  $yesterday: 'none',
  $this_week: 'none',
  $last_week: 'none',
  $next_week: 'none',
  $this_month: 'none',
  $last_month: 'none',
  $next_month: 'none',
  $this_year: 'none',
  $last_year: 'none',
  $next_year: 'none',
  $today_md: 'none',
  $tomorrow_md: 'none',
  $yesterday_md: 'none',
  $this_week_md: 'none',
  $last_week_md: 'none',
  $next_week_md: 'none',
  $this_month_md: 'none',
  $last_month_md: 'none',
  $next_month_md: 'none',
  $more_than_ago: 'number',
  $less_than_ago: 'number',
  $more_than_future: 'number',
  $less_than_future: 'number',
  $is_days_ago: 'number',
  $is_days_in_future: 'number',
  $is_day_of_month: 'number',
  $is_day: 'number',
  $is_month: 'number',
  $is_year: 'number',
  $is_years_ago: 'number',
} as const;

export type CalendarCondition = keyof typeof CALENDAR_OPERANDS;

export const isCalendarCondition = (name: string): name is CalendarCondition => Object.hasOwn(CALENDAR_OPERANDS, name);

/** Midnight (UTC) of the day holding `time`. */
const dayStart = (time: number) => Math.floor(time / DAY) * DAY;

/** Midnight (UTC) of the Monday of the ISO week holding `time`. */
function weekStart(time: number): number {
  const day = dayStart(time);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY;
}

/** Months since year 0 of the date: comparing two says how many months apart their months are. */
const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();

/** Whole days from the day of `from` to the day of `to` (negative when `to` is earlier). */
const daysBetween = (from: number, to: number) => Math.round((dayStart(to) - dayStart(from)) / DAY);

/**
 * The date's anniversary (its month and day) in the year `year` (29 February falls on 28 February
 * in a year without it).
 */
function anniversary(date: Date, year: number): number {
  const month = date.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay));
}

/** True when one of the date's anniversaries (last year's, this year's or next year's) lies in [start, end). */
function anniversaryWithin(date: Date, now: Date, start: number, end: number): boolean {
  const year = now.getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) {
    const day = anniversary(date, y);
    if (day >= start && day < end) return true;
  }
  return false;
}

/** True when the date (`time`, a valid instant) meets the calendar condition at `now`. */
export function meetsCalendarCondition(condition: CalendarCondition, time: number, operand: unknown, now: Date): boolean {
  const date = new Date(time);
  const today = dayStart(now.getTime());
  const week = weekStart(now.getTime());
  const n = operand as number;
  switch (condition) {
    case '$today': return dayStart(time) === today;
    case '$tomorrow': return dayStart(time) === today + DAY;
    case '$yesterday': return dayStart(time) === today - DAY;
    case '$this_week': return weekStart(time) === week;
    case '$last_week': return weekStart(time) === week - 7 * DAY;
    case '$next_week': return weekStart(time) === week + 7 * DAY;
    case '$this_month': return monthIndex(date) === monthIndex(now);
    case '$last_month': return monthIndex(date) === monthIndex(now) - 1;
    case '$next_month': return monthIndex(date) === monthIndex(now) + 1;
    case '$this_year': return date.getUTCFullYear() === now.getUTCFullYear();
    case '$last_year': return date.getUTCFullYear() === now.getUTCFullYear() - 1;
    case '$next_year': return date.getUTCFullYear() === now.getUTCFullYear() + 1;
    case '$today_md': return anniversaryWithin(date, now, today, today + DAY);
    case '$tomorrow_md': return anniversaryWithin(date, now, today + DAY, today + 2 * DAY);
    case '$yesterday_md': return anniversaryWithin(date, now, today - DAY, today);
    case '$this_week_md': return anniversaryWithin(date, now, week, week + 7 * DAY);
    case '$last_week_md': return anniversaryWithin(date, now, week - 7 * DAY, week);
    case '$next_week_md': return anniversaryWithin(date, now, week + 7 * DAY, week + 14 * DAY);
    case '$this_month_md': return date.getUTCMonth() === now.getUTCMonth();
    case '$last_month_md': return date.getUTCMonth() === (now.getUTCMonth() + 11) % 12;
    case '$next_month_md': return date.getUTCMonth() === (now.getUTCMonth() + 1) % 12;
    case '$more_than_ago': return daysBetween(time, now.getTime()) > n;
    case '$less_than_ago': { const days = daysBetween(time, now.getTime()); return days >= 0 && days < n; }
    case '$more_than_future': return daysBetween(now.getTime(), time) > n;
    case '$less_than_future': { const days = daysBetween(now.getTime(), time); return days >= 0 && days < n; }
    case '$is_days_ago': return daysBetween(time, now.getTime()) === n;
    case '$is_days_in_future': return daysBetween(now.getTime(), time) === n;
    case '$is_day_of_month': return date.getUTCDate() === n;
    // 0 is Sunday, as in validity_day_of_week.
    case '$is_day': return date.getUTCDay() === n;
    case '$is_month': return date.getUTCMonth() + 1 === n;
    case '$is_year': return date.getUTCFullYear() === n;
    case '$is_years_ago': return now.getUTCFullYear() - date.getUTCFullYear() === n;
  }
}
