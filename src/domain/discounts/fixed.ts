// FIXED discounts: the order, or each unit of the applicable items, costs a fixed price.

import { remaining, type CalculatedOrder } from '../orders.js';
import type { FixedDiscount } from '../records.js';
import { discountItems, discountOrder, reach, withinScope, type Applied, type ItemScope } from './apply.js';

/**
 * - APPLY_TO_ORDER (the default): what is left of the order becomes fixed_amount (nothing off
 *   when it is already below, or when the discount has no fixed_amount).
 * - APPLY_TO_ITEMS: each unit in scope costs its price: the one its applicable_to entry gives
 *   (price_formula or price, in `scope.prices`), else fixed_amount; a unit with neither keeps its price.
 */
export function applyFixed(order: CalculatedOrder, discount: FixedDiscount, scope?: ItemScope): Applied {
  const limit = discount.aggregated_amount_limit ?? Infinity;
  const fixed = discount.fixed_amount as number | undefined;
  if ((discount.effect ?? 'APPLY_TO_ORDER') === 'APPLY_TO_ORDER') return discountOrder(order, fixed === undefined ? 0 : remaining(order) - fixed, limit);
  const { units, base } = reach(order, scope);
  const wanted = base.map((b, i) => {
    const price = scope?.prices?.[i] ?? fixed;
    return price === undefined || b <= 0 ? 0 : Math.max(0, b - price * units[i]!);
  });
  return discountItems(order, withinScope(wanted, scope), limit);
}
