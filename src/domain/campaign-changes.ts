// Changing and deleting campaigns of every type, shared by the campaigns and loyalty resources:
// Voucherify's update (only the updatable fields; new defaults reach the vouchers nobody holds or
// redeemed yet) and deletion with everything the campaign owns.

import type { RequestBody } from '../openapi/operation-types.js';
import { timestamp } from '../store/clock.js';
import { recordAsyncAction } from './async-actions.js';
import { moveToBin } from './bin.js';
import { campaignView } from './campaigns.js';
import { categoryFields } from './categories.js';
import { campaigns, vouchers } from './collections.js';
import type { Context } from './context.js';
import { emitCampaignEvent } from './events.js';
import { assertDiscountFormulas } from './formulas.js';
import { getCampaign } from './lookups.js';
import { removeProgramTiers } from './loyalty-tiers.js';
import { removeCampaignPromotions } from './promotions.js';
import type { AsyncAction, Campaign, Discount, LoyaltyCard, Metadata, Voucher, VoucherTemplate } from './records.js';
import { removeAssignmentsOf } from './rules.js';
import { forgetValidations } from './validation-log.js';
import { forgetVoucherDeletions } from './voucher-deletions.js';
import { instant, removeVoucher } from './vouchers.js';

/** The campaigns' update body; loyalty programs may also send a new card template (loyalty_card). */
export type CampaignUpdate = RequestBody<'update-campaign'> & { loyalty_card?: { points?: number; [field: string]: unknown } };

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
export function updateCampaign(ctx: Context, idOrName: string, body: CampaignUpdate): Campaign {
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
    assertDiscountFormulas(body.discount);
    // The spec checked the discount; its union type is the record's.
    template.discount = voucherChanges.discount = body.discount as Discount;
  }
  if (type === 'GIFT_VOUCHERS' && body.gift !== undefined) {
    const gift = { ...template.gift, ...body.gift };
    template.gift = gift;
    voucherChanges.gift = { amount: gift.amount ?? 0, balance: gift.amount ?? 0, effect: gift.effect ?? null };
  }
  if (type === 'LOYALTY_PROGRAM' && body.loyalty_card !== undefined) {
    const card = { ...template.loyalty_card, ...body.loyalty_card };
    template.loyalty_card = card;
    // A card nobody holds starts with the template's points.
    if (body.loyalty_card.points !== undefined) voucherChanges.loyalty_card = { points: card.points ?? 0, balance: card.points ?? 0 } as LoyaltyCard;
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
 * Deletes the campaign with its vouchers, their holders and their publications. Without `force`
 * the campaign goes to the bin with its vouchers: one bin entry names the campaign and keeps its
 * name and its vouchers' codes taken until that entry is deleted for good; with `force` nothing
 * is kept. Either way the campaign and its vouchers are no longer found. Voucherify does this in
 * the background and answers the async action's id; the mock has finished when it answers.
 */
export function deleteCampaign(ctx: Context, idOrName: string, force = false): AsyncAction {
  const campaign = getCampaign(ctx, idOrName);
  const owned = vouchers(ctx.tenant).groupOf('campaign_id', campaign.id);
  // Newest first: each removal then takes the last element of the campaign's index lists, not the first.
  for (let i = owned.length - 1; i >= 0; i--) removeVoucher(ctx, owned[i]);
  removeAssignmentsOf(ctx, campaign.id);
  removeCampaignPromotions(ctx, campaign.id);
  removeProgramTiers(ctx, campaign.id);
  forgetVoucherDeletions(ctx, campaign.id);
  forgetValidations(ctx, campaign.id);
  campaigns(ctx.tenant).remove(campaign.id);
  if (!force) moveToBin(ctx, 'campaign', campaign, { vouchers: owned });
  emitCampaignEvent(ctx, 'campaign.deleted', campaign);
  const count = owned.length;
  return recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_DELETE', { message: `Deleted ${count} vouchers.`, done_count: count });
}
