// OAuth 2.0 tokens: operationId → handler. The tokens are the tenant's records (collection.ts),
// which the pipeline's authentication finds through model.ts; their expiry is read on the tenant's clock.

import { VoucherifyError } from '../../errors.js';
import type { Handlers } from '../../http/context.js';
import { OAUTH_SCOPES, issueToken, liveToken, revokeToken, tokenView } from './model.js';

// Keys and messages as Voucherify's OAuth endpoints spell them.
const missingParameters = () => new VoucherifyError(400, 'missing_parameters', 'Missing parameters');
const invalidGrantType = () => new VoucherifyError(400, 'invalid_grant_type', 'Invalid grant_type');
/** "Invalid scope: vouchers,campaigns": the values Voucherify does not know, as sent. */
const invalidScope = (scopes: string[]) => new VoucherifyError(400, 'invalid_scope', `Invalid scope: ${scopes.join(' ')}`);
/** The reference's 404 for a token that is unknown or no longer active. */
const tokenNotFound = () =>
  new VoucherifyError(404, 'not_found', 'Resource not found', { details: 'Cannot find an active OAuth token with the given access_token' });

/** A field of a form or JSON body: a non-empty string, else missing. */
const field = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export const oauthHandlers = {
  'generate-oauth-token': (ctx) => {
    const grantType = field(ctx.body.grant_type);
    const scope = field(ctx.body.scope);
    if (grantType === undefined || scope === undefined) throw missingParameters();
    if (grantType !== 'client_credentials') throw invalidGrantType();
    const scopes = scope.split(/\s+/);
    const unknown = scopes.filter((name) => !OAUTH_SCOPES.has(name));
    if (unknown.length > 0) throw invalidScope(unknown);
    const token = issueToken(ctx, scopes);
    return { status: 200, body: tokenView(token, Date.parse(token.created_at)) };
  },
  'introspect-oauth-token': (ctx) => {
    const accessToken = field(ctx.body.access_token);
    if (accessToken === undefined) throw missingParameters();
    const token = liveToken(ctx, accessToken);
    return { status: 200, body: token ? { ...tokenView(token, ctx.clock().getTime()), active: true } : { active: false } };
  },
  'revoke-oauth-token': (ctx) => {
    const accessToken = field(ctx.body.access_token);
    if (accessToken === undefined) throw missingParameters();
    const token = liveToken(ctx, accessToken);
    if (!token) throw tokenNotFound();
    revokeToken(ctx, token);
    return { status: 204 };
  },
} satisfies Handlers;
