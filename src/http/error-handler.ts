// Turns anything thrown during a request into the error object of the operation's API (Voucherify's
// unless the spec says otherwise); never an HTML page.

import type { ErrorRequestHandler, Request, Response } from 'express';
import { VoucherifyError, internalError, invalidPayload, invalidRequest, payloadTooLarge } from '../errors.js';
import type { Dialect, OperationSpec } from '../openapi/load.js';

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
  // Express's own 4xx errors (http-errors), e.g. "Failed to decode param '%E2%82'" from the router.
  const status = parserError?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return invalidRequest(status, parserError.message);
  return internalError(parserError instanceof Error ? parserError.message : String(error));
}

/**
 * The error body in the operation's dialect. Capillary wraps errors in its response envelope and
 * puts what went wrong in `message`: {"response":{"status":{"success":"false","code":400,"message":…}}}.
 */
export function renderError(error: VoucherifyError, requestId: string | undefined, dialect: Dialect = 'voucherify'): unknown {
  if (dialect === 'capillary') {
    const message = error.details ? `${error.message}: ${error.details}` : error.message;
    return { response: { status: { success: 'false', code: error.status, message } } };
  }
  return error.toBody(requestId);
}

export function errorHandler(options: {
  bodyLimit: string;
  onError?: (error: unknown) => void;
  /** Told of every error answer, with the JSON sent (the journal and the log). */
  onAnswer?: (req: Request, res: Response, status: number, json: string) => void;
}): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const voucherifyError = toVoucherifyError(error, options.bodyLimit);
    if (voucherifyError.status >= 500) options.onError?.(error);
    const dialect = (res.locals.operation as OperationSpec | undefined)?.dialect;
    const json = JSON.stringify(renderError(voucherifyError, res.locals.requestId as string | undefined, dialect));
    options.onAnswer?.(req, res, voucherifyError.status, json);
    res.status(voucherifyError.status).type('application/json; charset=utf-8').send(json);
  };
}
