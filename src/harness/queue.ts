// One tenant's requests in order while an async handler is in flight. A synchronous handler runs
// its transaction from begin to commit without yielding, so requests never interleave; an async
// one keeps its transaction open across awaits. While it does, the tenant's later requests wait
// and run one after another once it has answered. Other tenants are not held up, and while no
// async handler is in flight this costs one comparison per request.

const settle = () => {};

export class TenantQueue {
  /** Tenant id → the promise that settles when its queued work is done. */
  private readonly tails = new Map<string, Promise<void>>();

  /** True while an async handler of this tenant (or work queued behind one) is in flight. */
  busy(tenantId: string): boolean {
    return this.tails.size !== 0 && this.tails.has(tenantId);
  }

  /** Runs `work` once the tenant's in-flight work has settled; work that answers a promise holds the tenant until it settles. */
  later(tenantId: string, work: () => Promise<void> | void): void {
    this.hold(tenantId, (this.tails.get(tenantId) as Promise<void>).then(work));
  }

  /** Holds the tenant until `done` settles (an async handler started by a request that did not wait). */
  hold(tenantId: string, done: Promise<unknown>): void {
    const tail = done.then(settle, settle);
    this.tails.set(tenantId, tail);
    void tail.then(() => {
      if (this.tails.get(tenantId) === tail) this.tails.delete(tenantId);
    });
  }
}
