// mock-voucherify/jest/global-setup: a Jest globalSetup that starts one mock for the whole run and
// publishes its URL in process.env.MOCK_VOUCHERIFY_URL, which every test file (and worker) inherits.
// mock-voucherify/jest/global-teardown stops it.
//
// Options, later ones winning: port 0 (a free port) and the defaults of startServer; the Jest config's
// `globals.mockVoucherify` (any startServer option, e.g. {"seed": 1, "fixtures": "test/fixtures.json"});
// the CLI's environment variables (MOCK_VOUCHERIFY_PORT, MOCK_VOUCHERIFY_SEED, …).

import { startServer, type ServerOptions } from '../index.js';
import { serverOptionsFromEnv } from '../option-values.js';
import { runningMock } from './state.js';

/** What Jest passes a globalSetup: the project config, whose `globals` may hold `mockVoucherify`. */
interface JestProjectConfig {
  globals?: Record<string, unknown>;
}

export default async function globalSetup(_globalConfig?: unknown, projectConfig?: JestProjectConfig): Promise<void> {
  const configured = projectConfig?.globals?.mockVoucherify;
  if (configured !== undefined && (typeof configured !== 'object' || configured === null || Array.isArray(configured))) {
    throw new TypeError('mock-voucherify/jest: globals.mockVoucherify must be an object of startServer options');
  }
  const options: ServerOptions = {
    port: 0,
    onError: (error) => process.stderr.write(`mock-voucherify: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`),
    ...(configured as ServerOptions | undefined),
    ...serverOptionsFromEnv(process.env),
  };
  // A watch-mode re-run (or a second project) may find one still running: stop it first.
  await runningMock.get()?.close();
  const server = await startServer(options);
  runningMock.set(server);
  process.env.MOCK_VOUCHERIFY_URL = server.url;
}
