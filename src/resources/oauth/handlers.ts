// OAuth 2.0 tokens: operationId → handler. The tokens live in the store's registry (src/http/oauth.ts),
// which the pipeline's authentication reads; their expiry is read on the tenant's clock.

import { VoucherifyError } from '../../errors.js';
import type { Handlers } from '../../http/context.js';
import { OAUTH_SCOPES, TOKEN_LIFETIME_S, oauthTokensOf, tokenView } from '../../http/oauth.js';
import { ALNUM } from '../../store/ids.js';

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
    const tokens = oauthTokensOf(ctx.store);
    const now = ctx.clock().getTime();
    const token = {
      access_token: ctx.ids.code(ALNUM, 50),
      client_id: tokens.clientIdOf(ctx.tenantId, () => ctx.ids.code(ALNUM, 21)),
      tenantId: ctx.tenantId,
      scope: scopes.join(' '),
      scopes: new Set(scopes),
      expiresAt: now + TOKEN_LIFETIME_S * 1000,
    };
    tokens.add(token);
    return { status: 200, body: tokenView(token, now) };
  },
  'introspect-oauth-token': (ctx) => {
    const accessToken = field(ctx.body.access_token);
    if (accessToken === undefined) throw missingParameters();
    const now = ctx.clock().getTime();
    const token = oauthTokensOf(ctx.store).live(ctx.tenantId, accessToken, now);
    return { status: 200, body: token ? { ...tokenView(token, now), active: true } : { active: false } };
  },
  'revoke-oauth-token': (ctx) => {
    const accessToken = field(ctx.body.access_token);
    if (accessToken === undefined) throw missingParameters();
    const tokens = oauthTokensOf(ctx.store);
    if (!tokens.live(ctx.tenantId, accessToken, ctx.clock().getTime())) throw tokenNotFound();
    tokens.revoke(accessToken);
    return { status: 204 };
  },
} satisfies Handlers;
