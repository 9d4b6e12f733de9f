// What app.ts needs of the harness: one call that builds it (and mounts CORS when asked).

import type { Express, Request } from 'express';
import type { CompiledOperation } from '../openapi/validators.js';
import type { OperationSpec } from '../openapi/load.js';
import type { RouteTable } from '../openapi/routes.js';
import type { Clock } from '../store/clock.js';
import type { Store } from '../store/store.js';
import { cors } from './cors.js';
import type { RouteLookup } from './faults.js';
import { Harness, claimedTenant, type AnsweredRequest, type HarnessOptions } from './harness.js';

export { Harness, type AnsweredRequest, type HarnessOptions };

/** Builds the app's harness; with `cors`, mounts the CORS middleware first, before the pipeline. */
export function createHarness(
  app: Express,
  options: HarnessOptions,
  store: Store,
  operations: readonly CompiledOperation[],
  routes: RouteTable<{ operation: CompiledOperation }>,
  clockFor: (tenantId: string) => Clock,
): Harness {
  if (options.cors) app.use(cors());
  const byId = new Map<string, OperationSpec>();
  const byTemplate = new Map<string, OperationSpec>();
  for (const { spec } of operations) {
    byId.set(spec.operationId, spec);
    byTemplate.set(`${spec.method.toUpperCase()} ${spec.path}`, spec);
  }
  const lookup: RouteLookup = {
    byOperationId: (operationId) => byId.get(operationId),
    byTemplate: (method, template) => byTemplate.get(`${method} ${template}`),
    match: (method, path) => {
      try {
        return routes.match(method, path)?.value.operation.spec;
      } catch {
        return undefined;
      }
    },
  };
  return new Harness(options, store, lookup, clockFor);
}

/** An operation without credentials (GET /_mock/health): its tenant, for the journal, is the one it names, if any. */
export const identifyAnonymous = (req: Request): string => claimedTenant(req) ?? '';
