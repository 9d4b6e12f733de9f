// Async actions: operationId → handler.

import type { HandlerMap } from '../../http/context.js';
import { getAsyncAction, listAsyncActions, type AsyncActionListQuery } from './model.js';

export const asyncActionHandlers: HandlerMap = {
  'get-async-action': (ctx) => ({ status: 200, body: getAsyncAction(ctx.tenant, ctx.params.asyncActionId) }),
  'list-async-actions': (ctx) => ({ status: 200, body: listAsyncActions(ctx.tenant, ctx.query as AsyncActionListQuery) }),
};
