// The mock's own admin operations: tenant resets, the tenant's clock, and its state as a whole
// (export, replace, named snapshots).

import { invalidPayload, notFound } from '../../errors.js';
import { addDuration, parseDuration } from '../../domain/validity.js';
import type { Identified } from '../../store/collection.js';
import { FixtureError, parseTenantData, toFixtureFormat } from '../../store/fixtures.js';
import type { Store } from '../../store/store.js';
import type { ClockState, TenantClocks } from '../../store/tenant-clocks.js';
import type { TenantData } from '../../store/tenant.js';

/** Drops the tenant's state (or every tenant's); the fixtures come back on the next request. */
export function resetTenants(store: Store, tenantId: string, all: boolean): void {
  if (all) store.resetAll();
  else store.reset(tenantId);
}

// --- The tenant's clock ---

export interface ClockChange {
  now?: string;
  advance?: string;
  advance_ms?: number;
}

/**
 * Sets the tenant's clock (`now`: frozen at that instant) or moves it forward (`advance`, an ISO 8601
 * duration, years and months by the calendar from the tenant's time now; `advance_ms`). A clock
 * that still follows the app's keeps running, that much ahead; a frozen one stays frozen.
 */
export function changeClock(clocks: TenantClocks, tenantId: string, change: ClockChange): ClockState {
  const given = (['now', 'advance', 'advance_ms'] as const).filter((field) => change[field] !== undefined);
  if (given.length !== 1) {
    throw invalidPayload(`Send exactly one of now, advance and advance_ms${given.length > 1 ? ` (got ${given.join(', ')})` : ''}`);
  }
  try {
    if (change.now !== undefined) clocks.freeze(tenantId, Date.parse(change.now));
    else if (change.advance !== undefined) {
      const duration = parseDuration(change.advance);
      if (!duration) {
        throw invalidPayload(`advance must be a positive ISO 8601 duration such as P1D, PT1H30M, P1Y2M or PT0.5S, not "${change.advance}"`);
      }
      const now = clocks.time(tenantId);
      clocks.advance(tenantId, addDuration(now, duration) - now);
    } else clocks.advance(tenantId, change.advance_ms as number);
  } catch (error) {
    if (error instanceof RangeError) throw invalidPayload(`${given[0]}: ${error.message}`);
    throw error;
  }
  return clocks.state(tenantId);
}

// --- The tenant's state ---

/** The tenant's state in the fixture format (what --fixtures reads, and PUT /_mock/state takes). */
export function exportState(store: Store, tenantId: string): Record<string, Identified[]> {
  return toFixtureFormat(store.state(tenantId), store.collectionDefs);
}

/**
 * Replaces the tenant's state with `body` (the fixture format), checked as fixture files are (ids,
 * each collection's checks, unique keys), but for references: what GET /_mock/state exports must
 * come back, and a tenant's state may name a customer it deleted. A problem answers 400 naming it,
 * and nothing changes. A collection the body leaves out is empty.
 */
export function replaceState(store: Store, tenantId: string, body: unknown): void {
  let data: TenantData;
  try {
    data = parseTenantData(body, 'state', store.collectionDefs, { references: false });
  } catch (error) {
    if (error instanceof FixtureError) throw invalidPayload(error.message);
    throw error;
  }
  store.replace(tenantId, data);
}

// --- Named snapshots: in memory, per store and tenant; a reset of the tenant keeps them ---

interface Snapshot {
  name: string;
  created_at: string;
  data: TenantData;
}

export interface SnapshotSummary {
  name: string;
  created_at: string;
  counts: Record<string, number>;
}

/** Store → tenant id → snapshot name → snapshot. Keyed by the store, so apps that share one share these. */
const snapshotsByStore = new WeakMap<Store, Map<string, Map<string, Snapshot>>>();

function snapshotsOf(store: Store, tenantId: string): Map<string, Snapshot> {
  let tenants = snapshotsByStore.get(store);
  if (!tenants) snapshotsByStore.set(store, (tenants = new Map()));
  let snapshots = tenants.get(tenantId);
  if (!snapshots) tenants.set(tenantId, (snapshots = new Map()));
  return snapshots;
}

const summary = (store: Store, snapshot: Snapshot): SnapshotSummary => ({
  name: snapshot.name,
  created_at: snapshot.created_at,
  counts: Object.fromEntries(store.collectionDefs.map((def) => [def.name, Object.keys(snapshot.data[def.name] ?? {}).length])),
});

function snapshotNamed(store: Store, tenantId: string, name: string): Snapshot {
  const snapshot = snapshotsOf(store, tenantId).get(name);
  if (!snapshot) throw notFound('snapshot', name);
  return snapshot;
}

/**
 * Saves the tenant's state under `name` (a snapshot of that name is replaced). Records are
 * immutable values, so the snapshot shares them with the tenant: saving copies no record.
 */
export function saveSnapshot(store: Store, tenantId: string, name: string, createdAt: string): SnapshotSummary {
  const snapshots = snapshotsOf(store, tenantId);
  const snapshot = { name, created_at: createdAt, data: store.state(tenantId) };
  // A snapshot saved again under its name moves to the end of the list, as a new one.
  snapshots.delete(name);
  snapshots.set(name, snapshot);
  return summary(store, snapshot);
}

/** Puts the tenant's state back to the snapshot (404 when there is none of that name); the snapshot stays. */
export function restoreSnapshot(store: Store, tenantId: string, name: string): SnapshotSummary {
  const snapshot = snapshotNamed(store, tenantId, name);
  store.replace(tenantId, snapshot.data);
  return summary(store, snapshot);
}

export function listSnapshots(store: Store, tenantId: string): SnapshotSummary[] {
  return [...snapshotsOf(store, tenantId).values()].map((snapshot) => summary(store, snapshot));
}

export function deleteSnapshot(store: Store, tenantId: string, name: string): void {
  snapshotNamed(store, tenantId, name);
  snapshotsOf(store, tenantId).delete(name);
}
