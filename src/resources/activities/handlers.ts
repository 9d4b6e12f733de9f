// Customer and loyalty member activity: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { listCustomerActivities, listCustomerActivity, listMemberActivity } from './model.js';

export const activityHandlers = {
  'list-customer-activity': (ctx) => ({ status: 200, body: listCustomerActivity(ctx, ctx.params.customerId, ctx.query) }),
  'list-customer-activities': (ctx) => ({ status: 200, body: listCustomerActivities(ctx, ctx.params.customerId, ctx.query) }),
  'list-member-activity-1': (ctx) => ({ status: 200, body: listMemberActivity(ctx, ctx.params.memberId, ctx.params.campaignId, ctx.query) }),
  'list-member-activity': (ctx) => ({ status: 200, body: listMemberActivity(ctx, ctx.params.memberId, undefined, ctx.query) }),
} satisfies Handlers;
