// Orders as the tenant keeps them: created or updated from what a request
// sends (POST /v1/orders, and the orders validations and redemptions name), with their totals.

import { notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { storeOverrides, withCatalogue } from './catalogue.js';
import { customers, orders } from './collections.js';
import type { Context } from './context.js';
import { earnOnOrderPaid } from './earning.js';
import { emitOrderEvent } from './events.js';
import { upsertCustomer, type CustomerInput } from './customers.js';
import { calculateOrder, orderView, type CalculatedOrder, type OrderItemInput } from './orders.js';
import type { Metadata, Order, OrderRedemptionEntry, OrderStatus } from './records.js';

/** What a request sends of an order (POST and PUT /v1/orders, and the `order` of a validation or redemption). */
export interface OrderRequest {
  id?: string;
  source_id?: string | null;
  status?: OrderStatus;
  amount?: number;
  discount_amount?: number;
  items?: OrderItemInput[];
  metadata?: Metadata | null;
  customer?: CustomerInput;
  customer_id?: string | null;
  referrer?: CustomerInput;
  referrer_id?: string | null;
}

/** An item's unit price: its own, else its SKU's, else its product's (as Voucherify prices an item from the catalogue). */
function priced(item: OrderItemInput): OrderItemInput {
  if (item.price !== undefined) return item;
  const price = (item.sku?.price ?? item.product?.price) as number | undefined;
  return price === undefined ? item : { ...item, price };
}

/** The customer (or referrer) an order names: an existing one by id, or one upserted from the object sent. */
function person(ctx: Context, object: CustomerInput | undefined, id: string | null | undefined): string | null | undefined {
  if (object !== undefined) return upsertCustomer(ctx, object).id;
  if (id === undefined || id === null) return id;
  if (!customers(ctx.tenant).get(id)) throw notFound('customer', id);
  return id;
}

type Amounts = Pick<Order, 'amount' | 'discount_amount' | 'items_discount_amount' | 'total_discount_amount' | 'total_amount' | 'items'>;

/** The amount fields of an order (or of an order's view), in Voucherify's order, those it lacks left out. */
function pickAmounts(source: Amounts): Amounts {
  const { amount, discount_amount, items_discount_amount, total_discount_amount, total_amount, items } = source;
  return {
    amount,
    ...(discount_amount !== undefined ? { discount_amount } : {}),
    ...(items_discount_amount !== undefined ? { items_discount_amount } : {}),
    ...(total_discount_amount !== undefined ? { total_discount_amount } : {}),
    total_amount,
    ...(items ? { items } : {}),
  };
}

/** The order's amounts as stored: the calculated order's view (zero discounts left out), without this request's applied amounts. */
export function amountsOf(calculated: CalculatedOrder): Amounts {
  const view = orderView(calculated) as unknown as Amounts;
  const items = view.items?.map(({ applied_discount_amount: _applied, applied_discount_quantity: _units, ...item }) => item);
  return pickAmounts({ ...view, items });
}

/** The order's items as a request would send them again, to recalculate the order after a change. */
export function itemInputs(order: Order): OrderItemInput[] {
  return (order.items ?? []).map(({ object: _object, subtotal_amount: _subtotal, applied_discount_amount: _applied, ...item }) => item as OrderItemInput);
}

/**
 * Voucherify's upsert: an `id` names an existing order (404 when the tenant has none); a known
 * `source_id` names the order to update; anything else creates one (status `defaultStatus`,
 * CREATED for POST /v1/orders). Only the fields sent change; new items recompute the amounts.
 */
export function upsertOrder(ctx: Context, request: OrderRequest, defaultStatus: OrderStatus = 'CREATED'): Order {
  return stored(ctx, upserted(ctx, request, defaultStatus));
}

/**
 * POST /v1/orders/import: the order upsertOrder would store, stored with nothing else happening:
 * Voucherify imports historical orders without events (no webhooks, no customer activity, for the
 * order or for the customers and catalogue entries it upserts) and without earning on PAID orders.
 */
export function importOrder(ctx: Context, request: OrderRequest): Order {
  const quiet: Context = { ...ctx, events: undefined };
  return orders(ctx.tenant).put(upserted(quiet, request, 'CREATED'));
}

/** Stores an order, with its customer.order.* events: created or updated, and paid or canceled when its status becomes so. */
function stored(ctx: Context, order: Order): Order {
  const all = orders(ctx.tenant);
  const before = ctx.events && all.get(order.id);
  earnOnOrderPaid(ctx, order);
  const after = all.put(order);
  if (ctx.events) {
    emitOrderEvent(ctx, before ? 'customer.order.updated' : 'customer.order.created', after);
    if (after.status !== before?.status && after.status === 'PAID') emitOrderEvent(ctx, 'customer.order.paid', after);
    if (after.status !== before?.status && after.status === 'CANCELED') emitOrderEvent(ctx, 'customer.order.canceled', after);
  }
  return after;
}

/** The order upsertOrder stores, not stored yet. */
function upserted(ctx: Context, request: OrderRequest, defaultStatus: OrderStatus): Order {
  const all = orders(ctx.tenant);
  let existing: Order | undefined;
  if (request.id !== undefined) {
    existing = all.get(request.id);
    if (!existing) throw notFound('order', request.id);
  } else if (request.source_id !== undefined && request.source_id !== null) {
    existing = all.findBy('source_id', request.source_id);
  }
  return existing ? updatedOrder(ctx, existing, request) : newOrder(ctx, request, defaultStatus);
}

/** An order's fields in the order Voucherify answers them; customer and referrer links only when set. */
function shaped(order: Omit<Order, keyof Amounts | 'customer' | 'referrer'>, amounts: Amounts): Order {
  const { id, source_id, created_at, updated_at, status, metadata, customer_id, referrer_id, redemptions } = order;
  return {
    id,
    source_id,
    created_at,
    updated_at,
    status,
    ...amounts,
    metadata,
    ...(customer_id ? { customer: { id: customer_id, object: 'customer' as const } } : {}),
    ...(referrer_id ? { referrer: { id: referrer_id, object: 'customer' as const } } : {}),
    customer_id,
    referrer_id,
    ...(redemptions ? { redemptions } : {}),
    object: 'order',
  };
}

function newOrder(ctx: Context, request: OrderRequest, status: OrderStatus): Order {
  const calculated = calculateOrder({ amount: request.amount, discount_amount: request.discount_amount, items: withCatalogue(ctx, storeOverrides(ctx, request.items))?.map(priced) });
  return shaped(
    {
      id: ctx.ids.order(),
      source_id: request.source_id ?? null,
      created_at: timestamp(ctx.clock),
      updated_at: null,
      status: request.status ?? status,
      metadata: request.metadata ?? {},
      customer_id: person(ctx, request.customer, request.customer_id) ?? null,
      referrer_id: person(ctx, request.referrer, request.referrer_id) ?? null,
      object: 'order',
    },
    amountsOf(calculated),
  );
}

/** Only the fields sent change; new items (or a new amount) recalculate the order's amounts. */
function updatedOrder(ctx: Context, order: Order, request: OrderRequest): Order {
  let amounts = pickAmounts(order);
  if (request.items !== undefined || request.amount !== undefined || request.discount_amount !== undefined) {
    // New items price the order anew unless an amount is sent with them.
    const amount = request.amount ?? (request.items !== undefined ? undefined : order.amount);
    const items = withCatalogue(ctx, storeOverrides(ctx, request.items))?.map(priced) ?? itemInputs(order);
    amounts = amountsOf(calculateOrder({ amount, discount_amount: request.discount_amount ?? order.discount_amount, items }));
  }
  const customerId = person(ctx, request.customer, request.customer_id);
  const referrerId = person(ctx, request.referrer, request.referrer_id);
  return shaped(
    {
      ...order,
      updated_at: timestamp(ctx.clock),
      status: request.status ?? order.status,
      metadata: request.metadata === undefined ? order.metadata : (request.metadata ?? {}),
      customer_id: customerId === undefined ? order.customer_id : customerId,
      referrer_id: referrerId === undefined ? order.referrer_id : referrerId,
    },
    amounts,
  );
}


/**
 * The order a redemption pays: upserted from what the request sends (PAID unless it says
 * otherwise; linked to the redemption's customer unless it names its own), then given the
 * discounted amounts and the redemption's entry.
 */
export function settleOrder(
  ctx: Context,
  request: OrderRequest | undefined,
  customerId: string | undefined,
  calculated: CalculatedOrder,
  redemptionId: string,
  entry: OrderRedemptionEntry,
): Order {
  const sent = request ?? {};
  const linked = customerId !== undefined && sent.customer === undefined && (sent.customer_id === undefined || sent.customer_id === null);
  const base = upserted(ctx, { ...sent, status: sent.status ?? 'PAID', ...(linked ? { customer_id: customerId } : {}) }, 'PAID');
  return stored(ctx, shaped({ ...base, redemptions: { ...base.redemptions, [redemptionId]: entry } }, amountsOf(calculated)));
}

/** An item as it was before any discount: free units added by UNIT discounts taken away again. */
function undiscounted(item: OrderItemInput & { initial_quantity?: number; initial_amount?: number; discount_quantity?: number }): OrderItemInput | undefined {
  const { discount_amount: _discount, discount_quantity: _units, initial_quantity, initial_amount, ...rest } = item;
  if (initial_quantity === undefined) return rest;
  if (initial_quantity === 0) return undefined;
  return { ...rest, quantity: initial_quantity, amount: initial_amount };
}

/**
 * A rollback's order: CANCELED, its amounts as before the discounts, and the redemption's entry
 * marked with the rollback, as Voucherify's rollback answers show the order.
 */
export function cancelOrder(ctx: Context, order: Order, redemptionId: string, marks: Partial<OrderRedemptionEntry>): Order {
  const items = itemInputs(order)
    .map(undiscounted)
    .filter((item): item is OrderItemInput => item !== undefined);
  const amounts = amountsOf(calculateOrder({ amount: order.amount, items }));
  const entry = order.redemptions?.[redemptionId];
  const redemptions = entry ? { ...order.redemptions, [redemptionId]: { ...entry, ...marks } } : order.redemptions;
  return stored(ctx, shaped({ ...order, status: 'CANCELED', updated_at: timestamp(ctx.clock), redemptions }, amounts));
}
