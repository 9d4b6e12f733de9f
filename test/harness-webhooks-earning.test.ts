// Webhooks of earned points: a paid order's POINTS_ACCRUAL sends the loyalty card transaction and
// the points_added events, with operation_type AUTOMATIC.

import { client, testApp, type Agent } from './helpers.js';
import { eventually as waitUntil, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const CLUB = 'camp_fhQNB9reosfhypnXLDn8S9wP';
const BOB = 'cust_q8STZHE6svi34zWH8xMS9BMo';

let api: Agent;
let receiver: WebhookReceiver;
let url = '';
let received: Record<string, any>[] = [];

beforeEach(async () => {
  api = client(await testApp({ webhookDelivery: { backoffMs: 20, timeoutMs: 1000 } }));
  receiver = await startWebhookReceiver();
  ({ url, received } = receiver);
});

afterEach(async () => {
  await receiver.close();
});

const eventually = (check: () => boolean, what: string) => waitUntil(check, what, received);

it('a paid order that earns sends the transaction and the points_added events, AUTOMATIC', async () => {
  expect((await api.post(`/v1/loyalties/${CLUB}/earning-rules`, [{ event: 'order.paid', loyalty: { type: 'FIXED', points: 15 } }])).status).toBe(200);
  const events = ['voucher.loyalty_card.transaction.created', 'voucher.loyalty_card.points_added', 'customer.voucher.loyalty_card.points_added'];
  expect((await api.post('/_mock/webhooks', { url, secret: 's', events })).status).toBe(201);
  expect((await api.post('/v1/orders', { status: 'PAID', amount: 1000, customer: { id: BOB } })).status).toBe(200);
  await eventually(() => received.length === 3, 'the points events');
  expect(received.map((r) => r.type)).toEqual(events);
  const added = received.find((r) => r.type === 'voucher.loyalty_card.points_added')!.data;
  expect(added).toMatchObject({
    voucher: { code: 'LC-00000004', object: 'voucher' },
    transaction: { type: 'POINTS_ACCRUAL', details: { balance: { points: 15, balance: 265 } } },
    balance: { points: 15, balance: 265, type: 'loyalty_card', operation_type: 'AUTOMATIC' },
  });
});
