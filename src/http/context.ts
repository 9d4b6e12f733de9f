// What a handler receives and returns: plain data in, plain data out; never req or res.

import type { Context } from '../domain/context.js';
import type { Harness } from '../harness/harness.js';
import type { OperationId, RequestBody, RequestParams, RequestQuery } from '../openapi/operation-types.js';
import type { Store } from '../store/store.js';
import type { TenantClocks } from '../store/tenant-clocks.js';

/** The domain's context, plus the request as validated against the operation's spec. */
export interface OperationContext<Id extends OperationId = OperationId> extends Context {
  operationId: Id;
  /** Path parameters, as validated (and coerced) against the spec. */
  params: RequestParams<Id>;
  /** Query parameters, validated and coerced; Express's own req.query stays untouched. */
  query: RequestQuery<Id>;
  /** The JSON body, validated against the spec. */
  body: RequestBody<Id>;
  /** The X-App-Id (or bearer token) that names the caller's tenant. */
  tenantId: string;
  store: Store;
  /** Every tenant's clock (ctx.clock is the caller's): the admin endpoints set and move them. */
  clocks: TenantClocks;
  /** The app's journal, faults and other test-harness state (the /_mock/ endpoints use it). */
  harness: Harness;
  /** Where the caller reached the mock, e.g. http://127.0.0.1:7700: links the mock hands out (an export's URL) point there. */
  baseUrl: string;
}

export interface HandlerResult {
  status: number;
  /** Omitted for body-less answers such as 204. */
  body?: unknown;
  /** A text answer's media type (body a string sent as it is, e.g. an export's CSV); JSON when omitted. */
  contentType?: string;
}

export type Handler<Id extends OperationId = OperationId> = (ctx: OperationContext<Id>) => HandlerResult;

/** A resource's handlers, each typed by its operation: `{ 'get-voucher': (ctx) => … } satisfies Handlers`. */
export type Handlers = { [Id in OperationId]?: Handler<Id> };

/**
 * A handler given to createApp's `handlers` option: it may answer at once or with a promise. While
 * its promise is pending, the tenant's transaction stays open and the tenant's other requests wait;
 * a rejection answers 500, as a thrown error does, and undoes its writes.
 */
export type HandlerOverride<Id extends OperationId = OperationId> = (ctx: OperationContext<Id>) => HandlerResult | Promise<HandlerResult>;

/** Overrides typed by operation: `{ 'get-voucher': async (ctx) => … } satisfies HandlerOverrides`. */
export type HandlerOverrides = { [Id in OperationId]?: HandlerOverride<Id> };

/** Handlers by operationId, as createApp's `handlers` option takes them (merged over the built-in ones). */
export type HandlerMap = Record<string, (ctx: OperationContext<any>) => HandlerResult | Promise<HandlerResult>>;
