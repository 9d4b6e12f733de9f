// Deep freezing of stored records: a record is a value, so changing one in place (instead of
// putting a changed copy) throws at once rather than corrupting a rollback or another tenant.

/** Records (the roots given to deepFreeze) frozen with everything they hold. Parts are not listed: one entry per record. */
const deeplyFrozen = new WeakSet<object>();

function freezeAll(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  // Even an object frozen elsewhere is walked: it may have been frozen only at its top level.
  for (const key of Object.keys(value)) freezeAll((value as Record<string, unknown>)[key]);
  Object.freeze(value);
}

/** Freezes `value` and everything it holds; a record already frozen here is not walked again. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value)) return value;
  freezeAll(value);
  deeplyFrozen.add(value);
  return value;
}

/** True for a value deepFreeze has frozen with everything it holds: it can never change. */
export const isDeeplyFrozen = (value: object): boolean => deeplyFrozen.has(value);
