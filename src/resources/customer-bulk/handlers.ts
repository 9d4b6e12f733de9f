// Customers in bulk and their permanent deletion: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { deleteCustomerPermanently, importCustomers, updateCustomersInBulk, updateCustomersMetadataInBulk } from './model.js';

export const customerBulkHandlers = {
  'update-customers-in-bulk': (ctx) => ({ status: 202, body: updateCustomersInBulk(ctx, ctx.body) }),
  'update-customers-metadata-in-bulk': (ctx) => ({ status: 202, body: updateCustomersMetadataInBulk(ctx, ctx.body) }),
  'import-customers-using-csv': (ctx) => ({ status: 202, body: importCustomers(ctx, ctx.body.file) }),
  'customer-permanently-deletion': (ctx) => ({ status: 200, body: deleteCustomerPermanently(ctx, ctx.params.customerId) }),
} satisfies Handlers;
