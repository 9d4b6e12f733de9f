// nestsDeeperThan: the body depth check, counted without recursion.

import { MAX_BODY_DEPTH, nestsDeeperThan } from '../../src/http/body-depth.js';

const nestedArrays = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
const nestedObjects = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`);

describe('nestsDeeperThan', () => {
  const cases: [string, unknown, number, boolean][] = [
    ['a string', 'text', 0, false],
    ['null', null, 0, false],
    ['an empty object at limit 1', {}, 1, false],
    ['an empty object at limit 0', {}, 0, true],
    ['{"a": [{}]} at limit 3', { a: [{}] }, 3, false],
    ['{"a": [{}]} at limit 2', { a: [{}] }, 2, true],
    ['a wide, shallow object', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { v: [i] }])), 3, false],
    ['the deep branch after shallow ones', { a: 1, b: {}, c: [[[[]]]] }, 4, true],
    ['64 arrays at the limit', nestedArrays(MAX_BODY_DEPTH), MAX_BODY_DEPTH, false],
    ['65 arrays at the limit', nestedArrays(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH, true],
    ['64 objects at the limit', nestedObjects(MAX_BODY_DEPTH), MAX_BODY_DEPTH, false],
    ['65 objects at the limit', nestedObjects(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH, true],
  ];
  for (const [name, value, limit, expected] of cases) {
    it(`${name}: ${expected}`, () => expect(nestsDeeperThan(value, limit)).toBe(expected));
  }

  it('measures 500,000 levels without overflowing the call stack', () => {
    const deep = nestedArrays(500_000);
    expect(nestsDeeperThan(deep, MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan(deep, 500_000)).toBe(false);
  });
});
