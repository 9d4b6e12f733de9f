// Publications: operationId → handler. POST takes the request in the body, GET …/create in the query.

import { publish } from '../../domain/publishing.js';
import type { Handlers } from '../../http/context.js';
import { listPublications, publishView } from './model.js';

export const publicationHandlers = {
  // join_once is a query parameter in Voucherify's reference; the official SDK sends it in the body.
  'create-publication': (ctx) => {
    const request = { ...ctx.body, join_once: ctx.query.join_once ?? ctx.body.join_once };
    return { status: 200, body: publishView(ctx, publish(ctx, request)) };
  },
  'create-publication-1': (ctx) => ({ status: 200, body: publishView(ctx, publish(ctx, ctx.query, { maxCount: 1 })) }),
  'list-publications': (ctx) => ({ status: 200, body: listPublications(ctx, ctx.query) }),
} satisfies Handlers;
