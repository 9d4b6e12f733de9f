// Exports, and the export endpoints of orders, vouchers, campaigns and loyalty programs: operationId → handler.

import type { Handlers } from '../../http/context.js';
import {
  createExport,
  deleteExport,
  downloadExport,
  exportCampaignTransactions,
  exportCardTransactions,
  exportPointsExpiration,
  exportVoucherTransactions,
  getExport,
  listExports,
  type ExportParameters,
} from './model.js';

/** The parameters of a request whose body may be left out. */
const parametersOf = (body: { parameters?: object } | undefined) => body?.parameters as ExportParameters | undefined;

export const exportHandlers = {
  'create-export': (ctx) => ({ status: 200, body: createExport(ctx, ctx.body.exported_object, parametersOf(ctx.body)) }),
  'list-exports': (ctx) => ({ status: 200, body: listExports(ctx, ctx.query) }),
  'get-export': (ctx) => ({ status: 200, body: getExport(ctx, ctx.params.exportId) }),
  'delete-export': (ctx) => {
    deleteExport(ctx, ctx.params.exportId);
    return { status: 204 };
  },
  'download-export': (ctx) => ({ status: 200, body: downloadExport(ctx, ctx.params.export_Id, ctx.query.token), contentType: 'text/csv; charset=utf-8' }),
  'create-order-export': (ctx) => ({ status: 200, body: createExport(ctx, 'order', parametersOf(ctx.body)) }),
  'export-voucher-transactions': (ctx) => ({ status: 200, body: exportVoucherTransactions(ctx, ctx.params.code, parametersOf(ctx.body)) }),
  'export-campaign-transactions': (ctx) => ({ status: 200, body: exportCampaignTransactions(ctx, ctx.params.campaignId, parametersOf(ctx.body), false) }),
  'export-loyalty-campaign-transactions': (ctx) => ({ status: 200, body: exportCampaignTransactions(ctx, ctx.params.campaignId, parametersOf(ctx.body), true) }),
  'export-loyalty-card-transactions': (ctx) => ({ status: 200, body: exportCardTransactions(ctx, ctx.params.memberId, undefined, parametersOf(ctx.body)) }),
  'export-loyalty-card-transactions-1': (ctx) => ({ status: 200, body: exportCardTransactions(ctx, ctx.params.memberId, ctx.params.campaignId, parametersOf(ctx.body)) }),
  'create-points-expiration-export': (ctx) => ({ status: 200, body: exportPointsExpiration(ctx, ctx.params.campaignId, parametersOf(ctx.body)) }),
} satisfies Handlers;
