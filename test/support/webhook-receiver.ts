// A webhook endpoint for tests: an HTTP server on 127.0.0.1 that keeps every JSON body posted to it.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  /** Where to subscribe (…/hooks). */
  url: string;
  /** The bodies received, in order. */
  received: Record<string, any>[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Record<string, any>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits (up to 3 s) until `check` holds, naming the event types received when it never does. */
export async function eventually(check: () => boolean, what: string, received: Record<string, any>[]): Promise<void> {
  const until = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${received.map((r) => r.type).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
