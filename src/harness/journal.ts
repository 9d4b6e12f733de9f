// The request journal: the last requests of each tenant, newest last in a bounded ring. Recording
// costs one small object per request: the request body is kept as parsed (the pipeline never
// mutates it: Ajv checks bodies without coercion or defaults, and handlers only read them), an API
// answer as its handler made it (views over frozen records) and other answers as the JSON text
// already sent, and the query as its raw string. Each is parsed only when the journal is read.

import type { OperationSpec } from '../openapi/load.js';
import { parseQuery } from '../http/query.js';

/** One request as recorded; `JournalEntry` is how it reads. */
interface Recorded {
  id: string;
  time: Date;
  method: string;
  path: string;
  operation: OperationSpec | undefined;
  /** The raw query string, without "?" ('' for none). */
  query: string;
  body: unknown;
  status: number;
  /** The answer's JSON text, undefined for a body-less answer (or one kept as `answer`). */
  json?: string;
  /** The answer as its handler made it (API operations): serialised only when the journal is read. */
  answer?: unknown;
  durationMs: number;
}

export interface JournalEntry {
  id: string;
  object: 'request';
  time: string;
  method: string;
  path: string;
  operationId: string | null;
  query: unknown;
  body: unknown;
  status: number;
  response_body: unknown;
  duration_ms: number;
}

export interface JournalFilter {
  operationId?: string;
  method?: string;
  /** A concrete path (/v1/vouchers/CODE) or the operation's template (/v1/vouchers/{code}). */
  path?: string;
  status?: number;
  since?: Date;
  limit?: number;
}

/** A fixed-size ring: once full, each new entry replaces the oldest. */
class Ring {
  private readonly items: Recorded[] = [];
  private next = 0;
  constructor(private readonly size: number) {}

  push(item: Recorded): void {
    if (this.items.length < this.size) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.size;
  }

  /** Newest first. */
  *newestFirst(): Generator<Recorded> {
    const n = this.items.length;
    // While filling, next === n: the newest is at n - 1; once full, the newest is just before next.
    for (let i = 1; i <= n; i++) yield this.items[(this.next - i + n) % n];
  }
}

export class Journal {
  /** Tenant id → its ring. A Map: tenant ids are anything, "__proto__" included. */
  private readonly rings = new Map<string, Ring>();

  /** `size` entries per tenant; 0 records nothing. */
  constructor(readonly size: number) {}

  get enabled(): boolean {
    return this.size > 0;
  }

  record(tenantId: string, item: Recorded): void {
    let ring = this.rings.get(tenantId);
    if (!ring) this.rings.set(tenantId, (ring = new Ring(this.size)));
    ring.push(item);
  }

  list(tenantId: string, filter: JournalFilter = {}): JournalEntry[] {
    const ring = this.rings.get(tenantId);
    const out: JournalEntry[] = [];
    if (!ring) return out;
    const limit = filter.limit ?? Infinity;
    const method = filter.method?.toUpperCase();
    const since = filter.since?.getTime();
    for (const item of ring.newestFirst()) {
      if (out.length >= limit) break;
      if (filter.operationId !== undefined && item.operation?.operationId !== filter.operationId) continue;
      if (method !== undefined && item.method !== method) continue;
      if (filter.path !== undefined && item.path !== filter.path && item.operation?.path !== filter.path) continue;
      if (filter.status !== undefined && item.status !== filter.status) continue;
      if (since !== undefined && item.time.getTime() < since) continue;
      out.push(entryOf(item));
    }
    return out;
  }

  get(tenantId: string, requestId: string): JournalEntry | undefined {
    const ring = this.rings.get(tenantId);
    if (!ring) return undefined;
    for (const item of ring.newestFirst()) if (item.id === requestId) return entryOf(item);
    return undefined;
  }

  /** Forgets one tenant's entries, or every tenant's. */
  clear(tenantId?: string): void {
    if (tenantId === undefined) this.rings.clear();
    else this.rings.delete(tenantId);
  }
}

export type { Recorded as JournalRecord };

function entryOf(item: Recorded): JournalEntry {
  return {
    id: item.id,
    object: 'request',
    time: item.time.toISOString(),
    method: item.method,
    path: item.path,
    operationId: item.operation?.operationId ?? null,
    query: item.query === '' ? {} : parseQuery(item.query),
    body: item.body === undefined ? null : item.body,
    status: item.status,
    response_body: item.answer !== undefined ? item.answer : item.json === undefined ? null : JSON.parse(item.json),
    duration_ms: Math.round(item.durationMs * 1000) / 1000,
  };
}
