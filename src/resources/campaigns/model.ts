// Campaigns: lookup by id or name, creation with Voucherify's per-type rules, and voucher generation.

import { VoucherifyError, notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import type { IdGenerator } from '../../store/ids.js';
import type { Campaign, CampaignType, Metadata, Voucher, VoucherType } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { DEFAULT_CHARSET, DEFAULT_LENGTH, uniqueCode, type CodeConfig } from '../vouchers/codes.js';
import { buildVoucher, type VoucherInit } from '../vouchers/model.js';

export const invalidCampaign = (details: string) => new VoucherifyError(400, 'invalid_campaign', 'Invalid Campaign', { details });

/** Campaign by id (camp_…) or, failing that, by its unique name. */
export function findCampaign(tenant: Tenant, idOrName: string): Campaign | undefined {
  return tenant.campaigns.get(idOrName) ?? tenant.campaigns.findBy('name', idOrName);
}

export function getCampaign(tenant: Tenant, idOrName: string): Campaign {
  const campaign = findCampaign(tenant, idOrName);
  if (!campaign) throw notFound('campaign', idOrName);
  return campaign;
}

/** The campaign as the API shows it: vouchers_count is the number of vouchers it holds now. */
export function campaignView(tenant: Tenant, campaign: Campaign): Campaign {
  return { ...campaign, vouchers_count: tenant.vouchers.countOf('campaign_id', campaign.id) };
}

export interface VoucherTemplate {
  type?: VoucherType;
  discount?: Record<string, unknown>;
  gift?: { amount?: number; effect?: string };
  loyalty_card?: { points?: number; [field: string]: unknown };
  redemption?: { quantity?: number | null };
  code_config?: CodeConfig;
  is_referral_code?: boolean;
}

export interface CampaignCreateBody {
  name: string;
  description?: string;
  campaign_type: CampaignType;
  type?: 'AUTO_UPDATE' | 'STATIC';
  join_once?: boolean;
  auto_join?: boolean;
  use_voucher_metadata_schema?: boolean;
  vouchers_count?: number;
  start_date?: string;
  expiration_date?: string;
  validity_timeframe?: Record<string, unknown>;
  validity_day_of_week?: number[];
  activity_duration_after_publishing?: string;
  active?: boolean;
  metadata?: Metadata;
  category?: string;
  voucher?: VoucherTemplate;
  referral_program?: Record<string, unknown>;
  promotion?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The voucher type and the template part each campaign type needs. */
const REQUIREMENTS: Record<Exclude<CampaignType, 'PROMOTION'>, { voucherType: VoucherType; part: 'discount' | 'gift' | 'loyalty_card' }> = {
  DISCOUNT_COUPONS: { voucherType: 'DISCOUNT_VOUCHER', part: 'discount' },
  REFERRAL_PROGRAM: { voucherType: 'DISCOUNT_VOUCHER', part: 'discount' },
  GIFT_VOUCHERS: { voucherType: 'GIFT_VOUCHER', part: 'gift' },
  LOYALTY_PROGRAM: { voucherType: 'LOYALTY_CARD', part: 'loyalty_card' },
};

/** Checks the parts JSON Schema cannot tie to campaign_type, with Voucherify's wording. */
function checkTypeRules(body: CampaignCreateBody): void {
  if (body.campaign_type === 'PROMOTION') {
    if (!body.promotion) throw invalidCampaign("Property 'promotion' is required for PROMOTION campaign");
    return;
  }
  const { voucherType, part } = REQUIREMENTS[body.campaign_type];
  const voucher = body.voucher;
  if (!voucher) throw invalidCampaign(`Property 'voucher' is required for ${body.campaign_type} campaign`);
  if (voucher.type !== undefined && voucher.type !== voucherType) {
    throw invalidCampaign(`Property 'voucher.type' must be ${voucherType} for ${body.campaign_type} campaign`);
  }
  if (!voucher[part]) throw invalidCampaign(`Property '${part}' is required for ${body.campaign_type} campaign`);
  if (part === 'gift' && !((voucher.gift?.amount ?? 0) > 0)) {
    throw invalidCampaign(`Property 'gift.amount' must be greater than zero for ${body.campaign_type} campaign`);
  }
}

/** code_config as Voucherify stores it: charset and length always present. */
function completeCodeConfig(config: CodeConfig = {}): CodeConfig {
  const length = config.pattern ? (config.pattern.match(/#/g) ?? []).length : (config.length ?? DEFAULT_LENGTH);
  return { ...config, length, charset: config.charset ?? DEFAULT_CHARSET };
}

/** Creates a campaign and its `vouchers_count` vouchers. Same name twice: 409 duplicate_found. */
export function createCampaign(tenant: Tenant, ids: IdGenerator, clock: Clock, body: CampaignCreateBody): Campaign {
  if (tenant.campaigns.findBy('name', body.name)) {
    throw new VoucherifyError(409, 'duplicate_found', 'Duplicated resource found', {
      details: `Duplicated campaign exists with name ${body.name}`,
      resourceId: body.name,
      resourceType: 'campaign',
    });
  }
  checkTypeRules(body);
  const now = timestamp(clock);
  const { voucher, vouchers_count: count = 0, ...rest } = body;
  const campaign: Campaign = {
    id: ids.campaign(),
    ...rest,
    name: body.name,
    campaign_type: body.campaign_type,
    type: body.type ?? 'AUTO_UPDATE',
    auto_join: body.auto_join ?? false,
    join_once: body.join_once ?? false,
    use_voucher_metadata_schema: body.use_voucher_metadata_schema ?? true,
    vouchers_count: 0,
    active: body.active ?? true,
    metadata: body.metadata ?? {},
    created_at: now,
    category: body.category ?? null,
    category_id: null,
    categories: [],
    creation_status: 'DONE',
    vouchers_generation_status: 'DONE',
    protected: false,
    validation_rules_assignments: { object: 'list', data_ref: 'data', data: [], total: 0 },
    object: 'campaign',
  };
  if (body.campaign_type !== 'PROMOTION') {
    const { voucherType } = REQUIREMENTS[body.campaign_type];
    campaign.voucher = {
      ...voucher,
      type: voucherType,
      redemption: { quantity: voucher?.redemption?.quantity ?? null },
      code_config: completeCodeConfig(voucher?.code_config),
      is_referral_code: body.campaign_type === 'REFERRAL_PROGRAM',
    };
  }
  tenant.campaigns.put(campaign);
  generateVouchers(tenant, ids, clock, campaign, count);
  return campaign;
}

/** Adds `count` vouchers with codes from the campaign's code_config (or `init.code_config`). */
export function generateVouchers(
  tenant: Tenant,
  ids: IdGenerator,
  clock: Clock,
  campaign: Campaign,
  count: number,
  init: Omit<VoucherInit, 'code' | 'campaign'> & { code_config?: CodeConfig } = {},
): Voucher[] {
  const config = init.code_config ?? ((campaign.voucher as VoucherTemplate | undefined)?.code_config ?? {});
  const taken = new Set<string>();
  const created: Voucher[] = [];
  for (let i = 0; i < count; i++) {
    const code = uniqueCode(tenant, ids, config, taken);
    created.push(tenant.vouchers.put(buildVoucher(ids, clock, { ...init, code, campaign })));
  }
  return created;
}
