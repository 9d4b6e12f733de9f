// All tenants' state: in memory by default, or a JSON file (lowdb) with --db. Every tenant starts
// from the same fixture collections, shared and copied only where the tenant writes.

import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { Collection, type CollectionDef, type Identified } from './collection.js';
import { evictBeyond, touch } from './eviction.js';
import { renewFrozenMarks } from './freeze.js';
import { Tenant, type TenantData } from './tenant.js';

interface Database {
  tenants: Record<string, TenantData | Tenant>;
}

export interface StoreOptions {
  /** The state every new (or reset) tenant starts from. */
  fixtures: TenantData;
  /** Every collection the mock knows (src/resources/index.ts lists them). */
  collections: readonly CollectionDef<Identified>[];
  /** Persist to this JSON file (lowdb's JSONFile adapter) and reload it at start. */
  dbFile?: string;
  /** Keep at most this many tenants in memory (see Store.maxTenants). */
  maxTenants?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class Store {
  /** Tenants in memory, least recently used first. A Map: a tenant may be called anything, "__proto__" included. */
  private readonly tenants = new Map<string, Tenant>();
  private limit: number | undefined;
  /** Tenants read from the --db file and not used since the start. */
  private readonly saved = new Map<string, TenantData>();
  /** The fixtures as one collection per kind, built once and forked by every tenant. */
  private readonly base = new Map<string, Collection<Identified>>();
  private writeTimer: NodeJS.Timeout | undefined;
  private pendingWrite: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Low<Database>,
    fixtures: TenantData,
    private readonly defs: readonly CollectionDef<Identified>[],
    private readonly persistent: boolean,
  ) {
    for (const def of defs) this.base.set(def.name, new Collection(def, Object.values(fixtures[def.name] ?? {})));
    const tenants = isObject(db.data?.tenants) ? db.data.tenants : {};
    for (const [id, data] of Object.entries(tenants)) if (isObject(data)) this.saved.set(id, data as TenantData);
  }

  static async open(options: StoreOptions): Promise<Store> {
    const db = options.dbFile ? new Low<Database>(new JSONFile(options.dbFile), { tenants: {} }) : new Low<Database>(new Memory(), { tenants: {} });
    await db.read();
    const store = new Store(db, options.fixtures, options.collections, Boolean(options.dbFile));
    store.maxTenants = options.maxTenants;
    return store;
  }

  /** Synchronous twin of `open` for the in-memory case (lowdb's Memory adapter never waits). */
  static inMemory(fixtures: TenantData, collections: readonly CollectionDef<Identified>[]): Store {
    return new Store(new Low<Database>(new Memory(), { tenants: {} }), fixtures, collections, false);
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
    if (this.limit !== undefined) evictBeyond(this.tenants, this.limit, tenant, (evicted) => this.evict(evicted));
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
      tenant = new Tenant(id, (def, journal) => new Collection(def, Object.values(saved[def.name] ?? {}), journal), this.defs, true);
    } else {
      tenant = new Tenant(id, (def, journal) => (this.base.get(def.name) as Collection<Identified>).fork(journal), this.defs);
    }
    this.tenants.set(id, tenant);
    return tenant;
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
    if (this.persistent && !tenant.pristine) this.saved.set(tenant.id, tenant.toJSON());
  }

  /** Puts one tenant back to the fixtures. It is rebuilt lazily on its next request. */
  reset(id: string): void {
    this.tenants.delete(id);
    this.saved.delete(id);
    this.changed();
  }

  resetAll(): void {
    this.tenants.clear();
    this.saved.clear();
    // Only the fixtures' records are left: what was kept per record (freeze marks, JSON texts) starts afresh.
    renewFrozenMarks(this.fixtureRecords(), this.fixtureCount());
    this.changed();
  }

  private *fixtureRecords(): Generator<Identified> {
    for (const collection of this.base.values()) yield* collection.all();
  }

  private fixtureCount(): number {
    let count = 0;
    for (const collection of this.base.values()) count += collection.size;
    return count;
  }

  /** Called after a request that wrote something; with --db the file follows shortly after. */
  changed(): void {
    if (!this.persistent || this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      this.pendingWrite = this.pendingWrite.then(() => this.write());
    }, 20);
  }

  /** Writes anything not yet on disk. */
  async flush(): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
      this.pendingWrite = this.pendingWrite.then(() => this.write());
    }
    await this.pendingWrite;
  }

  private write(): Promise<void> {
    // A null-prototype object: tenant ids are keys, whatever they are called.
    const tenants: Database['tenants'] = Object.create(null);
    for (const [id, data] of this.saved) tenants[id] = data;
    // A tenant that is still the fixtures has nothing to keep: its next request starts from them.
    for (const [id, tenant] of this.tenants) if (!tenant.pristine) tenants[id] = tenant;
    this.db.data = { tenants };
    return this.db.write();
  }
}
