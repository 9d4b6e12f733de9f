// OAuth 2.0 tokens (POST /v1/oauth/token): issued per tenant, each with its scopes and an expiry
// read on the tenant's clock, then accepted as `Authorization: Bearer <token>`. Kept beside the
// store (one registry per Store, made on first use) and cleared with the tenant on reset. A token
// that was revoked, expired or cleared by a reset is remembered as dead, so it answers 401 rather
// than being taken for a plain bearer app token (which names a tenant, see auth.ts).

import { unauthorized, VoucherifyError } from '../errors.js';
import type { Store } from '../store/store.js';

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

export interface OAuthToken {
  access_token: string;
  client_id: string;
  tenantId: string;
  /** As requested: space-separated. */
  scope: string;
  scopes: ReadonlySet<string>;
  /** Milliseconds on the tenant's clock. */
  expiresAt: number;
}

/** What POST /v1/oauth/token and /v1/oauth/introspect tell of a token, `now` read on the tenant's clock. */
export function tokenView(token: OAuthToken, now: number) {
  return {
    access_token: token.access_token,
    client_id: token.client_id,
    expires_at: Math.floor(token.expiresAt / 1000),
    expires_in: Math.max(0, Math.floor((token.expiresAt - now) / 1000)),
    scope: token.scope,
    token_type: 'Bearer' as const,
  };
}

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

export class OAuthTokens {
  private readonly tokens = new Map<string, OAuthToken>();
  /** Revoked, expired-and-seen, or cleared by a reset: still refused, never a tenant name. */
  private readonly dead = new Set<string>();
  /** One client id per tenant, as Voucherify has one per API key. */
  private readonly clientIds = new Map<string, string>();

  constructor(store: Store) {
    store.onReset((tenantId) => this.clear(tenantId));
  }

  clientIdOf(tenantId: string, make: () => string): string {
    let id = this.clientIds.get(tenantId);
    if (id === undefined) this.clientIds.set(tenantId, (id = make()));
    return id;
  }

  add(token: OAuthToken): void {
    this.tokens.set(token.access_token, token);
  }

  /** The tenant's live token, if `access_token` is one (another tenant's token is none of its business). */
  live(tenantId: string, accessToken: string, now: number): OAuthToken | undefined {
    const token = this.tokens.get(accessToken);
    return token && token.tenantId === tenantId && now < token.expiresAt ? token : undefined;
  }

  revoke(accessToken: string): void {
    this.tokens.delete(accessToken);
    this.dead.add(accessToken);
  }

  /**
   * The tenant a bearer token names when the mock issued it; undefined for a token it never
   * issued. A dead or expired token, or one whose scopes do not cover `path`, throws 401.
   */
  identify(bearer: string, path: string, now: (tenantId: string) => number): string | undefined {
    const token = this.tokens.get(bearer);
    if (!token) {
      if (this.dead.has(bearer)) throw unauthorized();
      return undefined;
    }
    if (now(token.tenantId) >= token.expiresAt) throw unauthorized();
    const needed = scopeOf(path);
    if (needed && !token.scopes.has(needed.whole) && !token.scopes.has(needed.scope)) throw outOfScope(needed.scope, needed.whole);
    return token.tenantId;
  }

  private clear(tenantId: string | undefined): void {
    for (const [key, token] of this.tokens) {
      if (tenantId !== undefined && token.tenantId !== tenantId) continue;
      this.tokens.delete(key);
      this.dead.add(key);
    }
    if (tenantId === undefined) this.clientIds.clear();
    else this.clientIds.delete(tenantId);
  }
}

/** 401, as Voucherify refuses a token it does not accept, saying which scope was missing. */
const outOfScope = (scope: string, whole: string) =>
  new VoucherifyError(401, 'unauthorized', 'Unauthorized', { details: `The OAuth token's scope covers neither ${scope} nor ${whole}` });

const registries = new WeakMap<Store, OAuthTokens>();

/** The store's token registry, made (and hooked to its resets) on first use. */
export function oauthTokensOf(store: Store): OAuthTokens {
  let tokens = registries.get(store);
  if (!tokens) registries.set(store, (tokens = new OAuthTokens(store)));
  return tokens;
}
