// AMOUNT discounts: amount_off cents off the order, off each item, per unit, or shared out.

import type { AmountDiscount } from '../records.js';
import type { CalculatedOrder } from '../orders.js';
import { discountItems, discountOrder, split, type Applicable, type Applied } from './apply.js';

/**
 * - APPLY_TO_ORDER (the default): amount_off off what is left of the order.
 * - APPLY_TO_ITEMS: amount_off off each applicable item ("each item subtotal is discounted equally").
 * - APPLY_TO_ITEMS_BY_QUANTITY: amount_off off each unit of the applicable items.
 * - APPLY_TO_ITEMS_PROPORTIONALLY: amount_off shared out by what is left of each applicable item.
 * - APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY: amount_off shared out by the items' quantities.
 * aggregated_amount_limit caps what one order gets.
 */
export function applyAmount(order: CalculatedOrder, discount: AmountDiscount, applicable: Applicable): Applied {
  const limit = discount.aggregated_amount_limit ?? Infinity;
  const off = discount.amount_off;
  const items = order.items;
  const left = items.map((item, i) => (applicable(item, i) ? item.amount - item.discount_amount : 0));
  switch (discount.effect ?? 'APPLY_TO_ORDER') {
    case 'APPLY_TO_ORDER':
      return discountOrder(order, off, limit);
    case 'APPLY_TO_ITEMS':
      return discountItems(order, left.map((l) => (l > 0 ? off : 0)), limit);
    case 'APPLY_TO_ITEMS_BY_QUANTITY':
      return discountItems(order, items.map((item, i) => (left[i] > 0 ? off * item.quantity : 0)), limit);
    case 'APPLY_TO_ITEMS_PROPORTIONALLY':
      return discountItems(order, split(Math.min(off, limit), left, left), limit);
    case 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY':
      return discountItems(order, split(Math.min(off, limit), items.map((item, i) => (left[i] > 0 ? item.quantity : 0)), left), limit);
  }
}
