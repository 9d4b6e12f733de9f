// The product scenarios of POST /v1/qualifications: which redeemables are about products.
// PRODUCTS_DISCOUNT (and PRODUCTS_DISCOUNT_BY_CUSTOMER): a discount applicable to specific items —
// a UNIT discount (it names the product or SKU it adds) or a validation rule whose applicable_to
// includes items. PRODUCTS (and PRODUCTS_BY_CUSTOMER): those, and the redeemables whose validation
// rules require items of the order (order.items.any / every / none). Without BY_CUSTOMER the
// customer's rules are not held against a redeemable.

import { validationRules } from './collections.js';
import type { Context } from './context.js';
import type { Discount } from './records.js';
import { assignmentsOf } from './rules.js';

export interface ProductScenario {
  /** Only redeemables whose discount applies to specific items. */
  discountOnly: boolean;
  /** The customer's rules count (else they are not held against a redeemable). */
  byCustomer: boolean;
}

const SCENARIOS: Record<string, ProductScenario> = {
  PRODUCTS: { discountOnly: false, byCustomer: false },
  PRODUCTS_DISCOUNT: { discountOnly: true, byCustomer: false },
  PRODUCTS_BY_CUSTOMER: { discountOnly: false, byCustomer: true },
  PRODUCTS_DISCOUNT_BY_CUSTOMER: { discountOnly: true, byCustomer: true },
};

/** The product scenario, or undefined for the others. */
export const productScenario = (scenario: string): ProductScenario | undefined => SCENARIOS[scenario];

const ITEM_GROUPS = new Set(['order.items.any', 'order.items.every', 'order.items.none']);

/**
 * Whether a redeemable (its discount, and the rules assigned to `ids`: its campaign and itself) is
 * about products as the scenario means it.
 */
export function aboutProducts(ctx: Context, scenario: ProductScenario, discount: Discount | null | undefined, ids: (string | null | undefined)[]): boolean {
  if (discount?.type === 'UNIT') return true;
  for (const id of ids) {
    if (!id) continue;
    for (const assignment of assignmentsOf(ctx, id)) {
      const rule = validationRules(ctx.tenant).get(assignment.rule_id);
      if (!rule) continue;
      if ((rule.applicable_to?.included?.length ?? 0) > 0) return true;
      if (!scenario.discountOnly && Object.entries(rule.rules ?? {}).some(([key, condition]) => key !== 'logic' && typeof condition === 'object' && ITEM_GROUPS.has(condition.name))) return true;
    }
  }
  return false;
}
