// Turns anything thrown during a request into Voucherify's error object; never an HTML page.

import type { ErrorRequestHandler } from 'express';
import { VoucherifyError, internalError, invalidPayload, payloadTooLarge } from '../errors.js';

/** Errors raised by express.json() (body-parser) carry a `type` and an HTTP status. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

export function toVoucherifyError(error: unknown, bodyLimit: string): VoucherifyError {
  if (error instanceof VoucherifyError) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return invalidPayload(`Invalid JSON: ${parserError.message}`);
    case 'entity.too.large':
      return payloadTooLarge(bodyLimit);
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'entity.verify.failed':
      return invalidPayload(parserError.message);
  }
  return internalError(parserError instanceof Error ? parserError.message : String(error));
}

export function errorHandler(options: { bodyLimit: string; onError?: (error: unknown) => void }): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const voucherifyError = toVoucherifyError(error, options.bodyLimit);
    if (voucherifyError.status >= 500) options.onError?.(error);
    const requestId = res.locals.requestId as string | undefined;
    res.status(voucherifyError.status).json(voucherifyError.toBody(requestId));
  };
}
