// Campaigns: operationId → handler. Campaigns are named by id or by name in every path.

import type { HandlerMap, OperationContext } from '../../http/context.js';
import {
  addVoucherToCampaign,
  addVouchers,
  campaignView,
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  setCampaignActive,
  updateCampaign,
  type CampaignCreateBody,
  type CampaignListQuery,
  type CampaignUpdateBody,
  type CampaignVoucherBody,
} from './model.js';

const campaignId = (ctx: OperationContext) => ctx.params.campaignId;

export const campaignHandlers: HandlerMap = {
  'create-campaign': (ctx) => ({ status: 200, body: createCampaign(ctx.tenant, ctx.ids, ctx.clock, ctx.body as CampaignCreateBody, ctx.requestId) }),
  'list-campaigns': (ctx) => ({ status: 200, body: listCampaigns(ctx.tenant, ctx.clock, ctx.query as CampaignListQuery) }),
  'get-campaign': (ctx) => ({ status: 200, body: campaignView(ctx.tenant, getCampaign(ctx.tenant, campaignId(ctx))) }),
  'update-campaign': (ctx) => ({
    status: 200,
    body: updateCampaign(ctx.tenant, ctx.ids, ctx.clock, campaignId(ctx), ctx.body as CampaignUpdateBody, ctx.requestId),
  }),
  'delete-campaign': (ctx) => {
    const action = deleteCampaign(ctx.tenant, ctx.ids, ctx.clock, campaignId(ctx), ctx.requestId);
    return { status: 202, body: { async_action_id: action.id } };
  },
  'enable-campaign': (ctx) => ({ status: 200, body: setCampaignActive(ctx.tenant, ctx.clock, campaignId(ctx), true) }),
  'disable-campaign': (ctx) => ({ status: 200, body: setCampaignActive(ctx.tenant, ctx.clock, campaignId(ctx), false) }),
  'add-vouchers-to-campaign': (ctx) => {
    const count = ctx.query.vouchers_count as number | undefined;
    const added = addVouchers(ctx.tenant, ctx.ids, ctx.clock, campaignId(ctx), (ctx.body ?? {}) as CampaignVoucherBody, count, ctx.requestId);
    return 'voucher' in added ? { status: 200, body: added.voucher } : { status: 202, body: { async_action_id: added.asyncAction.id } };
  },
  'add-voucher-with-specific-code-to-campaign': (ctx) => ({
    status: 200,
    body: addVoucherToCampaign(ctx.tenant, ctx.ids, ctx.clock, campaignId(ctx), ctx.params.code, (ctx.body ?? {}) as CampaignVoucherBody),
  }),
};
