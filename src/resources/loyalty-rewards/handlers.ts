// A loyalty program's rewards (/v1/loyalties/{campaignId}/rewards, …/reward-assignments), a
// member's rewards, and buying a reward with a loyalty card: operationId → handler.

import type { Context } from '../../domain/context.js';
import type { HandlerResult, Handlers } from '../../http/context.js';
import { getTier } from '../../domain/loyalty-tiers.js';
import { redeemReward, type RewardRedeemed } from '../../domain/reward-redemption.js';
import {
  assignReward,
  assignmentOfProgram,
  deleteAssignment,
  getProgram,
  getReward,
  listAssignments,
  listTierRewards,
  memberCard,
  memberRewards,
  updateAssignment,
} from '../../domain/rewards.js';
import type { RedemptionChannel } from '../../domain/records.js';

const apiChannel = (tenantId: string): RedemptionChannel => ({ channel_id: tenantId, channel_type: 'API' });

/** A refused reward redemption is kept as a failed one, so its error is an answer (the record stays), not a throw. */
const answer = (ctx: Context, result: RewardRedeemed): HandlerResult =>
  result.ok ? { status: 200, body: result.redemption } : { status: result.error.status, body: result.error.toBody(ctx.requestId) };

export const loyaltyRewardHandlers = {
  'list-reward-assignments-2': (ctx) => {
    const program = getProgram(ctx, ctx.params.campaignId);
    return { status: 200, body: listAssignments(ctx, 'related_object_id', program.id, ctx.query, ctx.query.assignment_id) };
  },
  'list-reward-assignments-1': (ctx) => {
    const program = getProgram(ctx, ctx.params.campaignId);
    return { status: 200, body: listAssignments(ctx, 'related_object_id', program.id, ctx.query, ctx.query.assignmentId) };
  },
  'create-reward-assignment-1': (ctx) => {
    const program = getProgram(ctx, ctx.params.campaignId);
    // One failed entry fails the request, and the request's transaction takes back the others.
    const created = ctx.body.map((entry) => assignReward(ctx, getReward(ctx, entry.reward), program.id, entry.parameters));
    return { status: 200, body: created };
  },
  'get-reward-assignment-2': (ctx) => ({ status: 200, body: assignmentOfProgram(ctx, getProgram(ctx, ctx.params.campaignId), ctx.params.assignmentId) }),
  'get-reward-assignment-1': (ctx) => ({ status: 200, body: assignmentOfProgram(ctx, getProgram(ctx, ctx.params.campaignId), ctx.params.assignmentId) }),
  'get-reward-details': (ctx) => {
    const assignment = assignmentOfProgram(ctx, getProgram(ctx, ctx.params.campaignId), ctx.params.assignmentId);
    return { status: 200, body: getReward(ctx, assignment.reward_id) };
  },
  'update-reward-assignment-1': (ctx) => {
    const assignment = assignmentOfProgram(ctx, getProgram(ctx, ctx.params.campaignId), ctx.params.assignmentId);
    return { status: 200, body: updateAssignment(ctx, assignment, ctx.body.parameters) };
  },
  'delete-reward-assignment-1': (ctx) => {
    deleteAssignment(ctx, assignmentOfProgram(ctx, getProgram(ctx, ctx.params.campaignId), ctx.params.assignmentId));
    return { status: 204 };
  },
  'list-loyalty-tier-rewards': (ctx) => {
    const program = getProgram(ctx, ctx.params.campaignId);
    return { status: 200, body: listTierRewards(ctx, program, getTier(ctx, program, ctx.params.loyaltyTierId)) };
  },
  'list-member-rewards': (ctx) => ({ status: 200, body: memberRewards(ctx, memberCard(ctx, ctx.params.memberId), ctx.query.affordable_only === true) }),
  'redeem-reward': (ctx) => answer(ctx, redeemReward(ctx, apiChannel(ctx.tenantId), memberCard(ctx, ctx.params.memberId), ctx.body)),
  'redeem-reward-1': (ctx) => {
    const card = memberCard(ctx, ctx.params.memberId, getProgram(ctx, ctx.params.campaignId));
    return answer(ctx, redeemReward(ctx, apiChannel(ctx.tenantId), card, ctx.body));
  },
} satisfies Handlers;
