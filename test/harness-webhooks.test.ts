// Webhooks: subscriptions per tenant (/_mock/webhooks), the events requests cause, sent signed to a
// local receiver in Voucherify's envelope, retried, listed as deliveries, and cleared by a reset.

import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { fixturesOf } from '../src/app.js';
import { EVENT_TYPES } from '../src/domain/events.js';
import { startServer, type MockApp } from '../src/index.js';
import { loadSpecs } from '../src/openapi/load.js';
import { defaultSpecsDir } from '../src/package-root.js';
import { collections } from '../src/resources/index.js';
import { Store } from '../src/store/store.js';
import { NOW, as, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign, givenCustomer, givenReferralCode, givenVoucher } from './support/builders.js';
import { TestDisk } from './support/disk.js';

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

  it("is dated by the tenant's own clock (POST /_mock/clock), as the records it shows are", async () => {
    await subscribe();
    expect((await api.post('/_mock/clock', { now: '2030-02-03T04:05:06.000Z' })).status).toBe(200);
    await givenCustomer(api, { source_id: 'later' });
    await eventually(() => receiver.received.length === 1, 'customer.created');
    const { body } = receiver.of('customer.created');
    expect([body.created_at, body.event.created_at, body.data.customer.created_at]).toEqual(Array(3).fill('2030-02-03T04:05:06.000Z'));
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

  it('an upsert by source_id sends customer.updated only when it changes something', async () => {
    const customer = await givenCustomer(api, { source_id: 'upserted', name: 'First' });
    // Updated once already: with the tests' fixed clock, its updated_at cannot tell a later change.
    expect((await api.put(`/v1/customers/${customer.id}`, { description: 'x' })).status).toBe(200);
    await subscribe();
    expect((await api.post('/v1/customers', { source_id: 'upserted' })).status).toBe(200);
    expect((await api.post('/v1/customers', { source_id: 'upserted', name: 'Second' })).status).toBe(200);
    await eventually(() => receiver.received.length === 1, 'customer.updated');
    await settle();
    expect(receiver.types()).toEqual(['customer.updated']);
    expect(receiver.of('customer.updated').body.data.customer).toMatchObject({ id: customer.id, name: 'Second' });
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

describe('every event type an operation causes', () => {
  /** Subscribes to everything, runs `work`, and answers the types received once `count` have come. */
  async function typesAfter(count: number, work: () => Promise<unknown>): Promise<string[]> {
    await subscribe();
    await work();
    await eventually(() => receiver.received.length >= count, `${count} events (got ${receiver.types().join(', ')})`);
    await settle();
    return receiver.types();
  }

  it('vouchers: created, updated, disabled, enabled, deleted', async () => {
    const types = await typesAfter(5, async () => {
      const voucher = await givenVoucher(api, { code: 'HOOKED-1' });
      expect((await api.put('/v1/vouchers/HOOKED-1', { metadata: { a: 1 } })).status).toBe(200);
      expect((await api.post('/v1/vouchers/HOOKED-1/disable')).status).toBe(200);
      expect((await api.post('/v1/vouchers/HOOKED-1/enable')).status).toBe(200);
      expect((await api.delete('/v1/vouchers/HOOKED-1')).status).toBe(204);
      return voucher;
    });
    expect(types).toEqual(['voucher.created', 'voucher.updated', 'voucher.disabled', 'voucher.enabled', 'voucher.deleted']);
    expect(receiver.of('voucher.updated').body.data.voucher).toMatchObject({ code: 'HOOKED-1', metadata: { a: 1 }, object: 'voucher' });
    expect(receiver.of('voucher.disabled').body.data.voucher.active).toBe(false);
    expect(receiver.of('voucher.deleted').body.data.voucher.code).toBe('HOOKED-1');
  });

  it('campaigns: created with its vouchers generated, updated, disabled, enabled, vouchers added, deleted', async () => {
    const types = await typesAfter(8, async () => {
      const campaign = await givenCampaign(api, { vouchers_count: 3 });
      const path = `/v1/campaigns/${campaign.id}`;
      expect((await api.put(path, { description: 'changed' })).status).toBe(200);
      expect((await api.post(`${path}/disable`)).status).toBe(200);
      expect((await api.post(`${path}/enable`)).status).toBe(200);
      expect((await api.post(`${path}/vouchers?vouchers_count=2`, {})).status).toBe(202);
      expect((await api.post(`${path}/vouchers/ADDED-ONE`, {})).status).toBe(200);
      expect((await api.delete(path)).status).toBe(202);
    });
    expect(types).toEqual([
      'campaign.created',
      'campaign.vouchers.generation.completed',
      'campaign.updated',
      'campaign.disabled',
      'campaign.enabled',
      'campaign.vouchers.generation.completed',
      'voucher.created',
      'campaign.deleted',
    ]);
    expect(receiver.of('campaign.created').body.data).toEqual({ campaign: expect.objectContaining({ vouchers_count: 3, object: 'campaign' }), created_at: NOW.toISOString() });
    expect(receiver.received[1].body.data).toEqual({ campaign: expect.objectContaining({ object: 'campaign' }), count: 3, completed_at: NOW.toISOString() });
    expect(receiver.of('campaign.updated').body.data.campaign.description).toBe('changed');
    expect(receiver.of('campaign.deleted').body.data).toEqual({ campaign: expect.objectContaining({ object: 'campaign' }), deleted_at: NOW.toISOString() });
  });

  it('orders: created, updated, paid and canceled (a customer’s orders only)', async () => {
    const customer = await givenCustomer(api);
    const types = await typesAfter(4, async () => {
      expect((await api.post('/v1/orders', { source_id: 'nobody-order', amount: 100 })).status).toBe(200);
      const order = await api.post('/v1/orders', { source_id: 'hooked-order', amount: 1000, customer: { id: customer.id } });
      expect((await api.put(`/v1/orders/${order.body.id}`, { metadata: { a: 1 } })).status).toBe(200);
      expect((await api.put(`/v1/orders/${order.body.id}`, { status: 'PAID' })).status).toBe(200);
      expect((await api.put(`/v1/orders/${order.body.id}`, { status: 'CANCELED' })).status).toBe(200);
    });
    expect(types).toEqual(['customer.order.created', 'customer.order.updated', 'customer.order.updated', 'customer.order.paid', 'customer.order.updated', 'customer.order.canceled']);
    expect(receiver.of('customer.order.paid').body.data).toEqual({
      customer: simpleCustomer(customer),
      referrer: null,
      order: expect.objectContaining({ source_id: 'hooked-order', status: 'PAID', customer_id: customer.id, object: 'order' }),
      redemption: null,
    });
  });

  it('gift cards: a balance added sends the transaction, the balance and the holder’s twin', async () => {
    const card = await givenVoucher(api, { type: 'GIFT_VOUCHER' });
    const customer = await givenCustomer(api, { source_id: 'gift-holder' });
    expect((await api.post('/v1/publications', { voucher: card.code, customer: { id: customer.id } })).status).toBe(200);
    const types = await typesAfter(3, () => api.post(`/v1/vouchers/${card.code}/balance`, { amount: 500 }));
    expect(types).toEqual(['voucher.gift.transaction.created', 'voucher.gift.balance_added', 'customer.voucher.gift.balance_added']);
    const transaction = receiver.of('voucher.gift.transaction.created').body.data;
    expect(transaction).toMatchObject({
      transaction: { type: 'CREDITS_ADDITION', voucher_id: card.id, details: { balance: { amount: 500, balance: 10500, type: 'gift_voucher' } } },
      voucher: { code: card.code, object: 'voucher' },
      holder: simpleCustomer(customer),
    });
    expect(receiver.of('customer.voucher.gift.balance_added').body.data).toMatchObject({
      customer: simpleCustomer(customer),
      voucher: simpleVoucherShape(card.code as string),
      balance: { amount: 500, total: 10500, balance: 10500, type: 'gift_voucher', operation_type: 'MANUAL', object: 'balance', related_object: { type: 'voucher', id: card.id } },
      transaction: { type: 'CREDITS_ADDITION' },
    });
  });

  it('gift cards: a redemption spending credits sends the transaction too', async () => {
    const card = await givenVoucher(api, { type: 'GIFT_VOUCHER' });
    const types = await typesAfter(2, () => api.post(`/v1/vouchers/${card.code}/redemption`, { gift: { credits: 300 }, order: { amount: 1000 } }));
    expect(types).toEqual(['voucher.gift.transaction.created', 'redemption.succeeded']);
    expect(receiver.of('voucher.gift.transaction.created').body.data.transaction).toMatchObject({ type: 'CREDITS_REDEMPTION', details: { balance: { amount: -300 } } });
  });

  it('loyalty cards: a member joining sends the publication events, points added the transaction and the twins', async () => {
    const program = await api.post('/v1/loyalties', { name: 'Hooked Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } });
    expect(program.status).toBe(200);
    const customer = await givenCustomer(api, { source_id: 'member' });
    await subscribe();
    const member = await api.post(`/v1/loyalties/${program.body.id}/members`, { customer: customer.id });
    expect(member.status).toBe(200);
    await eventually(() => receiver.received.length === 3, 'the publication events');
    expect(receiver.types()).toEqual(['publication.succeeded', 'voucher.published', 'customer.publication.succeeded']);
    expect((await api.post(`/v1/loyalties/members/${member.body.code}/balance`, { points: 40 })).status).toBe(200);
    await eventually(() => receiver.received.length === 6, 'the points events');
    expect(receiver.types().slice(3)).toEqual(['voucher.loyalty_card.transaction.created', 'voucher.loyalty_card.points_added', 'customer.voucher.loyalty_card.points_added']);
    expect(receiver.of('customer.voucher.loyalty_card.points_added').body.data).toMatchObject({
      customer: simpleCustomer(customer),
      campaign: { id: program.body.id, name: 'Hooked Club', object: 'campaign' },
      voucher: { code: member.body.code, object: 'voucher' },
      balance: { points: 40, balance: 40, type: 'loyalty_card', related_object: { type: 'voucher' } },
      transaction: { type: 'POINTS_ADDITION' },
    });
  });

  it('referral holders: customer.holder.assignment.created and .deleted', async () => {
    const { code } = await givenReferralCode(api);
    const types = await typesAfter(3, async () => {
      const added = await api.post(`/v1/referrals/members/${code.code}/holders`, { holders: [{ source_id: 'new-referee' }] });
      expect(added.status).toBe(200);
      expect((await api.delete(`/v1/referrals/members/${code.code}/holders/${added.body.holders[0].id}`)).status).toBe(204);
    });
    expect(types).toEqual(['customer.created', 'customer.holder.assignment.created', 'customer.holder.assignment.deleted']);
    const created = receiver.of('customer.holder.assignment.created').body.data;
    expect(created).toEqual({
      holder: expect.objectContaining({ id: expect.stringMatching(/^rh_/), redeemable_id: code.id, holder_role: 'REFEREE', object: 'redeemable_holder' }),
      voucher: simpleVoucherShape(code.code as string),
      campaign: expect.objectContaining({ id: code.campaign_id, is_referral_code: true, object: 'campaign' }),
      customer: expect.objectContaining({ source_id: 'new-referee', object: 'customer' }),
    });
  });

  it('a stacked rollback sends redemption.rollback.succeeded for each child, then the parent', async () => {
    const a = await givenVoucher(api);
    const b = await givenVoucher(api);
    const redeemed = await api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: a.code }, { object: 'voucher', id: b.code }], order: { amount: 5000 } });
    expect(redeemed.status).toBe(200);
    await subscribe();
    const rolledBack = await api.post(`/v1/redemptions/${redeemed.body.parent_redemption.id}/rollbacks`, {});
    expect(rolledBack.status).toBe(200);
    await eventually(() => receiver.received.length === 3, 'the rollbacks');
    expect(receiver.received.map((r) => [r.body.type, r.body.event.entity_id])).toEqual([
      ['redemption.rollback.succeeded', rolledBack.body.rollbacks[0].id],
      ['redemption.rollback.succeeded', rolledBack.body.rollbacks[1].id],
      ['redemption.rollback.succeeded', rolledBack.body.parent_rollback.id],
    ]);
  });

  it('a rollback refused as already rolled back is kept (rrf_…) and sends redemption.rollback.failed', async () => {
    const voucher = await givenVoucher(api);
    const redeemed = await api.post(`/v1/vouchers/${voucher.code}/redemption`, {});
    expect((await api.post(`/v1/redemptions/${redeemed.body.id}/rollback`)).status).toBe(200);
    await subscribe();
    const refused = await api.post(`/v1/redemptions/${redeemed.body.id}/rollback`);
    expect(refused.status).toBe(400);
    await eventually(() => receiver.received.length === 1, 'redemption.rollback.failed');
    expect(receiver.types()).toEqual(['redemption.rollback.failed']);
    expect(receiver.received[0].body.data.redemption_rollback).toMatchObject({ id: refused.body.resource_id, result: 'FAILURE', failure_code: 'already_rolled_back' });
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
      await givenCustomer(api);
      // Answered while the receiver still holds the first attempt (it waits up to 1 s, then retries).
      expect((await api.get('/_mock/webhooks/deliveries')).body.data[0]).toMatchObject({ status: 'pending', attempts: 1 });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('is given up when the server closes: close() does not wait for a receiver that never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const running = await startServer({ webhookUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, webhookDelivery: { timeoutMs: 60_000 } });
    try {
      const headers = { 'X-App-Id': 'closing', 'X-App-Token': 't', 'Content-Type': 'application/json' };
      expect((await fetch(`${running.url}/v1/customers`, { method: 'POST', headers, body: '{}' })).status).toBe(200);
      const deliveries = async () => (await (await fetch(`${running.url}/_mock/webhooks/deliveries`, { headers })).json()).data;
      await eventually(async () => (await deliveries())[0]?.attempts === 1, 'the first attempt');
      const started = Date.now();
      await running.close();
      // The attempt would wait 60 s for an answer.
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('lists each tenant’s deliveries apart', async () => {
    await subscribe();
    await givenCustomer(api);
    await eventually(() => receiver.received.length === 1, 'the delivery');
    expect((await client(app, 'other-tenant').get('/_mock/webhooks/deliveries')).body.data).toEqual([]);
  });
});

describe('with --db', () => {
  it('sends once the writes are on disk, and nothing when the disk refuses them', async () => {
    const disk = new TestDisk();
    const folder = mkdtempSync(join(tmpdir(), 'mock-voucherify-webhooks-'));
    const store = await Store.open({ fixtures: fixturesOf({}), collections, dbFile: join(folder, 'state.json'), disk, onError: () => undefined });
    try {
      const durable = client(await testApp({ store, webhookDelivery: { backoffMs: 20 } }));
      await subscribe({ events: ['customer.created'] }, durable);
      expect((await durable.post('/v1/customers', { source_id: 'kept' })).status).toBe(200);
      await eventually(() => receiver.received.length === 1, 'customer.created');
      disk.fail.write = 'ENOSPC';
      expect((await durable.post('/v1/customers', { source_id: 'refused' })).status).toBe(500);
      disk.fail = {};
      await settle();
      expect(receiver.received.map((r) => r.body.data.customer.source_id)).toEqual(['kept']);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
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
