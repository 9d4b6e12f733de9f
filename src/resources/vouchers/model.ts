// Vouchers: lookup by code or id, and the factory that shapes a new voucher as Voucherify does.

import { notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import { ALNUM, type IdGenerator } from '../../store/ids.js';
import type { Campaign, Metadata, Voucher, VoucherType } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';

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
    validity_timeframe: (campaign?.validity_timeframe as object | undefined) ?? null,
    validity_day_of_week: (campaign?.validity_day_of_week as number[] | undefined) ?? null,
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
      quantity: init.redemption?.quantity ?? template.redemption?.quantity ?? null,
      redeemed_quantity: 0,
      object: 'list',
      url: `/v1/vouchers/${code}/redemptions?page=1&limit=10`,
    },
    publish: { object: 'list', count: 0, url: `/v1/vouchers/${code}/publications?page=1&limit=10` },
    object: 'voucher',
  };
}
