// Admin endpoints of the mock itself: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { resetTenants } from './model.js';

export const adminHandlers = {
  // Never touches ctx.tenant, so a reset does not first build the state it throws away.
  'mock-reset': (ctx) => {
    resetTenants(ctx.store, ctx.tenantId, ctx.query.all === true);
    return { status: 204 };
  },
} satisfies Handlers;
