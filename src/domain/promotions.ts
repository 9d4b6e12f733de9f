// Promotion tiers and stacks: the records a PROMOTION campaign gives discounts with (no code), as
// the campaign creation, the promotions resource and the checkout share them.

import { invalidCampaign, notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { ALNUM } from '../store/ids.js';
import { categoryFields } from './categories.js';
import { promotionStacks, promotionTiers } from './collections.js';
import type { Context } from './context.js';
import { assertDiscountFormulas } from './formulas.js';
import { getCampaign } from './lookups.js';
import type { Campaign, Discount, Metadata, PromotionStack, PromotionTier, ValidityHours, ValidityTimeframe } from './records.js';
import { assignRulesOnCreate, assignmentsOf, removeAssignmentsOf } from './rules.js';
import { instant } from './vouchers.js';

/** What a caller may send for a tier (creation, inline in a campaign, or an update). */
export interface PromotionTierInput {
  name?: string;
  banner?: string;
  action?: { discount?: unknown };
  metadata?: Metadata;
  hierarchy?: number;
  active?: boolean;
  start_date?: string | null;
  expiration_date?: string | null;
  validity_timeframe?: ValidityTimeframe | null;
  validity_day_of_week?: number[] | null;
  validity_hours?: ValidityHours | null;
  category?: string | null;
  category_id?: string | null;
  unset_metadata_fields?: string[];
  /** Ids of validation rules to assign to a new tier. */
  validation_rules?: string[];
}

const emptySummary = () => ({ redemptions: { total_redeemed: 0 }, orders: { total_amount: 0, total_discount_amount: 0 } });

/** A tier's promotion campaign; a campaign of another type is 400 invalid_campaign. */
export function getPromotionCampaign(ctx: Context, idOrName: string): Campaign {
  const campaign = getCampaign(ctx, idOrName);
  if (campaign.campaign_type !== 'PROMOTION') throw invalidCampaign(`Campaign ${campaign.name} is not a PROMOTION campaign`);
  return campaign;
}

export const findPromotionTier = (ctx: Context, id: string): PromotionTier | undefined => promotionTiers(ctx.tenant).get(id);

export function getPromotionTier(ctx: Context, id: string): PromotionTier {
  const tier = findPromotionTier(ctx, id);
  if (!tier) throw notFound('promotion_tier', id);
  return tier;
}

/** The validity fields of a request, as instants; only those sent. */
function validityOf(input: PromotionTierInput): Partial<PromotionTier> {
  const fields: Partial<PromotionTier> = {};
  if (input.start_date !== undefined) fields.start_date = input.start_date === null ? null : (instant(input.start_date) ?? null);
  if (input.expiration_date !== undefined) fields.expiration_date = input.expiration_date === null ? null : (instant(input.expiration_date) ?? null);
  if (input.validity_timeframe !== undefined) fields.validity_timeframe = input.validity_timeframe;
  if (input.validity_day_of_week !== undefined) fields.validity_day_of_week = input.validity_day_of_week;
  if (input.validity_hours !== undefined) fields.validity_hours = input.validity_hours;
  return fields;
}

/** The next hierarchy in a campaign: one past the highest its tiers have. */
function nextHierarchy(ctx: Context, campaignId: string): number {
  let highest = 0;
  for (const tier of promotionTiers(ctx.tenant).groupOf('campaign_id', campaignId)) highest = Math.max(highest, tier.hierarchy);
  return highest + 1;
}

/** A new tier of the campaign, stored. */
export function addPromotionTier(ctx: Context, campaign: Campaign, input: PromotionTierInput, now = timestamp(ctx.clock)): PromotionTier {
  const category = categoryFields(ctx, input);
  assertDiscountFormulas(input.action?.discount);
  const tier: PromotionTier = {
    id: `promo_${ctx.ids.code(ALNUM, 24)}`,
    created_at: now,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.banner !== undefined ? { banner: input.banner } : {}),
    // The spec checked the discount; its union type is the record's.
    action: { ...(input.action?.discount !== undefined ? { discount: input.action.discount as Discount } : {}) },
    metadata: input.metadata ?? {},
    hierarchy: input.hierarchy ?? nextHierarchy(ctx, campaign.id),
    promotion_id: campaign.id,
    campaign_id: campaign.id,
    active: input.active ?? true,
    ...validityOf(input),
    category_id: category?.category_id ?? null,
    summary: emptySummary(),
    object: 'promotion_tier',
  };
  if (input.validation_rules?.length) assignRulesOnCreate(ctx, input.validation_rules, 'promotion_tier', tier.id);
  return promotionTiers(ctx.tenant).put(tier);
}

/** The tier as the API shows it: with its campaign's validity and state, and its validation rule assignments (null when it has none). */
export function promotionTierView(ctx: Context, tier: PromotionTier): Record<string, unknown> {
  const campaign = getCampaign(ctx, tier.campaign_id);
  const { summary, object: _object, ...fields } = tier;
  return {
    ...fields,
    campaign: {
      id: campaign.id,
      start_date: campaign.start_date ?? null,
      expiration_date: campaign.expiration_date ?? null,
      ...(campaign.validity_timeframe ? { validity_timeframe: campaign.validity_timeframe } : {}),
      ...(campaign.validity_day_of_week ? { validity_day_of_week: campaign.validity_day_of_week } : {}),
      ...(campaign.validity_hours ? { validity_hours: campaign.validity_hours } : {}),
      active: campaign.active,
      category_id: campaign.category_id ?? null,
      object: 'campaign',
    },
    summary: summary ?? emptySummary(),
    object: 'promotion_tier',
    validation_rule_assignments: assignmentList(ctx, tier.id),
  };
}

/** A tier's validation rule assignments as Voucherify lists them on the tier, or null. */
function assignmentList(ctx: Context, tierId: string) {
  const data = assignmentsOf(ctx, tierId);
  return data.length === 0 ? null : { object: 'list' as const, data_ref: 'data' as const, data, total: data.length };
}

/** A campaign's tiers, by hierarchy (then creation). */
export function campaignTiers(ctx: Context, campaignId: string): PromotionTier[] {
  return [...promotionTiers(ctx.tenant).groupOf('campaign_id', campaignId)].sort((a, b) => a.hierarchy - b.hierarchy);
}

/** Changes the fields sent; metadata is replaced, as Voucherify's tier update does. */
export function updatePromotionTier(ctx: Context, id: string, input: PromotionTierInput): PromotionTier {
  const tier = getPromotionTier(ctx, id);
  const next: PromotionTier = { ...tier, ...validityOf(input), updated_at: timestamp(ctx.clock) };
  if (input.name !== undefined) next.name = input.name;
  if (input.banner !== undefined) next.banner = input.banner;
  assertDiscountFormulas(input.action?.discount);
  if (input.action?.discount !== undefined) next.action = { ...tier.action, discount: input.action.discount as Discount };
  if (input.hierarchy !== undefined) next.hierarchy = input.hierarchy;
  if (input.active !== undefined) next.active = input.active;
  if (input.metadata !== undefined || input.unset_metadata_fields) {
    const metadata: Metadata = { ...tier.metadata, ...input.metadata };
    for (const key of input.unset_metadata_fields ?? []) delete metadata[key];
    next.metadata = metadata;
  }
  const category = categoryFields(ctx, input);
  if (category) next.category_id = category.category_id;
  return promotionTiers(ctx.tenant).put(next);
}

export function setPromotionTierActive(ctx: Context, id: string, active: boolean): PromotionTier {
  const tier = getPromotionTier(ctx, id);
  return promotionTiers(ctx.tenant).put({ ...tier, active, updated_at: timestamp(ctx.clock) });
}

/** Deletes the tier, and takes it out of the stacks that list it. */
export function deletePromotionTier(ctx: Context, id: string): void {
  const tier = getPromotionTier(ctx, id);
  promotionTiers(ctx.tenant).remove(tier.id);
  removeAssignmentsOf(ctx, tier.id);
  const stacks = promotionStacks(ctx.tenant);
  for (const stack of stacks.groupOf('campaign_id', tier.campaign_id)) {
    if (stack.tiers.ids.includes(tier.id)) stacks.put({ ...stack, tiers: { ...stack.tiers, ids: stack.tiers.ids.filter((t) => t !== tier.id) } });
  }
}

/** A campaign's tiers and stacks go with it. */
export function removeCampaignPromotions(ctx: Context, campaignId: string): void {
  const tiers = promotionTiers(ctx.tenant);
  for (const tier of [...tiers.groupOf('campaign_id', campaignId)]) {
    tiers.remove(tier.id);
    removeAssignmentsOf(ctx, tier.id);
  }
  const stacks = promotionStacks(ctx.tenant);
  for (const stack of [...stacks.groupOf('campaign_id', campaignId)]) stacks.remove(stack.id);
}

/** Counts a redemption of the tier: one more, with the order's amount and what this tier took off. */
export function countTierRedemption(ctx: Context, tierId: string, orderAmount: number, discount: number): void {
  const tier = findPromotionTier(ctx, tierId);
  if (!tier) return;
  const summary = tier.summary ?? emptySummary();
  promotionTiers(ctx.tenant).put({
    ...tier,
    summary: {
      redemptions: { total_redeemed: summary.redemptions.total_redeemed + 1 },
      orders: { total_amount: summary.orders.total_amount + orderAmount, total_discount_amount: summary.orders.total_discount_amount + discount },
    },
  });
}

/**
 * A rolled-back redemption of the tier is not counted any more: one fewer redeemed. The orders'
 * totals stay, as the order itself stays (cancelled).
 */
export function uncountTierRedemption(ctx: Context, tierId: string): void {
  const tier = findPromotionTier(ctx, tierId);
  if (!tier) return;
  const summary = tier.summary ?? emptySummary();
  promotionTiers(ctx.tenant).put({ ...tier, summary: { ...summary, redemptions: { total_redeemed: Math.max(0, summary.redemptions.total_redeemed - 1) } } });
}

// Stacks.

export interface PromotionStackInput {
  name?: string;
  tiers?: { ids?: string[]; hierarchy_mode?: 'MANUAL' };
  category?: string | null;
  category_id?: string | null;
}

/** Every tier a stack names must be a tier of its campaign: 404 promotion_tier otherwise. */
function stackTierIds(ctx: Context, campaign: Campaign, ids: string[]): string[] {
  for (const id of ids) {
    const tier = findPromotionTier(ctx, id);
    if (!tier || tier.campaign_id !== campaign.id) throw notFound('promotion_tier', id);
  }
  return [...ids];
}

export function createPromotionStack(ctx: Context, campaignIdOrName: string, input: Required<Pick<PromotionStackInput, 'name'>> & PromotionStackInput): PromotionStack {
  const campaign = getPromotionCampaign(ctx, campaignIdOrName);
  const ids = stackTierIds(ctx, campaign, input.tiers?.ids ?? []);
  const category = categoryFields(ctx, input);
  return promotionStacks(ctx.tenant).put({
    id: `stack_${ctx.ids.code(ALNUM, 24)}`,
    name: input.name,
    created_at: timestamp(ctx.clock),
    campaign_id: campaign.id,
    ...(category ? { category_id: category.category_id } : {}),
    object: 'promotion_stack',
    tiers: { ids, hierarchy_mode: input.tiers?.hierarchy_mode ?? 'MANUAL' },
  });
}

export const findPromotionStack = (ctx: Context, id: string): PromotionStack | undefined => promotionStacks(ctx.tenant).get(id);

/** A stack of the campaign: an unknown campaign is 404 campaign, an unknown (or another campaign's) stack 404 promotion_stack. */
export function getPromotionStack(ctx: Context, campaignIdOrName: string, id: string): PromotionStack {
  const campaign = getCampaign(ctx, campaignIdOrName);
  const stack = findPromotionStack(ctx, id);
  if (!stack || stack.campaign_id !== campaign.id) throw notFound('promotion_stack', id);
  return stack;
}

export function updatePromotionStack(ctx: Context, campaignIdOrName: string, id: string, input: PromotionStackInput): PromotionStack {
  const stack = getPromotionStack(ctx, campaignIdOrName, id);
  const campaign = getCampaign(ctx, stack.campaign_id);
  const next: PromotionStack = { ...stack, updated_at: timestamp(ctx.clock) };
  if (input.name !== undefined) next.name = input.name;
  if (input.tiers?.ids !== undefined) next.tiers = { ...next.tiers, ids: stackTierIds(ctx, campaign, input.tiers.ids) };
  if (input.tiers?.hierarchy_mode !== undefined) next.tiers = { ...next.tiers, hierarchy_mode: input.tiers.hierarchy_mode };
  const category = categoryFields(ctx, input);
  if (category) next.category_id = category.category_id;
  return promotionStacks(ctx.tenant).put(next);
}

export function deletePromotionStack(ctx: Context, campaignIdOrName: string, id: string): void {
  promotionStacks(ctx.tenant).remove(getPromotionStack(ctx, campaignIdOrName, id).id);
}
