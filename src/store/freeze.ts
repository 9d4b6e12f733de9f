// Deep freezing of stored records: a record is a value, so changing one in place (instead of
// putting a changed copy) throws at once rather than corrupting a rollback or another tenant.

/** Freezes `value` and everything it holds; already frozen parts are left as they are. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
