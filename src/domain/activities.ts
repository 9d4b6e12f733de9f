// Customer activity: every event that concerns a customer (customer.created, a publication, a
// redemption, an order, points added…), recorded per tenant as Voucherify's activity lists show it
// (evcus_…). Recording hooks the request's event sink, where every event passes: an activity is
// kept only if the request's writes are, and its data is built once, when the request ends.

import { timestamp, type Clock } from '../store/clock.js';
import { defineCollection } from '../store/collection.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';
import type { Context, EventSink } from './context.js';

/** Who caused an activity, as Voucherify's event_source says it: the API, with the caller's app id. */
export interface EventSource {
  channel: 'API' | 'USER_PORTAL' | 'CLIENT_API' | 'INTERNAL';
  api_key?: { name: string; app_id: string };
}

/**
 * One activity of a customer, stored with what its lists filter on: the customer, and the card
 * (voucher), campaign and products the event names. The API shows id, type, data, created_at and
 * group_id (see activityView).
 */
export interface CustomerActivityRecord {
  /** evcus_… from the request id and the event's place in the request: ids grow with time. */
  id: string;
  type: string;
  /** The event's data and its source, as the reference's CustomerActivity nests them. */
  data: { data: Record<string, unknown>; event_source: EventSource };
  created_at: string;
  /** The request that caused it. */
  group_id: string;
  customer_id: string;
  voucher_id: string | null;
  campaign_id: string | null;
  campaign_type: string | null;
  category: 'ACTION' | 'EFFECT';
  /** Products of the order the event names (GET …/activities?product_id=…). */
  product_ids?: string[];
}

/** Activity ids grow with time: a group ordered by id lists a customer's (or a card's) activities oldest first. */
const byId = (a: CustomerActivityRecord) => a.id;

export const activityRecords = defineCollection<CustomerActivityRecord>()({
  name: 'customer_activities',
  recordName: 'customer activity',
  groups: {
    customer_id: { key: (a) => a.customer_id, order: byId },
    // A loyalty card's activities (the member activity lists).
    voucher_id: { key: (a) => a.voucher_id, order: byId },
  },
  check: (a) => (typeof a.customer_id !== 'string' ? 'has no customer_id' : typeof a.type !== 'string' ? 'has no type' : undefined),
});

export const activities = (tenant: Tenant) => tenant.collection(activityRecords);

/**
 * Events the mock sends without the `customer.` prefix that Voucherify's customer activity lists
 * under its customer twin: a failed redemption or rollback of a customer.
 */
const ACTIVITY_TWINS: Record<string, string> = {
  'redemption.failed': 'customer.redemption.failed',
  'redemption.rollback.failed': 'customer.redemption.rollback.failed',
};

/** The activity type an event is recorded as, or undefined when it is no customer's activity. */
export function activityType(eventType: string): string | undefined {
  return eventType.startsWith('customer.') ? eventType : ACTIVITY_TWINS[eventType];
}

/** Effects happen to the customer (points, rewards, tiers, referrals); actions are what the customer or the API did. */
export function activityCategory(type: string): 'ACTION' | 'EFFECT' {
  return /^customer\.(rewarded|referred|voucher\.|loyalty\.|segment\.)/.test(type) ? 'EFFECT' : 'ACTION';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown): string | null => (isObject(value) && typeof value.id === 'string' ? value.id : null);

/** The products an event's order names (by product_id, or by source_id for items sent without one). */
function productIdsOf(data: Record<string, unknown>): string[] | undefined {
  const order = data.order;
  if (!isObject(order) || !Array.isArray(order.items)) return undefined;
  const ids: string[] = [];
  for (const item of order.items) if (isObject(item) && typeof item.product_id === 'string') ids.push(item.product_id);
  return ids.length > 0 ? ids : undefined;
}

/** One event waiting for the request's end, with what builds its data. */
interface PendingActivity {
  type: string;
  data: () => object;
  createdAt: string;
  /** The customer it concerns when the caller said so; else data.customer.id. */
  customerId?: string;
}

/**
 * A request's event sink that also records customer activity. Every event goes on to the webhook
 * sink (when the tenant has one); a customer's event is kept here too, with its data built once
 * for both. Costs one array push per customer event while the request runs.
 */
export class ActivityEvents implements EventSink {
  private readonly pending: PendingActivity[] = [];

  constructor(
    private readonly store: Store,
    private readonly tenantId: string,
    private readonly requestId: string,
    private readonly clock: Clock,
    private readonly webhooks: (EventSink & { seal(): (() => void) | undefined }) | undefined,
  ) {}

  emit(type: string, entityId: string, data: () => object): void {
    const activity = activityType(type);
    if (activity === undefined) {
      this.webhooks?.emit(type, entityId, data);
      return;
    }
    let built: object | undefined;
    const once = () => (built ??= data());
    this.pending.push({ type: activity, data: once, createdAt: timestamp(this.clock) });
    this.webhooks?.emit(type, entityId, once);
  }

  /** An activity that is not a webhook event (customer.referred): recorded for `customerId` only. */
  record(type: string, customerId: string, data: () => object): void {
    this.pending.push({ type, data, createdAt: timestamp(this.clock), customerId });
  }

  /** Records the request's activities in the tenant (before its writes are kept), then seals the webhooks. */
  seal(): (() => void) | undefined {
    if (this.pending.length > 0) {
      const all = activities(this.store.tenant(this.tenantId));
      const hex = this.requestId.slice(this.requestId.indexOf('-') + 1);
      const source: EventSource = { channel: 'API', api_key: { name: 'mock-voucherify', app_id: this.tenantId } };
      this.pending.forEach((event, index) => {
        const data = event.data() as Record<string, unknown>;
        const customerId = event.customerId ?? idOf(data.customer);
        if (!customerId) return;
        const campaign = isObject(data.campaign) ? data.campaign : undefined;
        const products = productIdsOf(data);
        all.put({
          id: `evcus_${hex}${index.toString(16).padStart(4, '0')}`,
          type: event.type,
          data: { data, event_source: source },
          created_at: event.createdAt,
          group_id: this.requestId,
          customer_id: customerId,
          voucher_id: idOf(data.voucher),
          campaign_id: idOf(campaign),
          campaign_type: typeof campaign?.campaign_type === 'string' ? campaign.campaign_type : null,
          category: activityCategory(event.type),
          ...(products ? { product_ids: products } : {}),
        });
      });
      this.pending.length = 0;
    }
    return this.webhooks?.seal();
  }
}

/**
 * Every request's event sink: the webhook sink `webhooksFor` gives (if any), with the customer
 * activity recorded beside it. For createApp: `events: withActivity(store, clockFor, webhooksFor)`.
 */
export function withActivity(
  store: Store,
  clockFor: (tenantId: string) => Clock,
  webhooksFor: (tenantId: string, requestId: string) => (EventSink & { seal(): (() => void) | undefined }) | undefined,
) {
  return (tenantId: string, requestId: string) => new ActivityEvents(store, tenantId, requestId, clockFor(tenantId), webhooksFor(tenantId, requestId));
}

/**
 * Records an activity that no webhook sends (customer.referred), for one customer, with its data
 * built when the request ends. Other model code records a customer's activity by emitting its
 * `customer.…` event (`ctx.events?.emit`), which every request's sink records.
 */
export function recordActivity(ctx: Context, type: string, customerId: string, data: () => object): void {
  if (ctx.events instanceof ActivityEvents) ctx.events.record(type, customerId, data);
}

/** An activity as the API shows it. */
export function activityView(record: CustomerActivityRecord) {
  return { id: record.id, type: record.type, data: record.data, created_at: record.created_at, group_id: record.group_id };
}
