// Domain errors in tests: the fields a client sees of a VoucherifyError a rule throws.

import { VoucherifyError } from '../../src/errors.js';

export interface ErrorFields {
  status: number;
  code: number;
  key: string;
  message: string;
  details?: string;
}

/** Runs `work`, which must throw a VoucherifyError, and answers its status, code, key, message and details. */
export function voucherifyErrorOf(work: () => unknown): ErrorFields {
  try {
    work();
  } catch (error) {
    if (!(error instanceof VoucherifyError)) throw error;
    const { code, key, message, details } = error.toBody();
    return { status: error.status, code, key, message, ...(details !== undefined ? { details } : {}) };
  }
  throw new Error('expected a VoucherifyError, but nothing was thrown');
}
