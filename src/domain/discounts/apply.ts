// How a discount reaches an order: on the order as a whole, or spread over its items, never more
// than what is left of either, and at most a discount's aggregated_amount_limit.

import { cents, remaining, totals, type CalculatedItem, type CalculatedOrder } from '../orders.js';

/** Which items a discount may touch (a validation rule's applicable_to); every item by default. */
export type Applicable = (item: CalculatedItem, index: number) => boolean;

export const everyItem: Applicable = () => true;

/** What applying one discount did: the order after it, and the cents it took off. */
export interface Applied {
  order: CalculatedOrder;
  applied: number;
}

/** `amount` off the order as a whole (order-level discount), at most what is left of it. */
export function discountOrder(order: CalculatedOrder, amount: number, limit = Infinity): Applied {
  const applied = Math.max(0, Math.min(cents(amount), remaining(order), limit));
  return {
    order: totals({ ...order, discount_amount: order.discount_amount + applied, applied_discount_amount: order.applied_discount_amount + applied }),
    applied,
  };
}

/**
 * Item-level discounts: `wanted[i]` off item i, each at most what is left of the item, and all of
 * them together at most `limit` (taken in item order).
 */
export function discountItems(order: CalculatedOrder, wanted: number[], limit = Infinity): Applied {
  let left = limit;
  let applied = 0;
  const items = order.items.map((item, i) => {
    const amount = Math.max(0, Math.min(cents(wanted[i] ?? 0), item.amount - item.discount_amount, left));
    left -= amount;
    applied += amount;
    return amount === 0 ? item : { ...item, discount_amount: item.discount_amount + amount, applied_discount_amount: item.applied_discount_amount + amount };
  });
  return { order: totals({ ...order, items }), applied };
}

/**
 * `total` shared out in whole cents by weight (largest remainder, so the shares add up exactly),
 * no share above its cap: what a capped share cannot take goes to the others.
 * split(1000, [2000, 700], [2000, 700]) → [741, 259].
 */
export function split(total: number, weights: number[], caps: number[]): number[] {
  const shares = weights.map(() => 0);
  let open = weights.map((weight, i) => (weight > 0 && caps[i] > 0 ? i : -1)).filter((i) => i >= 0);
  let left = Math.min(cents(total), open.reduce((sum, i) => sum + caps[i], 0));
  while (left > 0 && open.length > 0) {
    const weight = open.reduce((sum, i) => sum + weights[i], 0);
    const exact = open.map((i) => (left * weights[i]) / weight);
    const whole = exact.map(Math.floor);
    let rest = left - whole.reduce((sum, share) => sum + share, 0);
    // The cents the floors left go to the largest remainders (earlier items first on a tie).
    const order = exact.map((share, k) => [share - whole[k], k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, k] of order) {
      if (rest === 0) break;
      whole[k]++;
      rest--;
    }
    let given = 0;
    const stillOpen: number[] = [];
    open.forEach((i, k) => {
      const share = Math.min(whole[k], caps[i] - shares[i]);
      shares[i] += share;
      given += share;
      if (shares[i] < caps[i]) stillOpen.push(i);
    });
    left -= given;
    if (stillOpen.length === open.length && given === 0) break;
    open = stillOpen;
  }
  return shares;
}
