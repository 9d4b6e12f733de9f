// createApp(options): builds the Express app from specs/ and the handlers. It only wires:
// no listening, no environment, no console.

import express, { type Express, type Request, type Response } from 'express';
import { withActivity } from './domain/activities.js';
import { responseMismatch, type VoucherifyError } from './errors.js';
import { InjectedFault } from './harness/faults.js';
import { authenticate, authenticateByQueryKey, authenticateCapillary, authenticateClient } from './http/auth.js';
import { createHarness, identifyAnonymous, type HarnessOptions } from './harness/index.js';
import type { HandlerMap } from './http/context.js';
import { errorHandler, renderError, toVoucherifyError } from './http/error-handler.js';
import { parseBody } from './http/multipart.js';
import { pipeline, shareRoutes, type Route } from './http/pipeline.js';
import { parseQuery } from './http/query.js';
import { compileSpecs } from './openapi/compiled-specs.js';
import type { OperationSpec } from './openapi/load.js';
import { describeErrors, type Validators } from './openapi/validators.js';
import { RouteTable } from './openapi/routes.js';
import { shadowingRoutes } from './openapi/unserved-routes.js';
import { checkBodyLimit } from './option-values.js';
import { defaultFixturesPath, defaultSpecsDir } from './package-root.js';
import { collections, handlers as defaultHandlers, handlersWith } from './resources/index.js';
import { tokenTenantsOf } from './resources/oauth/model.js';
import { systemClock, type Clock } from './store/clock.js';
import { loadFixtures } from './store/fixtures.js';
import { createIdGenerator, type IdGenerator } from './store/ids.js';
import { Store } from './store/store.js';
import type { TenantData } from './store/tenant.js';
import { tenantClocks } from './store/tenant-clocks.js';
import type { DeliveryPolicy } from './webhooks/delivery.js';
import { Webhooks } from './webhooks/hub.js';

export interface AppOptions extends HarnessOptions {
  /** Folder of OpenAPI files; default: the package's specs/. */
  specsDir?: string;
  /** Fixture file or folder (or the data itself) that seeds every tenant; default: fixtures/default.json. */
  fixtures?: string | TenantData;
  /** A store to serve from (startServer passes one that may be persisted); default: a new in-memory store. */
  store?: Store;
  /** Makes generated ids reproducible. */
  seed?: number;
  ids?: IdGenerator;
  /** The app's "now" (default: the system clock); a tenant's own clock (POST /_mock/clock) is set or moved relative to it. */
  clock?: Clock;
  /** Accept only this app id / token (default: any non-empty pair). */
  appId?: string;
  appToken?: string;
  /** Accept only this X-Client-Token on the client-side API, /client/v1/… (default: any non-empty token). */
  clientToken?: string;
  /**
   * Keep at most this many tenants in memory: beyond it, the least recently used idle tenant is
   * evicted, and its next request starts from the fixtures again (with `db`, from its saved state).
   */
  maxTenants?: number;
  /** Largest JSON body accepted (default "1mb"; a number of bytes, or with b, kb, mb, gb, tb or pb); larger bodies answer 413. */
  bodyLimit?: string;
  /** Check every answer against specs/ and answer 500 `response_validation_failed` when it does not fit. */
  validateResponses?: boolean;
  /**
   * Handlers by operationId, merged over mock-voucherify's own: override one operation, keep the
   * rest; an operation mapped to undefined is not served (501). A handler may answer with a promise
   * (see HandlerOverride).
   */
  handlers?: { [operationId: string]: HandlerMap[string] | undefined };
  /** Called with unexpected errors (those that answer 500). */
  onError?: (error: unknown) => void;
  /** Send every tenant's webhooks, of every event type, to this URL (beside the subscriptions made with POST /_mock/webhooks). */
  webhookUrl?: string;
  /** The secret `webhookUrl`'s deliveries are signed with (X-Voucherify-Signature); default "mock-voucherify". */
  webhookSecret?: string;
  /** Attempts, backoff and per-attempt timeout of webhook deliveries (default 3 attempts, 500 ms doubling, 5000 ms). */
  webhookDelivery?: Partial<DeliveryPolicy>;
}

export interface MockLocals {
  store: Store;
  /** The app's id generator: a server answering requests Node refuses takes its request ids from it too. */
  ids: IdGenerator;
}

export type MockApp = Express & { locals: MockLocals };

export async function createApp(options: AppOptions = {}): Promise<MockApp> {
  const compiled = await compileSpecs(options.specsDir ?? defaultSpecsDir);
  const store = options.store ?? Store.inMemory(fixturesOf(options), collections);
  if (options.maxTenants !== undefined) store.maxTenants = options.maxTenants;
  const ids = options.ids ?? createIdGenerator(options.seed);
  const clocks = tenantClocks(options.clock ?? systemClock, store);
  const handlers = options.handlers ? handlersWith(options.handlers) : defaultHandlers;
  const bodyLimit = checkBodyLimit(options.bodyLimit ?? '1mb');
  const tokens = tokenTenantsOf(store);
  const credentials = {
    appId: options.appId,
    appToken: options.appToken,
    clientToken: options.clientToken,
    oauth: (bearer: string, path: string) => tokens.identify(bearer, path, (tenantId) => clocks.clockFor(tenantId)().getTime()),
  };
  const checkResponse = options.validateResponses
    ? (spec: OperationSpec | undefined, status: number, body: unknown) => assertResponse(compiled.validators, spec, status, body)
    : undefined;

  const app = express() as MockApp;
  app.locals.store = store;
  app.locals.ids = ids;
  app.disable('x-powered-by');
  app.set('etag', false);
  // filters[holder_role][conditions][$in]=REFEREE needs qs's nested parsing; Express 5 defaults to flat.
  app.set('query parser', parseQuery);

  const routes = new RouteTable<Route>(
    shareRoutes(
      compiled.operations.map((operation) => ({
        method: operation.spec.method,
        path: operation.spec.path,
        value: {
          operation,
          handler: handlers[operation.spec.operationId],
          identify: operation.spec.anonymous
            ? identifyAnonymous
            : operation.spec.queryKey !== undefined
              ? authenticateByQueryKey(operation.spec.queryKey)
              : operation.spec.dialect === 'capillary'
                ? authenticateCapillary
                : operation.spec.path.startsWith('/client/')
                  ? authenticateClient
                  : authenticate,
        },
      })),
    ),
  );
  for (const route of shadowingRoutes((method, path) => routes.match(method, path)?.value)) route.shadows = true;
  const webhooks = new Webhooks(store, {
    url: options.webhookUrl,
    secret: options.webhookSecret,
    delivery: options.webhookDelivery,
    seed: options.seed,
    clock: clocks.base,
    clockFor: (tenantId) => clocks.clockFor(tenantId),
    onError: options.onError,
  });
  // Every request records its customers' activity beside its webhook events (domain/activities.ts).
  const events = withActivity(store, (tenantId) => clocks.clockFor(tenantId), (tenantId, requestId) => webhooks.sinkFor(tenantId, requestId));
  const harness = createHarness(app, options, store, compiled.operations, routes, (tenantId) => clocks.clockFor(tenantId));
  app.use(pipeline({ routes, store, ids, clocks, credentials, parseJson: parseBody(bodyLimit), checkResponse, events, harness }));
  app.use((error: unknown, _req: Request, res: Response, next: (error: unknown) => void) => {
    // In response-validation mode, error answers are checked against the spec too.
    if (!checkResponse || error instanceof InjectedFault) return next(error);
    const voucherifyError: VoucherifyError = toVoucherifyError(error, bodyLimit);
    const spec = res.locals.operation as OperationSpec | undefined;
    try {
      checkResponse(spec, voucherifyError.status, renderError(voucherifyError, res.locals.requestId as string | undefined, spec?.dialect));
    } catch (mismatch) {
      return next(mismatch);
    }
    next(voucherifyError);
  });
  app.use(errorHandler({ bodyLimit, onError: options.onError, onAnswer: (req, res, status, json) => harness.answered(req, res, status, json) }));
  return app;
}

/** The fixtures as given (the data itself, or a file or folder to read), else fixtures/default.json. */
export function fixturesOf(options: { fixtures?: string | TenantData }): TenantData {
  return typeof options.fixtures === 'object' ? options.fixtures : loadFixtures(options.fixtures ?? defaultFixturesPath, collections);
}

function assertResponse(validators: Validators, spec: OperationSpec | undefined, status: number, body: unknown): void {
  const validate = validators.response(spec, status);
  const where = spec ? `${spec.operationId} ${status}` : `${status}`;
  if (validate === undefined) throw responseMismatch(`${where}: the spec does not describe this status`);
  if (validate === null) {
    if (body !== undefined) throw responseMismatch(`${where}: the spec describes no body, but one was sent`);
    return;
  }
  if (!validate(body)) throw responseMismatch(`${where}: ${describeErrors(validate.errors, 'Response')}`);
}
