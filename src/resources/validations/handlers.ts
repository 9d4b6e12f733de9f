// Validations: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { releaseSession, validateStack, validateVoucher } from './model.js';

export const validationHandlers = {
  'validate-stacked-discounts': (ctx) => ({ status: 200, body: validateStack(ctx, ctx.body) }),
  'validate-voucher': (ctx) => ({ status: 200, body: validateVoucher(ctx, ctx.params.code, ctx.body) }),
  'release-validation-session': (ctx) => {
    releaseSession(ctx, ctx.params.code, ctx.params.sessionKey);
    return { status: 204 };
  },
} satisfies Handlers;
