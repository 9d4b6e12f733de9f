// Store collections: unique and group indexes, sorted orders kept through put/remove, journal rollback, copy-on-write forks, and deeply frozen records.

import { Collection, defineCollection, type Journal } from '../../src/store/collection.js';
import { isDeeplyFrozen } from '../../src/store/freeze.js';

interface Item {
  id: string;
  code?: string | null;
  team: string | null;
  rank: string;
  score?: string;
  details: { tags: string[]; note?: string };
}

const itemRecords = defineCollection<Item>()({
  name: 'items',
  recordName: 'item',
  unique: { code: (i) => i.code },
  groups: {
    team: (i) => i.team,
    // A group ordered by rank (then by insertion), as holders are grouped by voucher and ordered by id.
    team_by_rank: { key: (i) => i.team, order: (i) => i.rank },
  },
});

const item = (id: string, fields: Partial<Item> = {}): Item => ({ id, code: id.toUpperCase(), team: 'red', rank: '5', details: { tags: [] }, ...fields });

/** i1–i4 in insertion order: red i1 (rank 3), blue i2 (rank 1), red i3 (rank 1), red i4 (rank 3, score ties i1's). */
const seed = (): Item[] => [
  item('i1', { rank: '3', score: '20' }),
  item('i2', { team: 'blue', rank: '1', score: '10' }),
  item('i3', { rank: '1', score: '30' }),
  item('i4', { rank: '3', score: '20' }),
];

/** A journal that collects undos, and takes them back in reverse order. */
function undoJournal() {
  const undos: (() => void)[] = [];
  const journal: Journal = { record: (undo) => undos.push(undo) };
  return { journal, rollback: () => undos.splice(0).reverse().forEach((undo) => undo()) };
}

const ids = (records: Iterable<Item>) => [...records].map((i) => i.id);

/** Everything a reader can see of a collection, to compare a collection with itself before and after. */
const view = (c: Collection<Item, 'code', 'team' | 'team_by_rank'>) => ({
  // By id: the order of all() after a rollback is the subject of its own test below.
  records: c.toJSON(),
  size: c.size,
  codes: Object.fromEntries(c.all().map((i) => [i.code, c.findBy('code', i.code ?? '')?.id])),
  red: ids(c.groupOf('team', 'red')),
  blue: ids(c.groupOf('team', 'blue')),
  redByRank: ids(c.walkGroup('team_by_rank', 'red')),
  byScore: ids(c.ordered('score', false)),
  byScoreDescending: ids(c.ordered('score', true)),
});

describe('Collection indexes', () => {
  const make = () => new Collection(itemRecords, seed());

  it('are the same whether records are loaded at once or put one by one', () => {
    const put = new Collection(itemRecords, []);
    for (const record of seed()) put.put(record);
    expect(view(make())).toEqual(view(put));
  });

  it('loaded whole (Collection.loaded) index as a put does, and are deeply frozen within a turn of the event loop', async () => {
    const records = seed();
    const loaded = Collection.loaded(itemRecords, records, () => undefined);
    expect(view(loaded)).toEqual(view(make()));
    await new Promise((resolve) => setImmediate(resolve));
    expect(records.every((record) => isDeeplyFrozen(record) && Object.isFrozen(record.details.tags))).toBe(true);
  });

  it('keep the later of two records loaded with the same id, as a put would', () => {
    const loaded = new Collection(itemRecords, [...seed(), item('i1', { team: 'blue', rank: '0', code: 'NEW' })]);
    const put = new Collection(itemRecords, []);
    for (const record of [...seed(), item('i1', { team: 'blue', rank: '0', code: 'NEW' })]) put.put(record);
    expect(view(loaded)).toEqual(view(put));
    expect(loaded.findBy('code', 'I1')).toBeUndefined();
    expect(ids(loaded.groupOf('team', 'blue'))).toEqual(['i1', 'i2']);
  });

  it('finds a record by id and by unique key, and nothing for unknown keys', () => {
    const items = make();
    expect(items.get('i2')?.team).toBe('blue');
    expect(items.findBy('code', 'I3')?.id).toBe('i3');
    expect(items.get('i9')).toBeUndefined();
    expect(items.findBy('code', 'I9')).toBeUndefined();
    expect(items.get('__proto__')).toBeUndefined();
  });

  it('does not index a null or missing unique key', () => {
    const items = make();
    items.put(item('i5', { code: null }));
    items.put(item('i6', { code: undefined }));
    expect(items.findBy('code', 'null')).toBeUndefined();
    expect(items.findBy('code', 'undefined')).toBeUndefined();
    expect(items.size).toBe(6);
  });

  it('throws for an index it does not have', () => {
    const items = make();
    expect(() => items.findBy('name' as 'code', 'x')).toThrow('items has no unique index name');
    expect(() => items.groupOf('colour' as 'team', 'x')).toThrow('items has no grouping index colour');
  });

  it('groups records in insertion order, counts them and finds the first', () => {
    const items = make();
    expect(ids(items.groupOf('team', 'red'))).toEqual(['i1', 'i3', 'i4']);
    expect(items.countOf('team', 'red')).toBe(3);
    expect(items.firstOf('team', 'red')?.id).toBe('i1');
    expect(items.groupOf('team', 'green')).toEqual([]);
    expect(items.countOf('team', 'green')).toBe(0);
    expect(items.firstOf('team', 'green')).toBeUndefined();
  });

  it('leaves a record with a null group key out of the group index', () => {
    const items = make();
    items.put(item('i5', { team: null }));
    expect(items.countOf('team', 'null')).toBe(0);
    expect(ids(items.all())).toContain('i5');
  });

  it.each<[string, boolean, string | undefined, string[]]>([
    ['by the group order, ties in insertion order', false, undefined, ['i3', 'i1', 'i4']],
    ['by the group order descending, ties reversed', true, undefined, ['i4', 'i1', 'i3']],
    ['past a cursor value', false, '1', ['i1', 'i4']],
    ['past a cursor value, descending', true, '3', ['i3']],
    ['past a cursor value no record has', false, '2', ['i1', 'i4']],
    ['past the last value', false, '3', []],
  ])('walks a group %s', (_case, descending, after, expected) => {
    expect(ids(make().walkGroup('team_by_rank', 'red', descending, after))).toEqual(expected);
  });

  it('orders the first of an ordered group by its order', () => {
    expect(make().firstOf('team_by_rank', 'red')?.id).toBe('i3');
  });

  it('walks nothing for a group no record is in', () => {
    expect(ids(make().walkGroup('team_by_rank', 'green'))).toEqual([]);
  });

  it('moves a record between keys and group places when a put changes it', () => {
    const items = make();
    items.put(item('i1', { code: 'NEW', team: 'blue', rank: '0' }));
    expect(items.findBy('code', 'I1')).toBeUndefined();
    expect(items.findBy('code', 'NEW')?.id).toBe('i1');
    expect(ids(items.groupOf('team', 'red'))).toEqual(['i3', 'i4']);
    // It keeps its insertion place: i1 came before i2.
    expect(ids(items.groupOf('team', 'blue'))).toEqual(['i1', 'i2']);
    expect(ids(items.walkGroup('team_by_rank', 'blue'))).toEqual(['i1', 'i2']);
    items.put(item('i3', { rank: '9' }));
    expect(ids(items.walkGroup('team_by_rank', 'red'))).toEqual(['i4', 'i3']);
  });

  it('removes a record from every index, and removing an unknown id does nothing', () => {
    const items = make();
    items.remove('i3');
    items.remove('i9');
    expect(items.get('i3')).toBeUndefined();
    expect(items.findBy('code', 'I3')).toBeUndefined();
    expect(ids(items.groupOf('team', 'red'))).toEqual(['i1', 'i4']);
    expect(ids(items.walkGroup('team_by_rank', 'red'))).toEqual(['i1', 'i4']);
    expect(items.size).toBe(3);
  });

  it('forgets a group once its last record is gone', () => {
    const items = make();
    items.remove('i2');
    expect(items.countOf('team', 'blue')).toBe(0);
    expect(items.firstOf('team', 'blue')).toBeUndefined();
  });

  it('lists every record in insertion order, and by id as JSON', () => {
    const items = make();
    items.put(item('i0'));
    expect(ids(items.all())).toEqual(['i1', 'i2', 'i3', 'i4', 'i0']);
    expect(Object.keys(items.toJSON())).toEqual(['i1', 'i2', 'i3', 'i4', 'i0']);
    expect(items.toJSON().i2).toBe(items.get('i2'));
  });
});

describe('Collection.ordered', () => {
  const make = () => new Collection(itemRecords, seed());

  it.each<[string, boolean, string[]]>([
    ['score', false, ['i2', 'i1', 'i4', 'i3']],
    ['score', true, ['i3', 'i4', 'i1', 'i2']],
    ['rank', false, ['i2', 'i3', 'i1', 'i4']],
    ['rank', true, ['i4', 'i1', 'i3', 'i2']],
    ['id', true, ['i4', 'i3', 'i2', 'i1']],
  ])('orders by %s (descending: %s), ties in insertion order, reversed when descending', (field, descending, expected) => {
    expect(ids(make().ordered(field, descending))).toEqual(expected);
  });

  it('sorts a missing value as an empty string', () => {
    const items = make();
    items.put(item('i5'));
    expect(ids(items.ordered('score', false))).toEqual(['i5', 'i2', 'i1', 'i4', 'i3']);
  });

  it('stays correct after puts that add records or change the field, and after removes', () => {
    const items = make();
    expect(ids(items.ordered('score', false))).toEqual(['i2', 'i1', 'i4', 'i3']);
    items.put(item('i5', { score: '25' }));
    items.put(item('i3', { score: '05' }));
    items.put(item('i1', { score: '99' }));
    items.remove('i4');
    items.put(item('i6', { score: '20' }));
    expect(ids(items.ordered('score', false))).toEqual(['i3', 'i2', 'i6', 'i5', 'i1']);
    expect(ids(items.ordered('score', true))).toEqual(['i1', 'i5', 'i6', 'i2', 'i3']);
  });

  it('keeps a put record at its insertion place among ties', () => {
    const items = make();
    expect(ids(items.ordered('score', false))).toEqual(['i2', 'i1', 'i4', 'i3']);
    items.put(item('i4', { score: '20', rank: '0' }));
    items.put(item('i1', { score: '20', rank: '9' }));
    expect(ids(items.ordered('score', false))).toEqual(['i2', 'i1', 'i4', 'i3']);
  });

  it('answers the records as they are now', () => {
    const items = make();
    items.ordered('score', false).next();
    items.put(item('i2', { score: '10', details: { tags: ['changed'] } }));
    expect([...items.ordered('score', false)][0]).toBe(items.get('i2'));
  });
});

describe('Collection journal rollback', () => {
  it('takes back puts and removes, with every index and sorted order, in reverse order', () => {
    const { journal, rollback } = undoJournal();
    let current: Journal | undefined;
    const items = new Collection(itemRecords, seed(), () => current);
    // The sorted order is built before the changes, so rollback has to keep it up to date.
    ids(items.ordered('score', false));
    const before = view(items);

    current = journal;
    items.put(item('i5', { code: 'I5', team: 'blue', score: '15' }));
    items.put(item('i1', { code: 'MOVED', team: 'blue', rank: '0', score: '01' }));
    items.put(item('i1', { code: 'MOVED-AGAIN', team: 'green', score: '02' }));
    items.remove('i3');
    items.remove('i5');
    current = undefined;
    expect(view(items)).not.toEqual(before);

    rollback();
    expect(view(items)).toEqual(before);
    expect(items.findBy('code', 'MOVED')).toBeUndefined();
    expect(items.findBy('code', 'MOVED-AGAIN')).toBeUndefined();
    expect(items.countOf('team', 'green')).toBe(0);
  });

  it('takes back the writes to a sorted order first built after them', () => {
    const { journal, rollback } = undoJournal();
    const items = new Collection(itemRecords, seed(), () => journal);
    items.put(item('i5', { score: '00' }));
    items.remove('i2');
    expect(ids(items.ordered('score', false))).toEqual(['i5', 'i1', 'i4', 'i3']);
    rollback();
    expect(ids(items.ordered('score', false))).toEqual(['i2', 'i1', 'i4', 'i3']);
  });

  // A rolled-back removal keeps the record's seq, so all() and toJSON() (and the lists built on
  // them) list it in its old place, not after records inserted later.
  it('lists a record whose remove was rolled back at its insertion place again', () => {
    const { journal, rollback } = undoJournal();
    const items = new Collection(itemRecords, seed(), () => journal);
    items.remove('i2');
    rollback();
    expect(ids(items.all())).toEqual(['i1', 'i2', 'i3', 'i4']);
  });

  it('records nothing without a journal', () => {
    const items = new Collection(itemRecords, seed());
    items.put(item('i5'));
    expect(items.size).toBe(5);
  });
});

describe('Collection.fork', () => {
  const base = () => {
    const collection = new Collection(itemRecords, seed());
    // The base's sorted order exists before the forks are made, as a tenant's fixtures may have it.
    ids(collection.ordered('score', false));
    return collection;
  };
  /** Writes to a fork: adds, changes (keys, groups, orders) and removes. */
  const write = (fork: Collection<Item, 'code', 'team' | 'team_by_rank'>) => {
    fork.put(item('i5', { code: 'I5', team: 'blue', rank: '0', score: '00' }));
    fork.put(item('i1', { code: 'CHANGED', team: 'blue', rank: '9', score: '99' }));
    fork.remove('i3');
  };

  it("reads the base's records and indexes", () => {
    const fork = base().fork(() => undefined);
    expect(view(fork)).toEqual(view(base()));
    expect(fork.get('i1')).toBe(fork.get('i1'));
  });

  it('shares the records themselves until it writes', () => {
    const original = base();
    expect(original.fork(() => undefined).get('i2')).toBe(original.get('i2'));
  });

  it("keeps its writes out of the base: records, unique and group indexes, and the base's sorted order", () => {
    const original = base();
    const before = view(original);
    const fork = original.fork(() => undefined);
    write(fork);
    expect(view(original)).toEqual(before);
    expect(original.findBy('code', 'CHANGED')).toBeUndefined();
    expect(original.findBy('code', 'I1')?.id).toBe('i1');
    expect(original.get('i5')).toBeUndefined();
    expect(original.countOf('team', 'blue')).toBe(1);
  });

  it('sees its own writes in every index and order', () => {
    const fork = base().fork(() => undefined);
    write(fork);
    expect(view(fork)).toEqual({
      records: {
        i1: item('i1', { code: 'CHANGED', team: 'blue', rank: '9', score: '99' }),
        i2: seed()[1],
        i4: seed()[3],
        i5: item('i5', { code: 'I5', team: 'blue', rank: '0', score: '00' }),
      },
      size: 4,
      codes: { CHANGED: 'i1', I2: 'i2', I4: 'i4', I5: 'i5' },
      red: ['i4'],
      blue: ['i1', 'i2', 'i5'],
      redByRank: ['i4'],
      byScore: ['i5', 'i2', 'i4', 'i1'],
      byScoreDescending: ['i1', 'i4', 'i2', 'i5'],
    });
    expect(ids(fork.walkGroup('team_by_rank', 'blue'))).toEqual(['i5', 'i2', 'i1']);
  });

  it('keeps its writes out of another fork of the same base, before and after that one writes', () => {
    const original = base();
    const before = view(original);
    const first = original.fork(() => undefined);
    const second = original.fork(() => undefined);
    write(first);
    expect(view(second)).toEqual(before);
    second.put(item('i7', { code: 'I1-TWIN', score: '15' }));
    expect(first.get('i7')).toBeUndefined();
    expect(first.findBy('code', 'I1-TWIN')).toBeUndefined();
    expect(second.get('i5')).toBeUndefined();
    expect(second.findBy('code', 'I1')?.id).toBe('i1');
    expect(ids(second.ordered('score', false))).toEqual(['i2', 'i7', 'i1', 'i4', 'i3']);
    expect(ids(first.ordered('score', false))).toEqual(['i5', 'i2', 'i4', 'i1']);
    expect(view(original)).toEqual(before);
  });

  it('keeps the base and other forks correct when it builds a sorted order before its first write', () => {
    const original = new Collection(itemRecords, seed());
    const first = original.fork(() => undefined);
    const second = original.fork(() => undefined);
    // Built on the maps the fork still shares with the base.
    expect(ids(first.ordered('rank', false))).toEqual(['i2', 'i3', 'i1', 'i4']);
    first.put(item('i2', { team: 'blue', rank: '7' }));
    expect(ids(first.ordered('rank', false))).toEqual(['i3', 'i1', 'i4', 'i2']);
    expect(ids(original.ordered('rank', false))).toEqual(['i2', 'i3', 'i1', 'i4']);
    expect(ids(second.ordered('rank', false))).toEqual(['i2', 'i3', 'i1', 'i4']);
    second.remove('i3');
    expect(ids(second.ordered('rank', true))).toEqual(['i4', 'i1', 'i2']);
    expect(ids(original.ordered('rank', true))).toEqual(['i4', 'i1', 'i3', 'i2']);
    expect(ids(first.ordered('rank', true))).toEqual(['i2', 'i4', 'i1', 'i3']);
  });

  it('rolls its own writes back to the base state, and the base never changes', () => {
    const original = base();
    const before = view(original);
    const { journal, rollback } = undoJournal();
    const fork = original.fork(() => journal);
    write(fork);
    rollback();
    expect(view(fork)).toEqual(before);
    expect(view(original)).toEqual(before);
  });

  it('gives a record it adds a place after every base record', () => {
    const fork = base().fork(() => undefined);
    fork.put(item('i0', { score: '20' }));
    expect(ids(fork.all())).toEqual(['i1', 'i2', 'i3', 'i4', 'i0']);
    expect(ids(fork.ordered('score', false))).toEqual(['i2', 'i1', 'i4', 'i0', 'i3']);
  });
});

describe('stored records', () => {
  it('are deeply frozen: changing a nested field of a record from get throws a TypeError', () => {
    const items = new Collection(itemRecords, seed());
    items.put(item('i5', { details: { tags: ['a'], note: 'n' } }));
    for (const id of ['i1', 'i5']) {
      const record = items.get(id) as Item;
      expect(() => {
        record.details.note = 'changed';
      }).toThrow(TypeError);
      expect(() => record.details.tags.push('b')).toThrow(TypeError);
      expect(() => {
        record.rank = '0';
      }).toThrow(TypeError);
    }
    expect(items.get('i5')?.details).toEqual({ tags: ['a'], note: 'n' });
  });

  it('freeze the object given to put, which the collection stores as it is', () => {
    const items = new Collection(itemRecords, []);
    const record = item('i1');
    expect(items.put(record)).toBe(record);
    expect(items.get('i1')).toBe(record);
    expect(Object.isFrozen(record.details.tags)).toBe(true);
  });

  it('are frozen in a fork too, base records and its own', () => {
    const fork = new Collection(itemRecords, seed()).fork(() => undefined);
    fork.put(item('i5'));
    for (const id of ['i1', 'i5']) {
      expect(() => {
        (fork.get(id) as Item).details.note = 'x';
      }).toThrow(TypeError);
    }
  });

  // A record frozen only at its top level (Object.freeze of a literal) is still frozen all the way down.
  it('are deeply frozen even when the record given was frozen only at its top level', () => {
    const items = new Collection(itemRecords, []);
    items.put(Object.freeze(item('i1', { details: { tags: [] } })));
    expect(() => {
      (items.get('i1') as Item).details.note = 'changed';
    }).toThrow(TypeError);
  });
});
