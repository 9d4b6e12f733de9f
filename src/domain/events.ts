// Webhook events: the event types the mock sends, and the `data` of each, shaped as Voucherify's
// webhooks reference documents it (SimpleCustomer, SimpleVoucher, SimpleCampaign, the redemption
// events' customer/order/campaign/voucher/redemption). Model functions emit them through the
// context (`ctx.events?.emit(...)`); the sink decides whether a subscription wants them.

import { timestamp } from '../store/clock.js';
import { campaigns, customers, orders, redemptions, vouchers } from './collections.js';
import type { Context } from './context.js';
import { customerView } from './customer-view.js';
import type { Campaign, Customer, Order, Product, Publication, RedeemableHolder, RedemptionRecord, Sku, Voucher, VoucherTransaction } from './records.js';
import { rewardAssignments, rewards, type RewardRedemption } from './reward-records.js';

/** Every event type the mock sends: what a subscription's `events` may name. */
export const EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'voucher.created',
  'voucher.updated',
  'voucher.deleted',
  'voucher.enabled',
  'voucher.disabled',
  'voucher.published',
  'publication.succeeded',
  'customer.publication.succeeded',
  'redemption.succeeded',
  'redemption.failed',
  'redemption.rollback.succeeded',
  'redemption.rollback.failed',
  'customer.redemption.succeeded',
  'customer.redemption.rollback.succeeded',
  'customer.order.created',
  'customer.order.updated',
  'customer.order.paid',
  'customer.order.canceled',
  'campaign.created',
  'campaign.updated',
  'campaign.deleted',
  'campaign.enabled',
  'campaign.disabled',
  'campaign.vouchers.generation.completed',
  'voucher.gift.transaction.created',
  'voucher.gift.balance_added',
  'customer.voucher.gift.balance_added',
  'voucher.loyalty_card.transaction.created',
  'voucher.loyalty_card.points_added',
  'customer.voucher.loyalty_card.points_added',
  'customer.holder.assignment.created',
  'customer.holder.assignment.deleted',
  'customer.rewarded',
  'customer.reward_redemptions.created',
  'customer.reward_redemptions.pending',
  'customer.reward_redemptions.completed',
  'customer.reward_redemptions.rolledback',
  'customer.loyalty.tier.joined',
  'customer.loyalty.tier.upgraded',
  'customer.loyalty.tier.downgraded',
  'customer.loyalty.tier.left',
  'customer.loyalty.tier.prolonged',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Copies the named fields that `record` has: the short views (SimpleVoucher…) leave out what is unset or null. */
function pick(record: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (record as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

const SIMPLE_VOUCHER = ['id', 'code', 'gift', 'discount', 'loyalty_card', 'type', 'campaign', 'campaign_id', 'is_referral_code', 'holder_id', 'referrer_id', 'category_id', 'categories', 'active', 'created_at', 'updated_at', 'start_date', 'expiration_date', 'metadata'];
const SIMPLE_CAMPAIGN = ['id', 'name', 'campaign_type', 'type', 'is_referral_code', 'referral_program', 'auto_join', 'join_once', 'active', 'category_id', 'category', 'categories', 'metadata', 'start_date', 'expiration_date', 'description', 'created_at', 'updated_at'];

export const simpleCustomer = (customer: Customer) => ({
  id: customer.id,
  name: customer.name ?? undefined,
  email: customer.email ?? undefined,
  source_id: customer.source_id ?? undefined,
  metadata: customer.metadata,
  object: 'customer' as const,
});

export const simpleVoucher = (voucher: Voucher) => ({
  ...pick(voucher, SIMPLE_VOUCHER),
  redemption: { quantity: voucher.redemption.quantity, redeemed_quantity: voucher.redemption.redeemed_quantity },
  object: 'voucher' as const,
});

export const simpleCampaign = (campaign: Campaign) => ({
  ...pick(campaign, SIMPLE_CAMPAIGN),
  is_referral_code: campaign.campaign_type === 'REFERRAL_PROGRAM',
  object: 'campaign' as const,
});

/** The customer as it is now, or undefined (a customer deleted later in the request). */
const customerNow = (ctx: Context, id: string | null | undefined) => (id ? customers(ctx.tenant).get(id) : undefined);
const campaignNow = (ctx: Context, id: string | null | undefined) => (id ? campaigns(ctx.tenant).get(id) : undefined);

/** A voucher's event data: the voucher in full, with its campaign in short. */
export function voucherEventData(ctx: Context, voucher: Voucher): Record<string, unknown> {
  const campaign = campaignNow(ctx, voucher.campaign_id);
  return { voucher, ...(campaign ? { campaign: simpleCampaign(campaign) } : {}) };
}

/** Emits voucher.created/updated/deleted/enabled/disabled for `voucher` as given (a deleted one is gone from the store). */
export function emitVoucherEvent(ctx: Context, type: EventType, voucher: Voucher): void {
  ctx.events?.emit(type, voucher.id, () => voucherEventData(ctx, type === 'voucher.deleted' ? voucher : (vouchers(ctx.tenant).get(voucher.id) ?? voucher)));
}

/**
 * Emits a campaign event with the campaign as the API shows it when the request ends (a deleted one
 * as it was, with deleted_at); campaign.vouchers.generation.completed has the campaign in short and
 * the count.
 */
export function emitCampaignEvent(ctx: Context, type: EventType, campaign: Campaign, count = 0): void {
  ctx.events?.emit(type, campaign.id, () => {
    const now = timestamp(ctx.clock);
    if (type === 'campaign.deleted') return { campaign, deleted_at: now };
    const current = campaignNow(ctx, campaign.id) ?? campaign;
    if (type === 'campaign.vouchers.generation.completed') return { campaign: simpleCampaign(current), count, completed_at: now };
    const shown = { ...current, vouchers_count: vouchers(ctx.tenant).countOf('campaign_id', campaign.id) };
    return type === 'campaign.created' ? { campaign: shown, created_at: current.created_at } : { campaign: shown };
  });
}

/** Emits customer.created/updated/deleted with the customer as the API shows it when the request ends (a deleted one as it was). */
export function emitCustomerEvent(ctx: Context, type: EventType, customer: Customer): void {
  ctx.events?.emit(type, customer.id, () => ({ customer: customerView(ctx, type === 'customer.deleted' ? customer : (customerNow(ctx, customer.id) ?? customer)) }));
}

/**
 * A publication's events: publication.succeeded and voucher.published for each voucher, and
 * customer.publication.succeeded, with the customer, campaign, publication and voucher.
 */
export function emitPublicationEvents(ctx: Context, publication: Publication, published: readonly Voucher[]): void {
  const events = ctx.events;
  if (!events) return;
  // voucher_id is the mock's own index field, not part of Voucherify's publication.
  const { voucher_id: _voucherId, ...shown } = publication;
  for (const voucher of published) {
    const data = () => {
      const customer = customerNow(ctx, publication.customer_id);
      const campaign = campaignNow(ctx, voucher.campaign_id);
      return {
        ...(customer ? { customer: simpleCustomer(customer) } : {}),
        ...(campaign ? { campaign: simpleCampaign(campaign) } : {}),
        publication: shown,
        voucher: simpleVoucher(vouchers(ctx.tenant).get(voucher.id) ?? voucher),
      };
    };
    events.emit('publication.succeeded', publication.id, data);
    events.emit('voucher.published', voucher.id, () => ({ ...data(), created_at: publication.created_at }));
    events.emit('customer.publication.succeeded', publication.id, data);
  }
}

/** The parts every redemption event shows: customer, order, campaign, voucher, holder and the redemption itself. */
function redemptionParts(ctx: Context, record: RedemptionRecord): Record<string, unknown> {
  const voucherId = record.related_object_type === 'voucher' ? record.related_object_id : undefined;
  const voucher = voucherId ? vouchers(ctx.tenant).get(voucherId) : undefined;
  const customer = customerNow(ctx, record.customer_id);
  const holder = voucher?.holder_id ? customerNow(ctx, voucher.holder_id) : undefined;
  const campaign = campaignNow(ctx, voucher?.campaign_id);
  const order = record.order ? orders(ctx.tenant).get(String(record.order.id)) : undefined;
  const { voucher: _voucher, order: _order, customer: _customer, ...redemption } = record;
  return {
    ...(customer ? { customer: simpleCustomer(customer) } : record.customer ? { customer: record.customer } : {}),
    ...(order ? { order: simpleOrder(order) } : {}),
    ...(campaign ? { campaign: simpleCampaign(campaign) } : {}),
    ...(voucher ? { voucher: simpleVoucher(voucher) } : {}),
    ...(holder ? { holder: simpleCustomer(holder) } : {}),
    redemption,
  };
}

/** An order in short, as redemption events show it. */
export const simpleOrder = (order: Order) => ({
  ...pick(order, ['id', 'source_id', 'status', 'amount', 'discount_amount', 'items_discount_amount', 'total_discount_amount', 'total_amount', 'items', 'metadata', 'customer_id', 'referrer_id', 'created_at', 'updated_at']),
  object: 'order' as const,
});

/**
 * A redemption's events: redemption.succeeded (or .failed) for each redemption record the request
 * made (a stack's children, then its parent), and customer.redemption.succeeded when it has a customer.
 */
export function emitRedemptionEvents(ctx: Context, records: readonly RedemptionRecord[], parent?: RedemptionRecord): void {
  const events = ctx.events;
  if (!events) return;
  for (const record of parent ? [...records, parent] : records) {
    if (record.result === 'FAILURE') {
      events.emit('redemption.failed', record.id, () => ({ ...redemptionParts(ctx, record), created_at: record.date }));
      continue;
    }
    events.emit('redemption.succeeded', record.id, () => redemptionParts(ctx, record));
    if (record.customer_id) events.emit('customer.redemption.succeeded', record.id, () => redemptionParts(ctx, record));
  }
}

/**
 * A rollback's events: redemption.rollback.succeeded (or .failed) for each rollback record (a
 * stack's children, then its parent), and customer.redemption.rollback.succeeded; each shows the
 * redemption it rolls back (named in its `redemption`) as it is now.
 */
export function emitRollbackEvents(ctx: Context, rollbacks: readonly RedemptionRecord[], parent?: RedemptionRecord): void {
  const events = ctx.events;
  if (!events) return;
  for (const rollback of parent ? [...rollbacks, parent] : rollbacks) {
    const data = () => {
      const redeemed = rollback.redemption ? redemptions(ctx.tenant).get(rollback.redemption) : undefined;
      const { voucher: _voucher, order: _order, customer: _customer, ...redemption_rollback } = rollback;
      return { ...redemptionParts(ctx, redeemed ?? rollback), redemption_rollback };
    };
    if (rollback.result === 'FAILURE') {
      events.emit('redemption.rollback.failed', rollback.id, data);
      continue;
    }
    events.emit('redemption.rollback.succeeded', rollback.id, data);
    if (rollback.customer_id) events.emit('customer.redemption.rollback.succeeded', rollback.id, data);
  }
}

/** customer.order.created/updated/paid/canceled with the order, its customer and referrer, and the redemption that paid it. */
export function emitOrderEvent(ctx: Context, type: EventType, order: Order, redemption?: RedemptionRecord): void {
  if (!order.customer_id) return;
  ctx.events?.emit(type, order.id, () => {
    const now = orders(ctx.tenant).get(order.id) ?? order;
    const customer = customerNow(ctx, now.customer_id);
    const referrer = customerNow(ctx, now.referrer_id);
    return {
      customer: customer ? simpleCustomer(customer) : { id: now.customer_id, object: 'customer' },
      referrer: referrer ? simpleCustomer(referrer) : null,
      order: now,
      redemption: redemption ?? null,
    };
  });
}

/** What a loyalty card's transaction event names that the mock has no notion of (tiers, earning rules, segments…). */
const LOYALTY_UNRELATED = {
  holder_loyalty_tier: null,
  event: null,
  earning_rule: null,
  segment: null,
  loyalty_tier: null,
  custom_event: null,
  source_voucher: null,
  destination_voucher: null,
};

/** A balance change's events: the transaction (gift or loyalty card), and for additions the balance_added/points_added twins. */
export function emitTransactionEvents(ctx: Context, voucher: Voucher, transaction: VoucherTransaction): void {
  const events = ctx.events;
  if (!events) return;
  const gift = transaction.details.balance.type === 'gift_voucher';
  const data = () => {
    const campaign = campaignNow(ctx, voucher.campaign_id);
    const holder = customerNow(ctx, voucher.holder_id);
    const { order, redemption, rollback } = transaction.details;
    // The transaction events name every related object, null when there is none.
    return {
      transaction,
      voucher,
      campaign: campaign ? simpleCampaign(campaign) : null,
      holder: holder ? simpleCustomer(holder) : null,
      ...(holder ? { customer: simpleCustomer(holder) } : {}),
      balance: transaction.details.balance,
      order: order ?? null,
      redemption: redemption ?? null,
      rollback: rollback ?? null,
      // A reward's purchase (POINTS_REDEMPTION) names the reward bought: the reward as the API shows it now.
      ...(gift ? {} : { ...LOYALTY_UNRELATED, reward: (transaction.details.reward && rewards(ctx.tenant).get(transaction.details.reward.id)) || null }),
    };
  };
  events.emit(gift ? 'voucher.gift.transaction.created' : 'voucher.loyalty_card.transaction.created', transaction.id, data);
  // Points earned (POINTS_ACCRUAL, PENDING_POINTS_ACTIVATION) are added points too, by the earning rules rather than by hand.
  const earned = transaction.type === 'POINTS_ACCRUAL' || transaction.type === 'PENDING_POINTS_ACTIVATION';
  const added = transaction.type === 'CREDITS_ADDITION' || transaction.type === 'POINTS_ADDITION' || earned;
  if (!added) return;
  const short = () => {
    const { holder: _holder, voucher: full, campaign, customer, transaction: shownTransaction, balance } = data();
    return { voucher: simpleVoucher(full), ...(campaign ? { campaign } : {}), ...(customer ? { customer } : {}), transaction: shownTransaction, balance: { ...balance, operation_type: earned ? 'AUTOMATIC' : 'MANUAL' } };
  };
  events.emit(gift ? 'voucher.gift.balance_added' : 'voucher.loyalty_card.points_added', transaction.id, short);
  if (voucher.holder_id) events.emit(gift ? 'customer.voucher.gift.balance_added' : 'customer.voucher.loyalty_card.points_added', transaction.id, short);
}

/** customer.holder.assignment.created/deleted: a referee joined (or left) a referral code. */
export function emitHolderEvent(ctx: Context, type: EventType, holder: RedeemableHolder, voucher: Voucher): void {
  ctx.events?.emit(type, holder.id, () => {
    const customer = customerNow(ctx, holder.customer_id);
    const campaign = campaignNow(ctx, holder.campaign_id);
    return {
      holder,
      voucher: simpleVoucher(vouchers(ctx.tenant).get(voucher.id) ?? voucher),
      campaign: campaign ? simpleCampaign(campaign) : null,
      customer: customer ? simpleCustomer(customer) : { id: holder.customer_id, object: 'customer' },
    };
  });
}

/** What a reward redemption's events show besides the records: the reward as the redemption shows it, the cause, the balance it added, the publication it made. */
export interface RewardRedemptionParts {
  /** The redemption's (or rollback's) `reward`: the reward with its assignment_id and what it gave. */
  reward: Record<string, unknown>;
  /** The redemption (r_…) that bought the reward, or the rollback (rr_…) that undid it. */
  source: { id: string; type: 'redemption' | 'redemption_rollback' };
  /** Credits or points the reward added to the member's card of its campaign. */
  balance?: number;
  /** The publication of the coupon (or card) the reward published. */
  publication?: Publication;
}

/** The reward of a reward redemption event (SimpleRedemptionRewardResult): the voucher it gave, its product and SKU, in short. */
function rewardInShort(ctx: Context, reward: Record<string, unknown>): Record<string, unknown> {
  const { voucher, product, sku, ...rest } = reward as { voucher?: Voucher; product?: Product; sku?: Sku };
  return {
    ...rest,
    ...(voucher ? { voucher: simpleVoucher(vouchers(ctx.tenant).get(voucher.id) ?? voucher) } : {}),
    ...(product ? { product: pick(product, ['id', 'source_id', 'name']) } : {}),
    ...(sku ? { sku: pick(sku, ['id', 'source_id', 'sku']) } : {}),
  };
}

/**
 * customer.reward_redemptions.created / .pending / .completed / .rolledback: the reward redemption
 * as it was when the event happened (`state`), with the customer, the card's holder, the card and
 * its program as the request leaves them, the reward and its assignment, the source, the balance
 * added and (completed) the publication. Sent when the reward redemption has a customer.
 */
export function emitRewardRedemptionEvent(ctx: Context, type: EventType, rewardRedemption: RewardRedemption, parts: RewardRedemptionParts): void {
  if (!rewardRedemption.customer_id) return;
  const shown = { ...rewardRedemption };
  ctx.events?.emit(type, shown.id, () => {
    const card = vouchers(ctx.tenant).get(shown.voucher_id);
    const customer = customerNow(ctx, shown.customer_id);
    const holder = customerNow(ctx, card?.holder_id);
    const campaign = campaignNow(ctx, shown.campaign_id);
    const publication = parts.publication ? (({ voucher_id: _voucherId, ...rest }) => rest)(parts.publication) : null;
    return {
      customer: customer ? simpleCustomer(customer) : null,
      holder: holder ? simpleCustomer(holder) : null,
      voucher: card ? simpleVoucher(card) : null,
      campaign: campaign ? simpleCampaign(campaign) : null,
      reward_redemption: shown,
      reward: rewardInShort(ctx, parts.reward),
      reward_assignment: rewardAssignments(ctx.tenant).get(shown.reward_assignment_id) ?? null,
      source: parts.source,
      balance: parts.balance !== undefined ? { amount: parts.balance } : null,
      ...(type === 'customer.reward_redemptions.completed' ? { publication } : {}),
    };
  });
}
