// UNIT discounts: units of a product given for free, added to the order when it lacks them.

import { totals, type CalculatedItem, type CalculatedOrder } from '../orders.js';
import type { DiscountUnitItem, UnitDiscount } from '../records.js';
import type { Applied } from './apply.js';

/** The order item a unit discount names: by product or SKU id (the item's, or its catalogue object's), or by the caller's source_id. */
const isUnitOf = (item: CalculatedItem, unitType: string) =>
  item.product_id === unitType || item.sku_id === unitType || item.source_id === unitType || item.sku?.id === unitType || (item.sku === undefined && item.product?.id === unitType);

/**
 * One kind of free unit (unit_off units of unit_type):
 * - ADD_MISSING_ITEMS (the default): the order gets up to unit_off units (the missing ones are
 *   added), and unit_off of them are free.
 * - ADD_NEW_ITEMS: unit_off units are added, free, whatever the order holds.
 * A unit costs the price of its item in the order, else the price of the product or SKU object the
 * discount carries (checkout completes them from the catalogue, see domain/catalogue.ts); a product
 * with neither has no known price, so it is added unpriced (free, and nothing off; its item shows no
 * amounts, as Voucherify shows such items).
 */
function applyUnit(order: CalculatedOrder, unit: Omit<DiscountUnitItem, 'effect'> & { effect?: string }): Applied {
  const unitType = unit.unit_type;
  const units = unit.unit_off ?? 0;
  if (!unitType || units <= 0) return { order, applied: 0 };
  const index = order.items.findIndex((item) => isUnitOf(item, unitType));
  const existing = index >= 0 ? order.items[index] : undefined;
  // A unit the order lacks is named as Voucherify names it: a SKU by sku_id (with its product), a
  // product by product_id, with the product and SKU objects the discount carries and their price.
  const isSku = unitType.startsWith('sku_') || unit.sku?.id === unitType;
  const productId = isSku ? (typeof unit.product?.id === 'string' ? unit.product.id : undefined) : unitType;
  const listed = (isSku ? unit.sku?.price : unit.product?.price) as number | undefined;
  const price = existing ? (existing.price ?? (existing.quantity > 0 ? existing.amount / existing.quantity : 0)) : (listed ?? 0);
  const held = existing?.quantity ?? 0;
  const added = unit.effect === 'ADD_NEW_ITEMS' ? units : Math.max(0, units - held);
  const quantity = held + added;
  const free = Math.min(units, quantity);
  const base: CalculatedItem = existing ?? {
    object: 'order_item',
    ...(productId !== undefined ? { product_id: productId } : {}),
    ...(isSku ? { sku_id: unitType } : {}),
    quantity: 0,
    amount: 0,
    ...(listed !== undefined ? { price: listed } : {}),
    discount_amount: 0,
    applied_discount_amount: 0,
    subtotal_amount: 0,
    ...(unit.product ? { product: unit.product } : {}),
    ...(unit.sku ? { sku: unit.sku } : {}),
  };
  const amount = base.amount + added * price;
  // Free units are worth at most what is left of the item.
  const applied = Math.min(free * price, amount - base.discount_amount);
  const item: CalculatedItem = {
    ...base,
    quantity,
    amount,
    discount_amount: base.discount_amount + applied,
    applied_discount_amount: base.applied_discount_amount + applied,
    discount_quantity: (base.discount_quantity ?? 0) + free,
    applied_discount_quantity: (base.applied_discount_quantity ?? 0) + free,
    ...(added > 0 ? { initial_quantity: base.initial_quantity ?? held, initial_amount: base.initial_amount ?? base.amount } : {}),
  };
  const items = existing ? order.items.map((other, i) => (i === index ? item : other)) : [...order.items, item];
  return { order: totals({ ...order, amount: order.amount + added * price, items }), applied };
}

/** UNIT, or with ADD_MANY_ITEMS each of its `units` in turn. */
export function applyUnits(order: CalculatedOrder, discount: UnitDiscount): Applied {
  const units: (Omit<DiscountUnitItem, 'effect'> & { effect?: string })[] = discount.effect === 'ADD_MANY_ITEMS' ? (discount.units ?? []) : [discount];
  let applied = 0;
  for (const unit of units) {
    const step = applyUnit(order, unit);
    order = step.order;
    applied += step.applied;
  }
  return { order, applied };
}
