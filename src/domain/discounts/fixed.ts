// FIXED discounts: the order, or each unit of the applicable items, costs fixed_amount.

import { remaining, type CalculatedOrder } from '../orders.js';
import type { FixedDiscount } from '../records.js';
import { discountItems, discountOrder, type Applicable, type Applied } from './apply.js';

/**
 * - APPLY_TO_ORDER (the default): what is left of the order becomes fixed_amount (nothing off
 *   when it is already below).
 * - APPLY_TO_ITEMS: each unit of an applicable item costs fixed_amount.
 */
export function applyFixed(order: CalculatedOrder, discount: FixedDiscount, applicable: Applicable): Applied {
  const limit = discount.aggregated_amount_limit ?? Infinity;
  if ((discount.effect ?? 'APPLY_TO_ORDER') === 'APPLY_TO_ORDER') return discountOrder(order, remaining(order) - discount.fixed_amount, limit);
  return discountItems(
    order,
    order.items.map((item, i) => (applicable(item, i) ? item.amount - item.discount_amount - discount.fixed_amount * item.quantity : 0)),
    limit,
  );
}
