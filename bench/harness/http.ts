// HTTP calls from the bench to a mock (or bare server) on 127.0.0.1: `call`, `expectStatus`, tenant headers.

import { Agent, request as httpRequest } from 'node:http';

export const HOST = '127.0.0.1';
const REQUEST_TIMEOUT_MS = 5_000;

/** Each X-App-Id is its own tenant; every scenario uses tenants of its own. */
export const auth = (tenant: string) => ({ 'X-App-Id': tenant, 'X-App-Token': 'bench-token' });

/** One keep-alive agent for the bench's own requests, destroyed at the end so nothing holds the process open. */
const agent = new Agent({ keepAlive: true });

export const closeAgent = () => agent.destroy();

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Throws unless `url` points at HOST: the bench never sends anything elsewhere. */
export function assertLocal(url: string): void {
  const { hostname } = new URL(url);
  if (hostname !== HOST) throw new Error(`refusing to talk to ${hostname}: the bench only targets ${HOST}`);
}

export interface CallOptions {
  /** Default REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
  /**
   * A connection of its own instead of a kept-alive one. Needed against an in-process server whose event loop
   * the bench blocks (gc(), long requests): its keep-alive timer then fires late, just as a reused socket
   * carries the next request, and that request dies with ECONNRESET.
   */
  newConnection?: boolean;
}

/**
 * One request to a server on 127.0.0.1 (never anywhere else), failing after REQUEST_TIMEOUT_MS. A kept-alive
 * socket the server closed (its keep-alive timeout) just as the request went out fails with ECONNRESET
 * ("socket hang up") before the server read anything: that request is sent again, once, on a new connection.
 */
export async function call(baseUrl: string, method: string, path: string, tenant: string, body?: unknown, options: CallOptions = {}): Promise<Reply> {
  try {
    return await send(baseUrl, method, path, tenant, body, options);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return send(baseUrl, method, path, tenant, body, { ...options, newConnection: true });
  }
}

/** A reused keep-alive socket was reset before any answer came. */
class StaleSocketError extends Error {}

function send(baseUrl: string, method: string, path: string, tenant: string, body: unknown, options: CallOptions): Promise<Reply> {
  const url = new URL(path, baseUrl);
  assertLocal(url.href);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const timeout = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest(url, {
      method,
      agent: options.newConnection ? false : agent,
      headers: { ...auth(tenant), ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
    });
    req.setTimeout(timeout, () => req.destroy(new Error(`${method} ${path} took over ${timeout} ms`)));
    let answered = false;
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(req.reusedSocket && !answered && error.code === 'ECONNRESET' ? new StaleSocketError(error.message) : error);
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.end(payload);
  });
}

/** Like `call`, but anything other than the expected status is an error. */
export async function expectStatus(expected: number, ...args: Parameters<typeof call>): Promise<Reply> {
  const reply = await call(...args);
  if (reply.status !== expected) throw new Error(`${args[1]} ${args[2]} answered ${reply.status}, not ${expected}: ${reply.body.slice(0, 500)}`);
  return reply;
}
