// Checking redeemables against an order, as validations and redemptions both do: each voucher's
// checks in Voucherify's order and words, then its effect on what the ones before it left.

import { VoucherifyError, notFound } from '../errors.js';
import { ALNUM } from '../store/ids.js';
import { discountWithCatalogue, withCatalogue } from './catalogue.js';
import { campaigns, holders } from './collections.js';
import type { Context } from './context.js';
import { applyScoped, scopeRules, type BudgetUse } from './applicable-to.js';
import { applyGiftCredits } from './discounts/index.js';
import type { OrderRequest } from './order-records.js';
import { calculateOrder, orderView, startStep, withAppliedSince, type CalculatedOrder, type OrderInput } from './orders.js';
import { findCustomer, findOrder, findVoucher } from './lookups.js';
import { checkTier, expandStacks } from './promotion-checkout.js';
import type { Customer, Order, PromotionTier, Voucher } from './records.js';
import { applyReward, rewardRefusal, type RewardPayment } from './rewards.js';
import { VOUCHER_KINDS, rulesRefusal, tierRulesRefusal } from './rules.js';
import { heldByOthers, withoutHeldPoints, type Held } from './sessions.js';
import { inValidityWindows } from './validity.js';

/** One redeemable of a request: a voucher (with the gift credits or reward it pays with), or a promotion. */
export interface RedeemableRequest {
  object: 'voucher' | 'promotion_tier' | 'promotion_stack';
  id: string;
  gift?: { credits?: number };
  reward?: { id?: string; points?: number };
}

/** Why a redeemable cannot be used: Voucherify's error, 400 unless it names a missing resource. */
const refusal = (key: string, message: string, details: string) => new VoucherifyError(400, key, message, { details });

export const REFUSALS = {
  disabled: (code: string) => refusal('voucher_disabled', 'voucher is disabled', code),
  notActiveYet: (code: string) => refusal('voucher_not_active', 'voucher not active', code),
  expired: (code: string) => refusal('voucher_expired', 'voucher expired', code),
  notActiveNow: (code: string) => refusal('voucher_not_active_now', 'voucher not active now', code),
  quantityExceeded: (code: string) => refusal('quantity_exceeded', 'quantity exceeded', code),
  giftAmountExceeded: (code: string) => refusal('gift_amount_exceeded', 'gift amount exceeded', code),
  missingCustomer: () => refusal('missing_customer', 'Missing customer', 'A customer is required to redeem a referral code'),
  referrerNotPermitted: (code: string) => refusal('referrer_not_permitted_to_redeem', 'voucher cannot be redeemed by referrer', code),
  missingOrderItemsAmount: () =>
    refusal('missing_order_items_amount', 'Missing applicable order items', 'At least one applicable order item with amount is required to redeem this GIFT_VOUCHER'),
  pointsExceeded: (code: string) => refusal('loyalty_card_points_exceeded', 'loyalty card points exceeded', code),
  missingReward: () => refusal('missing_reward', 'Missing reward', 'A reward is required when redeeming a LOYALTY_CARD'),
  notLoyaltyCardHolder: (code: string) => refusal('invalid_customer', 'Customer must be a holder of a loyalty card.', code),
};

/** What a redeemable that applies does: the result Voucherify shows, and the cents it takes off. */
export interface Applied {
  status: 'APPLICABLE';
  request: RedeemableRequest;
  voucher: Voucher;
  tier?: undefined;
  /** The order after this redeemable, with what it applied as the applied amounts. */
  order: CalculatedOrder;
  result: Record<string, unknown>;
  /** Cents this redeemable took off (gift credits included). */
  amount: number;
  /** Gift cards: the credits used. */
  credits?: number;
  /** Loyalty cards: the points a reward costs, and what they buy (domain/rewards.ts). */
  points?: number;
  payment?: RewardPayment;
  /** Units its discount took of the rules' product budgets, which a redemption records. */
  budgetUses?: BudgetUse[];
}

/** A promotion tier that applies (domain/promotion-checkout.ts). */
export interface AppliedTier {
  status: 'APPLICABLE';
  request: RedeemableRequest;
  voucher?: undefined;
  tier: PromotionTier;
  order: CalculatedOrder;
  result: Record<string, unknown>;
  amount: number;
  credits?: undefined;
  points?: undefined;
  payment?: undefined;
  budgetUses?: BudgetUse[];
}

export interface Inapplicable {
  status: 'INAPPLICABLE';
  request: RedeemableRequest;
  voucher?: Voucher;
  tier?: PromotionTier;
  error: VoucherifyError;
}

export interface Skipped {
  status: 'SKIPPED';
  request: RedeemableRequest;
  voucher?: Voucher;
  tier?: undefined;
  details: { key: string; message: string };
}

export type Outcome = Applied | AppliedTier | Inapplicable | Skipped;

export interface Checkout {
  outcomes: Outcome[];
  /** The order before any redeemable, and after all that applied (with their applied amounts). */
  start: CalculatedOrder;
  order: CalculatedOrder;
  valid: boolean;
  customer: Customer | undefined;
  /** The REFERRER of a referral code that applies: the order's referrer unless it names one. */
  referrer: string | undefined;
}

export const PRECEDING_VALIDATION_FAILED = { key: 'preceding_validation_failed', message: 'Redeemable cannot be applied due to preceding validation failure' };

/** The order a request works on: calculated, and the tenant's stored order when the request names one. */
export interface RequestOrder {
  calculated: CalculatedOrder;
  stored: Order | undefined;
  request: OrderRequest | undefined;
}

/**
 * The order the request works on: an order the tenant has (by id or source_id) as it is stored,
 * else the order as the request sends it. An order id the tenant does not have is 404.
 */
export function requestOrder(ctx: Context, order: OrderRequest | undefined): RequestOrder {
  const stored = order?.id !== undefined ? findOrder(ctx, order.id) : order?.source_id ? findOrder(ctx, order.source_id) : undefined;
  if (order?.id !== undefined && !stored) throw notFound('order', order.id);
  const input: OrderInput = stored
    ? { amount: stored.amount, discount_amount: stored.discount_amount, items: (stored.items ?? []).map((item) => ({ ...item })) }
    : order?.items
      ? { ...order, items: withCatalogue(ctx, order.items) }
      : (order ?? {});
  return { calculated: calculateOrder(input), stored, request: order };
}

/**
 * An order as validations and redemptions answer it: a stored order's identity first, then the
 * amounts and items (orderView), the metadata and the people, as in Voucherify's answers. An order
 * that names no referrer gets the referrer of a referral code applied to it (`codeReferrer`).
 */
export function checkoutOrderView(calculated: CalculatedOrder, order: RequestOrder, customer: Customer | undefined, codeReferrer?: string): Record<string, unknown> {
  const { stored, request } = order;
  const identity = stored
    ? { id: stored.id, source_id: stored.source_id, created_at: stored.created_at, updated_at: stored.updated_at, status: stored.status }
    : {};
  const referrerId = stored?.referrer_id ?? request?.referrer_id ?? request?.referrer?.id ?? codeReferrer ?? null;
  return {
    ...identity,
    ...orderView(calculated),
    metadata: request?.metadata ?? stored?.metadata ?? {},
    ...(referrerId ? { referrer: { id: referrerId, object: 'customer' } } : {}),
    customer_id: customer?.id ?? stored?.customer_id ?? null,
    referrer_id: referrerId,
    object: 'order',
  };
}

/** The tracking id of an answer: the one sent, else the customer's source_id, else a new one. */
export function trackingId(ctx: Context, sent: string | undefined, customer: Customer | undefined): string {
  return sent ?? customer?.source_id ?? `track_${ctx.ids.code(ALNUM, 24)}`;
}

/** The stacking rules every answer shows: Voucherify's defaults for a project. */
export const STACKING_RULES = {
  redeemables_limit: 30,
  applicable_redeemables_limit: 30,
  applicable_redeemables_per_category_limit: 30,
  applicable_exclusive_redeemables_limit: 5,
  applicable_redeemables_category_limits: {},
  exclusive_categories: [],
  joint_categories: [],
  redeemables_application_mode: 'ALL',
  redeemables_sorting_rule: 'REQUESTED_ORDER',
  redeemables_no_effect_rule: 'REDEEM_ANYWAY',
  no_effect_skip_categories: [],
  no_effect_redeem_anyway_categories: [],
  redeemables_products_application_mode: 'STACK',
  redeemables_rollback_order_mode: 'WITHOUT_ORDER',
} as const;

/** The customer a request names by id or source_id, if the tenant has them (a validation creates nobody). */
export function requestCustomer(ctx: Context, customer: { id?: string; source_id?: string | null } | undefined): Customer | undefined {
  if (customer?.id !== undefined) return findCustomer(ctx, customer.id);
  if (customer?.source_id != null) return findCustomer(ctx, customer.source_id);
  return undefined;
}

/** The first reason the voucher cannot be used now, in the order Voucherify checks them. */
function voucherRefusal(
  ctx: Context,
  voucher: Voucher,
  request: RedeemableRequest,
  customer: Customer | undefined,
  order: CalculatedOrder,
  held: Held,
  customerNamed: boolean,
): VoucherifyError | undefined {
  const now = ctx.clock();
  const { code } = voucher;
  if (voucher.active === false) return REFUSALS.disabled(code);
  // A disabled campaign's vouchers can no longer be redeemed. Voucherify's reference names no key of
  // its own for it: the voucher answers as a disabled one.
  if (voucher.campaign_id && campaigns(ctx.tenant).get(voucher.campaign_id)?.active === false) return REFUSALS.disabled(code);
  if (voucher.start_date && Date.parse(voucher.start_date) > now.getTime()) return REFUSALS.notActiveYet(code);
  if (voucher.expiration_date && Date.parse(voucher.expiration_date) < now.getTime()) return REFUSALS.expired(code);
  if (!inValidityWindows(voucher, now)) return REFUSALS.notActiveNow(code);
  const { quantity, redeemed_quantity: redeemed } = voucher.redemption;
  if (quantity !== null && quantity !== undefined && redeemed + held.quantity >= quantity) return REFUSALS.quantityExceeded(code);
  if (voucher.is_referral_code && !customerNamed) return REFUSALS.missingCustomer();
  if (voucher.is_referral_code && customer && voucher.referrer_id === customer.id) return REFUSALS.referrerNotPermitted(code);
  if (voucher.type === 'GIFT_VOUCHER') {
    const balance = (voucher.gift?.balance ?? 0) - held.credits;
    if (balance <= 0 || (request.gift?.credits ?? 0) > balance) return REFUSALS.giftAmountExceeded(code);
    if (order.total_amount <= 0) return REFUSALS.missingOrderItemsAmount();
  }
  if (voucher.type === 'LOYALTY_CARD') {
    if (customer && !holders(ctx.tenant).findBy('redeemable_customer', `${voucher.id}|${customer.id}`)) return REFUSALS.notLoyaltyCardHolder(code);
    if (!request.reward) return REFUSALS.missingReward();
    if ((request.reward.points ?? 0) > (voucher.loyalty_card?.balance ?? 0)) return REFUSALS.pointsExceeded(code);
    return rewardRefusal(ctx, voucher, request.reward, order);
  }
  return undefined;
}

/** The voucher's effect on what is left of the order, or why its discount reaches no item. */
function apply(
  ctx: Context,
  voucher: Voucher,
  request: RedeemableRequest,
  order: CalculatedOrder,
  heldCredits: number,
  customerMetadata: Record<string, unknown> | undefined,
  orderMetadata: Record<string, unknown> | undefined,
  customerId: string | undefined,
): Omit<Applied, 'status' | 'request' | 'voucher'> | VoucherifyError {
  if (voucher.type === 'GIFT_VOUCHER') {
    const step = applyGiftCredits(order, (voucher.gift?.balance ?? 0) - heldCredits, request.gift?.credits);
    return { order: step.order, result: { gift: { credits: step.applied } }, amount: step.applied, credits: step.applied };
  }
  if (voucher.type === 'LOYALTY_CARD' && request.reward) return applyReward(ctx, voucher, request.reward, order);
  if (voucher.discount) {
    const rules = scopeRules(ctx, voucher.campaign_id, voucher.id);
    const kind = VOUCHER_KINDS[voucher.type] ?? 'Voucher';
    // A standalone voucher's product budgets are its own, as if it were a campaign.
    const budget = rules ? { campaignId: voucher.campaign_id ?? voucher.id, customerId } : undefined;
    const step = applyScoped(ctx, discountWithCatalogue(ctx, voucher.discount), order, rules, kind, customerMetadata, orderMetadata, budget);
    if (step instanceof VoucherifyError) return step;
    return { order: step.order, result: { discount: voucher.discount }, amount: step.applied, ...(step.budgetUses ? { budgetUses: step.budgetUses } : {}) };
  }
  return { order, result: {}, amount: 0 };
}

/** The same redeemable twice in one request (by object and id): 400, before anything is checked. */
export function assertDistinct(redeemables: RedeemableRequest[]): void {
  const seen = new Set<string>();
  for (const { object, id } of redeemables) {
    const key = `${object}|${id}`;
    if (seen.has(key)) throw new VoucherifyError(400, 'duplicated_redeemables', 'Duplicated redeemables detected', { details: 'Duplicated redeemables detected in one redemption' });
    seen.add(key);
  }
}

/** What else a checkout needs to know of the request. */
/** What validation rules read from the request: the order's metadata, and that of a customer the request describes. */
export const ruleInputs = (
  order: RequestOrder,
  named?: { metadata?: unknown },
  redemptionMetadata?: unknown,
): Pick<CheckoutOptions, 'orderMetadata' | 'customerMetadata' | 'redemptionMetadata'> => ({
  orderMetadata: (order.request?.metadata ?? order.stored?.metadata ?? undefined) as Record<string, unknown> | undefined,
  customerMetadata: (named?.metadata ?? undefined) as Record<string, unknown> | undefined,
  redemptionMetadata: (redemptionMetadata ?? undefined) as Record<string, unknown> | undefined,
});

export interface CheckoutOptions {
  /** The validation session the request names: what it holds is available to this request. */
  sessionKey?: string;
  /** The request names a customer, even one the tenant does not have yet (a validation creates nobody). */
  customerNamed?: boolean;
  /** What validation rules read beyond the customer record and the calculated order. */
  orderMetadata?: Record<string, unknown>;
  customerMetadata?: Record<string, unknown>;
  /** The request's own metadata, which `redemption.metadata` rules read. */
  redemptionMetadata?: Record<string, unknown>;
}

function check(ctx: Context, request: RedeemableRequest, order: CalculatedOrder, customer: Customer | undefined, options: CheckoutOptions): Outcome {
  const customerMetadata = options.customerMetadata ?? customer?.metadata;
  if (request.object === 'promotion_tier') {
    const checked = checkTier(ctx, request.id, order, (tier) => tierRulesRefusal(ctx, tier, customer, order, options), customerMetadata, options.orderMetadata, customer?.id);
    return 'error' in checked ? { status: 'INAPPLICABLE', request, ...checked } : { status: 'APPLICABLE', request, ...checked };
  }
  // A stack was read as its tiers (expandStacks): one left here is a stack the tenant does not have.
  if (request.object !== 'voucher') return { status: 'INAPPLICABLE', request, error: notFound(request.object, request.id) };
  const voucher = findVoucher(ctx, request.id);
  if (!voucher) return { status: 'INAPPLICABLE', request, error: notFound('voucher', request.id) };
  const held = heldByOthers(ctx, voucher, options.sessionKey);
  // A loyalty card's points held by other sessions are not there to pay with (the outcome still shows the card as stored).
  const spendable = withoutHeldPoints(voucher, held.points);
  const error =
    voucherRefusal(ctx, spendable, request, customer, order, held, options.customerNamed ?? customer !== undefined) ??
    rulesRefusal(ctx, voucher, customer, order, options, request);
  if (error) return { status: 'INAPPLICABLE', request, voucher, error };
  const applied = apply(ctx, spendable, request, startStep(order), held.credits, customerMetadata, options.orderMetadata, customer?.id);
  if (applied instanceof VoucherifyError) return { status: 'INAPPLICABLE', request, voucher, error: applied };
  return { status: 'APPLICABLE', request, voucher, ...applied };
}

/**
 * Checks the redeemables in the requested order; each that passes applies to what the ones before
 * it left. Voucherify's default application mode, ALL: the first redeemable that cannot be used
 * makes the request invalid, and those after it are not checked (SKIPPED,
 * preceding_validation_failed). An invalid request applies nothing to the order. What live
 * validation sessions hold is not available, except to the session the request names.
 */
export function checkout(ctx: Context, requested: RedeemableRequest[], start: CalculatedOrder, customer: Customer | undefined, options: CheckoutOptions = {}): Checkout {
  const redeemables: RedeemableRequest[] = requested.some((request) => request.object === 'promotion_stack') ? expandStacks(ctx, requested) : requested;
  let order = start;
  const outcomes: Outcome[] = [];
  let failed = false;
  for (const request of redeemables) {
    if (failed) {
      outcomes.push({ status: 'SKIPPED', request, details: PRECEDING_VALIDATION_FAILED });
      continue;
    }
    const outcome = check(ctx, request, order, customer, options);
    outcomes.push(outcome);
    if (outcome.status === 'APPLICABLE') order = outcome.order;
    else failed = true;
  }
  const referral = outcomes.find((outcome): outcome is Applied => outcome.status === 'APPLICABLE' && !!outcome.voucher?.is_referral_code && !!outcome.voucher.referrer_id);
  return { outcomes, start, order: failed ? start : withAppliedSince(start, order), valid: !failed, customer, referrer: failed ? undefined : referral?.voucher.referrer_id };
}
