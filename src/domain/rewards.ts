// Rewards and their assignments to loyalty programs, and what buying a reward with a loyalty card
// does: the price in points taken off the card (a POINTS_REDEMPTION transaction), the reward given
// (a coupon, gift credits, points, a product), the stock counted. The checkout (domain/checkout.ts)
// calls in here for a loyalty card redeemable with a `reward`; a COIN reward pays for the order.

import { VoucherifyError, notFound, resourceInUse } from '../errors.js';
import { numberedPage, orderedPage } from '../lists/numbered-page.js';
import { ALNUM } from '../store/ids.js';
import { timestamp } from '../store/clock.js';
import { adjustVoucherBalance } from './balances.js';
import { getProduct, getSku } from './catalogue.js';
import { customers, vouchers } from './collections.js';
import type { Context } from './context.js';
import { redemptionCustomer } from './customer-view.js';
import { applyGiftCredits } from './discounts/index.js';
import { heldVoucherOf } from './holders.js';
import { currentTier, rewardMapping, tierRewardPrice, type LoyaltyTier } from './loyalty-tiers.js';
import { emitRewardRedemptionEvent } from './events.js';
import { findCampaign, findVoucher } from './lookups.js';
import type { CalculatedOrder } from './orders.js';
import { publish } from './publishing.js';
import type { Campaign, Customer, Metadata, Publication, Voucher } from './records.js';
import {
  rewardAssignments,
  rewardRedemptions,
  rewards,
  type Reward,
  type RewardAssignment,
  type RewardCampaignType,
  type RewardParameters,
  type RewardRedemption,
} from './reward-records.js';
import { recordTransaction } from './transactions.js';

// ---- errors -----------------------------------------------------------------------------------

export const REWARD_ERRORS = {
  missingParam: (name: string) => new VoucherifyError(400, 'missing_param', 'Missing required parameter', { details: `Parameter '${name}' is required` }),
  invalidBalance: (type: string) =>
    new VoucherifyError(400, 'invalid_balance', "Property 'parameters.campaign.balance' is invalid", {
      details: `Property 'parameters.campaign.balance' must be greater than zero for campaign type: ${type}`,
    }),
  invalidRatio: (name: string) =>
    new VoucherifyError(400, 'invalid_payload', 'Invalid payload', { details: `Property 'parameters.coin.${name}' must be greater than zero` }),
  invalidCampaignType: (campaign: Campaign) =>
    new VoucherifyError(400, 'invalid_campaign', 'Invalid Campaign', {
      details: `A reward gives a DISCOUNT_COUPONS, GIFT_VOUCHERS or LOYALTY_PROGRAM campaign; ${campaign.id} is a ${campaign.campaign_type}`,
    }),
  inUse: (rewardId: string, assignmentIds: string[]) => resourceInUse('reward', rewardId, 'reward_assignment', assignmentIds),
  missingCampaign: () => new VoucherifyError(404, 'not_found', 'Resource not found', { details: 'Cannot find campaign with id null', resourceType: 'campaign' }),
  outOfStock: () => new VoucherifyError(423, 'reward_out_of_stock', 'Cannot purchase reward when stock is not available', { details: 'Reward stock is not available' }),
  notAssigned: (rewardId: string, programId: string | null) =>
    new VoucherifyError(400, 'reward_not_assigned', 'Reward not assigned', { details: `Reward ${rewardId} is not assigned to campaign ${programId}` }),
  missingOrder: () => new VoucherifyError(400, 'missing_order', 'Missing order', { details: 'An order is required when redeeming a LOYALTY_CARD' }),
  zeroBalance: () => new VoucherifyError(423, 'zero_card_balance', 'Card balance is zero', { details: 'Operation requires a positive card balance' }),
  missingHolder: (code: string) => new VoucherifyError(400, 'missing_customer', 'Missing customer', { details: `Loyalty card ${code} has no holder to give the reward to` }),
  pointsExceeded: (code: string) => new VoucherifyError(400, 'loyalty_card_points_exceeded', 'loyalty card points exceeded', { details: code }),
};

// ---- rewards ----------------------------------------------------------------------------------

export interface RewardInput {
  name?: string;
  type?: Reward['type'];
  parameters?: {
    campaign?: { id: string; balance?: number };
    coin?: { exchange_ratio: number; points_ratio: number };
    product?: { id: string; sku_id?: string | null };
  };
  stock?: number | null;
  attributes?: Reward['attributes'];
  metadata?: Metadata | null;
}

const CAMPAIGN_TYPES = new Set<string>(['DISCOUNT_COUPONS', 'GIFT_VOUCHERS', 'LOYALTY_PROGRAM']);

/** The parameters a reward of `type` keeps, checked against the tenant's campaigns and catalogue. */
function checkedParameters(ctx: Context, type: Reward['type'], sent: RewardInput['parameters']): RewardParameters {
  if (type === 'CAMPAIGN') {
    const campaignRef = sent?.campaign;
    if (!campaignRef) throw REWARD_ERRORS.missingParam('parameters.campaign');
    const campaign = findCampaign(ctx, campaignRef.id);
    if (!campaign) throw notFound('campaign', campaignRef.id);
    if (!CAMPAIGN_TYPES.has(campaign.campaign_type)) throw REWARD_ERRORS.invalidCampaignType(campaign);
    const campaignType = campaign.campaign_type as RewardCampaignType;
    if (campaignType === 'DISCOUNT_COUPONS') return { campaign: { id: campaign.id, type: campaignType } };
    if (!(typeof campaignRef.balance === 'number' && campaignRef.balance > 0)) throw REWARD_ERRORS.invalidBalance(campaignType);
    return { campaign: { id: campaign.id, balance: campaignRef.balance, type: campaignType } };
  }
  if (type === 'COIN') {
    const coin = sent?.coin;
    if (!coin) throw REWARD_ERRORS.missingParam('parameters.coin');
    if (!(coin.exchange_ratio > 0)) throw REWARD_ERRORS.invalidRatio('exchange_ratio');
    if (!(coin.points_ratio > 0)) throw REWARD_ERRORS.invalidRatio('points_ratio');
    return { coin: { exchange_ratio: coin.exchange_ratio, points_ratio: coin.points_ratio } };
  }
  const productRef = sent?.product;
  if (!productRef) throw REWARD_ERRORS.missingParam('parameters.product');
  const product = getProduct(ctx, productRef.id);
  let skuId: string | null = null;
  if (productRef.sku_id !== undefined && productRef.sku_id !== null) {
    const sku = getSku(ctx, productRef.sku_id);
    if (sku.product_id !== product.id) throw notFound('sku', productRef.sku_id);
    skuId = sku.id;
  }
  return { product: { id: product.id, sku_id: skuId } };
}

export function createReward(ctx: Context, body: RewardInput & { name: string; type: Reward['type'] }): Reward {
  const parameters = checkedParameters(ctx, body.type, body.parameters);
  return rewards(ctx.tenant).put({
    id: `rew_${ctx.ids.code(ALNUM, 24)}`,
    name: body.name,
    type: body.type,
    parameters,
    stock: body.stock ?? null,
    redeemed: null,
    attributes: body.attributes ?? {},
    created_at: timestamp(ctx.clock),
    updated_at: null,
    metadata: body.metadata ?? null,
    object: 'reward',
  });
}

export function getReward(ctx: Context, id: string): Reward {
  const reward = rewards(ctx.tenant).get(id);
  if (!reward) throw notFound('reward', id);
  return reward;
}

/** The fields sent replace the reward's; new parameters are checked as on creation, for the reward's own type. */
export function updateReward(ctx: Context, reward: Reward, body: RewardInput): Reward {
  const parameters = body.parameters !== undefined ? checkedParameters(ctx, reward.type, body.parameters) : reward.parameters;
  return rewards(ctx.tenant).put({
    ...reward,
    ...(body.name !== undefined ? { name: body.name } : {}),
    parameters,
    ...(body.stock !== undefined ? { stock: body.stock } : {}),
    ...(body.attributes !== undefined ? { attributes: body.attributes } : {}),
    ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
    updated_at: timestamp(ctx.clock),
  });
}

/** A reward still assigned to a program cannot go: 400 resource_in_use names the assignments. */
export function deleteReward(ctx: Context, reward: Reward): void {
  const assigned = rewardAssignments(ctx.tenant).groupOf('reward_id', reward.id);
  if (assigned.length > 0) throw REWARD_ERRORS.inUse(reward.id, assigned.map((a) => a.id));
  rewards(ctx.tenant).remove(reward.id);
}

/** Newest first; `assignment_id` keeps only the reward of that assignment. */
export function listRewards(ctx: Context, query: { limit?: number; page?: number; assignment_id?: string }) {
  let only: string | undefined;
  if (query.assignment_id !== undefined) only = rewardAssignments(ctx.tenant).get(query.assignment_id)?.reward_id ?? '';
  const page = orderedPage(rewards(ctx.tenant), query, '-created_at', only !== undefined ? (r) => r.id === only : undefined);
  return { object: 'list' as const, data_ref: 'data' as const, data: page.items, total: page.total };
}

// ---- assignments ------------------------------------------------------------------------------

type AssignmentParameters = { loyalty?: { points: number } } | undefined;

/** A loyalty program by id or name: any other campaign is not found. */
export function getProgram(ctx: Context, idOrName: string): Campaign {
  const campaign = findCampaign(ctx, idOrName);
  if (!campaign || campaign.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', idOrName);
  return campaign;
}

/**
 * Offers `reward` in a loyalty program at `parameters.loyalty.points` (a COIN reward has no price:
 * what it is worth depends on the order). A reward is offered once per program: 409.
 */
export function assignReward(ctx: Context, reward: Reward, programIdOrName: string | undefined, parameters: AssignmentParameters): RewardAssignment {
  if (programIdOrName === undefined) throw REWARD_ERRORS.missingCampaign();
  const program = getProgram(ctx, programIdOrName);
  if (reward.type !== 'COIN' && !parameters?.loyalty) throw REWARD_ERRORS.missingParam('parameters.loyalty');
  const all = rewardAssignments(ctx.tenant);
  const existing = all.findBy('reward_program', `${reward.id}|${program.id}`);
  if (existing) throw duplicateAssignment(existing.id);
  return all.put({
    id: `rewa_${ctx.ids.code(ALNUM, 24)}`,
    reward_id: reward.id,
    related_object_id: program.id,
    related_object_type: 'campaign',
    ...(reward.type !== 'COIN' && parameters?.loyalty ? { parameters: { loyalty: { points: parameters.loyalty.points } } } : {}),
    created_at: timestamp(ctx.clock),
    updated_at: null,
    object: 'reward_assignment',
  });
}

const duplicateAssignment = (id: string) =>
  new VoucherifyError(409, 'duplicate_found', 'Duplicated resource found', { details: `Duplicated reward_assignment exists with id ${id}`, resourceId: id, resourceType: 'reward_assignment' });

/** An assignment of `reward`; one of another reward is not found. */
export function assignmentOfReward(ctx: Context, reward: Reward, assignmentId: string): RewardAssignment {
  const assignment = rewardAssignments(ctx.tenant).get(assignmentId);
  if (!assignment || assignment.reward_id !== reward.id) throw notFound('reward_assignment', assignmentId);
  return assignment;
}

/** An assignment in `program`; one of another program is not found. */
export function assignmentOfProgram(ctx: Context, program: Campaign, assignmentId: string): RewardAssignment {
  const assignment = rewardAssignments(ctx.tenant).get(assignmentId);
  if (!assignment || assignment.related_object_id !== program.id) throw notFound('reward_assignment', assignmentId);
  return assignment;
}

/** A new price; a COIN reward's assignment keeps none. */
export function updateAssignment(ctx: Context, assignment: RewardAssignment, parameters: AssignmentParameters): RewardAssignment {
  const reward = rewards(ctx.tenant).get(assignment.reward_id);
  const priced = parameters?.loyalty && reward?.type !== 'COIN' ? { parameters: { loyalty: { points: parameters.loyalty.points } } } : {};
  return rewardAssignments(ctx.tenant).put({ ...assignment, ...priced, updated_at: timestamp(ctx.clock) });
}

export function deleteAssignment(ctx: Context, assignment: RewardAssignment): void {
  rewardAssignments(ctx.tenant).remove(assignment.id);
}

/** One page of assignments (newest first), of a reward or of a program. */
export function listAssignments(ctx: Context, by: 'reward_id' | 'related_object_id', id: string, query: { limit?: number; page?: number }, only?: string) {
  let all = rewardAssignments(ctx.tenant).groupOf(by, id);
  if (only !== undefined) all = all.filter((a) => a.id === only);
  const page = numberedPage(all, query, '-created_at');
  return { object: 'list' as const, data_ref: 'data' as const, data: page.items, total: page.total };
}

// ---- members ----------------------------------------------------------------------------------

/**
 * The loyalty card named by memberId (code or voucher id), of `program` when given. Unknown card,
 * or a card of another program: 404 voucher; a voucher that is no loyalty card: 400 invalid_voucher.
 */
export function memberCard(ctx: Context, memberId: string, program?: Campaign): Voucher {
  const card = findVoucher(ctx, memberId);
  if (!card || (program && card.campaign_id !== program.id)) throw notFound('voucher', memberId);
  if (card.type !== 'LOYALTY_CARD') throw new VoucherifyError(400, 'invalid_voucher', 'Invalid voucher', { details: `Voucher ${card.code} is not a loyalty card` });
  return card;
}

/**
 * The rewards of the card's program, each with its assignment priced for the tier the card's
 * holder is in; `affordableOnly`: priced within the balance (a reward without a price, COIN: while
 * the balance is above zero).
 */
export function memberRewards(ctx: Context, card: Voucher, affordableOnly: boolean) {
  const balance = card.loyalty_card?.balance ?? 0;
  const tier = currentTier(ctx, card);
  const data = [];
  for (const assignment of card.campaign_id ? rewardAssignments(ctx.tenant).groupOf('related_object_id', card.campaign_id) : []) {
    const reward = rewards(ctx.tenant).get(assignment.reward_id);
    if (!reward) continue;
    const priced = pricedAssignment(assignment, tier);
    const price = priced.parameters?.loyalty.points;
    if (affordableOnly && (price !== undefined ? price > balance : balance <= 0)) continue;
    data.push({ reward, assignment: priced, object: 'loyalty_reward' as const });
  }
  return { object: 'list' as const, data_ref: 'data' as const, data, total: data.length };
}

/**
 * The assignment as a member of `tier` (none: no tier) sees it: its price in
 * parameters.loyalty.points as the tier maps the assignment or its reward (loyalty-tiers.ts).
 */
export function pricedAssignment(assignment: RewardAssignment, tier: LoyaltyTier | undefined): RewardAssignment {
  const own = assignment.parameters?.loyalty.points;
  const price = tierRewardPrice(rewardMapping(tier, assignment), own);
  return price === own || price === undefined ? assignment : { ...assignment, parameters: { loyalty: { points: price } } };
}

// ---- paying with points -------------------------------------------------------------------------

/** What a COIN reward's points are worth, in cents (rounded down): exchange_ratio for every points_ratio points. */
export function coinValue(coin: { exchange_ratio: number; points_ratio: number }, points: number): number {
  return Math.floor((points * coin.exchange_ratio * 100) / coin.points_ratio + 1e-9);
}

/** The fewest points worth `cents` of a COIN reward. */
function coinPoints(coin: { exchange_ratio: number; points_ratio: number }, cents: number): number {
  return Math.ceil((cents * coin.points_ratio) / (coin.exchange_ratio * 100) - 1e-9);
}

/** A reward the card's program offers: the reward and its assignment, priced for the tier the card's holder is in; or the refusal. */
export interface CardReward {
  reward: Reward;
  /** As stored: what the redemption and its events name. */
  assignment: RewardAssignment;
  /** The price in points for the holder's tier (the assignment's own without a tier or mapping); undefined for COIN. */
  price: number | undefined;
}

/** The reward requested of a card: unknown 404; not offered by the card's program 400; out of stock 423; a CAMPAIGN reward for a card nobody holds 400. */
export function cardReward(ctx: Context, card: Voucher, rewardId: string): CardReward | VoucherifyError {
  const reward = rewards(ctx.tenant).get(rewardId);
  if (!reward) return notFound('reward', rewardId);
  const assignment = card.campaign_id ? rewardAssignments(ctx.tenant).findBy('reward_program', `${reward.id}|${card.campaign_id}`) : undefined;
  if (!assignment) return REWARD_ERRORS.notAssigned(reward.id, card.campaign_id);
  if (reward.stock !== null && (reward.redeemed ?? 0) >= reward.stock) return REWARD_ERRORS.outOfStock();
  // A CAMPAIGN reward is published or credited to someone: the card's holder.
  if (reward.type === 'CAMPAIGN' && !card.holder_id) return REWARD_ERRORS.missingHolder(card.code);
  // The tier the holder is in before this purchase's points move them.
  return { reward, assignment, price: pricedAssignment(assignment, currentTier(ctx, card)).parameters?.loyalty.points };
}

/** What a card pays for a reward: the points, and (COIN) the order after they paid for it. */
export interface RewardPayment extends CardReward {
  points: number;
  /** COIN: the order with the points' worth taken off; cents: what they took off. */
  order?: CalculatedOrder;
  cents: number;
}

/**
 * What the card would pay for the reward against the order left: the price for the holder's tier, or for a
 * COIN reward the points sent (else those that pay the rest of the order, within the balance),
 * their worth taken off the order. More points than the balance: loyalty_card_points_exceeded.
 */
export function rewardPayment(card: Voucher, chosen: CardReward, order: CalculatedOrder | undefined, requestedPoints: number | undefined): RewardPayment | VoucherifyError {
  const balance = card.loyalty_card?.balance ?? 0;
  const coin = chosen.reward.parameters.coin;
  if (!coin) {
    const points = chosen.price ?? 0;
    if (points > balance) return REWARD_ERRORS.pointsExceeded(card.code);
    return { ...chosen, points, cents: 0 };
  }
  if (!order) return REWARD_ERRORS.missingOrder();
  if (requestedPoints !== undefined && requestedPoints > balance) return REWARD_ERRORS.pointsExceeded(card.code);
  if (balance <= 0) return REWARD_ERRORS.zeroBalance();
  const offered = requestedPoints ?? balance;
  const step = applyGiftCredits(order, coinValue(coin, offered));
  const points = Math.min(offered, coinPoints(coin, step.applied));
  return { ...chosen, points, order: step.order, cents: step.applied };
}

// ---- giving the reward ----------------------------------------------------------------------------

/** The reward as a redemption shows it: who got it, its assignment, and the voucher or product given. */
export type RewardShown = Record<string, unknown>;

/** What giving a CAMPAIGN reward made: the coupon or card, its publication when it published one, the credits or points added. */
interface CampaignRewardGiven {
  voucher: Voucher;
  publication?: Publication;
  balance?: number;
}

/** Gives the customer a CAMPAIGN reward: a coupon published to them, or credits / points on their card of the campaign (published first if they have none). */
function giveCampaignReward(ctx: Context, reward: Reward, customer: Customer): CampaignRewardGiven | undefined {
  const given = reward.parameters.campaign;
  if (!given) return undefined;
  const campaign = findCampaign(ctx, given.id);
  if (!campaign) throw notFound('campaign', given.id);
  if (given.type === 'DISCOUNT_COUPONS') {
    const published = publish(ctx, { customer: customer.id, campaign: campaign.id });
    return { voucher: published.vouchers[0], publication: published.publication };
  }
  const held = heldVoucherOf(ctx, customer.id, campaign);
  const published = held ? undefined : publish(ctx, { customer: customer.id, campaign: campaign.id });
  const card = held ?? published!.vouchers[0];
  adjustVoucherBalance(ctx, card, { amount: given.balance ?? 0, reason: `Reward ${reward.id}` });
  return { voucher: vouchers(ctx.tenant).get(card.id) ?? card, ...(published ? { publication: published.publication } : {}), balance: given.balance ?? 0 };
}

/**
 * Takes the points of `payment` off the card (redemption.redeemed_points raised, one more
 * redemption, a POINTS_REDEMPTION transaction naming the reward), counts the reward's stock and
 * gives the reward to the card's holder. The reward redemption (rewr_…) it makes for the
 * redemption `redemptionId` of `customerId` (else the holder) is created PENDING
 * (customer.reward_redemptions.created, .pending) and COMPLETED once the reward is given
 * (.completed). Answers the card after it and the reward as shown.
 */
export function payWithCard(
  ctx: Context,
  card: Voucher,
  payment: RewardPayment,
  redemptionId: string,
  order: { id: string; source_id: string | null } | undefined,
  customerId?: string | null,
): { card: Voucher; reward: RewardShown } {
  const { reward, assignment, points } = payment;
  const holder = card.holder_id ? customers(ctx.tenant).get(card.holder_id) : undefined;
  if (!holder && reward.type === 'CAMPAIGN') throw REWARD_ERRORS.missingHolder(card.code);
  const current = vouchers(ctx.tenant).get(card.id) ?? card;
  const loyalty = current.loyalty_card ?? { points: 0, balance: 0 };
  const now = timestamp(ctx.clock);
  const paid = vouchers(ctx.tenant).put({
    ...current,
    loyalty_card: { ...loyalty, balance: loyalty.balance - points },
    redemption: {
      ...current.redemption,
      redeemed_quantity: current.redemption.redeemed_quantity + 1,
      redeemed_points: (current.redemption.redeemed_points ?? 0) + points,
    },
    updated_at: now,
  });
  recordTransaction(ctx, paid, { type: 'POINTS_REDEMPTION', change: -points, order, redemption: { id: redemptionId }, reward: { id: reward.id, name: reward.name } });
  if (reward.stock !== null) rewards(ctx.tenant).put({ ...reward, redeemed: (reward.redeemed ?? 0) + 1 });

  const { stock: _stock, redeemed: _redeemed, attributes: _attributes, metadata: _metadata, ...about } = reward;
  const shown: RewardShown = { customer: redemptionCustomer(holder), assignment_id: assignment.id };
  if (reward.type === 'MATERIAL' && reward.parameters.product) {
    const { id, sku_id } = reward.parameters.product;
    shown.product = getProduct(ctx, id);
    if (sku_id) shown.sku = getSku(ctx, sku_id);
  }
  const source = { id: redemptionId, type: 'redemption' as const };
  const pending = rewardRedemptions(ctx.tenant).put({
    id: `rewr_${ctx.ids.code(ALNUM, 24)}`,
    state: 'PENDING',
    source_id: redemptionId,
    source_type: 'redemption',
    voucher_id: card.id,
    campaign_id: card.campaign_id,
    customer_id: customerId ?? holder?.id ?? null,
    reward_assignment_id: assignment.id,
    created_at: now,
    updated_at: null,
  });
  // Before the reward is given: what it gives is not shown yet.
  const before = { ...shown, ...about, object: 'reward' };
  emitRewardRedemptionEvent(ctx, 'customer.reward_redemptions.created', pending, { reward: before, source });
  emitRewardRedemptionEvent(ctx, 'customer.reward_redemptions.pending', pending, { reward: before, source });

  const given = reward.type === 'CAMPAIGN' && holder ? giveCampaignReward(ctx, reward, holder) : undefined;
  if (given) shown.voucher = given.voucher;
  const shownReward = { ...shown, ...about, object: 'reward' };
  // The mock gives every reward at once: it is completed in the request that bought it.
  const completed = rewardRedemptions(ctx.tenant).put({ ...pending, state: 'COMPLETED' });
  emitRewardRedemptionEvent(ctx, 'customer.reward_redemptions.completed', completed, { reward: shownReward, source, balance: given?.balance, publication: given?.publication });
  return { card: vouchers(ctx.tenant).get(card.id) ?? paid, reward: shownReward };
}

/**
 * The reward redemption of a redemption that is rolled back becomes ROLLEDBACK
 * (customer.reward_redemptions.rolledback, its source the rollback); what the reward gave stays given.
 */
export function rollbackRewardRedemption(ctx: Context, redemption: { id: string; reward: Record<string, unknown> }, rollbackId: string, date: string): void {
  const all = rewardRedemptions(ctx.tenant);
  const found = all.findBy('source_id', redemption.id);
  if (!found) return;
  const rolledBack: RewardRedemption = all.put({ ...found, state: 'ROLLEDBACK', updated_at: date });
  emitRewardRedemptionEvent(ctx, 'customer.reward_redemptions.rolledback', rolledBack, {
    reward: redemption.reward,
    source: { id: rollbackId, type: 'redemption_rollback' },
  });
}

/** A rolled back reward redemption gives the points back (POINTS_REFUND); the reward given stays given. */
export function refundPoints(ctx: Context, cardId: string, points: number, redemptionId: string, rollbackId: string, order: { id: string; source_id: string | null } | undefined): Voucher | undefined {
  const current = vouchers(ctx.tenant).get(cardId);
  if (!current?.loyalty_card) return current;
  const refunded = vouchers(ctx.tenant).put({
    ...current,
    loyalty_card: { ...current.loyalty_card, balance: current.loyalty_card.balance + points },
    redemption: { ...current.redemption, redeemed_points: Math.max(0, (current.redemption.redeemed_points ?? 0) - points) },
    updated_at: timestamp(ctx.clock),
  });
  recordTransaction(ctx, refunded, { type: 'POINTS_REFUND', change: points, order, redemption: { id: redemptionId }, rollback: { id: rollbackId } });
  return refunded;
}

// ---- the checkout's side ------------------------------------------------------------------------

/** Why the card cannot pay with the reward against what is left of the order, if it cannot. */
export function rewardRefusal(ctx: Context, card: Voucher, requested: { id?: string; points?: number }, order: CalculatedOrder): VoucherifyError | undefined {
  const chosen = cardReward(ctx, card, requested.id ?? '');
  if (chosen instanceof VoucherifyError) return chosen;
  const payment = rewardPayment(card, chosen, order, requested.points);
  return payment instanceof VoucherifyError ? payment : undefined;
}

/** What the card paying with the reward does to the order (a COIN reward takes its points' worth off; others nothing), and its result. */
export function applyReward(ctx: Context, card: Voucher, requested: { id?: string; points?: number }, order: CalculatedOrder) {
  const chosen = cardReward(ctx, card, requested.id ?? '');
  const payment = chosen instanceof VoucherifyError ? chosen : rewardPayment(card, chosen, order, requested.points);
  // rewardRefusal let it through: it cannot be refused now.
  if (payment instanceof VoucherifyError) throw payment;
  return { order: payment.order ?? order, result: { loyalty_card: { points: payment.points } }, amount: payment.cents, points: payment.points, payment };
}

/**
 * GET /v1/loyalties/{campaignId}/tiers/{loyaltyTierId}/rewards: each reward assigned to the program
 * with its assignment priced for the tier (pricedAssignment: what a member of the tier pays), oldest
 * assignment first.
 */
export function listTierRewards(ctx: Context, program: Campaign, tier: LoyaltyTier) {
  const data = rewardAssignments(ctx.tenant)
    .groupOf('related_object_id', program.id)
    .map((assignment) => ({ reward: getReward(ctx, assignment.reward_id), assignment: pricedAssignment(assignment, tier), object: 'loyalty_tier_reward' as const }));
  return { object: 'list' as const, data_ref: 'data' as const, data, total: data.length };
}
