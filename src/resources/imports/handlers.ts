// Imports of vouchers (standalone or into a campaign, JSON or CSV) and of orders: operationId → handler.
// Voucherify's reference answers the campaign CSV import and the order import 200, the others 202.

import type { Handlers } from '../../http/context.js';
import { importCampaignVouchers, importCampaignVouchersCsv, importOrders, importVouchers, importVouchersCsv } from './model.js';

export const importHandlers = {
  'import-vouchers': (ctx) => ({ status: 202, body: importVouchers(ctx, ctx.body) }),
  'import-vouchers-using-csv': (ctx) => ({ status: 202, body: importVouchersCsv(ctx, ctx.body.file, ctx.body.webhooks_enable === 'true') }),
  'import-vouchers-to-campaign': (ctx) => ({ status: 202, body: importCampaignVouchers(ctx, ctx.params.campaignId, ctx.body) }),
  'import-vouchers-to-campaign-using-csv': (ctx) => ({ status: 200, body: importCampaignVouchersCsv(ctx, ctx.params.campaignId, ctx.body.file) }),
  'import-orders': (ctx) => ({ status: 200, body: importOrders(ctx, ctx.body) }),
} satisfies Handlers;
