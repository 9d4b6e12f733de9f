// Answers for requests Node's HTTP parser refuses before Express sees them (a request line or
// headers over 16 KiB, a space or control byte in the request line, a NUL byte in a header, an
// unknown method): Voucherify's error object with a request id, instead of Node's bodiless 400.

import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import { VoucherifyError, invalidRequest, requestHeadersTooLarge, requestTimeout } from '../errors.js';
import type { IdGenerator } from '../store/ids.js';

/** What Node's parser (llhttp) raises: code "HPE_INVALID_METHOD", reason "Invalid method encountered". */
interface ParserError extends Error {
  code?: string;
  reason?: string;
}

/** A peer that never reads its answer does not keep the socket open longer than this. */
const LINGER_MS = 5_000;

/** The error for what the parser refused; the statuses are those Node itself would send. */
export function clientErrorOf(error: ParserError, headerLimit = maxHeaderSize): VoucherifyError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return requestHeadersTooLarge(headerLimit);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new VoucherifyError(413, 'payload_too_large', 'Payload too large', { details: 'The chunk extensions exceed the limit' });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return requestTimeout();
    default:
      return invalidRequest(400, `The request is not valid HTTP/1.1: ${error.reason ?? error.message}`);
  }
}

/** The whole HTTP/1.1 answer, as bytes to write to the socket. */
export function clientErrorResponse(error: VoucherifyError, requestId: string): string {
  const json = JSON.stringify(error.toBody(requestId));
  return (
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(json)}\r\n` +
    `X-Request-Id: ${requestId}\r\n` +
    'Connection: close\r\n' +
    '\r\n' +
    json
  );
}

/**
 * The server's 'clientError' listener. It answers only while the socket can still carry an answer
 * and no answer has started on it (a response half written must not be followed by another), then
 * closes the connection: after a parse error, the rest of what the peer sent cannot be read.
 */
export function answerClientError(ids: IdGenerator, headerLimit?: number): (error: ParserError, socket: Duplex) => void {
  return (error, socket) => {
    // Node's own check: the response of the request being served, if any, has not sent its head yet.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      socket.end(clientErrorResponse(clientErrorOf(error, headerLimit), ids.requestId()), () => socket.destroy());
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
    } else {
      socket.destroy();
    }
  };
}
