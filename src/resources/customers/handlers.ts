// Customers: operationId → handler.

import { shownCustomer } from '../../domain/customer-view.js';
import { upsertCustomer } from '../../domain/customers.js';
import { getCustomer } from '../../domain/lookups.js';
import type { Handlers } from '../../http/context.js';
import { deleteCustomer, listCustomerRedeemables, listCustomerSegments, listCustomers, updateCustomer } from './model.js';

export const customerHandlers = {
  'create-customer': (ctx) => ({ status: 200, body: shownCustomer(ctx, upsertCustomer(ctx, ctx.body)) }),
  'list-customers': (ctx) => ({ status: 200, body: listCustomers(ctx, ctx.query) }),
  'get-customer': (ctx) => ({ status: 200, body: shownCustomer(ctx, getCustomer(ctx, ctx.params.customerId)) }),
  'update-customer': (ctx) => ({ status: 200, body: shownCustomer(ctx, updateCustomer(ctx, ctx.params.customerId, ctx.body)) }),
  'delete-customer': (ctx) => {
    deleteCustomer(ctx, ctx.params.customerId);
    return { status: 204 };
  },
  'list-customer-redeemables': (ctx) => ({ status: 200, body: listCustomerRedeemables(ctx, ctx.params.customerId, ctx.query) }),
  'list-customer-segments': (ctx) => ({ status: 200, body: listCustomerSegments(ctx, ctx.params.customerId) }),
} satisfies Handlers;
