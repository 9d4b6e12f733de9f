// Vouchers: operationId → handler.

import { getVoucher } from '../../domain/lookups.js';
import type { Handlers } from '../../http/context.js';
import { createVoucher, deleteVoucher, generateVoucher, listVoucherTransactions, listVouchers, setVoucherActive, updateVoucher, updateVoucherBalance } from './model.js';

export const voucherHandlers = {
  'list-vouchers': (ctx) => ({ status: 200, body: listVouchers(ctx, ctx.query) }),
  'generate-random-code': (ctx) => ({ status: 200, body: generateVoucher(ctx, ctx.body ?? {}) }),
  'get-voucher': (ctx) => ({ status: 200, body: getVoucher(ctx, ctx.params.code) }),
  'create-voucher': (ctx) => ({ status: 200, body: createVoucher(ctx, ctx.params.code, ctx.body ?? {}) }),
  'update-voucher': (ctx) => ({ status: 200, body: updateVoucher(ctx, ctx.params.code, ctx.body) }),
  // Without ?force=true the voucher goes to the bin (GET /v1/trash-bin); either way it is no longer found.
  'delete-voucher': (ctx) => {
    deleteVoucher(ctx, ctx.params.code, ctx.query.force === true);
    return { status: 204 };
  },
  'enable-voucher': (ctx) => ({ status: 200, body: setVoucherActive(ctx, ctx.params.code, true) }),
  'disable-voucher': (ctx) => ({ status: 200, body: setVoucherActive(ctx, ctx.params.code, false) }),
  'update-voucher-balance': (ctx) => ({ status: 200, body: updateVoucherBalance(ctx, ctx.params.code, ctx.body) }),
  'list-voucher-transactions': (ctx) => ({ status: 200, body: listVoucherTransactions(ctx, ctx.params.code, ctx.query) }),
} satisfies Handlers;
