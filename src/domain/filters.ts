// Filters over a record's fields as segments (and validation rules) write them in a body:
// { junction: 'and', 'metadata.tier': { conditions: { $in: ['gold'] } }, 'address.city': { … } }.
// compileFilter checks the filter once and answers a test of one record; the conditions
// themselves are evaluated as list filters evaluate them (lists/filters.ts).

import { invalidPayload } from '../errors.js';
import { CALENDAR_OPERANDS, isCalendarCondition } from '../lists/calendar.js';
import { meetsConditions, type Conditions } from '../lists/filters.js';

/** What each condition takes: one text, a list of texts, a number, a date, or nothing (its value is ignored). */
const OPERANDS = {
  $is: 'text',
  $is_not: 'text',
  $contains: 'text',
  $not_contain: 'text',
  $starts_with: 'text',
  $ends_with: 'text',
  $in: 'texts',
  $not_in: 'texts',
  $more_than: 'number',
  $more_than_equal: 'number',
  $less_than: 'number',
  $less_than_equal: 'number',
  $after: 'date',
  $before: 'date',
  $has_value: 'none',
  $is_unknown: 'none',
} as const satisfies Record<keyof Conditions, string>;

export type Condition = keyof typeof OPERANDS;

/** Every condition a filter may use, in the order messages list them (the calendar ones last). */
export const FILTER_CONDITIONS = [...Object.keys(OPERANDS), ...Object.keys(CALENDAR_OPERANDS)];

/** A compiled filter: true when the record meets it at `now` (dates count days back from it). */
export type RecordTest = (record: unknown, now: Date) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A text operand as conditions compare it: 41 and true become "41" and "true". */
function text(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidPayload(`${where} must be a string, a number or a boolean`);
}

/**
 * The operand of one condition, in the shape meetsConditions reads. Voucherify's own filters
 * wrap single values in an array ("$after": ["2021-12-01T00:00:00.000Z"]): a one-element array
 * is read as its element.
 */
function operand(condition: string, value: unknown, where: string): unknown {
  const kind = isCalendarCondition(condition) ? CALENDAR_OPERANDS[condition] : OPERANDS[condition as Condition];
  if (kind === 'texts') {
    const values = Array.isArray(value) ? value : [value];
    return values.map((item, index) => text(item, `${where}[${index}]`));
  }
  if (kind === 'none') return '';
  if (Array.isArray(value)) {
    if (value.length !== 1) throw invalidPayload(`${where} takes one value, not ${value.length}`);
    value = value[0];
  }
  if (kind === 'text') return text(value, where);
  if (kind === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) throw invalidPayload(`${where} must be a number`);
    return number;
  }
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalidPayload(`${where} must be a date (ISO 8601)`);
  return value;
}

/** The conditions of one field, checked: known conditions only, each with an operand it can use. */
function compileConditions(value: unknown, where: string): Conditions {
  if (!isObject(value) || !isObject(value.conditions)) {
    throw invalidPayload(`${where} must be an object with conditions, e.g. {"conditions": {"$is": "value"}}`);
  }
  const entries = Object.entries(value.conditions);
  if (entries.length === 0) throw invalidPayload(`${where}.conditions sets no condition`);
  const conditions: Record<string, unknown> = {};
  for (const [name, given] of entries) {
    if (!Object.hasOwn(OPERANDS, name) && !isCalendarCondition(name)) {
      throw invalidPayload(`Unknown condition ${name} in ${where}; the conditions are ${FILTER_CONDITIONS.join(', ')}`);
    }
    conditions[name] = operand(name, given, `${where}.conditions.${name}`);
  }
  return conditions as Conditions;
}

/**
 * A field's value in a record by its dotted path ("address.city", "metadata.tier"), through the
 * record's own properties only. A key that itself holds dots ("metadata.shop.id" with metadata key
 * "shop.id") is found too: the longest key the object has wins.
 */
export function readPath(record: unknown, path: string): unknown {
  return read(record, path.split('.'));
}

function read(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return value;
  if (!isObject(value)) return undefined;
  for (let size = parts.length; size >= 1; size--) {
    const key = parts.slice(0, size).join('.');
    if (Object.hasOwn(value, key)) return read(value[key], parts.slice(size));
  }
  return undefined;
}

/** How deep filters may nest groups ({ junction, field: …, group: { junction, … } }). */
const MAX_DEPTH = 5;

/**
 * Checks `filter` and answers its test, or throws 400 invalid_payload saying what is wrong (an
 * unknown condition, an operand of the wrong kind, a field without conditions) so that a filter
 * is never silently read as "everyone". Each key but `junction` is a field path with its
 * conditions, or a nested group (an object with its own `junction`). `junction` "or" (any case)
 * needs one part to hold, "and" (the default) all of them; a filter with no part holds for all.
 */
export function compileFilter(filter: unknown, where = 'filter', depth = 0): RecordTest {
  if (!isObject(filter)) throw invalidPayload(`${where} must be an object`);
  if (depth > MAX_DEPTH) throw invalidPayload(`${where} nests groups deeper than ${MAX_DEPTH} levels`);
  const junction = filter.junction ?? 'and';
  if (typeof junction !== 'string' || !['and', 'or'].includes(junction.toLowerCase())) {
    throw invalidPayload(`${where}.junction must be "and" or "or"`);
  }
  const parts: RecordTest[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (field === 'junction') continue;
    const at = `${where}.${field}`;
    if (isObject(value) && value.conditions === undefined && value.junction !== undefined) {
      parts.push(compileFilter(value, at, depth + 1));
      continue;
    }
    const conditions = compileConditions(value, at);
    parts.push((record, now) => meetsConditions(readPath(record, field), conditions, now));
  }
  if (junction.toLowerCase() === 'or' && parts.length > 0) return (record, now) => parts.some((test) => test(record, now));
  return (record, now) => parts.every((test) => test(record, now));
}
