// Sending one webhook: the signed POST, retried a few times with backoff, each attempt under a
// timeout; a pending retry or request is cut short when the server closes.

import { createHmac } from 'node:crypto';

/** The header the signature goes in: the hex HMAC-SHA256 of the raw body under the subscription's secret. */
export const SIGNATURE_HEADER = 'X-Voucherify-Signature';

export interface DeliveryPolicy {
  /** Attempts in all (default 3). */
  attempts: number;
  /** Wait before the second attempt, doubled before each later one (default 500 ms). */
  backoffMs: number;
  /** Longest wait for the receiver's answer, per attempt (default 5000 ms). */
  timeoutMs: number;
}

export const DEFAULT_POLICY: DeliveryPolicy = { attempts: 3, backoffMs: 500, timeoutMs: 5000 };

export const sign = (secret: string, body: string): string => createHmac('sha256', secret).update(body).digest('hex');

/** How a delivery went, as GET /_mock/webhooks/deliveries lists it; updated as attempts are made. */
export interface Delivery {
  id: string;
  event_id: string;
  type: string;
  webhook_id: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** The receiver's last HTTP status, when it answered. */
  response_status: number | null;
  /** Why the last attempt failed. */
  error: string | null;
  created_at: string;
  completed_at: string | null;
  object: 'webhook_delivery';
}

/** Waits `ms`, or less if `signal` aborts first; the timer never keeps the process alive. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One attempt: resolves with the receiver's status, or throws why there was none. */
async function attempt(url: string, body: string, headers: Record<string, string>, timeoutMs: number, closing: AbortSignal): Promise<number> {
  const signal = AbortSignal.any([closing, AbortSignal.timeout(timeoutMs)]);
  const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
  // The body is not read: drop it so the connection is free again.
  await response.body?.cancel().catch(() => undefined);
  return response.status;
}

/**
 * Sends `body` to `delivery.url` until a 2xx answer or the attempts run out, updating `delivery`
 * as it goes. Never throws: how it went is in the delivery.
 */
export async function deliver(delivery: Delivery, body: string, secret: string, policy: DeliveryPolicy, closing: AbortSignal, now: () => string): Promise<void> {
  const headers = { 'Content-Type': 'application/json', 'User-Agent': 'mock-voucherify', [SIGNATURE_HEADER]: sign(secret, body) };
  let wait = policy.backoffMs;
  while (delivery.attempts < policy.attempts) {
    if (closing.aborted) {
      delivery.error = 'the mock closed before the webhook could be sent';
      break;
    }
    delivery.attempts++;
    try {
      const status = await attempt(delivery.url, body, headers, policy.timeoutMs, closing);
      delivery.response_status = status;
      if (status >= 200 && status < 300) {
        delivery.status = 'succeeded';
        delivery.error = null;
        delivery.completed_at = now();
        return;
      }
      delivery.error = `the receiver answered ${status}`;
    } catch (error) {
      delivery.error = describe(error, policy.timeoutMs, closing);
    }
    if (delivery.attempts < policy.attempts) {
      await pause(wait, closing);
      wait *= 2;
    }
  }
  delivery.status = 'failed';
  delivery.completed_at = now();
}

function describe(error: unknown, timeoutMs: number, closing: AbortSignal): string {
  if (closing.aborted) return 'the mock closed while the webhook was being sent';
  const name = (error as Error)?.name;
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
