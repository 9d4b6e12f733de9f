// Loyalty programs, members and card balances: operationId → handler. Member paths exist with and without the program.

import { campaignView } from '../../domain/campaigns.js';
import type { Context } from '../../domain/context.js';
import type { Handlers } from '../../http/context.js';
import { addMember, adjustBalance, createProgram, getProgram, listMembers, listPrograms, memberView, resolveMember } from './model.js';

const member = (ctx: Context, params: { memberId: string; campaignId?: string }) => resolveMember(ctx, params.memberId, params.campaignId);

export const loyaltyHandlers = {
  'list-loyalty-programs': (ctx) => ({ status: 200, body: listPrograms(ctx, ctx.query) }),
  'create-loyalty-program': (ctx) => ({ status: 200, body: createProgram(ctx, ctx.body) }),
  'get-loyalty-program': (ctx) => ({ status: 200, body: campaignView(ctx, getProgram(ctx, ctx.params.campaignId)) }),
  'list-members': (ctx) => ({ status: 200, body: listMembers(ctx, getProgram(ctx, ctx.params.campaignId), ctx.query) }),
  'add-member': (ctx) => ({ status: 200, body: addMember(ctx, getProgram(ctx, ctx.params.campaignId), ctx.body) }),
  'get-member': (ctx) => ({ status: 200, body: memberView(member(ctx, ctx.params)) }),
  'get-member-1': (ctx) => ({ status: 200, body: memberView(member(ctx, ctx.params)) }),
  'update-loyalty-card-balance': (ctx) => ({ status: 200, body: adjustBalance(ctx, member(ctx, ctx.params), ctx.body) }),
  'update-loyalty-card-balance-1': (ctx) => ({ status: 200, body: adjustBalance(ctx, member(ctx, ctx.params), ctx.body) }),
} satisfies Handlers;
