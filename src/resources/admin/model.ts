// The mock's own admin operations: tenant resets.

import type { Store } from '../../store/store.js';

/** Drops the tenant's state (or every tenant's); the fixtures come back on the next request. */
export function resetTenants(store: Store, tenantId: string, all: boolean): void {
  if (all) store.resetAll();
  else store.reset(tenantId);
}
