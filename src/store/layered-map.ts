// A Map over a shared, read-only base Map: reads fall through to the base, writes (and deletions)
// stay in a layer of its own. A forked collection wraps its base's maps this way, so its first
// write costs the size of that write, not the size of the fixtures.

const DELETED: unique symbol = Symbol('deleted');

/** What a layer reads from its base. */
export interface MapLike<K, V> {
  readonly size: number;
  get(key: K): V | undefined;
  has(key: K): boolean;
  [Symbol.iterator](): Iterator<[K, V]>;
}

/** Values are never undefined (records, ids, lists): undefined means "not here". */
export class LayeredMap<K, V> implements MapLike<K, V> {
  private readonly own = new Map<K, V | typeof DELETED>();
  private count: number;

  /** `base` is never changed through this map, and must not change while this map is in use. */
  constructor(private readonly base?: MapLike<K, V>) {
    this.count = base?.size ?? 0;
  }

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    const value = this.own.get(key);
    if (value !== undefined) return value === DELETED ? undefined : value;
    return this.base?.get(key);
  }

  has(key: K): boolean {
    return this.own.has(key) ? this.own.get(key) !== DELETED : (this.base?.has(key) ?? false);
  }

  set(key: K, value: V): this {
    if (!this.has(key)) this.count++;
    this.own.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (!this.has(key)) return false;
    this.count--;
    if (this.base?.has(key)) this.own.set(key, DELETED);
    else this.own.delete(key);
    return true;
  }

  /** The base's entries first (as changed here), then those added here. */
  *entries(): Generator<[K, V]> {
    if (this.base) {
      for (const [key, value] of this.base) {
        if (!this.own.has(key)) yield [key, value];
        else {
          const changed = this.own.get(key);
          if (changed !== DELETED) yield [key, changed as V];
        }
      }
    }
    for (const [key, value] of this.own) {
      if (value !== DELETED && !this.base?.has(key)) yield [key, value];
    }
  }

  *values(): Generator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): Generator<[K, V]> {
    return this.entries();
  }
}
