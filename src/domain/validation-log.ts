// What a validation leaves behind (POST /v1/validations, POST /v1/vouchers/{code}/validate and
// their client-side twins): per campaign and day (UTC), how many of its redeemables validations
// checked, valid or not, which the campaign summary counts (validations, validations_succeeded,
// validations_failed; its window is whole days); and, for a customer the tenant has, the customer
// activity customer.validation.succeeded or .failed. Qualifications are not validations and leave
// nothing. A validation of a standalone voucher without a customer writes nothing at all; one of a
// campaign's redeemables rewrites one small counter record, so the tenant does not grow with every
// validation.

import { defineCollection } from '../store/collection.js';
import { timestamp } from '../store/clock.js';
import type { Tenant } from '../store/tenant.js';
import { recordActivity } from './activities.js';
import type { Outcome } from './checkout.js';
import type { Context } from './context.js';
import { simpleCustomer } from './events.js';
import type { Customer } from './records.js';

/** The validations of a campaign's redeemables on one day (UTC), by `campaign_id|day`. */
export interface ValidationDay {
  id: string;
  campaign_id: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Redeemables that applied (their own status, not the whole request's). */
  succeeded: number;
  /** Redeemables checked that did not apply. */
  failed: number;
  object: 'validation_day';
}

export const validationDayRecords = defineCollection<ValidationDay>()({
  name: 'validation_days',
  recordName: 'validation day',
  groups: { campaign_id: (v) => v.campaign_id },
  check: (v) =>
    typeof v.campaign_id !== 'string'
      ? 'has no campaign_id'
      : typeof v.day !== 'string'
        ? 'has no day'
        : typeof v.succeeded !== 'number' || typeof v.failed !== 'number'
          ? 'has no succeeded and failed counts'
          : undefined,
});

export const validationDays = (tenant: Tenant) => tenant.collection(validationDayRecords);

/** Adds a request's counts for one campaign to its record of the day. */
function count(ctx: Context, campaignId: string, day: string, succeeded: number, failed: number): void {
  const all = validationDays(ctx.tenant);
  const id = `${campaignId}|${day}`;
  const before = all.get(id);
  all.put({
    id,
    campaign_id: campaignId,
    day,
    succeeded: (before?.succeeded ?? 0) + succeeded,
    failed: (before?.failed ?? 0) + failed,
    object: 'validation_day',
  });
}

/** The redeemable an outcome names as the tenant has it, or undefined (an unknown code, or one skipped unchecked). */
function known(outcome: Outcome): { id: string; type: 'voucher' | 'promotion_tier'; campaignId: string | undefined } | undefined {
  if (outcome.voucher) return { id: outcome.voucher.id, type: 'voucher', campaignId: outcome.voucher.campaign_id ?? undefined };
  if (outcome.tier) return { id: outcome.tier.id, type: 'promotion_tier', campaignId: outcome.tier.campaign_id };
  return undefined;
}

export interface ValidationTrace {
  outcomes: Outcome[];
  valid: boolean;
  customer: Customer | undefined;
  /** The validation's id (valid_…) when the answer has one; else one is taken when an activity needs it. */
  id?: string;
  sessionKey?: string;
}

/**
 * Records a validation: each redeemable of a campaign it checked counts once on the campaign's
 * record of the day; and the customer's activity when the request names a customer the tenant has.
 * A validation of which no redeemable is known (an unknown code) records nothing.
 */
export function recordValidation(ctx: Context, trace: ValidationTrace): void {
  const { outcomes, customer } = trace;
  let anyKnown = false;
  // Per campaign: [succeeded, failed]; a request's redeemables are mostly of one campaign.
  let counts: Map<string, [number, number]> | undefined;
  for (const outcome of outcomes) {
    if (outcome.status === 'SKIPPED') continue;
    const redeemable = known(outcome);
    if (!redeemable) continue;
    anyKnown = true;
    if (!redeemable.campaignId) continue;
    counts ??= new Map();
    let pair = counts.get(redeemable.campaignId);
    if (!pair) counts.set(redeemable.campaignId, (pair = [0, 0]));
    pair[outcome.status === 'APPLICABLE' ? 0 : 1]++;
  }
  if (!anyKnown || (!counts && !customer)) return;
  const createdAt = timestamp(ctx.clock);
  if (counts) {
    const day = createdAt.slice(0, 10);
    for (const [campaignId, [succeeded, failed]] of counts) count(ctx, campaignId, day, succeeded, failed);
  }
  if (!customer) return;
  const id = trace.id ?? ctx.ids.validation();
  const type = trace.valid ? 'customer.validation.succeeded' : 'customer.validation.failed';
  recordActivity(ctx, type, customer.id, () => {
    const listed = (status?: Outcome['status']) =>
      outcomes
        .filter((outcome) => status === undefined || outcome.status === status)
        .map((outcome) => {
          const redeemable = known(outcome);
          return redeemable ? { id: redeemable.id, type: redeemable.type } : { id: outcome.request.id, type: outcome.request.object === 'voucher' ? 'voucher' : 'promotion_tier' };
        });
    const inapplicable = listed('INAPPLICABLE');
    const skipped = listed('SKIPPED');
    return {
      customer: simpleCustomer(customer),
      validation: {
        id,
        ...(trace.sessionKey ? { session_id: trace.sessionKey } : {}),
        status: trace.valid ? 'VALID' : 'INVALID',
        created_at: createdAt,
        customer_id: customer.id,
        redeemables: listed(),
        ...(inapplicable.length > 0 ? { inapplicable_redeemables: inapplicable } : {}),
        ...(skipped.length > 0 ? { skipped_redeemables: skipped } : {}),
      },
    };
  });
}

/** The campaign is gone (with its summary): so are the counts of its validations. */
export function forgetValidations(ctx: Context, campaignId: string): void {
  const records = validationDays(ctx.tenant);
  const owned = records.groupOf('campaign_id', campaignId);
  // Newest first: each removal then takes the last element of the index list, not the first.
  for (let i = owned.length - 1; i >= 0; i--) records.remove(owned[i].id);
}
