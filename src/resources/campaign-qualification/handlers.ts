// The older campaigns qualification: operationId → handler (specs/voucherify-campaigns-qualification.yaml).

import { campaignQualification, type CampaignQualificationQuery } from '../../domain/campaign-qualification.js';
import type { QualificationRequest } from '../../domain/qualifications.js';
import type { Handlers } from '../../http/context.js';

export const campaignQualificationHandlers = {
  'examine-campaign-qualification': (ctx) => ({
    status: 200,
    body: campaignQualification(ctx, (ctx.body ?? {}) as QualificationRequest, ctx.query as CampaignQualificationQuery),
  }),
} satisfies Handlers;
