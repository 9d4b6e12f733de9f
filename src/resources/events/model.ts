// POST /v1/events: a custom event a customer caused, and the points it earns.

import type { Context } from '../../domain/context.js';
import { upsertCustomer } from '../../domain/customers.js';
import { customEventCards, earnOnCustomEvent } from '../../domain/earning.js';
import { convertOnCustomEvent } from '../../domain/referral-conversions.js';
import type { RequestBody } from '../../openapi/operation-types.js';

/**
 * Upserts the customer (by id, else by source_id, created when new), finds the cards that earn
 * (the one `loyalty.code` names: 404 when there is none; else every card the customer holds) and
 * earns by the rules for the event's name. A referral program converting on this event converts the
 * customer as its referee: through `referral.code` (404 voucher when unknown), else through every
 * referral code the customer was added to as REFEREE (domain/referral-conversions.ts). Answers the event as Voucherify does: the customer in
 * short, `referral` and `loyalty` null, and the metadata sent.
 */
export function trackEvent(ctx: Context, body: RequestBody<'track-custom-event'>) {
  const customer = upsertCustomer(ctx, body.customer);
  const cards = customEventCards(ctx, customer, body.loyalty?.code);
  earnOnCustomEvent(ctx, body.event, customer, cards, body.metadata);
  convertOnCustomEvent(ctx, customer, body.event, body.referral?.code);
  return {
    object: 'event' as const,
    type: body.event,
    customer: {
      id: customer.id,
      ...(customer.source_id !== null ? { source_id: customer.source_id } : {}),
      ...(customer.name ? { name: customer.name } : {}),
      ...(customer.email ? { email: customer.email } : {}),
      metadata: customer.metadata,
      object: 'customer' as const,
    },
    referral: null,
    loyalty: null,
    metadata: body.metadata ?? {},
  };
}
