// What each exported object is made of: the fields it may export (in the order Voucherify lists
// them), the ones it exports when none are asked for, the orders it takes, and each record as a
// flat view its columns, filters and order all read ({ code, voucher_type, value, … }).

import { customers, orders, publications, redemptions, transactions, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { customerView } from '../../domain/customer-view.js';
import { findVoucher } from '../../domain/lookups.js';
import { pointsBuckets, type PointsBucket } from '../../domain/points-expiration.js';
import type { Customer, Voucher } from '../../domain/records.js';
import type { ExportedObject } from './collection.js';

/** One record as its export reads it: the record's own fields, then the export's names for the rest. */
export type ExportView = Record<string, unknown>;

export interface ExportSource {
  /** Every field the object exports, as Voucherify's reference lists them. */
  fields: readonly string[];
  /** The columns of an export that names no fields. */
  defaults: readonly string[];
  /** The fields `parameters.order` may sort by (each also with a leading dash). */
  orders: readonly string[];
  defaultOrder: string;
  /** True when `metadata.<key>` fields are taken (one metadata key a column). */
  metadata: boolean;
  /** Every record of the tenant's the object exports. */
  records(ctx: Context): unknown[];
  view(ctx: Context, record: unknown): ExportView;
}

/**
 * Brings the loyalty cards whose points may be due up to date before they are exported: finding a
 * card activates its due pending points and expires its points whose day has passed (lookups.ts),
 * so the file shows what any read of the card would. Only cards with points buckets can have points
 * to expire; `which` narrows them (a program's).
 */
export function settleCards(ctx: Context, which: (bucket: PointsBucket) => boolean = () => true): void {
  const cards = new Set<string>();
  for (const bucket of pointsBuckets(ctx.tenant).all()) if (which(bucket)) cards.add(bucket.voucher_id);
  for (const id of cards) findVoucher(ctx, id);
}

/** A loyalty card as a read of it shows it (see settleCards); other vouchers as they are. */
const settled = (ctx: Context, voucher: Voucher): Voucher => (voucher.type === 'LOYALTY_CARD' ? (findVoucher(ctx, voucher.id) ?? voucher) : voucher);

/** Cents as Voucherify's file writes an amount of money: 2000.00 for 200000. */
const money = (cents: number | undefined) => (cents === undefined ? undefined : (cents / 100).toFixed(2));

/** A voucher's `value`: its discount (money in units, percent or units), a gift card's balance, a loyalty card's points. */
function voucherValue(voucher: Voucher): unknown {
  if (voucher.gift) return money(voucher.gift.balance);
  if (voucher.loyalty_card) return voucher.loyalty_card.balance;
  const discount = voucher.discount;
  switch (discount?.type) {
    case 'AMOUNT':
      return money(discount.amount_off);
    case 'PERCENT':
      return discount.percent_off;
    case 'FIXED':
      return money(discount.fixed_amount);
    case 'UNIT':
      return discount.unit_off;
    default:
      return undefined;
  }
}

function voucherFormula(voucher: Voucher): unknown {
  const discount = voucher.discount as Record<string, unknown> | null;
  if (!discount) return undefined;
  return discount.amount_off_formula ?? discount.percent_off_formula ?? discount.fixed_amount_formula ?? discount.unit_off_formula;
}

const voucher: ExportSource = {
  fields: [
    'code', 'voucher_type', 'value', 'formula', 'discount_type', 'campaign', 'category', 'start_date', 'expiration_date',
    'gift_balance', 'loyalty_balance', 'redemption_quantity', 'redemption_count', 'active', 'qr_code', 'bar_code', 'metadata',
    'id', 'is_referral_code', 'created_at', 'updated_at', 'validity_timeframe_interval', 'validity_timeframe_duration',
    'validity_day_of_week', 'discount_amount_limit', 'campaign_id', 'additional_info', 'customer_id', 'discount_effect',
    'discount_unit_type', 'discount_unit_effect', 'validation_rules_id', 'customer_source_id',
  ],
  defaults: ['code', 'voucher_type', 'value', 'discount_type'],
  orders: ['created_at', 'updated_at', 'code'],
  defaultOrder: '-created_at',
  metadata: true,
  records: (ctx) => vouchers(ctx.tenant)
    .all()
    .map((v) => settled(ctx, v)),
  view: (ctx, record) => {
    const v = record as Voucher;
    const discount = v.discount as Record<string, unknown> | null;
    const holder = v.holder_id !== undefined ? customers(ctx.tenant).get(v.holder_id) : undefined;
    const rules = v.validation_rules_assignments?.data as { rule_id?: string }[] | undefined;
    return {
      ...v,
      voucher_type: v.type,
      value: voucherValue(v),
      formula: voucherFormula(v),
      discount_type: v.discount?.type,
      gift_balance: v.gift?.balance,
      loyalty_balance: v.loyalty_card?.balance,
      redemption_quantity: v.redemption.quantity,
      redemption_count: v.redemption.redeemed_quantity,
      qr_code: v.assets?.qr.url,
      bar_code: v.assets?.barcode.url,
      validity_timeframe_interval: v.validity_timeframe?.interval,
      validity_timeframe_duration: v.validity_timeframe?.duration,
      discount_amount_limit: discount?.amount_limit,
      customer_id: v.holder_id,
      discount_effect: v.discount?.type !== 'UNIT' ? discount?.effect : undefined,
      discount_unit_type: discount?.unit_type,
      discount_unit_effect: v.discount?.type === 'UNIT' ? discount?.effect : undefined,
      validation_rules_id: rules?.map((rule) => rule.rule_id).filter(Boolean),
      customer_source_id: holder?.source_id,
      // Filters' names for the holder.
      holder_id: v.holder_id,
      published_for_customer_id: v.holder_id,
    };
  },
};

interface RedemptionLike {
  date?: string;
  voucher?: { code?: string; campaign?: string | null; campaign_id?: string | null } | null;
  promotion_tier?: { id?: string; campaign?: { name?: string; id?: string } };
  customer?: { source_id?: string | null; name?: string | null } | null;
  order?: { id?: string; amount?: number } | null;
  gift?: { amount: number };
  loyalty_card?: { points: number };
  redemption?: string | null;
}

const redemption: ExportSource = {
  fields: [
    'id', 'object', 'date', 'voucher_code', 'campaign', 'promotion_tier_id', 'customer_id', 'customer_source_id', 'customer_name',
    'tracking_id', 'order_id', 'order_amount', 'gift_amount', 'loyalty_points', 'result', 'failure_code', 'failure_message', 'metadata',
  ],
  defaults: ['id', 'object', 'voucher_code', 'customer_id', 'date', 'result'],
  orders: ['id', 'voucher_code', 'tracking_id', 'customer_id', 'created_at'],
  defaultOrder: '-created_at',
  metadata: true,
  records: (ctx) => redemptions(ctx.tenant).all(),
  view: (_ctx, record) => {
    const r = record as RedemptionLike & Record<string, unknown>;
    const campaign = r.voucher?.campaign ?? r.promotion_tier?.campaign?.name;
    return {
      ...r,
      voucher_code: r.voucher?.code,
      campaign,
      promotion_tier_id: r.promotion_tier?.id,
      customer_source_id: r.customer?.source_id,
      customer_name: r.customer?.name,
      order_id: r.order?.id,
      order_amount: r.order?.amount,
      gift_amount: r.gift?.amount,
      loyalty_points: r.loyalty_card?.points,
      // Filters' and orders' names.
      created_at: r.date,
      campaign_name: campaign,
      customer: r.customer_id,
      voucher: r.voucher?.code,
      related_object: r.related_object_type,
      related_object_parent_id: r.voucher?.campaign_id ?? r.promotion_tier?.campaign?.id,
      parent_redemption_id: r.redemption,
    };
  },
};

type Counters = Record<string, unknown>;

const customer: ExportSource = {
  fields: [
    'name', 'id', 'description', 'email', 'source_id', 'created_at', 'address_city', 'address_state', 'address_line_1',
    'address_line_2', 'address_country', 'address_postal_code', 'redemptions_total_redeemed', 'redemptions_total_failed',
    'redemptions_total_succeeded', 'redemptions_total_rolled_back', 'redemptions_total_rollback_failed',
    'redemptions_total_rollback_succeeded', 'orders_total_amount', 'orders_total_count', 'orders_average_amount',
    'orders_last_order_amount', 'orders_last_order_date', 'loyalty_points', 'loyalty_referred_customers', 'updated_at', 'phone',
    'birthday', 'metadata', 'birthdate',
  ],
  defaults: ['name', 'source_id'],
  orders: ['name', 'id', 'email', 'source_id', 'created_at', 'updated_at'],
  defaultOrder: '-created_at',
  metadata: true,
  records: (ctx) => customers(ctx.tenant).all(),
  view: (ctx, record) => {
    const c = customerView(ctx, record as Customer);
    const summary = (c.summary ?? {}) as { redemptions?: Counters; orders?: Counters };
    const r = summary.redemptions ?? {};
    const o = summary.orders ?? {};
    return {
      ...c,
      address_city: c.address?.city,
      address_state: c.address?.state,
      address_line_1: c.address?.line_1,
      address_line_2: c.address?.line_2,
      address_country: c.address?.country,
      address_postal_code: c.address?.postal_code,
      redemptions_total_redeemed: r.total_redeemed,
      redemptions_total_failed: r.total_failed,
      redemptions_total_succeeded: r.total_succeeded,
      redemptions_total_rolled_back: r.total_rolled_back,
      redemptions_total_rollback_failed: r.total_rollback_failed,
      redemptions_total_rollback_succeeded: r.total_rollback_succeeded,
      orders_total_amount: o.total_amount,
      orders_total_count: o.total_count,
      orders_average_amount: o.average_amount,
      orders_last_order_amount: o.last_order_amount,
      orders_last_order_date: o.last_order_date,
      loyalty_points: c.loyalty?.points,
      loyalty_referred_customers: c.loyalty?.referred_customers,
      // The filter `city`.
      city: c.address?.city,
    };
  },
};

interface PublicationLike {
  customer_id: string;
  voucher?: { code?: string; campaign?: string | null };
  vouchers?: string[];
  voucher_id: string;
  created_at: string;
}

const publication: ExportSource = {
  fields: ['voucher_code', 'customer_id', 'customer_source_id', 'date', 'channel', 'campaign', 'is_winner', 'metadata'],
  defaults: ['voucher_code', 'customer_id', 'date', 'channel'],
  orders: ['id', 'voucher_code', 'tracking_id', 'customer_id', 'created_at', 'channel'],
  defaultOrder: '-created_at',
  metadata: true,
  records: (ctx) => publications(ctx.tenant).all(),
  view: (ctx, record) => {
    const p = record as PublicationLike & Record<string, unknown>;
    const v = vouchers(ctx.tenant).get(p.voucher_id);
    const campaign = p.voucher?.campaign ?? v?.campaign;
    return {
      ...p,
      voucher_code: p.voucher?.code ?? v?.code,
      customer_source_id: customers(ctx.tenant).get(p.customer_id)?.source_id,
      date: p.created_at,
      campaign,
      is_winner: undefined,
      // Filters' names.
      customer: p.customer_id,
      voucher: p.voucher?.code ?? v?.code,
      campaign_name: campaign,
      voucher_type: v?.type,
      is_referral_code: v?.is_referral_code,
      parent_object_id: v?.campaign_id,
      related_object_id: p.voucher_id,
    };
  },
};

const order: ExportSource = {
  fields: [
    'id', 'source_id', 'created_at', 'updated_at', 'status', 'amount', 'discount_amount', 'items_discount_amount',
    'total_discount_amount', 'total_amount', 'customer_id', 'referrer_id', 'metadata',
  ],
  defaults: ['id', 'source_id', 'status'],
  orders: ['created_at', 'updated_at', 'status'],
  defaultOrder: '-created_at',
  metadata: true,
  records: (ctx) => orders(ctx.tenant).all(),
  view: (_ctx, record) => ({ ...(record as object) }),
};

const pointsExpiration: ExportSource = {
  fields: ['id', 'campaign_id', 'voucher_id', 'points', 'status', 'expires_at'],
  defaults: ['id', 'campaign_id', 'voucher_id', 'status', 'expires_at', 'points'],
  orders: ['expires_at'],
  defaultOrder: 'expires_at',
  metadata: false,
  records: (ctx) => {
    settleCards(ctx);
    return pointsBuckets(ctx.tenant).all();
  },
  view: (_ctx, record) => {
    const bucket = record as { bucket: { total_points: number } };
    return { ...(record as object), points: bucket.bucket.total_points };
  },
};

const voucherTransactions: ExportSource = {
  fields: ['id', 'campaign_id', 'voucher_id', 'type', 'source_id', 'reason', 'source', 'balance', 'amount', 'related_transaction_id', 'created_at', 'details'],
  // Voucherify's table of defaults also names a status, which transactions do not have (nor its list of fields).
  defaults: ['id', 'type', 'source_id', 'reason', 'source', 'balance', 'amount', 'created_at'],
  orders: ['created_at'],
  defaultOrder: '-created_at',
  metadata: false,
  records: (ctx) => {
    settleCards(ctx);
    return transactions(ctx.tenant).all();
  },
  view: (_ctx, record) => {
    const t = record as { details: { balance: { balance: number; amount?: number; points?: number } } };
    return { ...(record as object), balance: t.details.balance.balance, amount: t.details.balance.amount ?? t.details.balance.points };
  },
};

export const EXPORT_SOURCES: Record<ExportedObject, ExportSource> = {
  voucher,
  redemption,
  customer,
  publication,
  order,
  points_expiration: pointsExpiration,
  voucher_transactions: voucherTransactions,
};
