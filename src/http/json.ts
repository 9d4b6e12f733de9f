// Answers serialised to JSON, with each stored record's JSON made once: records are deeply frozen
// values, so the text of one never changes, and a list of ten records costs its envelope only.
// The texts live as long as their records (a WeakMap), at most about the records' own size again.

import { isDeeplyFrozen, onFrozenMarksRenewed } from '../store/freeze.js';

/** A record → its JSON; entries go when the record does, and the table when every tenant is reset. */
let made = new WeakMap<object, string>();
onFrozenMarksRenewed(() => (made = new WeakMap()));

/** A stored record has an id; deeply frozen objects without one are values passed to deepFreeze outside a collection. */
const isRecord = (value: object) => typeof (value as { id?: unknown }).id === 'string';

/**
 * JSON.stringify(value), exactly: object keys in order, undefined, functions and symbols left out of
 * objects and null in arrays, toJSON() honoured. A stored record is serialised once. The parts are
 * joined once at the end: a string grown by appends would be flattened again by every reader.
 * With `keep` false (the answers of writes) it is JSON.stringify itself.
 */
export function toJson(value: unknown, keep = true): string | undefined {
  // An answer to a write holds records it has just made, seldom read again as they are: their texts
  // are not kept (they would double what a write keeps in memory, and what the collector walks).
  if (!keep || value === null || typeof value !== 'object') return JSON.stringify(value);
  const parts: string[] = [];
  return write(value, parts) ? parts.join('') : undefined;
}

/** Appends the JSON of `value` to `parts`; false (nothing appended) for what JSON leaves out. */
function write(value: unknown, parts: string[]): boolean {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) return false;
    parts.push(text);
    return true;
  }
  if (isDeeplyFrozen(value) && isRecord(value)) {
    let text = made.get(value);
    if (text === undefined) made.set(value, (text = JSON.stringify(value)));
    parts.push(text);
    return true;
  }
  // A frozen part of a record, or something with its own toJSON: serialised whole.
  if (Object.isFrozen(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const text = JSON.stringify(value);
    if (text === undefined) return false;
    parts.push(text);
    return true;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      if (!write(value[i], parts)) parts.push('null');
    }
    parts.push(']');
    return true;
  }
  parts.push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    // A member JSON may leave out (undefined, a function, a toJSON answering undefined) is written
    // apart first, so that no key is written without its value.
    const whole = isObjectToWrite(member) ? undefined : [] as string[];
    if (whole && !write(member, whole)) continue;
    parts.push(first ? '' : ',', JSON.stringify(key), ':');
    first = false;
    if (whole) parts.push(...whole);
    else write(member, parts);
  }
  parts.push('}');
  return true;
}

/** A plain array or object (not a record, not frozen, no toJSON): always written, and walked. */
function isObjectToWrite(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Object.isFrozen(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
