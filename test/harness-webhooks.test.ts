// Webhooks: subscriptions per tenant (/_mock/webhooks), the events requests cause, sent signed to a
// local receiver in Voucherify's envelope, retried, listed as deliveries, and cleared by a reset.

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockApp } from '../src/index.js';
import { EVENT_TYPES } from '../src/domain/events.js';
import { loadSpecs } from '../src/openapi/load.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { NOW, as, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign, givenCustomer, givenVoucher } from './support/builders.js';
import request from 'supertest';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, any>;
}

/** A receiver on a free local port: records what it is sent and answers `status` (a function may vary it). */
class Receiver {
  readonly received: Received[] = [];
  status: (n: number) => number = () => 200;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
        res.statusCode = this.status(this.received.length);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  types(): string[] {
    return this.received.map((r) => r.body.type);
  }

  of(type: string): Received {
    const found = this.received.find((r) => r.body.type === type);
    if (!found) throw new Error(`no ${type} among ${this.types().join(', ')}`);
    return found;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `check` holds (deliveries are asynchronous), failing after 3 s. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 3000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets any delivery that was (wrongly) started reach the receiver before asserting there was none. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

const SECRET = 'test-secret';
const sign = (raw: string, secret = SECRET) => createHmac('sha256', secret).update(raw).digest('hex');

/** The envelope every webhook has, as Voucherify's webhooks reference documents it. */
function expectEnvelope(received: Received, type: string, entityId: string | RegExp, webhookId: string, receiverUrl: string, tenant = 'test-tenant') {
  expect(received.headers['content-type']).toBe('application/json');
  expect(received.headers['x-voucherify-signature']).toBe(sign(received.raw));
  expect(received.body).toEqual({
    id: expect.stringMatching(/^whs_[0-9a-f]{18}$/),
    project_id: tenant,
    created_at: NOW.toISOString(),
    type,
    data: expect.any(Object),
    source: { id: webhookId, object: 'webhook', target_url: receiverUrl },
    event: {
      id: expect.stringMatching(/^ev[a-z]{3}_[0-9a-f]{18}$/),
      type,
      created_at: NOW.toISOString(),
      entity_id: typeof entityId === 'string' ? entityId : expect.stringMatching(entityId),
      group_id: expect.stringMatching(/^v-[0-9a-f]{18}$/),
      event_source: { channel: 'API', api_key: { name: 'mock-voucherify', app_id: tenant } },
    },
  });
}

/** SimpleCustomer, SimpleVoucher and SimpleCampaign, as the reference shapes them. */
const simpleCustomer = (customer: Record<string, unknown>) => ({
  id: customer.id,
  source_id: customer.source_id,
  name: customer.name,
  email: customer.email,
  metadata: customer.metadata ?? {},
  object: 'customer',
});
const simpleVoucherShape = (code: string) =>
  expect.objectContaining({ id: expect.stringMatching(/^v_/), code, type: expect.any(String), created_at: expect.any(String), object: 'voucher', redemption: expect.objectContaining({ redeemed_quantity: expect.any(Number) }) });

let app: MockApp;
let api: Agent;
let receiver: Receiver;

beforeEach(async () => {
  app = await testApp({ webhookDelivery: { backoffMs: 20, timeoutMs: 1000 } });
  api = client(app);
  receiver = await new Receiver().start();
});

afterEach(async () => {
  await receiver.stop();
});

async function subscribe(body: Record<string, unknown> = {}, agent = api): Promise<Record<string, any>> {
  const res = await agent.post('/_mock/webhooks', { url: receiver.url, secret: SECRET, ...body });
  expect(res.status).toBe(201);
  return res.body;
}

describe('POST /_mock/webhooks', () => {
  it('subscribes the tenant and answers the subscription', async () => {
    const res = await api.post('/_mock/webhooks', { url: receiver.url, events: ['customer.created'], secret: 's3cret' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^wh_[0-9A-Za-z]{24}$/),
      url: receiver.url,
      events: ['customer.created'],
      secret: 's3cret',
      created_at: NOW.toISOString(),
      object: 'webhook',
    });
  });

  it('makes up a secret and sends every event type when none are named', async () => {
    const res = await api.post('/_mock/webhooks', { url: receiver.url });
    expect(res.status).toBe(201);
    expect(res.body.events).toBeNull();
    expect(res.body.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
  });

  it('answers 400 naming the url when it is not an absolute http(s) URL', async () => {
    const relative = expectError(await api.post('/_mock/webhooks', { url: '/hooks' }), 400, 'invalid_payload', 'Invalid payload');
    expect(relative.details).toMatch(/\.url/);
    const ftp = expectError(await api.post('/_mock/webhooks', { url: 'ftp://example.com/hooks' }), 400, 'invalid_payload', 'Invalid payload');
    expect(ftp.details).toBe('Property .url must be an absolute http or https URL');
  });

  it('answers 400 naming the field for an unknown event type', async () => {
    const body = expectError(await api.post('/_mock/webhooks', { url: receiver.url, events: ['customer.created', 'customer.exploded'] }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toMatch(/^Property \.events\[1\] must be equal to one of the allowed values/);
  });

  it('answers 400 without a url', async () => {
    const body = expectError(await api.post('/_mock/webhooks', { events: ['customer.created'] }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toMatch(/url/);
  });
});

describe('GET /_mock/webhooks and DELETE /_mock/webhooks/{webhookId}', () => {
  it('lists the tenant’s own subscriptions and removes one', async () => {
    const first = await subscribe();
    const second = await subscribe({ events: ['voucher.created'] });
    await subscribe({}, client(app, 'other-tenant'));
    const listed = await api.get('/_mock/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ object: 'list', data_ref: 'data', data: [first, second], total: 2 });

    expect((await api.delete(`/_mock/webhooks/${first.id}`)).status).toBe(204);
    expect((await api.get('/_mock/webhooks')).body.data).toEqual([second]);
  });

  it('answers 404 for a subscription the tenant does not have', async () => {
    const theirs = await subscribe({}, client(app, 'other-tenant'));
    const body = expectError(await api.delete(`/_mock/webhooks/${theirs.id}`), 404, 'not_found', 'Resource not found');
    expect(body.details).toBe(`Cannot find webhook with id ${theirs.id}`);
  });

  it('sends nothing to a removed subscription', async () => {
    const subscription = await subscribe();
    await api.delete(`/_mock/webhooks/${subscription.id}`);
    await givenCustomer(api);
    await settle();
    expect(receiver.received).toEqual([]);
  });
});

describe('the events requests send', () => {
  it('customer.created: signed, in the envelope, with the customer', async () => {
    const subscription = await subscribe();
    const customer = await givenCustomer(api, { source_id: 'alice', name: 'Alice', metadata: { tier: 'gold' } });
    await eventually(() => receiver.received.length === 1, 'customer.created');
    const received = receiver.of('customer.created');
    expectEnvelope(received, 'customer.created', customer.id as string, subscription.id, receiver.url);
    expect(received.body.data).toEqual({
      customer: expect.objectContaining({ id: customer.id, source_id: 'alice', name: 'Alice', metadata: { tier: 'gold' }, object: 'customer', summary: expect.any(Object), created_at: NOW.toISOString() }),
    });
  });

  it('customer.updated and customer.deleted', async () => {
    const customer = await givenCustomer(api);
    await subscribe();
    expect((await api.put(`/v1/customers/${customer.id}`, { name: 'Renamed' })).status).toBe(200);
    expect((await api.delete(`/v1/customers/${customer.id}`)).status).toBe(204);
    await eventually(() => receiver.received.length === 2, 'two events');
    expect(receiver.types()).toEqual(['customer.updated', 'customer.deleted']);
    expect(receiver.of('customer.updated').body.data.customer).toMatchObject({ id: customer.id, name: 'Renamed' });
    expect(receiver.of('customer.deleted').body.data.customer).toMatchObject({ id: customer.id, name: 'Renamed' });
  });

  it('a publication sends publication.succeeded, voucher.published and customer.publication.succeeded', async () => {
    const campaign = await givenCampaign(api, { vouchers_count: 1 });
    const customer = await givenCustomer(api, { source_id: 'pub-customer' });
    const subscription = await subscribe();
    const res = await api.post('/v1/publications', { campaign: { name: campaign.name }, customer: { source_id: 'pub-customer' } });
    expect(res.status).toBe(200);
    await eventually(() => receiver.received.length === 3, 'three publication events');
    expect(receiver.types()).toEqual(['publication.succeeded', 'voucher.published', 'customer.publication.succeeded']);
    const code = res.body.voucher.code as string;
    for (const type of ['publication.succeeded', 'voucher.published', 'customer.publication.succeeded']) {
      const received = receiver.of(type);
      expectEnvelope(received, type, type === 'voucher.published' ? /^v_/ : res.body.id, subscription.id, receiver.url);
      expect(received.body.data).toMatchObject({
        customer: simpleCustomer(customer),
        campaign: expect.objectContaining({ id: campaign.id, name: campaign.name, campaign_type: 'DISCOUNT_COUPONS', object: 'campaign' }),
        publication: expect.objectContaining({ id: res.body.id, object: 'publication', customer_id: customer.id, result: 'SUCCESS' }),
        voucher: simpleVoucherShape(code),
      });
      expect(received.body.data.voucher.holder_id).toBe(customer.id);
    }
    expect(receiver.of('voucher.published').body.data.created_at).toBe(NOW.toISOString());
  });

  it('a redemption sends redemption.succeeded and customer.redemption.succeeded; its rollback the rollback twins', async () => {
    const voucher = await givenVoucher(api);
    const subscription = await subscribe({ events: ['redemption.succeeded', 'customer.redemption.succeeded', 'redemption.rollback.succeeded', 'customer.redemption.rollback.succeeded'] });
    const redeemed = await api.post(`/v1/vouchers/${voucher.code}/redemption`, { customer: { source_id: 'buyer', name: 'Buyer' }, order: { amount: 5000 } });
    expect(redeemed.status).toBe(200);
    await eventually(() => receiver.received.length === 2, 'the redemption events');
    expect(receiver.types()).toEqual(['redemption.succeeded', 'customer.redemption.succeeded']);
    const succeeded = receiver.of('redemption.succeeded');
    expectEnvelope(succeeded, 'redemption.succeeded', redeemed.body.id, subscription.id, receiver.url);
    expect(succeeded.body.event.id).toMatch(/^evred_/);
    expect(succeeded.body.data).toEqual({
      customer: { id: redeemed.body.customer_id, source_id: 'buyer', name: 'Buyer', metadata: {}, object: 'customer' },
      order: expect.objectContaining({ id: redeemed.body.order.id, status: 'PAID', amount: 5000, object: 'order' }),
      voucher: simpleVoucherShape(voucher.code as string),
      redemption: expect.objectContaining({ id: redeemed.body.id, object: 'redemption', result: 'SUCCESS', status: 'SUCCEEDED', date: NOW.toISOString() }),
    });
    expect(succeeded.body.data.voucher.redemption.redeemed_quantity).toBe(1);

    const rolledBack = await api.post(`/v1/redemptions/${redeemed.body.id}/rollback`, { reason: 'returned' });
    expect(rolledBack.status).toBe(200);
    await eventually(() => receiver.received.length === 4, 'the rollback events');
    expect(receiver.types().slice(2)).toEqual(['redemption.rollback.succeeded', 'customer.redemption.rollback.succeeded']);
    const rollback = receiver.of('redemption.rollback.succeeded');
    expectEnvelope(rollback, 'redemption.rollback.succeeded', rolledBack.body.id, subscription.id, receiver.url);
    expect(rollback.body.data).toMatchObject({
      customer: { id: redeemed.body.customer_id, source_id: 'buyer' },
      order: { id: redeemed.body.order.id, status: 'CANCELED' },
      redemption: { id: redeemed.body.id, status: 'ROLLED_BACK' },
      redemption_rollback: { id: rolledBack.body.id, object: 'redemption_rollback', result: 'SUCCESS', reason: 'returned', redemption: redeemed.body.id },
    });
    expect(rollback.body.data.voucher.redemption.redeemed_quantity).toBe(0);
  });

  it('a failed redemption is kept (rf_…) and sends redemption.failed', async () => {
    const voucher = await givenVoucher(api, { active: false });
    await subscribe({ events: ['redemption.failed', 'redemption.succeeded'] });
    const res = await api.post(`/v1/vouchers/${voucher.code}/redemption`, {});
    expect(res.status).toBe(400);
    await eventually(() => receiver.received.length === 1, 'redemption.failed');
    const failed = receiver.of('redemption.failed');
    expect(failed.body.data.redemption).toMatchObject({ id: res.body.resource_id, result: 'FAILURE', status: 'FAILED', failure_code: res.body.key });
    expect(failed.body.data.voucher.code).toBe(voucher.code);
    expect(failed.body.data.created_at).toBe(NOW.toISOString());
  });

  it('sends nothing for a request that fails (its writes are undone)', async () => {
    await subscribe();
    const refused = await api.post('/v1/publications', { campaign: { name: 'No Such Campaign' }, customer: { source_id: 'never-made' } });
    expect(refused.status).toBe(404);
    await settle();
    expect(receiver.received).toEqual([]);
    expect((await api.get('/v1/customers/never-made')).status).toBe(404);
    expect((await api.get('/_mock/webhooks/deliveries')).body.data).toEqual([]);
  });

  it('sends only the event types a subscription names', async () => {
    await subscribe({ events: ['customer.deleted'] });
    const customer = await givenCustomer(api);
    await api.delete(`/v1/customers/${customer.id}`);
    await eventually(() => receiver.received.length === 1, 'customer.deleted');
    await settle();
    expect(receiver.types()).toEqual(['customer.deleted']);
  });

  it('sends a tenant’s events only to its own subscriptions', async () => {
    await subscribe({}, client(app, 'other-tenant'));
    await givenCustomer(api);
    await settle();
    expect(receiver.received).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries a failing receiver, then records the delivery as failed', async () => {
    receiver.status = () => 500;
    const subscription = await subscribe({ events: ['customer.created'] });
    await givenCustomer(api);
    await eventually(async () => (await api.get('/_mock/webhooks/deliveries')).body.data[0]?.status === 'failed', 'the failed delivery');
    expect(receiver.received).toHaveLength(3);
    // Every attempt is the same sendout.
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    const deliveries = (await api.get('/_mock/webhooks/deliveries')).body;
    expect(deliveries).toEqual({
      object: 'list',
      data_ref: 'data',
      total: 1,
      data: [
        {
          id: receiver.received[0].body.id,
          event_id: receiver.received[0].body.event.id,
          type: 'customer.created',
          webhook_id: subscription.id,
          url: receiver.url,
          status: 'failed',
          attempts: 3,
          response_status: 500,
          error: 'the receiver answered 500',
          created_at: NOW.toISOString(),
          completed_at: NOW.toISOString(),
          object: 'webhook_delivery',
        },
      ],
    });
  });

  it('succeeds on a retry when the receiver recovers', async () => {
    receiver.status = (n) => (n === 1 ? 503 : 204);
    await subscribe({ events: ['customer.created'] });
    await givenCustomer(api);
    await eventually(async () => (await api.get('/_mock/webhooks/deliveries')).body.data[0]?.status === 'succeeded', 'the delivery');
    const [delivery] = (await api.get('/_mock/webhooks/deliveries')).body.data;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, response_status: 204, error: null });
  });

  it('records a receiver that cannot be reached', async () => {
    await receiver.stop();
    await subscribe({ events: ['customer.created'] });
    await givenCustomer(api);
    await eventually(async () => (await api.get('/_mock/webhooks/deliveries')).body.data[0]?.status === 'failed', 'the failed delivery');
    const [delivery] = (await api.get('/_mock/webhooks/deliveries')).body.data;
    expect(delivery).toMatchObject({ attempts: 3, response_status: null, error: 'ECONNREFUSED' });
    receiver = await new Receiver().start();
  });

  it('does not slow the API down: the answer goes before a slow receiver answers', async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
      await api.post('/_mock/webhooks', { url });
      const started = Date.now();
      await givenCustomer(api);
      expect(Date.now() - started).toBeLessThan(500);
      expect((await api.get('/_mock/webhooks/deliveries')).body.data[0]).toMatchObject({ status: 'pending', attempts: 1 });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('lists each tenant’s deliveries apart', async () => {
    await subscribe();
    await givenCustomer(api);
    await eventually(() => receiver.received.length === 1, 'the delivery');
    expect((await client(app, 'other-tenant').get('/_mock/webhooks/deliveries')).body.data).toEqual([]);
  });
});

describe('POST /_mock/reset', () => {
  it('clears the tenant’s subscriptions and deliveries, not another tenant’s', async () => {
    await subscribe();
    const other = client(app, 'other-tenant');
    const theirs = await subscribe({}, other);
    await givenCustomer(api);
    await eventually(() => receiver.received.length === 1, 'the delivery');
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expect((await api.get('/_mock/webhooks')).body.data).toEqual([]);
    expect((await api.get('/_mock/webhooks/deliveries')).body.data).toEqual([]);
    expect((await other.get('/_mock/webhooks')).body.data).toEqual([theirs]);
    await givenCustomer(api);
    await settle();
    expect(receiver.received).toHaveLength(1);
  });
});

describe('webhookUrl (--webhook-url)', () => {
  it('subscribes every tenant to every event, signed with webhookSecret, and stays after a reset', async () => {
    const hooked = await testApp({ webhookUrl: receiver.url, webhookSecret: SECRET });
    const alice = client(hooked, 'tenant-a');
    const customer = await givenCustomer(alice);
    await givenCustomer(client(hooked, 'tenant-b'));
    await eventually(() => receiver.received.length === 2, 'both tenants’ events');
    const fromA = receiver.received.find((r) => r.body.project_id === 'tenant-a') as Received;
    expectEnvelope(fromA, 'customer.created', customer.id as string, 'wh_webhook_url_option', receiver.url, 'tenant-a');
    expect((await alice.get('/_mock/webhooks')).body.data).toEqual([]);

    await request(hooked).post('/_mock/reset?all=true').set(as('tenant-a'));
    await givenCustomer(alice);
    await eventually(() => receiver.received.length === 3, 'an event after the reset');
  });

  it('refuses a webhookUrl that is not an http(s) URL', async () => {
    await expect(testApp({ webhookUrl: 'not a url' })).rejects.toThrow('--webhook-url must be an absolute http or https URL, not "not a url"');
  });
});

describe('the event types', () => {
  it('are the ones specs/mock-admin.yaml lets a subscription name', async () => {
    const specs = await loadSpecs(defaultSpecsDir);
    const schemas = specs.components.get('mock-admin.yaml') as Record<string, { enum: string[] }>;
    expect(schemas.WebhookEventType.enum).toEqual([...EVENT_TYPES]);
  });
});
