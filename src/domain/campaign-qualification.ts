// POST /v1/campaigns/qualification, Voucherify's older qualification of campaigns: the campaigns
// (DISCOUNT_COUPONS, GIFT_VOUCHERS, REFERRAL_PROGRAM) a customer and an order qualify for, to
// publish a code from. A campaign qualifies when it is active, started, not expired, in its
// validity windows, and the validation rules assigned to it hold (with audienceRulesOnly, only
// those on the customer). Its vouchers' own state is not looked at. Nothing is written.

import { ALNUM } from '../store/ids.js';
import { requestCustomer, requestOrder, ruleInputs, trackingId } from './checkout.js';
import { campaignView } from './campaigns.js';
import { campaigns } from './collections.js';
import type { Context } from './context.js';
import type { QualificationRequest } from './qualifications.js';
import type { Campaign } from './records.js';
import { campaignRulesRefusal } from './rules.js';
import { inValidityWindows } from './validity.js';

/** The campaign types this call answers. */
const QUALIFYING_TYPES = new Set(['DISCOUNT_COUPONS', 'GIFT_VOUCHERS', 'REFERRAL_PROGRAM']);

export type CampaignQualificationOrder = 'created_at' | '-created_at' | 'updated_at' | '-updated_at' | 'type' | '-type' | 'code' | '-code' | 'category' | '-category' | 'campaign' | '-campaign';

export interface CampaignQualificationQuery {
  audienceRulesOnly?: boolean;
  limit?: number;
  order?: CampaignQualificationOrder;
}

/** At most this many campaigns, and as many when the request names no limit. */
export const CAMPAIGN_QUALIFICATION_LIMIT = 50;

/** What a sort key reads of a campaign: `type` is the campaign type, `category` its category id, `campaign` and `code` its name. */
const SORT_KEYS: Record<string, (c: Campaign) => string> = {
  created_at: (c) => c.created_at,
  updated_at: (c) => c.updated_at ?? c.created_at,
  type: (c) => c.campaign_type,
  category: (c) => c.category_id ?? '',
  campaign: (c) => c.name,
  code: (c) => c.name,
};

/** Whether the campaign can be used now: active, started, not expired, in its validity windows. */
function usableNow(campaign: Campaign, now: Date): boolean {
  if (!campaign.active) return false;
  if (campaign.start_date && Date.parse(campaign.start_date) > now.getTime()) return false;
  if (campaign.expiration_date && Date.parse(campaign.expiration_date) < now.getTime()) return false;
  return inValidityWindows(campaign, now);
}

/** POST /v1/campaigns/qualification. */
export function campaignQualification(ctx: Context, body: Omit<QualificationRequest, 'scenario' | 'options'>, query: CampaignQualificationQuery) {
  const limit = query.limit ?? CAMPAIGN_QUALIFICATION_LIMIT;
  const sort = query.order ?? '-created_at';
  const descending = sort.startsWith('-');
  const key = SORT_KEYS[sort.replace(/^-/, '')]!;
  const named = body.customer ?? body.order?.customer;
  const customer = requestCustomer(ctx, named ?? (body.order?.customer_id ? { id: body.order.customer_id } : undefined));
  const order = requestOrder(ctx, body.order);
  const inputs = ruleInputs(order, named, body.metadata);
  const now = ctx.clock();
  const qualified = campaigns(ctx.tenant)
    .all()
    .filter((campaign) => {
      if (!QUALIFYING_TYPES.has(campaign.campaign_type) || !usableNow(campaign, now)) return false;
      const refusal = campaignRulesRefusal(ctx, campaign, customer, order.calculated, inputs);
      return !refusal || (query.audienceRulesOnly === true && refusal.key !== 'customer_rules_violated');
    })
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return descending ? -order : order;
    });
  const data = qualified.slice(0, limit).map((campaign) => campaignView(ctx, campaign));
  return {
    object: 'list' as const,
    data_ref: 'data' as const,
    data,
    total: qualified.length,
    id: `qfl_${ctx.ids.code(ALNUM, 24)}`,
    created_at: now.toISOString(),
    tracking_id: trackingId(ctx, body.tracking_id, customer),
  };
}
