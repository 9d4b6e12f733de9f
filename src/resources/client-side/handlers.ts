// The client-side API (/client/v1/…): each operation answers as its server-side twin does, on the
// same tenant's data, by calling the twin's handler with the request put in the twin's terms (GET
// /client/v1/validate's query becomes POST /v1/vouchers/{code}/validate's body). The twins come in
// as an argument (src/resources/index.ts passes the registry), as a resource never imports another.

import { notImplemented } from '../../errors.js';
import type { HandlerMap, HandlerResult, OperationContext } from '../../http/context.js';
import type { OperationId, RequestBody, RequestQuery } from '../../openapi/operation-types.js';

type Input = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/**
 * The twin's context: the same tenant (and transaction), clock, ids, events and request id, with
 * the twin's operationId, params, query and body. Made by prototype, so nothing of ctx is copied.
 */
function asTwin(ctx: OperationContext, operationId: OperationId, input: Input): OperationContext {
  return Object.assign(Object.create(ctx) as OperationContext, { operationId, params: input.params ?? {}, query: input.query ?? {}, body: input.body });
}

/** Keeps only the fields that have a value, so the twin sees what was sent and nothing more. */
function defined<T extends Record<string, unknown>>(value: T): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field;
  return Object.keys(out).length > 0 ? (out as Partial<T>) : undefined;
}

/** GET /client/v1/validate's query, as the body of POST /v1/vouchers/{code}/validate. */
export function validationBodyOf(query: RequestQuery<'validate-voucher-client-side'>): RequestBody<'validate-voucher'> {
  const order = defined({
    ...(query.order ?? {}),
    amount: query.amount,
    items: query.item?.map((item) => ({ object: 'order_item' as const, ...item })),
  });
  const session = defined({ type: query.session_type, key: query.session_key, ttl: query.session_ttl, ttl_unit: query.session_ttl_unit });
  return defined({
    customer: query.customer,
    order,
    metadata: query.metadata,
    tracking_id: query.tracking_id,
    ...(session ? { session: { type: 'LOCK' as const, ...session } } : {}),
  }) as RequestBody<'validate-voucher'>;
}

/**
 * The client-side handlers, each calling its twin among `server` (looked up when called: a twin taken
 * away by a handler override leaves its client-side operation answering 501 as the twin does).
 */
export function clientSideHandlers(server: { readonly [operationId: string]: HandlerMap[string] | undefined }): HandlerMap {
  const twin = (operationId: OperationId) => {
    return (ctx: OperationContext, input: Input): HandlerResult | Promise<HandlerResult> => {
      const handler = server[operationId];
      if (!handler) throw notImplemented(operationId);
      return handler(asTwin(ctx, operationId, input));
    };
  };
  const qualifications = twin('check-eligibility');
  const tiers = twin('list-promotion-tiers');
  const validateStack = twin('validate-stacked-discounts');
  const redeemStack = twin('redeem-stacked-discounts');
  const validateVoucher = twin('validate-voucher');
  const redeemVoucher = twin('redeem-voucher');
  const publish = twin('create-publication');
  const trackEvent = twin('track-custom-event');
  return {
    'check-eligibility-client-side': (ctx: OperationContext<'check-eligibility-client-side'>) => qualifications(ctx, { body: ctx.body }),
    'list-promotion-tiers-client-side': (ctx: OperationContext<'list-promotion-tiers-client-side'>) => tiers(ctx, { query: ctx.query }),
    'validate-stacked-discounts-client-side': (ctx: OperationContext<'validate-stacked-discounts-client-side'>) => validateStack(ctx, { body: ctx.body }),
    'redeem-stacked-discounts-client-side': (ctx: OperationContext<'redeem-stacked-discounts-client-side'>) => redeemStack(ctx, { body: ctx.body }),
    'validate-voucher-client-side': (ctx: OperationContext<'validate-voucher-client-side'>) =>
      validateVoucher(ctx, { params: { code: ctx.query.code }, body: validationBodyOf(ctx.query) }),
    'redeem-voucher-client-side': (ctx: OperationContext<'redeem-voucher-client-side'>) =>
      redeemVoucher(ctx, { params: { code: ctx.query.code }, query: defined({ tracking_id: ctx.query.tracking_id }) ?? {}, body: ctx.body }),
    'track-custom-event-client-side': (ctx: OperationContext<'track-custom-event-client-side'>) => trackEvent(ctx, { body: ctx.body }),
    // The official client-side SDK names the campaign in the query; a campaign or voucher of the body wins.
    'create-publication-client-side': (ctx: OperationContext<'create-publication-client-side'>) => {
      const body = ctx.body;
      const named = body.campaign !== undefined || body.voucher !== undefined || ctx.query.campaign === undefined;
      return publish(ctx, { query: defined({ join_once: ctx.query.join_once }) ?? {}, body: named ? body : { ...body, campaign: ctx.query.campaign } });
    },
  };
}
