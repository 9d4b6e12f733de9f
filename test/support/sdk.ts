// The official @voucherify/sdk as the SDK-driven tests use it: its client type and its errors.

import voucherifySdk from '@voucherify/sdk';

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
