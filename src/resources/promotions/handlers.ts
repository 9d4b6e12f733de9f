// Promotion tiers and stacks: operationId → handler.

import {
  addPromotionTier,
  createPromotionStack,
  deletePromotionStack,
  deletePromotionTier,
  getPromotionCampaign,
  getPromotionStack,
  getPromotionTier,
  promotionTierView,
  setPromotionTierActive,
  updatePromotionStack,
  updatePromotionTier,
} from '../../domain/promotions.js';
import type { Handlers } from '../../http/context.js';
import { redeemTier, validatePromotions, validateTier } from './checkout.js';
import { listAllStacks, listAllTiers, listCampaignStacks, listCampaignTiers } from './model.js';

export const promotionHandlers = {
  'list-promotion-tiers': (ctx) => ({ status: 200, body: listAllTiers(ctx, ctx.query) }),
  'list-promotion-tiers-from-campaign': (ctx) => ({ status: 200, body: listCampaignTiers(ctx, ctx.params.campaignId) }),
  'add-promotion-tier-to-campaign': (ctx) => ({
    status: 200,
    body: promotionTierView(ctx, addPromotionTier(ctx, getPromotionCampaign(ctx, ctx.params.campaignId), ctx.body)),
  }),
  'get-promotion-tier': (ctx) => ({ status: 200, body: promotionTierView(ctx, getPromotionTier(ctx, ctx.params.promotionTierId)) }),
  'update-promotion-tier': (ctx) => ({ status: 200, body: promotionTierView(ctx, updatePromotionTier(ctx, ctx.params.promotionTierId, ctx.body)) }),
  'delete-promotion-tier': (ctx) => {
    deletePromotionTier(ctx, ctx.params.promotionTierId);
    return { status: 204 };
  },
  'enable-promotion-tier': (ctx) => ({ status: 200, body: promotionTierView(ctx, setPromotionTierActive(ctx, ctx.params.promotionTierId, true)) }),
  'disable-promotion-tier': (ctx) => ({ status: 200, body: promotionTierView(ctx, setPromotionTierActive(ctx, ctx.params.promotionTierId, false)) }),
  'list-all-promotion-stacks': (ctx) => ({ status: 200, body: listAllStacks(ctx, ctx.query) }),
  'list-promotion-stacks-in-campaign': (ctx) => ({ status: 200, body: listCampaignStacks(ctx, ctx.params.campaignId) }),
  'create-promotion-stack': (ctx) => ({ status: 200, body: createPromotionStack(ctx, ctx.params.campaignId, ctx.body) }),
  'get-promotion-stack': (ctx) => ({ status: 200, body: getPromotionStack(ctx, ctx.params.campaignId, ctx.params.stackId) }),
  'update-promotion-stack': (ctx) => ({ status: 200, body: updatePromotionStack(ctx, ctx.params.campaignId, ctx.params.stackId, ctx.body) }),
  'delete-promotion-stack': (ctx) => {
    deletePromotionStack(ctx, ctx.params.campaignId, ctx.params.stackId);
    return { status: 204 };
  },
  'validate-promotions': (ctx) => ({ status: 200, body: validatePromotions(ctx, ctx.body, ctx.query.audienceRulesOnly === 'true') }),
  'validate-promotion-tier': (ctx) => ({ status: 200, body: validateTier(ctx, ctx.params.promotionTierId, ctx.body) }),
  'redeem-promotion': (ctx) => redeemTier(ctx, ctx.tenantId, ctx.params.promotionTierId, ctx.body),
} satisfies Handlers;
