// Customers: operationId → handler.

import type { HandlerMap } from '../../http/context.js';
import {
  customerView,
  deleteCustomer,
  getCustomer,
  listCustomerRedeemables,
  listCustomers,
  updateCustomer,
  upsertCustomer,
  type CustomerInput,
  type CustomerListQuery,
  type CustomerRedeemablesQuery,
} from './model.js';

export const customerHandlers: HandlerMap = {
  'create-customer': (ctx) => ({ status: 200, body: customerView(ctx.tenant, upsertCustomer(ctx.tenant, ctx.ids, ctx.clock, ctx.body as CustomerInput)) }),
  'list-customers': (ctx) => ({ status: 200, body: listCustomers(ctx.tenant, ctx.query as CustomerListQuery) }),
  'get-customer': (ctx) => ({ status: 200, body: customerView(ctx.tenant, getCustomer(ctx.tenant, ctx.params.customerId)) }),
  'update-customer': (ctx) => ({
    status: 200,
    body: customerView(ctx.tenant, updateCustomer(ctx.tenant, ctx.clock, ctx.params.customerId, ctx.body as CustomerInput)),
  }),
  'delete-customer': (ctx) => {
    deleteCustomer(ctx.tenant, ctx.params.customerId);
    return { status: 204 };
  },
  'list-customer-redeemables': (ctx) => ({
    status: 200,
    body: listCustomerRedeemables(ctx.tenant, ctx.clock, ctx.params.customerId, ctx.query as CustomerRedeemablesQuery),
  }),
};
