// The request pipeline as named stages, in one Express middleware: request id → route (from the
// spec) → authentication → JSON body (its size, then its depth) → validation → handler (in a
// transaction) → answer. One middleware instead of a route per operation: Express walks its
// routes one by one, while the route table finds the operation in a lookup.

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EventSink } from '../domain/context.js';
import { notImplemented, payloadTooDeep } from '../errors.js';
import { notServed, unservedBefore, unservedOrNotFound } from '../openapi/unserved-routes.js';
import type { CompiledOperation } from '../openapi/validators.js';
import type { OperationSpec } from '../openapi/load.js';
import type { RouteTable } from '../openapi/routes.js';
import type { IdGenerator } from '../store/ids.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';
import type { TenantClocks } from '../store/tenant-clocks.js';
import type { Harness } from '../harness/harness.js';
import type { Credentials } from './auth.js';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './body-depth.js';
import type { HandlerMap, HandlerResult, OperationContext } from './context.js';
import { toJson } from './json.js';
import { validateRequest } from './validate.js';

/** What the route table holds for an operation: its validators, handler and way of telling who calls. */
export interface Route {
  operation: CompiledOperation;
  handler: HandlerMap[string] | undefined;
  identify: (req: Request, credentials: Credentials) => string;
  /** True when a more literal Voucherify route the mock does not serve overlaps this one (see unserved-routes.ts). */
  shadows?: boolean;
  /** Operations on the same route told apart by a required query parameter (see shareRoutes). */
  alternatives?: Alternative[];
}

/** An operation that takes a route another one has when the request sends all of `query`. */
interface Alternative {
  route: Route;
  query: string[];
  /** Its path parameters' names, in the order of the path: the shared route names them its own way. */
  names: string[];
}

const parameterNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);

/**
 * Voucherify has two operations on one route in places: GET /v1/exports/{exportId} answers the
 * export, GET /v1/exports/{export_Id}?token=… its CSV file. Of operations with the same method and
 * path shape, those with required query parameters become alternatives of the one without: a
 * request that sends all of an alternative's required query parameters is served by it.
 */
export function shareRoutes<E extends { method: string; path: string; value: Route }>(entries: E[]): E[] {
  const byShape = new Map<string, E[]>();
  for (const entry of entries) {
    const shape = `${entry.method} ${entry.path.replace(/\{[^}]+\}/g, '{}').toLowerCase()}`;
    const same = byShape.get(shape);
    if (same) same.push(entry);
    else byShape.set(shape, [entry]);
  }
  const out: E[] = [];
  for (const same of byShape.values()) {
    if (same.length === 1) {
      out.push(same[0]);
      continue;
    }
    const requiredQuery = (entry: E) => entry.value.operation.spec.parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
    const plain = same.filter((entry) => requiredQuery(entry).length === 0);
    if (plain.length !== 1) throw new Error(`mock-voucherify: ${same.map((e) => e.value.operation.spec.operationId).join(', ')} share a route; exactly one of them must take no required query parameter`);
    const [primary] = plain;
    primary.value.alternatives = same
      .filter((entry) => entry !== primary)
      .map((entry) => ({ route: entry.value, query: requiredQuery(entry), names: parameterNames(entry.path) }));
    out.push(primary);
  }
  return out;
}

/** The operation a request of a shared route is for, with its path parameters under that operation's names. */
function chooseRoute(route: Route, params: Record<string, string>, req: Request): { route: Route; params: Record<string, string> } {
  if (!route.alternatives) return { route, params };
  const query = req.query as Record<string, unknown>;
  const alternative = route.alternatives.find((candidate) => candidate.query.every((name) => query[name] !== undefined));
  if (!alternative) return { route, params };
  const values = Object.values(params);
  return { route: alternative.route, params: Object.fromEntries(alternative.names.map((name, i) => [name, values[i]])) };
}

export interface PipelineOptions {
  routes: RouteTable<Route>;
  store: Store;
  ids: IdGenerator;
  /** The app's clock and the tenants' own (POST /_mock/clock). */
  clocks: TenantClocks;
  credentials: Credentials;
  /** express.json() with the body limit. */
  parseJson: RequestHandler;
  /** Response-validation mode: throws when an answer does not fit the spec. */
  checkResponse?: (spec: OperationSpec | undefined, status: number, body: unknown) => void;
  /** The request's webhook events (undefined when the tenant has no subscription): `seal` builds them, its result sends them. */
  events?: (tenantId: string, requestId: string) => (EventSink & { seal(): (() => void) | undefined }) | undefined;
  /** Journal, log, faults and latency (src/harness/). */
  harness: Harness;
}

export function pipeline(options: PipelineOptions): RequestHandler {
  const { routes, parseJson } = options;
  return (req, res, next) => {
    const requestId = options.ids.requestId();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.locals.started = performance.now();
    let match;
    try {
      match = routes.match(req.method, req.path);
    } catch (error) {
      return next(error);
    }
    if (!match) return next(unservedOrNotFound(req.method, req.path));
    const { route, params } = chooseRoute(match.value, match.params, req);
    const unserved = route.shadows ? unservedBefore(req.method, req.path, route.operation.spec.path) : undefined;
    if (unserved) return next(notServed(unserved));
    // The operation is known before the body is parsed, so even a malformed body is answered in its API's error format.
    res.locals.operation = route.operation.spec;
    // Who calls is settled before the body is read: without the right credentials, a malformed or
    // oversized body answers 401, as everything else does, and the body is never parsed.
    let tenantId: string;
    try {
      tenantId = route.identify(req, options.credentials);
    } catch (error) {
      return next(error);
    }
    res.locals.tenantId = tenantId;
    const call: Call = { options, route, params, tenantId, req, res, next };
    if (!hasBody(req)) return run(call);
    parseJson(req, res, (error?: unknown) => (error ? next(error) : run(call)));
  };
}

/** As body-parser decides it: a request has a body when it says how long it is, or that it is chunked. */
const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(req.headers['content-length']));

/** One request on its way through the stages after the body: what each of them reads. */
interface Call {
  options: PipelineOptions;
  route: Route;
  params: Record<string, string>;
  tenantId: string;
  req: Request;
  res: Response;
  next: NextFunction;
}

function run(call: Call): void {
  const { harness } = call.options;
  const { spec } = call.route.operation;
  if (harness.intercepts(spec)) return harness.intercept(spec, call.tenantId, call.req, call.res, call.next, () => serve(call));
  serve(call);
}

/** Runs the handler, unless an async handler of the same tenant is in flight: then after it. */
function serve(call: Call): void {
  const { queue } = call.options.harness;
  if (queue.busy(call.tenantId)) return queue.later(call.tenantId, () => handle(call));
  const pending = handle(call);
  if (pending) queue.hold(call.tenantId, pending);
}

/** Validates, calls the handler in the tenant's transaction, answers. A promise while an async handler is pending. */
function handle(call: Call): Promise<void> | undefined {
  const { options, route, params, tenantId, req, res, next } = call;
  const { store, ids, clocks } = options;
  const { spec } = route.operation;
  let tenant: Tenant | undefined;
  try {
    if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) throw payloadTooDeep(MAX_BODY_DEPTH);
    const input = validateRequest(route.operation, params, req);
    if (!route.handler) throw notImplemented(spec.operationId);
    const events = options.events?.(tenantId, res.locals.requestId as string);
    // The input has passed the operation's validators, so it has the operation's types.
    const ctx = {
      operationId: spec.operationId,
      params: input.params,
      query: input.query,
      body: input.body,
      tenantId,
      // The tenant is built (and its transaction begun) only when the handler first needs it.
      get tenant() {
        if (!tenant) {
          tenant = store.tenant(tenantId);
          tenant.begin();
        }
        return tenant;
      },
      store,
      ids,
      clock: clocks.clockFor(tenantId),
      clocks,
      requestId: res.locals.requestId as string,
      // Read by the few handlers that build links (exports): Express's protocol and host getters are not free.
      get baseUrl() {
        return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      },
      events,
      harness: options.harness,
    } as OperationContext;
    const result = route.handler(ctx);
    if (result instanceof Promise) {
      // An override answering later: its transaction stays open until it settles (the tenant's
      // other requests wait in the harness queue meanwhile), then is kept or undone as below.
      return result.then(
        (settled) => {
          let json;
          let sendEvents;
          try {
            json = answerOf(options, spec, settled, req);
            sendEvents = events?.seal();
          } catch (error) {
            tenant?.rollback();
            return next(error);
          }
          const written = tenant;
          tenant = undefined;
          res.locals.answer = settled.body;
          commitAndSend(options, written, settled.status, json, sendEvents, req, res, next, settled.contentType);
        },
        (error: unknown) => {
          tenant?.rollback();
          next(error);
        },
      );
    }
    const json = answerOf(options, spec, result, req);
    // Events are built from the state the request leaves, and sent only once its writes are kept.
    const sendEvents = events?.seal();
    const written = tenant;
    tenant = undefined;
    // The answer as the handler made it: the journal keeps it rather than its text (see harness.ts).
    res.locals.answer = result.body;
    commitAndSend(options, written, result.status, json, sendEvents, req, res, next, result.contentType);
  } catch (error) {
    tenant?.rollback();
    next(error);
  }
  return undefined;
}

/**
 * The answer's JSON, produced and checked before the writes are kept: one that cannot be sent
 * throws, and the caller rolls them back.
 */
function answerOf(options: PipelineOptions, spec: OperationSpec, result: HandlerResult, req: Request): string | undefined {
  const json = result.body === undefined ? undefined : result.contentType !== undefined ? String(result.body) : toJson(result.body, req.method === 'GET');
  options.checkResponse?.(spec, result.status, result.body);
  return json;
}

/**
 * In memory the answer goes at once. With --db it waits until its writes (and any change it may
 * show) are on disk; if the disk refuses them they are undone and the answer is an error instead.
 */
function commitAndSend(
  options: PipelineOptions,
  tenant: Tenant | undefined,
  status: number,
  json: string | undefined,
  sendEvents: (() => void) | undefined,
  req: Request,
  res: Response,
  next: NextFunction,
  contentType?: string,
): void {
  const saved = options.store.commit(tenant);
  if (saved) {
    saved.then(() => {
      send(options, req, res, status, json, contentType);
      sendEvents?.();
    }, next);
  } else {
    send(options, req, res, status, json, contentType);
    sendEvents?.();
  }
}

/** Writes the answer as it is: the body is serialised once (a text answer, e.g. a CSV file, is sent as the handler made it). */
function send(options: PipelineOptions, req: Request, res: Response, status: number, json: string | undefined, contentType?: string): void {
  // The journal and the logs read answers as JSON: a text answer goes to them as a JSON string.
  options.harness.answered(req, res, status, contentType === undefined || json === undefined ? json : JSON.stringify(json));
  res.statusCode = status;
  if (json === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', contentType ?? 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  // Node encodes the string as it writes it to the socket, faster than a Buffer made here first.
  res.end(json);
}
