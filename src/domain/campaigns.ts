// Campaigns as several resources make and show them: creation with Voucherify's per-type rules
// (campaigns and loyalty programs), and the campaign as the API shows it.

import { duplicateName, invalidCampaign } from '../errors.js';
import type { RequestBody } from '../openapi/operation-types.js';
import { timestamp } from '../store/clock.js';
import { recordAsyncAction } from './async-actions.js';
import { isInBin } from './bin.js';
import { categoryFields } from './categories.js';
import { completeCodeConfig } from './codes.js';
import { campaigns, vouchers } from './collections.js';
import type { Context } from './context.js';
import { assertDiscountFormulas } from './formulas.js';
import { emitCampaignEvent } from './events.js';
import { addPromotionTier, campaignTiers } from './promotions.js';
import type { Campaign, CampaignType, VoucherTemplate, VoucherType } from './records.js';
import { generateVouchers, instant } from './vouchers.js';

export type CampaignCreateRequest = RequestBody<'create-campaign'>;

/**
 * The campaign as the API shows it: vouchers_count is the number of vouchers it holds now; a
 * PROMOTION campaign lists its tiers as they are now (the promotion_tiers records).
 */
export function campaignView(ctx: Context, campaign: Campaign): Campaign {
  const view = { ...campaign, vouchers_count: vouchers(ctx.tenant).countOf('campaign_id', campaign.id) };
  if (campaign.campaign_type === 'PROMOTION') {
    const tiers = campaignTiers(ctx, campaign.id);
    view.promotion = { object: 'list', data_ref: 'tiers', tiers, total: tiers.length, has_more: false };
  }
  return view;
}

/** The voucher type and the template part each campaign type needs. */
export const CAMPAIGN_VOUCHERS: Record<Exclude<CampaignType, 'PROMOTION'>, { voucherType: VoucherType; part: 'discount' | 'gift' | 'loyalty_card' }> = {
  DISCOUNT_COUPONS: { voucherType: 'DISCOUNT_VOUCHER', part: 'discount' },
  REFERRAL_PROGRAM: { voucherType: 'DISCOUNT_VOUCHER', part: 'discount' },
  GIFT_VOUCHERS: { voucherType: 'GIFT_VOUCHER', part: 'gift' },
  LOYALTY_PROGRAM: { voucherType: 'LOYALTY_CARD', part: 'loyalty_card' },
};

/** The campaign type whose vouchers the template makes, by its type or else its part. */
const TYPE_OF_TEMPLATE: Record<VoucherType, CampaignType> = {
  DISCOUNT_VOUCHER: 'DISCOUNT_COUPONS',
  GIFT_VOUCHER: 'GIFT_VOUCHERS',
  LOYALTY_CARD: 'LOYALTY_PROGRAM',
};

/**
 * campaign_type when the body leaves it out, as Voucherify infers it: from the voucher template
 * (its type, else the part it has: loyalty_card or gift), a PROMOTION when only promotion tiers
 * are sent, and DISCOUNT_COUPONS otherwise.
 */
function impliedCampaignType(body: CampaignCreateRequest): CampaignType {
  const voucher = body.voucher;
  if (voucher?.type) return TYPE_OF_TEMPLATE[voucher.type];
  if (voucher?.loyalty_card) return 'LOYALTY_PROGRAM';
  if (voucher?.gift) return 'GIFT_VOUCHERS';
  if (!voucher && body.promotion) return 'PROMOTION';
  return 'DISCOUNT_COUPONS';
}

/** Checks the parts JSON Schema cannot tie to campaign_type, with Voucherify's wording. */
function checkTypeRules(campaignType: CampaignType, body: CampaignCreateRequest): void {
  // A PROMOTION campaign may start without tiers and get them later (POST /v1/promotions/{campaignId}/tiers).
  if (campaignType === 'PROMOTION') return;
  const { voucherType, part } = CAMPAIGN_VOUCHERS[campaignType];
  const voucher = body.voucher;
  if (!voucher) throw invalidCampaign(`Property 'voucher' is required for ${campaignType} campaign`);
  if (voucher.type !== undefined && voucher.type !== voucherType) {
    throw invalidCampaign(`Property 'voucher.type' must be ${voucherType} for ${campaignType} campaign`);
  }
  if (!voucher[part]) throw invalidCampaign(`Property '${part}' is required for ${campaignType} campaign`);
  if (part === 'gift' && !((voucher.gift?.amount ?? 0) > 0)) {
    throw invalidCampaign(`Property 'gift.amount' must be greater than zero for ${campaignType} campaign`);
  }
}

/** { [key]: value } when the value was given, {} when not: optional fields appear only when sent. */
/** A field only when it has a value: null (what an answer shows when unset) is left out as undefined is. */
const optional = <K extends string, V>(key: K, value: V | null | undefined) => (value == null ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The result a CAMPAIGN.VOUCHERS_GENERATE async action records. */
export const generatedVouchersResult = (count: number) => ({ message: `Generated ${count} vouchers.`, done_count: count });

/**
 * Creates a campaign and its `vouchers_count` vouchers. Same name twice: 409 duplicate_found.
 * Voucherify generates more than one voucher in the background (CAMPAIGN.VOUCHERS_GENERATE);
 * the mock generates them at once and records that action as DONE.
 */
export function createCampaign(ctx: Context, body: CampaignCreateRequest & { loyalty_tiers_expiration?: Record<string, unknown> }): Campaign {
  // A name the bin keeps is still taken (Voucherify frees it only with a delete for good).
  if (campaigns(ctx.tenant).findBy('name', body.name) || isInBin(ctx, 'campaign', body.name)) throw duplicateName('campaign', body.name);
  const campaignType: CampaignType = body.campaign_type ?? impliedCampaignType(body);
  checkTypeRules(campaignType, body);
  const category = categoryFields(ctx, body);
  const now = timestamp(ctx.clock);
  let template: VoucherTemplate | undefined;
  if (campaignType !== 'PROMOTION') {
    const { voucherType } = CAMPAIGN_VOUCHERS[campaignType];
    const voucher = body.voucher as NonNullable<CampaignCreateRequest['voucher']>;
    assertDiscountFormulas(voucher.discount);
    template = {
      // The spec checked the discount; its union type is the record's.
      ...(voucher as Omit<VoucherTemplate, 'type'>),
      type: voucherType,
      redemption: { quantity: voucher.redemption?.quantity ?? null },
      code_config: completeCodeConfig(voucher.code_config),
      is_referral_code: campaignType === 'REFERRAL_PROGRAM',
      // Voucherify repeats the campaign's validity in its voucher template.
      ...optional('start_date', instant(body.start_date)),
      ...optional('expiration_date', instant(body.expiration_date)),
      ...optional('validity_timeframe', body.validity_timeframe),
    };
  }
  // In the order Voucherify answers the fields; optional ones only when sent.
  const campaign: Campaign = {
    id: ctx.ids.campaign(),
    name: body.name,
    ...optional('description', body.description),
    campaign_type: campaignType,
    type: body.type ?? 'AUTO_UPDATE',
    ...optional('voucher', template),
    auto_join: body.auto_join ?? false,
    join_once: body.join_once ?? false,
    use_voucher_metadata_schema: body.use_voucher_metadata_schema ?? true,
    ...optional('start_date', instant(body.start_date)),
    ...optional('expiration_date', instant(body.expiration_date)),
    ...optional('validity_timeframe', body.validity_timeframe),
    ...optional('validity_day_of_week', body.validity_day_of_week),
    ...optional('validity_hours', body.validity_hours),
    ...optional('activity_duration_after_publishing', body.activity_duration_after_publishing),
    ...optional('referral_program', body.referral_program),
    ...optional('loyalty_tiers_expiration', body.loyalty_tiers_expiration),
    vouchers_count: 0,
    active: body.active ?? true,
    metadata: body.metadata ?? {},
    created_at: now,
    ...optional('category', category?.category),
    creation_status: 'DONE',
    vouchers_generation_status: 'DONE',
    protected: false,
    validation_rules_assignments: { object: 'list', data_ref: 'data', data: [], total: 0 },
    category_id: category?.category_id ?? null,
    categories: category?.categories ?? [],
    object: 'campaign',
  };
  campaigns(ctx.tenant).put(campaign);
  // Inline tiers become promotion_tiers records, numbered in the order sent unless they say otherwise.
  if (campaignType === 'PROMOTION') (body.promotion?.tiers ?? []).forEach((tier, index) => addPromotionTier(ctx, campaign, { hierarchy: index + 1, ...tier }, now));
  const count = campaignType === 'PROMOTION' ? 0 : (body.vouchers_count ?? 0);
  generateVouchers(ctx, campaign, count);
  if (count > 1) recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_GENERATE', generatedVouchersResult(count));
  emitCampaignEvent(ctx, 'campaign.created', campaign);
  if (count > 0) emitCampaignEvent(ctx, 'campaign.vouchers.generation.completed', campaign, count);
  return campaignView(ctx, campaign);
}

