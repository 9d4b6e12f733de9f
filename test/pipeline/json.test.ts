// Answers serialised as JSON.stringify would, with stored records serialised once.

import { jest } from '@jest/globals';
import { toJson } from '../../src/http/json.js';
import { deepFreeze } from '../../src/store/freeze.js';
import { aCustomer, aVoucher } from '../support/builders.js';

const record = deepFreeze(aVoucher({ metadata: { tier: 'gold', nested: { list: [1, null, 'x'] } } }));

describe('toJson', () => {
  const cases: [string, unknown][] = [
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string with quotes and unicode', 'a "quote" \\ \u2028 ż'],
    ['true', true],
    ['null', null],
    ['an empty object', {}],
    ['an empty array', []],
    ['an envelope of records', { object: 'list', data_ref: 'vouchers', vouchers: [record, record], total: 2 }],
    ['a view spread from a record', { ...record, vouchers_count: 3 }],
    ['undefined, functions and symbols in objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }],
    ['undefined, functions and symbols in arrays', [undefined, () => 1, Symbol('s'), 1]],
    ['a toJSON', { when: new Date('2026-11-22T12:00:00.000Z'), custom: { toJSON: () => 'custom' } }],
    ['a toJSON answering undefined, in an object and in an array', { gone: { toJSON: () => undefined }, list: [{ toJSON: () => undefined }], kept: 1 }],
    ['a record inside a view', { voucher: record, extra: [record, { nested: record }] }],
    ['a null-prototype object', Object.assign(Object.create(null), { x: 1, y: 'two' })],
    ['frozen parts without an id', deepFreeze({ metadata: { a: 1 }, list: [deepFreeze({ b: 2 })] })],
    ['a record frozen elsewhere only at its top', Object.freeze({ id: 'x', nested: { changeable: true } })],
    ['nested arrays and objects', { a: [[1, [2, { b: [] }]], { c: { d: null } }] }],
  ];
  it.each(cases)('writes %s as JSON.stringify does', (_name, value) => {
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it('answers undefined for undefined, as JSON.stringify does', () => {
    expect(toJson(undefined)).toBeUndefined();
  });

  it('serialises a record once, and gives the same text every time', () => {
    const customer = deepFreeze(aCustomer());
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const first = toJson({ data: [customer] });
      const recordCalls = () => stringify.mock.calls.filter(([value]) => value === customer).length;
      expect(recordCalls()).toBe(1);
      expect(toJson({ other: customer })).toBe(`{"other":${JSON.stringify(customer)}}`);
      expect(recordCalls()).toBe(2); // the expectation's own call; toJson made none
      expect(first).toBe(JSON.stringify({ data: [customer] }));
    } finally {
      stringify.mockRestore();
    }
  });

  it('keeps no text for the records of a write answer (keep false): a later read serialises them afresh', () => {
    const customer = deepFreeze(aCustomer());
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const recordCalls = () => stringify.mock.calls.filter(([value]) => value === customer).length;
      expect(toJson({ created: customer }, false)).toBe(JSON.stringify({ created: customer }));
      const before = recordCalls();
      expect(toJson({ data: [customer] })).toBe(`{"data":[${JSON.stringify(customer)}]}`);
      // One call from toJson (nothing was kept) and one from the expectation.
      expect(recordCalls() - before).toBe(2);
    } finally {
      stringify.mockRestore();
    }
  });
});
