// Cursor pages (order by id, starting_after_id): the page, total, has_more and more_starting_after, over records walked by id.

import { cursorPage, walkById, type CursorPageQuery, type IdWalk } from '../../src/lists/cursor-page.js';

interface Holder {
  id: string;
  role: 'REFERRER' | 'REFEREE';
}

/** Five holders, given out of id order (walkById sorts them); rh_…1 is the REFERRER. */
const HOLDERS: Holder[] = [
  { id: 'rh_03', role: 'REFEREE' },
  { id: 'rh_01', role: 'REFERRER' },
  { id: 'rh_05', role: 'REFEREE' },
  { id: 'rh_02', role: 'REFEREE' },
  { id: 'rh_04', role: 'REFEREE' },
];

const page = (walk: IdWalk<Holder>, query: CursorPageQuery, total?: number, matches?: (h: Holder) => boolean) => {
  const { data, ...rest } = cursorPage(walk, query, total, matches);
  return { ids: data.map((h) => h.id), ...rest };
};

/** A walk that counts the records it hands out. */
function counted(walk: IdWalk<Holder>): { walk: IdWalk<Holder>; read: () => number } {
  let read = 0;
  return {
    walk: function* (descending, after) {
      for (const record of walk(descending, after)) {
        read++;
        yield record;
      }
    },
    read: () => read,
  };
}

describe('walkById', () => {
  it.each([
    [false, undefined, ['rh_01', 'rh_02', 'rh_03', 'rh_04', 'rh_05']],
    [true, undefined, ['rh_05', 'rh_04', 'rh_03', 'rh_02', 'rh_01']],
    [false, 'rh_02', ['rh_03', 'rh_04', 'rh_05']],
    [true, 'rh_02', ['rh_01']],
    [false, 'rh_025', ['rh_03', 'rh_04', 'rh_05']],
    [true, 'rh_025', ['rh_02', 'rh_01']],
    [false, 'rh_05', []],
    [true, 'rh_00', []],
  ])('walks descending=%s after %s', (descending, after, expected) => {
    expect([...walkById(HOLDERS)(descending, after)].map((h) => h.id)).toEqual(expected);
  });

  it('leaves the records it was given in their order', () => {
    const records = [...HOLDERS];
    walkById(records);
    expect(records).toEqual(HOLDERS);
  });
});

describe('cursorPage', () => {
  const walk = walkById(HOLDERS);

  it.each<[string, CursorPageQuery, object]>([
    ['newest first (-id) by default', {}, { ids: ['rh_05', 'rh_04', 'rh_03', 'rh_02', 'rh_01'], total: 5, has_more: false }],
    ['oldest first with order=id', { order: 'id' }, { ids: ['rh_01', 'rh_02', 'rh_03', 'rh_04', 'rh_05'], total: 5, has_more: false }],
    ['newest first with order=-id', { order: '-id' }, { ids: ['rh_05', 'rh_04', 'rh_03', 'rh_02', 'rh_01'], total: 5, has_more: false }],
    ['the first page of two', { limit: 2 }, { ids: ['rh_05', 'rh_04'], total: 5, has_more: true, more_starting_after: 'rh_04' }],
    ['the page after an id that exists', { limit: 2, starting_after_id: 'rh_04' }, { ids: ['rh_03', 'rh_02'], total: 5, has_more: true, more_starting_after: 'rh_02' }],
    ['the last page, with no more_starting_after', { limit: 2, starting_after_id: 'rh_02' }, { ids: ['rh_01'], total: 5, has_more: false }],
    ['oldest first after an id', { order: 'id', limit: 2, starting_after_id: 'rh_02' }, { ids: ['rh_03', 'rh_04'], total: 5, has_more: true, more_starting_after: 'rh_04' }],
    ['after an id no record has (descending)', { starting_after_id: 'rh_035' }, { ids: ['rh_03', 'rh_02', 'rh_01'], total: 5, has_more: false }],
    ['after an id no record has (ascending)', { order: 'id', starting_after_id: 'rh_035' }, { ids: ['rh_04', 'rh_05'], total: 5, has_more: false }],
    ['after the last id', { order: 'id', starting_after_id: 'rh_05' }, { ids: [], total: 5, has_more: false }],
    ['after an id past every record', { starting_after_id: 'rh_00' }, { ids: [], total: 5, has_more: false }],
    ['a page that ends at the last record', { limit: 5 }, { ids: ['rh_05', 'rh_04', 'rh_03', 'rh_02', 'rh_01'], total: 5, has_more: false }],
    ['one record a page', { order: 'id', limit: 1 }, { ids: ['rh_01'], total: 5, has_more: true, more_starting_after: 'rh_01' }],
  ])('cuts %s', (_case, query, expected) => {
    expect(page(walk, query)).toStrictEqual(expected);
  });

  it('walks to the end of the next page from more_starting_after, page by page', () => {
    const seen: string[] = [];
    let query: CursorPageQuery = { order: 'id', limit: 2 };
    for (;;) {
      const next = cursorPage(walk, query);
      seen.push(...next.data.map((h) => h.id));
      if (!next.has_more) break;
      query = { ...query, starting_after_id: next.more_starting_after };
    }
    expect(seen).toEqual(['rh_01', 'rh_02', 'rh_03', 'rh_04', 'rh_05']);
  });

  it('answers a total it is given, and stops walking right after the page', () => {
    const source = counted(walk);
    expect(page(source.walk, { limit: 2 }, 42)).toStrictEqual({ ids: ['rh_05', 'rh_04'], total: 42, has_more: true, more_starting_after: 'rh_04' });
    // Two records for the page and one to learn that there are more.
    expect(source.read()).toBe(3);
  });

  it('counts every record when no total is given, wherever the cursor is', () => {
    const source = counted(walk);
    expect(page(source.walk, { limit: 1, starting_after_id: 'rh_02' })).toStrictEqual({ ids: ['rh_01'], total: 5, has_more: false });
    expect(source.read()).toBe(1 + HOLDERS.length);
  });

  describe('with a matches predicate', () => {
    const referees = (h: Holder) => h.role === 'REFEREE';

    it.each<[string, CursorPageQuery, object]>([
      ['every match', {}, { ids: ['rh_05', 'rh_04', 'rh_03', 'rh_02'], total: 4, has_more: false }],
      ['a first page', { limit: 2 }, { ids: ['rh_05', 'rh_04'], total: 4, has_more: true, more_starting_after: 'rh_04' }],
      ['the page after the cursor, counting matches before it too', { limit: 2, starting_after_id: 'rh_04' }, { ids: ['rh_03', 'rh_02'], total: 4, has_more: false }],
      ['oldest first after the cursor', { order: 'id', limit: 1, starting_after_id: 'rh_01' }, { ids: ['rh_02'], total: 4, has_more: true, more_starting_after: 'rh_02' }],
      ['after an id no record has', { order: 'id', starting_after_id: 'rh_035' }, { ids: ['rh_04', 'rh_05'], total: 4, has_more: false }],
      ['past every match', { starting_after_id: 'rh_02' }, { ids: [], total: 4, has_more: false }],
    ])('cuts %s', (_case, query, expected) => {
      expect(page(walk, query, undefined, referees)).toStrictEqual(expected);
    });

    it('counts the matches, not a total it is given', () => {
      expect(page(walk, {}, 99, referees).total).toBe(4);
    });

    it('answers an empty page and a total of 0 when nothing matches', () => {
      expect(page(walk, {}, undefined, () => false)).toStrictEqual({ ids: [], total: 0, has_more: false });
    });
  });

  it('answers an empty page over no records', () => {
    expect(page(walkById([]), {})).toStrictEqual({ ids: [], total: 0, has_more: false });
  });
});
