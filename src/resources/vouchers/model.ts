// Vouchers: lookup by code or id, the factory that shapes a new voucher as Voucherify does, and the
// rules of creating, listing, updating, enabling, disabling and deleting vouchers.

import { duplicateFound, invalidPayload, invalidVoucher, notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import { ALNUM, type IdGenerator } from '../../store/ids.js';
import type { Campaign, Metadata, Voucher, VoucherType } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { findCampaign } from '../campaigns/model.js';
import { findCustomer } from '../customers/model.js';
import { uniqueCode, type CodeConfig } from './codes.js';
import { withinTimeWindows } from '../../store/filters.js';
import { numberedPage } from '../../store/numbered-page.js';

/** Voucher by code or, failing that, by Voucherify id (v_…). */
export function findVoucher(tenant: Tenant, codeOrId: string): Voucher | undefined {
  return tenant.vouchers.findBy('code', codeOrId) ?? tenant.vouchers.get(codeOrId);
}

/** 404 names the identifier as the caller sent it: "Cannot find voucher with id REFAPI-mk". */
export function getVoucher(tenant: Tenant, codeOrId: string): Voucher {
  const voucher = findVoucher(tenant, codeOrId);
  if (!voucher) throw notFound('voucher', codeOrId);
  return voucher;
}

/** What a new voucher may be given; anything left out comes from its campaign's voucher template. */
export interface VoucherInit {
  code: string;
  campaign?: Campaign | null;
  type?: VoucherType;
  discount?: Record<string, unknown> | null;
  gift?: { amount?: number; balance?: number; effect?: string | null } | null;
  loyalty_card?: { points?: number; balance?: number } | null;
  category?: string | null;
  metadata?: Metadata;
  redemption?: { quantity?: number | null };
  additional_info?: string | null;
  start_date?: string | null;
  expiration_date?: string | null;
  validity_timeframe?: Record<string, unknown> | null;
  validity_day_of_week?: number[] | null;
  validity_hours?: Record<string, unknown> | null;
  active?: boolean;
}

/**
 * A complete voucher object, shaped as Voucherify returns it (not yet stored). Gift cards start
 * with their whole amount as balance; loyalty cards with the template's points as balance.
 */
export function buildVoucher(ids: IdGenerator, clock: Clock, init: VoucherInit): Voucher {
  const campaign = init.campaign ?? null;
  const template = (campaign?.voucher ?? {}) as {
    type?: VoucherType;
    discount?: Record<string, unknown>;
    gift?: { amount?: number; effect?: string | null };
    loyalty_card?: { points?: number };
    redemption?: { quantity?: number | null };
    is_referral_code?: boolean;
  };
  const type: VoucherType = init.type ?? template.type ?? 'DISCOUNT_VOUCHER';
  const gift: VoucherInit['gift'] = type === 'GIFT_VOUCHER' ? (init.gift ?? template.gift ?? {}) : null;
  const loyalty: VoucherInit['loyalty_card'] = type === 'LOYALTY_CARD' ? (init.loyalty_card ?? template.loyalty_card ?? {}) : null;
  const code = encodeURIComponent(init.code);
  return {
    id: ids.voucher(),
    code: init.code,
    campaign: campaign?.name ?? null,
    campaign_id: campaign?.id ?? null,
    category: init.category ?? null,
    category_id: null,
    categories: [],
    type,
    discount: type === 'DISCOUNT_VOUCHER' ? (init.discount ?? template.discount ?? null) : null,
    gift: gift ? { amount: gift.amount ?? 0, balance: gift.balance ?? gift.amount ?? 0, effect: gift.effect ?? null } : null,
    loyalty_card: loyalty ? { points: loyalty.points ?? 0, balance: loyalty.balance ?? loyalty.points ?? 0 } : null,
    start_date: init.start_date ?? (campaign?.start_date as string | null | undefined) ?? null,
    expiration_date: init.expiration_date ?? (campaign?.expiration_date as string | null | undefined) ?? null,
    validity_timeframe: init.validity_timeframe ?? (campaign?.validity_timeframe as object | undefined) ?? null,
    validity_day_of_week: init.validity_day_of_week ?? (campaign?.validity_day_of_week as number[] | undefined) ?? null,
    ...(init.validity_hours ? { validity_hours: init.validity_hours } : {}),
    active: init.active ?? true,
    additional_info: init.additional_info ?? null,
    metadata: init.metadata ?? {},
    assets: {
      qr: { id: `qr_${ids.code(ALNUM, 24)}`, url: `/v1/assets/qr/${code}` },
      barcode: { id: `bc_${ids.code(ALNUM, 24)}`, url: `/v1/assets/barcode/${code}` },
    },
    is_referral_code: campaign?.campaign_type === 'REFERRAL_PROGRAM' || template.is_referral_code === true,
    created_at: timestamp(clock),
    updated_at: null,
    validation_rules_assignments: { object: 'list', data_ref: 'data', data: [], total: 0 },
    redemption: {
      // An explicit null (no limit) is a value, not a gap: it beats the template's quantity.
      quantity: init.redemption?.quantity !== undefined ? init.redemption.quantity : (template.redemption?.quantity ?? null),
      redeemed_quantity: 0,
      // Gift cards also count the credits spent, loyalty cards the points spent (as Voucherify shows them).
      ...(type === 'GIFT_VOUCHER' ? { redeemed_amount: 0 } : type === 'LOYALTY_CARD' ? { redeemed_points: 0 } : {}),
      object: 'list',
      url: `/v1/vouchers/${code}/redemptions?page=1&limit=10`,
    },
    publish: { object: 'list', count: 0, url: `/v1/vouchers/${code}/publications?page=1&limit=10` },
    object: 'voucher',
  };
}

/** What POST /v1/vouchers and POST /v1/vouchers/{code} accept (the SDK also sends `code` in the body). */
export interface VoucherCreateBody extends Omit<VoucherInit, 'code' | 'campaign'> {
  code?: string;
  /** The campaign's name or id: Voucherify's own examples send an id here too. */
  campaign?: string;
  campaign_id?: string;
  code_config?: CodeConfig;
  category_id?: string;
  validation_rules?: string[];
  [field: string]: unknown;
}

/** Voucherify writes instants with milliseconds: 2022-01-01T00:00:00Z comes back as 2022-01-01T00:00:00.000Z. */
const instant = (value: string | null | undefined) => (typeof value === 'string' ? new Date(value).toISOString() : value);

/** The part each voucher type needs when no campaign template supplies it. */
const TYPE_PART: Record<VoucherType, 'discount' | 'gift' | 'loyalty_card'> = {
  DISCOUNT_VOUCHER: 'discount',
  GIFT_VOUCHER: 'gift',
  LOYALTY_CARD: 'loyalty_card',
};

/** campaign_id wins over campaign; either names an unknown campaign: 404 campaign (as sent). */
function campaignOf(tenant: Tenant, body: VoucherCreateBody): Campaign | undefined {
  const named = body.campaign_id ?? body.campaign;
  if (named === undefined) return undefined;
  const campaign = body.campaign_id !== undefined ? tenant.campaigns.get(body.campaign_id) : findCampaign(tenant, named);
  if (!campaign) throw notFound('campaign', named);
  return campaign;
}

/**
 * Creates one voucher with `code`. Same code as an existing voucher: 409 duplicate_found.
 * Without a campaign the body must say the type and its part (discount, gift or loyalty_card),
 * as the official request schema requires; with one, the campaign's voucher template fills the gaps.
 */
function createWithCode(tenant: Tenant, ids: IdGenerator, clock: Clock, code: string, body: VoucherCreateBody, campaign: Campaign | undefined): Voucher {
  if (tenant.vouchers.findBy('code', code)) throw duplicateFound('voucher', code);
  if (!campaign) {
    if (body.type === undefined) throw invalidPayload("Payload must have required property 'type'");
    const part = TYPE_PART[body.type];
    if (body[part] === undefined || body[part] === null) throw invalidPayload(`Payload must have required property '${part}'`);
  }
  const voucher = buildVoucher(ids, clock, {
    code,
    campaign: campaign ?? null,
    type: body.type,
    discount: body.discount,
    gift: body.gift,
    loyalty_card: body.loyalty_card,
    category: body.category,
    metadata: body.metadata,
    redemption: body.redemption,
    additional_info: body.additional_info,
    start_date: instant(body.start_date),
    expiration_date: instant(body.expiration_date),
    validity_timeframe: body.validity_timeframe,
    validity_day_of_week: body.validity_day_of_week,
    validity_hours: body.validity_hours,
    active: body.active,
  });
  return tenant.vouchers.put(voucher);
}

/** POST /v1/vouchers/{code}: the path's code wins over a `code` in the body. */
export function createVoucher(tenant: Tenant, ids: IdGenerator, clock: Clock, code: string, body: VoucherCreateBody): Voucher {
  return createWithCode(tenant, ids, clock, code, body, campaignOf(tenant, body));
}

/**
 * POST /v1/vouchers: the body's `code` if it has one, else a fresh code from its code_config,
 * else from the campaign's code_config, else Voucherify's default (8 alphanumeric characters).
 */
export function generateVoucher(tenant: Tenant, ids: IdGenerator, clock: Clock, body: VoucherCreateBody): Voucher {
  const campaign = campaignOf(tenant, body);
  const template = campaign?.voucher as { code_config?: CodeConfig } | undefined;
  const code = body.code ?? uniqueCode(tenant, ids, body.code_config ?? template?.code_config ?? {});
  return createWithCode(tenant, ids, clock, code, body, campaign);
}

export interface VoucherListQuery {
  limit?: number;
  page?: number;
  campaign?: string;
  campaign_id?: string;
  category?: string;
  customer?: string;
  code?: string;
  ids?: string[];
  created_at?: { before?: string; after?: string };
  updated_at?: { before?: string; after?: string };
  order?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at' | 'code' | '-code';
}

/**
 * The vouchers a customer holds: those published to them and those they hold as OWNER or
 * REFERRER (a REFEREE only joined someone else's code, whose holder stays the referrer).
 */
function heldBy(tenant: Tenant, customerId: string): Voucher[] {
  const voucherIds = new Set<string>();
  for (const holder of tenant.holders.groupOf('customer_id', customerId)) {
    if (holder.holder_role !== 'REFEREE') voucherIds.add(holder.redeemable_id);
  }
  for (const publication of tenant.publications.groupOf('customer_id', customerId)) voucherIds.add(publication.voucher_id);
  const out: Voucher[] = [];
  for (const id of voucherIds) {
    const voucher = tenant.vouchers.get(id);
    if (voucher) out.push(voucher);
  }
  return out;
}

/** A list item (vouchers list, customer redeemables): Voucherify lists vouchers without their validation_rules_assignments. */
export function voucherListItem(voucher: Voucher): Voucher {
  const { validation_rules_assignments: _omitted, ...item } = voucher;
  return item as Voucher;
}

/**
 * One page of vouchers, newest first unless `order` says otherwise. Filters that name
 * something unknown (a campaign, a customer) match no voucher rather than answering 404.
 * campaign_id and customer narrow the candidates through the indexes before anything is scanned.
 */
export function listVouchers(tenant: Tenant, query: VoucherListQuery) {
  let candidates: Voucher[];
  if (query.customer !== undefined) {
    const customer = findCustomer(tenant, query.customer);
    candidates = customer ? heldBy(tenant, customer.id) : [];
  } else if (query.campaign_id !== undefined || query.campaign !== undefined) {
    const campaignId = query.campaign_id ?? tenant.campaigns.findBy('name', query.campaign as string)?.id;
    candidates = campaignId ? tenant.vouchers.groupOf('campaign_id', campaignId) : [];
  } else {
    candidates = tenant.vouchers.all();
  }
  const ids = query.ids ? new Set(query.ids) : undefined;
  const matching = candidates.filter((v) => {
    if (query.campaign_id !== undefined && v.campaign_id !== query.campaign_id) return false;
    if (query.campaign !== undefined && v.campaign !== query.campaign) return false;
    if (query.category !== undefined && v.category !== query.category) return false;
    if (query.code !== undefined && v.code !== query.code) return false;
    if (ids && !ids.has(v.id)) return false;
    if (!withinTimeWindows(v, query)) return false;
    return true;
  });
  const { items, total } = numberedPage(matching, query, query.order ?? '-created_at');
  return { object: 'list' as const, data_ref: 'vouchers' as const, vouchers: items.map(voucherListItem), total };
}

/** What PUT /v1/vouchers/{code} changes; any other field (the SDK sends `code`) is silently skipped. */
export interface VoucherUpdateBody {
  type?: VoucherType;
  category?: string | null;
  start_date?: string | null;
  expiration_date?: string | null;
  validity_timeframe?: Record<string, unknown> | null;
  validity_day_of_week?: number[] | null;
  validity_hours?: Record<string, unknown> | null;
  active?: boolean;
  additional_info?: string | null;
  metadata?: Metadata;
  discount?: Record<string, unknown>;
  gift?: { amount?: number; effect?: string };
  loyalty_card?: { points?: number };
  redemption?: { quantity?: number | null };
  [field: string]: unknown;
}

const SIMPLE_UPDATES = ['category', 'validity_timeframe', 'validity_day_of_week', 'validity_hours', 'active', 'additional_info', 'metadata'] as const;

/**
 * Voucherify's update: only the fields sent change. A voucher keeps its type, and a discount
 * keeps its discount type (400 invalid_voucher). Raising a gift card's amount or a loyalty
 * card's points moves the balance by the same difference, so what was spent stays spent.
 * Metadata is replaced as a whole, as the official examples show.
 */
export function updateVoucher(tenant: Tenant, clock: Clock, codeOrId: string, body: VoucherUpdateBody): Voucher {
  const voucher = getVoucher(tenant, codeOrId);
  if (body.type !== undefined && body.type !== voucher.type) throw invalidVoucher('It is not possible to change Voucher type');
  const next: Voucher = { ...voucher };
  for (const field of SIMPLE_UPDATES) {
    if (body[field] !== undefined) (next as Record<string, unknown>)[field] = body[field];
  }
  if (body.start_date !== undefined) next.start_date = instant(body.start_date);
  if (body.expiration_date !== undefined) next.expiration_date = instant(body.expiration_date);
  if (body.discount !== undefined) {
    if (voucher.type !== 'DISCOUNT_VOUCHER') throw invalidVoucher('It is not possible to change Voucher type');
    const current = voucher.discount as { type?: string } | null | undefined;
    if (current?.type !== undefined && body.discount.type !== undefined && body.discount.type !== current.type) {
      throw invalidVoucher('It is not possible to change Voucher discount type');
    }
    next.discount = { ...body.discount, type: body.discount.type ?? current?.type };
  }
  const gift = voucher.gift as { amount: number; balance: number; effect?: string | null } | null | undefined;
  if (body.gift !== undefined && voucher.type === 'GIFT_VOUCHER' && gift) {
    const amount = body.gift.amount ?? gift.amount;
    next.gift = { ...gift, amount, balance: gift.balance + (amount - gift.amount), effect: body.gift.effect ?? gift.effect ?? null };
  }
  const card = voucher.loyalty_card as { points: number; balance: number } | null | undefined;
  if (body.loyalty_card?.points !== undefined && voucher.type === 'LOYALTY_CARD' && card) {
    const points = body.loyalty_card.points;
    next.loyalty_card = { ...card, points, balance: card.balance + (points - card.points) };
  }
  if (body.redemption && body.redemption.quantity !== undefined) {
    next.redemption = { ...(voucher.redemption as object), quantity: body.redemption.quantity };
  }
  next.updated_at = timestamp(clock);
  return tenant.vouchers.put(next);
}

/** Enable and disable answer the whole voucher, with `active` switched and updated_at set. */
export function setVoucherActive(tenant: Tenant, clock: Clock, codeOrId: string, active: boolean): Voucher {
  const voucher = getVoucher(tenant, codeOrId);
  return tenant.vouchers.put({ ...voucher, active, updated_at: timestamp(clock) });
}

/**
 * Removes the voucher with its redeemable holders (referrer, referees, owner) and its publications.
 * Voucherify moves a voucher to its bin unless `force=true` deletes it for good; the mock keeps no
 * bin, so both remove it at once and its code can be used again right away.
 */
export function deleteVoucher(tenant: Tenant, codeOrId: string, _force = false): void {
  const voucher = getVoucher(tenant, codeOrId);
  for (const holder of tenant.holders.groupOf('redeemable_id', voucher.id)) tenant.holders.remove(holder.id);
  for (const publication of tenant.publications.groupOf('voucher_id', voucher.id)) tenant.publications.remove(publication.id);
  tenant.vouchers.remove(voucher.id);
}
