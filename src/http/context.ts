// What a handler receives and returns: plain data in, plain data out; never req or res.

import type { Clock } from '../store/clock.js';
import type { IdGenerator } from '../store/ids.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';

export interface OperationContext {
  operationId: string;
  /** Path parameters, as validated (and coerced) against the spec. */
  params: Record<string, string>;
  /** Query parameters, validated and coerced; Express's own req.query stays untouched. */
  query: Record<string, unknown>;
  body: any;
  /** The X-App-Id (or bearer token) that names the caller's tenant. */
  tenantId: string;
  /** The caller's state; created from the fixtures on first access. */
  readonly tenant: Tenant;
  store: Store;
  ids: IdGenerator;
  clock: Clock;
  requestId: string;
}

export interface HandlerResult {
  status: number;
  /** Omitted for body-less answers such as 204. */
  body?: unknown;
}

export type Handler = (ctx: OperationContext) => HandlerResult;

export type HandlerMap = Record<string, Handler>;
