// Deep freezing of stored records: a record is a value, so changing one in place (instead of
// putting a changed copy) throws at once rather than corrupting a rollback or another tenant.

/** Objects frozen here with everything they hold; a part frozen elsewhere may still hold changeable objects. */
const deeplyFrozen = new WeakSet<object>();

/** Freezes `value` and everything it holds; parts already frozen here are not walked again. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  Object.freeze(value);
  deeplyFrozen.add(value);
  return value;
}

/** True for a value deepFreeze has frozen with everything it holds: it can never change. */
export const isDeeplyFrozen = (value: object): boolean => deeplyFrozen.has(value);
