// Who is calling, and so which tenant's state the request sees. Voucherify's ways in: X-App-Id +
// X-App-Token, or Authorization: Bearer <token>; the app id (else the bearer token) names the
// tenant. Capillary's: HTTP Basic or Bearer; X-App-Id (when sent) else the Basic user names it.
// With a configured app id, an X-App-Id header that names another app is refused in both dialects.

import type { Request } from 'express';
import { unauthorized } from '../errors.js';

export interface Credentials {
  /** When both are set, only this pair (or a bearer token equal to appToken) is let in. */
  appId?: string;
  appToken?: string;
}

export function authenticate(req: Request, credentials: Credentials): string {
  const appId = req.get('x-app-id')?.trim();
  const appToken = req.get('x-app-token')?.trim();
  const authorization = req.get('authorization')?.trim();
  const bearer = authorization && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;

  if (appId && appToken) {
    if (credentials.appId !== undefined && appId !== credentials.appId) throw unauthorized();
    if (credentials.appToken !== undefined && appToken !== credentials.appToken) throw unauthorized();
    return appId;
  }
  if (bearer) {
    if (credentials.appToken !== undefined && bearer !== credentials.appToken) throw unauthorized();
    if (credentials.appId !== undefined && appId !== undefined && appId !== credentials.appId) throw unauthorized();
    return appId || bearer;
  }
  throw unauthorized();
}

/**
 * Capillary endpoints: Basic user:password or a bearer token; X-App-Id, when sent, picks the
 * tenant, unless an app id is configured: then it must be that one, as on Voucherify's routes.
 */
export function authenticateCapillary(req: Request, credentials: Credentials): string {
  const appId = req.get('x-app-id')?.trim();
  if (credentials.appId !== undefined && appId !== undefined && appId !== credentials.appId) throw unauthorized();
  const authorization = req.get('authorization')?.trim() ?? '';
  const [scheme, value = ''] = authorization.split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (!user || !password) throw unauthorized();
    if (credentials.appId !== undefined && user !== credentials.appId) throw unauthorized();
    if (credentials.appToken !== undefined && password !== credentials.appToken) throw unauthorized();
    return appId || user;
  }
  if (/^bearer$/i.test(scheme) && value) {
    if (credentials.appToken !== undefined && value !== credentials.appToken) throw unauthorized();
    return appId || value;
  }
  throw unauthorized();
}
