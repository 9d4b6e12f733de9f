// Query strings read as Express's extended parser (qs) reads them, flat ones without qs.

import qs from 'qs';
import { parseQuery } from '../../src/http/query.js';

const asQs = (text: string) => qs.parse(text, { allowPrototypes: true });

describe('parseQuery', () => {
  const cases = [
    '',
    'limit=10',
    'limit=10&page=2&order=-created_at',
    'a',
    'a=',
    '=x',
    '&&a=1&',
    'a==b',
    'a+b=c+d',
    'a=%20%2B',
    '%3D=1',
    'a=%E2%82',
    'a=%E2%82%2+b',
    'constructor=1&toString=2&hasOwnProperty=3',
    '__proto__=1&b=2',
    'a=1&a=2',
    `x=${Array.from({ length: 25 }, (_, i) => i).join('&x=')}`,
    Array.from({ length: 1200 }, (_, i) => `k${i}=1`).join('&'),
    'filters[holder_role][conditions][$in]=REFEREE&filters[junction]=or',
    'filters%5Bjunction%5D=or',
    'created_at[before]=2026-01-01T00:00:00Z&limit=5',
    'campaign[]=a&customer[x]=y',
    'a=%5B',
  ];
  it('reads no query string as an empty query', () => {
    expect(parseQuery(null)).toEqual({});
  });

  it.each(cases.map((text) => [text.slice(0, 60), text]))('reads %j as qs does', (_name, text) => {
    expect(parseQuery(text)).toEqual(asQs(text));
  });
});
