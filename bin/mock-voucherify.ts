#!/usr/bin/env node
// The mock-voucherify command: reads flags and environment, starts the server, prints its URL, stops on signals.

import { parseArgs } from 'node:util';
import { FixtureError } from '../src/store/fixtures.js';
import { packageVersion } from '../src/package-root.js';
import { startServer } from '../src/server.js';

const HELP = `Usage: mock-voucherify [options]

A stateful mock of the Voucherify API for tests and local development.

Options:
  --port N          port to listen on (default 7700; 0 picks a free one)   env MOCK_VOUCHERIFY_PORT
  --host HOST       interface to bind (default 127.0.0.1)                  env MOCK_VOUCHERIFY_HOST
  --fixtures PATH   JSON file or folder every new tenant starts from        env MOCK_VOUCHERIFY_FIXTURES
  --db FILE         keep state in this JSON file across restarts           env MOCK_VOUCHERIFY_DB
  --seed N          make generated ids reproducible                          env MOCK_VOUCHERIFY_SEED
  --app-id ID       accept only this X-App-Id                                env MOCK_VOUCHERIFY_APP_ID
  --app-token TOKEN accept only this X-App-Token (or Bearer token)          env MOCK_VOUCHERIFY_APP_TOKEN
  --max-tenants N   keep at most N tenants in memory, evicting the least     env MOCK_VOUCHERIFY_MAX_TENANTS
                    recently used idle one (it restarts from the fixtures,
                    or with --db from its saved state)
  --journal-size N  requests kept per tenant for GET /_mock/requests      env MOCK_VOUCHERIFY_JOURNAL_SIZE
                    (default 1000; 0 keeps none)
  --latency MS      delay every request (not /_mock/ ones) by MS           env MOCK_VOUCHERIFY_LATENCY
  --log             print one line per request to stdout                   env MOCK_VOUCHERIFY_LOG
  --log-bodies      add request and response bodies to each line           env MOCK_VOUCHERIFY_LOG_BODIES
  --log-format FMT  text (default) or json: one JSON object per line       env MOCK_VOUCHERIFY_LOG_FORMAT
  --cors            answer CORS preflights, let browsers read answers      env MOCK_VOUCHERIFY_CORS
  -h, --help        show this help
  -v, --version     print the version

Each X-App-Id is a tenant with its own state. POST /_mock/reset puts the caller's tenant
back to the fixtures (?all=true: every tenant).`;

function fail(message: string): never {
  process.stderr.write(`mock-voucherify: ${message}\n`);
  process.exit(1);
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) fail(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return Number(value);
}

/** A boolean flag, else its environment variable: 1/true/yes or 0/false/no (any case), empty for off. */
function toggle(name: string, flag: boolean | undefined, value: string | undefined): boolean {
  if (flag !== undefined) return flag;
  if (value === undefined || value === '') return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  fail(`MOCK_VOUCHERIFY_${name.toUpperCase().replace(/-/g, '_')} must be true or false, not "${value}"`);
}

function logFormat(value: string | undefined): 'text' | 'json' | undefined {
  if (value === undefined || value === 'text' || value === 'json') return value;
  fail(`--log-format must be text or json, not "${value}"`);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        fixtures: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        'app-id': { type: 'string' },
        'app-token': { type: 'string' },
        'max-tenants': { type: 'string' },
        'journal-size': { type: 'string' },
        latency: { type: 'string' },
        log: { type: 'boolean' },
        'log-bodies': { type: 'boolean' },
        'log-format': { type: 'string' },
        cors: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(`${(error as Error).message}\nRun mock-voucherify --help for the options.`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (values.version) {
    process.stdout.write(`${packageVersion}\n`);
    return;
  }
  const env = process.env;
  const host = values.host ?? env.MOCK_VOUCHERIFY_HOST ?? '127.0.0.1';
  let server;
  try {
    server = await startServer({
      port: integer('port', values.port ?? env.MOCK_VOUCHERIFY_PORT, 0, 65535) ?? 7700,
      host,
      fixtures: values.fixtures ?? env.MOCK_VOUCHERIFY_FIXTURES,
      db: values.db ?? env.MOCK_VOUCHERIFY_DB,
      seed: integer('seed', values.seed ?? env.MOCK_VOUCHERIFY_SEED, 0, 0xffffffff),
      appId: values['app-id'] ?? env.MOCK_VOUCHERIFY_APP_ID,
      appToken: values['app-token'] ?? env.MOCK_VOUCHERIFY_APP_TOKEN,
      maxTenants: integer('max-tenants', values['max-tenants'] ?? env.MOCK_VOUCHERIFY_MAX_TENANTS, 1, 1_000_000_000),
      journalSize: integer('journal-size', values['journal-size'] ?? env.MOCK_VOUCHERIFY_JOURNAL_SIZE, 0, 1_000_000),
      latency: integer('latency', values.latency ?? env.MOCK_VOUCHERIFY_LATENCY, 0, 600_000),
      log: toggle('log', values.log, env.MOCK_VOUCHERIFY_LOG),
      logBodies: toggle('log-bodies', values['log-bodies'], env.MOCK_VOUCHERIFY_LOG_BODIES),
      logFormat: logFormat(values['log-format'] ?? env.MOCK_VOUCHERIFY_LOG_FORMAT),
      cors: toggle('cors', values.cors, env.MOCK_VOUCHERIFY_CORS),
      onError: (error) => process.stderr.write(`mock-voucherify: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`),
    });
  } catch (error) {
    if (error instanceof FixtureError) fail(`bad fixtures: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${values.port ?? env.MOCK_VOUCHERIFY_PORT ?? 7700} on ${host} is already in use`);
    fail((error as Error).message);
  }
  process.stdout.write(`mock-voucherify listening on ${server.url}\n`);

  const stop = (signal: string) => {
    server.close().then(
      () => process.exit(0),
      (error: Error) => fail(`could not stop cleanly after ${signal}: ${error.message}`),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();
