// One collection of a tenant's records, keyed by id, with unique, grouping and sorted indexes, a
// journal so that a failed request can take back every write it made, and copy on write so that
// every tenant can start from the same fixture records without copying them.

import { deepFreeze, deepFreezeSoon } from './freeze.js';
import { LayeredMap } from './layered-map.js';
import { SortedList, type SortedEntry } from './sorted-list.js';

export interface Identified {
  id: string;
}

/** The key(s) a record is found under; undefined/null keys are not indexed. */
export type IndexKey<T> = (record: T) => string | null | undefined;

export interface GroupSpec<T> {
  key: IndexKey<T>;
  /** What a group is ordered by (then by insertion); default: insertion order. */
  order?: (record: T) => string;
}

/**
 * What a collection is: its name (the key in fixture files and in --db files), its indexes, and
 * the checks a fixture record must pass. Defined once, by the domain or by the resource that owns
 * the records, and registered through src/resources/index.ts: the store never names a collection.
 */
export interface CollectionDef<T extends Identified, U extends string = string, G extends string = string> {
  name: string;
  /** One record, in messages: "campaign" for campaigns. */
  recordName: string;
  /** Indexes that map a key to one record, e.g. a voucher's code. */
  unique?: Record<U, IndexKey<T>>;
  /** Indexes that map a key to the records that share it, e.g. a campaign's vouchers. */
  groups?: Record<G, IndexKey<T> | GroupSpec<T>>;
  /** Fixture checks beyond a string id: what is wrong with this record, or undefined. */
  check?: (record: T) => string | undefined;
  /** References a fixture record makes to other collections: field → collection name. */
  references?: Partial<Record<keyof T & string, string>>;
  /** For fixture messages: `unique` indexes named here are reported as "has the same <label>". */
  uniqueLabels?: Partial<Record<U, string>>;
}

/** `defineCollection<Voucher>()({ name: 'vouchers', unique: { code: (v) => v.code } })`: index names become types. */
export function defineCollection<T extends Identified>() {
  return <U extends string = never, G extends string = never>(def: CollectionDef<T, U, G>): CollectionDef<T, U, G> => def;
}

/** One write as the --db change log keeps it: a record's new value, or (no `record`) its removal. */
export interface Change {
  collection: string;
  id: string;
  record?: Identified;
}

export interface Journal {
  /** A write: how to take it back, and what it was. */
  record(undo: () => void, change: Change): void;
}

type Groups = LayeredMap<string, SortedList>;

/** The order of no field: every value is "", so records follow their insertion `seq`. */
const INSERTION = '';

/** A record's value for an order: its field as a string, "" when it has none. */
export const orderValue = (record: unknown, field: string): string => {
  if (field === INSERTION) return '';
  const value = (record as Record<string, unknown>)[field];
  return value === undefined || value === null ? '' : String(value);
};

/**
 * Records are immutable values: a change is `put` of a new object, never a mutation in place
 * (every record is frozen when it is stored), so the journal can restore the previous object on
 * rollback and forks can share records. Iteration follows insertion order (`seq`), which is
 * creation order for every collection of the mock.
 */
export class Collection<T extends Identified, U extends string = string, G extends string = string> {
  /** Identity of this collection as the owner of structures it may change in place. */
  private readonly self = {};
  private owned: boolean;
  private records: LayeredMap<string, T>;
  private seqs: LayeredMap<string, number>;
  private nextSeq: number;
  private uniques: Map<string, LayeredMap<string, string>>;
  private groups: Map<string, Groups>;
  private sorted: Map<string, SortedList>;
  /** The definition's indexes as lists, made once per definition's base and shared by its forks. */
  private readonly uniqueSpecs: [U, IndexKey<T>][];
  private readonly groupSpecs: [G, GroupSpec<T>][];

  constructor(
    readonly def: CollectionDef<T, U, G>,
    records: Iterable<T>,
    private readonly journal: () => Journal | undefined = () => undefined,
    shared?: Collection<T, U, G>,
  ) {
    this.uniqueSpecs = shared?.uniqueSpecs ?? (Object.entries<IndexKey<T>>(def.unique ?? ({} as Record<U, IndexKey<T>>)) as [U, IndexKey<T>][]);
    this.groupSpecs =
      shared?.groupSpecs ??
      Object.entries<IndexKey<T> | GroupSpec<T>>(def.groups ?? ({} as Record<G, IndexKey<T>>)).map(([name, spec]) => [
        name as G,
        typeof spec === 'function' ? { key: spec } : spec,
      ]);
    if (shared) {
      // A fork: everything is shared until the first write (see own()).
      this.owned = false;
      this.records = shared.records;
      this.seqs = shared.seqs;
      this.nextSeq = shared.nextSeq;
      this.uniques = shared.uniques;
      this.groups = shared.groups;
      this.sorted = shared.sorted;
      return;
    }
    this.owned = true;
    this.records = new LayeredMap();
    this.seqs = new LayeredMap();
    this.nextSeq = 0;
    this.uniques = new Map(this.uniqueSpecs.map(([name]) => [name, new LayeredMap()]));
    this.groups = new Map(this.groupSpecs.map(([name]) => [name, new LayeredMap()]));
    this.sorted = new Map();
    this.load(records, true);
  }

  /**
   * A collection of records loaded whole, as a --db tenant or a restored state holds them: frozen
   * soon after (deepFreezeSoon) rather than before the request that needed them is answered.
   */
  static loaded<T extends Identified, U extends string, G extends string>(
    def: CollectionDef<T, U, G>,
    records: T[],
    journal: () => Journal | undefined,
  ): Collection<T, U, G> {
    const collection = new Collection<T, U, G>(def, [], journal);
    collection.load(records, false);
    deepFreezeSoon(records);
    return collection;
  }

  /**
   * A new collection's records (fixtures, a --db tenant): stored and indexed without the checks a
   * change needs. Group lists are built once each, sorted, rather than record by record.
   */
  private load(records: Iterable<T>, freeze: boolean): void {
    const groups = this.groupSpecs.map(([name, spec]) => ({ index: this.groupIndex(name), spec, entries: new Map<string, SortedEntry[]>() }));
    const uniques = this.uniqueSpecs.map(([name, key]) => ({ index: this.uniqueIndex(name), key }));
    for (const record of records) {
      const { id } = record;
      if (freeze) deepFreeze(record);
      // The same id twice: the later record replaces the earlier one in its place, as a put would.
      const earlier = this.seqs.get(id);
      if (earlier !== undefined) {
        this.flushGroups(groups);
        this.restore(id, record, earlier);
        continue;
      }
      const seq = this.nextSeq++;
      this.records.set(id, record);
      this.seqs.set(id, seq);
      for (const { index, key } of uniques) {
        const value = key(record);
        if (value !== undefined && value !== null) index.set(value, id);
      }
      for (const { spec, entries } of groups) {
        const value = spec.key(record);
        if (value === undefined || value === null) continue;
        const entry = { value: spec.order?.(record) ?? '', seq, id };
        const list = entries.get(value);
        if (list) list.push(entry);
        else entries.set(value, [entry]);
      }
    }
    this.flushGroups(groups);
  }

  /** The group entries gathered by load, into the group indexes (after what they already hold). */
  private flushGroups(groups: { index: Groups; entries: Map<string, SortedEntry[]> }[]): void {
    for (const { index, entries } of groups) {
      for (const [value, list] of entries) {
        const held = index.get(value);
        index.set(value, SortedList.build(held ? [...held.entries, ...list] : list, this.self));
      }
      entries.clear();
    }
  }

  get name(): string {
    return this.def.name;
  }

  /** A collection that starts with this one's records and indexes and copies them only when it first writes. */
  fork(journal: () => Journal | undefined): Collection<T, U, G> {
    return new Collection(this.def, [], journal, this);
  }

  /** True for a fork that has not written yet: everything it holds is shared with its base. */
  get untouched(): boolean {
    return !this.owned;
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): T | undefined {
    return this.records.get(id);
  }

  /** The record whose unique index `index` has `key`. */
  findBy(index: U, key: string): T | undefined {
    const id = this.uniqueIndex(index).get(key);
    return id === undefined ? undefined : this.records.get(id);
  }

  /** The records that share `key` in grouping index `index`, in the group's order. */
  groupOf(index: G, key: string): T[] {
    const list = this.groupIndex(index).get(key);
    if (!list) return [];
    return list.entries.map((entry) => this.records.get(entry.id) as T);
  }

  /** The group's records one by one, from either end, optionally past a cursor value (see SortedList.ids). */
  *walkGroup(index: G, key: string, descending = false, after?: string): Generator<T> {
    const list = this.groupIndex(index).get(key);
    if (!list) return;
    for (const id of list.ids(descending, after)) yield this.records.get(id) as T;
  }

  /** The first record of the group, without listing them all. */
  firstOf(index: G, key: string): T | undefined {
    const first = this.groupIndex(index).get(key)?.entries[0];
    return first === undefined ? undefined : this.records.get(first.id);
  }

  /** How many records share `key` in grouping index `index`, without listing them. */
  countOf(index: G, key: string): number {
    return this.groupIndex(index).get(key)?.size ?? 0;
  }

  /** Every record, in insertion order (that of their `seq`, which a rolled-back removal keeps). */
  all(): T[] {
    return [...this.ordered(INSERTION, false)];
  }

  /**
   * Every record ordered by `field` (as a string; missing is ""), ties in insertion order, from the
   * oldest end or (descending) the newest. The order is an index built on first use and kept up to
   * date after that, so page 1 of a list reads `limit` records whatever the collection's size.
   */
  *ordered(field: string, descending: boolean): Generator<T> {
    for (const id of this.sortedIndex(field).ids(descending)) yield this.records.get(id) as T;
  }

  put(record: T): T {
    const previous = this.records.get(record.id);
    const seq = this.seqs.get(record.id);
    deepFreeze(record);
    this.journal()?.record(() => this.restore(record.id, previous, seq), { collection: this.name, id: record.id, record });
    this.restore(record.id, record, seq ?? this.nextSeq++);
    return record;
  }

  remove(id: string): void {
    const previous = this.records.get(id);
    if (!previous) return;
    const seq = this.seqs.get(id);
    this.journal()?.record(() => this.restore(id, previous, seq), { collection: this.name, id });
    this.restore(id, undefined, undefined);
  }

  /** Every record keyed by id, in insertion order, as fixture and --db files hold them (null prototype: any id is a key). */
  toJSON(): Record<string, T> {
    const out: Record<string, T> = Object.create(null);
    for (const record of this.ordered(INSERTION, false)) out[record.id] = record;
    return out;
  }

  /**
   * Before a fork's first change: its maps become layers over the ones it shares, so a write costs
   * what it writes, whatever the size of the fixtures. Group and sorted lists are copied one by
   * one, when they first change (see list()).
   */
  private own(): void {
    if (this.owned) return;
    this.owned = true;
    this.records = new LayeredMap(this.records);
    this.seqs = new LayeredMap(this.seqs);
    this.uniques = new Map([...this.uniques].map(([name, index]) => [name, new LayeredMap(index)]));
    this.groups = new Map([...this.groups].map(([name, groups]) => [name, new LayeredMap(groups)]));
    this.sorted = new Map(this.sorted);
  }

  /** The list `lists` holds under `key`, ready to change in place (created, or copied from a fork's). */
  private list(lists: Map<string, SortedList> | Groups, key: string): SortedList {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = new SortedList([], this.self)));
    else if (list.owner !== this.self) lists.set(key, (list = list.copy(this.self)));
    return list;
  }

  private restore(id: string, record: T | undefined, seq: number | undefined): void {
    this.own();
    const current = this.records.get(id);
    const currentSeq = this.seqs.get(id);
    if (current && currentSeq !== undefined) this.unindex(current, currentSeq);
    if (record && seq !== undefined) {
      this.records.set(id, record);
      this.seqs.set(id, seq);
      this.index(record, seq);
    } else {
      this.records.delete(id);
      this.seqs.delete(id);
    }
  }

  private index(record: T, seq: number): void {
    for (const [name, key] of this.uniqueSpecs) {
      const value = key(record);
      if (value !== undefined && value !== null) this.uniqueIndex(name).set(value, record.id);
    }
    for (const [name, spec] of this.groupSpecs) {
      const value = spec.key(record);
      if (value === undefined || value === null) continue;
      this.list(this.groupIndex(name), value).add({ value: spec.order?.(record) ?? '', seq, id: record.id });
    }
    // Replacing a list under a key it already has does not disturb the iteration.
    for (const field of this.sorted.keys()) this.list(this.sorted, field).add({ value: orderValue(record, field), seq, id: record.id });
  }

  private unindex(record: T, seq: number): void {
    for (const [name, key] of this.uniqueSpecs) {
      const value = key(record);
      if (value === undefined || value === null) continue;
      const unique = this.uniqueIndex(name);
      if (unique.get(value) === record.id) unique.delete(value);
    }
    for (const [name, spec] of this.groupSpecs) {
      const value = spec.key(record);
      if (value === undefined || value === null) continue;
      const groups = this.groupIndex(name);
      const list = this.list(groups, value);
      list.delete(spec.order?.(record) ?? '', seq);
      if (list.size === 0) groups.delete(value);
    }
    for (const field of this.sorted.keys()) this.list(this.sorted, field).delete(orderValue(record, field), seq);
  }

  private sortedIndex(field: string): SortedList {
    let list = this.sorted.get(field);
    if (!list) {
      const entries: SortedEntry[] = [];
      for (const [id, record] of this.records) entries.push({ value: orderValue(record, field), seq: this.seqs.get(id) as number, id });
      // Built on a fork's shared maps, the index is shared with the collection it was forked from.
      list = SortedList.build(entries, this.owned ? this.self : {});
      this.sorted.set(field, list);
    }
    return list;
  }

  private uniqueIndex(name: U): LayeredMap<string, string> {
    const index = this.uniques.get(name);
    if (!index) throw new Error(`${this.name} has no unique index ${name}`);
    return index;
  }

  private groupIndex(name: G): Groups {
    const index = this.groups.get(name);
    if (!index) throw new Error(`${this.name} has no grouping index ${name}`);
    return index;
  }
}
