// Orders: operationId → handler. Orders are named by id or source_id in every path.

import { getOrder } from '../../domain/lookups.js';
import { upsertOrder } from '../../domain/order-records.js';
import type { Handlers } from '../../http/context.js';
import { listOrders } from './model.js';

export const orderHandlers = {
  'list-orders': (ctx) => ({ status: 200, body: listOrders(ctx, ctx.query) }),
  'create-order': (ctx) => ({ status: 200, body: upsertOrder(ctx, ctx.body) }),
  'get-order': (ctx) => ({ status: 200, body: getOrder(ctx, ctx.params.orderId) }),
  // The path names the order; an id or source_id in the body does not move it.
  'update-order': (ctx) => ({ status: 200, body: upsertOrder(ctx, { ...ctx.body, id: getOrder(ctx, ctx.params.orderId).id, source_id: undefined }) }),
} satisfies Handlers;
