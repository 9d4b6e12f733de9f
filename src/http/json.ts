// Answers serialised to JSON, with each stored record's JSON made once: records are deeply frozen
// values, so the text of one never changes, and a list of ten records costs its envelope only.
// The texts live as long as their records (a WeakMap), at most about the records' own size again.

import { isDeeplyFrozen } from '../store/freeze.js';

/** A record → its JSON; entries go when the record does. */
const made = new WeakMap<object, string>();

/** A stored record has an id; deeply frozen objects without one are values passed to deepFreeze outside a collection. */
const isRecord = (value: object) => typeof (value as { id?: unknown }).id === 'string';

/**
 * JSON.stringify(value), exactly: object keys in order, undefined, functions and symbols left out of
 * objects and null in arrays, toJSON() honoured. A stored record is serialised once.
 */
export function toJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (isDeeplyFrozen(value) && isRecord(value)) {
    let text = made.get(value);
    if (text === undefined) made.set(value, (text = JSON.stringify(value)));
    return text;
  }
  // A frozen part of a record holds no record of its own to reuse: serialised whole.
  if (Object.isFrozen(value)) return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + (toJson(value[i]) ?? 'null');
    return `${text}]`;
  }
  let text = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const member = toJson((value as Record<string, unknown>)[key]);
    if (member === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${member}`;
    first = false;
  }
  return `${text}}`;
}
