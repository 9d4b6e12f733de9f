// One collection of a tenant's records, keyed by id, with unique and grouping indexes
// and a journal so that a failed request can take back every write it made.

export interface Identified {
  id: string;
}

export interface IndexSpec<T> {
  name: string;
  /** The key(s) a record is found under; undefined/null keys are not indexed. */
  key: (record: T) => string | null | undefined;
  /** Unique indexes map a key to one id; grouping indexes map it to the ids that share it. */
  unique: boolean;
}

export interface Journal {
  record(undo: () => void): void;
}

/**
 * Records are treated as immutable values: a change is `put` of a new object, never
 * a mutation in place, so the journal can restore the previous object on rollback.
 */
export class Collection<T extends Identified> {
  private readonly uniques = new Map<string, Map<string, string>>();
  private readonly groups = new Map<string, Map<string, Set<string>>>();

  constructor(
    readonly name: string,
    private readonly records: Record<string, T>,
    private readonly indexes: IndexSpec<T>[],
    private readonly journal: () => Journal | undefined,
  ) {
    for (const index of indexes) {
      if (index.unique) this.uniques.set(index.name, new Map());
      else this.groups.set(index.name, new Map());
    }
    for (const record of Object.values(records)) this.addToIndexes(record);
  }

  get(id: string): T | undefined {
    return Object.hasOwn(this.records, id) ? this.records[id] : undefined;
  }

  /** The record whose unique index `index` has `key`. */
  findBy(index: string, key: string): T | undefined {
    const id = this.uniqueIndex(index).get(key);
    return id === undefined ? undefined : this.records[id];
  }

  /** The records that share `key` in grouping index `index`, in insertion order. */
  groupOf(index: string, key: string): T[] {
    const ids = this.groupIndex(index).get(key);
    if (!ids) return [];
    const out: T[] = [];
    for (const id of ids) out.push(this.records[id]);
    return out;
  }

  /** The first record (in insertion order) that has `key` in grouping index `index`, without listing them all. */
  firstOf(index: string, key: string): T | undefined {
    const ids = this.groupIndex(index).get(key);
    if (!ids) return undefined;
    for (const id of ids) return this.records[id];
    return undefined;
  }

  /** How many records share `key` in grouping index `index`, without listing them. */
  countOf(index: string, key: string): number {
    return this.groupIndex(index).get(key)?.size ?? 0;
  }

  all(): T[] {
    return Object.values(this.records);
  }

  put(record: T): T {
    const previous = this.get(record.id);
    this.journal()?.record(() => this.restore(record.id, previous));
    this.restore(record.id, record);
    return record;
  }

  remove(id: string): void {
    const previous = this.get(id);
    if (!previous) return;
    this.journal()?.record(() => this.restore(id, previous));
    this.restore(id, undefined);
  }

  private restore(id: string, record: T | undefined): void {
    const current = this.get(id);
    if (current) this.removeFromIndexes(current);
    if (record) {
      this.records[id] = record;
      this.addToIndexes(record);
    } else {
      delete this.records[id];
    }
  }

  private addToIndexes(record: T): void {
    for (const index of this.indexes) {
      const key = index.key(record);
      if (key === undefined || key === null) continue;
      if (index.unique) this.uniqueIndex(index.name).set(key, record.id);
      else {
        const group = this.groupIndex(index.name);
        let ids = group.get(key);
        if (!ids) group.set(key, (ids = new Set()));
        ids.add(record.id);
      }
    }
  }

  private removeFromIndexes(record: T): void {
    for (const index of this.indexes) {
      const key = index.key(record);
      if (key === undefined || key === null) continue;
      if (index.unique) {
        const unique = this.uniqueIndex(index.name);
        if (unique.get(key) === record.id) unique.delete(key);
      } else {
        const ids = this.groupIndex(index.name).get(key);
        ids?.delete(record.id);
        if (ids && ids.size === 0) this.groupIndex(index.name).delete(key);
      }
    }
  }

  private uniqueIndex(name: string): Map<string, string> {
    const index = this.uniques.get(name);
    if (!index) throw new Error(`${this.name} has no unique index ${name}`);
    return index;
  }

  private groupIndex(name: string): Map<string, Set<string>> {
    const index = this.groups.get(name);
    if (!index) throw new Error(`${this.name} has no grouping index ${name}`);
    return index;
  }
}
