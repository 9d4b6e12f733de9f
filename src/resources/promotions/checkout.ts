// The older promotion calls: POST /v1/promotions/validation (every tier that applies),
// POST /v1/promotions/tiers/{id}/validation and /redemption (one tier). They check and apply a tier
// as the stacked checkout does (domain/promotion-checkout.ts), and redeem through domain/redemptions.ts.

import { applicableLists } from '../../domain/applicable-to.js';
import { VoucherifyError } from '../../errors.js';
import { checkoutOrderView, requestCustomer, requestOrder, trackingId, type RequestOrder } from '../../domain/checkout.js';
import { campaigns, promotionTiers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import type { CustomerInput } from '../../domain/customers.js';
import type { OrderRequest } from '../../domain/order-records.js';
import { startStep } from '../../domain/orders.js';
import { applyTier, tierRefusal } from '../../domain/promotion-checkout.js';
import { getPromotionTier } from '../../domain/promotions.js';
import type { Customer, PromotionTier } from '../../domain/records.js';
import { redeem } from '../../domain/redemptions.js';
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

/** One tier against the order: valid with the order after its discount, or not with Voucherify's reason and error. */
function tierValidation(ctx: Context, tier: PromotionTier, order: RequestOrder, customer: Customer | undefined, tracking: string): Record<string, unknown> {
  const orderMetadata = (order.request?.metadata ?? order.stored?.metadata) as Record<string, unknown> | undefined;
  const refused = tierRefusal(ctx, tier);
  const applied = refused ?? applyTier(ctx, tier, startStep(order.calculated), customer?.metadata, orderMetadata);
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

function context(ctx: Context, body: ValidationBody) {
  const request = body ?? {};
  const named = request.customer ?? request.order?.customer;
  const customer = requestCustomer(ctx, named ?? (request.order?.customer_id ? { id: request.order.customer_id } : undefined));
  const order = requestOrder(ctx, request.order as OrderRequest | undefined);
  return { customer, order, tracking: trackingId(ctx, request.tracking_id, customer) };
}

/** POST /v1/promotions/validation: every tier that can be used now, each applied on its own; by campaign, then hierarchy. */
export function validatePromotions(ctx: Context, body: ValidationBody) {
  const { customer, order, tracking } = context(ctx, body);
  const usable = promotionTiers(ctx.tenant)
    .all()
    .filter((tier) => !tierRefusal(ctx, tier))
    .sort((a, b) => (a.campaign_id === b.campaign_id ? a.hierarchy - b.hierarchy : a.campaign_id < b.campaign_id ? -1 : 1));
  const promotions = usable.map((tier) => tierValidation(ctx, tier, order, customer, tracking));
  return { valid: promotions.length > 0, tracking_id: tracking, promotions };
}

/** POST /v1/promotions/tiers/{promotionTierId}/validation: an unknown tier is 404. */
export function validateTier(ctx: Context, id: string, body: RequestBody<'validate-promotion-tier'>) {
  const tier = getPromotionTier(ctx, id);
  const { customer, order, tracking } = context(ctx, body);
  return tierValidation(ctx, tier, order, customer, tracking);
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
