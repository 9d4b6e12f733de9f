// One tenant's state (what one X-App-Id sees): its collections, opened on first use, and transactions.

import { Collection, type Change, type CollectionDef, type Identified, type Journal } from './collection.js';

/** A tenant's whole state, as fixture and --db files hold it: collection name → id → record. */
export type TenantData = Record<string, Record<string, Identified>>;

/** Where a tenant's collections come from: the shared fixtures (forked) or a tenant's own saved data. */
export type CollectionSource = (def: CollectionDef<Identified>, journal: () => Journal | undefined) => Collection<Identified>;

/** What `commit` kept: the writes in order, and how to take them all back (when --db cannot save them). */
export interface Committed {
  readonly changes: readonly Change[];
  rollback(): void;
}

class UndoJournal implements Journal, Committed {
  private readonly undos: (() => void)[] = [];
  readonly changes: Change[] = [];
  record(undo: () => void, change: Change): void {
    this.undos.push(undo);
    this.changes.push(change);
  }
  rollback(): void {
    for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]();
  }
  get dirty(): boolean {
    return this.undos.length > 0;
  }
  /** How many writes were recorded so far: a point `rollbackTo` can go back to. */
  get mark(): number {
    return this.undos.length;
  }
  /** Undoes the writes recorded after `mark`, newest first, and forgets them. */
  rollbackTo(mark: number): void {
    for (let i = this.undos.length - 1; i >= mark; i--) this.undos[i]();
    this.undos.length = mark;
    this.changes.length = mark;
  }
}

export class Tenant {
  /**
   * The collections opened: those written to (or restored from saved state) stay; forks only read
   * go when the request ends, so that between requests a tenant that only reads holds none.
   */
  private readonly collections = new Map<string, Collection<Identified>>();
  private journal: UndoJournal | undefined;
  private readonly currentJournal = () => this.journal;

  constructor(
    readonly id: string,
    private readonly source: CollectionSource,
    /** Every collection the mock knows, so that a saved tenant holds all of them. */
    private readonly defs: readonly CollectionDef<Identified>[],
    /** True when `source` gives the tenant's own saved records rather than forks of the shared fixtures. */
    private readonly restored = false,
  ) {}

  /** The tenant's collection of `def`'s records; opening one costs nothing until it is written. */
  collection<T extends Identified, U extends string, G extends string>(def: CollectionDef<T, U, G>): Collection<T, U, G> {
    let collection = this.collections.get(def.name);
    if (!collection) {
      collection = this.source(def as unknown as CollectionDef<Identified>, this.currentJournal);
      this.collections.set(def.name, collection);
    }
    return collection as unknown as Collection<T, U, G>;
  }

  /** True between `begin` and `commit`/`rollback`: a request is using the tenant. */
  get busy(): boolean {
    return this.journal !== undefined;
  }

  /** True while the tenant is exactly the fixtures: not restored from saved state, and never written. */
  get pristine(): boolean {
    if (this.restored) return false;
    for (const collection of this.collections.values()) if (!collection.untouched) return false;
    return true;
  }

  /** How many collections the tenant holds between requests (read-only forks are not kept). */
  get heldCollections(): number {
    return this.collections.size;
  }

  /** Starts collecting this request's writes; `commit` keeps them, `rollback` undoes them all. */
  begin(): void {
    if (this.journal) throw new Error(`tenant ${this.id}: a change is already under way`);
    this.journal = new UndoJournal();
  }

  /**
   * Keeps the writes since `begin`; answers them (undefined when there were none). Their `rollback`
   * still takes them back, as long as every later write to this tenant is taken back first.
   */
  commit(): Committed | undefined {
    const journal = this.journal;
    this.journal = undefined;
    this.dropUnwritten();
    return journal?.dirty ? journal : undefined;
  }

  rollback(): void {
    const journal = this.journal;
    this.journal = undefined;
    journal?.rollback();
    this.dropUnwritten();
  }

  /** Forks the request only read share everything with the fixtures: the next request forks again. */
  private dropUnwritten(): void {
    for (const [name, collection] of this.collections) if (collection.untouched) this.collections.delete(name);
  }

  /** Runs `work` all-or-nothing: if it throws, every write it made is undone and the error goes on. */
  transaction<T>(work: () => T): T {
    this.begin();
    try {
      const result = work();
      this.commit();
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  /**
   * Runs `work` inside the change under way, as one step of it: if `work` throws, the writes it
   * made are undone (those made before it stay) and the error goes on. An import uses it so that
   * a row it cannot take leaves nothing behind while the other rows are kept. Outside a change
   * (no `begin`) there is nothing to undo with, and `work` simply runs.
   */
  attempt<T>(work: () => T): T {
    const journal = this.journal;
    if (!journal) return work();
    const mark = journal.mark;
    try {
      return work();
    } catch (error) {
      journal.rollbackTo(mark);
      throw error;
    }
  }

  /** The whole state, every collection included, as a --db file keeps it. */
  toJSON(): TenantData {
    const data: TenantData = {};
    for (const def of this.defs) data[def.name] = this.collection(def).toJSON();
    return data;
  }
}
