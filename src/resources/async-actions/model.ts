// Async actions: Voucherify answers 202 with an async_action_id for bulk work; the mock does the
// work at once and records the finished action, so GET /v1/async-actions/{id} reports DONE.

import { notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import type { IdGenerator } from '../../store/ids.js';
import type { AsyncAction } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';

export function recordAsyncAction(
  tenant: Tenant,
  ids: IdGenerator,
  clock: Clock,
  type: string,
  result: Record<string, unknown>,
  requestId?: string,
): AsyncAction {
  const now = timestamp(clock);
  return tenant.asyncActions.put({
    id: ids.asyncAction(),
    type,
    status: 'DONE',
    result,
    created_at: now,
    updated_at: now,
    request_id: requestId,
    processing_time: 0,
    progress: 100,
    object: 'async_action',
  });
}

export function getAsyncAction(tenant: Tenant, id: string): AsyncAction {
  const action = tenant.asyncActions.get(id);
  if (!action) throw notFound('async_action', id);
  return action;
}

export interface AsyncActionListQuery {
  limit?: number;
  end_date?: string;
}

/**
 * Newest first, `limit` (10 when not given) at most, only those created before `end_date`.
 * As in Voucherify, the list leaves out each action's result: GET /v1/async-actions/{id} has it.
 */
export function listAsyncActions(tenant: Tenant, query: AsyncActionListQuery) {
  const limit = query.limit ?? 10;
  const before = query.end_date === undefined ? Infinity : Date.parse(query.end_date);
  const matching = tenant.asyncActions
    .all()
    .filter((action) => Date.parse(action.created_at) < before)
    .sort((a, b) => (a.id < b.id ? 1 : -1));
  return {
    object: 'list' as const,
    data_ref: 'async_actions' as const,
    async_actions: matching.slice(0, limit).map(({ result: _result, ...summary }) => summary),
    has_more: matching.length > limit,
  };
}
