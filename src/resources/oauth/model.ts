// OAuth 2.0 tokens (POST /v1/oauth/token): records of the tenant that issued them (collection.ts),
// each with its scopes and an expiry read on the tenant's clock, then accepted as
// `Authorization: Bearer <token>`.
//
// A bearer token names its tenant before any tenant is open, and Voucherify's tokens are 50 plain
// characters that cannot carry a tenant id. So each store has one small index beside it, from a
// token to the tenant it was issued to: built from every tenant's records when the store opens (so a
// restarted --db server knows the tokens its tenants hold), added to when a token is issued or a
// tenant's state is replaced (PUT /_mock/state, a snapshot restored). The index is only a pointer:
// the tenant's own record decides (revoked, expired, scopes), read through the collection's unique
// index. A pointer whose record is gone (the tenant was reset, the request that issued the token
// failed, the tenant left memory without --db) answers 401, so a token the mock issued is never taken
// for a bearer app token (which names a tenant, see http/auth.ts); the pointers go when the process
// does. Requests with X-App-Id and X-App-Token never read it.

import { unauthorized, VoucherifyError } from '../../errors.js';
import type { Context } from '../../domain/context.js';
import { timestamp } from '../../store/clock.js';
import { ALNUM } from '../../store/ids.js';
import type { Store } from '../../store/store.js';
import { oauthTokenRecords, oauthTokens, type OAuthTokenRecord } from './collection.js';

/** Seconds a token lives, as Voucherify's do (15 minutes). */
export const TOKEN_LIFETIME_S = 900;

/** The scopes Voucherify's POST /v1/oauth/token accepts. */
export const OAUTH_SCOPES: ReadonlySet<string> = new Set([
  'api', 'assets', 'async-actions', 'campaigns', 'categories', 'client_api', 'client_consents', 'client_customers', 'client_events',
  'client_promotions', 'client_publish', 'client_qualifications', 'client_redeem', 'client_redemptions', 'client_validate',
  'client_validations', 'client_vouchers', 'consents', 'customers', 'events', 'exports', 'locations', 'loyalties', 'metadata-schemas',
  'orders', 'product-collections', 'products', 'promotions', 'publications', 'qualifications', 'redemptions', 'referrals', 'rewards',
  'segments', 'skus', 'task-results', 'templates', 'trash-bin', 'validation-rules-assignments', 'validation-rules', 'validations', 'vouchers',
]);

/** What POST /v1/oauth/token and /v1/oauth/introspect tell of a token, `now` read on the tenant's clock. */
export function tokenView(token: OAuthTokenRecord, now: number) {
  const expiresAt = Date.parse(token.expires_at);
  return {
    access_token: token.access_token,
    client_id: token.client_id,
    expires_at: Math.floor(expiresAt / 1000),
    expires_in: Math.max(0, Math.floor((expiresAt - now) / 1000)),
    scope: token.scope,
    token_type: 'Bearer' as const,
  };
}

/** Neither revoked nor expired at `now` (milliseconds on the tenant's clock). */
const isLive = (token: OAuthTokenRecord, now: number) => !token.revoked_at && now < Date.parse(token.expires_at);

/**
 * The scope a request path needs: /v1/vouchers/… needs `vouchers` (or `api`), /client/v1/redeem
 * needs `client_redeem` (or `client_api`). Paths outside both APIs (/_mock/…) need none.
 */
export function scopeOf(path: string): { scope: string; whole: string } | undefined {
  const client = /^\/client\/v1\/([^/]+)/i.exec(path);
  if (client) return { scope: `client_${client[1].toLowerCase()}`, whole: 'client_api' };
  const server = /^\/v1\/([^/]+)/i.exec(path);
  if (server) return { scope: server[1].toLowerCase(), whole: 'api' };
  return undefined;
}

/** A token's scopes as a set, made once per record (records are immutable). */
const scopeSets = new WeakMap<OAuthTokenRecord, ReadonlySet<string>>();
function scopesOf(token: OAuthTokenRecord): ReadonlySet<string> {
  let scopes = scopeSets.get(token);
  if (!scopes) scopeSets.set(token, (scopes = new Set(token.scope.split(/\s+/))));
  return scopes;
}

/** 401, as Voucherify refuses a token it does not accept, saying which scope was missing. */
const outOfScope = (scope: string, whole: string) =>
  new VoucherifyError(401, 'unauthorized', 'Unauthorized', { details: `The OAuth token's scope covers neither ${scope} nor ${whole}` });

/** The store's index from token to tenant (see the top of this file). */
export class TokenTenants {
  private readonly tenantOf = new Map<string, string>();

  constructor(private readonly store: Store) {
    for (const [tenantId, token] of store.recordsOf(oauthTokenRecords)) this.tenantOf.set(token.access_token, tenantId);
    store.onReplace((tenantId, data) => {
      const tokens = data[oauthTokenRecords.name];
      if (!tokens) return;
      for (const token of Object.values(tokens) as OAuthTokenRecord[]) this.tenantOf.set(token.access_token, tenantId);
    });
  }

  /** A token the tenant has just issued (if its request fails, the pointer stays and the token answers 401). */
  issued(accessToken: string, tenantId: string): void {
    this.tenantOf.set(accessToken, tenantId);
  }

  /**
   * The tenant a bearer token names when the mock issued it; undefined for a token it never
   * issued. A revoked, expired or forgotten token, or one whose scopes do not cover `path`, throws 401.
   */
  identify(bearer: string, path: string, now: (tenantId: string) => number): string | undefined {
    const tenantId = this.tenantOf.get(bearer);
    if (tenantId === undefined) return undefined;
    const token = oauthTokens(this.store.tenant(tenantId)).findBy('access_token', bearer);
    if (!token || !isLive(token, now(tenantId))) throw unauthorized();
    const needed = scopeOf(path);
    const scopes = scopesOf(token);
    if (needed && !scopes.has(needed.whole) && !scopes.has(needed.scope)) throw outOfScope(needed.scope, needed.whole);
    return tenantId;
  }
}

const indexes = new WeakMap<Store, TokenTenants>();

/** The store's token index, built from its tenants' records on first use. */
export function tokenTenantsOf(store: Store): TokenTenants {
  let index = indexes.get(store);
  if (!index) indexes.set(store, (index = new TokenTenants(store)));
  return index;
}

/** A new token of the tenant with these scopes (already checked), living TOKEN_LIFETIME_S on its clock. */
export function issueToken(ctx: Context & { store: Store; tenantId: string }, scopes: string[]): OAuthTokenRecord {
  const tokens = oauthTokens(ctx.tenant);
  const issuedAt = ctx.clock();
  const now = issuedAt.getTime();
  // One client id per tenant, as Voucherify has one per API key: the one its tokens already have.
  const earlier = tokens.ordered('', false).next().value;
  const token = tokens.put({
    id: 'oauth_' + ctx.ids.code(ALNUM, 24),
    access_token: ctx.ids.code(ALNUM, 50),
    client_id: earlier?.client_id ?? ctx.ids.code(ALNUM, 21),
    scope: scopes.join(' '),
    created_at: issuedAt.toISOString(),
    expires_at: new Date(now + TOKEN_LIFETIME_S * 1000).toISOString(),
    revoked_at: null,
  });
  tokenTenantsOf(ctx.store).issued(token.access_token, ctx.tenantId);
  return token;
}

/** The tenant's live token, if `accessToken` is one (another tenant's token is none of its business). */
export function liveToken(ctx: Context, accessToken: string): OAuthTokenRecord | undefined {
  const token = oauthTokens(ctx.tenant).findBy('access_token', accessToken);
  return token && isLive(token, ctx.clock().getTime()) ? token : undefined;
}

/** Marks the token revoked: from then on it answers 401, and introspects as inactive. */
export function revokeToken(ctx: Context, token: OAuthTokenRecord): void {
  oauthTokens(ctx.tenant).put({ ...token, revoked_at: timestamp(ctx.clock) });
}
