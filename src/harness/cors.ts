// --cors: lets a browser app call the mock. Preflights (OPTIONS with Access-Control-Request-Method)
// answer 204 with what may be sent; every other answer, errors included, says who may read it and
// which of its headers.

import type { RequestHandler } from 'express';

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
/** Always allowed, whatever the preflight asks: the headers Voucherify's clients send. */
const ALLOW_HEADERS = ['X-App-Id', 'X-App-Token', 'Authorization', 'Content-Type', 'X-Voucherify-Channel', 'X-Voucherify-API-Version', 'X-Client-Application-Id', 'X-Client-Token', 'X-Voucherify-Double-Opt-In'];
export const EXPOSE_HEADERS = 'X-Request-Id, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, Retry-After';
const MAX_AGE = '600';

export function cors(): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
    if (origin !== undefined) res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return next();
    const requested = req.headers['access-control-request-headers'];
    const headers = [...ALLOW_HEADERS];
    for (const name of requested?.split(',') ?? []) {
      const trimmed = name.trim();
      if (trimmed && !headers.some((known) => known.toLowerCase() === trimmed.toLowerCase())) headers.push(trimmed);
    }
    res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
    res.setHeader('Access-Control-Allow-Headers', headers.join(', '));
    res.setHeader('Access-Control-Max-Age', MAX_AGE);
    res.setHeader('Vary', origin === undefined ? 'Access-Control-Request-Headers' : 'Origin, Access-Control-Request-Headers');
    res.statusCode = 204;
    res.end();
  };
}
