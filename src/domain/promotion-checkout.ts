// The checkout's part for promotions: a promotion_tier redeemable checked and applied as a voucher
// is (the same discount functions), and a promotion_stack redeemable read as its tiers.

import { VoucherifyError, notFound } from '../errors.js';
import { discountWithCatalogue } from './catalogue.js';
import { campaigns } from './collections.js';
import type { Context } from './context.js';
import { applyScoped, scopeRules, type BudgetUse } from './applicable-to.js';
import { startStep, type CalculatedOrder } from './orders.js';
import { findPromotionStack, findPromotionTier } from './promotions.js';
import type { PromotionTier } from './records.js';
import { inValidityWindows } from './validity.js';

const inactive = (details: string) => new VoucherifyError(400, 'promotion_inactive', 'Inactive Promotion', { details });

/** Why a tier cannot be used now, in Voucherify's words: every one is an inactive promotion, the details say why. */
export const TIER_REFUSALS = {
  disabled: (id: string) => inactive(`Promotion Tier with id: ${id} is disabled.`),
  campaignDisabled: (id: string) => inactive(`Promotion Tier with id: ${id} belongs to a disabled campaign.`),
  notActiveYet: (id: string) => inactive(`Promotion Tier with id: ${id} is not active yet.`),
  expired: (id: string) => inactive(`Promotion Tier with id: ${id} has expired.`),
  notActiveNow: (id: string) => inactive(`Promotion Tier with id: ${id} is not active now.`),
};

/** The first reason the tier cannot be used now: the tier's own state and dates, then its campaign's. */
export function tierRefusal(ctx: Context, tier: PromotionTier): VoucherifyError | undefined {
  const campaign = campaigns(ctx.tenant).get(tier.campaign_id);
  if (!tier.active) return TIER_REFUSALS.disabled(tier.id);
  if (!campaign || !campaign.active) return TIER_REFUSALS.campaignDisabled(tier.id);
  const now = ctx.clock();
  const time = now.getTime();
  for (const validity of [tier, campaign]) {
    if (validity.start_date && Date.parse(validity.start_date) > time) return TIER_REFUSALS.notActiveYet(tier.id);
    if (validity.expiration_date && Date.parse(validity.expiration_date) < time) return TIER_REFUSALS.expired(tier.id);
    if (!inValidityWindows(validity, now)) return TIER_REFUSALS.notActiveNow(tier.id);
  }
  return undefined;
}

/** A redeemable as a request names it. */
interface RedeemableRef {
  object: 'voucher' | 'promotion_tier' | 'promotion_stack';
  id: string;
}

/** What a tier does to an order: its refusal, or its effect. */
export type TierCheck = { tier?: PromotionTier; error: VoucherifyError } | { tier: PromotionTier; order: CalculatedOrder; result: Record<string, unknown>; amount: number; budgetUses?: BudgetUse[] };

/** A promotion_tier redeemable against what is left of the order: its state and dates, then its validation rules (`rules`). */
export function checkTier(
  ctx: Context,
  id: string,
  order: CalculatedOrder,
  rules?: (tier: PromotionTier) => VoucherifyError | undefined,
  customerMetadata?: Record<string, unknown>,
  orderMetadata?: Record<string, unknown>,
  customerId?: string,
): TierCheck {
  const tier = findPromotionTier(ctx, id);
  if (!tier) return { error: notFound('promotion_tier', id) };
  const error = tierRefusal(ctx, tier) ?? rules?.(tier);
  if (error) return { tier, error };
  const applied = applyTier(ctx, tier, startStep(order), customerMetadata, orderMetadata, customerId);
  return applied instanceof VoucherifyError ? { tier, error: applied } : { tier, ...applied };
}

/**
 * The tier's discount on the order (a tier without one changes nothing), on the items the rules
 * assigned to the tier (or its campaign) make applicable; none: their refusal. The rules' product
 * budgets count the tier's and its campaign's redemptions (of this customer, for the per-customer ones).
 */
export function applyTier(
  ctx: Context,
  tier: PromotionTier,
  order: CalculatedOrder,
  customerMetadata?: Record<string, unknown>,
  orderMetadata?: Record<string, unknown>,
  customerId?: string,
): { order: CalculatedOrder; result: Record<string, unknown>; amount: number; budgetUses?: BudgetUse[] } | VoucherifyError {
  const discount = tier.action?.discount;
  if (!discount) return { order, result: {}, amount: 0 };
  const rules = scopeRules(ctx, tier.campaign_id, tier.id);
  const budget = rules ? { campaignId: tier.campaign_id, tierId: tier.id, customerId } : undefined;
  const step = applyScoped(ctx, discountWithCatalogue(ctx, discount), order, rules, 'Promotion Tier', customerMetadata, orderMetadata, budget);
  if (step instanceof VoucherifyError) return step;
  return { order: step.order, result: { discount }, amount: step.applied, ...(step.budgetUses ? { budgetUses: step.budgetUses } : {}) };
}

/** A promotion stack goes alone: with other redeemables, Voucherify's 400. */
const stackWithOthers = () => new VoucherifyError(400, 'invalid_redeemables', 'Invalid redeemables', { details: 'Promotion Stack cannot be use with other redeemables' });

/**
 * The redeemables a request's promotion_stack stands for: its tiers, in the stack's order. A stack
 * the tenant does not have stays as it is (the checkout answers it not_found).
 */
export function expandStacks<R extends RedeemableRef>(ctx: Context, redeemables: R[]): (R | RedeemableRef)[] {
  if (redeemables.length > 1) throw stackWithOthers();
  const stack = findPromotionStack(ctx, redeemables[0].id);
  if (!stack) return redeemables;
  return stack.tiers.ids.map((id) => ({ object: 'promotion_tier', id }));
}
