// Vouchers: operationId → handler.

import type { HandlerMap } from '../../http/context.js';
import { getVoucher } from './model.js';

export const voucherHandlers: HandlerMap = {
  'get-voucher': (ctx) => ({ status: 200, body: getVoucher(ctx.tenant, ctx.params.code) }),
};
