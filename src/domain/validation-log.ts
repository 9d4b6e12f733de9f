// What a validation leaves behind (POST /v1/validations, POST /v1/vouchers/{code}/validate and
// their client-side twins): one tiny record per checked redeemable of a campaign, which the
// campaign summary counts (validations, validations_succeeded, validations_failed), and, for a
// customer the tenant has, the customer activity customer.validation.succeeded or .failed.
// Qualifications are not validations and leave nothing. A validation of a standalone voucher
// without a customer writes nothing at all.

import { defineCollection } from '../store/collection.js';
import { timestamp } from '../store/clock.js';
import type { Tenant } from '../store/tenant.js';
import { recordActivity } from './activities.js';
import type { Outcome } from './checkout.js';
import type { Context } from './context.js';
import { simpleCustomer } from './events.js';
import type { Customer } from './records.js';

/** One redeemable of a campaign checked by a validation. */
export interface ValidationRecord {
  /** The request id and the redeemable's place in the request. */
  id: string;
  campaign_id: string;
  created_at: string;
  /** The redeemable applied (its own status, not the whole request's). */
  valid: boolean;
  object: 'validation_record';
}

export const validationRecords = defineCollection<ValidationRecord>()({
  name: 'validation_records',
  recordName: 'validation record',
  groups: { campaign_id: (v) => v.campaign_id },
  check: (v) => (typeof v.campaign_id !== 'string' ? 'has no campaign_id' : typeof v.created_at !== 'string' ? 'has no created_at' : undefined),
});

export const validationLog = (tenant: Tenant) => tenant.collection(validationRecords);

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
 * Records a validation: per redeemable of a campaign it checked, one record; and the customer's
 * activity when the request names a customer the tenant has. A validation of which no redeemable
 * is known (an unknown code) records nothing.
 */
export function recordValidation(ctx: Context, trace: ValidationTrace): void {
  const { outcomes, customer } = trace;
  let anyKnown = false;
  let createdAt: string | undefined;
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (outcome.status === 'SKIPPED') continue;
    const redeemable = known(outcome);
    if (!redeemable) continue;
    anyKnown = true;
    if (!redeemable.campaignId) continue;
    createdAt ??= timestamp(ctx.clock);
    validationLog(ctx.tenant).put({
      id: `${ctx.requestId}|${i}`,
      campaign_id: redeemable.campaignId,
      created_at: createdAt,
      valid: outcome.status === 'APPLICABLE',
      object: 'validation_record',
    });
  }
  if (!customer || !anyKnown) return;
  const id = trace.id ?? ctx.ids.validation();
  const at = createdAt ?? timestamp(ctx.clock);
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
        created_at: at,
        customer_id: customer.id,
        redeemables: listed(),
        ...(inapplicable.length > 0 ? { inapplicable_redeemables: inapplicable } : {}),
        ...(skipped.length > 0 ? { skipped_redeemables: skipped } : {}),
      },
    };
  });
}

/** The campaign is gone (with its summary): so are the records of its validations. */
export function forgetValidations(ctx: Context, campaignId: string): void {
  const records = validationLog(ctx.tenant);
  const owned = records.groupOf('campaign_id', campaignId);
  // Newest first: each removal then takes the last element of the index list, not the first.
  for (let i = owned.length - 1; i >= 0; i--) records.remove(owned[i].id);
}
