// Deep freezing of stored records: a record is a value, so changing one in place (instead of
// putting a changed copy) throws at once rather than corrupting a rollback or another tenant.

/**
 * Records (the roots given to deepFreeze) frozen with everything they hold. Parts are not listed: one
 * entry per record. Replaced by renewFrozenMarks: V8 never shrinks a WeakSet's table, so after
 * 30,000 records have come and gone it would still take a MiB with none of them left.
 */
let deeplyFrozen = new WeakSet<object>();
/** Records marked since the set was made: at least as many as it holds. */
let marked = 0;
/** Marks beyond the kept records that make a new set worth its cost. */
const RENEW_AFTER = 1024;
const renewalListeners: (() => void)[] = [];

function freezeAll(value: unknown): void {
  // A frozen part is not walked again (the parts of a voucher a redemption shows, say): freezeAll
  // freezes an object only after all it holds, and nothing else in mock-voucherify freezes what it
  // stores, so a frozen part is frozen all the way down.
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  freezeMembers(value);
}

function freezeMembers(value: object): void {
  for (const key of Object.keys(value)) freezeAll((value as Record<string, unknown>)[key]);
  Object.freeze(value);
}

/** Freezes `value` and everything it holds; a record already frozen here is not walked again. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value)) return value;
  // The record itself is walked even when frozen: it may have been frozen only at its top level.
  freezeMembers(value);
  deeplyFrozen.add(value);
  marked++;
  return value;
}

/** Records waiting for deepFreezeSoon's turns, oldest first. */
const pending: object[][] = [];
/** Records frozen per turn of the event loop: a few milliseconds, so requests are not kept waiting. */
const FREEZE_PER_TURN = 2000;

function freezeTurn(): void {
  let budget = FREEZE_PER_TURN;
  while (budget > 0 && pending.length > 0) {
    const batch = pending[0];
    const count = Math.min(budget, batch.length);
    for (const record of batch.splice(0, count)) deepFreeze(record);
    budget -= count;
    if (batch.length === 0) pending.shift();
  }
  if (pending.length > 0) setImmediate(freezeTurn).unref();
}

/**
 * deepFreeze for records loaded whole (a --db tenant, a restored snapshot), a few thousand per turn
 * of the event loop, beginning after the current request: the first answer from a large saved
 * tenant does not wait for every record to be frozen. Until its turn a record is served as it is
 * (nothing changes records in place), only without the kept JSON text of frozen records.
 */
export function deepFreezeSoon(records: object[]): void {
  if (records.length === 0) return;
  if (pending.length === 0) setImmediate(freezeTurn).unref();
  pending.push(records.slice());
}

/** True for a value deepFreeze has frozen with everything it holds: it can never change. */
export const isDeeplyFrozen = (value: object): boolean => deeplyFrozen.has(value);

/**
 * Called when every tenant has been dropped: starts a new set of marks holding only those of `kept`
 * (the records still in use: the fixtures'), so that the old table goes with the records it
 * marked. A record no longer marked is only walked again if it is stored again, and caches keyed by
 * records (see onFrozenMarksRenewed) start afresh. Does nothing while few records came and went.
 */
export function renewFrozenMarks(kept: Iterable<object>, keptCount: number): void {
  if (marked <= keptCount + RENEW_AFTER) return;
  const next = new WeakSet<object>();
  let count = 0;
  for (const value of kept) {
    if (!deeplyFrozen.has(value)) continue;
    next.add(value);
    count++;
  }
  deeplyFrozen = next;
  marked = count;
  for (const listener of renewalListeners) listener();
}

/** `listener` runs after each renewal: a cache keyed by records replaces its own WeakMap then, for the same reason. */
export function onFrozenMarksRenewed(listener: () => void): void {
  renewalListeners.push(listener);
}
