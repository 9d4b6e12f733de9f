// OAuth tokens: records of the tenant that issued them, like any other state, so --db, resets,
// snapshots and a failed request's rollback treat them as they treat vouchers. The oauth resource is
// their only reader and writer; authentication finds them through model.ts.

import { defineCollection } from '../../store/collection.js';
import type { Tenant } from '../../store/tenant.js';

/**
 * One token (oauth_…, an id Voucherify never shows). Kept after it expires or is revoked, so that
 * it answers 401 rather than being taken for a bearer app token (see model.ts), after a restart too.
 */
export interface OAuthTokenRecord {
  id: string;
  /** What the caller sends as Authorization: Bearer; unique in the tenant. */
  access_token: string;
  /** The tenant's client id: every token of a tenant has the same one. */
  client_id: string;
  /** The scopes as the request named them, space-separated. */
  scope: string;
  created_at: string;
  /** On the tenant's clock: 900 seconds after created_at. */
  expires_at: string;
  /** Set by POST /v1/oauth/token/revoke. */
  revoked_at: string | null;
}

const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

export const oauthTokenRecords = defineCollection<OAuthTokenRecord>()({
  name: 'oauth_tokens',
  recordName: 'OAuth token',
  unique: { access_token: (t) => t.access_token },
  uniqueLabels: { access_token: 'access_token' },
  check: (t) =>
    typeof t.access_token !== 'string' || t.access_token === ''
      ? 'has no access_token'
      : typeof t.client_id !== 'string' || t.client_id === ''
        ? 'has no client_id'
        : typeof t.scope !== 'string' || t.scope.trim() === ''
          ? 'has no scope'
          : !isTime(t.expires_at)
            ? 'has no expires_at date'
            : t.revoked_at !== undefined && t.revoked_at !== null && !isTime(t.revoked_at)
              ? 'has a revoked_at that is not a date'
              : undefined,
});

export const oauthTokens = (tenant: Tenant) => tenant.collection(oauthTokenRecords);
