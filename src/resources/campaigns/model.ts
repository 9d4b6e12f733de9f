// Campaigns: the list, updates, deletion, enabling/disabling, and adding vouchers to a campaign (one
// at once, many as an async action). Creation is shared with loyalty programs (domain/campaigns.ts).

import { recordAsyncAction } from '../../domain/async-actions.js';
import { campaignView, generatedVouchersResult } from '../../domain/campaigns.js';
import { categoryFields } from '../../domain/categories.js';
import { campaigns, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { emitCampaignEvent, emitVoucherEvent } from '../../domain/events.js';
import { findVoucher, getCampaign } from '../../domain/lookups.js';
import { removeCampaignPromotions } from '../../domain/promotions.js';
import type { AsyncAction, Campaign, Discount, Metadata, Voucher, VoucherTemplate } from '../../domain/records.js';
import { removeAssignmentsOf } from '../../domain/rules.js';
import { buildVoucher, generateVouchers, instant, removeVoucher, type VoucherInit } from '../../domain/vouchers.js';
import { duplicateFound, invalidCampaign, invalidPayload } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { applyFilters, type Filters } from '../../lists/filters.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/** Voucherify's filter names for campaigns, and the campaign field each one reads. */
const FILTER_FIELDS = new Map([
  ['campaigns', 'name'],
  ['campaigns_id', 'id'],
  ['campaign_status', 'creation_status'],
]);

/**
 * One page of campaigns: `{object, data_ref: 'campaigns', campaigns, total}` (Voucherify's list has
 * no has_more). Newest first unless `order` says otherwise.
 */
export function listCampaigns(ctx: Context, query: RequestQuery<'list-campaigns'>) {
  const order = query.order ?? '-created_at';
  const simple = (c: Campaign) => {
    if (query.campaign_type !== undefined && c.campaign_type !== query.campaign_type) return false;
    if (query.campaign_status !== undefined && c.creation_status !== query.campaign_status) return false;
    if (query.is_referral_code !== undefined && (c.voucher?.is_referral_code ?? false) !== query.is_referral_code) return false;
    return true;
  };
  const filtered = query.campaign_type !== undefined || query.campaign_status !== undefined || query.is_referral_code !== undefined;
  let page;
  if (query.filters) {
    const renamed: Filters = Object.fromEntries(Object.entries(query.filters).map(([name, value]) => [FILTER_FIELDS.get(name) ?? name, value]));
    page = numberedPage(applyFilters(campaigns(ctx.tenant).all().filter(simple), renamed, ctx.clock()), query, order);
  } else {
    page = orderedPage(campaigns(ctx.tenant), query, order, filtered ? simple : undefined);
  }
  // Voucherify lists campaigns with an empty `categories` unless expand=category asks for them.
  const expanded = query.expand === 'category';
  return listEnvelope(
    'campaigns',
    page.items.map((c) => (expanded || !c.categories?.length ? campaignView(ctx, c) : { ...campaignView(ctx, c), categories: [] })),
    { total: page.total },
  );
}

/** Fields every campaign type may change; the coupon fields do not apply to PROMOTION. */
const UPDATABLE = ['validity_timeframe', 'validity_day_of_week', 'validity_hours', 'description'] as const;
/** Fields a campaign leaves out when it has none: null sent for them clears them. */
const CLEARED_BY_NULL = ['description', 'activity_duration_after_publishing', 'start_date', 'expiration_date'] as const;
const COUPON_UPDATABLE = ['activity_duration_after_publishing', 'join_once', 'auto_join', 'type'] as const;

/**
 * Voucherify's update: only the listed fields change, anything else (name, campaign_type,
 * vouchers_count, …) is silently skipped. metadata is merged key by key, then unset_metadata_fields
 * removed. New dates, validity, discount or gift reach the campaign's vouchers that are neither
 * published nor redeemed; that is a CAMPAIGN.VOUCHERS_UPDATE async action, recorded as DONE.
 */
export function updateCampaign(ctx: Context, idOrName: string, body: RequestBody<'update-campaign'>): Campaign {
  const campaign = getCampaign(ctx, idOrName);
  const type = campaign.campaign_type;
  const next: Campaign = { ...campaign };
  const changes: Record<string, unknown> = { ...categoryFields(ctx, body) };
  for (const field of UPDATABLE) if (body[field] !== undefined) changes[field] = body[field];
  if (type !== 'PROMOTION') for (const field of COUPON_UPDATABLE) if (body[field] !== undefined) changes[field] = body[field];
  Object.assign(next, changes);
  if (body.start_date !== undefined) next.start_date = instant(body.start_date);
  if (body.expiration_date !== undefined) next.expiration_date = instant(body.expiration_date);
  // null clears: these fields are left out of a campaign that has none.
  for (const field of CLEARED_BY_NULL) if (next[field] === null) delete next[field];
  if (body.metadata !== undefined || body.unset_metadata_fields) {
    const metadata: Metadata = { ...campaign.metadata, ...body.metadata };
    for (const key of body.unset_metadata_fields ?? []) delete metadata[key];
    next.metadata = metadata;
  }
  if (type === 'REFERRAL_PROGRAM' && body.referral_program !== undefined) next.referral_program = body.referral_program;
  if (type === 'LOYALTY_PROGRAM' && body.loyalty_tiers_expiration !== undefined) next.loyalty_tiers_expiration = body.loyalty_tiers_expiration;

  // What the vouchers take over, and the template that new vouchers start from.
  const voucherChanges: Partial<Voucher> = {};
  const template: VoucherTemplate = { ...campaign.voucher };
  if ((type === 'DISCOUNT_COUPONS' || type === 'REFERRAL_PROGRAM') && body.discount !== undefined) {
    // The spec checked the discount; its union type is the record's.
    template.discount = voucherChanges.discount = body.discount as Discount;
  }
  if (type === 'GIFT_VOUCHERS' && body.gift !== undefined) {
    const gift = { ...template.gift, ...body.gift };
    template.gift = gift;
    voucherChanges.gift = { amount: gift.amount ?? 0, balance: gift.amount ?? 0, effect: gift.effect ?? null };
  }
  // The vouchers show a cleared date as null; the template, as the campaign, leaves it out.
  if (body.start_date !== undefined) voucherChanges.start_date = template.start_date = next.start_date ?? null;
  if (body.expiration_date !== undefined) voucherChanges.expiration_date = template.expiration_date = next.expiration_date ?? null;
  if (template.start_date === null) delete template.start_date;
  if (template.expiration_date === null) delete template.expiration_date;
  if (body.validity_timeframe !== undefined) template.validity_timeframe = voucherChanges.validity_timeframe = next.validity_timeframe;
  if (body.validity_day_of_week !== undefined) voucherChanges.validity_day_of_week = body.validity_day_of_week;
  if (campaign.voucher) next.voucher = template;
  const now = timestamp(ctx.clock);
  next.updated_at = now;
  campaigns(ctx.tenant).put(next);
  emitCampaignEvent(ctx, 'campaign.updated', next);

  if (Object.keys(voucherChanges).length > 0) {
    let updated = 0;
    const all = vouchers(ctx.tenant);
    for (const voucher of all.groupOf('campaign_id', campaign.id)) {
      if (voucher.publish.count > 0 || (voucher.redemption?.redeemed_quantity ?? 0) > 0) continue;
      all.put({ ...voucher, ...voucherChanges, updated_at: now });
      updated++;
    }
    recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_UPDATE', { message: `Updated ${updated} vouchers.`, done_count: updated });
  }
  return campaignView(ctx, next);
}

/**
 * Deletes the campaign with its vouchers, their holders and their publications (Voucherify's bin
 * is not modelled: with or without `force` they are gone). Voucherify does this in the background
 * and answers the async action's id; the mock has finished when it answers.
 */
export function deleteCampaign(ctx: Context, idOrName: string): AsyncAction {
  const campaign = getCampaign(ctx, idOrName);
  const owned = vouchers(ctx.tenant).groupOf('campaign_id', campaign.id);
  for (const voucher of owned) removeVoucher(ctx, voucher);
  removeAssignmentsOf(ctx, campaign.id);
  removeCampaignPromotions(ctx, campaign.id);
  campaigns(ctx.tenant).remove(campaign.id);
  emitCampaignEvent(ctx, 'campaign.deleted', campaign);
  const count = owned.length;
  return recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_DELETE', { message: `Deleted ${count} vouchers.`, done_count: count });
}

/** Turns the campaign on or off; Voucherify answers an empty object. */
export function setCampaignActive(ctx: Context, idOrName: string, active: boolean): Record<string, never> {
  const campaign = getCampaign(ctx, idOrName);
  campaigns(ctx.tenant).put({ ...campaign, active, updated_at: timestamp(ctx.clock) });
  emitCampaignEvent(ctx, active ? 'campaign.enabled' : 'campaign.disabled', campaign);
  return {};
}

/** What a caller may set on vouchers added to a campaign; the rest comes from the campaign's template. */
type CampaignVoucherRequest = NonNullable<RequestBody<'add-voucher-with-specific-code-to-campaign'>>;
type CampaignVouchersRequest = NonNullable<RequestBody<'add-vouchers-to-campaign'>>;

function voucherInit(ctx: Context, body: CampaignVoucherRequest): Omit<VoucherInit, 'code' | 'campaign'> {
  const init: Omit<VoucherInit, 'code' | 'campaign'> = { ...categoryFields(ctx, body) };
  if (body.metadata !== undefined) init.metadata = body.metadata;
  if (body.redemption !== undefined) init.redemption = body.redemption;
  if (body.additional_info !== undefined) init.additional_info = body.additional_info;
  if (body.start_date !== undefined) init.start_date = instant(body.start_date);
  if (body.expiration_date !== undefined) init.expiration_date = instant(body.expiration_date);
  if (body.active !== undefined) init.active = body.active;
  return init;
}

/** Vouchers belong to coupon, gift, loyalty and referral campaigns; a promotion has tiers instead. */
function voucherCampaign(ctx: Context, idOrName: string): Campaign {
  const campaign = getCampaign(ctx, idOrName);
  if (campaign.campaign_type === 'PROMOTION') {
    throw invalidCampaign(`Campaign ${campaign.name} is a PROMOTION campaign; vouchers cannot be added to it`);
  }
  return campaign;
}

/** One voucher with the caller's code; a code the tenant already has is 409 duplicate_found (voucher). */
function addVoucherWithCode(ctx: Context, campaign: Campaign, code: string, body: CampaignVoucherRequest): Voucher {
  if (findVoucher(ctx, code)) throw duplicateFound('voucher', code);
  const voucher = vouchers(ctx.tenant).put(buildVoucher(ctx, { ...voucherInit(ctx, body), code, campaign }));
  emitVoucherEvent(ctx, 'voucher.created', voucher);
  return voucher;
}

export type AddedVouchers = { voucher: Voucher } | { asyncAction: AsyncAction };

/**
 * POST /v1/campaigns/{campaignId}/vouchers: one voucher is answered at once; more than one is
 * an async action (CAMPAIGN.VOUCHERS_GENERATE) in Voucherify, done here before the answer.
 * `code` names a single voucher, so it cannot go with vouchers_count above 1.
 */
export function addVouchers(ctx: Context, idOrName: string, body: CampaignVouchersRequest, count = 1): AddedVouchers {
  const campaign = voucherCampaign(ctx, idOrName);
  if (body.code !== undefined && count > 1) {
    throw invalidPayload(`Property .code cannot be used when vouchers_count is greater than 1 (got ${count})`);
  }
  if (body.code !== undefined) return { voucher: addVoucherWithCode(ctx, campaign, body.code, body) };
  const init = { ...voucherInit(ctx, body), ...(body.code_config ? { code_config: body.code_config } : {}) };
  const added = generateVouchers(ctx, campaign, count, init);
  if (count === 1) {
    emitVoucherEvent(ctx, 'voucher.created', added[0]);
    return { voucher: added[0] };
  }
  emitCampaignEvent(ctx, 'campaign.vouchers.generation.completed', campaign, count);
  return { asyncAction: recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_GENERATE', generatedVouchersResult(count)) };
}

/** POST /v1/campaigns/{campaignId}/vouchers/{code}. */
export function addVoucherToCampaign(ctx: Context, idOrName: string, code: string, body: CampaignVoucherRequest = {}): Voucher {
  const campaign = voucherCampaign(ctx, idOrName);
  return addVoucherWithCode(ctx, campaign, code, body);
}
