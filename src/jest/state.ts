// The server the Jest global setup started, kept on globalThis under a registry symbol: Jest loads
// globalSetup and globalTeardown as separate modules (possibly one from the ESM build and one from
// the CommonJS build), in the same process.

import type { RunningServer } from '../server.js';

const key = Symbol.for('mock-voucherify.jest.server');
const holder = globalThis as { [key]?: RunningServer };

export const runningMock = {
  get: (): RunningServer | undefined => holder[key],
  set: (server: RunningServer | undefined): void => {
    holder[key] = server;
  },
};
