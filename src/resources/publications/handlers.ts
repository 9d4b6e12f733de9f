// Publications: operationId → handler. POST takes the request in the body, GET …/create in the query.

import type { HandlerMap, OperationContext } from '../../http/context.js';
import { listPublications, publish, publishView, type PublicationListQuery, type PublishRequest } from './model.js';

export const publicationHandlers: HandlerMap = {
  // join_once is a query parameter in Voucherify's reference; the official SDK sends it in the body.
  'create-publication': (ctx: OperationContext) => {
    const request = { ...(ctx.body as PublishRequest), join_once: (ctx.query.join_once as boolean | undefined) ?? (ctx.body as PublishRequest).join_once };
    return { status: 200, body: publishView(ctx.tenant, publish(ctx.tenant, ctx.ids, ctx.clock, request)) };
  },
  'create-publication-1': (ctx: OperationContext) => ({
    status: 200,
    body: publishView(ctx.tenant, publish(ctx.tenant, ctx.ids, ctx.clock, ctx.query as unknown as PublishRequest, { maxCount: 1 })),
  }),
  'list-publications': (ctx: OperationContext) => ({
    status: 200,
    body: listPublications(ctx.tenant, ctx.clock, ctx.query as PublicationListQuery),
  }),
};
