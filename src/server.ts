// startServer(options): the app on a real port, with an optional --db file, for test suites and the CLI.

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createApp, fixturesOf, type AppOptions } from './app.js';
import { answerClientError } from './http/client-error.js';
import { collections } from './resources/index.js';
import { Store } from './store/store.js';
import { webhooksOf } from './webhooks/hub.js';

export interface ServerOptions extends Omit<AppOptions, 'store'> {
  /** 0 (the default here) picks a free port; the CLI defaults to 7700. */
  port?: number;
  host?: string;
  /** Persist every tenant to this JSON file (and its change log) and reload it on the next start. */
  db?: string;
}

export interface RunningServer {
  /** http://HOST:PORT, with the port actually bound. */
  url: string;
  port: number;
  /** Puts one tenant (by app id) back to the fixtures, or every tenant when none is named. */
  reset(tenantId?: string): void;
  /** Stops accepting requests, closes open connections and, with --db, folds the change log into the file. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const fixtures = fixturesOf(options);
  const store = await Store.open({ fixtures, collections, dbFile: options.db, onError: options.onError });
  const app = await createApp({ ...options, fixtures, store });
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(app);
  // Requests Node's parser refuses never reach the app: answer them in Voucherify's shape too.
  server.on('clientError', answerClientError(app.locals.ids));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    reset: (tenantId) => (tenantId === undefined ? store.resetAll() : store.reset(tenantId)),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })
        // Webhook deliveries on their way are cut short, not waited for.
        .then(() => webhooksOf(store).close())
        .then(() => store.close())),
  };
}
