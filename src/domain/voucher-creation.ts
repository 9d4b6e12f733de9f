// Creating one voucher with a given code, as POST /v1/vouchers/{code}, POST /v1/campaigns/{id}/vouchers/{code}
// and the voucher imports do it: the checks a new voucher must pass, the factory, the voucher.created event.

import { duplicateFound, invalidCampaign, invalidPayload } from '../errors.js';
import { isInBin } from './bin.js';
import { categoryFields } from './categories.js';
import { vouchers } from './collections.js';
import type { Context } from './context.js';
import { emitVoucherEvent } from './events.js';
import { assertDiscountFormulas } from './formulas.js';
import { findVoucher, getCampaign } from './lookups.js';
import type { Campaign, Discount, Metadata, Voucher, VoucherType } from './records.js';
import { TYPE_PART, buildVoucher, instant, type VoucherInit } from './vouchers.js';

/**
 * What a request sends of a new voucher (create-voucher's body, an import's entry): what a campaign
 * voucher may set, and the type, its part and the validity windows a voucher of no campaign needs.
 */
export interface VoucherRequest
  extends CampaignVoucherRequest,
    Pick<VoucherInit, 'type' | 'gift' | 'loyalty_card' | 'validity_timeframe' | 'validity_day_of_week' | 'validity_hours'> {
  /** As the spec checked it against each discount type's required fields. */
  discount?: unknown;
}

/** The type a body's part implies: the one of discount, gift and loyalty_card it carries (the first, with several). */
function impliedType(body: VoucherRequest): VoucherType | undefined {
  if (body.discount != null) return 'DISCOUNT_VOUCHER';
  if (body.gift != null) return 'GIFT_VOUCHER';
  if (body.loyalty_card != null) return 'LOYALTY_CARD';
  return undefined;
}

/**
 * Creates one voucher with `code`. Same code as an existing voucher: 409 duplicate_found.
 * Without a campaign the body must carry its part (discount, gift or loyalty_card), and its type
 * unless the part tells it; with one, the campaign's voucher template fills the gaps.
 */
export function createVoucherWithCode(ctx: Context, code: string, body: VoucherRequest, campaign: Campaign | undefined): Voucher {
  // A code the bin keeps is still taken (Voucherify frees it only with a delete for good).
  if (vouchers(ctx.tenant).findBy('code', code) || isInBin(ctx, 'voucher', code)) throw duplicateFound('voucher', code);
  // Voucherify infers a voucher's type from the part it carries when `type` is left out.
  const type = body.type ?? (campaign ? undefined : impliedType(body));
  if (!campaign) {
    if (type === undefined) throw invalidPayload("Payload must have required property 'type' (or one of 'discount', 'gift', 'loyalty_card')");
    // Without a campaign template, the body must carry the part its type needs.
    const part = TYPE_PART[type];
    if (body[part] === undefined || body[part] === null) throw invalidPayload(`Payload must have required property '${part}'`);
  }
  assertDiscountFormulas(body.discount as Discount | null | undefined);
  const voucher = buildVoucher(ctx, {
    code,
    campaign: campaign ?? null,
    type,
    // The spec checked the discount against each type's required fields.
    discount: body.discount as Discount | null | undefined,
    gift: body.gift,
    loyalty_card: body.loyalty_card,
    ...categoryFields(ctx, body),
    metadata: body.metadata ?? undefined,
    redemption: body.redemption,
    additional_info: body.additional_info,
    start_date: instant(body.start_date),
    expiration_date: instant(body.expiration_date),
    validity_timeframe: body.validity_timeframe,
    validity_day_of_week: body.validity_day_of_week,
    validity_hours: body.validity_hours,
    active: body.active,
  });
  const created = vouchers(ctx.tenant).put(voucher);
  emitVoucherEvent(ctx, 'voucher.created', created);
  return created;
}

/** What a caller may set on a voucher added to a campaign; the rest comes from the campaign's template. */
export interface CampaignVoucherRequest {
  category?: string | null;
  category_id?: string | null;
  metadata?: Metadata | null;
  redemption?: { quantity?: number | null };
  additional_info?: string | null;
  start_date?: string | null;
  expiration_date?: string | null;
  active?: boolean;
}

/** The fields of `body` a campaign voucher takes (those left out come from the campaign). */
export function campaignVoucherInit(ctx: Context, body: CampaignVoucherRequest): Omit<VoucherInit, 'code' | 'campaign'> {
  const init: Omit<VoucherInit, 'code' | 'campaign'> = { ...categoryFields(ctx, body) };
  if (body.metadata !== undefined && body.metadata !== null) init.metadata = body.metadata;
  if (body.redemption !== undefined) init.redemption = body.redemption;
  if (body.additional_info !== undefined) init.additional_info = body.additional_info;
  if (body.start_date !== undefined) init.start_date = instant(body.start_date);
  if (body.expiration_date !== undefined) init.expiration_date = instant(body.expiration_date);
  if (body.active !== undefined) init.active = body.active;
  return init;
}

/** Vouchers belong to coupon, gift, loyalty and referral campaigns; a promotion has tiers instead. */
export function getVoucherCampaign(ctx: Context, idOrName: string): Campaign {
  const campaign = getCampaign(ctx, idOrName);
  if (campaign.campaign_type === 'PROMOTION') {
    throw invalidCampaign(`Campaign ${campaign.name} is a PROMOTION campaign; vouchers cannot be added to it`);
  }
  return campaign;
}

/**
 * One voucher with the caller's code added to `campaign`; a code the tenant already has is 409
 * duplicate_found (voucher). `init` may add what the body cannot say (an import's gift amount).
 */
export function addCampaignVoucher(
  ctx: Context,
  campaign: Campaign,
  code: string,
  body: CampaignVoucherRequest,
  init: Omit<VoucherInit, 'code' | 'campaign'> = {},
): Voucher {
  if (findVoucher(ctx, code) || isInBin(ctx, 'voucher', code)) throw duplicateFound('voucher', code);
  const voucher = vouchers(ctx.tenant).put(buildVoucher(ctx, { ...campaignVoucherInit(ctx, body), ...init, code, campaign }));
  emitVoucherEvent(ctx, 'voucher.created', voucher);
  return voucher;
}
