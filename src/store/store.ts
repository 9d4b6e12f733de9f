// All tenants' state: in memory by default, or with --db durable on disk (persistence.ts: lowdb's
// JSON file as a snapshot, and a change log). Every tenant starts from the same fixture collections,
// shared and copied only where the tenant writes.

import { Collection, type CollectionDef, type Identified } from './collection.js';
import { Persistence, type Disk } from './persistence.js';
import { evictBeyond, touch } from './eviction.js';
import { renewFrozenMarks } from './freeze.js';
import { Tenant, type TenantData } from './tenant.js';

export interface StoreOptions {
  /** The state every new (or reset) tenant starts from. */
  fixtures: TenantData;
  /** Every collection the mock knows (src/resources/index.ts lists them). */
  collections: readonly CollectionDef<Identified>[];
  /** Persist to this JSON file (lowdb's JSON format) and its change log, and reload them at start. */
  dbFile?: string;
  /** With dbFile: disk errors (changes undone, a fold that failed), reported rather than thrown. */
  onError?: (error: unknown) => void;
  /** With dbFile: the file operations (tests pass a disk that fails on demand). */
  disk?: Disk;
  /** With dbFile: fold the change log into the snapshot after this many bytes (default 4 MiB, or the snapshot's size). */
  foldAfterBytes?: number;
  /** Keep at most this many tenants in memory (see Store.maxTenants). */
  maxTenants?: number;
}

export class Store {
  /** Tenants in memory, least recently used first. A Map: a tenant may be called anything, "__proto__" included. */
  private readonly tenants = new Map<string, Tenant>();
  private limit: number | undefined;
  /** Tenants read from the --db file and not used since the start. */
  private readonly saved: Map<string, TenantData>;
  /** The fixtures as one collection per kind, built once and forked by every tenant. */
  private readonly base = new Map<string, Collection<Identified>>();
  /** Called when a tenant leaves memory (maxTenants), with its id. */
  private readonly evictListeners: ((tenantId: string) => void)[] = [];
  /** Called after a reset: with the tenant's id, or undefined when every tenant was reset. */
  private readonly resetListeners: ((tenantId: string | undefined) => void)[] = [];
  /** Called after a tenant's state is replaced, with its id and the new state. */
  private readonly replaceListeners: ((tenantId: string, data: TenantData) => void)[] = [];

  private constructor(
    fixtures: TenantData,
    private readonly defs: readonly CollectionDef<Identified>[],
    saved?: Map<string, TenantData>,
    private readonly persistence?: Persistence,
  ) {
    for (const def of defs) this.base.set(def.name, new Collection(def, Object.values(fixtures[def.name] ?? {})));
    this.saved = saved ?? new Map();
    persistence?.track(() => this.data());
  }

  static async open(options: StoreOptions): Promise<Store> {
    const store = options.dbFile ? await Store.persisted(options, options.dbFile) : Store.inMemory(options.fixtures, options.collections);
    store.maxTenants = options.maxTenants;
    return store;
  }

  private static async persisted(options: StoreOptions, dbFile: string): Promise<Store> {
    const { persistence, tenants } = await Persistence.open({ ...options, dbFile });
    return new Store(options.fixtures, options.collections, tenants, persistence);
  }

  /** Synchronous twin of `open` for the in-memory case. */
  static inMemory(fixtures: TenantData, collections: readonly CollectionDef<Identified>[]): Store {
    return new Store(fixtures, collections);
  }

  /**
   * The most tenants kept in memory, or undefined for no limit. Beyond it, opening a tenant evicts
   * the least recently used idle ones (see eviction.ts): an evicted tenant's next request starts
   * from the fixtures again, or, with a --db file, from its saved state.
   */
  get maxTenants(): number | undefined {
    return this.limit;
  }

  set maxTenants(max: number | undefined) {
    if (max !== undefined && !(Number.isSafeInteger(max) && max >= 1)) throw new RangeError(`maxTenants must be a whole number of at least 1, not ${max}`);
    this.limit = max;
  }

  /** The tenant for an app id, now the most recently used; beyond maxTenants, the least recently used idle ones go. */
  tenant(id: string): Tenant {
    const tenant = this.load(id);
    // With --db, nothing leaves memory while writes are on their way to disk: a batch the disk refuses
    // is undone in the tenants that made it.
    if (this.limit !== undefined && !this.persistence?.writing) evictBeyond(this.tenants, this.limit, tenant, (evicted) => this.evict(evicted));
    return tenant;
  }

  /** The tenant for an app id: its saved state, else the fixtures (shared until it writes). */
  private load(id: string): Tenant {
    let tenant = this.tenants.get(id);
    if (tenant) return touch(this.tenants, tenant);
    const saved = this.saved.get(id);
    if (saved) {
      this.saved.delete(id);
      // Tenants saved before a collection existed have none of its records.
      tenant = new Tenant(id, (def, journal) => Collection.loaded(def, Object.values(saved[def.name] ?? {}), journal), this.defs, true);
    } else {
      tenant = new Tenant(id, (def, journal) => (this.base.get(def.name) as Collection<Identified>).fork(journal), this.defs);
    }
    this.tenants.set(id, tenant);
    return tenant;
  }

  /** Every collection the store keeps (as StoreOptions.collections gave them). */
  get collectionDefs(): readonly CollectionDef<Identified>[] {
    return this.defs;
  }

  tenantIds(): string[] {
    return [...new Set([...this.saved.keys(), ...this.tenants.keys()])];
  }

  /** The tenants in memory, least recently used first. */
  tenantsInMemory(): string[] {
    return [...this.tenants.keys()];
  }

  /**
   * Out of memory: with --db, a tenant with state of its own keeps it as saved state (what the file
   * holds, and what its next request reloads); a tenant that is still the fixtures has nothing to keep.
   */
  private evict(tenant: Tenant): void {
    if (this.persistence && !tenant.pristine) this.saved.set(tenant.id, tenant.toJSON());
    for (const listener of this.evictListeners) listener(tenant.id);
  }

  /** Runs `listener` when a tenant is evicted (maxTenants): what is kept per tenant for its requests (a journal) goes with it. */
  onEvict(listener: (tenantId: string) => void): void {
    this.evictListeners.push(listener);
  }

  /**
   * Runs `listener` after every reset (with the tenant's id, or undefined for a reset of all): what
   * is kept per tenant beside its data (a journal, faults, a clock…) is cleared with it.
   */
  onReset(listener: (tenantId: string | undefined) => void): void {
    this.resetListeners.push(listener);
  }

  /**
   * Runs `listener` after a tenant's state is replaced (PUT /_mock/state, a snapshot restored), with
   * the new state: what is kept across tenants about their records (an index) learns of them.
   */
  onReplace(listener: (tenantId: string, data: TenantData) => void): void {
    this.replaceListeners.push(listener);
  }

  /** Puts one tenant back to the fixtures. It is rebuilt lazily on its next request. */
  reset(id: string): void {
    const tenant = this.tenants.get(id);
    const saved = this.saved.get(id);
    this.tenants.delete(id);
    this.saved.delete(id);
    this.persistence?.reset(id, () => {
      if (tenant) this.tenants.set(id, tenant);
      if (saved) this.saved.set(id, saved);
    });
    for (const listener of this.resetListeners) listener(id);
  }

  /**
   * Replaces one tenant's state with `data` (every collection; one it lacks is empty), as checked
   * fixtures or a snapshot give it. The records are shared, never changed: a write puts new ones.
   * With --db the new state is logged like any write (undone in memory if the disk refuses it; the
   * caller waits with `commit(undefined)`).
   */
  replace(id: string, data: TenantData): void {
    const previous = this.tenants.get(id);
    if (previous?.busy) throw new Error(`tenant ${id}: cannot replace its state while a change is under way`);
    const saved = this.saved.get(id);
    const tenant = new Tenant(id, (def, journal) => Collection.loaded(def, Object.values(data[def.name] ?? {}), journal), this.defs, true);
    this.saved.delete(id);
    this.tenants.delete(id);
    this.tenants.set(id, tenant);
    this.persistence?.replace(id, data, () => {
      if (this.tenants.get(id) === tenant) this.tenants.delete(id);
      if (previous) this.tenants.set(id, previous);
      if (saved) this.saved.set(id, saved);
    });
    for (const listener of this.replaceListeners) listener(id, data);
  }

  /**
   * The records of one collection with the id of the tenant holding them, for every tenant with state
   * of its own: saved in the --db file, or in memory and written to. Tenants that are still the
   * fixtures are left out (what they hold, every new tenant holds). What an index across tenants is
   * built from when the store opens.
   */
  *recordsOf<T extends Identified, U extends string, G extends string>(def: CollectionDef<T, U, G>): Generator<[tenantId: string, record: T]> {
    for (const [id, data] of this.saved) for (const record of Object.values(data[def.name] ?? {})) yield [id, record as T];
    for (const [id, tenant] of this.tenants) if (!tenant.pristine) for (const record of tenant.collection(def).all()) yield [id, record];
  }

  /** One tenant's whole state now (every collection), without keeping the tenant in memory if it was not. */
  state(id: string): TenantData {
    const tenant = this.tenants.get(id);
    if (tenant) return tenant.toJSON();
    const saved = this.saved.get(id);
    if (saved) return saved;
    const data: TenantData = Object.create(null);
    for (const [name, collection] of this.base) data[name] = collection.toJSON();
    return data;
  }

  resetAll(): void {
    const tenants = [...this.tenants];
    const saved = [...this.saved];
    this.tenants.clear();
    this.saved.clear();
    this.persistence?.reset(undefined, () => {
      for (const [id, tenant] of tenants) this.tenants.set(id, tenant);
      for (const [id, data] of saved) this.saved.set(id, data);
    });
    // Only the fixtures' records are left: what was kept per record (freeze marks, JSON texts) starts afresh.
    renewFrozenMarks(this.fixtureRecords(), this.fixtureCount());
    for (const listener of this.resetListeners) listener(undefined);
  }

  private *fixtureRecords(): Generator<Identified> {
    for (const collection of this.base.values()) yield* collection.all();
  }

  private fixtureCount(): number {
    let count = 0;
    for (const collection of this.base.values()) count += collection.size;
    return count;
  }

  /**
   * Keeps the writes of the tenant's transaction (if a request opened one). In memory, that is all
   * (undefined). With --db, answers a promise that resolves once they, and every change the request
   * could have seen, are on disk: the answer waits for it. It rejects (the writes undone) if the disk
   * refuses them.
   */
  commit(tenant: Tenant | undefined): Promise<void> | undefined {
    if (!this.persistence) {
      tenant?.commit();
      return undefined;
    }
    return this.persistence.commit(tenant);
  }

  /** Stops persisting: waits for the change log, writes the last snapshot and removes the log. */
  async close(): Promise<void> {
    await this.persistence?.close();
  }

  /** Every tenant's state at this moment, as the --db snapshot holds it. */
  private data(): Record<string, TenantData> {
    // A null-prototype object: tenant ids are keys, whatever they are called.
    const tenants: Record<string, TenantData> = Object.create(null);
    for (const [id, data] of this.saved) tenants[id] = data;
    // A tenant that is still the fixtures has nothing to keep: its next request starts from them.
    for (const [id, tenant] of this.tenants) if (!tenant.pristine) tenants[id] = tenant.toJSON();
    return tenants;
  }
}
