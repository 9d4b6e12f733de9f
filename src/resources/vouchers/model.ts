// Vouchers: creating (with a code or a generated one), listing, updating, enabling, disabling and
// deleting vouchers, and changing a card's balance. The voucher factory and removal are shared
// (domain/vouchers.ts), so is creating one with a code (domain/voucher-creation.ts, the imports use
// it too), and so are balances and transactions (domain/balances.ts, transactions.ts).

import { adjustVoucherBalance } from '../../domain/balances.js';
import { moveToBin } from '../../domain/bin.js';
import { recordVoucherDeletion } from '../../domain/voucher-deletions.js';
import { categoryFields } from '../../domain/categories.js';
import { uniqueCode } from '../../domain/codes.js';
import { campaigns, holders, publications, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { assertDiscountFormulas } from '../../domain/formulas.js';
import { emitVoucherEvent } from '../../domain/events.js';
import { findCampaign, findCustomer, getVoucher } from '../../domain/lookups.js';
import type { Campaign, Discount, Voucher } from '../../domain/records.js';
import { createVoucherWithCode } from '../../domain/voucher-creation.js';
import { listTransactions } from '../../domain/transactions.js';
import { instant, removeVoucher, voucherListItem } from '../../domain/vouchers.js';
import { invalidVoucher, notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { withinTimeWindows } from '../../lists/filters.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';
import { loyaltyCardNotPublished } from './errors.js';
import { voucherFilter } from './filters.js';

/** What POST /v1/vouchers and POST /v1/vouchers/{code} accept (the SDK also sends `code` in the body). */
type VoucherCreateRequest = NonNullable<RequestBody<'create-voucher'>>;

/** campaign_id wins over campaign; either names an unknown campaign: 404 campaign (as sent). */
function campaignOf(ctx: Context, body: VoucherCreateRequest): Campaign | undefined {
  const named = body.campaign_id ?? body.campaign;
  if (named === undefined) return undefined;
  const campaign = body.campaign_id !== undefined ? campaigns(ctx.tenant).get(body.campaign_id) : findCampaign(ctx, named);
  if (!campaign) throw notFound('campaign', named);
  return campaign;
}

/** POST /v1/vouchers/{code}: the path's code wins over a `code` in the body. */
export function createVoucher(ctx: Context, code: string, body: VoucherCreateRequest): Voucher {
  return createVoucherWithCode(ctx, code, body, campaignOf(ctx, body));
}

/**
 * POST /v1/vouchers: the body's `code` if it has one, else a fresh code from its code_config,
 * else from the campaign's code_config, else Voucherify's default (8 alphanumeric characters).
 */
export function generateVoucher(ctx: Context, body: VoucherCreateRequest): Voucher {
  const campaign = campaignOf(ctx, body);
  const code = body.code ?? uniqueCode(ctx, body.code_config ?? campaign?.voucher?.code_config ?? {});
  return createVoucherWithCode(ctx, code, body, campaign);
}

/**
 * The vouchers a customer holds: those published to them and those they hold as OWNER or
 * REFERRER (a REFEREE only joined someone else's code, whose holder stays the referrer).
 */
function heldBy(ctx: Context, customerId: string): Voucher[] {
  const voucherIds = new Set<string>();
  for (const holder of holders(ctx.tenant).groupOf('customer_id', customerId)) {
    if (holder.holder_role !== 'REFEREE') voucherIds.add(holder.redeemable_id);
  }
  for (const publication of publications(ctx.tenant).groupOf('customer_id', customerId)) voucherIds.add(publication.voucher_id);
  const all = vouchers(ctx.tenant);
  const out: Voucher[] = [];
  for (const id of voucherIds) {
    const voucher = all.get(id);
    if (voucher) out.push(voucher);
  }
  return out;
}

/**
 * One page of vouchers, newest first unless `order` says otherwise. Filters that name something
 * unknown (a campaign, a customer) match no voucher rather than answering 404. campaign_id,
 * campaign and customer narrow the candidates through the indexes, which are then sorted; any
 * other list walks the collection's index in the requested order and stops after the page.
 */
export function listVouchers(ctx: Context, query: RequestQuery<'list-vouchers'>) {
  const order = query.order ?? '-created_at';
  const ids = query.ids ? new Set(query.ids) : undefined;
  const filter = voucherFilter(query.filters);
  const now = filter ? ctx.clock() : undefined;
  const matches = (v: Voucher) => {
    if (query.campaign_id !== undefined && v.campaign_id !== query.campaign_id) return false;
    if (query.campaign !== undefined && v.campaign !== query.campaign) return false;
    if (query.category !== undefined && v.category !== query.category) return false;
    if (query.code !== undefined && v.code !== query.code) return false;
    if (ids && !ids.has(v.id)) return false;
    if (!withinTimeWindows(v, query)) return false;
    if (filter && !filter(v, now as Date)) return false;
    return true;
  };
  const all = vouchers(ctx.tenant);
  let page;
  if (query.customer !== undefined) {
    const customer = findCustomer(ctx, query.customer);
    page = numberedPage((customer ? heldBy(ctx, customer.id) : []).filter(matches), query, order);
  } else if (query.campaign_id !== undefined || query.campaign !== undefined) {
    const campaignId = query.campaign_id ?? campaigns(ctx.tenant).findBy('name', query.campaign as string)?.id;
    page = numberedPage((campaignId ? all.groupOf('campaign_id', campaignId) : []).filter(matches), query, order);
  } else if (query.code !== undefined) {
    const voucher = all.findBy('code', query.code);
    page = numberedPage(voucher && matches(voucher) ? [voucher] : [], query, order);
  } else {
    const filtered = ids !== undefined || filter !== undefined || query.category !== undefined || query.created_at !== undefined || query.updated_at !== undefined;
    page = orderedPage(all, query, order, filtered ? matches : undefined);
  }
  return listEnvelope('vouchers', page.items.map(voucherListItem), { total: page.total });
}

type VoucherUpdateRequest = RequestBody<'update-voucher'>;

/**
 * Voucherify's update: only the fields sent change. A voucher keeps its type, and a discount
 * keeps its discount type (400 invalid_voucher). Raising a gift card's amount or a loyalty
 * card's points moves the balance by the same difference, so what was spent stays spent.
 * Metadata is replaced as a whole, as the official examples show.
 */
export function updateVoucher(ctx: Context, codeOrId: string, body: VoucherUpdateRequest): Voucher {
  const voucher = getVoucher(ctx, codeOrId);
  if (body.type !== undefined && body.type !== voucher.type) throw invalidVoucher('It is not possible to change Voucher type');
  const next: Voucher = { ...voucher };
  Object.assign(next, categoryFields(ctx, body));
  if (body.validity_timeframe !== undefined) next.validity_timeframe = body.validity_timeframe;
  if (body.validity_day_of_week !== undefined) next.validity_day_of_week = body.validity_day_of_week;
  if (body.validity_hours !== undefined) next.validity_hours = body.validity_hours;
  if (body.active !== undefined) next.active = body.active;
  if (body.additional_info !== undefined) next.additional_info = body.additional_info;
  if (body.metadata !== undefined) next.metadata = body.metadata;
  if (body.start_date !== undefined) next.start_date = instant(body.start_date);
  if (body.expiration_date !== undefined) next.expiration_date = instant(body.expiration_date);
  if (body.discount !== undefined && body.discount !== null) {
    if (voucher.type !== 'DISCOUNT_VOUCHER') throw invalidVoucher('It is not possible to change Voucher type');
    const current = voucher.discount;
    if (current?.type !== undefined && body.discount.type !== undefined && body.discount.type !== current.type) {
      throw invalidVoucher('It is not possible to change Voucher discount type');
    }
    assertDiscountFormulas(body.discount);
    next.discount = { ...body.discount, type: body.discount.type ?? current?.type } as Discount;
  }
  const gift = voucher.gift;
  if (body.gift !== undefined && voucher.type === 'GIFT_VOUCHER' && gift) {
    const amount = body.gift.amount ?? gift.amount;
    next.gift = { ...gift, amount, balance: gift.balance + (amount - gift.amount), effect: body.gift.effect ?? gift.effect ?? null };
  }
  const card = voucher.loyalty_card;
  if (body.loyalty_card?.points !== undefined && voucher.type === 'LOYALTY_CARD' && card) {
    const points = body.loyalty_card.points;
    next.loyalty_card = { ...card, points, balance: card.balance + (points - card.points) };
  }
  if (body.redemption && body.redemption.quantity !== undefined) {
    next.redemption = { ...voucher.redemption, quantity: body.redemption.quantity };
  }
  next.updated_at = timestamp(ctx.clock);
  const updated = vouchers(ctx.tenant).put(next);
  emitVoucherEvent(ctx, 'voucher.updated', updated);
  if (updated.active !== voucher.active) emitVoucherEvent(ctx, updated.active ? 'voucher.enabled' : 'voucher.disabled', updated);
  return updated;
}

/** Enable and disable answer the whole voucher, with `active` switched and updated_at set. */
export function setVoucherActive(ctx: Context, codeOrId: string, active: boolean): Voucher {
  const voucher = getVoucher(ctx, codeOrId);
  const switched = vouchers(ctx.tenant).put({ ...voucher, active, updated_at: timestamp(ctx.clock) });
  emitVoucherEvent(ctx, active ? 'voucher.enabled' : 'voucher.disabled', switched);
  return switched;
}

/**
 * Removes the voucher with its redeemable holders (referrer, referees, owner) and its publications.
 * Without `force` it goes to the bin, which keeps its code taken until the bin entry is deleted for
 * good; with `force` the code can be used again at once. Either way its campaign's summary counts it
 * (vouchers_deleted, and what a card still held: amount_deleted, points_deleted).
 */
export function deleteVoucher(ctx: Context, codeOrId: string, force: boolean): void {
  const voucher = getVoucher(ctx, codeOrId);
  removeVoucher(ctx, voucher);
  if (!force) moveToBin(ctx, 'voucher', voucher);
  recordVoucherDeletion(ctx, voucher);
  emitVoucherEvent(ctx, 'voucher.deleted', voucher);
}

/**
 * POST /v1/vouchers/{code}/balance: adds or (negative amount) takes credits on a gift card or
 * points on a loyalty card. A discount voucher has no balance (400 invalid_voucher); a loyalty
 * card must be held by a customer (400 not_published).
 */
export function updateVoucherBalance(ctx: Context, codeOrId: string, body: RequestBody<'update-voucher-balance'>) {
  const voucher = getVoucher(ctx, codeOrId);
  if (voucher.type === 'DISCOUNT_VOUCHER') throw invalidVoucher(`Voucher ${voucher.code} is not a gift card or a loyalty card`);
  if (voucher.type === 'LOYALTY_CARD' && !voucher.holder_id) throw loyaltyCardNotPublished(voucher.code);
  const { amount, total, balance, type, object, related_object } = adjustVoucherBalance(ctx, voucher, {
    amount: body.amount,
    source_id: body.source_id,
    reason: body.reason,
  });
  return { amount, total, balance, type, operation_type: 'MANUAL' as const, object, related_object };
}

/** GET /v1/vouchers/{code}/transactions: one page of the voucher's balance changes, newest first by default. */
export function listVoucherTransactions(ctx: Context, codeOrId: string, query: RequestQuery<'list-voucher-transactions'>) {
  return listTransactions(ctx, getVoucher(ctx, codeOrId), query);
}
