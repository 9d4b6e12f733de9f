// Query strings as Express's "extended" parser (qs) reads them. Nested keys
// (filters[holder_role][conditions][$in]=REFEREE) and repeated keys go to qs; flat ones
// (limit=10&page=2), most requests, are read here with qs's own rules at a fraction of its cost.

import qs from 'qs';

/** A key qs would nest: brackets, plain or percent-encoded. */
const NESTED = /[[\]]|%5b|%5d/i;
/** qs reads at most this many parameters. */
const PARAMETER_LIMIT = 1000;

/** qs's decoding: "+" is a space; broken percent-encoding is kept as it is. */
function decode(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `text` is what follows "?" in the URL; Express passes null when there is no "?". */
export function parseQuery(text: string | null): Record<string, unknown> {
  if (!text) return {};
  if (NESTED.test(text)) return qs.parse(text, { allowPrototypes: true });
  const query: Record<string, unknown> = {};
  for (const part of text.split('&', PARAMETER_LIMIT)) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decode(equals < 0 ? part : part.slice(0, equals));
    // qs skips an empty key, and never lets "__proto__" reach the object's prototype.
    if (key === '' || key === '__proto__') continue;
    // A repeated key becomes an array, or past qs's array limit an object: qs's business.
    if (Object.hasOwn(query, key)) return qs.parse(text, { allowPrototypes: true });
    query[key] = equals < 0 ? '' : decode(part.slice(equals + 1));
  }
  return query;
}
