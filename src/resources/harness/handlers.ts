// The test-harness endpoints under /_mock/: health, the request journal, faults. Their state lives
// in the app's harness (src/harness/), reached through ctx.harness; none of them opens a tenant.

import { VoucherifyError } from '../../errors.js';
import type { Handlers } from '../../http/context.js';
import type { FaultDefinition } from '../../harness/faults.js';
import { packageVersion } from '../../package-root.js';

const unknownRequest = (requestId: string) =>
  new VoucherifyError(404, 'not_found', 'Resource not found', {
    details: `Cannot find request with id ${requestId}`,
    resourceId: requestId,
    resourceType: 'request',
  });

const unknownFault = (faultId: string) =>
  new VoucherifyError(404, 'not_found', 'Resource not found', {
    details: `Cannot find fault with id ${faultId}`,
    resourceId: faultId,
    resourceType: 'fault',
  });

export const harnessHandlers = {
  'mock-health': (ctx) => ({
    status: 200,
    body: {
      status: 'ok',
      version: packageVersion,
      uptime_ms: Math.max(0, Math.round(Date.now() - ctx.harness.startedAt)),
      tenants: ctx.store.tenantIds().length,
    },
  }),

  'mock-list-requests': (ctx) => {
    const { operationId, method, path, status, since, limit } = ctx.query;
    const requests = ctx.harness.journal.list(ctx.tenantId, {
      operationId,
      method,
      path,
      status,
      since: since === undefined ? undefined : new Date(since),
      limit: limit ?? 100,
    });
    return { status: 200, body: { object: 'list', data_ref: 'requests', requests, total: requests.length } };
  },

  'mock-get-request': (ctx) => {
    const entry = ctx.harness.journal.get(ctx.tenantId, ctx.params.requestId);
    if (!entry) throw unknownRequest(ctx.params.requestId);
    return { status: 200, body: entry };
  },

  'mock-delete-requests': (ctx) => {
    ctx.harness.journal.clear(ctx.tenantId);
    return { status: 204 };
  },

  'mock-create-fault': (ctx) => {
    const { harness } = ctx;
    const fault = harness.faults.add(ctx.tenantId, ctx.body as FaultDefinition, harness.routes, ctx.clock());
    return { status: 201, body: fault };
  },

  'mock-list-faults': (ctx) => {
    const faults = ctx.harness.faults.list(ctx.tenantId);
    return { status: 200, body: { object: 'list', data_ref: 'faults', faults, total: faults.length } };
  },

  'mock-delete-faults': (ctx) => {
    ctx.harness.faults.clear(ctx.tenantId);
    return { status: 204 };
  },

  'mock-delete-fault': (ctx) => {
    if (!ctx.harness.faults.remove(ctx.tenantId, ctx.params.faultId)) throw unknownFault(ctx.params.faultId);
    return { status: 204 };
  },
} satisfies Handlers;
