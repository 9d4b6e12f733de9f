// One clock per tenant, for tests that move time (POST /_mock/clock): a tenant's clock is the app's
// clock (the system's, or the `clock` option) until it is set or moved, then either frozen at an
// instant or running with an offset from the app's clock. Tenants nobody set cost one Map lookup.

import type { Clock } from './clock.js';
import type { Store } from './store.js';

/** What GET /_mock/clock tells of a tenant's clock. */
export interface ClockState {
  /** The tenant's time now. */
  now: string;
  /** True while the clock stands still (set with `now`); false while it follows the app's clock. */
  frozen: boolean;
  /** The tenant's time minus the app's clock's time, in milliseconds. */
  offset_ms: number;
}

/** The latest instant a Date can hold (±8.64e15 ms around 1970). */
const MAX_TIME = 8.64e15;

/** A tenant's own clock: frozen at `frozenAt`, or the base clock moved by `offsetMs`. */
class TenantClock {
  frozenAt: number | undefined;
  offsetMs = 0;
  /** The clock handlers read (ctx.clock); made once per tenant, not per request. */
  readonly read: Clock;

  constructor(private readonly base: Clock) {
    this.read = () => new Date(this.time());
  }

  time(): number {
    return this.frozenAt ?? this.base().getTime() + this.offsetMs;
  }
}

export class TenantClocks {
  private readonly clocks = new Map<string, TenantClock>();

  constructor(
    /** The app's clock: every tenant's until it is set, and what running tenant clocks are offset from. */
    readonly base: Clock,
  ) {}

  /** The clock a request of the tenant reads: the app's own unless the tenant's was set or moved. */
  clockFor(tenantId: string): Clock {
    if (this.clocks.size === 0) return this.base;
    return this.clocks.get(tenantId)?.read ?? this.base;
  }

  /** Stops the tenant's clock at `time` (ms since 1970): it reads that instant until moved or removed. */
  freeze(tenantId: string, time: number): void {
    if (!(Math.abs(time) <= MAX_TIME)) throw new RangeError(`${time} is not an instant a Date can hold`);
    this.own(tenantId).frozenAt = time;
  }

  /**
   * Moves the tenant's clock `ms` forward: a frozen clock stays frozen, later by `ms`; the app's
   * clock (not set yet) keeps running, `ms` ahead. Throws a RangeError (nothing changed) when the
   * result is past what a Date can hold.
   */
  advance(tenantId: string, ms: number): void {
    const current = this.time(tenantId);
    if (!(Math.abs(current + ms) <= MAX_TIME)) throw new RangeError(`moving the clock by ${ms} ms goes past the latest date`);
    const clock = this.own(tenantId);
    if (clock.frozenAt !== undefined) clock.frozenAt += ms;
    else clock.offsetMs += ms;
  }

  /** The tenant's time now, in ms since 1970. */
  time(tenantId: string): number {
    return this.clockFor(tenantId)().getTime();
  }

  /** Gives the tenant the app's clock back. */
  remove(tenantId: string): void {
    this.clocks.delete(tenantId);
  }

  /** Every tenant back on the app's clock. */
  clear(): void {
    this.clocks.clear();
  }

  state(tenantId: string): ClockState {
    const base = this.base().getTime();
    const clock = this.clocks.get(tenantId);
    const now = clock ? clock.time() : base;
    return { now: new Date(now).toISOString(), frozen: clock?.frozenAt !== undefined, offset_ms: now - base };
  }

  private own(tenantId: string): TenantClock {
    let clock = this.clocks.get(tenantId);
    if (!clock) this.clocks.set(tenantId, (clock = new TenantClock(this.base)));
    return clock;
  }
}

/** The app's tenant clocks, over `base`: a reset of a tenant (or of all) gives it the app's clock back. */
export function tenantClocks(base: Clock, store: Store): TenantClocks {
  const clocks = new TenantClocks(base);
  store.onReset((tenantId) => (tenantId === undefined ? clocks.clear() : clocks.remove(tenantId)));
  return clocks;
}
