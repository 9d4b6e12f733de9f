// Buying a reward with a loyalty card (POST /v1/loyalties/…/members/{memberId}/redemption): the
// card pays the reward's price in points (a COIN reward pays for the order), the member gets the
// reward, and the redemption (r_…) is kept like any other, so that it can be rolled back. A refused
// one is kept too, as a failed redemption (rf_…), as a voucher's is (domain/redemptions.ts).

import { VoucherifyError } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { REFUSALS, checkoutOrderView, requestOrder, trackingId, type RequestOrder } from './checkout.js';
import { customers, redemptions } from './collections.js';
import type { Context } from './context.js';
import { redemptionCustomer } from './customer-view.js';
import { countOnCustomer } from './customers.js';
import { emitRedemptionEvents } from './events.js';
import { settleOrder, type OrderRequest } from './order-records.js';
import { calculateOrder, startStep, withAppliedSince } from './orders.js';
import type { Customer, Metadata, RedemptionChannel, RedemptionRecord, Voucher } from './records.js';
import { cardReward, payWithCard, rewardPayment, type RewardPayment } from './rewards.js';
import { rulesRefusal } from './rules.js';
import { heldByOthers, withoutHeldPoints } from './sessions.js';

export interface RewardRedeemRequest {
  reward?: { id: string; points?: number };
  order?: OrderRequest;
  metadata?: Metadata | null;
}

const emptyList = () => ({ data: [], total: 0, data_ref: 'data', object: 'list' });

export type RewardRedeemed = { ok: true; redemption: RedemptionRecord } | { ok: false; error: VoucherifyError; failed: RedemptionRecord };

/**
 * Redeems a reward with `card`. Refused, in this order: no reward (400 missing_reward), a disabled
 * card, an unknown reward (404), one the card's program does not offer (400), out of stock (423),
 * the card's or program's validation rules, a COIN reward without an order (400 missing_order), too
 * few points (400 loyalty_card_points_exceeded; points a validation session holds for another
 * request do not count). A refusal spends nothing: it is recorded as a failed redemption and
 * answered with its error. An order id the tenant does not have is 404, and nothing is recorded.
 */
export function redeemReward(ctx: Context, channel: RedemptionChannel, card: Voucher, request: RewardRedeemRequest): RewardRedeemed {
  const holder = card.holder_id ? customers(ctx.tenant).get(card.holder_id) : undefined;
  const date = timestamp(ctx.clock);
  const checked = checkRewardRedemption(ctx, card, request, holder);
  if (checked instanceof VoucherifyError) return { ok: false, error: checked, failed: recordFailure(ctx, channel, card, request, holder, checked, date) };
  return { ok: true, redemption: buy(ctx, channel, card, request, checked.order, holder, checked.payment, date) };
}

/** What the card pays for the reward, or why it cannot buy it. */
function checkRewardRedemption(
  ctx: Context,
  card: Voucher,
  request: RewardRedeemRequest,
  holder: Customer | undefined,
): { payment: RewardPayment; order: RequestOrder | undefined } | VoucherifyError {
  if (!request.reward) return REFUSALS.missingReward();
  if (card.active === false) return REFUSALS.disabled(card.code);
  const chosen = cardReward(ctx, card, request.reward.id);
  if (chosen instanceof VoucherifyError) return chosen;
  // An unknown order id is the request's mistake, not a refusal of the card: 404, thrown.
  const order = request.order ? requestOrder(ctx, request.order) : undefined;
  // The rules assigned to the card, its program or the reward's assignment, on the holder and the order.
  const inputs = { orderMetadata: request.order?.metadata as Record<string, unknown> | undefined, redemptionMetadata: request.metadata as Record<string, unknown> | undefined };
  const violated = rulesRefusal(ctx, card, holder, order?.calculated ?? calculateOrder({}), inputs, { reward: request.reward });
  if (violated) return violated;
  const start = order ? startStep(order.calculated) : undefined;
  // Points a validation session holds (domain/sessions.ts) are not the card's to spend here.
  const payment = rewardPayment(withoutHeldPoints(card, heldByOthers(ctx, card, undefined).points), chosen, start, request.reward.points);
  return payment instanceof VoucherifyError ? payment : { payment, order };
}

/** The refused redemption, kept as Voucherify keeps one (rf_…, FAILURE, FAILED) and counted on the holder. */
function recordFailure(
  ctx: Context,
  channel: RedemptionChannel,
  card: Voucher,
  request: RewardRedeemRequest,
  holder: Customer | undefined,
  error: VoucherifyError,
  date: string,
): RedemptionRecord {
  const failed: RedemptionRecord = {
    id: ctx.ids.redemption('rf'),
    object: 'redemption',
    date,
    customer_id: holder?.id ?? null,
    tracking_id: trackingId(ctx, undefined, holder),
    metadata: request.metadata ?? null,
    redemption: null,
    result: 'FAILURE',
    status: 'FAILED',
    failure_code: error.key,
    failure_message: error.message,
    order: null,
    channel,
    customer: redemptionCustomer(holder),
    related_object_type: 'voucher',
    related_object_id: card.id,
    voucher: { ...card, applicable_to: emptyList(), inapplicable_to: emptyList() },
  };
  redemptions(ctx.tenant).put(failed);
  if (holder) countOnCustomer(ctx, holder.id, { failed: 1 });
  emitRedemptionEvents(ctx, [failed]);
  return failed;
}

/** The card pays for the reward, which is given; the order, when sent, is settled; the redemption is kept. */
function buy(
  ctx: Context,
  channel: RedemptionChannel,
  card: Voucher,
  request: RewardRedeemRequest,
  order: RequestOrder | undefined,
  holder: Customer | undefined,
  payment: RewardPayment,
  date: string,
): RedemptionRecord {
  const id = ctx.ids.redemption('r');
  const calculated = order && payment.order ? withAppliedSince(order.calculated, payment.order) : order?.calculated;
  const settled =
    order && calculated
      ? settleOrder(ctx, request.order, holder?.id, calculated, id, {
          date,
          related_object_type: 'voucher',
          related_object_id: card.id,
          ...(card.campaign_id ? { related_object_parent_id: card.campaign_id } : {}),
        })
      : undefined;
  const link = settled ? { id: settled.id, source_id: settled.source_id } : undefined;
  const paid = payWithCard(ctx, card, payment, id, link);
  const redemption: RedemptionRecord = {
    id,
    object: 'redemption',
    date,
    customer_id: holder?.id ?? null,
    tracking_id: trackingId(ctx, undefined, holder),
    metadata: request.metadata ?? null,
    amount: payment.points,
    redemption: null,
    result: 'SUCCESS',
    status: 'SUCCEEDED',
    order:
      settled && calculated && order
        ? { ...checkoutOrderView(calculated, { ...order, stored: settled, request: undefined }, holder), redemptions: settled.redemptions ?? {} }
        : null,
    channel,
    customer: redemptionCustomer(holder),
    related_object_type: 'voucher',
    related_object_id: card.id,
    voucher: { ...paid.card, applicable_to: emptyList(), inapplicable_to: emptyList() },
    reward: paid.reward,
    loyalty_card: { points: payment.points },
  };
  redemptions(ctx.tenant).put(redemption);
  if (holder) countOnCustomer(ctx, holder.id, { succeeded: 1, pointsRedeemed: payment.points, ...(settled && calculated ? { order: { total: calculated.total_amount, date } } : {}) });
  emitRedemptionEvents(ctx, [redemption]);
  return redemption;
}
