#!/usr/bin/env node
// The mock-voucherify command: reads flags and environment, starts the server, prints its URL, stops on signals.

import { parseArgs } from 'node:util';
import { FixtureError } from '../src/store/fixtures.js';
import { OptionError, booleanOption, envName, integerOption, logFormatOption, sizeOption, stringOption } from '../src/option-values.js';
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
  --client-token TOKEN                                                     env MOCK_VOUCHERIFY_CLIENT_TOKEN
                    accept only this X-Client-Token on the client-side
                    API (/client/v1/…)
  --max-tenants N   keep at most N tenants in memory, evicting the least     env MOCK_VOUCHERIFY_MAX_TENANTS
                    recently used idle one (it restarts from the fixtures,
                    or with --db from its saved state)
  --validate-responses                                                     env MOCK_VOUCHERIFY_VALIDATE_RESPONSES
                    check every answer against specs/; one that does not
                    fit answers 500 response_validation_failed
  --body-limit SIZE largest JSON body accepted (default 1mb; e.g. 512kb)    env MOCK_VOUCHERIFY_BODY_LIMIT
  --webhook-url URL send every tenant's webhooks, of every event type,       env MOCK_VOUCHERIFY_WEBHOOK_URL
                    to this URL (beside POST /_mock/webhooks subscriptions)
  --webhook-secret SECRET                                                    env MOCK_VOUCHERIFY_WEBHOOK_SECRET
                    sign them with it (X-Voucherify-Signature: hex
                    HMAC-SHA256 of the body; default "mock-voucherify")
  --journal-size N  requests kept per tenant for GET /_mock/requests      env MOCK_VOUCHERIFY_JOURNAL_SIZE
                    (default 1000; 0 keeps none)
  --latency MS      delay every request (not /_mock/ ones) by MS           env MOCK_VOUCHERIFY_LATENCY
  --log             print one line per request to stdout                   env MOCK_VOUCHERIFY_LOG
  --log-bodies      add request and response bodies to each line           env MOCK_VOUCHERIFY_LOG_BODIES
  --log-format FMT  text (default) or json: one JSON object per line       env MOCK_VOUCHERIFY_LOG_FORMAT
  --cors            answer CORS preflights, let browsers read answers      env MOCK_VOUCHERIFY_CORS
  -h, --help        show this help
  -v, --version     print the version

A flag wins over its environment variable. Boolean variables take true, false, 1 or 0.

Each X-App-Id is a tenant with its own state. POST /_mock/reset puts the caller's tenant
back to the fixtures (?all=true: every tenant). POST /_mock/webhooks subscribes the caller's
tenant to webhooks; GET /_mock/webhooks/deliveries lists what was sent.`;

function fail(message: string): never {
  process.stderr.write(`mock-voucherify: ${message}\n`);
  process.exit(1);
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
        'client-token': { type: 'string' },
        'max-tenants': { type: 'string' },
        'validate-responses': { type: 'boolean' },
        'body-limit': { type: 'string' },
        'webhook-url': { type: 'string' },
        'webhook-secret': { type: 'string' },
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
  const host = stringOption('host', values.host, env) ?? '127.0.0.1';
  let server;
  try {
    server = await startServer({
      port: integerOption('port', values.port, env, 0, 65535) ?? 7700,
      host,
      fixtures: stringOption('fixtures', values.fixtures, env),
      db: stringOption('db', values.db, env),
      seed: integerOption('seed', values.seed, env, 0, 0xffffffff),
      appId: stringOption('app-id', values['app-id'], env),
      appToken: stringOption('app-token', values['app-token'], env),
      clientToken: stringOption('client-token', values['client-token'], env),
      maxTenants: integerOption('max-tenants', values['max-tenants'], env, 1, 1_000_000_000),
      validateResponses: booleanOption('validate-responses', values['validate-responses'], env),
      bodyLimit: sizeOption('body-limit', values['body-limit'], env),
      webhookUrl: stringOption('webhook-url', values['webhook-url'], env),
      webhookSecret: stringOption('webhook-secret', values['webhook-secret'], env),
      journalSize: integerOption('journal-size', values['journal-size'], env, 0, 1_000_000),
      latency: integerOption('latency', values.latency, env, 0, 600_000),
      log: booleanOption('log', values.log, env),
      logBodies: booleanOption('log-bodies', values['log-bodies'], env),
      logFormat: logFormatOption(values['log-format'], env),
      cors: booleanOption('cors', values.cors, env),
      onError: (error) => process.stderr.write(`mock-voucherify: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`),
    });
  } catch (error) {
    if (error instanceof OptionError) fail(error.message);
    if (error instanceof FixtureError) fail(`bad fixtures: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    // --db problems found at start name the flag; name the variable when the path came from it.
    if (values.db === undefined && (error as Error).message?.startsWith('--db ')) fail(`${envName('db')}${(error as Error).message.slice('--db'.length)}`);
    if (code === 'EADDRINUSE') fail(`port ${values.port ?? env.MOCK_VOUCHERIFY_PORT ?? 7700} on ${host} is already in use`);
    fail((error as Error).message);
  }
  const stop = (signal: string) => {
    server.close().then(
      () => process.exit(0),
      (error: Error) => fail(`could not stop cleanly after ${signal}: ${error.message}`),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Printed once the signal handlers are in place: a script that waits for this line may stop it at once.
  process.stdout.write(`mock-voucherify listening on ${server.url}\n`);
}

void main();
