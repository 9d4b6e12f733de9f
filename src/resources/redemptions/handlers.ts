// Redemptions: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { apiChannel, getOne, listRedemptions, redeemStack, redeemVoucher, rollbackOne, rollbackStacked, voucherRedemptions } from './model.js';

export const redemptionHandlers = {
  'redeem-stacked-discounts': (ctx) => redeemStack(ctx, apiChannel(ctx.tenantId), ctx.body),
  'redeem-voucher': (ctx) => redeemVoucher(ctx, apiChannel(ctx.tenantId), ctx.params.code, ctx.body, ctx.query),
  'get-voucher-redemptions': (ctx) => ({ status: 200, body: voucherRedemptions(ctx, ctx.params.code) }),
  'list-redemptions': (ctx) => ({ status: 200, body: listRedemptions(ctx, ctx.query) }),
  'get-redemption': (ctx) => ({ status: 200, body: getOne(ctx, ctx.params.redemptionId) }),
  'rollback-redemption': (ctx) => rollbackOne(ctx, apiChannel(ctx.tenantId), ctx.params.redemptionId, ctx.query, ctx.body),
  'rollback-stacked-redemptions': (ctx) => rollbackStacked(ctx, apiChannel(ctx.tenantId), ctx.params.parentRedemptionId, ctx.query, ctx.body),
} satisfies Handlers;
