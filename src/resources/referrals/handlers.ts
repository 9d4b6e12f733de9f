// Referral code holders: operationId → handler. Each path exists with and without a campaign.

import type { Context } from '../../domain/context.js';
import type { Handlers } from '../../http/context.js';
import { addHolders, listHolders, removeHolder, resolveReferralCode } from './model.js';

const code = (ctx: Context, params: { memberId: string; campaignId?: string }) => resolveReferralCode(ctx, params.memberId, params.campaignId);

export const referralHandlers = {
  'referrals-add-holders': (ctx) => ({ status: 200, body: addHolders(ctx, code(ctx, ctx.params), ctx.body) }),
  'referrals-add-holders-1': (ctx) => ({ status: 200, body: addHolders(ctx, code(ctx, ctx.params), ctx.body) }),
  'referrals-code-holders': (ctx) => ({ status: 200, body: listHolders(ctx, code(ctx, ctx.params), ctx.query) }),
  'referrals-code-holders-1': (ctx) => ({ status: 200, body: listHolders(ctx, code(ctx, ctx.params), ctx.query) }),
  'referrals-remove-holder': (ctx) => {
    removeHolder(ctx, code(ctx, ctx.params), ctx.params.holderId);
    return { status: 204 };
  },
  'referrals-remove-holder-1': (ctx) => {
    removeHolder(ctx, code(ctx, ctx.params), ctx.params.holderId);
    return { status: 204 };
  },
} satisfies Handlers;
