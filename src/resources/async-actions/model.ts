// Async actions: reading the finished actions that bulk operations recorded (see domain/async-actions.ts).

import { asyncActions } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import type { AsyncAction } from '../../domain/records.js';
import { notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

export function getAsyncAction(ctx: Context, id: string): AsyncAction {
  const action = asyncActions(ctx.tenant).get(id);
  if (!action) throw notFound('async_action', id);
  return action;
}

/**
 * Newest first, `limit` (10 when not given) at most, only those created before `end_date`.
 * As in Voucherify, the list leaves out each action's result: GET /v1/async-actions/{id} has it.
 */
export function listAsyncActions(ctx: Context, query: RequestQuery<'list-async-actions'>) {
  const limit = query.limit ?? 10;
  const before = query.end_date === undefined ? Infinity : Date.parse(query.end_date);
  // Action ids grow with time: newest first is the id index walked from its end, up to one past the page.
  const page: AsyncAction[] = [];
  for (const action of asyncActions(ctx.tenant).ordered('id', true)) {
    if (!(Date.parse(action.created_at) < before)) continue;
    page.push(action);
    if (page.length > limit) break;
  }
  return listEnvelope(
    'async_actions',
    page.slice(0, limit).map(({ result: _result, ...summary }) => summary),
    { has_more: page.length > limit },
  );
}
