// Vouchers' metadata many at a time: per code (POST /v1/vouchers/bulk/async) or the same keys on
// a list of codes (POST /v1/vouchers/metadata/async). No upsert: a code no voucher has is an error
// of the async action, and the other codes are still updated.

import { bulkResult, recordAsyncAction } from '../../domain/async-actions.js';
import { vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { emitVoucherEvent } from '../../domain/events.js';
import { findVoucher } from '../../domain/lookups.js';
import type { Metadata } from '../../domain/records.js';
import type { RequestBody } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/** An error of a bulk voucher update, as VOUCHERS.BULK_UPDATE lists them: the code and what went wrong. */
interface BulkError {
  message: string;
  details: string;
  key: string;
  code: string;
}

/** Sets `metadata`'s keys on each (code, metadata) pair's voucher and records the async action of `type`. */
function setMetadata(ctx: Context, type: string, entries: { code: string; metadata: Metadata }[]) {
  const errors: BulkError[] = [];
  let done = 0;
  const now = timestamp(ctx.clock);
  for (const { code, metadata } of entries) {
    const voucher = findVoucher(ctx, code);
    if (!voucher) {
      errors.push({ message: 'Resource not found', details: `Cannot find voucher with id ${code}`, key: 'not_found', code });
      continue;
    }
    const updated = vouchers(ctx.tenant).put({ ...voucher, metadata: { ...voucher.metadata, ...metadata }, updated_at: now });
    emitVoucherEvent(ctx, 'voucher.updated', updated);
    done++;
  }
  return { async_action_id: recordAsyncAction(ctx, type, bulkResult(ctx, done, errors)).id };
}

export const updateVouchersInBulk = (ctx: Context, entries: RequestBody<'update-vouchers-in-bulk'>) =>
  setMetadata(ctx, 'VOUCHERS.BULK_UPDATE', entries.map(({ code, metadata }) => ({ code, metadata: metadata as Metadata })));

export const updateVouchersMetadataInBulk = (ctx: Context, body: RequestBody<'update-vouchers-metadata-in-bulk'>) =>
  setMetadata(ctx, 'VOUCHERS.METADATA_UPDATE', [...new Set(body.codes)].map((code) => ({ code, metadata: body.metadata as Metadata })));
