// The test-harness powers of the mock, wired into the pipeline at three points: before the handler
// (latency and faults), around it (one tenant's requests in order while an async handler runs),
// and when the answer goes (journal and log). Each costs a comparison when it is not in use.

import type { NextFunction, Request, Response } from 'express';
import type { OperationSpec } from '../openapi/load.js';
import type { Clock } from '../store/clock.js';
import type { Store } from '../store/store.js';
import { Faults, InjectedFault, isAdmin, type RouteLookup } from './faults.js';
import { Journal } from './journal.js';
import { createLog, type Log, type LogOptions } from './log.js';
import { TenantQueue } from './queue.js';

export interface HarnessOptions extends LogOptions {
  /** Requests kept per tenant in the journal (GET /_mock/requests); default 1000, 0 keeps none. */
  journalSize?: number;
  /** Delay every request (except /_mock/ ones) by this many milliseconds. */
  latency?: number;
  /** Answer CORS preflights and let browsers read every answer. */
  cors?: boolean;
  /** Called with every answer as it is sent (e.g. to record what the mock answers, and compare it with Voucherify's own schemas). */
  onAnswer?: (answer: AnsweredRequest) => void;
}

/** An answer as `onAnswer` is told of it: `json` is the body as sent (undefined for an empty answer). */
export interface AnsweredRequest {
  /** The operation answered; undefined when the request matched none (404). */
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  /** Every answer with a body is JSON. */
  contentType: string | undefined;
  json: string | undefined;
}

export const DEFAULT_JOURNAL_SIZE = 1000;

export class Harness {
  readonly journal: Journal;
  readonly faults = new Faults();
  readonly queue = new TenantQueue();
  readonly startedAt = Date.now();
  private readonly latency: number;
  private readonly log: Log | undefined;
  private readonly onAnswer: ((answer: AnsweredRequest) => void) | undefined;

  constructor(
    options: HarnessOptions,
    readonly store: Store,
    readonly routes: RouteLookup,
    /** The tenant's clock: a journal entry's time is the tenant's, as its records' are. */
    private readonly clockFor: (tenantId: string) => Clock,
  ) {
    const size = options.journalSize ?? DEFAULT_JOURNAL_SIZE;
    if (!(Number.isSafeInteger(size) && size >= 0)) throw new RangeError(`journalSize must be a whole number of at least 0, not ${size}`);
    const latency = options.latency ?? 0;
    if (!(Number.isFinite(latency) && latency >= 0)) throw new RangeError(`latency must be a number of milliseconds of at least 0, not ${latency}`);
    this.journal = new Journal(size);
    this.latency = latency;
    this.log = createLog(options);
    this.onAnswer = options.onAnswer;
    // An evicted tenant starts afresh (from the fixtures, or its --db state): its journal goes with it.
    store.onEvict((tenantId) => this.journal.clear(tenantId));
    store.onReset((tenantId) => {
      this.journal.clear(tenantId);
      this.faults.clear(tenantId);
    });
  }

  /** True when this request may be delayed or faulted: then `intercept` decides. */
  intercepts(spec: OperationSpec): boolean {
    return (this.latency > 0 || this.faults.count > 0) && !isAdmin(spec);
  }

  /** Delays the request and/or answers a fault's error; else lets it `proceed`. */
  intercept(spec: OperationSpec, tenantId: string, req: Request, res: Response, next: NextFunction, proceed: () => void): void {
    const fault = this.faults.count > 0 ? this.faults.fire(tenantId, spec, req.method, req.path) : undefined;
    const delay = this.latency + (fault?.latency_ms ?? 0);
    const go = () => {
      if (fault) for (const name of Object.keys(fault.headers)) res.setHeader(name, fault.headers[name]);
      if (fault?.status == null) return proceed();
      next(new InjectedFault(fault));
    };
    if (delay > 0) setTimeout(go, delay);
    else go();
  }

  /** Records an answer in the journal and the log. `json` is the body as sent. */
  answered(req: Request, res: Response, status: number, json: string | undefined): void {
    const log = this.log;
    if (!this.journal.enabled && !log && !this.onAnswer) return;
    const locals = res.locals;
    const operation = locals.operation as OperationSpec | undefined;
    this.onAnswer?.({
      operationId: operation?.operationId,
      method: req.method,
      path: req.path,
      status,
      contentType: json === undefined ? undefined : 'application/json; charset=utf-8',
      json,
    });
    const now = performance.now();
    const durationMs = now - ((locals.started as number | undefined) ?? now);
    const tenantId = (locals.tenantId as string | undefined) ?? claimedTenant(req);
    // The journal's own endpoints are left out: each listing would otherwise hold the one before.
    if (this.journal.enabled && tenantId && !(operation !== undefined && operation.path.startsWith('/_mock/requests'))) {
      this.journal.record(tenantId, {
        id: locals.requestId as string,
        time: this.clockFor(tenantId)(),
        method: req.method,
        path: req.path,
        operation,
        query: rawQuery(req.url),
        body: req.body,
        status,
        // An API operation's answer is kept as the handler made it: views over frozen records the
        // store holds anyway, far smaller than their text. Admin answers (live lists of
        // subscriptions, deliveries…) and error answers are kept as the text sent.
        ...(locals.answer !== undefined && operation !== undefined && !isAdmin(operation) ? { answer: locals.answer } : { json }),
        durationMs,
      });
    }
    log?.({ time: new Date(), tenant: tenantId || undefined, method: req.method, path: req.path, status, ms: durationMs, requestId: locals.requestId as string, body: req.body, json });
  }
}

/**
 * Whose journal a request goes to when it was not let in (401) or matched no route (404): the
 * X-App-Id it sent, else its bearer token; none (not journaled) without either.
 */
export function claimedTenant(req: Request): string | undefined {
  const appId = req.get('x-app-id')?.trim();
  if (appId) return appId;
  const authorization = req.get('authorization')?.trim();
  if (authorization && /^bearer\s+/i.test(authorization)) return authorization.replace(/^bearer\s+/i, '').trim() || undefined;
  return undefined;
}

function rawQuery(url: string): string {
  const mark = url.indexOf('?');
  return mark < 0 ? '' : url.slice(mark + 1);
}

export { InjectedFault };
