// Campaigns: the list, enabling/disabling, and adding vouchers to a campaign (one at once, many as
// an async action). Creation, updates and deletion are shared with loyalty programs
// (domain/campaigns.ts, domain/campaign-changes.ts).

import { recordAsyncAction } from '../../domain/async-actions.js';
import { campaignView, generatedVouchersResult } from '../../domain/campaigns.js';
import { campaigns } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { emitCampaignEvent, emitVoucherEvent } from '../../domain/events.js';
import { getCampaign } from '../../domain/lookups.js';
import type { AsyncAction, Campaign, Voucher } from '../../domain/records.js';
import { addCampaignVoucher, campaignVoucherInit, getVoucherCampaign } from '../../domain/voucher-creation.js';
import { generateVouchers } from '../../domain/vouchers.js';
import { invalidPayload } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { applyFilters, type Filters } from '../../lists/filters.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/** Voucherify's filter names for campaigns, and the campaign field each one reads. */
const FILTER_FIELDS = new Map([
  ['campaigns', 'name'],
  ['campaigns_id', 'id'],
  ['campaign_status', 'creation_status'],
]);

/**
 * One page of campaigns: `{object, data_ref: 'campaigns', campaigns, total}` (Voucherify's list has
 * no has_more). Newest first unless `order` says otherwise.
 */
export function listCampaigns(ctx: Context, query: RequestQuery<'list-campaigns'>) {
  const order = query.order ?? '-created_at';
  const simple = (c: Campaign) => {
    if (query.campaign_type !== undefined && c.campaign_type !== query.campaign_type) return false;
    if (query.campaign_status !== undefined && c.creation_status !== query.campaign_status) return false;
    if (query.is_referral_code !== undefined && (c.voucher?.is_referral_code ?? false) !== query.is_referral_code) return false;
    return true;
  };
  const filtered = query.campaign_type !== undefined || query.campaign_status !== undefined || query.is_referral_code !== undefined;
  let page;
  if (query.filters) {
    const renamed: Filters = Object.fromEntries(Object.entries(query.filters).map(([name, value]) => [FILTER_FIELDS.get(name) ?? name, value]));
    page = numberedPage(applyFilters(campaigns(ctx.tenant).all().filter(simple), renamed, ctx.clock()), query, order);
  } else {
    page = orderedPage(campaigns(ctx.tenant), query, order, filtered ? simple : undefined);
  }
  // Voucherify lists campaigns with an empty `categories` unless expand=category asks for them.
  const expanded = query.expand === 'category';
  return listEnvelope(
    'campaigns',
    page.items.map((c) => (expanded || !c.categories?.length ? campaignView(ctx, c) : { ...campaignView(ctx, c), categories: [] })),
    { total: page.total },
  );
}

/** Turns the campaign on or off; Voucherify answers an empty object. */
export function setCampaignActive(ctx: Context, idOrName: string, active: boolean): Record<string, never> {
  const campaign = getCampaign(ctx, idOrName);
  campaigns(ctx.tenant).put({ ...campaign, active, updated_at: timestamp(ctx.clock) });
  emitCampaignEvent(ctx, active ? 'campaign.enabled' : 'campaign.disabled', campaign);
  return {};
}

type CampaignVouchersRequest = NonNullable<RequestBody<'add-vouchers-to-campaign'>>;

export type AddedVouchers = { voucher: Voucher } | { asyncAction: AsyncAction };

/**
 * POST /v1/campaigns/{campaignId}/vouchers: one voucher is answered at once; more than one is
 * an async action (CAMPAIGN.VOUCHERS_GENERATE) in Voucherify, done here before the answer.
 * `code` names a single voucher, so it cannot go with vouchers_count above 1.
 */
export function addVouchers(ctx: Context, idOrName: string, body: CampaignVouchersRequest, count = 1): AddedVouchers {
  const campaign = getVoucherCampaign(ctx, idOrName);
  if (body.code !== undefined && count > 1) {
    throw invalidPayload(`Property .code cannot be used when vouchers_count is greater than 1 (got ${count})`);
  }
  if (body.code !== undefined) return { voucher: addCampaignVoucher(ctx, campaign, body.code, body) };
  const init = { ...campaignVoucherInit(ctx, body), ...(body.code_config ? { code_config: body.code_config } : {}) };
  const added = generateVouchers(ctx, campaign, count, init);
  if (count === 1) {
    emitVoucherEvent(ctx, 'voucher.created', added[0]);
    return { voucher: added[0] };
  }
  emitCampaignEvent(ctx, 'campaign.vouchers.generation.completed', campaign, count);
  return { asyncAction: recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_GENERATE', generatedVouchersResult(count)) };
}

/** POST /v1/campaigns/{campaignId}/vouchers/{code}. */
export function addVoucherToCampaign(ctx: Context, idOrName: string, code: string, body: RequestBody<'add-voucher-with-specific-code-to-campaign'> = {}): Voucher {
  return addCampaignVoucher(ctx, getVoucherCampaign(ctx, idOrName), code, body ?? {});
}
