// Async actions: Voucherify answers 202 with an async_action_id for bulk work; the mock does the
// work at once and records the finished action, so GET /v1/async-actions/{id} reports DONE.

import { timestamp } from '../store/clock.js';
import { asyncActions } from './collections.js';
import type { Context } from './context.js';
import type { AsyncAction } from './records.js';

/** Records bulk work done during this request, e.g. CAMPAIGN.VOUCHERS_GENERATE with its result. */
export function recordAsyncAction(ctx: Context, type: string, result: Record<string, unknown>): AsyncAction {
  const now = timestamp(ctx.clock);
  return asyncActions(ctx.tenant).put({
    id: ctx.ids.asyncAction(),
    type,
    status: 'DONE',
    result,
    created_at: now,
    updated_at: now,
    request_id: ctx.requestId,
    processing_time: 0,
    progress: 100,
    object: 'async_action',
  });
}

/** How long Voucherify keeps a bulk update's reports (the mock makes none: `reports` is empty). */
const REPORTS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The result of a bulk update (PRODUCTS.BULK_UPDATE, CUSTOMERS.METADATA_UPDATE, VOUCHERS.BULK_UPDATE,
 * …) as Voucherify's result schemas have it: the counts, what could not be done, the reports and
 * until when they are kept.
 */
export function bulkResult<E>(ctx: Context, done: number, errors: E[] = []) {
  return {
    done_count: done,
    failed_count: errors.length,
    errors,
    reports: [] as string[],
    reports_available_till: new Date(ctx.clock().getTime() + REPORTS_KEPT_MS).toISOString(),
  };
}
