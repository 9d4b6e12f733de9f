// Download tokens: an export's link (GET /v1/exports/{id}?token=…) works without credentials, so
// its token says whose export it is. "bXktYXBw.k3Jd…": the tenant id in base64url, a dot, then a
// secret the export keeps; the handler lets in only the export's own token.

/** The token of an export of `tenantId` whose secret is `secret`. */
export const downloadToken = (tenantId: string, secret: string): string => `${Buffer.from(tenantId, 'utf8').toString('base64url')}.${secret}`;

/** The tenant a download token names, or undefined for text that is no token. */
export function tenantOfDownloadToken(token: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return undefined;
  const encoded = token.slice(0, dot);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  const tenantId = Buffer.from(encoded, 'base64url').toString('utf8');
  // Text that only looks like base64url does not come back the same way.
  return tenantId !== '' && Buffer.from(tenantId, 'utf8').toString('base64url') === encoded ? tenantId : undefined;
}
