// Loyalty programs, members and card balances: operationId → handler. Member paths exist with and without the program.

import type { HandlerMap, OperationContext } from '../../http/context.js';
import {
  addMember,
  adjustBalance,
  createProgram,
  getProgram,
  listMembers,
  listPrograms,
  memberView,
  resolveMember,
  type BalanceBody,
  type MemberCreateBody,
  type MemberListQuery,
  type ProgramCreateBody,
  type ProgramListQuery,
} from './model.js';
import { campaignView } from '../campaigns/model.js';

const member = (ctx: OperationContext) => resolveMember(ctx.tenant, ctx.params.memberId, ctx.params.campaignId);

const getMember = (ctx: OperationContext) => ({ status: 200, body: memberView(member(ctx)) });
const balance = (ctx: OperationContext) => ({ status: 200, body: adjustBalance(ctx.tenant, ctx.clock, member(ctx), ctx.body as BalanceBody) });

export const loyaltyHandlers: HandlerMap = {
  'list-loyalty-programs': (ctx) => ({ status: 200, body: listPrograms(ctx.tenant, ctx.query as ProgramListQuery) }),
  'create-loyalty-program': (ctx) => ({ status: 200, body: createProgram(ctx.tenant, ctx.ids, ctx.clock, ctx.body as ProgramCreateBody, ctx.requestId) }),
  'get-loyalty-program': (ctx) => ({ status: 200, body: campaignView(ctx.tenant, getProgram(ctx.tenant, ctx.params.campaignId)) }),
  'list-members': (ctx) => ({
    status: 200,
    body: listMembers(ctx.tenant, getProgram(ctx.tenant, ctx.params.campaignId), ctx.query as MemberListQuery),
  }),
  'add-member': (ctx) => ({
    status: 200,
    body: addMember(ctx.tenant, ctx.ids, ctx.clock, getProgram(ctx.tenant, ctx.params.campaignId), ctx.body as MemberCreateBody),
  }),
  'get-member-1': getMember,
  'get-member': getMember,
  'update-loyalty-card-balance-1': balance,
  'update-loyalty-card-balance': balance,
};
