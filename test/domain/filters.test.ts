// The filter module segments use (domain/filters.ts): which customers a filter keeps, and which
// filters it refuses, one table row per condition and per mistake.

import { FILTER_CONDITIONS, compileFilter, readPath } from '../../src/domain/filters.js';
import { VoucherifyError } from '../../src/errors.js';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

/** Customers as filters read them: fields, an address, metadata of several kinds. */
const PEOPLE = [
  {
    id: 'ann',
    name: 'Ann Smith',
    email: 'ann@shop.example',
    address: { city: 'Warsaw', country: 'Poland' },
    metadata: { tier: 'gold', age: 41, vip: true, 'shop.id': 'S1' },
    created_at: daysAgo(40),
    loyalty: { points: 250 },
  },
  {
    id: 'bob',
    name: 'Bob Stone',
    email: 'bob@mail.example',
    address: { city: 'Berlin', country: 'Germany' },
    metadata: { tier: 'silver', age: '29' },
    created_at: daysAgo(5),
    loyalty: { points: 0 },
  },
  { id: 'cid', name: null, email: null, address: null, metadata: {}, created_at: daysAgo(1), loyalty: { points: 40 } },
];

const keeps = (filter: unknown) => {
  const test = compileFilter(filter);
  return PEOPLE.filter((person) => test(person, NOW)).map((person) => person.id);
};

describe('compileFilter: which records a filter keeps', () => {
  const cases: [string, unknown, string[]][] = [
    ['$is on a field', { name: { conditions: { $is: 'Ann Smith' } } }, ['ann']],
    ['$is on a nested field', { 'address.country': { conditions: { $is: 'Poland' } } }, ['ann']],
    ['$is with the value in a one-element array', { 'address.country': { conditions: { $is: ['Germany'] } } }, ['bob']],
    ['$is on a boolean metadata value', { 'metadata.vip': { conditions: { $is: true } } }, ['ann']],
    ['$is_not (a missing value is not the value)', { 'metadata.tier': { conditions: { $is_not: 'gold' } } }, ['bob', 'cid']],
    ['$in', { 'metadata.tier': { conditions: { $in: ['gold', 'silver'] } } }, ['ann', 'bob']],
    ['$in with one value, not in an array', { 'metadata.tier': { conditions: { $in: 'silver' } } }, ['bob']],
    ['$not_in', { 'metadata.tier': { conditions: { $not_in: ['gold'] } } }, ['bob', 'cid']],
    ['$contains', { email: { conditions: { $contains: '@shop.' } } }, ['ann']],
    ['$not_contain', { email: { conditions: { $not_contain: 'shop' } } }, ['bob', 'cid']],
    ['$starts_with', { name: { conditions: { $starts_with: 'Bo' } } }, ['bob']],
    ['$ends_with', { email: { conditions: { $ends_with: '.example' } } }, ['ann', 'bob']],
    ['$has_value', { email: { conditions: { $has_value: '' } } }, ['ann', 'bob']],
    ['$is_unknown (null, missing or no such key)', { 'metadata.tier': { conditions: { $is_unknown: '' } } }, ['cid']],
    ['$more_than on numbers, a number in a text included', { 'metadata.age': { conditions: { $more_than: 30 } } }, ['ann']],
    ['$more_than with the operand as text in an array', { 'loyalty.points': { conditions: { $more_than: ['0'] } } }, ['ann', 'cid']],
    ['$more_than_equal', { 'loyalty.points': { conditions: { $more_than_equal: 40 } } }, ['ann', 'cid']],
    ['$less_than on numbers', { 'metadata.age': { conditions: { $less_than: 30 } } }, ['bob']],
    ['$less_than_equal', { 'loyalty.points': { conditions: { $less_than_equal: 40 } } }, ['bob', 'cid']],
    ['$more_than on a date: more than n days ago', { created_at: { conditions: { $more_than: 10 } } }, ['ann']],
    ['$less_than on a date: less than n days ago', { created_at: { conditions: { $less_than: 10 } } }, ['bob', 'cid']],
    ['$after', { created_at: { conditions: { $after: [daysAgo(6)] } } }, ['bob', 'cid']],
    ['$before', { created_at: { conditions: { $before: daysAgo(6) } } }, ['ann']],
    ['a metadata key with a dot in it', { 'metadata.shop.id': { conditions: { $is: 'S1' } } }, ['ann']],
    ['two conditions on one field: both hold', { 'metadata.age': { conditions: { $more_than: 20, $less_than: 30 } } }, ['bob']],
    [
      'junction and (the default): every field',
      { 'metadata.tier': { conditions: { $has_value: '' } }, 'address.city': { conditions: { $is: 'Berlin' } } },
      ['bob'],
    ],
    [
      'junction OR (any case): any field',
      { junction: 'OR', 'address.city': { conditions: { $is: 'Berlin' } }, 'metadata.vip': { conditions: { $is: 'true' } } },
      ['ann', 'bob'],
    ],
    [
      'a nested group',
      {
        junction: 'and',
        email: { conditions: { $has_value: '' } },
        either: { junction: 'or', 'metadata.tier': { conditions: { $is: 'gold' } }, 'metadata.age': { conditions: { $less_than: 30 } } },
      },
      ['ann', 'bob'],
    ],
    ['no field at all: everyone', { junction: 'and' }, ['ann', 'bob', 'cid']],
    ['a field no record has', { 'events.sign_up.count': { conditions: { $more_than: 0 } } }, []],
  ];
  it.each(cases)('%s', (_name, filter, expected) => {
    expect(keeps(filter)).toEqual(expected);
  });

  it('documents every condition it takes', () => {
    expect(FILTER_CONDITIONS).toEqual([
      '$is', '$is_not', '$contains', '$not_contain', '$starts_with', '$ends_with', '$in', '$not_in',
      '$more_than', '$more_than_equal', '$less_than', '$less_than_equal', '$after', '$before', '$has_value', '$is_unknown',
      '$today', '$tomorrow', '$yesterday', '$this_week', '$last_week', '$next_week', '$this_month', '$last_month', '$next_month',
      '$this_year', '$last_year', '$next_year', '$today_md', '$tomorrow_md', '$yesterday_md', '$this_week_md', '$last_week_md',
      '$next_week_md', '$this_month_md', '$last_month_md', '$next_month_md', '$more_than_ago', '$less_than_ago', '$more_than_future',
      '$less_than_future', '$is_days_ago', '$is_days_in_future', '$is_day_of_month', '$is_day', '$is_month', '$is_year', '$is_years_ago',
    ]);
  });
});

describe('compileFilter: the calendar conditions, counted from now (Sunday 2026-11-22, 12:00 UTC)', () => {
  /** Each person has a date (a birthdate, or when something happened); the filter is on it. */
  const DATES = [
    { id: 'today', date: '2026-11-22T08:00:00.000Z' },
    { id: 'tomorrow', date: '2026-11-23' },
    { id: 'yesterday', date: '2026-11-21T23:59:00.000Z' },
    { id: 'monday-this-week', date: '2026-11-16' },
    { id: 'last-week', date: '2026-11-10' },
    { id: 'next-month', date: '2026-12-31' },
    { id: 'last-month', date: '2026-10-01' },
    { id: 'born-december', date: '1990-12-05' },
    { id: 'born-tomorrow', date: '1985-11-23' },
    { id: 'last-year', date: '2025-06-15' },
    { id: 'no-date', date: null },
  ];
  const keepsDated = (conditions: Record<string, unknown>) => {
    const test = compileFilter({ date: { conditions } });
    return DATES.filter((person) => test(person, NOW)).map((person) => person.id);
  };
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['$today', { $today: [true] }, ['today']],
    ['$tomorrow', { $tomorrow: [true] }, ['tomorrow']],
    ['$yesterday', { $yesterday: [true] }, ['yesterday']],
    ['$this_week (ISO weeks: Monday to Sunday)', { $this_week: [true] }, ['today', 'yesterday', 'monday-this-week']],
    ['$last_week', { $last_week: [true] }, ['last-week']],
    ['$next_week', { $next_week: [true] }, ['tomorrow']],
    ['$this_month', { $this_month: [true] }, ['today', 'tomorrow', 'yesterday', 'monday-this-week', 'last-week']],
    ['$next_month', { $next_month: [true] }, ['next-month']],
    ['$last_month', { $last_month: [true] }, ['last-month']],
    ['$last_year', { $last_year: [true] }, ['last-year']],
    ['$next_month_md: any year (birthdays)', { $next_month_md: [true] }, ['next-month', 'born-december']],
    ['$tomorrow_md', { $tomorrow_md: [true] }, ['tomorrow', 'born-tomorrow']],
    ['$next_week_md', { $next_week_md: [true] }, ['tomorrow', 'born-tomorrow']],
    ['$more_than_ago: more than n whole days before today', { $more_than_ago: [30] }, ['last-month', 'born-december', 'born-tomorrow', 'last-year']],
    ['$less_than_ago: today up to n - 1 days before', { $less_than_ago: [2] }, ['today', 'yesterday']],
    ['$more_than_future', { $more_than_future: [30] }, ['next-month']],
    ['$less_than_future', { $less_than_future: [2] }, ['today', 'tomorrow']],
    ['$is_days_ago', { $is_days_ago: [6] }, ['monday-this-week']],
    ['$is_month (1 is January)', { $is_month: [12] }, ['next-month', 'born-december']],
    ['$is_day_of_month', { $is_day_of_month: 23 }, ['tomorrow', 'born-tomorrow']],
    ['$is_day (0 is Sunday)', { $is_day: [0] }, ['today', 'last-year']],
    ['$is_years_ago', { $is_years_ago: [36] }, ['born-december']],
  ];
  it.each(cases)('%s', (_name, conditions, expected) => {
    expect(keepsDated(conditions)).toEqual(expected);
  });

  it('29 February has its anniversary on 28 February in other years', () => {
    const test = compileFilter({ date: { conditions: { $today_md: [true] } } });
    expect(test({ date: '2024-02-29' }, new Date('2027-02-28T10:00:00.000Z'))).toBe(true);
    expect(test({ date: '2024-02-29' }, new Date('2027-03-01T10:00:00.000Z'))).toBe(false);
  });
});

describe('compileFilter: what it refuses (400 invalid_payload)', () => {
  const known = FILTER_CONDITIONS.join(', ');
  const cases: [string, unknown, string][] = [
    ['a filter that is no object', ['name'], 'filter must be an object'],
    ['an unknown junction', { junction: 'xor' }, 'filter.junction must be "and" or "or"'],
    ['a field without conditions', { name: 'Ann' }, 'filter.name must be an object with conditions, e.g. {"conditions": {"$is": "value"}}'],
    ['conditions that are no object', { name: { conditions: ['$is'] } }, 'filter.name must be an object with conditions, e.g. {"conditions": {"$is": "value"}}'],
    ['empty conditions', { name: { conditions: {} } }, 'filter.name.conditions sets no condition'],
    ['an unknown condition', { birthdate: { conditions: { $next_fortnight: [true] } } }, `Unknown condition $next_fortnight in filter.birthdate; the conditions are ${known}`],
    ['a calendar condition counting days given a word', { created_at: { conditions: { $more_than_ago: ['ten'] } } }, 'filter.created_at.conditions.$more_than_ago must be a number'],
    ['a text condition given an object', { name: { conditions: { $is: { a: 1 } } } }, 'filter.name.conditions.$is must be a string, a number or a boolean'],
    ['a single-value condition given two values', { name: { conditions: { $is: ['a', 'b'] } } }, 'filter.name.conditions.$is takes one value, not 2'],
    ['a number condition given a word', { 'metadata.age': { conditions: { $more_than: 'ten' } } }, 'filter.metadata.age.conditions.$more_than must be a number'],
    ['a date condition given no date', { created_at: { conditions: { $after: 'yesterday' } } }, 'filter.created_at.conditions.$after must be a date (ISO 8601)'],
    ['a list condition with an object in it', { name: { conditions: { $in: ['a', {}] } } }, 'filter.name.conditions.$in[1] must be a string, a number or a boolean'],
    ['a mistake inside a nested group', { group: { junction: 'or', name: { conditions: { $like: 'A%' } } } }, `Unknown condition $like in filter.group.name; the conditions are ${known}`],
  ];
  it.each(cases)('%s', (_name, filter, details) => {
    let error: unknown;
    try {
      compileFilter(filter);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(VoucherifyError);
    expect(error).toMatchObject({ status: 400, key: 'invalid_payload', message: 'Invalid payload', details });
  });

  it('refuses groups nested deeper than five levels', () => {
    let filter: Record<string, unknown> = { name: { conditions: { $has_value: '' } } };
    for (let level = 0; level < 7; level++) filter = { junction: 'and', inner: filter };
    expect(() => compileFilter(filter)).toThrow(expect.objectContaining({ details: expect.stringMatching(/nests groups deeper than 5 levels$/) }));
  });
});

describe('readPath', () => {
  const cases: [string, unknown, string, unknown][] = [
    ['a top-level field', { name: 'Ann' }, 'name', 'Ann'],
    ['a nested field', { address: { city: 'Oslo' } }, 'address.city', 'Oslo'],
    ['through a null', { address: null }, 'address.city', undefined],
    ['a key holding a dot wins over the walk', { metadata: { 'a.b': 1, a: { b: 2 } } }, 'metadata.a.b', 1],
    ['never what Object.prototype holds', {}, 'constructor', undefined],
    ['never into an array', { tags: ['x'] }, 'tags.0', undefined],
  ];
  it.each(cases)('%s', (_name, record, path, expected) => {
    expect(readPath(record, path)).toEqual(expected);
  });
});
