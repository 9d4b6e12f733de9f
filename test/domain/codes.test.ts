// Voucher codes from a code_config: completing the config, named charsets, the number of possible codes, one candidate code, and a code no voucher of the tenant has.

import { charsetOf, codeFromConfig, codeSpace, completeCodeConfig, DEFAULT_CHARSET, uniqueCode } from '../../src/domain/codes.js';
import type { CodeConfig } from '../../src/domain/records.js';
import { createIdGenerator } from '../../src/store/ids.js';
import { aContext, aVoucher } from '../support/builders.js';
import { voucherifyErrorOf } from '../support/errors.js';

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('completeCodeConfig', () => {
  it.each<[string, CodeConfig | undefined, CodeConfig]>([
    ['no config', undefined, { length: 8, charset: DEFAULT_CHARSET, pattern: '########' }],
    ['an empty config', {}, { length: 8, charset: DEFAULT_CHARSET, pattern: '########' }],
    ['a prefix only', { prefix: 'DYNAMIC-' }, { prefix: 'DYNAMIC-', length: 8, charset: DEFAULT_CHARSET, pattern: '########' }],
    ['a length', { length: 5 }, { length: 5, charset: DEFAULT_CHARSET, pattern: '#####' }],
    ['a pattern', { pattern: 'AB-###' }, { length: 3, charset: DEFAULT_CHARSET, pattern: 'AB-###' }],
    ['a pattern and another length (the pattern wins)', { pattern: 'AB-###', length: 10 }, { length: 3, charset: DEFAULT_CHARSET, pattern: 'AB-###' }],
    ['a pattern with no placeholder', { pattern: 'FIXED' }, { length: 0, charset: DEFAULT_CHARSET, pattern: 'FIXED' }],
    ['a named charset (kept by its name)', { charset: 'Numbers' }, { length: 8, charset: 'Numbers', pattern: '########' }],
    [
      'every field',
      { prefix: 'New-', postfix: '1', pattern: 'LOYALTY-CARD-##', charset: 'XYZ', initial_count: 3 },
      { prefix: 'New-', postfix: '1', pattern: 'LOYALTY-CARD-##', charset: 'XYZ', initial_count: 3, length: 2 },
    ],
  ])('completes %s', (_case, config, expected) => {
    expect(completeCodeConfig(config)).toEqual(expected);
  });

  it('leaves the config it is given as it was', () => {
    const config: CodeConfig = { prefix: 'P-' };
    completeCodeConfig(config);
    expect(config).toEqual({ prefix: 'P-' });
  });
});

describe('charsetOf', () => {
  it.each<[string, CodeConfig, string]>([
    ['no charset', {}, DIGITS + LOWER + UPPER],
    ['Alphanumeric', { charset: 'Alphanumeric' }, DIGITS + LOWER + UPPER],
    ['Alphabetic', { charset: 'Alphabetic' }, LOWER + UPPER],
    ['Alphabetic Lowercase', { charset: 'Alphabetic Lowercase' }, LOWER],
    ['Alphabetic Uppercase', { charset: 'Alphabetic Uppercase' }, UPPER],
    ['Numbers', { charset: 'Numbers' }, DIGITS],
    ['Numeric', { charset: 'Numeric' }, DIGITS],
    ['a custom set', { charset: 'XYZ' }, 'XYZ'],
    ['a name in other letter case (a custom set)', { charset: 'numbers' }, 'numbers'],
  ])('reads %s', (_case, config, expected) => {
    expect(charsetOf(config)).toBe(expected);
  });
});

describe('codeSpace', () => {
  it.each<[string, CodeConfig, number]>([
    ['two placeholders over two characters', { pattern: '##', charset: 'AB' }, 4],
    ['a pattern with text around the placeholders', { pattern: 'N-#-#', charset: 'ABCD' }, 16],
    ['a length over digits', { length: 3, charset: 'Numbers' }, 1000],
    ['the default: 8 alphanumerics', {}, 62 ** 8],
    ['a charset with a repeated character (counted once)', { pattern: '#', charset: 'AAB' }, 2],
    ['a pattern with no placeholder', { pattern: 'FIXED' }, 1],
    ['one character, one placeholder', { pattern: '#', charset: 'A' }, 1],
    ['prefix and postfix (no more codes)', { prefix: 'P-', postfix: '-Q', length: 2, charset: 'AB' }, 4],
    ['an astronomically large space', { length: 200 }, Infinity],
  ])('counts %s', (_case, config, expected) => {
    expect(codeSpace(config)).toBe(expected);
  });
});

describe('codeFromConfig', () => {
  it.each<[string, CodeConfig, RegExp]>([
    ['8 alphanumerics by default', {}, /^[0-9a-zA-Z]{8}$/],
    ['a pattern: each # one character of the charset', { pattern: 'PROMO-####', charset: 'Numbers' }, /^PROMO-\d{4}$/],
    ['a pattern between a prefix and a postfix', { prefix: 'New-', pattern: 'LOYALTY-CARD-##', postfix: '1', charset: 'Alphabetic Uppercase' }, /^New-LOYALTY-CARD-[A-Z]{2}1$/],
    ['a length between a prefix and a postfix', { prefix: 'A-', postfix: '-Z', length: 5, charset: 'XY' }, /^A-[XY]{5}-Z$/],
    ['a length', { length: 12, charset: 'Alphabetic Lowercase' }, /^[a-z]{12}$/],
    ['a completed config', completeCodeConfig({ prefix: 'SUMMER-', length: 6, charset: 'Alphabetic Uppercase' }), /^SUMMER-[A-Z]{6}$/],
    ['a pattern with no placeholder', { pattern: 'FIXED' }, /^FIXED$/],
    ['a one-character charset', { pattern: '###', charset: 'Q' }, /^QQQ$/],
  ])('makes %s', (_case, config, shape) => {
    const ids = createIdGenerator(7);
    for (let i = 0; i < 20; i++) expect(codeFromConfig(ids, config)).toMatch(shape);
  });

  it('makes the same codes from the same seed', () => {
    const codes = (seed: number) => {
      const ids = createIdGenerator(seed);
      return Array.from({ length: 5 }, () => codeFromConfig(ids, { pattern: 'X-####' }));
    };
    expect(codes(11)).toEqual(codes(11));
    expect(codes(11)).not.toEqual(codes(12));
  });
});

describe('uniqueCode', () => {
  /** A tenant whose vouchers have `codes`. */
  const contextWith = (codes: string[], seed?: number) => aContext({ records: { vouchers: codes.map((code) => aVoucher({ code })) }, seed });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('never answers a code a voucher has (seed %i)', (seed) => {
    const ctx = contextWith(['A', 'B', 'C'], seed);
    expect(uniqueCode(ctx, { pattern: '#', charset: 'ABCD' })).toBe('D');
  });

  it('never answers a code of the same batch, and adds the code it answers to the batch', () => {
    const ctx = contextWith(['A']);
    const taken = new Set(['B', 'C']);
    expect(uniqueCode(ctx, { pattern: '#', charset: 'ABCD' }, taken)).toBe('D');
    expect(taken).toEqual(new Set(['B', 'C', 'D']));
  });

  it('answers distinct codes for a batch until the space is used up', () => {
    const ctx = contextWith(['N-A']);
    const taken = new Set<string>();
    const codes = [1, 2, 3].map(() => uniqueCode(ctx, { pattern: 'N-#', charset: 'ABCD' }, taken));
    expect(codes.sort()).toEqual(['N-B', 'N-C', 'N-D']);
  });

  it('answers codes in the shape of the config', () => {
    const ctx = contextWith([]);
    expect(uniqueCode(ctx, { prefix: 'REF-', length: 6, charset: 'Numbers' })).toMatch(/^REF-\d{6}$/);
  });

  it.each<[string, string[], Set<string> | undefined, CodeConfig, number]>([
    ['a one-character charset whose code a voucher has', ['A'], undefined, { pattern: '#', charset: 'A' }, 1],
    ['a one-character charset whose code the batch has', [], new Set(['A']), { pattern: '#', charset: 'A' }, 1],
    ['a pattern with no placeholder that a voucher has', ['FIXED'], undefined, { pattern: 'FIXED' }, 1],
    ['a small space split between vouchers and the batch', ['X-A', 'X-B'], new Set(['X-C', 'X-D']), { pattern: 'X-#', charset: 'ABCD' }, 4],
  ])('answers 400 invalid_code_config when every code is used: %s', (_case, codes, taken, config, possible) => {
    const ctx = contextWith(codes);
    expect(voucherifyErrorOf(() => uniqueCode(ctx, config, taken))).toEqual({
      status: 400,
      code: 400,
      key: 'invalid_code_config',
      message: 'Invalid code config',
      details: `No unused code is left for the code config (${possible} possible codes)`,
    });
  });

  // When random draws keep colliding, a small space is searched code by code: one code left of
  // 10,000 four-digit codes is still found.
  it('finds the last free code of a nearly used-up space', () => {
    const codes = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0')).filter((code) => code !== '4321');
    const ctx = contextWith(codes);
    expect(uniqueCode(ctx, { pattern: '####', charset: 'Numbers' })).toBe('4321');
  });
});
