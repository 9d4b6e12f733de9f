// SortedList: ids kept sorted by (value, insertion seq) through adds and deletes, walked from either end and past a positional cursor.

import { SortedList, type SortedEntry } from '../../src/store/sorted-list.js';

const OWNER = {};
const entry = (value: string, seq: number, id = `${value}${seq}`): SortedEntry => ({ value, seq, id });
/** b and d share the value "b"; b1 was inserted before b3. */
const ENTRIES = [entry('a', 0), entry('b', 1), entry('c', 2), entry('b', 3), entry('e', 4)];
const built = () => SortedList.build(ENTRIES.map((e) => ({ ...e })), OWNER);
const idsOf = (list: SortedList, descending = false, after?: string) => [...list.ids(descending, after)];

describe('SortedList.build', () => {
  it('sorts by value, then by insertion seq', () => {
    expect(idsOf(built())).toEqual(['a0', 'b1', 'b3', 'c2', 'e4']);
    expect(built().size).toBe(5);
  });

  it('keeps its owner', () => {
    expect(built().owner).toBe(OWNER);
  });
});

describe('SortedList.ids', () => {
  it.each<[string, boolean, string | undefined, string[]]>([
    ['every id, ascending', false, undefined, ['a0', 'b1', 'b3', 'c2', 'e4']],
    ['every id, descending (ties newest first)', true, undefined, ['e4', 'c2', 'b3', 'b1', 'a0']],
    ['past a value some entries have, ascending (all of its ties skipped)', false, 'b', ['c2', 'e4']],
    ['past a value some entries have, descending (all of its ties skipped)', true, 'b', ['a0']],
    ['past a value no entry has, ascending', false, 'bb', ['c2', 'e4']],
    ['past a value no entry has, descending', true, 'd', ['c2', 'b3', 'b1', 'a0']],
    ['past a value before every entry, ascending', false, '0', ['a0', 'b1', 'b3', 'c2', 'e4']],
    ['past a value before every entry, descending', true, '0', []],
    ['past a value after every entry, ascending', false, 'z', []],
    ['past a value after every entry, descending', true, 'z', ['e4', 'c2', 'b3', 'b1', 'a0']],
    ['past the last value, ascending', false, 'e', []],
    ['past the first value, descending', true, 'a', []],
    ['past the empty value, ascending', false, '', ['a0', 'b1', 'b3', 'c2', 'e4']],
  ])('walks %s', (_case, descending, after, expected) => {
    expect(idsOf(built(), descending, after)).toEqual(expected);
  });

  it('walks nothing in an empty list', () => {
    const empty = new SortedList([], OWNER);
    expect([idsOf(empty), idsOf(empty, true), idsOf(empty, false, 'a'), idsOf(empty, true, 'a')]).toEqual([[], [], [], []]);
  });
});

describe('SortedList.add', () => {
  it.each<[string, SortedEntry, string[]]>([
    ['a new last entry (appended)', entry('f', 5), ['a0', 'b1', 'b3', 'c2', 'e4', 'f5']],
    ['a tie of the last value with a later seq (appended)', entry('e', 5), ['a0', 'b1', 'b3', 'c2', 'e4', 'e5']],
    ['a value before every entry', entry('0', 5), ['05', 'a0', 'b1', 'b3', 'c2', 'e4']],
    ['a value in the middle', entry('d', 5), ['a0', 'b1', 'b3', 'c2', 'd5', 'e4']],
    ['a tie in the middle with a later seq (after its ties)', entry('b', 5), ['a0', 'b1', 'b3', 'b5', 'c2', 'e4']],
    ['a tie with an earlier seq (before the later ties)', entry('b', 2), ['a0', 'b1', 'b2', 'b3', 'c2', 'e4']],
    ['a tie of the last value with an earlier seq', entry('e', 3), ['a0', 'b1', 'b3', 'c2', 'e3', 'e4']],
    ['the empty value', entry('', 9), ['9', 'a0', 'b1', 'b3', 'c2', 'e4']],
  ])('puts %s in its place', (_case, added, expected) => {
    const list = built();
    list.add(added);
    expect(idsOf(list)).toEqual(expected);
    expect(list.size).toBe(6);
  });

  it('ends sorted whatever the order of the adds', () => {
    const list = new SortedList([], OWNER);
    for (const e of [entry('m', 4), entry('c', 1), entry('x', 0), entry('c', 0), entry('a', 7), entry('m', 2), entry('z', 3)]) list.add(e);
    expect(idsOf(list)).toEqual(['a7', 'c0', 'c1', 'm2', 'm4', 'x0', 'z3']);
    expect(idsOf(list, true, 'm')).toEqual(['c1', 'c0', 'a7']);
    expect(idsOf(list, false, 'm')).toEqual(['x0', 'z3']);
  });
});

describe('SortedList.delete', () => {
  it.each<[string, string, number, string[]]>([
    ['the first entry', 'a', 0, ['b1', 'b3', 'c2', 'e4']],
    ['the last entry', 'e', 4, ['a0', 'b1', 'b3', 'c2']],
    ['the first of two ties', 'b', 1, ['a0', 'b3', 'c2', 'e4']],
    ['the second of two ties', 'b', 3, ['a0', 'b1', 'c2', 'e4']],
  ])('removes %s', (_case, value, seq, expected) => {
    const list = built();
    list.delete(value, seq);
    expect(idsOf(list)).toEqual(expected);
    expect(list.size).toBe(4);
  });

  it.each<[string, string, number]>([
    ['a value no entry has', 'd', 1],
    ['a value an entry has, with another seq', 'b', 2],
    ['a seq an entry has, with another value', 'c', 1],
    ['a value after every entry', 'z', 9],
  ])('leaves the list as it was for %s', (_case, value, seq) => {
    const list = built();
    list.delete(value, seq);
    expect(idsOf(list)).toEqual(['a0', 'b1', 'b3', 'c2', 'e4']);
  });

  it('empties a list one entry at a time, in any order', () => {
    const list = built();
    for (const e of [ENTRIES[3], ENTRIES[0], ENTRIES[4], ENTRIES[1], ENTRIES[2]]) list.delete(e.value, e.seq);
    expect(list.size).toBe(0);
    expect(idsOf(list)).toEqual([]);
  });
});

describe('SortedList.copy', () => {
  it('answers a list with its own entries and the new owner; changing one leaves the other', () => {
    const original = built();
    const owner = {};
    const copy = original.copy(owner);
    expect(copy.owner).toBe(owner);
    copy.add(entry('d', 5));
    copy.delete('a', 0);
    original.delete('e', 4);
    expect(idsOf(copy)).toEqual(['b1', 'b3', 'c2', 'd5', 'e4']);
    expect(idsOf(original)).toEqual(['a0', 'b1', 'b3', 'c2']);
  });
});
