// Campaigns: lookup by id or name, creation with Voucherify's per-type rules, updates, deletion,
// enabling/disabling, and adding vouchers to a campaign (one at once, many as an async action).

import { duplicateFound, duplicateName, invalidCampaign, invalidPayload, notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import { applyFilters, type Filters } from '../../store/filters.js';
import { ALNUM, type IdGenerator } from '../../store/ids.js';
import type { AsyncAction, Campaign, CampaignType, Metadata, Voucher, VoucherType } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { recordAsyncAction } from '../async-actions/model.js';
import { DEFAULT_CHARSET, DEFAULT_LENGTH, uniqueCode, type CodeConfig } from '../vouchers/codes.js';
import { buildVoucher, findVoucher, type VoucherInit } from '../vouchers/model.js';
import { numberedPage } from '../../store/numbered-page.js';


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
  campaign_type?: CampaignType;
  type?: 'AUTO_UPDATE' | 'STATIC';
  join_once?: boolean;
  auto_join?: boolean;
  use_voucher_metadata_schema?: boolean;
  vouchers_count?: number;
  start_date?: string;
  expiration_date?: string;
  validity_timeframe?: Record<string, unknown>;
  validity_day_of_week?: number[];
  validity_hours?: Record<string, unknown>;
  activity_duration_after_publishing?: string;
  active?: boolean;
  metadata?: Metadata;
  category?: string;
  category_id?: string;
  voucher?: VoucherTemplate;
  referral_program?: Record<string, unknown>;
  promotion?: { tiers?: Record<string, unknown>[] | null };
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
function checkTypeRules(campaignType: CampaignType, body: CampaignCreateBody): void {
  if (campaignType === 'PROMOTION') {
    if (!body.promotion) throw invalidCampaign("Property 'promotion' is required for PROMOTION campaign");
    return;
  }
  const { voucherType, part } = REQUIREMENTS[campaignType];
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

const placeholders = (pattern: string) => (pattern.match(/#/g) ?? []).length;

/**
 * code_config as Voucherify stores it: length, charset and pattern always present. A pattern
 * fixes the length (its number of #); without one, the pattern is `length` #s.
 * { prefix: 'DYNAMIC-' } → { prefix: 'DYNAMIC-', length: 8, charset: '0-9a-zA-Z', pattern: '########' }
 */
export function completeCodeConfig(config: CodeConfig = {}): CodeConfig {
  const length = config.pattern ? placeholders(config.pattern) : (config.length ?? DEFAULT_LENGTH);
  return { ...config, length, charset: config.charset ?? DEFAULT_CHARSET, pattern: config.pattern ?? '#'.repeat(length) };
}

const iso = (value: string | undefined): string | undefined => (value === undefined ? undefined : new Date(value).toISOString());

/** The mock keeps no categories yet, so every category_id is unknown (404 category, as Voucherify answers). */
function checkCategoryId(categoryId: string | undefined): void {
  if (categoryId !== undefined) throw notFound('category', categoryId);
}

/** The fields of a create request that the campaign keeps as sent (dates normalised to milliseconds). */
const COPIED = [
  'description',
  'validity_timeframe',
  'validity_day_of_week',
  'validity_hours',
  'activity_duration_after_publishing',
  'referral_program',
  'loyalty_tiers_expiration',
] as const;

/** Promotion tiers as Voucherify lists them inside the campaign: ids, hierarchy, and a link back. */
function promotionTiers(ids: IdGenerator, now: string, campaign: Campaign, tiers: Record<string, unknown>[]) {
  const data = tiers.map((tier, index) => ({
    id: `promo_${ids.code(ALNUM, 24)}`,
    created_at: now,
    ...tier,
    metadata: (tier.metadata as Metadata | undefined) ?? {},
    hierarchy: (tier.hierarchy as number | undefined) ?? index + 1,
    promotion_id: campaign.id,
    campaign_id: campaign.id,
    active: (tier.active as boolean | undefined) ?? true,
    object: 'promotion_tier',
  }));
  return { object: 'list', data_ref: 'tiers', tiers: data, total: data.length, has_more: false };
}

/**
 * Creates a campaign and its `vouchers_count` vouchers. Same name twice: 409 duplicate_found.
 * Voucherify generates more than one voucher in the background (CAMPAIGN.VOUCHERS_GENERATE);
 * the mock generates them at once and records that action as DONE.
 */
export function createCampaign(tenant: Tenant, ids: IdGenerator, clock: Clock, body: CampaignCreateBody, requestId?: string): Campaign {
  if (tenant.campaigns.findBy('name', body.name)) {
    throw duplicateName('campaign', body.name);
  }
  const campaignType: CampaignType = body.campaign_type ?? 'DISCOUNT_COUPONS';
  checkTypeRules(campaignType, body);
  checkCategoryId(body.category_id);
  const now = timestamp(clock);
  // Built field by field in the order Voucherify answers them; optional fields only when sent.
  const fields: Record<string, unknown> = { id: ids.campaign(), name: body.name };
  if (body.description !== undefined) fields.description = body.description;
  fields.campaign_type = campaignType;
  fields.type = body.type ?? 'AUTO_UPDATE';
  if (campaignType !== 'PROMOTION') {
    const { voucherType } = REQUIREMENTS[campaignType];
    const voucher = body.voucher as VoucherTemplate;
    const template: Record<string, unknown> = {
      ...voucher,
      type: voucherType,
      redemption: { quantity: voucher.redemption?.quantity ?? null },
      code_config: completeCodeConfig(voucher.code_config),
      is_referral_code: campaignType === 'REFERRAL_PROGRAM',
    };
    // Voucherify repeats the campaign's validity in its voucher template.
    if (body.start_date !== undefined) template.start_date = iso(body.start_date);
    if (body.expiration_date !== undefined) template.expiration_date = iso(body.expiration_date);
    if (body.validity_timeframe !== undefined) template.validity_timeframe = body.validity_timeframe;
    fields.voucher = template;
  }
  fields.auto_join = body.auto_join ?? false;
  fields.join_once = body.join_once ?? false;
  fields.use_voucher_metadata_schema = body.use_voucher_metadata_schema ?? true;
  if (body.start_date !== undefined) fields.start_date = iso(body.start_date);
  if (body.expiration_date !== undefined) fields.expiration_date = iso(body.expiration_date);
  for (const field of COPIED) if (body[field] !== undefined) fields[field] = body[field];
  Object.assign(fields, {
    vouchers_count: 0,
    active: body.active ?? true,
    metadata: body.metadata ?? {},
    created_at: now,
    ...(body.category !== undefined ? { category: body.category } : {}),
    creation_status: 'DONE',
    vouchers_generation_status: 'DONE',
    protected: false,
    validation_rules_assignments: { object: 'list', data_ref: 'data', data: [], total: 0 },
    category_id: null,
    categories: [],
    object: 'campaign',
  });
  const campaign = fields as Campaign;
  if (campaignType === 'PROMOTION') campaign.promotion = promotionTiers(ids, now, campaign, body.promotion?.tiers ?? []);
  tenant.campaigns.put(campaign);
  const count = campaignType === 'PROMOTION' ? 0 : (body.vouchers_count ?? 0);
  generateVouchers(tenant, ids, clock, campaign, count);
  if (count > 1) recordAsyncAction(tenant, ids, clock, 'CAMPAIGN.VOUCHERS_GENERATE', generated(count), requestId);
  return campaignView(tenant, campaign);
}

const generated = (count: number) => ({ message: `Generated ${count} vouchers.`, done_count: count });

/**
 * Adds `count` vouchers with codes from the campaign's code_config (or `init.code_config`).
 * Codes never collide with any code of the tenant, nor with each other.
 */
export function generateVouchers(
  tenant: Tenant,
  ids: IdGenerator,
  clock: Clock,
  campaign: Campaign,
  count: number,
  init: Omit<VoucherInit, 'code' | 'campaign'> & { code_config?: CodeConfig } = {},
): Voucher[] {
  const { code_config: override, ...voucherInit } = init;
  const config = completeCodeConfig(override ?? (campaign.voucher as VoucherTemplate | undefined)?.code_config ?? {});
  const taken = new Set<string>();
  const created: Voucher[] = [];
  for (let i = 0; i < count; i++) {
    const code = uniqueCode(tenant, ids, config, taken);
    created.push(tenant.vouchers.put(buildVoucher(ids, clock, { ...voucherInit, code, campaign })));
  }
  return created;
}

export interface CampaignListQuery {
  limit?: number;
  page?: number;
  campaign_type?: CampaignType;
  campaign_status?: string;
  is_referral_code?: boolean;
  order?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at';
  expand?: string;
  filters?: Filters;
}

/** Voucherify's filter names for campaigns, and the campaign field each one reads. */
const FILTER_FIELDS: Record<string, string> = { campaigns: 'name', campaigns_id: 'id', campaign_status: 'creation_status' };

/**
 * One page of campaigns: `{object, data_ref: 'campaigns', campaigns, total}` (Voucherify's list has
 * no has_more). Newest first unless `order` says otherwise.
 */
export function listCampaigns(tenant: Tenant, clock: Clock, query: CampaignListQuery) {
  let campaigns = tenant.campaigns.all().filter((c) => {
    if (query.campaign_type !== undefined && c.campaign_type !== query.campaign_type) return false;
    if (query.campaign_status !== undefined && c.creation_status !== query.campaign_status) return false;
    if (query.is_referral_code !== undefined && ((c.voucher?.is_referral_code as boolean | undefined) ?? false) !== query.is_referral_code) return false;
    return true;
  });
  if (query.filters) {
    const renamed: Filters = {};
    for (const [name, value] of Object.entries(query.filters)) renamed[FILTER_FIELDS[name] ?? name] = value;
    campaigns = applyFilters(campaigns, renamed, clock());
  }
  const { items, total } = numberedPage(campaigns, query, query.order ?? '-created_at');
  return { object: 'list' as const, data_ref: 'campaigns' as const, campaigns: items.map((c) => campaignView(tenant, c)), total };
}

export interface CampaignUpdateBody {
  start_date?: string;
  expiration_date?: string;
  validity_timeframe?: Record<string, unknown>;
  validity_day_of_week?: number[];
  validity_hours?: Record<string, unknown>;
  description?: string;
  category?: string;
  category_id?: string;
  metadata?: Metadata;
  unset_metadata_fields?: string[] | null;
  activity_duration_after_publishing?: string;
  join_once?: boolean;
  auto_join?: boolean;
  type?: 'AUTO_UPDATE' | 'STATIC';
  discount?: Record<string, unknown>;
  gift?: { amount?: number; effect?: string };
  referral_program?: Record<string, unknown>;
  loyalty_tiers_expiration?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Fields every campaign type may change; the coupon fields do not apply to PROMOTION. */
const UPDATABLE = ['validity_timeframe', 'validity_day_of_week', 'validity_hours', 'description', 'category'] as const;
const COUPON_UPDATABLE = ['activity_duration_after_publishing', 'join_once', 'auto_join', 'type'] as const;

/**
 * Voucherify's update: only the listed fields change, anything else (name, campaign_type,
 * vouchers_count, …) is silently skipped. metadata is merged key by key, then unset_metadata_fields
 * removed. New dates, validity, discount or gift reach the campaign's vouchers that are neither
 * published nor redeemed; that is a CAMPAIGN.VOUCHERS_UPDATE async action, recorded as DONE.
 */
export function updateCampaign(tenant: Tenant, ids: IdGenerator, clock: Clock, idOrName: string, body: CampaignUpdateBody, requestId?: string): Campaign {
  const campaign = getCampaign(tenant, idOrName);
  checkCategoryId(body.category_id);
  const type = campaign.campaign_type;
  const next: Record<string, unknown> & Campaign = { ...campaign };
  const changes: Record<string, unknown> = {};
  for (const field of UPDATABLE) if (body[field] !== undefined) changes[field] = body[field];
  if (type !== 'PROMOTION') for (const field of COUPON_UPDATABLE) if (body[field] !== undefined) changes[field] = body[field];
  Object.assign(next, changes);
  if (body.start_date !== undefined) next.start_date = iso(body.start_date);
  if (body.expiration_date !== undefined) next.expiration_date = iso(body.expiration_date);
  if (body.metadata !== undefined || body.unset_metadata_fields) {
    const metadata: Metadata = { ...campaign.metadata, ...(body.metadata ?? {}) };
    for (const key of body.unset_metadata_fields ?? []) delete metadata[key];
    next.metadata = metadata;
  }
  if (type === 'REFERRAL_PROGRAM' && body.referral_program !== undefined) next.referral_program = body.referral_program;
  if (type === 'LOYALTY_PROGRAM' && body.loyalty_tiers_expiration !== undefined) next.loyalty_tiers_expiration = body.loyalty_tiers_expiration;

  // What the vouchers take over, and the template that new vouchers start from.
  const voucherChanges: Partial<Voucher> = {};
  const template = { ...(campaign.voucher ?? {}) } as Record<string, unknown>;
  if ((type === 'DISCOUNT_COUPONS' || type === 'REFERRAL_PROGRAM') && body.discount !== undefined) {
    template.discount = voucherChanges.discount = body.discount;
  }
  if (type === 'GIFT_VOUCHERS' && body.gift !== undefined) {
    const gift = { ...(template.gift as object | undefined), ...body.gift } as { amount?: number; effect?: string | null };
    template.gift = gift;
    voucherChanges.gift = { amount: gift.amount ?? 0, balance: gift.amount ?? 0, effect: gift.effect ?? null };
  }
  for (const field of ['start_date', 'expiration_date', 'validity_timeframe'] as const) {
    if (body[field] !== undefined) template[field] = voucherChanges[field] = next[field];
  }
  if (body.validity_day_of_week !== undefined) voucherChanges.validity_day_of_week = body.validity_day_of_week;
  if (campaign.voucher) next.voucher = template;
  const now = timestamp(clock);
  next.updated_at = now;
  tenant.campaigns.put(next);

  if (Object.keys(voucherChanges).length > 0) {
    let updated = 0;
    for (const voucher of tenant.vouchers.groupOf('campaign_id', campaign.id)) {
      const redeemed = (voucher.redemption as { redeemed_quantity?: number } | undefined)?.redeemed_quantity ?? 0;
      if (voucher.publish.count > 0 || redeemed > 0) continue;
      tenant.vouchers.put({ ...voucher, ...voucherChanges, updated_at: now });
      updated++;
    }
    recordAsyncAction(tenant, ids, clock, 'CAMPAIGN.VOUCHERS_UPDATE', { message: `Updated ${updated} vouchers.`, done_count: updated }, requestId);
  }
  return campaignView(tenant, next);
}

/**
 * Deletes the campaign with its vouchers, their holders and their publications (Voucherify's bin
 * is not modelled: with or without `force` they are gone). Voucherify does this in the background
 * and answers the async action's id; the mock has finished when it answers.
 */
export function deleteCampaign(tenant: Tenant, ids: IdGenerator, clock: Clock, idOrName: string, requestId?: string): AsyncAction {
  const campaign = getCampaign(tenant, idOrName);
  const vouchers = tenant.vouchers.groupOf('campaign_id', campaign.id);
  for (const voucher of vouchers) {
    for (const holder of tenant.holders.groupOf('redeemable_id', voucher.id)) tenant.holders.remove(holder.id);
    for (const publication of tenant.publications.groupOf('voucher_id', voucher.id)) tenant.publications.remove(publication.id);
    tenant.vouchers.remove(voucher.id);
  }
  tenant.campaigns.remove(campaign.id);
  const count = vouchers.length;
  return recordAsyncAction(tenant, ids, clock, 'CAMPAIGN.VOUCHERS_DELETE', { message: `Deleted ${count} vouchers.`, done_count: count }, requestId);
}

/** Turns the campaign on or off; Voucherify answers an empty object. */
export function setCampaignActive(tenant: Tenant, clock: Clock, idOrName: string, active: boolean): Record<string, never> {
  const campaign = getCampaign(tenant, idOrName);
  tenant.campaigns.put({ ...campaign, active, updated_at: timestamp(clock) });
  return {};
}

/** What a caller may set on vouchers added to a campaign; the rest comes from the campaign's template. */
export interface CampaignVoucherBody {
  code?: string;
  code_config?: CodeConfig;
  category?: string;
  category_id?: string;
  metadata?: Metadata;
  redemption?: { quantity?: number | null };
  additional_info?: string;
  start_date?: string;
  expiration_date?: string;
  active?: boolean;
}

function voucherInit(body: CampaignVoucherBody): Omit<VoucherInit, 'code' | 'campaign'> {
  const init: Omit<VoucherInit, 'code' | 'campaign'> = {};
  if (body.category !== undefined) init.category = body.category;
  if (body.metadata !== undefined) init.metadata = body.metadata;
  if (body.redemption !== undefined) init.redemption = body.redemption;
  if (body.additional_info !== undefined) init.additional_info = body.additional_info;
  if (body.start_date !== undefined) init.start_date = iso(body.start_date);
  if (body.expiration_date !== undefined) init.expiration_date = iso(body.expiration_date);
  if (body.active !== undefined) init.active = body.active;
  return init;
}

/** Vouchers belong to coupon, gift, loyalty and referral campaigns; a promotion has tiers instead. */
function voucherCampaign(tenant: Tenant, idOrName: string): Campaign {
  const campaign = getCampaign(tenant, idOrName);
  if (campaign.campaign_type === 'PROMOTION') {
    throw invalidCampaign(`Campaign ${campaign.name} is a PROMOTION campaign; vouchers cannot be added to it`);
  }
  return campaign;
}

/** One voucher with the caller's code; a code the tenant already has is 409 duplicate_found (voucher). */
function addVoucherWithCode(tenant: Tenant, ids: IdGenerator, clock: Clock, campaign: Campaign, code: string, body: CampaignVoucherBody): Voucher {
  if (findVoucher(tenant, code)) throw duplicateFound('voucher', code);
  return tenant.vouchers.put(buildVoucher(ids, clock, { ...voucherInit(body), code, campaign }));
}

export type AddedVouchers = { voucher: Voucher } | { asyncAction: AsyncAction };

/**
 * POST /v1/campaigns/{campaignId}/vouchers: one voucher is answered at once; more than one is
 * an async action (CAMPAIGN.VOUCHERS_GENERATE) in Voucherify, done here before the answer.
 * `code` names a single voucher, so it cannot go with vouchers_count above 1.
 */
export function addVouchers(
  tenant: Tenant,
  ids: IdGenerator,
  clock: Clock,
  idOrName: string,
  body: CampaignVoucherBody,
  count = 1,
  requestId?: string,
): AddedVouchers {
  const campaign = voucherCampaign(tenant, idOrName);
  if (body.code !== undefined && count > 1) {
    throw invalidPayload(`Property .code cannot be used when vouchers_count is greater than 1 (got ${count})`);
  }
  checkCategoryId(body.category_id);
  if (body.code !== undefined) return { voucher: addVoucherWithCode(tenant, ids, clock, campaign, body.code, body) };
  const init = { ...voucherInit(body), ...(body.code_config ? { code_config: body.code_config } : {}) };
  const vouchers = generateVouchers(tenant, ids, clock, campaign, count, init);
  if (count === 1) return { voucher: vouchers[0] };
  return { asyncAction: recordAsyncAction(tenant, ids, clock, 'CAMPAIGN.VOUCHERS_GENERATE', generated(count), requestId) };
}

/** POST /v1/campaigns/{campaignId}/vouchers/{code}. */
export function addVoucherToCampaign(tenant: Tenant, ids: IdGenerator, clock: Clock, idOrName: string, code: string, body: CampaignVoucherBody = {}): Voucher {
  const campaign = voucherCampaign(tenant, idOrName);
  checkCategoryId(body.category_id);
  return addVoucherWithCode(tenant, ids, clock, campaign, code, body);
}
