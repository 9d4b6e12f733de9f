// An ordered list of record ids, kept sorted by (value, seq) as records come and go, so a page is
// read from either end without sorting the collection.

export interface SortedEntry {
  /** What the list orders by, e.g. a record's created_at ("" when it has none). */
  value: string;
  /** The record's insertion number in its collection: breaks ties, oldest first. */
  seq: number;
  id: string;
}

const before = (a: SortedEntry, value: string, seq: number) => a.value < value || (a.value === value && a.seq < seq);

/**
 * Entries sorted ascending. New records usually sort last (their created_at and seq are the
 * newest), so adding is an append; anything else is a binary search and one splice.
 * `owner` marks the collection that may change the list in place: a forked collection copies a
 * list before its first change to it (copy on write), so the list it shares stays as it was.
 */
export class SortedList {
  constructor(
    readonly entries: SortedEntry[],
    public owner: object,
  ) {}

  static build(entries: SortedEntry[], owner: object): SortedList {
    entries.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.seq - b.seq));
    return new SortedList(entries, owner);
  }

  get size(): number {
    return this.entries.length;
  }

  copy(owner: object): SortedList {
    return new SortedList(this.entries.slice(), owner);
  }

  /** Index of the first entry not before (value, seq). */
  private position(value: string, seq: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.entries[mid], value, seq)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  add(entry: SortedEntry): void {
    const last = this.entries[this.entries.length - 1];
    if (!last || before(last, entry.value, entry.seq)) this.entries.push(entry);
    else this.entries.splice(this.position(entry.value, entry.seq), 0, entry);
  }

  delete(value: string, seq: number): void {
    const at = this.position(value, seq);
    const found = this.entries[at];
    if (found && found.value === value && found.seq === seq) this.entries.splice(at, 1);
  }

  /**
   * The ids in order, from the oldest end or (descending) the newest. `after` starts past every
   * entry whose value is `after` or comes before it in the walking direction: a positional cursor
   * that works whether or not a record with that value still exists.
   */
  *ids(descending: boolean, after?: string): Generator<string> {
    const { entries } = this;
    if (descending) {
      let i = after === undefined ? entries.length - 1 : this.position(after, -Infinity) - 1;
      for (; i >= 0; i--) yield entries[i].id;
    } else {
      let i = after === undefined ? 0 : this.position(after, Infinity);
      for (; i < entries.length; i++) yield entries[i].id;
    }
  }
}
