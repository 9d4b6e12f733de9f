// Loyalty programs, members, card balances, tiers, transactions, points expiration and transfers: operationId → handler. Member paths exist with and without the program.

import { campaignView } from '../../domain/campaigns.js';
import type { Context } from '../../domain/context.js';
import type { Handlers } from '../../http/context.js';
import { getTier } from '../../domain/loyalty-tiers.js';
import { listBuckets } from '../../domain/points-expiration.js';
import { addMember, adjustBalance, createProgram, deleteProgram, getProgram, listMembers, listPrograms, memberView, resolveMember, updateProgram } from './model.js';
import { addTiers, listMemberTiers, listTiers } from './tiers.js';
import { listCardTransactions, listProgramTransactions } from './transactions.js';
import { transferPoints } from './transfers.js';

const member = (ctx: Context, params: { memberId: string; campaignId?: string }) => resolveMember(ctx, params.memberId, params.campaignId);

export const loyaltyHandlers = {
  'list-loyalty-programs': (ctx) => ({ status: 200, body: listPrograms(ctx, ctx.query) }),
  'create-loyalty-program': (ctx) => ({ status: 200, body: createProgram(ctx, ctx.body) }),
  'get-loyalty-program': (ctx) => ({ status: 200, body: campaignView(ctx, getProgram(ctx, ctx.params.campaignId)) }),
  'list-members': (ctx) => ({ status: 200, body: listMembers(ctx, getProgram(ctx, ctx.params.campaignId), ctx.query) }),
  'add-member': (ctx) => ({ status: 200, body: addMember(ctx, getProgram(ctx, ctx.params.campaignId), ctx.body) }),
  'get-member': (ctx) => ({ status: 200, body: memberView(ctx, member(ctx, ctx.params)) }),
  'get-member-1': (ctx) => ({ status: 200, body: memberView(ctx, member(ctx, ctx.params)) }),
  'update-loyalty-card-balance': (ctx) => ({ status: 200, body: adjustBalance(ctx, member(ctx, ctx.params), ctx.body) }),
  'update-loyalty-card-balance-1': (ctx) => ({ status: 200, body: adjustBalance(ctx, member(ctx, ctx.params), ctx.body) }),
  'update-loyalty-program': (ctx) => ({ status: 200, body: updateProgram(ctx, ctx.params.campaignId, ctx.body) }),
  'delete-loyalty-program': (ctx) => ({ status: 200, body: deleteProgram(ctx, ctx.params.campaignId, ctx.query.force === true) }),
  // Tiers
  'list-loyalty-tiers': (ctx) => ({ status: 200, body: listTiers(ctx, getProgram(ctx, ctx.params.campaignId), ctx.query) }),
  'create-in-bulk-loyalty-tiers': (ctx) => ({ status: 200, body: addTiers(ctx, getProgram(ctx, ctx.params.campaignId), ctx.body) }),
  'get-loyalty-tier': (ctx) => ({ status: 200, body: getTier(ctx, getProgram(ctx, ctx.params.campaignId), ctx.params.loyaltyTierId) }),
  'list-member-loyalty-tier': (ctx) => ({ status: 200, body: listMemberTiers(ctx, member(ctx, ctx.params)) }),
  // Transactions, points expiration, transfers
  'list-loyalty-campaign-transactions': (ctx) => ({ status: 200, body: listProgramTransactions(ctx, ctx.params.campaignId, ctx.query) }),
  'list-loyalty-card-transactions': (ctx) => ({ status: 200, body: listCardTransactions(ctx, member(ctx, ctx.params), ctx.query) }),
  'list-loyalty-card-transactions-1': (ctx) => ({ status: 200, body: listCardTransactions(ctx, member(ctx, ctx.params), ctx.query) }),
  'list-points-expiration': (ctx) => ({ status: 200, body: listBuckets(ctx, member(ctx, ctx.params), ctx.query) }),
  'transfer-points': (ctx) => ({ status: 200, body: memberView(ctx, transferPoints(ctx, member(ctx, ctx.params), ctx.body)) }),
} satisfies Handlers;
