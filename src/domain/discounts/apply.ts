// How a discount reaches an order: on the order as a whole, or spread over its items, never more
// than what is left of either, and at most a discount's aggregated_amount_limit.

import { cents, remaining, totals, type CalculatedOrder } from '../orders.js';

/**
 * Which items, and how many of their units, an item-level discount may touch: what the validation
 * rules' applicable_to allow (domain/applicable-to.ts). Without a scope every unit of every item.
 */
export interface ItemScope {
  /** Per order item: the units the discount may touch (0: the item is not applicable). */
  units: number[];
  /** Per order item: at most this much off it (its applicable_to entry's amount_limit), else Infinity. */
  caps: number[];
  /** Per order item: the applicable_to entry that gives it (an index of `entryLimits`), -1 for none. */
  entries: number[];
  /** Per entry: at most this much off its items together (aggregated_amount_limit), else Infinity. */
  entryLimits: number[];
  /** Per order item: the price each unit costs under a FIXED discount (the entry's price formula or price, else the discount's), in cents. */
  prices?: (number | undefined)[];
}

/** What an item-level discount may reach on each item: its units, and what is left of their value. */
export interface Reach {
  units: number[];
  /** What is left of the units in reach (all of the item when every unit is). */
  base: number[];
}

/** The units in reach of each item and what is left of them; items out of scope have none. */
export function reach(order: CalculatedOrder, scope: ItemScope | undefined): Reach {
  const items = order.items;
  const units: number[] = new Array(items.length);
  const base: number[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const left = item.amount - item.discount_amount;
    const reached = scope ? scope.units[i]! : item.quantity;
    units[i] = reached;
    base[i] = !scope || reached >= item.quantity ? left : reached <= 0 ? 0 : Math.min(left, cents((left * reached) / item.quantity));
  }
  return { units, base };
}

/** `wanted[i]` within the scope's limits: each item's amount_limit, then each entry's aggregated_amount_limit (in item order). */
export function withinScope(wanted: number[], scope: ItemScope | undefined): number[] {
  if (!scope) return wanted;
  const entryLeft = scope.entryLimits.slice();
  return wanted.map((amount, i) => {
    const entry = scope.entries[i]!;
    let capped = Math.min(amount, scope.caps[i]!);
    if (entry >= 0) {
      capped = Math.max(0, Math.min(capped, entryLeft[entry]!));
      entryLeft[entry] = entryLeft[entry]! - capped;
    }
    return capped;
  });
}

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
