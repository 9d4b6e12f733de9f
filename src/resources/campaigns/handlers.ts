// Campaigns: operationId → handler. Campaigns are named by id or by name in every path.

import { campaignView, createCampaign } from '../../domain/campaigns.js';
import { getCampaign } from '../../domain/lookups.js';
import type { Handlers } from '../../http/context.js';
import { deleteCampaign, updateCampaign } from '../../domain/campaign-changes.js';
import { listTransactionGroup } from '../../domain/transactions.js';
import { addVoucherToCampaign, addVouchers, listCampaigns, setCampaignActive } from './model.js';
import { campaignSummary } from './summary.js';

export const campaignHandlers = {
  'create-campaign': (ctx) => ({ status: 200, body: createCampaign(ctx, ctx.body) }),
  'list-campaigns': (ctx) => ({ status: 200, body: listCampaigns(ctx, ctx.query) }),
  'get-campaign': (ctx) => ({ status: 200, body: campaignView(ctx, getCampaign(ctx, ctx.params.campaignId)) }),
  'update-campaign': (ctx) => ({ status: 200, body: updateCampaign(ctx, ctx.params.campaignId, ctx.body) }),
  'delete-campaign': (ctx) => ({ status: 202, body: { async_action_id: deleteCampaign(ctx, ctx.params.campaignId, ctx.query.force === true).id } }),
  // Gift card and loyalty campaigns list their cards' transactions; other campaigns have none.
  'list-campaign-transactions': (ctx) => {
    const campaign = getCampaign(ctx, ctx.params.campaignId);
    const cards = campaign.campaign_type === 'GIFT_VOUCHERS' || campaign.campaign_type === 'LOYALTY_PROGRAM';
    return { status: 200, body: cards ? listTransactionGroup(ctx, 'campaign_id', campaign.id, ctx.query) : { object: 'list', data_ref: 'data', data: [], total: 0 } };
  },
  'get-campaign-summary': (ctx) => ({ status: 200, body: campaignSummary(ctx, ctx.params.campaignId, ctx.query) }),
  'enable-campaign': (ctx) => ({ status: 200, body: setCampaignActive(ctx, ctx.params.campaignId, true) }),
  'disable-campaign': (ctx) => ({ status: 200, body: setCampaignActive(ctx, ctx.params.campaignId, false) }),
  'add-vouchers-to-campaign': (ctx) => {
    const added = addVouchers(ctx, ctx.params.campaignId, ctx.body ?? {}, ctx.query.vouchers_count);
    return 'voucher' in added ? { status: 200, body: added.voucher } : { status: 202, body: { async_action_id: added.asyncAction.id } };
  },
  'add-voucher-with-specific-code-to-campaign': (ctx) => ({
    status: 200,
    body: addVoucherToCampaign(ctx, ctx.params.campaignId, ctx.params.code, ctx.body ?? {}),
  }),
} satisfies Handlers;
