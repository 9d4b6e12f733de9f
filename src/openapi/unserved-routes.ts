// What a request no route of specs/ serves answers: 501 not_implemented naming the Voucherify
// operation it is (src/openapi/unserved.ts), else the 404 of a path Voucherify does not have. The
// table is built on the first miss: a suite that only calls served operations never builds it.
// A served route wins, except where Voucherify has a more literal route the mock does not serve:
// POST /v1/vouchers/import is Voucherify's import, not POST /v1/vouchers/{code} with the code "import".

import { VoucherifyError, routeNotFound } from '../errors.js';
import { RouteTable, compareRoutes } from './routes.js';
import { UNSERVED_OPERATIONS } from './unserved.js';

interface Unserved {
  operationId: string;
  method: string;
  path: string;
}

let table: RouteTable<Unserved> | undefined;

const unservedTable = (): RouteTable<Unserved> =>
  (table ??= new RouteTable(UNSERVED_OPERATIONS.map(([verb, route, operationId]) => ({ method: verb, path: route, value: { operationId, method: verb, path: route } }))));

/** An unserved operation whose literal route `path` names before the served route `servedPath` would take it. */
export function unservedBefore(method: string, path: string, servedPath: string): Unserved | undefined {
  const match = unservedTable().match(method, path);
  return match && compareRoutes({ method, path: match.value.path }, { method, path: servedPath }) < 0 ? match.value : undefined;
}

/**
 * The served routes an unserved operation's more literal route overlaps (found with `served`, the
 * app's route table): only their requests are looked up in the list again.
 */
export function shadowingRoutes<T extends { operation: { spec: { path: string } } }>(served: (method: string, path: string) => T | undefined): Set<T> {
  const out = new Set<T>();
  for (const [method, path] of UNSERVED_OPERATIONS) {
    const route = served(method, path.replace(/\{[^}]+\}/g, '_'));
    if (route && compareRoutes({ method, path }, { method, path: route.operation.spec.path }) < 0) out.add(route);
  }
  return out;
}

/** A Voucherify operation mock-voucherify does not serve: 501, naming it in message and details. */
export const notServed = ({ operationId, method, path }: Unserved) =>
  new VoucherifyError(501, 'not_implemented', 'Not implemented', {
    details: `Operation ${operationId} (${method} ${path}) is part of Voucherify's API but not served by mock-voucherify`,
  });

/** The error for a request that matched no served route. */
export function unservedOrNotFound(method: string, path: string): VoucherifyError {
  const match = unservedTable().match(method, path);
  return match ? notServed(match.value) : routeNotFound(method, path);
}
