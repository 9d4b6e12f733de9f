// The mock's webhooks: subscriptions per tenant (and the one --webhook-url gives every tenant),
// each request's events (kept only if its writes are), and their delivery, listed per tenant.
// With no subscription anywhere, a request gets no event sink at all: emitting builds nothing.

import { randomBytes } from 'node:crypto';
import type { EventSink } from '../domain/context.js';
import { invalidPayload } from '../errors.js';
import { timestamp, type Clock } from '../store/clock.js';
import { ALNUM, Random } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { DEFAULT_POLICY, deliver, type Delivery, type DeliveryPolicy } from './delivery.js';

export interface WebhookOptions {
  /** Subscribes every tenant to every event at this URL (--webhook-url). */
  url?: string;
  /** The secret the --webhook-url deliveries are signed with (default: "mock-voucherify"). */
  secret?: string;
  /** Attempts, backoff and timeout of each delivery (defaults: 3 attempts, 500 ms doubling, 5 s). */
  delivery?: Partial<DeliveryPolicy>;
  seed?: number;
  /** The app's clock. */
  clock: Clock;
  /** A tenant's own clock (POST /_mock/clock): its events and deliveries are dated by it. */
  clockFor?: (tenantId: string) => Clock;
  /** Called when an event's data could not be built (a bug): the event is left out, the request goes on. */
  onError?: (error: unknown) => void;
}

/** One subscription, as POST/GET /_mock/webhooks show it. */
export interface Subscription {
  id: string;
  url: string;
  /** The event types sent; null for all of them. */
  events: string[] | null;
  secret: string;
  created_at: string;
  object: 'webhook';
}

/** One event of a request, with its data built, ready to be sent to each subscription that wants it. */
interface BuiltEvent {
  id: string;
  type: string;
  created_at: string;
  entity_id: string;
  data: object;
}

/** The id the --webhook-url subscription has in every envelope's `source.id`. */
export const OPTION_WEBHOOK_ID = 'wh_webhook_url_option';
/** Deliveries kept per tenant: the oldest go first. */
export const MAX_DELIVERIES = 500;
/** Deliveries waiting for one receiver: beyond this, new ones fail at once instead of queueing without end. */
const MAX_WAITING = 1000;

const wants = (subscription: Subscription, type: string) => subscription.events === null || subscription.events.includes(type);

/** A receiver's queue: its deliveries go one after the other, in the order the events happened. */
interface Queue {
  tail: Promise<void>;
  waiting: number;
}

const hubs = new WeakMap<Store, Webhooks>();

/** The webhooks of the app that serves `store` (the admin handlers reach them through the store they are given). */
export function webhooksOf(store: Store): Webhooks {
  const hub = hubs.get(store);
  if (!hub) throw new Error('no webhooks are attached to this store');
  return hub;
}

export class Webhooks {
  private readonly subscriptions = new Map<string, Subscription[]>();
  private readonly deliveries = new Map<string, Delivery[]>();
  private readonly queues = new Map<string, Queue>();
  private readonly option: Subscription | undefined;
  private readonly policy: DeliveryPolicy;
  private readonly closing = new AbortController();
  private readonly random: Random;
  private sequence: bigint;

  constructor(
    store: Store,
    private readonly options: WebhookOptions,
  ) {
    this.policy = { ...DEFAULT_POLICY, ...options.delivery };
    this.random = new Random(options.seed ?? randomBytes(4).readUInt32LE());
    this.sequence = options.seed !== undefined ? (0x0f3n << 60n) | (BigInt(options.seed >>> 0) << 24n) : (BigInt(Date.now()) << 28n) | BigInt(this.random.below(0x1000000));
    if (options.url !== undefined) {
      if (urlProblem(options.url)) throw new Error(`--webhook-url must be an absolute http or https URL, not "${options.url}"`);
      this.option = { id: OPTION_WEBHOOK_ID, url: options.url, events: null, secret: options.secret ?? 'mock-voucherify', created_at: this.now(), object: 'webhook' };
    }
    hubs.set(store, this);
    // A reset tenant starts without subscriptions or deliveries; the --webhook-url one stays.
    store.onReset((tenantId) => {
      if (tenantId === undefined) {
        this.subscriptions.clear();
        this.deliveries.clear();
      } else {
        this.subscriptions.delete(tenantId);
        this.deliveries.delete(tenantId);
      }
    });
  }

  /** Now, by the tenant's clock when one is named, else by the app's. */
  now(tenantId?: string): string {
    return timestamp(tenantId !== undefined && this.options.clockFor ? this.options.clockFor(tenantId) : this.options.clock);
  }

  private hex(): string {
    const value = this.sequence;
    this.sequence += 1n;
    return value.toString(16).padStart(18, '0').slice(-18);
  }

  /** POST /_mock/webhooks: a new subscription of the tenant; the secret is made up when none is given. */
  subscribe(tenantId: string, input: { url: string; events?: string[]; secret?: string }): Subscription {
    // The spec checks the event types (an enum) and that the url is a URI; http(s) is checked here.
    if (urlProblem(input.url)) throw invalidPayload(`Property .url must be an absolute http or https URL`);
    const subscription: Subscription = {
      id: `wh_${this.random.string(ALNUM, 24)}`,
      url: input.url,
      events: input.events ? [...new Set(input.events)] : null,
      secret: input.secret ?? `whsec_${this.random.string(ALNUM, 32)}`,
      created_at: this.now(tenantId),
      object: 'webhook',
    };
    const list = this.subscriptions.get(tenantId);
    if (list) list.push(subscription);
    else this.subscriptions.set(tenantId, [subscription]);
    return subscription;
  }

  /** The tenant's own subscriptions, oldest first (the --webhook-url one is not the tenant's). */
  list(tenantId: string): Subscription[] {
    return [...(this.subscriptions.get(tenantId) ?? [])];
  }

  /** DELETE /_mock/webhooks/{id}: false when the tenant has no such subscription. */
  unsubscribe(tenantId: string, id: string): boolean {
    const list = this.subscriptions.get(tenantId);
    const index = list?.findIndex((subscription) => subscription.id === id) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    if (list.length === 0) this.subscriptions.delete(tenantId);
    return true;
  }

  /** What was sent for the tenant (or is being sent), oldest first, as copies. */
  deliveriesOf(tenantId: string): Delivery[] {
    return (this.deliveries.get(tenantId) ?? []).map((delivery) => ({ ...delivery }));
  }

  /**
   * A request's event sink, or undefined when nothing could be sent for the tenant: then model
   * functions skip emitting (`ctx.events?.emit`) and no payload is ever built.
   */
  sinkFor(tenantId: string, requestId: string): RequestEvents | undefined {
    const own = this.subscriptions.get(tenantId);
    if (!own && !this.option) return undefined;
    const targets = own ? (this.option ? [this.option, ...own] : [...own]) : [this.option as Subscription];
    return new RequestEvents(this, tenantId, requestId, targets);
  }

  /** Builds the event's id from its type: evcus_… for customer events, evred_… for redemptions. */
  eventId(type: string): string {
    return `ev${type.slice(0, 3)}_${this.hex()}`;
  }

  /** Hands a committed request's events to delivery: one sendout per event and subscription that wants it. */
  send(tenantId: string, requestId: string, events: readonly BuiltEvent[], targets: readonly Subscription[]): void {
    for (const event of events) {
      for (const target of targets) {
        if (!wants(target, event.type)) continue;
        const id = `whs_${this.hex()}`;
        const body = JSON.stringify({
          id,
          project_id: tenantId,
          created_at: this.now(tenantId),
          type: event.type,
          data: event.data,
          source: { id: target.id, object: 'webhook', target_url: target.url },
          event: {
            id: event.id,
            type: event.type,
            created_at: event.created_at,
            entity_id: event.entity_id,
            group_id: requestId,
            event_source: { channel: 'API', api_key: { name: 'mock-voucherify', app_id: tenantId } },
          },
        });
        this.enqueue(tenantId, target, this.record(tenantId, id, event, target), body);
      }
    }
  }

  private record(tenantId: string, id: string, event: BuiltEvent, target: Subscription): Delivery {
    const delivery: Delivery = {
      id,
      event_id: event.id,
      type: event.type,
      webhook_id: target.id,
      url: target.url,
      status: 'pending',
      attempts: 0,
      response_status: null,
      error: null,
      created_at: this.now(tenantId),
      completed_at: null,
      object: 'webhook_delivery',
    };
    let log = this.deliveries.get(tenantId);
    if (!log) this.deliveries.set(tenantId, (log = []));
    log.push(delivery);
    if (log.length > MAX_DELIVERIES) log.splice(0, log.length - MAX_DELIVERIES);
    return delivery;
  }

  private enqueue(tenantId: string, target: Subscription, delivery: Delivery, body: string): void {
    const key = `${tenantId}\u0000${target.id}`;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { tail: Promise.resolve(), waiting: 0 }));
    if (queue.waiting >= MAX_WAITING) {
      delivery.status = 'failed';
      delivery.error = `more than ${MAX_WAITING} webhooks are waiting for this receiver`;
      delivery.completed_at = this.now(tenantId);
      return;
    }
    const current = queue;
    current.waiting++;
    current.tail = current.tail
      .then(() => deliver(delivery, body, target.secret, this.policy, this.closing.signal, () => this.now(tenantId)))
      .finally(() => {
        current.waiting--;
        if (current.waiting === 0 && this.queues.get(key) === current) this.queues.delete(key);
      });
  }

  /** Reports an event whose data could not be built. */
  failed(error: unknown): void {
    this.options.onError?.(error);
  }

  /** Stops sending: requests on their way are aborted, retries and waiting deliveries are given up (recorded as failed). */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all([...this.queues.values()].map((queue) => queue.tail));
  }
}

/** The events one request emitted; `seal` builds their data once the request's work is done. */
export class RequestEvents implements EventSink {
  private readonly pending: { type: string; entityId: string; data: () => object; createdAt: string }[] = [];

  constructor(
    private readonly hub: Webhooks,
    private readonly tenantId: string,
    private readonly requestId: string,
    private readonly targets: readonly Subscription[],
  ) {}

  emit(type: string, entityId: string, data: () => object): void {
    if (!this.targets.some((target) => wants(target, type))) return;
    this.pending.push({ type, entityId, data, createdAt: this.hub.now(this.tenantId) });
  }

  /**
   * Builds each event's data from the state the request leaves (called after the handler, before
   * its writes are kept) and answers what sends them, to be called once they are kept; undefined
   * when there is nothing to send.
   */
  seal(): (() => void) | undefined {
    if (this.pending.length === 0) return undefined;
    const built: BuiltEvent[] = [];
    for (const event of this.pending) {
      try {
        built.push({ id: this.hub.eventId(event.type), type: event.type, created_at: event.createdAt, entity_id: event.entityId, data: event.data() });
      } catch (error) {
        this.hub.failed(error);
      }
    }
    this.pending.length = 0;
    return () => this.hub.send(this.tenantId, this.requestId, built, this.targets);
  }
}

/** True unless `text` is an absolute http or https URL. */
function urlProblem(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol !== 'http:' && protocol !== 'https:';
  } catch {
    return true;
  }
}
