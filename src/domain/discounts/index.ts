// Applying a discount or gift credits to an order: applyDiscount(order, discount) → the order after
// it and what it took off. Each discount type has its own file; the shared rules are in apply.ts.

import { remaining, type CalculatedOrder } from '../orders.js';
import type { Discount } from '../records.js';
import { applyAmount } from './amount.js';
import { discountOrder, type Applied, type ItemScope } from './apply.js';
import { applyFixed } from './fixed.js';
import { applyPercent } from './percent.js';
import { applyUnits } from './unit.js';

export { split, type Applied, type ItemScope } from './apply.js';

/** One discount on what is left of the order (in a stack, what the redeemables before it left), on the items in scope. */
export function applyDiscount(order: CalculatedOrder, discount: Discount, scope?: ItemScope): Applied {
  switch (discount.type) {
    case 'AMOUNT':
      return applyAmount(order, discount, scope);
    case 'PERCENT':
      return applyPercent(order, discount, scope);
    case 'FIXED':
      return applyFixed(order, discount, scope);
    case 'UNIT':
      return applyUnits(order, discount);
  }
}

/**
 * A gift card paying for the order: the credits asked for (all of the balance when none are
 * named), at most the balance and what is left of the order. An order-level discount.
 */
export function applyGiftCredits(order: CalculatedOrder, balance: number, requested?: number): Applied {
  return discountOrder(order, Math.min(requested ?? balance, balance, remaining(order)));
}
