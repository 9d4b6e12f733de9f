// Promotion tiers and stacks: the lists. The records and their changes are domain/promotions.ts
// (campaign creation and the checkout use them too).

import { campaignTiers, getPromotionCampaign, promotionTierView } from '../../domain/promotions.js';
import { campaigns, promotionStacks, promotionTiers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { getCampaign } from '../../domain/lookups.js';
import type { PromotionTier } from '../../domain/records.js';
import { listEnvelope } from '../../lists/envelope.js';
import { numberedPage } from '../../lists/numbered-page.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

/** A tier that can be used now: enabled, in an enabled campaign, and both started and not expired. */
function available(ctx: Context, tier: PromotionTier): boolean {
  const campaign = campaigns(ctx.tenant).get(tier.campaign_id);
  if (!tier.active || !campaign?.active) return false;
  const now = ctx.clock().getTime();
  for (const { start_date, expiration_date } of [tier, campaign]) {
    if (start_date && Date.parse(start_date) > now) return false;
    if (expiration_date && Date.parse(expiration_date) < now) return false;
  }
  return true;
}

/** GET /v1/promotions/tiers: every campaign's tiers, newest first unless `order` says otherwise. */
export function listAllTiers(ctx: Context, query: RequestQuery<'list-promotion-tiers'>) {
  let all = promotionTiers(ctx.tenant).all();
  if (query.is_available) all = all.filter((tier) => available(ctx, tier));
  const page = numberedPage(all, query, query.order ?? '-created_at');
  return listEnvelope('tiers', page.items.map((tier) => promotionTierView(ctx, tier)), { total: page.total, has_more: page.has_more });
}

/** GET /v1/promotions/{campaignId}/tiers: all of one campaign's tiers, by hierarchy. */
export function listCampaignTiers(ctx: Context, campaignIdOrName: string) {
  const campaign = getPromotionCampaign(ctx, campaignIdOrName);
  const tiers = campaignTiers(ctx, campaign.id).map((tier) => promotionTierView(ctx, tier));
  return listEnvelope('tiers', tiers, { total: tiers.length, has_more: false });
}

/** GET /v1/promotions/stacks: every campaign's stacks, newest first unless `order` says otherwise. */
export function listAllStacks(ctx: Context, query: RequestQuery<'list-all-promotion-stacks'>) {
  const page = numberedPage(promotionStacks(ctx.tenant).all(), query, query.order ?? '-created_at');
  return listEnvelope('data', page.items, { total: page.total });
}

/** GET /v1/promotions/{campaignId}/stacks: one campaign's stacks, oldest first. */
export function listCampaignStacks(ctx: Context, campaignIdOrName: string) {
  const campaign = getCampaign(ctx, campaignIdOrName);
  const stacks = [...promotionStacks(ctx.tenant).groupOf('campaign_id', campaign.id)];
  return listEnvelope('data', stacks, { total: stacks.length });
}
