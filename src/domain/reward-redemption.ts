// Buying a reward with a loyalty card (POST /v1/loyalties/…/members/{memberId}/redemption): the
// card pays the reward's price in points (a COIN reward pays for the order), the member gets the
// reward, and the redemption (r_…) is kept like any other, so that it can be rolled back.

import { VoucherifyError } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { REFUSALS, checkoutOrderView, requestOrder, trackingId } from './checkout.js';
import { customers, redemptions } from './collections.js';
import type { Context } from './context.js';
import { countOnCustomer } from './customers.js';
import { emitRedemptionEvents } from './events.js';
import { settleOrder, type OrderRequest } from './order-records.js';
import { calculateOrder, startStep, withAppliedSince } from './orders.js';
import type { Metadata, RedemptionChannel, RedemptionRecord, Voucher } from './records.js';
import { cardReward, payWithCard, rewardPayment } from './rewards.js';
import { rulesRefusal } from './rules.js';

export interface RewardRedeemRequest {
  reward?: { id: string; points?: number };
  order?: OrderRequest;
  metadata?: Metadata | null;
}

const emptyList = () => ({ data: [], total: 0, data_ref: 'data', object: 'list' });

/**
 * Redeems a reward with `card`. Refused, in this order: no reward (400 missing_reward), a disabled
 * card, an unknown reward (404), one the card's program does not offer (400), out of stock (423),
 * a COIN reward without an order (400 missing_order), too few points (400
 * loyalty_card_points_exceeded). A refusal writes nothing.
 */
export function redeemReward(ctx: Context, channel: RedemptionChannel, card: Voucher, request: RewardRedeemRequest): RedemptionRecord {
  if (!request.reward) throw REFUSALS.missingReward();
  if (card.active === false) throw REFUSALS.disabled(card.code);
  const chosen = cardReward(ctx, card, request.reward.id);
  if (chosen instanceof VoucherifyError) throw chosen;
  const order = request.order ? requestOrder(ctx, request.order) : undefined;
  const holder = card.holder_id ? customers(ctx.tenant).get(card.holder_id) : undefined;
  // The rules assigned to the card, its program or the reward's assignment, on the holder and the order.
  const inputs = { orderMetadata: request.order?.metadata as Record<string, unknown> | undefined, redemptionMetadata: request.metadata as Record<string, unknown> | undefined };
  const violated = rulesRefusal(ctx, card, holder, order?.calculated ?? calculateOrder({}), inputs, { reward: request.reward });
  if (violated) throw violated;
  const start = order ? startStep(order.calculated) : undefined;
  const payment = rewardPayment(card, chosen, start, request.reward.points);
  if (payment instanceof VoucherifyError) throw payment;

  const id = ctx.ids.redemption('r');
  const date = timestamp(ctx.clock);
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
    customer: holder
      ? { id: holder.id, name: holder.name ?? null, email: holder.email ?? null, source_id: holder.source_id, metadata: holder.metadata, object: 'customer' }
      : null,
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
