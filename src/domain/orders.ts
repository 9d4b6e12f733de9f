// An order as Voucherify calculates it: items with their amounts and discounts, and the order's
// totals. Money is integers in cents. Every total comes from calculateOrder and the discount
// functions (domain/discounts/); nothing else computes an amount.
//
//   amount                 before discounts (the items' amounts when not sent)
//   items_discount_amount  Σ item.discount_amount
//   total_discount_amount  discount_amount (order level) + items_discount_amount
//   total_amount           amount − total_discount_amount
//   applied_*              what the current request applied (the rest is what earlier ones did)

import type { Metadata } from './records.js';

/** An order item as a request sends it. */
export interface OrderItemInput {
  product_id?: string;
  sku_id?: string;
  source_id?: string;
  related_object?: 'product' | 'sku';
  quantity?: number;
  price?: number;
  amount?: number;
  /** A discount the item had before this request (an order discounted elsewhere). */
  discount_amount?: number;
  product?: Record<string, unknown>;
  sku?: Record<string, unknown>;
  metadata?: Metadata;
}

/** An order as a request sends it (the fields the maths reads). */
export interface OrderInput {
  amount?: number;
  discount_amount?: number;
  items?: OrderItemInput[];
}

export interface CalculatedItem extends Omit<OrderItemInput, 'quantity' | 'amount'> {
  object: 'order_item';
  quantity: number;
  amount: number;
  /** Every item-level discount so far. */
  discount_amount: number;
  /** The item-level discount of the current request. */
  applied_discount_amount: number;
  /** amount − discount_amount: what is left to discount on this item. */
  subtotal_amount: number;
  /** Units given for free by UNIT discounts (added to the item, or discounted in it). */
  discount_quantity?: number;
  applied_discount_quantity?: number;
  /** UNIT discounts that add units: the item as the request sent it. */
  initial_quantity?: number;
  initial_amount?: number;
}

export interface CalculatedOrder {
  amount: number;
  /** Order-level discounts so far. */
  discount_amount: number;
  items_discount_amount: number;
  total_discount_amount: number;
  total_amount: number;
  applied_discount_amount: number;
  items_applied_discount_amount: number;
  total_applied_discount_amount: number;
  items: CalculatedItem[];
}

/** A whole number of cents, half away from zero: 40% of 899 is 360 (359.6). */
export const cents = (value: number): number => Math.sign(value) * Math.round(Math.abs(value));

/** The keys calculatedItem sets itself; every other key of an item is kept as sent, in its place. */
const CALCULATED_KEYS = new Set(['quantity', 'amount', 'discount_amount']);

function calculatedItem(input: OrderItemInput): CalculatedItem {
  const quantity = input.quantity ?? 1;
  const amount = input.amount ?? (input.price !== undefined ? input.price * quantity : 0);
  const discount = input.discount_amount ?? 0;
  // A copy without the keys set below (a loop: rest destructuring costs more on this hot path).
  const item = {} as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!CALCULATED_KEYS.has(key)) item[key] = (input as Record<string, unknown>)[key];
  item.object = 'order_item';
  item.quantity = quantity;
  item.amount = amount;
  item.discount_amount = discount;
  item.applied_discount_amount = 0;
  item.subtotal_amount = amount - discount;
  return item as unknown as CalculatedItem;
}

/**
 * The order before this request's discounts: each item's amount is price × quantity unless sent;
 * the order's amount is the one sent, else the sum of the items'. A discount_amount sent with the
 * order (an order discounted elsewhere) stays part of its totals.
 */
export function calculateOrder(input: OrderInput = {}): CalculatedOrder {
  const items = (input.items ?? []).map(calculatedItem);
  const amount = input.amount ?? items.reduce((sum, item) => sum + item.amount, 0);
  return totals({
    amount,
    discount_amount: input.discount_amount ?? 0,
    items_discount_amount: 0,
    total_discount_amount: 0,
    total_amount: amount,
    applied_discount_amount: 0,
    items_applied_discount_amount: 0,
    total_applied_discount_amount: 0,
    items,
  });
}

/** The order's totals recomputed from its order-level discounts and its items. */
export function totals(order: CalculatedOrder): CalculatedOrder {
  let itemsDiscount = 0;
  let itemsApplied = 0;
  // Items are values: one whose subtotal is already right is kept as it is.
  const items = order.items.map((item) => {
    itemsDiscount += item.discount_amount;
    itemsApplied += item.applied_discount_amount;
    const subtotal = item.amount - item.discount_amount;
    return item.subtotal_amount === subtotal ? item : { ...item, subtotal_amount: subtotal };
  });
  const totalDiscount = order.discount_amount + itemsDiscount;
  return {
    ...order,
    items,
    items_discount_amount: itemsDiscount,
    total_discount_amount: totalDiscount,
    total_amount: order.amount - totalDiscount,
    items_applied_discount_amount: itemsApplied,
    total_applied_discount_amount: order.applied_discount_amount + itemsApplied,
  };
}

/** The same order at the start of a new step: what was applied before is history, not this step's. */
export function startStep(order: CalculatedOrder): CalculatedOrder {
  const items = order.items.map((item) => (item.applied_discount_amount === 0 ? item : { ...item, applied_discount_amount: 0 }));
  return totals({ ...order, applied_discount_amount: 0, items });
}

/**
 * The applied amounts of several steps added up: the order after the last step, with what all of
 * them applied (a validation of several redeemables answers this order).
 */
export function withAppliedSince(before: CalculatedOrder, after: CalculatedOrder): CalculatedOrder {
  return totals({
    ...after,
    applied_discount_amount: after.discount_amount - before.discount_amount,
    items: after.items.map((item, i) => ({ ...item, applied_discount_amount: item.discount_amount - (before.items[i]?.discount_amount ?? 0) })),
  });
}

/** What is left to discount on the order as a whole. */
export const remaining = (order: CalculatedOrder): number => Math.max(0, order.total_amount);

/**
 * The order as the API shows it: the discount fields that are zero are left out, as in Voucherify's
 * answers (an order no discount touched shows amount and total_amount only), and so are the items
 * of an order that has none (a gift card paying for an amount).
 */
export function orderView(order: CalculatedOrder): Record<string, unknown> {
  const view: Record<string, unknown> = { amount: order.amount };
  const nonZero = (key: keyof CalculatedOrder) => {
    if (order[key] !== 0) view[key] = order[key];
  };
  nonZero('discount_amount');
  nonZero('items_discount_amount');
  nonZero('total_discount_amount');
  view.total_amount = order.total_amount;
  nonZero('applied_discount_amount');
  nonZero('items_applied_discount_amount');
  nonZero('total_applied_discount_amount');
  if (order.items.length > 0) view.items = order.items.map(itemView);
  return view;
}

/** The keys itemView places itself, in the order Voucherify shows them; the rest follow as they are. */
const VIEW_KEYS = new Set([
  'object',
  'product_id',
  'sku_id',
  'source_id',
  'related_object',
  'quantity',
  'amount',
  'discount_amount',
  'applied_discount_amount',
  'price',
  'subtotal_amount',
]);

function itemView(item: CalculatedItem): Record<string, unknown> {
  const { product_id, sku_id, source_id, related_object, amount, discount_amount, applied_discount_amount, price } = item;
  const view: Record<string, unknown> = { object: item.object };
  if (product_id !== undefined) view.product_id = product_id;
  if (sku_id !== undefined) view.sku_id = sku_id;
  if (source_id !== undefined) view.source_id = source_id;
  if (related_object !== undefined) view.related_object = related_object;
  view.quantity = item.quantity;
  // A free unit added without a price (UNIT discounts, see discounts/unit.ts) shows no amounts.
  const unpriced = price === undefined && amount === 0 && item.initial_quantity === 0;
  if (!unpriced) view.amount = amount;
  if (discount_amount !== 0) view.discount_amount = discount_amount;
  if (applied_discount_amount !== 0) view.applied_discount_amount = applied_discount_amount;
  if (price !== undefined) view.price = price;
  if (!unpriced) view.subtotal_amount = item.subtotal_amount;
  for (const key of Object.keys(item)) {
    if (VIEW_KEYS.has(key) || (unpriced && key === 'initial_amount')) continue;
    view[key] = (item as unknown as Record<string, unknown>)[key];
  }
  return view;
}
