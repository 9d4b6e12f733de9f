// Numbered pages (limit + page): cutting a page out of ordered records, a page of a store collection's order, and sorting candidates by a field.

import { numberedPage, orderedPage, pageOf, parseOrder, type NumberedPageQuery, type Ordered } from '../../src/lists/numbered-page.js';
import { Collection, defineCollection } from '../../src/store/collection.js';

const LETTERS = ['a', 'b', 'c', 'd', 'e'];

/** An iterable that counts how many records were read from it. */
function counting<T>(records: Iterable<T>): { records: Iterable<T>; read: () => number } {
  let read = 0;
  return {
    records: {
      *[Symbol.iterator]() {
        for (const record of records) {
          read++;
          yield record;
        }
      },
    },
    read: () => read,
  };
}

describe('parseOrder', () => {
  it.each([
    ['created_at', { field: 'created_at', descending: false }],
    ['-created_at', { field: 'created_at', descending: true }],
    ['code', { field: 'code', descending: false }],
  ])('reads %j', (order, expected) => {
    expect(parseOrder(order)).toEqual(expected);
  });
});

describe('pageOf', () => {
  const cases: [string, NumberedPageQuery, string[], boolean][] = [
    ['the first 10 by default', {}, LETTERS, false],
    ['page 1 of 2-record pages', { limit: 2 }, ['a', 'b'], true],
    ['page 2 of 2-record pages', { limit: 2, page: 2 }, ['c', 'd'], true],
    ['the last, shorter page', { limit: 2, page: 3 }, ['e'], false],
    ['a page beyond the end', { limit: 2, page: 4 }, [], false],
    ['a page far beyond the end', { page: 99 }, [], false],
    ['a page that ends exactly at the last record', { limit: 5 }, LETTERS, false],
    ['one record a page', { limit: 1, page: 4 }, ['d'], true],
  ];

  it.each(cases)('without a known total, cuts %s and counts every record', (_case, query, items, hasMore) => {
    expect(pageOf(LETTERS, query)).toEqual({ items, total: LETTERS.length, has_more: hasMore });
  });

  it.each(cases)('with a known total, cuts %s the same way', (_case, query, items, hasMore) => {
    expect(pageOf(LETTERS, query, LETTERS.length)).toEqual({ items, total: LETTERS.length, has_more: hasMore });
  });

  it.each([
    [{ limit: 2 }, 2],
    [{ limit: 2, page: 2 }, 4],
    [{ limit: 3, page: 1 }, 3],
  ])('with a known total, stops reading right after page %j (%i records read)', (query, expected) => {
    const source = counting(LETTERS);
    pageOf(source.records, query, LETTERS.length);
    expect(source.read()).toBe(expected);
  });

  it('without a known total, reads every record to count them', () => {
    const source = counting(LETTERS);
    expect(pageOf(source.records, { limit: 2 }).total).toBe(5);
    expect(source.read()).toBe(5);
  });

  it('answers the total it is given, and has_more from it', () => {
    expect(pageOf(LETTERS, { limit: 5 }, 12)).toEqual({ items: LETTERS, total: 12, has_more: true });
  });

  it('answers an empty page of no records', () => {
    expect(pageOf([], {})).toEqual({ items: [], total: 0, has_more: false });
  });
});

interface Row {
  id: string;
  created_at: string;
  kind: string;
}

const rowRecords = defineCollection<Row>()({ name: 'rows', recordName: 'row' });

/** Rows in insertion order; r2 and r3 were created at the same instant. */
const ROWS: Row[] = [
  { id: 'r1', created_at: '2026-01-01T00:00:00.000Z', kind: 'x' },
  { id: 'r2', created_at: '2026-01-03T00:00:00.000Z', kind: 'y' },
  { id: 'r3', created_at: '2026-01-03T00:00:00.000Z', kind: 'x' },
  { id: 'r4', created_at: '2026-01-02T00:00:00.000Z', kind: 'y' },
  { id: 'r5', created_at: '2026-01-05T00:00:00.000Z', kind: 'x' },
];
const ids = (rows: Row[]) => rows.map((row) => row.id);

describe('orderedPage', () => {
  const collection = () => new Collection(rowRecords, ROWS.map((row) => ({ ...row })));

  it.each([
    ['created_at', {}, ['r1', 'r4', 'r2', 'r3', 'r5'], false],
    ['-created_at', {}, ['r5', 'r3', 'r2', 'r4', 'r1'], false],
    ['created_at', { limit: 2 }, ['r1', 'r4'], true],
    ['created_at', { limit: 2, page: 2 }, ['r2', 'r3'], true],
    ['-created_at', { limit: 2, page: 2 }, ['r2', 'r4'], true],
    ['-created_at', { limit: 2, page: 3 }, ['r1'], false],
    ['-created_at', { limit: 2, page: 4 }, [], false],
  ])('orders by %s (ties in insertion order, reversed when descending) and cuts page %j', (order, query, expected, hasMore) => {
    const page = orderedPage(collection(), query, order);
    expect({ ids: ids(page.items), total: page.total, has_more: page.has_more }).toEqual({ ids: expected, total: ROWS.length, has_more: hasMore });
  });

  it.each([
    ['created_at', {}, ['r1', 'r3', 'r5'], false],
    ['-created_at', {}, ['r5', 'r3', 'r1'], false],
    ['-created_at', { limit: 2 }, ['r5', 'r3'], true],
    ['-created_at', { limit: 2, page: 2 }, ['r1'], false],
    ['-created_at', { limit: 2, page: 3 }, [], false],
  ])('keeps what matches keeps, in order %s, page %j, with an exact total', (order, query, expected, hasMore) => {
    const page = orderedPage(collection(), query, order, (row) => row.kind === 'x');
    expect({ ids: ids(page.items), total: page.total, has_more: page.has_more }).toEqual({ ids: expected, total: 3, has_more: hasMore });
  });

  it('answers a total of 0 when nothing matches', () => {
    expect(orderedPage(collection(), {}, 'created_at', () => false)).toEqual({ items: [], total: 0, has_more: false });
  });

  it("reads no further than the page when nothing is filtered: the total is the collection's size", () => {
    const requested: [string, boolean][] = [];
    // A stand-in with a million records whose walk never ends: only the page may be read.
    const endless: Ordered<number> = {
      size: 1_000_000,
      *ordered(field, descending) {
        requested.push([field, descending]);
        for (let i = 0; ; i++) yield i;
      },
    };
    expect(orderedPage(endless, { limit: 3, page: 2 }, '-updated_at')).toEqual({ items: [3, 4, 5], total: 1_000_000, has_more: true });
    expect(requested).toEqual([['updated_at', true]]);
  });
});

interface Coded {
  id: string;
  code?: string | null;
  created_at: string;
}

describe('numberedPage', () => {
  /** Candidates in their own (creation) order; c2 and c4 share a code. */
  const CANDIDATES: Coded[] = [
    { id: 'c1', code: 'B', created_at: '2026-01-04T00:00:00.000Z' },
    { id: 'c2', code: 'A', created_at: '2026-01-01T00:00:00.000Z' },
    { id: 'c3', code: 'C', created_at: '2026-01-01T00:00:00.000Z' },
    { id: 'c4', code: 'A', created_at: '2026-01-02T00:00:00.000Z' },
  ];
  const idsOf = (page: { items: Coded[] }) => page.items.map((item) => item.id);

  it.each([
    ['code', ['c2', 'c4', 'c1', 'c3']],
    ['-code', ['c3', 'c1', 'c4', 'c2']],
    ['created_at', ['c2', 'c3', 'c4', 'c1']],
    ['-created_at', ['c1', 'c4', 'c3', 'c2']],
  ])('sorts by %s, equal values in the input order (reversed when descending)', (order, expected) => {
    expect(idsOf(numberedPage(CANDIDATES, {}, order))).toEqual(expected);
  });

  it.each([
    [{ limit: 3 }, ['c2', 'c4', 'c1'], true],
    [{ limit: 3, page: 2 }, ['c3'], false],
    [{ limit: 3, page: 3 }, [], false],
    [{ limit: 4 }, ['c2', 'c4', 'c1', 'c3'], false],
  ])('cuts page %j of the sorted candidates', (query, expected, hasMore) => {
    const page = numberedPage(CANDIDATES, query, 'code');
    expect({ ids: idsOf(page), total: page.total, has_more: page.has_more }).toEqual({ ids: expected, total: 4, has_more: hasMore });
  });

  it('sorts a missing value as an empty string, first when ascending', () => {
    const candidates: Coded[] = [...CANDIDATES, { id: 'c5', code: null, created_at: '' }, { id: 'c6', created_at: '' }];
    expect(idsOf(numberedPage(candidates, {}, 'code'))).toEqual(['c5', 'c6', 'c2', 'c4', 'c1', 'c3']);
    expect(idsOf(numberedPage(candidates, {}, '-code'))).toEqual(['c3', 'c1', 'c4', 'c2', 'c6', 'c5']);
  });

  it('reads the value with the key given, which receives the field', () => {
    const fields: string[] = [];
    const byReversedId = (record: Coded, field: string) => {
      fields.push(field);
      return record.id === 'c1' ? 'z' : record.id;
    };
    expect(idsOf(numberedPage(CANDIDATES, {}, '-rank', byReversedId))).toEqual(['c1', 'c4', 'c3', 'c2']);
    expect(new Set(fields)).toEqual(new Set(['rank']));
  });

  it('leaves the candidates as they were', () => {
    const candidates = [...CANDIDATES];
    numberedPage(candidates, {}, '-code');
    expect(candidates).toEqual(CANDIDATES);
  });
});
