// mock-voucherify's public API: build the app (for supertest) or run a server (for a test suite).

import { collections } from './resources/index.js';
import { loadFixtures as loadFixtureSet } from './store/fixtures.js';
import type { TenantData } from './store/tenant.js';

export { createApp, type AppOptions, type MockApp } from './app.js';
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { VoucherifyError, type VoucherifyErrorBody } from './errors.js';
export { FixtureError } from './store/fixtures.js';
export { createIdGenerator, type IdGenerator } from './store/ids.js';
export type { Clock } from './store/clock.js';
export type { HandlerMap, Handler, Handlers, HandlerOverride, HandlerOverrides, OperationContext, HandlerResult } from './http/context.js';
export type { AnsweredRequest, HarnessOptions } from './harness/harness.js';
export type { LogFormat } from './harness/log.js';
export type { TenantData } from './store/tenant.js';
export type * from './api-types.js';

/** Reads and checks a fixture file or folder (as --fixtures does); FixtureError names the file and the problem. */
export function loadFixtures(path: string): TenantData {
  return loadFixtureSet(path, collections);
}
