// Redemptions: the answers of the redeem, rollback and list operations, built on the domain's
// redemptions (domain/redemptions.ts), which do the checking and the writing.

import type { Context } from '../../domain/context.js';
import { redemptions } from '../../domain/collections.js';
import { findCampaign, findCustomer, getVoucher } from '../../domain/lookups.js';
import type { RedemptionChannel, RedemptionRecord } from '../../domain/records.js';
import { getRedemption, redeem, rollbackRedemption, rollbackStack, type RedeemRequest, type RollbackRequest } from '../../domain/redemptions.js';
import type { HandlerResult } from '../../http/context.js';
import { fieldOf, filterPredicate, withinTimeWindows } from '../../lists/filters.js';
import { numberedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';

/** The channel of a call through the API: the X-App-Id that made it. */
export const apiChannel = (tenantId: string): RedemptionChannel => ({ channel_id: tenantId, channel_type: 'API' });

/** A failed redemption or refused rollback is kept, so its error is an answer (the request's writes stay), not a throw. */
const failure = (ctx: Context, error: { toBody(requestId?: string): unknown; status: number }): HandlerResult => ({ status: error.status, body: error.toBody(ctx.requestId) });

/** POST /v1/redemptions. */
export function redeemStack(ctx: Context, channel: RedemptionChannel, body: RequestBody<'redeem-stacked-discounts'>): HandlerResult {
  const result = redeem(ctx, channel, body as RedeemRequest, true);
  if (!result.ok) return failure(ctx, result.error);
  return { status: 200, body: { redemptions: result.children, parent_redemption: result.parent, order: result.order } };
}

/** POST /v1/vouchers/{code}/redemption: the tracking id may come in the query too. */
export function redeemVoucher(
  ctx: Context,
  channel: RedemptionChannel,
  code: string,
  body: RequestBody<'redeem-voucher'>,
  query: RequestQuery<'redeem-voucher'>,
): HandlerResult {
  const sent = body ?? {};
  const request: RedeemRequest = {
    ...(sent as Omit<RedeemRequest, 'redeemables'>),
    tracking_id: sent.tracking_id ?? query.tracking_id,
    redeemables: [{ object: 'voucher', id: code, gift: sent.gift, reward: sent.reward }],
  };
  const result = redeem(ctx, channel, request, false);
  if (!result.ok) return failure(ctx, result.error);
  return { status: 200, body: result.children[0] };
}

function rollbackRequest(query: { reason?: string; tracking_id?: string }, body: RollbackRequest | undefined): RollbackRequest {
  const sent = body ?? {};
  return { ...sent, reason: query.reason ?? sent.reason, tracking_id: query.tracking_id ?? sent.tracking_id };
}

/** POST /v1/redemptions/{redemptionId}/rollback. */
export function rollbackOne(
  ctx: Context,
  channel: RedemptionChannel,
  id: string,
  query: RequestQuery<'rollback-redemption'>,
  body: RequestBody<'rollback-redemption'>,
): HandlerResult {
  const result = rollbackRedemption(ctx, channel, id, rollbackRequest(query, body as RollbackRequest | undefined));
  if (!result.ok) return failure(ctx, result.error);
  return { status: 200, body: result.rollbacks[0] };
}

/** POST /v1/redemptions/{parentRedemptionId}/rollbacks. */
export function rollbackStacked(
  ctx: Context,
  channel: RedemptionChannel,
  id: string,
  query: RequestQuery<'rollback-stacked-redemptions'>,
  body: RequestBody<'rollback-stacked-redemptions'>,
): HandlerResult {
  const result = rollbackStack(ctx, channel, id, rollbackRequest(query, body as RollbackRequest | undefined));
  if (!result.ok) return failure(ctx, result.error);
  return { status: 200, body: { rollbacks: result.rollbacks, parent_rollback: result.parent, order: result.order } };
}

export const getOne = (ctx: Context, id: string) => getRedemption(ctx, id);

/** The fields a list sorts and filters by that a record holds only inside its voucher or order. */
function field(record: RedemptionRecord, name: string): unknown {
  switch (name) {
    case 'created_at':
      return record.date;
    case 'voucher_code':
      return record.voucher?.code;
    case 'campaign_name':
      return record.voucher?.campaign;
    case 'related_object_parent_id':
      return record.voucher?.campaign_id;
    case 'parent_redemption_id':
      return record.redemption;
    default:
      return fieldOf(record, name);
  }
}

/** GET /v1/redemptions: redemptions and rollbacks, newest first. */
export function listRedemptions(ctx: Context, query: RequestQuery<'list-redemptions'>) {
  const now = ctx.clock();
  const customer = query.customer !== undefined ? (findCustomer(ctx, query.customer)?.id ?? query.customer) : undefined;
  const campaign = query.campaign !== undefined ? (findCampaign(ctx, query.campaign)?.name ?? query.campaign) : undefined;
  const result = query.result?.toUpperCase();
  const filters = filterPredicate<RedemptionRecord>(query.filters, now, field);
  const all = redemptions(ctx.tenant);
  const source = customer !== undefined ? all.groupOf('customer_id', customer) : all.all();
  const rows = source.filter((record) => {
    if (result !== undefined && record.result !== result) return false;
    if (campaign !== undefined && record.voucher?.campaign !== campaign) return false;
    if (query.created_at && !withinTimeWindows({ created_at: record.date }, { created_at: query.created_at })) return false;
    if (filters && !filters(record)) return false;
    return true;
  });
  const { items, total } = numberedPage(rows, query, query.order ?? '-created_at', field);
  return { object: 'list' as const, data_ref: 'redemptions' as const, redemptions: items, total };
}

/** GET /v1/vouchers/{code}/redemption: the voucher's redemptions and rollbacks, newest first. */
export function voucherRedemptions(ctx: Context, code: string) {
  const voucher = getVoucher(ctx, code);
  const entries = [...redemptions(ctx.tenant).groupOf('related_object_id', voucher.id)].reverse();
  const { quantity, redeemed_quantity, redeemed_amount, redeemed_points } = voucher.redemption;
  return {
    quantity,
    redeemed_quantity,
    ...(redeemed_amount !== undefined ? { redeemed_amount } : {}),
    ...(redeemed_points !== undefined ? { redeemed_points } : {}),
    object: 'list' as const,
    url: `/v1/vouchers/${encodeURIComponent(voucher.code)}/redemptions?page=1&limit=10`,
    data_ref: 'redemption_entries' as const,
    total: entries.length,
    redemption_entries: entries,
  };
}
