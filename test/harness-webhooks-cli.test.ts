// The mock-voucherify command's webhook options: --webhook-url and --webhook-secret (or their
// environment variables) send every tenant's events, signed, to one receiver.

import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { cli, killAll, startCli } from './support/cli.js';

afterAll(killAll);

let receiver: Server;
let received: { headers: IncomingHttpHeaders; raw: string }[];
let url: string;

beforeEach(async () => {
  received = [];
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, raw });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterEach(() => new Promise((resolve) => receiver.close(resolve)));

async function eventually(check: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the webhook');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createCustomer(base: string): Promise<void> {
  const res = await fetch(`${base}/v1/customers`, {
    method: 'POST',
    headers: { 'X-App-Id': 'cli-tenant', 'X-App-Token': 't', 'Content-Type': 'application/json' },
    body: JSON.stringify({ source_id: 'from-cli' }),
  });
  expect(res.status).toBe(200);
}

describe('mock-voucherify --webhook-url', () => {
  it('sends every tenant’s events to the URL, signed with --webhook-secret', async () => {
    const running = await startCli(['--port', '0', '--webhook-url', url, '--webhook-secret', 'cli-secret']);
    await createCustomer(running.url);
    await eventually(() => received.length === 1);
    const [{ headers, raw }] = received;
    expect(headers['x-voucherify-signature']).toBe(createHmac('sha256', 'cli-secret').update(raw).digest('hex'));
    expect(JSON.parse(raw)).toMatchObject({ type: 'customer.created', project_id: 'cli-tenant', data: { customer: { source_id: 'from-cli' } } });
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('takes MOCK_VOUCHERIFY_WEBHOOK_URL and MOCK_VOUCHERIFY_WEBHOOK_SECRET from the environment', async () => {
    const running = await startCliWithEnv({ MOCK_VOUCHERIFY_WEBHOOK_URL: url, MOCK_VOUCHERIFY_WEBHOOK_SECRET: 'env-secret' });
    await createCustomer(running.url);
    await eventually(() => received.length === 1);
    expect(received[0].headers['x-voucherify-signature']).toBe(createHmac('sha256', 'env-secret').update(received[0].raw).digest('hex'));
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('stops at once on SIGTERM even while a receiver keeps a delivery waiting', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const running = await startCli(['--port', '0', '--webhook-url', `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`]);
      await createCustomer(running.url);
      const started = Date.now();
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a --webhook-url that is not an http(s) URL', () => {
    const result = spawnSync(process.execPath, [cli, '--port', '0', '--webhook-url', 'ftp://example.com/'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('mock-voucherify: --webhook-url must be an absolute http or https URL, not "ftp://example.com/"\n');
  });
});

/** startCli drops MOCK_VOUCHERIFY_* variables from the environment it passes: this one sets `env` instead. */
async function startCliWithEnv(env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_VOUCHERIFY_')));
  const child = spawn(process.execPath, [cli, '--port', '0'], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^mock-voucherify listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return { child, url: listening, exited };
}
