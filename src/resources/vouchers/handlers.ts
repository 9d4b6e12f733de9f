// Vouchers: operationId → handler.

import type { HandlerMap } from '../../http/context.js';
import {
  createVoucher,
  deleteVoucher,
  generateVoucher,
  getVoucher,
  listVouchers,
  setVoucherActive,
  updateVoucher,
  type VoucherCreateBody,
  type VoucherListQuery,
  type VoucherUpdateBody,
} from './model.js';

export const voucherHandlers: HandlerMap = {
  'list-vouchers': (ctx) => ({ status: 200, body: listVouchers(ctx.tenant, ctx.query as VoucherListQuery) }),
  'generate-random-code': (ctx) => ({ status: 200, body: generateVoucher(ctx.tenant, ctx.ids, ctx.clock, (ctx.body ?? {}) as VoucherCreateBody) }),
  'get-voucher': (ctx) => ({ status: 200, body: getVoucher(ctx.tenant, ctx.params.code) }),
  'create-voucher': (ctx) => ({ status: 200, body: createVoucher(ctx.tenant, ctx.ids, ctx.clock, ctx.params.code, (ctx.body ?? {}) as VoucherCreateBody) }),
  'update-voucher': (ctx) => ({ status: 200, body: updateVoucher(ctx.tenant, ctx.clock, ctx.params.code, ctx.body as VoucherUpdateBody) }),
  'delete-voucher': (ctx) => {
    deleteVoucher(ctx.tenant, ctx.params.code, ctx.query.force === true);
    return { status: 204 };
  },
  'enable-voucher': (ctx) => ({ status: 200, body: setVoucherActive(ctx.tenant, ctx.clock, ctx.params.code, true) }),
  'disable-voucher': (ctx) => ({ status: 200, body: setVoucherActive(ctx.tenant, ctx.clock, ctx.params.code, false) }),
};
