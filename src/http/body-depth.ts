// How deeply a JSON body may nest: a deeper one is refused before validation and before any
// handler, whose code (and the serialiser, and a --db write) walks records by recursion.

/** Voucherify's own payloads nest a handful of levels (order → items → product → metadata); 64 leaves room. */
export const MAX_BODY_DEPTH = 64;

/**
 * Whether `value` nests more than `limit` containers deep: {} and [] are one level, {"a": [{}]}
 * three, a string or number none. The walk keeps its own stack instead of recursing, so a body
 * nested 500,000 levels deep (1 MB of "[") is measured without overflowing the call stack, and it
 * stops at the first container past the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const pending: [object, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [object, number];
    if (depth > limit) return true;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return false;
}
