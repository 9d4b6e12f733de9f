// Which tenants leave memory when there are more than --max-tenants: the least recently used that
// no request is using. The store keeps its tenants in a Map, least recently used first.

import type { Tenant } from './tenant.js';

/** Marks `tenant` as the most recently used: a Map iterates in insertion order, so it moves to the end. */
export function touch(tenants: Map<string, Tenant>, tenant: Tenant): Tenant {
  tenants.delete(tenant.id);
  tenants.set(tenant.id, tenant);
  return tenant;
}

/**
 * Evicts the least recently used idle tenants until at most `max` are left, never `current` (the
 * one a request is opening) nor a busy one (a request is using it: it goes at a later call, once
 * idle). Each evicted tenant is removed from `tenants`, then handed to `evict`.
 */
export function evictBeyond(tenants: Map<string, Tenant>, max: number, current: Tenant, evict: (tenant: Tenant) => void): void {
  if (tenants.size <= max) return;
  for (const tenant of tenants.values()) {
    if (tenant === current || tenant.busy) continue;
    tenants.delete(tenant.id);
    evict(tenant);
    if (tenants.size <= max) return;
  }
}
