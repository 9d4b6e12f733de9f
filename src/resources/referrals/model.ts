// Referral code holders: who refers (REFERRER), who was referred (REFEREE), and the rules between them.

import {
  cannotRemoveReferrer,
  duplicateFound,
  holderAssignmentDuplication,
  invalidPayload,
  invalidVoucher,
  notFound,
  notPublished,
} from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import { cursorPage } from '../../store/cursor-page.js';
import { applyFilters, type Filters } from '../../store/filters.js';
import type { IdGenerator } from '../../store/ids.js';
import type { Campaign, Customer, HolderRole, Metadata, RedeemableHolder, Voucher } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { upsertCustomer, type CustomerInput } from '../customers/model.js';
import { findVoucher } from '../vouchers/model.js';

export interface ReferralCode {
  voucher: Voucher;
  campaign: Campaign | undefined;
}

/**
 * The referral code named by memberId (code or voucher id), checked against campaignId when the
 * path has one. Unknown campaign, or a code of another campaign: 404 campaign (as sent). Unknown
 * code: 404 voucher (as sent). A code that exists but is no referral code: 400 invalid_voucher.
 */
export function resolveReferralCode(tenant: Tenant, memberId: string, campaignId?: string): ReferralCode {
  let campaign: Campaign | undefined;
  if (campaignId !== undefined) {
    campaign = tenant.campaigns.get(campaignId) ?? tenant.campaigns.findBy('name', campaignId);
    if (!campaign) throw notFound('campaign', campaignId);
  }
  const voucher = findVoucher(tenant, memberId);
  if (!voucher) throw notFound('voucher', memberId);
  if (campaign && voucher.campaign_id !== campaign.id) throw notFound('campaign', campaignId as string);
  campaign ??= voucher.campaign_id ? tenant.campaigns.get(voucher.campaign_id) : undefined;
  if (!voucher.is_referral_code || campaign?.campaign_type !== 'REFERRAL_PROGRAM') {
    throw invalidVoucher(`Voucher ${voucher.code} is not a referral code`);
  }
  return { voucher, campaign };
}

export function referrerOf(tenant: Tenant, voucher: Voucher): RedeemableHolder | undefined {
  return tenant.holders.groupOf('redeemable_role', `${voucher.id}|REFERRER`)[0];
}

/** A customer's new relation to a voucher, shaped as Voucherify's redeemable_holder (not yet stored). */
export function buildHolder(
  ids: IdGenerator,
  now: string,
  voucher: Voucher,
  campaign: Campaign | undefined,
  customerId: string,
  role: HolderRole,
): RedeemableHolder {
  return {
    id: ids.holder(),
    created_at: now,
    redeemable_id: voucher.id,
    redeemable_object: 'voucher',
    campaign_id: voucher.campaign_id as string,
    campaign_type: campaign?.campaign_type ?? null,
    voucher_type: voucher.type,
    customer_id: customerId,
    holder_role: role,
    object: 'redeemable_holder',
  };
}

export interface AddHoldersBody {
  holders: CustomerInput[];
  metadata?: Metadata;
}

/**
 * Adds every customer of the request as a REFEREE, or none: all checks run before the first
 * write, and the request's transaction undoes the writes if anything still fails.
 */
export function addHolders(
  tenant: Tenant,
  ids: IdGenerator,
  clock: Clock,
  code: ReferralCode,
  body: AddHoldersBody,
): { holders: RedeemableHolder[] } {
  const { voucher, campaign } = code;
  if (!referrerOf(tenant, voucher)) throw notPublished();

  // Two entries naming one customer (by id, by source_id, or one of each) are a duplicate.
  const seen = new Set<string>();
  body.holders.forEach((holder, index) => {
    if (holder.id === undefined && holder.source_id === undefined) {
      throw invalidPayload(`Property .holders[${index}] must have required property 'id' or 'source_id'`);
    }
    let existing: Customer | undefined;
    if (holder.id !== undefined) {
      existing = tenant.customers.get(holder.id);
      if (!existing) throw notFound('customer', holder.id);
    } else {
      existing = tenant.customers.findBy('source_id', holder.source_id as string);
    }
    const identity = existing ? existing.id : `source_id:${holder.source_id}`;
    if (seen.has(identity)) throw duplicateFound('customer', (holder.id ?? holder.source_id) as string);
    seen.add(identity);
    if (existing && tenant.holders.findBy('redeemable_customer', `${voucher.id}|${existing.id}`)) {
      throw holderAssignmentDuplication();
    }
  });

  const now = timestamp(clock);
  const created = body.holders.map((holder) => {
    const customer = upsertCustomer(tenant, ids, clock, holder);
    const record = buildHolder(ids, now, voucher, campaign, customer.id, 'REFEREE');
    if (body.metadata !== undefined) record.metadata = body.metadata;
    return tenant.holders.put(record);
  });
  return { holders: created };
}

export interface HolderListQuery {
  limit?: number;
  order?: 'id' | '-id';
  starting_after_id?: string;
  filters?: Filters;
}

/**
 * One page of the code's holders. Holder ids grow with time, so `-id` (the default, as in
 * Voucherify's examples) is newest first.
 */
export function listHolders(tenant: Tenant, clock: Clock, code: ReferralCode, query: HolderListQuery) {
  const matching = applyFilters(tenant.holders.groupOf('redeemable_id', code.voucher.id), query.filters, clock());
  return { object: 'list' as const, data_ref: 'data' as const, ...cursorPage(matching, query) };
}

/** Referees can be taken off a code; the referrer cannot (403 forbidden). */
export function removeHolder(tenant: Tenant, code: ReferralCode, holderId: string): void {
  const holder = tenant.holders.get(holderId);
  if (!holder || holder.redeemable_id !== code.voucher.id) throw notFound('redeemable_holder', holderId);
  if (holder.holder_role === 'REFERRER') throw cannotRemoveReferrer();
  tenant.holders.remove(holder.id);
}
