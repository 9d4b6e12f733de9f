// List filters: the predicate filters[field][conditions] make (junction and/or, several fields), and the created_at/updated_at time windows.

import { applyFilters, filterPredicate, withinTimeWindows, type FilterInput, type TimeWindows } from '../../src/lists/filters.js';

const NOW = new Date('2026-11-22T12:00:00.000Z');

interface Holder {
  id: string;
  holder_role: string;
  customer_id: string | null;
  created_at: string;
}

const HOLDERS: Holder[] = [
  { id: 'h1', holder_role: 'REFERRER', customer_id: 'cust_alice', created_at: '2026-01-10T10:00:00.000Z' },
  { id: 'h2', holder_role: 'REFEREE', customer_id: 'cust_bob', created_at: '2026-06-01T10:00:00.000Z' },
  { id: 'h3', holder_role: 'REFEREE', customer_id: 'cust_carol', created_at: '2026-11-20T10:00:00.000Z' },
  { id: 'h4', holder_role: 'OWNER', customer_id: null, created_at: '2026-11-21T10:00:00.000Z' },
];
const ALL = HOLDERS.map((h) => h.id);

describe('filterPredicate', () => {
  it.each<[string, FilterInput | undefined]>([
    ['no filters', undefined],
    ['an empty filters object', {}],
    ['a junction alone', { junction: 'or' }],
    ['a field with no conditions', { holder_role: {} }],
    ['a field given as a plain string', { holder_role: 'REFEREE' }],
    ['a field set to null', { holder_role: null }],
  ])('sets no condition for %s', (_case, filters) => {
    expect(filterPredicate(filters, NOW)).toBeUndefined();
  });

  it('tests one record at a time', () => {
    const isReferee = filterPredicate<Holder>({ holder_role: { conditions: { $is: 'REFEREE' } } }, NOW);
    expect(HOLDERS.map((h) => isReferee?.(h))).toEqual([false, true, true, false]);
  });
});

describe('applyFilters', () => {
  it.each<[string, FilterInput | undefined, string[]]>([
    ['no filters: every record', undefined, ALL],
    ['empty filters: every record', {}, ALL],
    ['empty conditions: every record', { holder_role: { conditions: {} } }, ALL],
    ['one field, $in', { holder_role: { conditions: { $in: ['REFEREE'] } } }, ['h2', 'h3']],
    ['one field, $in of two values', { holder_role: { conditions: { $in: ['REFEREE', 'OWNER'] } } }, ['h2', 'h3', 'h4']],
    ['one field, $not_in', { holder_role: { conditions: { $not_in: ['REFEREE'] } } }, ['h1', 'h4']],
    ['one field, two operators (both must hold)', { customer_id: { conditions: { $starts_with: 'cust_', $ends_with: 'ol' } } }, ['h3']],
    ['a field with no value, $is_unknown', { customer_id: { conditions: { $is_unknown: '' } } }, ['h4']],
    ['a field with no value, $has_value', { customer_id: { conditions: { $has_value: '' } } }, ['h1', 'h2', 'h3']],
    ['a date, $after', { created_at: { conditions: { $after: '2026-06-01T10:00:00.000Z' } } }, ['h3', 'h4']],
    ['a date, $less_than 2 days ago', { created_at: { conditions: { $less_than: 2 } } }, ['h4']],
    ['a date, $more_than 2 days ago', { created_at: { conditions: { $more_than: 2 } } }, ['h1', 'h2', 'h3']],
    [
      'two fields, joined by and by default',
      { holder_role: { conditions: { $is: 'REFEREE' } }, created_at: { conditions: { $after: '2026-07-01T00:00:00.000Z' } } },
      ['h3'],
    ],
    [
      'two fields, junction and',
      { junction: 'and', holder_role: { conditions: { $is: 'REFEREE' } }, customer_id: { conditions: { $is: 'cust_alice' } } },
      [],
    ],
    [
      'two fields, junction or',
      { junction: 'or', holder_role: { conditions: { $is: 'REFEREE' } }, customer_id: { conditions: { $is: 'cust_alice' } } },
      ['h1', 'h2', 'h3'],
    ],
    [
      'two fields, junction OR in capitals',
      { junction: 'OR', holder_role: { conditions: { $is: 'OWNER' } }, customer_id: { conditions: { $is: 'cust_alice' } } },
      ['h1', 'h4'],
    ],
    [
      'three fields, junction and',
      {
        holder_role: { conditions: { $is_not: 'REFERRER' } },
        customer_id: { conditions: { $has_value: '' } },
        created_at: { conditions: { $before: '2026-11-01T00:00:00.000Z' } },
      },
      ['h2'],
    ],
    ['a field the records do not have', { campaign_id: { conditions: { $is: 'camp_1' } } }, []],
  ])('keeps, for %s, the records that meet the filters', (_case, filters, expected) => {
    expect(applyFilters(HOLDERS, filters, NOW).map((h) => h.id)).toEqual(expected);
  });

  it('keeps the records in their order and leaves the input as it was', () => {
    const records = [...HOLDERS].reverse();
    expect(applyFilters(records, { holder_role: { conditions: { $is: 'REFEREE' } } }, NOW).map((h) => h.id)).toEqual(['h3', 'h2']);
    expect(records.map((h) => h.id)).toEqual(['h4', 'h3', 'h2', 'h1']);
  });
});

describe('withinTimeWindows', () => {
  const record = { created_at: '2026-06-01T10:00:00.000Z', updated_at: '2026-07-01T10:00:00.000Z' };

  const cases: [string, { created_at?: unknown; updated_at?: unknown }, TimeWindows, boolean][] = [
    ['no windows', record, {}, true],
    ['created_at after a bound before it', record, { created_at: { after: '2026-05-31T00:00:00.000Z' } }, true],
    ['created_at after a bound past it', record, { created_at: { after: '2026-06-02T00:00:00.000Z' } }, false],
    ['created_at after a bound equal to it (bounds excluded)', record, { created_at: { after: '2026-06-01T10:00:00.000Z' } }, false],
    ['created_at before a bound past it', record, { created_at: { before: '2026-06-02T00:00:00.000Z' } }, true],
    ['created_at before a bound equal to it (bounds excluded)', record, { created_at: { before: '2026-06-01T10:00:00.000Z' } }, false],
    ['created_at inside both bounds', record, { created_at: { after: '2026-05-01T00:00:00Z', before: '2026-07-01T00:00:00Z' } }, true],
    ['created_at outside both bounds', record, { created_at: { after: '2026-06-15T00:00:00Z', before: '2026-07-01T00:00:00Z' } }, false],
    ['updated_at inside its window', record, { updated_at: { after: '2026-06-15T00:00:00Z' } }, true],
    ['updated_at outside its window', record, { updated_at: { before: '2026-06-15T00:00:00Z' } }, false],
    ['both windows holding', record, { created_at: { before: '2026-06-15T00:00:00Z' }, updated_at: { after: '2026-06-15T00:00:00Z' } }, true],
    ['one of two windows failing', record, { created_at: { before: '2026-06-15T00:00:00Z' }, updated_at: { before: '2026-06-15T00:00:00Z' } }, false],
    ['a window on a field the record lacks', { created_at: record.created_at }, { updated_at: { after: '2020-01-01T00:00:00Z' } }, false],
    ['a window on a field that is null', { created_at: record.created_at, updated_at: null }, { updated_at: { before: '2030-01-01T00:00:00Z' } }, false],
    ['an empty window on a field the record lacks', { created_at: record.created_at }, { updated_at: {} }, true],
  ];

  it.each(cases.map(([name, item, windows, expected]) => [name, expected, item, windows] as const))('%s → %s', (_case, expected, item, windows) => {
    expect(withinTimeWindows(item, windows)).toBe(expected);
  });
});
