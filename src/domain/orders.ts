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

function calculatedItem(input: OrderItemInput): CalculatedItem {
  const quantity = input.quantity ?? 1;
  const amount = input.amount ?? (input.price !== undefined ? input.price * quantity : 0);
  const { quantity: _q, amount: _a, discount_amount: discount = 0, ...rest } = input;
  return { ...rest, object: 'order_item', quantity, amount, discount_amount: discount, applied_discount_amount: 0, subtotal_amount: amount - discount };
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
  const items = order.items.map((item) => ({ ...item, subtotal_amount: item.amount - item.discount_amount }));
  const itemsDiscount = items.reduce((sum, item) => sum + item.discount_amount, 0);
  const itemsApplied = items.reduce((sum, item) => sum + item.applied_discount_amount, 0);
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
  return totals({ ...order, applied_discount_amount: 0, items: order.items.map((item) => ({ ...item, applied_discount_amount: 0 })) });
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

function itemView(item: CalculatedItem): Record<string, unknown> {
  const { object, product_id, sku_id, source_id, related_object, quantity, amount, discount_amount, applied_discount_amount, price, subtotal_amount, ...rest } = item;
  const view: Record<string, unknown> = { object };
  if (product_id !== undefined) view.product_id = product_id;
  if (sku_id !== undefined) view.sku_id = sku_id;
  if (source_id !== undefined) view.source_id = source_id;
  if (related_object !== undefined) view.related_object = related_object;
  view.quantity = quantity;
  // A free unit added without a price (UNIT discounts, see discounts/unit.ts) shows no amounts.
  const unpriced = price === undefined && amount === 0 && rest.initial_quantity === 0;
  if (!unpriced) view.amount = amount;
  if (discount_amount !== 0) view.discount_amount = discount_amount;
  if (applied_discount_amount !== 0) view.applied_discount_amount = applied_discount_amount;
  if (price !== undefined) view.price = price;
  if (!unpriced) view.subtotal_amount = subtotal_amount;
  if (unpriced) delete rest.initial_amount;
  return { ...view, ...rest };
}
