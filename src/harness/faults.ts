// Injected faults, per tenant: a matching request is delayed, answers a Voucherify error, or both,
// and writes nothing. A fault names its operation (operationId) or method + path; a path with
// {param} segments is compared with the operation's template, any other with the request's path.
// Faults never apply to the mock's own /_mock/ endpoints: a fault there could lock a test suite
// out of the endpoints that remove it.

import { STATUS_CODES } from 'node:http';
import { VoucherifyError, invalidPayload } from '../errors.js';
import type { OperationSpec } from '../openapi/load.js';

export interface FaultDefinition {
  operationId?: string;
  method?: string;
  path?: string;
  status?: number;
  key?: string;
  message?: string;
  details?: string;
  /**
   * Response headers: on the error, or on the normal answer of a fault without status (the SDK's
   * apiLimitsHandler reads rate-limit headers from successful answers only). A 429 gets
   * Retry-After and the X-Rate-Limit-* headers by default.
   */
  headers?: Record<string, string>;
  latency_ms?: number;
  /** Fire at most this many times (default: no limit). */
  times?: number;
  /** Let this many matching requests through before firing. */
  after?: number;
}

export interface Fault {
  id: string;
  object: 'fault';
  operationId: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  key: string | null;
  message: string | null;
  details: string | null;
  headers: Record<string, string>;
  latency_ms: number;
  times: number | null;
  after: number;
  /** Requests that matched it, fired or not. */
  matched: number;
  /** Requests it answered (or delayed). */
  fired: number;
  created_at: string;
}

/** What an admin handler needs to know of the routes to check a definition. */
export interface RouteLookup {
  byOperationId(operationId: string): OperationSpec | undefined;
  /** The operation a concrete METHOD path reaches, if any. */
  match(method: string, path: string): OperationSpec | undefined;
  /** The operation with this method and template, if any. */
  byTemplate(method: string, template: string): OperationSpec | undefined;
}

/** An error a fault answers: the pipeline sends it as it is, without checking it against the operation's spec. */
export class InjectedFault extends VoucherifyError {
  constructor(fault: Fault) {
    super(fault.status as number, fault.key as string, fault.message as string, fault.details === null ? {} : { details: fault.details });
  }
}

/** The mock's admin endpoints: never delayed, never faulted. */
export const isAdmin = (spec: OperationSpec) => spec.path.startsWith('/_mock/');

const invalidFault = (details: string) => invalidPayload(details);

export class Faults {
  private readonly byTenant = new Map<string, Fault[]>();
  /** Faults over all tenants: 0 lets the pipeline skip them with one comparison. */
  count = 0;
  private made = 0;

  /** Checks and stores a definition; 400 invalid_payload naming the field when it does not hold. */
  add(tenantId: string, definition: FaultDefinition, routes: RouteLookup, now: Date): Fault {
    const target = checkTarget(definition, routes);
    if (definition.status === undefined && definition.latency_ms === undefined && definition.headers === undefined) {
      throw invalidFault('status: a fault needs a status (400–599), a latency_ms or headers');
    }
    const status = definition.status ?? null;
    const reason = status === null ? null : (STATUS_CODES[status] ?? 'Error');
    const headers: Record<string, string> = {};
    if (status === 429) Object.assign(headers, { 'Retry-After': '1', 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '0' });
    for (const [name, value] of Object.entries(definition.headers ?? {})) {
      if (!/^[!#$%&'*+.^`|~\w-]+$/.test(name)) throw invalidFault(`headers: "${name}" is not a valid header name`);
      if (/[\r\n]/.test(value)) throw invalidFault(`headers.${name}: a header value cannot hold a line break`);
      headers[name] = value;
    }
    const fault: Fault = {
      // Its own sequence: making faults leaves the seeded ids of records as they would have been.
      id: `fault_${(++this.made).toString(16).padStart(12, '0')}`,
      object: 'fault',
      ...target,
      status,
      key: status === null ? null : (definition.key ?? (reason as string).toLowerCase().replace(/[^a-z0-9]+/g, '_')),
      message: status === null ? null : (definition.message ?? reason),
      details: status === null ? null : (definition.details ?? null),
      headers,
      latency_ms: definition.latency_ms ?? 0,
      times: definition.times ?? null,
      after: definition.after ?? 0,
      matched: 0,
      fired: 0,
      created_at: now.toISOString(),
    };
    let list = this.byTenant.get(tenantId);
    if (!list) this.byTenant.set(tenantId, (list = []));
    list.push(fault);
    this.count++;
    return fault;
  }

  list(tenantId: string): Fault[] {
    return this.byTenant.get(tenantId) ?? [];
  }

  remove(tenantId: string, faultId: string): boolean {
    const list = this.byTenant.get(tenantId);
    const index = list?.findIndex((fault) => fault.id === faultId) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.count--;
    if (list.length === 0) this.byTenant.delete(tenantId);
    return true;
  }

  /** Forgets one tenant's faults, or every tenant's. */
  clear(tenantId?: string): void {
    if (tenantId === undefined) {
      this.byTenant.clear();
      this.count = 0;
      return;
    }
    this.count -= this.byTenant.get(tenantId)?.length ?? 0;
    this.byTenant.delete(tenantId);
  }

  /**
   * The fault that fires for this request, if any. Every matching fault counts the request
   * (`matched`); the oldest one past its `after` and short of its `times` fires.
   */
  fire(tenantId: string, spec: OperationSpec, method: string, path: string): Fault | undefined {
    const list = this.byTenant.get(tenantId);
    if (!list) return undefined;
    let firing: Fault | undefined;
    for (const fault of list) {
      if (!matches(fault, spec, method, path)) continue;
      fault.matched++;
      if (firing || fault.matched <= fault.after || (fault.times !== null && fault.fired >= fault.times)) continue;
      fault.fired++;
      firing = fault;
    }
    return firing;
  }
}

function matches(fault: Fault, spec: OperationSpec, method: string, path: string): boolean {
  if (fault.operationId !== null) return fault.operationId === spec.operationId;
  if (fault.method !== method) return false;
  return fault.path === path || fault.path === spec.path;
}

function checkTarget(definition: FaultDefinition, routes: RouteLookup): Pick<Fault, 'operationId' | 'method' | 'path'> {
  const { operationId, path } = definition;
  const method = definition.method?.toUpperCase();
  if (operationId !== undefined) {
    if (method !== undefined || path !== undefined) throw invalidFault('operationId: give either operationId, or method and path, not both');
    const spec = routes.byOperationId(operationId);
    if (!spec) throw invalidFault(`operationId: no operation is called "${operationId}"`);
    if (isAdmin(spec)) throw invalidFault(`operationId: "${operationId}" is an endpoint of the mock itself, which faults never apply to`);
    return { operationId, method: null, path: null };
  }
  if (method === undefined || path === undefined) throw invalidFault('operationId: a fault needs an operationId, or a method and a path');
  const spec = path.includes('{') ? routes.byTemplate(method, path) : routes.match(method, path);
  if (!spec) throw invalidFault(`path: no operation serves ${method} ${path}`);
  if (isAdmin(spec)) throw invalidFault(`path: ${path} is an endpoint of the mock itself, which faults never apply to`);
  return { operationId: null, method, path };
}
