// Loyalty earning rules and pending points: operationId → handler. Rules are named by id (ern_…)
// under their program (id or name); pending points by id (lopp_…) under their card.

import type { Context } from '../../domain/context.js';
import { earnOnTierEvent } from '../../domain/earning.js';
import { getTier, onTierChange } from '../../domain/loyalty-tiers.js';
import type { Handlers } from '../../http/context.js';
import { activate, adjust, cancel, createRules, estimate, deleteRule, getProgram, getRule, listCardPending, listProgramPending, listRules, listTierRules, resolveCard, setActive, updateRule } from './model.js';

const rule = (ctx: Context, params: { campaignId: string; earningRuleId: string }) => getRule(ctx, getProgram(ctx, params.campaignId), params.earningRuleId);

// A tier move earns by the program's rules for that event (loyalty_tier: the tier reached, or left);
// the points may move the card again. Hung here, where earning and tiers meet without an import cycle.
onTierChange((ctx, change) => {
  const tier = change.to ?? change.from;
  if (tier) earnOnTierEvent(ctx, change.card, `customer.loyalty.tier.${change.type}`, tier.id);
});

export const earningRuleHandlers = {
  'list-earning-rules': (ctx) => ({ status: 200, body: listRules(ctx, getProgram(ctx, ctx.params.campaignId), ctx.query) }),
  'create-earning-rule': (ctx) => ({ status: 200, body: createRules(ctx, getProgram(ctx, ctx.params.campaignId), ctx.body) }),
  'get-earning-rule': (ctx) => ({ status: 200, body: rule(ctx, ctx.params) }),
  'update-earning-rule': (ctx) => ({ status: 200, body: updateRule(ctx, rule(ctx, ctx.params), ctx.body) }),
  'delete-earning-rule': (ctx) => {
    deleteRule(ctx, rule(ctx, ctx.params));
    return { status: 204 };
  },
  'enable-earning-rule': (ctx) => ({ status: 200, body: setActive(ctx, rule(ctx, ctx.params), true) }),
  'disable-earning-rule': (ctx) => ({ status: 200, body: setActive(ctx, rule(ctx, ctx.params), false) }),
  'list-loyalty-tier-earning-rules': (ctx) => {
    const program = getProgram(ctx, ctx.params.campaignId);
    return { status: 200, body: listTierRules(ctx, program, getTier(ctx, program, ctx.params.loyaltyTierId), ctx.query) };
  },
  'estimate-points': (ctx) => ({ status: 200, body: estimate(ctx, getProgram(ctx, ctx.params.campaignId), ctx.body) }),
  'list-campaign-pending-points': (ctx) => ({ status: 200, body: listProgramPending(ctx, getProgram(ctx, ctx.params.campaignId), ctx.query) }),
  'list-member-pending-points-1': (ctx) => ({ status: 200, body: listCardPending(ctx, resolveCard(ctx, ctx.params.memberId, ctx.params.campaignId), ctx.query) }),
  'list-member-pending-points': (ctx) => ({ status: 200, body: listCardPending(ctx, resolveCard(ctx, ctx.params.memberId), ctx.query) }),
  'activate-member-pending-points': (ctx) => ({ status: 200, body: activate(ctx, resolveCard(ctx, ctx.params.memberId), ctx.params.pendingPointsId) }),
  'adjust-member-pending-points': (ctx) => ({ status: 200, body: adjust(ctx, resolveCard(ctx, ctx.params.memberId), ctx.params.pendingPointsId, ctx.body.points) }),
  'cancel-member-pending-points': (ctx) => {
    cancel(ctx, resolveCard(ctx, ctx.params.memberId), ctx.params.pendingPointsId);
    return { status: 204 };
  },
} satisfies Handlers;
