// mock-voucherify/jest/global-teardown: a Jest globalTeardown that stops the mock
// mock-voucherify/jest/global-setup started, and removes MOCK_VOUCHERIFY_URL.

import { runningMock } from './state.js';

export default async function globalTeardown(): Promise<void> {
  const server = runningMock.get();
  runningMock.set(undefined);
  if (process.env.MOCK_VOUCHERIFY_URL === server?.url) delete process.env.MOCK_VOUCHERIFY_URL;
  await server?.close();
}
