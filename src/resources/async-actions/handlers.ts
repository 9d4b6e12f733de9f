// Async actions: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { getAsyncAction, listAsyncActions } from './model.js';

export const asyncActionHandlers = {
  'get-async-action': (ctx) => ({ status: 200, body: getAsyncAction(ctx, ctx.params.asyncActionId) }),
  'list-async-actions': (ctx) => ({ status: 200, body: listAsyncActions(ctx, ctx.query) }),
} satisfies Handlers;
