// The context every model function receives: whose state, how ids and time are made, which request.

import type { Clock } from '../store/clock.js';
import type { IdGenerator } from '../store/ids.js';
import type { Tenant } from '../store/tenant.js';

export interface Context {
  /** The caller's state. */
  readonly tenant: Tenant;
  readonly ids: IdGenerator;
  /** The mock's "now"; injectable, so tests control timestamps and expiry. */
  readonly clock: Clock;
  /** The request being served (async actions record it). */
  readonly requestId: string;
  /**
   * Where the request's webhook events go (domain/events.ts); undefined while no subscription of the
   * tenant could want one, so `ctx.events?.emit(type, id, () => data)` builds nothing then.
   */
  readonly events?: EventSink;
}

/** A request's webhook events: kept if its writes are, sent once they are, dropped with a rollback. */
export interface EventSink {
  /**
   * Records that the request caused an event of `type` about `entityId`. `data` builds the event's
   * `data` from the request's state as it ends, and is called only when a subscription wants `type`.
   */
  emit(type: string, entityId: string, data: () => object): void;
}
