// Vouchers' metadata in bulk: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { updateVouchersInBulk, updateVouchersMetadataInBulk } from './model.js';

export const voucherBulkHandlers = {
  'update-vouchers-in-bulk': (ctx) => ({ status: 202, body: updateVouchersInBulk(ctx, ctx.body) }),
  'update-vouchers-metadata-in-bulk': (ctx) => ({ status: 202, body: updateVouchersMetadataInBulk(ctx, ctx.body) }),
} satisfies Handlers;
