// Vitest globalSetup: starts one mock-voucherify on a free port for the whole run, hands its URL to
// the tests with provide() (read it with inject('mockVoucherifyUrl')) and in MOCK_VOUCHERIFY_URL,
// and stops it after the last test file.
import type { TestProject } from 'vitest/node';
import { startServer } from 'mock-voucherify';

declare module 'vitest' {
  export interface ProvidedContext {
    mockVoucherifyUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startServer({ port: 0, seed: 1 });
  project.provide('mockVoucherifyUrl', server.url);
  process.env.MOCK_VOUCHERIFY_URL = server.url;
  return async () => {
    await server.close();
  };
}
