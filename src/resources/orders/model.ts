// Orders: the list. Creating, finding and updating orders is shared with validations and
// redemptions (domain/order-records.ts).

import { orders } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { listEnvelope } from '../../lists/envelope.js';
import { orderedPage } from '../../lists/numbered-page.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

/** One page of orders, newest first unless `order` says otherwise: `{object, data_ref: 'orders', orders, total}`. */
export function listOrders(ctx: Context, query: RequestQuery<'list-orders'>) {
  const page = orderedPage(orders(ctx.tenant), query, query.order ?? '-created_at');
  return listEnvelope('orders', page.items, { total: page.total });
}
