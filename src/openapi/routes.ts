// Orders the spec's operations for Express and converts OpenAPI paths to Express paths.

import type { OperationSpec } from './load.js';

const isParameter = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/** /v1/referrals/{campaignId}/members → /v1/referrals/:campaignId/members */
export function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Express tries routes in the order they were added, so a literal segment must come before
 * a parameter in the same place: GET /v1/customers/{customerId} would otherwise swallow a
 * literal route such as GET /v1/customers/export. Compares segment by segment: a literal
 * sorts before a parameter, then literals alphabetically, then fewer segments first.
 */
export function compareRoutes(a: OperationSpec, b: OperationSpec): number {
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = isParameter(left[i]);
    const r = isParameter(right[i]);
    if (l !== r) return l ? 1 : -1;
    if (!l && left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}

export function orderRoutes(operations: OperationSpec[]): OperationSpec[] {
  return [...operations].sort(compareRoutes);
}
