// Customers: operationId → handler.

import type { HandlerMap } from '../../http/context.js';
import { getCustomer, listCustomers, upsertCustomer, type CustomerInput, type CustomerListQuery } from './model.js';

export const customerHandlers: HandlerMap = {
  'create-customer': (ctx) => ({ status: 200, body: upsertCustomer(ctx.tenant, ctx.ids, ctx.clock, ctx.body as CustomerInput) }),
  'list-customers': (ctx) => ({ status: 200, body: listCustomers(ctx.tenant, ctx.query as CustomerListQuery) }),
  'get-customer': (ctx) => ({ status: 200, body: getCustomer(ctx.tenant, ctx.params.customerId) }),
};
