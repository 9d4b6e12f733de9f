// The older promotion calls: POST /v1/promotions/validation (every tier that applies),
// POST /v1/promotions/tiers/{id}/validation and /redemption (one tier). They check and apply a tier
// as the stacked checkout does (domain/promotion-checkout.ts), and redeem through domain/redemptions.ts.

import { applicableLists } from '../../domain/applicable-to.js';
import { VoucherifyError } from '../../errors.js';
import { checkoutOrderView, requestCustomer, requestOrder, ruleInputs, trackingId, type RequestOrder } from '../../domain/checkout.js';
import { campaigns, promotionTiers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import type { CustomerInput } from '../../domain/customers.js';
import type { OrderRequest } from '../../domain/order-records.js';
import { startStep } from '../../domain/orders.js';
import { applyTier, tierRefusal } from '../../domain/promotion-checkout.js';
import { getPromotionTier } from '../../domain/promotions.js';
import type { Customer, PromotionTier } from '../../domain/records.js';
import { checkRequestMetadata } from '../../domain/metadata-schemas.js';
import { redeem } from '../../domain/redemptions.js';
import { tierRulesRefusal, type RuleInputs } from '../../domain/rules.js';
import type { HandlerResult } from '../../http/context.js';
import type { RequestBody } from '../../openapi/operation-types.js';

/** The tier's own fields as these answers show them, after the outcome's. */
function tierFields(ctx: Context, tier: PromotionTier) {
  const campaign = campaigns(ctx.tenant).get(tier.campaign_id);
  return {
    id: tier.id,
    ...(tier.name !== undefined ? { name: tier.name } : {}),
    ...(tier.banner !== undefined ? { banner: tier.banner } : {}),
    ...(tier.action?.discount ? { discount: tier.action.discount } : {}),
    campaign: {
      id: tier.campaign_id,
      start_date: campaign?.start_date ?? null,
      expiration_date: campaign?.expiration_date ?? null,
      active: campaign?.active ?? false,
      object: 'campaign' as const,
    },
    hierarchy: tier.hierarchy,
  };
}

/** Why the tier cannot be used for this order and customer: its state and dates, then its validation rules. */
function refusalOf(ctx: Context, tier: PromotionTier, subject: Subject) {
  const error = tierRefusal(ctx, tier) ?? tierRulesRefusal(ctx, tier, subject.customer, subject.order.calculated, subject.inputs);
  // Audience only: the rules on the order and the redemption are not held against the tier.
  return subject.audienceOnly && (error?.key === 'order_rules_violated' || error?.key === 'redemption_rules_violated') ? undefined : error;
}

/** One tier against the order: valid with the order after its discount, or not with Voucherify's reason and error. */
function tierValidation(ctx: Context, tier: PromotionTier, subject: Subject): Record<string, unknown> {
  const { order, customer, tracking } = subject;
  const orderMetadata = (order.request?.metadata ?? order.stored?.metadata) as Record<string, unknown> | undefined;
  const refused = refusalOf(ctx, tier, subject);
  const applied = refused ?? applyTier(ctx, tier, startStep(order.calculated), customer?.metadata, orderMetadata, customer?.id);
  if (applied instanceof VoucherifyError) {
    return { valid: false, reason: applied.message, error: applied.toBody(ctx.requestId), tracking_id: tracking, ...tierFields(ctx, tier), metadata: tier.metadata, object: 'promotion_tier' };
  }
  return {
    valid: true,
    ...applicableLists(ctx, tier.campaign_id, tier.id),
    tracking_id: tracking,
    order: checkoutOrderView(applied.order, order, customer),
    ...tierFields(ctx, tier),
    discount_amount: applied.amount,
    applied_discount_amount: applied.amount,
    metadata: tier.metadata,
    object: 'promotion_tier',
  };
}

type ValidationBody = RequestBody<'validate-promotions'>;

/** Who and what a tier validation is for, and what its validation rules read. */
interface Subject {
  customer: Customer | undefined;
  order: RequestOrder;
  tracking: string;
  inputs: RuleInputs;
  /** POST /v1/promotions/validation?audienceRulesOnly=true: only the rules on the customer count. */
  audienceOnly?: boolean;
}

function context(ctx: Context, body: ValidationBody): Subject {
  const request = body ?? {};
  checkRequestMetadata(ctx, request.metadata, request.order?.metadata);
  const named = request.customer ?? request.order?.customer;
  const customer = requestCustomer(ctx, named ?? (request.order?.customer_id ? { id: request.order.customer_id } : undefined));
  const order = requestOrder(ctx, request.order as OrderRequest | undefined);
  return { customer, order, tracking: trackingId(ctx, request.tracking_id, customer), inputs: ruleInputs(order, named, request.metadata) };
}

/**
 * POST /v1/promotions/validation: every tier that can be used now, for this customer and order
 * (its validation rules hold; with audienceRulesOnly, only those on the customer), each applied on
 * its own; by campaign, then hierarchy.
 */
export function validatePromotions(ctx: Context, body: ValidationBody, audienceRulesOnly = false) {
  const subject = { ...context(ctx, body), audienceOnly: audienceRulesOnly };
  const usable = promotionTiers(ctx.tenant)
    .all()
    .filter((tier) => !refusalOf(ctx, tier, subject))
    .sort((a, b) => (a.campaign_id === b.campaign_id ? a.hierarchy - b.hierarchy : a.campaign_id < b.campaign_id ? -1 : 1));
  const promotions = usable.map((tier) => tierValidation(ctx, tier, subject));
  return { valid: promotions.length > 0, tracking_id: subject.tracking, promotions };
}

/** POST /v1/promotions/tiers/{promotionTierId}/validation: an unknown tier is 404. */
export function validateTier(ctx: Context, id: string, body: RequestBody<'validate-promotion-tier'>) {
  const tier = getPromotionTier(ctx, id);
  return tierValidation(ctx, tier, context(ctx, body));
}

/** POST /v1/promotions/tiers/{promotionTierId}/redemption: a single (not stacked) redemption of the tier, on the API channel of the X-App-Id. */
export function redeemTier(ctx: Context, tenantId: string, id: string, body: RequestBody<'redeem-promotion'>): HandlerResult {
  const sent = body ?? {};
  const result = redeem(
    ctx,
    { channel_id: tenantId, channel_type: 'API' },
    {
      order: sent.order as OrderRequest | undefined,
      customer: sent.customer as CustomerInput | undefined,
      tracking_id: sent.tracking_id,
      metadata: sent.metadata,
      redeemables: [{ object: 'promotion_tier', id }],
    },
    false,
  );
  if (!result.ok) return { status: result.error.status, body: result.error.toBody(ctx.requestId) };
  return { status: 200, body: result.children[0] };
}
