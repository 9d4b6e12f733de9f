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
}
