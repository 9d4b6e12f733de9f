// Admin endpoints of the mock itself: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { timestamp } from '../../store/clock.js';
import {
  changeClock,
  deleteSnapshot,
  exportState,
  listSnapshots,
  replaceState,
  resetTenants,
  restoreSnapshot,
  saveSnapshot,
} from './model.js';

// None of these touches ctx.tenant: a reset does not first build the state it throws away, and the
// state operations read and replace the tenant as a whole, outside a request's transaction.
export const adminHandlers = {
  'mock-reset': (ctx) => {
    resetTenants(ctx.store, ctx.tenantId, ctx.query.all === true);
    return { status: 204 };
  },
  'mock-clock-get': (ctx) => ({ status: 200, body: ctx.clocks.state(ctx.tenantId) }),
  'mock-clock-set': (ctx) => ({ status: 200, body: changeClock(ctx.clocks, ctx.tenantId, ctx.body) }),
  'mock-clock-delete': (ctx) => {
    ctx.clocks.remove(ctx.tenantId);
    return { status: 200, body: ctx.clocks.state(ctx.tenantId) };
  },
  'mock-state-export': (ctx) => ({ status: 200, body: exportState(ctx.store, ctx.tenantId) }),
  'mock-state-replace': (ctx) => {
    replaceState(ctx.store, ctx.tenantId, ctx.body);
    return { status: 204 };
  },
  'mock-snapshots-list': (ctx) => {
    const snapshots = listSnapshots(ctx.store, ctx.tenantId);
    return { status: 200, body: { object: 'list', data_ref: 'snapshots', snapshots, total: snapshots.length } };
  },
  'mock-snapshots-save': (ctx) => ({ status: 201, body: saveSnapshot(ctx.store, ctx.tenantId, ctx.params.name, timestamp(ctx.clock)) }),
  'mock-snapshots-restore': (ctx) => ({ status: 200, body: restoreSnapshot(ctx.store, ctx.tenantId, ctx.params.name) }),
  'mock-snapshots-delete': (ctx) => {
    deleteSnapshot(ctx.store, ctx.tenantId, ctx.params.name);
    return { status: 204 };
  },
} satisfies Handlers;
