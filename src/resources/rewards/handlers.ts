// Rewards and their assignments (/v1/rewards…): operationId → handler.

import type { Handlers } from '../../http/context.js';
import {
  assignReward,
  assignmentOfReward,
  createReward,
  deleteAssignment,
  deleteReward,
  getReward,
  listAssignments,
  listRewards,
  updateAssignment,
  updateReward,
} from '../../domain/rewards.js';

export const rewardHandlers = {
  'list-rewards': (ctx) => ({ status: 200, body: listRewards(ctx, ctx.query) }),
  'create-reward': (ctx) => ({ status: 200, body: createReward(ctx, ctx.body) }),
  'get-reward': (ctx) => ({ status: 200, body: getReward(ctx, ctx.params.rewardId) }),
  'update-reward': (ctx) => ({ status: 200, body: updateReward(ctx, getReward(ctx, ctx.params.rewardId), ctx.body) }),
  'delete-reward': (ctx) => {
    deleteReward(ctx, getReward(ctx, ctx.params.rewardId));
    return { status: 204 };
  },
  'list-reward-assignments': (ctx) => {
    const reward = getReward(ctx, ctx.params.rewardId);
    return { status: 200, body: listAssignments(ctx, 'reward_id', reward.id, ctx.query) };
  },
  'create-reward-assignment': (ctx) => ({ status: 200, body: assignReward(ctx, getReward(ctx, ctx.params.rewardId), ctx.body.campaign, ctx.body.parameters) }),
  'get-reward-assignment': (ctx) => ({ status: 200, body: assignmentOfReward(ctx, getReward(ctx, ctx.params.rewardId), ctx.params.assignmentId) }),
  'update-reward-assignment': (ctx) => {
    const assignment = assignmentOfReward(ctx, getReward(ctx, ctx.params.rewardId), ctx.params.assignmentId);
    return { status: 200, body: updateAssignment(ctx, assignment, ctx.body.parameters) };
  },
  'delete-reward-assignment': (ctx) => {
    deleteAssignment(ctx, assignmentOfReward(ctx, getReward(ctx, ctx.params.rewardId), ctx.params.assignmentId));
    return { status: 204 };
  },
} satisfies Handlers;
