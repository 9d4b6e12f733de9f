// mock-voucherify's public API: build the app (for supertest) or run a server (for a test suite).

export { createApp, type AppOptions, type MockApp } from './app.js';
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { VoucherifyError, type VoucherifyErrorBody } from './errors.js';
export { loadFixtures, FixtureError } from './store/fixtures.js';
export { createIdGenerator, type IdGenerator } from './store/ids.js';
export type { Clock } from './store/clock.js';
export type { HandlerMap, Handler, OperationContext, HandlerResult } from './http/context.js';
export type { TenantData } from './store/records.js';
