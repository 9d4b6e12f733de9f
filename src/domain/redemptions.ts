// Redemptions and rollbacks: the checkout's writes. A redemption checks its redeemables as a
// validation does (domain/checkout.ts), then keeps what they took: the voucher's redeemed
// quantity and gift balance, the order (PAID, with its discounts and a link to the redemption),
// the customer's counters, and a record of each redemption (r_…). One that cannot be used is
// recorded too (rf_…) and answered with its error. A rollback (rr_…) gives it all back.

import { VoucherifyError, notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { checkout, requestCustomer, ruleInputs, requestOrder, trackingId, assertDistinct, checkoutOrderView, type Applied, type AppliedTier, type Checkout, type RedeemableRequest } from './checkout.js';
import { countTierRedemption, findPromotionTier, promotionTierView, uncountTierRedemption } from './promotions.js';
import { orders, redemptions, vouchers } from './collections.js';
import { applicableLists, recordBudgetUses } from './applicable-to.js';
import type { Context } from './context.js';
import { redemptionCustomer } from './customer-view.js';
import { emitRedemptionEvents, emitRollbackEvents } from './events.js';
import { countOnCustomer, upsertCustomer, type CustomerInput } from './customers.js';
import { checkRequestMetadata } from './metadata-schemas.js';
import { findCustomer, findOrder, getCustomer } from './lookups.js';
import { cancelOrder, settleOrder, type OrderRequest } from './order-records.js';
import { orderView, type CalculatedOrder } from './orders.js';
import type { Customer, Metadata, Order, OrderRedemptionEntry, RedemptionChannel, RedemptionRecord, SimpleCustomer, Voucher } from './records.js';
import { convertOnRedemption } from './referral-conversions.js';
import { consume, type SessionRequest } from './sessions.js';
import { payWithCard, refundPoints, rollbackRewardRedemption } from './rewards.js';
import { recordTransaction } from './transactions.js';

/** What a redemption request sends (POST /v1/redemptions, POST /v1/vouchers/{code}/redemption). */
export interface RedeemRequest {
  redeemables: RedeemableRequest[];
  order?: OrderRequest;
  customer?: CustomerInput;
  session?: SessionRequest;
  tracking_id?: string;
  metadata?: Metadata | null;
}

export type Redeemed =
  | { ok: true; parent?: RedemptionRecord; children: RedemptionRecord[]; order: Record<string, unknown>; checkout: Checkout }
  | { ok: false; error: VoucherifyError; failed: RedemptionRecord };

/** What a rollback request sends: the query's reason and tracking_id, and the body. */
export interface RollbackRequest {
  reason?: string;
  tracking_id?: string;
  customer?: CustomerInput;
  order?: OrderRequest;
  metadata?: Metadata | null;
}

export type RolledBack =
  | { ok: true; parent?: RedemptionRecord; rollbacks: RedemptionRecord[]; order: Record<string, unknown> | null }
  | { ok: false; error: VoucherifyError; failed: RedemptionRecord };

/** The voucher as a redemption shows it: as it is after the redemption, with its product lists. */
const voucherSnapshot = (ctx: Context, voucher: Voucher): Record<string, unknown> => ({ ...voucher, ...applicableLists(ctx, voucher.campaign_id, voucher.id) });

/** An order as a redemption or rollback shows it: the stored order's identity, amounts and links. */
function orderSnapshot(calculated: CalculatedOrder, stored: Order, customer: Customer | undefined): Record<string, unknown> {
  return { ...checkoutOrderView(calculated, { stored, request: undefined, calculated }, customer), redemptions: stored.redemptions ?? {} };
}

/**
 * A stacked child's order, as Voucherify shows it: the order's id and metadata with the totals after
 * this redeemable (the parent's order has the items, the people and the links).
 */
function childOrder(calculated: CalculatedOrder, stored: Order): Record<string, unknown> {
  const { items: _items, ...totals } = orderView(calculated);
  return { id: stored.id, source_id: stored.source_id, ...totals, metadata: stored.metadata, object: 'order' };
}

/** The customer a redemption is for: upserted from the customer sent (a redemption, unlike a validation, writes them). */
function redeemingCustomer(ctx: Context, request: RedeemRequest): Customer | undefined {
  const sent = request.customer ?? request.order?.customer;
  if (!sent) {
    const id = request.order?.customer_id;
    return id === undefined || id === null ? undefined : getCustomer(ctx, id);
  }
  const { id, source_id } = sent;
  const known = id !== undefined || source_id != null ? requestCustomer(ctx, { id, source_id }) : undefined;
  if (id !== undefined && !known) throw notFound('customer', id);
  return upsertCustomer(ctx, sent);
}

/** A voucher after it was redeemed: one more redemption, and a gift card's credits spent. */
function spend(ctx: Context, voucher: Voucher, credits: number | undefined, date: string): Voucher {
  const current = vouchers(ctx.tenant).get(voucher.id) ?? voucher;
  const redemption = { ...current.redemption, redeemed_quantity: current.redemption.redeemed_quantity + 1 };
  let gift = current.gift;
  if (current.type === 'GIFT_VOUCHER' && gift) {
    const spent = credits ?? 0;
    redemption.redeemed_amount = (current.redemption.redeemed_amount ?? 0) + spent;
    gift = { ...gift, balance: gift.balance - spent };
  }
  return vouchers(ctx.tenant).put({ ...current, gift, redemption, updated_at: date });
}

/** A voucher after a redemption of it was rolled back: the redemption and the credits given back. */
function giveBack(ctx: Context, voucherId: string, credits: number | undefined): Voucher | undefined {
  const current = vouchers(ctx.tenant).get(voucherId);
  if (!current) return undefined;
  const redemption = { ...current.redemption, redeemed_quantity: Math.max(0, current.redemption.redeemed_quantity - 1) };
  let gift = current.gift;
  if (current.type === 'GIFT_VOUCHER' && gift && credits) {
    redemption.redeemed_amount = Math.max(0, (current.redemption.redeemed_amount ?? 0) - credits);
    gift = { ...gift, balance: gift.balance + credits };
  }
  return vouchers(ctx.tenant).put({ ...current, gift, redemption, updated_at: timestamp(ctx.clock) });
}

/** What an order's redemption entry links to: the voucher (and its campaign), or the promotion tier (and its campaign). */
function relatedObject(outcome: Applied | AppliedTier): Pick<OrderRedemptionEntry, 'related_object_type' | 'related_object_id' | 'related_object_parent_id'> {
  if (outcome.tier) return { related_object_type: 'promotion_tier', related_object_id: outcome.tier.id, related_object_parent_id: outcome.tier.campaign_id };
  const { voucher } = outcome;
  return { related_object_type: 'voucher', related_object_id: voucher.id, ...(voucher.campaign_id ? { related_object_parent_id: voucher.campaign_id } : {}) };
}

/** A promotion tier's redemption: counted on the tier's summary, and recorded with the tier as it is after it. */
function tierRedemption(
  ctx: Context,
  outcome: AppliedTier,
  id: string,
  parentId: string | undefined,
  head: Pick<RedemptionRecord, 'object' | 'date' | 'customer_id' | 'tracking_id' | 'metadata' | 'order'>,
  channel: RedemptionChannel,
  customer: SimpleCustomer | null,
  sessionKey: string | undefined,
): RedemptionRecord {
  countTierRedemption(ctx, outcome.tier.id, outcome.order.amount, outcome.amount);
  const tier = findPromotionTier(ctx, outcome.tier.id) ?? outcome.tier;
  return {
    id,
    ...head,
    redemption: parentId ?? null,
    result: 'SUCCESS',
    status: 'SUCCEEDED',
    ...(sessionKey !== undefined ? { session: { key: sessionKey } } : {}),
    channel,
    customer,
    related_object_type: 'promotion_tier',
    related_object_id: tier.id,
    voucher: null,
    promotion_tier: promotionTierView(ctx, tier),
  };
}

/** The error a failed redemption is answered with: the check's, naming the failure record. */
const failedWith = (error: VoucherifyError, record: RedemptionRecord, type: string) =>
  new VoucherifyError(error.status, error.key, error.message, { details: error.details, resourceId: record.id, resourceType: type });

/**
 * Redeems the request's redeemables. Stacked (POST /v1/redemptions): a parent redemption with one
 * child per redeemable; the order's entry lists the children. Single (POST
 * /v1/vouchers/{code}/redemption): one redemption of its own. The first redeemable that cannot be
 * used fails the whole request (Voucherify's ALL mode): nothing is redeemed, and one failed
 * redemption is recorded (for a stack, its parent), named in the error.
 */
export function redeem(ctx: Context, channel: RedemptionChannel, request: RedeemRequest, stacked: boolean): Redeemed {
  assertDistinct(request.redeemables);
  checkRequestMetadata(ctx, request.metadata, request.order?.metadata);
  const customer = redeemingCustomer(ctx, request);
  const order = requestOrder(ctx, request.order);
  const sessionKey = request.session?.key;
  const result = checkout(ctx, request.redeemables, order.calculated, customer, { sessionKey, ...ruleInputs(order, undefined, request.metadata) });
  const date = timestamp(ctx.clock);
  const tracking = trackingId(ctx, request.tracking_id, customer);
  const common = {
    object: 'redemption' as const,
    date,
    customer_id: customer?.id ?? null,
    tracking_id: tracking,
    metadata: request.metadata ?? null,
  };

  if (!result.valid) {
    const refused = result.outcomes.find((outcome) => outcome.status === 'INAPPLICABLE');
    if (!refused || refused.status !== 'INAPPLICABLE') throw new Error('an invalid checkout has an inapplicable redeemable');
    const id = ctx.ids.redemption('rf');
    const failed: RedemptionRecord = {
      id,
      ...common,
      redemption: null,
      result: 'FAILURE',
      status: 'FAILED',
      failure_code: refused.error.key,
      failure_message: refused.error.message,
      order: null,
      channel,
      customer: redemptionCustomer(customer),
      related_object_type: stacked ? 'redemption' : refused.request.object === 'voucher' ? 'voucher' : 'promotion_tier',
      related_object_id: stacked ? id : (refused.voucher?.id ?? refused.request.id),
      voucher: stacked || !refused.voucher ? null : voucherSnapshot(ctx, refused.voucher),
      ...(!stacked && refused.tier ? { promotion_tier: promotionTierView(ctx, refused.tier) } : {}),
    };
    redemptions(ctx.tenant).put(failed);
    if (customer) countOnCustomer(ctx, customer.id, { failed: 1 });
    emitRedemptionEvents(ctx, [failed]);
    return { ok: false, error: failedWith(refused.error, failed, 'redemption'), failed };
  }

  const applied = result.outcomes as (Applied | AppliedTier)[];
  const parentId = stacked ? ctx.ids.redemption('r') : undefined;
  const childIds = applied.map(() => ctx.ids.redemption('r'));
  const entry: [string, OrderRedemptionEntry] = parentId
    ? [parentId, { date, related_object_type: 'redemption', related_object_id: parentId, stacked: childIds }]
    : [childIds[0], { date, ...relatedObject(applied[0]) }];
  // The customer sent with the order is the one upserted above: the order links to them, not to a second upsert.
  let orderRequest = request.order?.customer && !request.customer && customer ? { ...request.order, customer: undefined, customer_id: customer.id } : request.order;
  // A referral code's referrer is the order's referrer unless the order names one.
  if (result.referrer && !orderRequest?.referrer && !orderRequest?.referrer_id) orderRequest = { ...orderRequest, referrer_id: result.referrer };
  const settled = settleOrder(ctx, orderRequest, customer?.id, result.order, entry[0], entry[1]);
  const link = { id: settled.id, source_id: settled.source_id };

  const children = applied.map((outcome, i): RedemptionRecord => {
    const id = childIds[i];
    if (outcome.tier) {
      const record = { ...common, order: parentId ? childOrder(outcome.order, settled) : orderSnapshot(outcome.order, settled, customer) };
      recordBudgetUses(ctx, id, customer?.id ?? null, outcome.budgetUses);
      return redemptions(ctx.tenant).put(tierRedemption(ctx, outcome, id, parentId, record, channel, redemptionCustomer(customer), sessionKey));
    }
    // A loyalty card pays with points for a reward (domain/rewards.ts), which is given now.
    const paid = outcome.payment ? payWithCard(ctx, outcome.voucher, outcome.payment, id, link, customer?.id) : undefined;
    const voucher = paid ? paid.card : spend(ctx, outcome.voucher, outcome.credits, date);
    if (outcome.credits !== undefined && voucher.gift) {
      recordTransaction(ctx, voucher, { type: 'CREDITS_REDEMPTION', change: -outcome.credits, order: link, redemption: { id } });
    }
    if (sessionKey !== undefined) consume(ctx, sessionKey, voucher);
    const record: RedemptionRecord = {
      id,
      ...common,
      ...(outcome.credits !== undefined ? { amount: outcome.credits } : {}),
      ...(outcome.points !== undefined ? { amount: outcome.points } : {}),
      redemption: parentId ?? null,
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      ...(sessionKey !== undefined ? { session: { key: sessionKey } } : {}),
      order: parentId ? childOrder(outcome.order, settled) : orderSnapshot(outcome.order, settled, customer),
      channel,
      customer: redemptionCustomer(customer),
      related_object_type: 'voucher',
      related_object_id: voucher.id,
      voucher: voucherSnapshot(ctx, voucher),
      ...(outcome.credits !== undefined ? { gift: { amount: outcome.credits } } : {}),
      ...(paid && outcome.points !== undefined ? { reward: paid.reward, loyalty_card: { points: outcome.points } } : {}),
    };
    recordBudgetUses(ctx, id, customer?.id ?? null, outcome.budgetUses);
    return redemptions(ctx.tenant).put(record);
  });

  // The parent shows the order as the answer does: one view for both.
  const shownOrder = orderSnapshot(result.order, settled, customer);
  let parent: RedemptionRecord | undefined;
  if (parentId) {
    parent = redemptions(ctx.tenant).put({
      id: parentId,
      ...common,
      redemption: null,
      result: 'SUCCESS',
      status: 'SUCCEEDED',
      ...(sessionKey !== undefined ? { session: { key: sessionKey } } : {}),
      order: shownOrder,
      channel,
      customer: redemptionCustomer(customer),
      related_object_type: 'redemption',
      related_object_id: parentId,
      voucher: null,
    });
  }
  const paidBy = customer?.id ?? settled.customer_id ?? undefined;
  if (paidBy) {
    const gift = children.reduce((sum, child) => sum + (child.gift?.amount ?? 0), 0);
    const points = children.reduce((sum, child) => sum + (child.loyalty_card?.points ?? 0), 0);
    countOnCustomer(ctx, paidBy, { succeeded: children.length, giftRedeemed: gift, pointsRedeemed: points, order: { total: result.order.total_amount, date } });
  }
  emitRedemptionEvents(ctx, children, parent);
  // Only a referral code that applied can convert: nothing to look at otherwise.
  if (result.referrer) convertOnRedemption(ctx, customer?.id, children);
  return { ok: true, parent, children, order: shownOrder, checkout: result };
}

/** Voucherify's rollback refusals. */
export const ROLLBACK_REFUSALS = {
  stacked: () =>
    new VoucherifyError(400, 'invalid_redemption', 'Invalid redemption', {
      details: 'You can rollback only a single redemption. Use different endpoint for stacked redemption.',
    }),
  notStacked: () =>
    new VoucherifyError(400, 'invalid_redemption', 'Invalid redemption', {
      details: 'You can rollback only a stacked redemption. Use different endpoint for single redemption.',
    }),
  child: () =>
    new VoucherifyError(400, 'invalid_redemption_parent', 'Invalid redemption parent', {
      details: 'You can rollback only a redemption that does not have parent redemption.',
    }),
  failed: () =>
    new VoucherifyError(400, 'invalid_redemption', 'Invalid redemption', { details: 'You can rollback only a successful redemption.' }),
  alreadyRolledBack: () => new VoucherifyError(400, 'already_rolled_back', 'Already rolled back', { details: 'Redemption has been already rolled back.' }),
  customer: () => new VoucherifyError(400, 'invalid_customer', 'Invalid customer', { details: 'Customer is not related with redemption.' }),
  order: () => new VoucherifyError(400, 'invalid_order', 'Invalid order', { details: 'Order is not related with redemption.' }),
};

/** A redemption (not a rollback) by id; 404 otherwise. */
export function getRedemption(ctx: Context, id: string): RedemptionRecord {
  const record = redemptions(ctx.tenant).get(id);
  if (!record || record.object !== 'redemption') throw notFound('redemption', id);
  return record;
}

/** The customer and order a rollback request names must be the redemption's own. */
function assertRelated(ctx: Context, record: RedemptionRecord, request: RollbackRequest): void {
  const customer = request.customer;
  if (customer && (customer.id !== undefined || customer.source_id != null)) {
    const found = requestCustomer(ctx, customer);
    if (!found) throw notFound('customer', customer.id ?? customer.source_id ?? '');
    if (found.id !== record.customer_id) throw ROLLBACK_REFUSALS.customer();
  }
  const order = request.order;
  if (order && (order.id !== undefined || (order.source_id !== undefined && order.source_id !== null))) {
    const found = findOrder(ctx, order.id ?? order.source_id ?? '');
    if (!found || found.id !== record.order?.id) throw ROLLBACK_REFUSALS.order();
  }
}

/** The fields every rollback record starts with, in Voucherify's order: who, why, and what it rolls back. */
function rollbackHead(id: string, date: string, record: RedemptionRecord, request: RollbackRequest, amount?: number) {
  return {
    id,
    object: 'redemption_rollback' as const,
    date,
    customer_id: record.customer_id,
    tracking_id: request.tracking_id ?? record.tracking_id,
    metadata: request.metadata ?? null,
    ...(amount ? { amount } : {}),
    redemption: record.id,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
  };
}

/** A rollback that was refused because the redemption was already rolled back: recorded (rrf_…) as Voucherify does. */
function refusedRollback(ctx: Context, channel: RedemptionChannel, record: RedemptionRecord, request: RollbackRequest): RolledBack {
  const error = ROLLBACK_REFUSALS.alreadyRolledBack();
  const failed = redemptions(ctx.tenant).put({
    ...rollbackHead(ctx.ids.redemption('rrf'), timestamp(ctx.clock), record, request),
    result: 'FAILURE',
    status: 'FAILED',
    failure_code: error.key,
    failure_message: error.message,
    order: null,
    channel,
    customer: record.customer,
    related_object_type: record.related_object_type,
    related_object_id: record.related_object_id,
  });
  if (record.customer_id) countOnCustomer(ctx, record.customer_id, { rollbackFailed: 1 });
  emitRollbackEvents(ctx, [failed]);
  return { ok: false, error: failedWith(error, failed, 'redemption_rollback'), failed };
}

/** Marks a redemption rolled back by `rollbackId`. */
function markRolledBack(ctx: Context, record: RedemptionRecord, rollbackId: string, date: string): void {
  const rollbacks = [...(record.related_redemptions?.rollbacks ?? []), { id: rollbackId, date }];
  redemptions(ctx.tenant).put({ ...record, status: 'ROLLED_BACK', related_redemptions: { ...record.related_redemptions, rollbacks } });
}

/** Gives back what one voucher redemption took and records its rollback; the order is cancelled by the caller. */
function rollbackOne(ctx: Context, channel: RedemptionChannel, record: RedemptionRecord, request: RollbackRequest, id: string, date: string, order: () => Record<string, unknown> | null) {
  const credits = record.gift?.amount;
  const points = record.loyalty_card?.points;
  const tierRedemption = record.related_object_type === 'promotion_tier';
  if (tierRedemption) uncountTierRedemption(ctx, record.related_object_id);
  let voucher = tierRedemption ? undefined : giveBack(ctx, record.related_object_id, credits);
  const orderLink = record.order ? { id: String(record.order.id), source_id: (record.order.source_id as string | null) ?? null } : undefined;
  if (voucher?.gift && credits) {
    recordTransaction(ctx, voucher, { type: 'CREDITS_REFUND', change: credits, order: orderLink, redemption: { id: record.id }, rollback: { id } });
  }
  if (voucher && points) voucher = refundPoints(ctx, voucher.id, points, record.id, id, orderLink);
  if (record.reward) rollbackRewardRedemption(ctx, { id: record.id, reward: record.reward }, id, date);
  markRolledBack(ctx, record, id, date);
  return {
    ...rollbackHead(id, date, record, request, credits ? -credits : points ? -points : undefined),
    result: 'SUCCESS' as const,
    status: 'SUCCEEDED' as const,
    order: order(),
    channel,
    customer: record.customer,
    related_object_type: record.related_object_type,
    related_object_id: record.related_object_id,
    voucher: voucher ? voucherSnapshot(ctx, voucher) : null,
    ...(credits ? { gift: { amount: -credits } } : {}),
    ...(record.reward ? { reward: record.reward } : {}),
    ...(points ? { loyalty_card: { points: -points } } : {}),
    ...(tierRedemption ? { promotion_tier: rolledBackTier(ctx, record) } : {}),
  };
}

/** The tier a tier redemption's rollback shows, as it is now (as the redemption showed it when it is gone). */
function rolledBackTier(ctx: Context, record: RedemptionRecord): Record<string, unknown> | undefined {
  const tier = findPromotionTier(ctx, record.related_object_id);
  return tier ? (promotionTierView(ctx, tier) as unknown as Record<string, unknown>) : record.promotion_tier;
}

/** The order of a redemption as a rollback leaves it: CANCELED, without the discounts. */
function cancelled(ctx: Context, record: RedemptionRecord, marks: Partial<OrderRedemptionEntry>, entryId: string) {
  const stored = record.order ? orders(ctx.tenant).get(String(record.order.id)) : undefined;
  if (!stored) return { view: () => record.order, order: undefined };
  const order = cancelOrder(ctx, stored, entryId, marks);
  const customer = order.customer_id ? findCustomer(ctx, order.customer_id) : undefined;
  const view = orderSnapshot(calculatedOf(order), order, customer);
  return { view: () => view, order };
}

/** A stored order's amounts, read back as a calculated order (nothing applied by this request). */
function calculatedOf(order: Order): CalculatedOrder {
  const items = (order.items ?? []).map((item) => {
    const amount = item.amount ?? 0;
    const discount = item.discount_amount ?? 0;
    return { ...item, amount, discount_amount: discount, applied_discount_amount: 0, subtotal_amount: item.subtotal_amount ?? amount - discount };
  });
  const discount = order.discount_amount ?? 0;
  const itemsDiscount = order.items_discount_amount ?? 0;
  return {
    amount: order.amount,
    discount_amount: discount,
    items_discount_amount: itemsDiscount,
    total_discount_amount: discount + itemsDiscount,
    total_amount: order.total_amount,
    applied_discount_amount: 0,
    items_applied_discount_amount: 0,
    total_applied_discount_amount: 0,
    items,
  };
}

/** POST /v1/redemptions/{id}/rollback: one redemption of its own (not a stack's parent, nor a child). */
export function rollbackRedemption(ctx: Context, channel: RedemptionChannel, id: string, request: RollbackRequest): RolledBack {
  const record = getRedemption(ctx, id);
  if (record.related_object_type === 'redemption') throw ROLLBACK_REFUSALS.stacked();
  if (record.redemption) throw ROLLBACK_REFUSALS.child();
  if (record.result !== 'SUCCESS') throw ROLLBACK_REFUSALS.failed();
  assertRelated(ctx, record, request);
  if (record.status === 'ROLLED_BACK') return refusedRollback(ctx, channel, record, request);
  const rollbackId = ctx.ids.redemption('rr');
  const date = timestamp(ctx.clock);
  const { view } = cancelled(ctx, record, { rollback_id: rollbackId, rollback_date: date }, record.id);
  const rollback = redemptions(ctx.tenant).put(rollbackOne(ctx, channel, record, request, rollbackId, date, view));
  if (record.customer_id) countOnCustomer(ctx, record.customer_id, { rolledBack: 1, giftRedeemed: -(record.gift?.amount ?? 0), pointsRedeemed: -(record.loyalty_card?.points ?? 0) });
  emitRollbackEvents(ctx, [rollback]);
  return { ok: true, rollbacks: [rollback], order: rollback.order };
}

/** POST /v1/redemptions/{parentId}/rollbacks: a stack's parent and all its children. */
export function rollbackStack(ctx: Context, channel: RedemptionChannel, parentId: string, request: RollbackRequest): RolledBack {
  const parent = getRedemption(ctx, parentId);
  if (parent.related_object_type !== 'redemption') throw parent.redemption ? ROLLBACK_REFUSALS.child() : ROLLBACK_REFUSALS.notStacked();
  if (parent.result !== 'SUCCESS') throw ROLLBACK_REFUSALS.failed();
  assertRelated(ctx, parent, request);
  if (parent.status === 'ROLLED_BACK') return refusedRollback(ctx, channel, parent, request);
  const date = timestamp(ctx.clock);
  const parentRollbackId = ctx.ids.redemption('rr');
  const children = redemptions(ctx.tenant)
    .groupOf('redemption', parent.id)
    .filter((record) => record.object === 'redemption' && record.status === 'SUCCEEDED');
  const childRollbackIds = children.map(() => ctx.ids.redemption('rr'));
  const { view } = cancelled(ctx, parent, { rollback_id: parentRollbackId, rollback_date: date, rollback_stacked: childRollbackIds }, parent.id);
  const rollbacks = children.map((child, i) => redemptions(ctx.tenant).put(rollbackOne(ctx, channel, child, request, childRollbackIds[i], date, view)));
  markRolledBack(ctx, parent, parentRollbackId, date);
  const parentRollback = redemptions(ctx.tenant).put({
    ...rollbackHead(parentRollbackId, date, parent, request),
    result: 'SUCCESS',
    status: 'SUCCEEDED',
    order: view(),
    channel,
    customer: parent.customer,
    related_object_type: 'redemption',
    related_object_id: parentRollbackId,
    voucher: null,
  });
  if (parent.customer_id) {
    const gift = children.reduce((sum, child) => sum + (child.gift?.amount ?? 0), 0);
    const points = children.reduce((sum, child) => sum + (child.loyalty_card?.points ?? 0), 0);
    countOnCustomer(ctx, parent.customer_id, { rolledBack: children.length, giftRedeemed: -gift, pointsRedeemed: -points });
  }
  emitRollbackEvents(ctx, rollbacks, parentRollback);
  return { ok: true, parent: parentRollback, rollbacks, order: view() };
}
