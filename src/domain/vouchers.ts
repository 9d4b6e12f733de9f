// Vouchers as several resources make and remove them: the factory that shapes a new voucher as
// Voucherify does, generating a campaign's vouchers, removing a voucher with what hangs on it.

import { timestamp } from '../store/clock.js';
import { ALNUM } from '../store/ids.js';
import { completeCodeConfig, uniqueCode } from './codes.js';
import { holders, publications, transactions, vouchers } from './collections.js';
import type { Context } from './context.js';
import { tierMemberships } from './loyalty-tiers.js';
import { removeCardBuckets } from './points-expiration.js';
import type { Campaign, Category, CodeConfig, Discount, GiftCard, Metadata, ValidityHours, ValidityTimeframe, Voucher, VoucherType } from './records.js';
import { removeAssignmentsOf } from './rules.js';

/** What a new voucher may be given; anything left out comes from its campaign's voucher template. */
export interface VoucherInit {
  code: string;
  campaign?: Campaign | null;
  type?: VoucherType;
  discount?: Discount | null;
  gift?: { amount?: number; balance?: number; effect?: GiftCard['effect'] } | null;
  loyalty_card?: { points?: number; balance?: number } | null;
  /** The category as categoryFields (domain/categories.ts) found it. */
  category?: string | null;
  category_id?: string | null;
  categories?: Category[];
  metadata?: Metadata;
  redemption?: { quantity?: number | null };
  additional_info?: string | null;
  start_date?: string | null;
  expiration_date?: string | null;
  validity_timeframe?: ValidityTimeframe | null;
  validity_day_of_week?: number[] | null;
  validity_hours?: ValidityHours | null;
  active?: boolean;
}

/** The part of a voucher its type has: a discount, a gift card's credits or a loyalty card's points. */
export const TYPE_PART: Record<VoucherType, 'discount' | 'gift' | 'loyalty_card'> = {
  DISCOUNT_VOUCHER: 'discount',
  GIFT_VOUCHER: 'gift',
  LOYALTY_CARD: 'loyalty_card',
};

/** Voucherify writes instants with milliseconds: 2022-01-01T00:00:00Z comes back as 2022-01-01T00:00:00.000Z. */
export function instant(value: string): string;
export function instant(value: string | null | undefined): string | null | undefined;
export function instant(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? new Date(value).toISOString() : value;
}

/**
 * A complete voucher object, shaped as Voucherify returns it (not yet stored). Gift cards start
 * with their whole amount as balance; loyalty cards with the template's points as balance.
 */
export function buildVoucher(ctx: Context, init: VoucherInit): Voucher {
  const { ids } = ctx;
  const campaign = init.campaign ?? null;
  const template = campaign?.voucher ?? {};
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
    category_id: init.category_id ?? null,
    categories: init.categories ?? [],
    type,
    discount: type === 'DISCOUNT_VOUCHER' ? (init.discount ?? template.discount ?? null) : null,
    gift: gift ? { amount: gift.amount ?? 0, balance: gift.balance ?? gift.amount ?? 0, effect: gift.effect ?? null } : null,
    loyalty_card: loyalty ? { points: loyalty.points ?? 0, balance: loyalty.balance ?? loyalty.points ?? 0 } : null,
    start_date: init.start_date ?? campaign?.start_date ?? null,
    expiration_date: init.expiration_date ?? campaign?.expiration_date ?? null,
    validity_timeframe: init.validity_timeframe ?? campaign?.validity_timeframe ?? null,
    validity_day_of_week: init.validity_day_of_week ?? campaign?.validity_day_of_week ?? null,
    ...(init.validity_hours ? { validity_hours: init.validity_hours } : {}),
    active: init.active ?? true,
    additional_info: init.additional_info ?? null,
    metadata: init.metadata ?? {},
    assets: {
      qr: { id: `qr_${ids.code(ALNUM, 24)}`, url: `/v1/assets/qr/${code}` },
      barcode: { id: `bc_${ids.code(ALNUM, 24)}`, url: `/v1/assets/barcode/${code}` },
    },
    is_referral_code: campaign?.campaign_type === 'REFERRAL_PROGRAM' || template.is_referral_code === true,
    created_at: timestamp(ctx.clock),
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

/**
 * Adds `count` vouchers to `campaign` with codes from its code_config (or `init.code_config`).
 * Codes never collide with any code of the tenant, nor with each other.
 */
export function generateVouchers(
  ctx: Context,
  campaign: Campaign,
  count: number,
  init: Omit<VoucherInit, 'code' | 'campaign'> & { code_config?: CodeConfig } = {},
): Voucher[] {
  const { code_config: override, ...voucherInit } = init;
  const config = completeCodeConfig(override ?? campaign.voucher?.code_config ?? {});
  const taken = new Set<string>();
  const created: Voucher[] = [];
  const all = vouchers(ctx.tenant);
  for (let i = 0; i < count; i++) {
    const code = uniqueCode(ctx, config, taken);
    created.push(all.put(buildVoucher(ctx, { ...voucherInit, code, campaign })));
  }
  return created;
}

/**
 * Removes the voucher with its redeemable holders (referrer, referees, owner), its publications
 * its balance transactions and its validation rule assignments (none of them can be read once the voucher is gone).
 * Whether the voucher then goes to the bin (which keeps its code taken) is the caller's choice:
 * see moveToBin in domain/bin.ts.
 */
export function removeVoucher(ctx: Context, voucher: Voucher): void {
  const holderRecords = holders(ctx.tenant);
  const publicationRecords = publications(ctx.tenant);
  for (const holder of holderRecords.groupOf('redeemable_id', voucher.id)) holderRecords.remove(holder.id);
  for (const publication of publicationRecords.groupOf('voucher_id', voucher.id)) publicationRecords.remove(publication.id);
  const transactionRecords = transactions(ctx.tenant);
  for (const transaction of transactionRecords.groupOf('voucher_id', voucher.id)) transactionRecords.remove(transaction.id);
  removeAssignmentsOf(ctx, voucher.id);
  removeCardBuckets(ctx, voucher.id);
  tierMemberships(ctx.tenant).remove(voucher.id);
  vouchers(ctx.tenant).remove(voucher.id);
}

/** A list item (vouchers list, customer redeemables): Voucherify lists vouchers without their validation_rules_assignments. */
export function voucherListItem(voucher: Voucher): Voucher {
  const { validation_rules_assignments: _omitted, ...item } = voucher;
  return item;
}
