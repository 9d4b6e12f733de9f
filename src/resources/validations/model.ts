// Validations: the answers of POST /v1/validations (stacked) and POST /v1/vouchers/{code}/validate
// (one voucher), built on the shared checks (domain/checkout.ts). A validation writes only the holds of a session it is sent with
// and its trace (domain/validation-log.ts): the campaign summary's counters and the customer's activity.

import {
  STACKING_RULES,
  assertDistinct,
  checkout,
  checkoutOrderView,
  requestCustomer,
  requestOrder,
  ruleInputs,
  trackingId,
  type Outcome,
  type RequestOrder,
} from '../../domain/checkout.js';
import { applicableLists } from '../../domain/applicable-to.js';
import type { Context } from '../../domain/context.js';
import type { Customer, Voucher } from '../../domain/records.js';
import { getVoucher } from '../../domain/lookups.js';
import { checkRequestMetadata } from '../../domain/metadata-schemas.js';
import { hold, release, sessionOf, type Session } from '../../domain/sessions.js';
import { recordValidation } from '../../domain/validation-log.js';
import type { RequestBody } from '../../openapi/operation-types.js';

/** The products, SKUs and collections the redeemable's rules apply its discount to (and exclude). */
const listsOf = (ctx: Context, outcome: Outcome) =>
  outcome.voucher ? applicableLists(ctx, outcome.voucher.campaign_id, outcome.voucher.id) : applicableLists(ctx, outcome.tier?.campaign_id, outcome.tier?.id ?? outcome.request.id);

/** A valid request sent with a session holds what it validated (domain/sessions.ts). */
function holdAll(ctx: Context, session: Session | undefined, outcomes: Outcome[]): void {
  if (!session) return;
  for (const outcome of outcomes) if (outcome.status === 'APPLICABLE' && outcome.voucher) hold(ctx, session, outcome.voucher, outcome.credits ?? 0, outcome.points ?? 0);
}

/** One redeemable of a stacked answer, in Voucherify's shape for its status. */
function redeemableView(ctx: Context, outcome: Outcome, order: RequestOrder, customer: Customer | undefined, requestId: string, referrer: string | undefined): Record<string, unknown> {
  const { request } = outcome;
  const base = { status: outcome.status, id: request.id, object: request.object };
  const about = outcome.voucher
    ? { metadata: outcome.voucher.metadata, categories: outcome.voucher.categories ?? [] }
    : outcome.tier
      ? { metadata: outcome.tier.metadata, categories: [], campaign_id: outcome.tier.campaign_id }
      : {};
  switch (outcome.status) {
    case 'APPLICABLE':
      return {
        ...base,
        order: checkoutOrderView(outcome.order, order, customer, referrer),
        ...listsOf(ctx, outcome),
        result: outcome.result,
        ...about,
      };
    case 'INAPPLICABLE':
      return { ...base, result: { error: outcome.error.toBody(requestId), details: { key: outcome.error.key, message: outcome.error.message } }, ...about };
    case 'SKIPPED':
      return { ...base, result: { details: outcome.details }, ...about };
  }
}

/** POST /v1/validations. */
export function validateStack(ctx: Context, body: RequestBody<'validate-stacked-discounts'>) {
  assertDistinct(body.redeemables);
  checkRequestMetadata(ctx, body.metadata, body.order?.metadata);
  const named = body.customer ?? body.order?.customer;
  const customer = requestCustomer(ctx, named ?? (body.order?.customer_id ? { id: body.order.customer_id } : undefined));
  const order = requestOrder(ctx, body.order);
  const result = checkout(ctx, body.redeemables, order.calculated, customer, {
    sessionKey: body.session?.key,
    customerNamed: named !== undefined || body.order?.customer_id != null,
    ...ruleInputs(order, named, body.metadata),
  });
  const views = result.outcomes.map((outcome) => redeemableView(ctx, outcome, order, customer, ctx.requestId, result.referrer));
  const inapplicable = views.filter((view) => view.status === 'INAPPLICABLE');
  const skipped = views.filter((view) => view.status === 'SKIPPED');
  const session = result.valid ? sessionOf(ctx, body.session) : undefined;
  holdAll(ctx, session, result.outcomes);
  const id = ctx.ids.validation();
  recordValidation(ctx, { outcomes: result.outcomes, valid: result.valid, customer, id, sessionKey: session?.key });
  return {
    id,
    valid: result.valid,
    redeemables: views,
    ...(inapplicable.length > 0 ? { inapplicable_redeemables: inapplicable } : {}),
    ...(skipped.length > 0 ? { skipped_redeemables: skipped } : {}),
    ...(result.valid ? { order: checkoutOrderView(result.order, order, customer, result.referrer) } : {}),
    tracking_id: trackingId(ctx, body.tracking_id, customer),
    ...(session ? { session } : {}),
    stacking_rules: STACKING_RULES,
  };
}

/** The refusals POST /v1/vouchers/{code}/validate answers 400, as Voucherify does, rather than 200 with valid false. */
const ANSWERED_AS_ERRORS = new Set(['missing_order_items_amount', 'missing_reward']);

/**
 * POST /v1/vouchers/{code}/validate: valid, or not with the reason and the error (an unknown code
 * too, its error 404), 200; a request without an order amount to pay or a reward: 400. The answer names the voucher's discount, or a gift card's
 * credits and balance.
 */
export function validateVoucher(ctx: Context, code: string, body: RequestBody<'validate-voucher'>) {
  const request = body ?? {};
  checkRequestMetadata(ctx, request.metadata, request.order?.metadata);
  const named = request.customer ?? request.order?.customer;
  const customer = requestCustomer(ctx, named ?? (request.order?.customer_id ? { id: request.order.customer_id } : undefined));
  const order = requestOrder(ctx, request.order);
  const redeemable = { object: 'voucher' as const, id: code, gift: request.gift, reward: request.reward };
  const options = { sessionKey: request.session?.key, customerNamed: named !== undefined || request.order?.customer_id != null, ...ruleInputs(order, named, request.metadata) };
  const result = checkout(ctx, [redeemable], order.calculated, customer, options);
  const [outcome] = result.outcomes;
  const tracking = trackingId(ctx, request.tracking_id, customer);
  if (outcome.status !== 'APPLICABLE') {
    const error = outcome.status === 'INAPPLICABLE' ? outcome.error : undefined;
    // A request that lacks what the voucher needs is a bad request here, not an invalid voucher.
    if (error && ANSWERED_AS_ERRORS.has(error.key)) throw error;
    recordValidation(ctx, { outcomes: result.outcomes, valid: false, customer });
    return {
      valid: false,
      reason: error?.message ?? outcome.status,
      ...(error ? { error: error.toBody(ctx.requestId) } : {}),
      tracking_id: tracking,
      code,
      metadata: outcome.voucher?.metadata ?? {},
    };
  }
  // The one redeemable is a voucher: its outcome names it.
  const voucher = outcome.voucher as Voucher;
  const session = sessionOf(ctx, request.session);
  holdAll(ctx, session, [outcome]);
  recordValidation(ctx, { outcomes: result.outcomes, valid: true, customer, sessionKey: session?.key });
  return {
    valid: true,
    ...applicableLists(ctx, voucher.campaign_id, voucher.id),
    tracking_id: tracking,
    ...(session ? { session } : {}),
    order: checkoutOrderView(outcome.order, order, customer, result.referrer),
    code: voucher.code,
    ...(voucher.discount ? { discount: voucher.discount } : {}),
    ...(voucher.gift ? { gift: voucher.gift } : {}),
    ...(outcome.payment ? { loyalty: { points_cost: outcome.payment.points }, reward: { id: outcome.payment.reward.id, assignment_id: outcome.payment.assignment.id, points: outcome.payment.points } } : {}),
    metadata: voucher.metadata,
    campaign: voucher.campaign,
    campaign_id: voucher.campaign_id,
  };
}

/** DELETE /v1/vouchers/{code}/sessions/{sessionKey}. */
export function releaseSession(ctx: Context, code: string, key: string): void {
  release(ctx, getVoucher(ctx, code), key);
}
