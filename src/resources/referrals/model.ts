// Referral code holders: who refers (REFERRER), who was referred (REFEREE), and the rules between them.

import { campaigns, customers, holders } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { upsertCustomer } from '../../domain/customers.js';
import { emitHolderEvent } from '../../domain/events.js';
import { buildHolder, referrerOf } from '../../domain/holders.js';
import { findCampaign, findVoucher } from '../../domain/lookups.js';
import type { Campaign, Customer, RedeemableHolder, Voucher } from '../../domain/records.js';
import { cannotRemoveReferrer, duplicateFound, holderAssignmentDuplication, invalidPayload, invalidVoucher, notFound, notPublished } from '../../errors.js';
import { cursorPage } from '../../lists/cursor-page.js';
import { listEnvelope } from '../../lists/envelope.js';
import { filterPredicate } from '../../lists/filters.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

export interface ReferralCode {
  voucher: Voucher;
  campaign: Campaign | undefined;
}

/**
 * The referral code named by memberId (code or voucher id), checked against campaignId when the
 * path has one. Unknown campaign, or a code of another campaign: 404 campaign (as sent). Unknown
 * code: 404 voucher (as sent). A code that exists but is no referral code: 400 invalid_voucher.
 */
export function resolveReferralCode(ctx: Context, memberId: string, campaignId?: string): ReferralCode {
  let campaign: Campaign | undefined;
  if (campaignId !== undefined) {
    campaign = findCampaign(ctx, campaignId);
    if (!campaign) throw notFound('campaign', campaignId);
  }
  const voucher = findVoucher(ctx, memberId);
  if (!voucher) throw notFound('voucher', memberId);
  if (campaign && voucher.campaign_id !== campaign.id) throw notFound('campaign', campaignId as string);
  campaign ??= voucher.campaign_id ? campaigns(ctx.tenant).get(voucher.campaign_id) : undefined;
  if (!voucher.is_referral_code || campaign?.campaign_type !== 'REFERRAL_PROGRAM') {
    throw invalidVoucher(`Voucher ${voucher.code} is not a referral code`);
  }
  return { voucher, campaign };
}

type AddHoldersRequest = RequestBody<'referrals-add-holders'>;

/**
 * Adds every customer of the request as a REFEREE, or none: all checks run before the first
 * write, and the request's transaction undoes the writes if anything still fails.
 */
export function addHolders(ctx: Context, code: ReferralCode, body: AddHoldersRequest): { holders: RedeemableHolder[] } {
  const { voucher, campaign } = code;
  if (!referrerOf(ctx, voucher)) throw notPublished();
  const held = holders(ctx.tenant);

  // Two entries naming one customer (by id, by source_id, or one of each) are a duplicate.
  const seen = new Set<string>();
  body.holders.forEach((holder, index) => {
    if (holder.id === undefined && holder.source_id === undefined) {
      throw invalidPayload(`Property .holders[${index}] must have required property 'id' or 'source_id'`);
    }
    let existing: Customer | undefined;
    if (holder.id !== undefined) {
      existing = customers(ctx.tenant).get(holder.id);
      if (!existing) throw notFound('customer', holder.id);
    } else {
      existing = customers(ctx.tenant).findBy('source_id', holder.source_id as string);
    }
    const identity = existing ? existing.id : `source_id:${holder.source_id}`;
    if (seen.has(identity)) throw duplicateFound('customer', (holder.id ?? holder.source_id) as string);
    seen.add(identity);
    if (existing && held.findBy('redeemable_customer', `${voucher.id}|${existing.id}`)) throw holderAssignmentDuplication();
  });

  const now = timestamp(ctx.clock);
  const created = body.holders.map((holder) => {
    const customer = upsertCustomer(ctx, holder);
    const record = buildHolder(ctx, voucher, campaign, customer.id, 'REFEREE', now);
    const added = held.put(body.metadata !== undefined ? { ...record, metadata: body.metadata } : record);
    emitHolderEvent(ctx, 'customer.holder.assignment.created', added, voucher);
    return added;
  });
  return { holders: created };
}

/**
 * One page of the code's holders. Holder ids grow with time, so `-id` (the default, as in
 * Voucherify's examples) is newest first; the code's holders are kept in id order, so a page reads
 * `limit` holders however many the code has.
 */
export function listHolders(ctx: Context, code: ReferralCode, query: RequestQuery<'referrals-code-holders'>) {
  const held = holders(ctx.tenant);
  const walk = (descending: boolean, after?: string) => held.walkGroup('redeemable_id', code.voucher.id, descending, after);
  const matches = filterPredicate<RedeemableHolder>(query.filters, ctx.clock());
  const page = cursorPage(walk, query, held.countOf('redeemable_id', code.voucher.id), matches);
  return listEnvelope('data', page.data, {
    total: page.total,
    has_more: page.has_more,
    ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}),
  });
}

/** Referees can be taken off a code; the referrer cannot (403 forbidden). */
export function removeHolder(ctx: Context, code: ReferralCode, holderId: string): void {
  const held = holders(ctx.tenant);
  const holder = held.get(holderId);
  if (!holder || holder.redeemable_id !== code.voucher.id) throw notFound('redeemable_holder', holderId);
  if (holder.holder_role === 'REFERRER') throw cannotRemoveReferrer();
  held.remove(holder.id);
  emitHolderEvent(ctx, 'customer.holder.assignment.deleted', holder, code.voucher);
}
