// Voucher codes from a campaign's code_config: pattern with # placeholders, or prefix + random part + postfix.

import { codeConfigExhausted } from '../errors.js';
import type { IdGenerator } from '../store/ids.js';
import { isInBin } from './bin.js';
import { vouchers } from './collections.js';
import type { Context } from './context.js';
import type { CodeConfig } from './records.js';

export type { CodeConfig };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The dashboard's named charsets; any other value is itself the set of characters. A Map: the
 * charset is the caller's text, and "constructor" is seven characters, not Object's constructor.
 */
const NAMED_CHARSETS = new Map<string, string>([
  ['Alphanumeric', DIGITS + LOWER + UPPER],
  ['Alphabetic', LOWER + UPPER],
  ['Alphabetic Lowercase', LOWER],
  ['Alphabetic Uppercase', UPPER],
  ['Numbers', DIGITS],
  ['Numeric', DIGITS],
]);

export const DEFAULT_CHARSET = DIGITS + LOWER + UPPER;
export const DEFAULT_LENGTH = 8;

export function charsetOf(config: CodeConfig): string {
  const charset = config.charset ?? DEFAULT_CHARSET;
  return NAMED_CHARSETS.get(charset) ?? charset;
}

/**
 * One candidate code; it may collide with an existing one (see uniqueCode). Prefix and postfix
 * wrap a pattern too: {prefix: "New-", pattern: "LOYALTY-CARD-##", postfix: "1"} gives New-LOYALTY-CARD-UC1.
 */
export function codeFromConfig(ids: IdGenerator, config: CodeConfig): string {
  const charset = charsetOf(config);
  const body = config.pattern ? config.pattern.replace(/#/g, () => ids.code(charset, 1)) : ids.code(charset, config.length ?? DEFAULT_LENGTH);
  return `${config.prefix ?? ''}${body}${config.postfix ?? ''}`;
}

const placeholders = (pattern: string) => (pattern.match(/#/g) ?? []).length;
const placeholdersOf = (config: CodeConfig) => (config.pattern ? placeholders(config.pattern) : (config.length ?? DEFAULT_LENGTH));

/** How many distinct codes a config can make at most (Infinity when that number is astronomically large). */
export function codeSpace(config: CodeConfig): number {
  const space = new Set(charsetOf(config)).size ** placeholdersOf(config);
  return Number.isFinite(space) ? space : Infinity;
}

/** The index-th code of the config's space (0 ≤ index < codeSpace), counting like a number in the charset's digits. */
export function codeAt(config: CodeConfig, index: number): string {
  const digits = [...new Set(charsetOf(config))];
  const chosen: string[] = new Array(placeholdersOf(config));
  for (let i = chosen.length - 1; i >= 0; i--) {
    chosen[i] = digits[index % digits.length];
    index = Math.floor(index / digits.length);
  }
  let next = 0;
  const body = config.pattern ? config.pattern.replace(/#/g, () => chosen[next++]) : chosen.join('');
  return `${config.prefix ?? ''}${body}${config.postfix ?? ''}`;
}

/** Spaces up to this size are searched code by code once random draws keep colliding. */
const SEARCHABLE_SPACE = 1_000_000;

/**
 * code_config as Voucherify stores it: length, charset and pattern always present. A pattern
 * fixes the length (its number of #); without one, the pattern is `length` #s.
 * { prefix: 'DYNAMIC-' } → { prefix: 'DYNAMIC-', length: 8, charset: '0123…xyzABC…XYZ' (all 62), pattern: '########' }
 */
export function completeCodeConfig(config: CodeConfig = {}): CodeConfig {
  const length = config.pattern ? placeholders(config.pattern) : (config.length ?? DEFAULT_LENGTH);
  return { ...config, length, charset: config.charset ?? DEFAULT_CHARSET, pattern: config.pattern ?? '#'.repeat(length) };
}

/**
 * A code that no voucher of the tenant has (nor any in `taken`, the codes of the same batch).
 * Random draws retry on collision; when they keep colliding in a small space (nearly used up),
 * the space is searched code by code from a random place. A config whose codes are all used
 * answers 400.
 */
export function uniqueCode(ctx: Context, config: CodeConfig, taken?: Set<string>): string {
  const all = vouchers(ctx.tenant);
  // A code the bin keeps is taken too.
  const free = (code: string) => !all.findBy('code', code) && !taken?.has(code) && !isInBin(ctx, 'voucher', code);
  const take = (code: string) => {
    taken?.add(code);
    return code;
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    const code = codeFromConfig(ctx.ids, config);
    if (free(code)) return take(code);
  }
  const space = codeSpace(config);
  if (space <= SEARCHABLE_SPACE) {
    const start = Number(ctx.ids.code('0123456789', 9)) % space;
    for (let i = 0; i < space; i++) {
      const code = codeAt(config, (start + i) % space);
      if (free(code)) return take(code);
    }
  } else {
    for (let attempt = 0; attempt < 900; attempt++) {
      const code = codeFromConfig(ctx.ids, config);
      if (free(code)) return take(code);
    }
  }
  throw codeConfigExhausted(space);
}
