// Voucherify's two ways in: X-App-Id + X-App-Token, or Authorization: Bearer <token>.
// The app id (else the bearer token) names the tenant whose state the request sees.

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
