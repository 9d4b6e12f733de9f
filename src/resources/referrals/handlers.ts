// Referral code holders: operationId → handler. Each path exists with and without a campaign.

import type { HandlerMap, OperationContext } from '../../http/context.js';
import { addHolders, listHolders, removeHolder, resolveReferralCode, type AddHoldersBody, type HolderListQuery } from './model.js';

const code = (ctx: OperationContext) => resolveReferralCode(ctx.tenant, ctx.params.memberId, ctx.params.campaignId);

const add = (ctx: OperationContext) => ({ status: 200, body: addHolders(ctx.tenant, ctx.ids, ctx.clock, code(ctx), ctx.body as AddHoldersBody) });
const list = (ctx: OperationContext) => ({ status: 200, body: listHolders(ctx.tenant, ctx.clock, code(ctx), ctx.query as HolderListQuery) });
const remove = (ctx: OperationContext) => {
  removeHolder(ctx.tenant, code(ctx), ctx.params.holderId);
  return { status: 204 };
};

export const referralHandlers: HandlerMap = {
  'referrals-add-holders-1': add,
  'referrals-add-holders': add,
  'referrals-code-holders': list,
  'referrals-code-holders-1': list,
  'referrals-remove-holder-1': remove,
  'referrals-remove-holder': remove,
};
