// The official @voucherify/sdk as the SDK-driven tests use it: its client type and its errors.

import voucherifySdk from '@voucherify/sdk';
import { startServer, type RunningServer } from '../../src/index.js';
import { recordAnswers } from '../helpers.js';

export const { VoucherifyServerSide } = voucherifySdk;
export type Client = ReturnType<typeof VoucherifyServerSide>;

/** The SDK rejects with its own VoucherifyError, carrying the mock's error object. */
export async function sdkError(call: Promise<unknown>): Promise<{ code: number; key: string; message: string; details?: string }> {
  try {
    await call;
  } catch (error) {
    const { code, key, message, details } = error as { code: number; key: string; message: string; details?: string };
    return { code, key, message, details };
  }
  throw new Error('the SDK call succeeded, but an error was expected');
}

/**
 * For a test file: a mock on a real port (put back to its fixtures before each test) and an SDK
 * client of `applicationId` pointed at it, read through the answer's getters inside tests.
 */
export function sdkAgainstMock(applicationId: string, seed: number): { readonly server: RunningServer; readonly client: Client } {
  let server: RunningServer;
  let client: Client;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed, validateResponses: true, ...recordAnswers() });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    client = VoucherifyServerSide({ applicationId, secretKey: 'sdk-secret', apiUrl: server.url });
  });
  return {
    get server() {
      return server;
    },
    get client() {
      return client;
    },
  };
}
