// Who is calling, and so which tenant's state the request sees. Voucherify's ways in: X-App-Id +
// X-App-Token, or Authorization: Bearer <token>: an OAuth token the mock issued names its tenant
// (its scopes and expiry checked; `Credentials.oauth`, which app.ts wires to resources/oauth/model.ts),
// any other bearer token is an app token and the app id (else the token itself) names the tenant. The client-side API (/client/v1/…): X-Client-Application-Id
// + X-Client-Token and an Origin, or an OAuth token with a client scope. Capillary's: HTTP Basic or Bearer; X-App-Id (when sent) else the Basic user names it.
// With a configured app id, an X-App-Id header that names another app is refused in both dialects.

import type { Request } from 'express';
import { unauthorized, VoucherifyError } from '../errors.js';
import { tenantOfDownloadToken } from './download-token.js';

export interface Credentials {
  /** When both are set, only this pair (or a bearer token equal to appToken) is let in. */
  appId?: string;
  appToken?: string;
  /** When set, the client-side API lets in only this X-Client-Token. */
  clientToken?: string;
  /** The tenant an OAuth token the mock issued names (undefined for any other token); throws 401 for a dead, expired or out-of-scope one. */
  oauth?: (bearer: string, path: string) => string | undefined;
}

/** The token of `Authorization: Bearer <token>`, if the request sends one. */
function bearerOf(req: Request): string | undefined {
  const authorization = req.get('authorization')?.trim();
  return authorization && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
}

/** The tenant of an OAuth bearer token, refused when X-App-Id names another. */
function oauthTenant(req: Request, credentials: Credentials, bearer: string, appId: string | undefined): string | undefined {
  const tenantId = credentials.oauth?.(bearer, req.path);
  if (tenantId !== undefined && appId !== undefined && appId !== tenantId) throw unauthorized();
  return tenantId;
}

export function authenticate(req: Request, credentials: Credentials): string {
  const appId = req.get('x-app-id')?.trim();
  const appToken = req.get('x-app-token')?.trim();
  const bearer = bearerOf(req);

  if (appId && appToken) {
    if (credentials.appId !== undefined && appId !== credentials.appId) throw unauthorized();
    if (credentials.appToken !== undefined && appToken !== credentials.appToken) throw unauthorized();
    return appId;
  }
  if (bearer) {
    const issued = oauthTenant(req, credentials, bearer, appId || undefined);
    if (issued !== undefined) return issued;
    if (credentials.appToken !== undefined && bearer !== credentials.appToken) throw unauthorized();
    if (credentials.appId !== undefined && appId !== undefined && appId !== credentials.appId) throw unauthorized();
    return appId || bearer;
  }
  throw unauthorized();
}

/**
 * An operation a query key lets in on its own (an export's download link, `?token=…`): the usual
 * credentials when the request sends any, else the tenant the key names. The handler checks that
 * the key is the one it issued; here a key that names no tenant is refused.
 */
export function authenticateByQueryKey(name: string) {
  return (req: Request, credentials: Credentials): string => {
    if (req.get('x-app-id') || req.get('x-app-token') || req.get('authorization')) return authenticate(req, credentials);
    const key = (req.query as Record<string, unknown>)[name];
    const tenantId = typeof key === 'string' ? tenantOfDownloadToken(key) : undefined;
    if (tenantId === undefined) throw unauthorized();
    if (credentials.appId !== undefined && tenantId !== credentials.appId) throw unauthorized();
    return tenantId;
  };
}

/** Details of the 401 a client-side request without an Origin gets. */
export const MISSING_ORIGIN = 'A client-side request must send the Origin header';

/**
 * The client-side API: X-Client-Application-Id (naming the tenant, as X-App-Id does) and
 * X-Client-Token, with the Origin a browser sends (required, as Voucherify requires it; any origin
 * is accepted). An OAuth token with a client scope, or the server-side keys, work instead. With an app id configured the
 * client application id must be that one; with a client token configured, the token must be it.
 */
export function authenticateClient(req: Request, credentials: Credentials): string {
  const applicationId = req.get('x-client-application-id')?.trim();
  const clientToken = req.get('x-client-token')?.trim();
  if (applicationId && clientToken) {
    if (credentials.appId !== undefined && applicationId !== credentials.appId) throw unauthorized();
    if (credentials.clientToken !== undefined && clientToken !== credentials.clientToken) throw unauthorized();
    if (!req.get('origin')?.trim()) throw new VoucherifyError(401, 'unauthorized', 'Unauthorized', { details: MISSING_ORIGIN });
    return applicationId;
  }
  // Server-side keys (X-App-Id + X-App-Token, the reference's way in for /client/v1/publish) or an OAuth token.
  return authenticate(req, credentials);
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
