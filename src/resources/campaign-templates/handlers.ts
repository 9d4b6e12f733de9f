// Campaign templates: operationId → handler.

import type { Handlers } from '../../http/context.js';
import {
  addTierFromTemplate,
  createCampaignFromTemplate,
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  templateView,
  updateTemplate,
} from './model.js';

export const campaignTemplateHandlers = {
  'list-campaign-templates': (ctx) => ({ status: 200, body: listTemplates(ctx, ctx.query) }),
  'create-campaign-template': (ctx) => ({ status: 200, body: templateView(createTemplate(ctx, ctx.body)) }),
  'get-campaign-template': (ctx) => ({ status: 200, body: templateView(getTemplate(ctx, ctx.params.campaignTemplateId), ctx.query.expand) }),
  'update-campaign-template': (ctx) => ({ status: 200, body: templateView(updateTemplate(ctx, ctx.params.campaignTemplateId, ctx.body)) }),
  'delete-campaign-template': (ctx) => {
    deleteTemplate(ctx, ctx.params.campaignTemplateId);
    return { status: 204 };
  },
  'create-campaign-from-template': (ctx) => ({ status: 200, body: createCampaignFromTemplate(ctx, ctx.params.campaignTemplateId, ctx.body) }),
  'add-tier-from-template': (ctx) => ({ status: 200, body: addTierFromTemplate(ctx, ctx.params.campaignTemplateId, ctx.body) }),
} satisfies Handlers;
