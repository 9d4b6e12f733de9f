// All tenants' state in one lowdb database: in memory by default, or a JSON file with --db.

import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { Tenant } from './tenant.js';
import type { TenantData } from './records.js';

interface Database {
  tenants: Record<string, TenantData>;
}

export interface StoreOptions {
  /** The state every new (or reset) tenant starts from. */
  fixtures: TenantData;
  /** Persist to this JSON file (lowdb's JSONFile adapter) and reload it at start. */
  dbFile?: string;
}

export class Store {
  private readonly tenants = new Map<string, Tenant>();
  private writeTimer: NodeJS.Timeout | undefined;
  private pendingWrite: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Low<Database>,
    private readonly fixtures: TenantData,
    private readonly persistent: boolean,
  ) {}

  static async open(options: StoreOptions): Promise<Store> {
    const empty: Database = { tenants: {} };
    const db = options.dbFile ? new Low<Database>(new JSONFile(options.dbFile), empty) : new Low<Database>(new Memory(), empty);
    await db.read();
    if (!db.data || typeof db.data !== 'object' || typeof db.data.tenants !== 'object') db.data = empty;
    return new Store(db, options.fixtures, Boolean(options.dbFile));
  }

  /** Synchronous twin of `open` for the in-memory case (lowdb's Memory adapter never waits). */
  static inMemory(fixtures: TenantData): Store {
    const db = new Low<Database>(new Memory(), { tenants: {} });
    return new Store(db, fixtures, false);
  }

  /** The tenant for an app id, created from the fixtures on first use. */
  tenant(id: string): Tenant {
    let tenant = this.tenants.get(id);
    if (tenant) return tenant;
    let data = this.db.data.tenants[id];
    if (!data) {
      data = structuredClone(this.fixtures);
      this.db.data.tenants[id] = data;
    }
    tenant = new Tenant(id, data);
    this.tenants.set(id, tenant);
    return tenant;
  }

  tenantIds(): string[] {
    return Object.keys(this.db.data.tenants);
  }

  /** Puts one tenant back to the fixtures. It is rebuilt lazily on its next request. */
  reset(id: string): void {
    this.tenants.delete(id);
    delete this.db.data.tenants[id];
    this.changed();
  }

  resetAll(): void {
    this.tenants.clear();
    this.db.data.tenants = {};
    this.changed();
  }

  /** Called after a request that wrote something; with --db the file follows shortly after. */
  changed(): void {
    if (!this.persistent || this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      this.pendingWrite = this.pendingWrite.then(() => this.db.write());
    }, 20);
  }

  /** Writes anything not yet on disk. */
  async flush(): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
      this.pendingWrite = this.pendingWrite.then(() => this.db.write());
    }
    await this.pendingWrite;
  }
}
