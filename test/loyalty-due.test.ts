// Loyalty cards read alike everywhere: once the tenant's clock passes a bucket's day or a pending
// activation, a list that shows the card shows it as a lookup of the card would, with the same
// transactions, written once.

import { client, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

const CLUB = 'camp_fhQNB9reosfhypnXLDn8S9wP';
const BOB = 'cust_q8STZHE6svi34zWH8xMS9BMo';
/** bob holds LC-00000004 of the Loyalty Club, with 250 points. */
const BOB_CARD = 'LC-00000004';

async function ok(call: PromiseLike<{ status: number; body: any }>): Promise<any> {
  const res = await call;
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A tenant whose card has 30 pending points due on 2026-11-24 and 100 points expiring after
 * 2026-11-30, with its clock moved to 2026-12-01: nothing has read the card since.
 */
async function dueTenant(): Promise<Agent> {
  const api = client(await testApp());
  await ok(api.post(`/v1/loyalties/${CLUB}/earning-rules`, [{ event: 'order.paid', loyalty: { type: 'FIXED', points: 30 }, pending_points: { period_type: 'DAY', period_value: 2 } }]));
  await ok(api.post('/v1/orders', { status: 'PAID', source_id: 'ord-due', amount: 5000, customer: { id: BOB } }));
  await ok(api.post(`/v1/loyalties/members/${BOB_CARD}/balance`, { points: 100, expiration_date: '2026-11-30' }));
  expect((await ok(api.get(`/v1/loyalties/members/${BOB_CARD}`))).loyalty_card).toMatchObject({ points: 350, balance: 350, pending_points: 30 });
  await ok(api.post('/_mock/clock', { now: '2026-12-01T00:00:00.000Z' }));
  return api;
}

const cardOf = (list: Json[]): Json => list.find((v) => v.code === BOB_CARD) as Json;

/** Each list that shows the card, and where in its answer the card's loyalty_card is. */
const LISTS: [string, string, (body: Json) => Json | undefined][] = [
  ['GET /v1/vouchers', `/v1/vouchers?campaign_id=${CLUB}&limit=100`, (body) => cardOf(body.vouchers)?.loyalty_card],
  ['GET /v1/loyalties/{campaignId}/members', `/v1/loyalties/${CLUB}/members?limit=100`, (body) => cardOf(body.vouchers)?.loyalty_card],
  ['GET /v1/customers/{customerId}/redeemables', `/v1/customers/${BOB}/redeemables`, (body) => cardOf(body.data.map((item: Json) => item.redeemable.voucher))?.loyalty_card],
];

describe('due points are settled before any list shows the card', () => {
  it.each(LISTS)('%s shows the card as a lookup does, and the transactions are those of a lookup', async (_name, path, loyaltyCardIn) => {
    const looked = await dueTenant();
    const lookedUp = (await ok(looked.get(`/v1/loyalties/members/${BOB_CARD}`))).loyalty_card;
    expect(lookedUp).toMatchObject({ points: 380, balance: 280, pending_points: 0, expired_points: 100 });
    const lookedHistory = (await ok(looked.get(`/v1/vouchers/${BOB_CARD}/transactions`))).data;
    expect(lookedHistory.slice(0, 2).map((t: Json) => t.type)).toEqual(['POINTS_EXPIRATION', 'PENDING_POINTS_ACTIVATION']);

    const listed = await dueTenant();
    const shown = loyaltyCardIn(await ok(listed.get(path)));
    // The lookup adds the next expiration it knows; the card's stored fields are the same.
    const { next_expiration_date: _date, next_expiration_points: _points, ...stored } = lookedUp;
    expect(shown).toEqual(stored);
    expect((await ok(listed.get(`/v1/vouchers/${BOB_CARD}/transactions`))).data).toEqual(lookedHistory);
    expect((await ok(listed.get(`/v1/loyalties/members/${BOB_CARD}`))).loyalty_card).toEqual(lookedUp);
  });

  it("the program's and campaign's transaction lists and the customer's loyalty show the settled points", async () => {
    const api = await dueTenant();
    const programTransactions = (await ok(api.get(`/v1/loyalties/${CLUB}/transactions`))).data;
    expect(programTransactions.slice(0, 2)).toMatchObject([
      { type: 'POINTS_EXPIRATION', details: { balance: { points: -100, balance: 280 } } },
      { type: 'PENDING_POINTS_ACTIVATION', details: { balance: { points: 30, balance: 380 } } },
    ]);
    expect((await ok(api.get(`/v1/campaigns/${CLUB}/transactions`))).data.slice(0, 2)).toEqual(programTransactions.slice(0, 2));
    const customer = await ok(api.get(`/v1/customers/${BOB}`));
    expect(customer.loyalty.campaigns['Loyalty Club']).toMatchObject({ points: 280 });
    // Settled once: the lists and lookups after it write nothing more.
    const history = (await ok(api.get(`/v1/vouchers/${BOB_CARD}/transactions?limit=100`))).data.map((t: Json) => t.type);
    expect(history.filter((type: string) => type === 'POINTS_EXPIRATION')).toHaveLength(1);
    expect(history.filter((type: string) => type === 'PENDING_POINTS_ACTIVATION')).toHaveLength(1);
  });

  it('settles only what is due: a pending activation still ahead stays pending, a bucket not yet past stays', async () => {
    const api = client(await testApp());
    await ok(api.post(`/v1/loyalties/${CLUB}/earning-rules`, [{ event: 'order.paid', loyalty: { type: 'FIXED', points: 30 }, pending_points: { period_type: 'DAY', period_value: 2 } }]));
    await ok(api.post('/v1/orders', { status: 'PAID', source_id: 'ord-due', amount: 5000, customer: { id: BOB } }));
    await ok(api.post(`/v1/loyalties/members/${BOB_CARD}/balance`, { points: 100, expiration_date: '2026-11-30' }));
    await ok(api.post('/_mock/clock', { now: '2026-11-23T12:00:00.000Z' }));
    expect(cardOf((await ok(api.get(`/v1/vouchers?campaign_id=${CLUB}&limit=100`))).vouchers).loyalty_card).toMatchObject({ points: 350, balance: 350, pending_points: 30 });
    await ok(api.post('/_mock/clock', { now: '2026-11-30T23:59:59.000Z' }));
    expect(cardOf((await ok(api.get(`/v1/loyalties/${CLUB}/members?limit=100`))).vouchers).loyalty_card).toMatchObject({ points: 380, balance: 380, pending_points: 0 });
    await ok(api.post('/_mock/clock', { now: '2026-12-01T00:00:00.000Z' }));
    expect(cardOf((await ok(api.get(`/v1/loyalties/${CLUB}/members?limit=100`))).vouchers).loyalty_card).toMatchObject({ points: 380, balance: 280, expired_points: 100 });
  });
});
