// Voucherify's list filters: filters[field][conditions][$op]=value, joined by filters[junction].

import { isCalendarCondition, meetsCalendarCondition } from './calendar.js';

export interface Conditions {
  $in?: string[];
  $not_in?: string[];
  $is?: string;
  $is_not?: string;
  $has_value?: string;
  $is_unknown?: string;
  $starts_with?: string;
  $ends_with?: string;
  $contains?: string;
  $not_contain?: string;
  $after?: string;
  $before?: string;
  /** A number: the value is greater. A date: it lies more than this many days before now. */
  $more_than?: number;
  /** A number: the value is greater or equal. A date: it lies at least this many days before now. */
  $more_than_equal?: number;
  /** A number: the value is smaller. A date: it lies less than this many days before now. */
  $less_than?: number;
  /** A number: the value is smaller or equal. A date: it lies at most this many days before now. */
  $less_than_equal?: number;
}

export type Filters = Record<string, { conditions?: Conditions } | string | undefined> & { junction?: string };

/** Filters as an operation's spec types them (each list has its own fields); validated, so read as Filters. */
export type FilterInput = object;

const DAY = 24 * 60 * 60 * 1000;

/**
 * A record's own field, or undefined: the field name is the caller's (filters[toString][…]), and
 * a record has no field "toString" or "constructor", whatever Object.prototype holds.
 */
export function fieldOf(record: unknown, field: string): unknown {
  return record !== null && typeof record === 'object' && Object.hasOwn(record, field) ? (record as Record<string, unknown>)[field] : undefined;
}

/** A number, or a text that is one ("41"); NaN for anything else (dates included). */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/**
 * True when `value` meets every condition given for its field. $more_than and $less_than (and
 * their _equal forms) compare numbers as numbers and read any other value as a date, counting
 * days back from now: created_at $more_than 10 is "created more than 10 days ago".
 */
export function meetsConditions(value: unknown, conditions: Conditions, now: Date): boolean {
  const present = value !== null && value !== undefined && value !== '';
  const text = present ? String(value) : '';
  const time = present ? Date.parse(text) : NaN;
  const number = numberOf(value);
  const numeric = Number.isFinite(number);
  // How many days before now the value lies (dates only).
  const daysAgo = () => (now.getTime() - time) / DAY;
  for (const [operator, operand] of Object.entries(conditions)) {
    let ok: boolean;
    switch (operator) {
      case '$in': ok = (operand as string[]).includes(text); break;
      case '$not_in': ok = !(operand as string[]).includes(text); break;
      case '$is': ok = text === operand; break;
      case '$is_not': ok = text !== operand; break;
      case '$has_value': ok = present; break;
      case '$is_unknown': ok = !present; break;
      case '$starts_with': ok = present && text.startsWith(operand as string); break;
      case '$ends_with': ok = present && text.endsWith(operand as string); break;
      case '$contains': ok = present && text.includes(operand as string); break;
      case '$not_contain': ok = !text.includes(operand as string); break;
      case '$after': ok = time > Date.parse(operand as string); break;
      case '$before': ok = time < Date.parse(operand as string); break;
      case '$more_than': ok = numeric ? number > (operand as number) : daysAgo() > (operand as number); break;
      case '$more_than_equal': ok = numeric ? number >= (operand as number) : daysAgo() >= (operand as number); break;
      case '$less_than': ok = numeric ? number < (operand as number) : daysAgo() < (operand as number); break;
      case '$less_than_equal': ok = numeric ? number <= (operand as number) : daysAgo() <= (operand as number); break;
      default:
        // The calendar conditions need a date; operators the spec does not allow never reach here (Ajv rejects them).
        ok = isCalendarCondition(operator) ? !Number.isNaN(time) && meetsCalendarCondition(operator, time, operand, now) : true;
    }
    if (!ok) return false;
  }
  return true;
}

/**
 * The test the filters make of one record, or undefined when they set no condition; `junction`
 * "or" keeps a record that meets any field's conditions. `read` finds a field's value in a record
 * (by default its own property of that name).
 */
export function filterPredicate<T>(
  given: FilterInput | undefined,
  now: Date,
  read: (record: T, field: string) => unknown = fieldOf,
): ((record: T) => boolean) | undefined {
  if (!given) return undefined;
  const filters = given as Filters;
  const fields = Object.entries(filters).filter(
    (entry): entry is [string, { conditions: Conditions }] => entry[0] !== 'junction' && typeof entry[1] === 'object' && entry[1] !== null && !!entry[1].conditions,
  );
  if (fields.length === 0) return undefined;
  const any = String(filters.junction ?? 'and').toLowerCase() === 'or';
  return (record) => {
    const test = ([field, { conditions }]: [string, { conditions: Conditions }]) =>
      meetsConditions(read(record, field), conditions, now);
    return any ? fields.some(test) : fields.every(test);
  };
}

/** The records that meet the filters (all of them when the filters set no condition). */
export function applyFilters<T>(records: T[], filters: FilterInput | undefined, now: Date): T[] {
  const matches = filterPredicate<T>(filters, now);
  return matches ? records.filter(matches) : records;
}

/** created_at[before]=…&created_at[after]=… (and the same for updated_at), as list endpoints take them. */
export interface TimeWindows {
  created_at?: { before?: string; after?: string };
  updated_at?: { before?: string; after?: string };
}

const instant = (value: unknown) => (typeof value === 'string' && value ? Date.parse(value) : NaN);

/** True when the record's created_at and updated_at fall inside the windows given (bounds excluded). */
export function withinTimeWindows(record: { created_at?: unknown; updated_at?: unknown }, windows: TimeWindows): boolean {
  for (const field of ['created_at', 'updated_at'] as const) {
    const window = windows[field];
    if (!window) continue;
    const value = instant(record[field]);
    if (window.before && !(value < instant(window.before))) return false;
    if (window.after && !(value > instant(window.after))) return false;
  }
  return true;
}
