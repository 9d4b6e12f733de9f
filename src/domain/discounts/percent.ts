// PERCENT discounts: percent_off of what is left of the order or of each item, at most amount_limit.

import { cents, remaining, type CalculatedOrder } from '../orders.js';
import type { PercentDiscount } from '../records.js';
import { discountItems, discountOrder, reach, withinScope, type Applied, type ItemScope } from './apply.js';

/**
 * - APPLY_TO_ORDER (the default): percent_off of what is left of the order, in whole cents
 *   (half away from zero: 40% of 899 is 360).
 * - APPLY_TO_ITEMS: percent_off of what is left of each applicable item's units in scope, each rounded.
 * amount_limit caps the discount, and aggregated_amount_limit what one order gets.
 */
export function applyPercent(order: CalculatedOrder, discount: PercentDiscount, scope?: ItemScope): Applied {
  const limit = Math.min(discount.amount_limit ?? Infinity, discount.aggregated_amount_limit ?? Infinity);
  const rate = (discount.percent_off ?? 0) / 100;
  if ((discount.effect ?? 'APPLY_TO_ORDER') === 'APPLY_TO_ORDER') return discountOrder(order, cents(remaining(order) * rate), limit);
  const { base } = reach(order, scope);
  return discountItems(order, withinScope(base.map((b) => cents(b * rate)), scope), limit);
}
