// AMOUNT discounts: amount_off cents off the order, off each item, per unit, or shared out.

import type { AmountDiscount } from '../records.js';
import type { CalculatedOrder } from '../orders.js';
import { discountItems, discountOrder, reach, split, withinScope, type Applied, type ItemScope } from './apply.js';

/**
 * - APPLY_TO_ORDER (the default): amount_off off what is left of the order.
 * - APPLY_TO_ITEMS: amount_off off each applicable item ("each item subtotal is discounted equally").
 * - APPLY_TO_ITEMS_BY_QUANTITY: amount_off off each applicable unit.
 * - APPLY_TO_ITEMS_PROPORTIONALLY: amount_off shared out by what is left of each applicable item.
 * - APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY: amount_off shared out by the applicable units.
 * The item effects reach only the units in scope (a validation rule's applicable_to), within its
 * limits; aggregated_amount_limit caps what one order gets.
 */
export function applyAmount(order: CalculatedOrder, discount: AmountDiscount, scope?: ItemScope): Applied {
  const limit = discount.aggregated_amount_limit ?? Infinity;
  const off = discount.amount_off ?? 0;
  const effect = discount.effect ?? 'APPLY_TO_ORDER';
  if (effect === 'APPLY_TO_ORDER') return discountOrder(order, off, limit);
  const { units, base } = reach(order, scope);
  let wanted: number[];
  switch (effect) {
    case 'APPLY_TO_ITEMS':
      wanted = base.map((b) => (b > 0 ? Math.min(off, b) : 0));
      break;
    case 'APPLY_TO_ITEMS_BY_QUANTITY':
      wanted = base.map((b, i) => (b > 0 ? Math.min(off * units[i]!, b) : 0));
      break;
    case 'APPLY_TO_ITEMS_PROPORTIONALLY':
      wanted = split(Math.min(off, limit), base, base);
      break;
    case 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY':
      wanted = split(Math.min(off, limit), units.map((u, i) => (base[i]! > 0 ? u : 0)), base);
      break;
  }
  return discountItems(order, withinScope(wanted, scope), limit);
}
