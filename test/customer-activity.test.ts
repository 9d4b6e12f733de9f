// Customer and loyalty member activity: the events that concerned a customer (or a loyalty card),
// recorded by the requests that kept their writes, listed with filters and cursors.

import { FIXTURE, NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign, givenCustomer, givenLoyaltyCard, givenVoucher } from './support/builders.js';

type Body = Record<string, any>;

let api: Agent;
let now: Date;
beforeEach(async () => {
  now = new Date(NOW);
  api = client(await testApp({ clock: () => new Date(now) }));
});

/** Moves the app's clock on by `seconds`. */
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

const activity = (customer: string, query = '') => api.get(`/v1/customers/${encodeURIComponent(customer)}/activity${query}`);
const activities = (customer: string, query = '') => api.get(`/v1/customers/${encodeURIComponent(customer)}/activities${query}`);
const typesOf = (res: { body: Body }) => res.body.data.map((a: Body) => a.type);

/** A customer created, then given a voucher of a new campaign and redeeming it with an order: ten seconds between the steps. */
async function busyCustomer() {
  const customer = await givenCustomer(api);
  later(10);
  const campaign = await givenCampaign(api, { vouchers_count: 1 });
  const published = await api.post('/v1/publications', { campaign: { id: campaign.id }, customer: customer.id });
  expect(published.status).toBe(200);
  later(10);
  const redeemed = await api.post(`/v1/vouchers/${published.body.voucher.code}/redemption`, { customer: { id: customer.id }, order: { amount: 5000 } });
  expect(redeemed.status).toBe(200);
  return { customer, campaign, code: published.body.voucher.code as string, redemption: redeemed.body };
}

describe('GET /v1/customers/{customerId}/activity', () => {
  it('lists what happened to the customer, newest first, each with its data, source and request', async () => {
    const { customer, campaign, redemption } = await busyCustomer();
    const res = await activity(String(customer.id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'data', has_more: false });
    expect(res.body.more_starting_after).toBeUndefined();
    expect(typesOf(res)).toEqual(['customer.redemption.succeeded', 'customer.order.paid', 'customer.order.created', 'customer.publication.succeeded', 'customer.created']);
    const [redeemed, , , publication, created] = res.body.data;
    expect(created).toEqual({
      id: expect.stringMatching(/^evcus_[0-9a-f]{22}$/),
      type: 'customer.created',
      data: {
        data: { customer: expect.objectContaining({ id: customer.id, source_id: customer.source_id, object: 'customer' }) },
        event_source: { channel: 'API', api_key: { name: 'mock-voucherify', app_id: 'test-tenant' } },
      },
      created_at: NOW.toISOString(),
      group_id: expect.stringMatching(/^v-[0-9a-f]{18}$/),
    });
    expect(publication.data.data).toMatchObject({ customer: { id: customer.id }, campaign: { id: campaign.id }, publication: { customer_id: customer.id } });
    expect(redeemed.data.data).toMatchObject({ customer: { id: customer.id }, redemption: { id: redemption.id, result: 'SUCCESS' }, campaign: { id: campaign.id } });
    expect(redeemed.created_at).toBe(new Date(NOW.getTime() + 20_000).toISOString());
    // Activities of one request share its group_id.
    expect(res.body.data[1].group_id).toBe(redeemed.group_id);
  });

  it('finds the customer by source_id, and lists oldest first with order=created_at', async () => {
    const { customer } = await busyCustomer();
    const res = await activity(String(customer.source_id), '?order=created_at');
    expect(res.status).toBe(200);
    expect(typesOf(res)).toEqual(['customer.created', 'customer.publication.succeeded', 'customer.order.created', 'customer.order.paid', 'customer.redemption.succeeded']);
  });

  it('pages with limit, has_more, more_starting_after and starting_after_id', async () => {
    const { customer } = await busyCustomer();
    const all = (await activity(String(customer.id))).body.data.map((a: Body) => a.id);
    const first = await activity(String(customer.id), '?limit=2');
    expect(first.body.data.map((a: Body) => a.id)).toEqual(all.slice(0, 2));
    expect(first.body).toMatchObject({ has_more: true, more_starting_after: all[1] });
    const second = await activity(String(customer.id), `?limit=2&starting_after_id=${first.body.more_starting_after}`);
    expect(second.body.data.map((a: Body) => a.id)).toEqual(all.slice(2, 4));
    const last = await activity(String(customer.id), `?limit=2&starting_after_id=${second.body.more_starting_after}`);
    expect(last.body.data.map((a: Body) => a.id)).toEqual(all.slice(4));
    expect(last.body.has_more).toBe(false);
  });

  it('filters by type, category, campaign, campaign type and dates', async () => {
    const { customer, campaign } = await busyCustomer();
    const id = String(customer.id);
    expect(typesOf(await activity(id, '?type=customer.created'))).toEqual(['customer.created']);
    expect(typesOf(await activity(id, '?category=EFFECT'))).toEqual([]);
    expect(typesOf(await activity(id, '?category=ACTION'))).toHaveLength(5);
    expect(typesOf(await activity(id, `?campaign_id=${campaign.id}`))).toEqual(['customer.redemption.succeeded', 'customer.publication.succeeded']);
    expect(typesOf(await activity(id, '?campaign_type=DISCOUNT_COUPONS'))).toEqual(['customer.redemption.succeeded', 'customer.publication.succeeded']);
    expect(typesOf(await activity(id, '?campaign_type=LOYALTY_PROGRAM'))).toEqual([]);
    const tenSecondsIn = new Date(NOW.getTime() + 10_000).toISOString();
    expect(typesOf(await activity(id, `?end_date=${tenSecondsIn}`))).toEqual(['customer.publication.succeeded', 'customer.created']);
    expect(typesOf(await activity(id, `?start_date=${tenSecondsIn}&end_date=${tenSecondsIn}`))).toEqual(['customer.publication.succeeded']);
  });

  it('records effects (points added) and a failed redemption, under its customer twin', async () => {
    const { card, customer } = await givenLoyaltyCard(api);
    expect((await api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 25 })).status).toBe(200);
    const disabled = await givenVoucher(api, { active: false });
    const failed = await api.post(`/v1/vouchers/${disabled.code}/redemption`, { customer: { id: customer.id } });
    expectError(failed, 400, 'voucher_disabled', 'voucher is disabled');
    const res = await activity(String(customer.id));
    expect(typesOf(res)).toEqual(['customer.redemption.failed', 'customer.voucher.loyalty_card.points_added', 'customer.publication.succeeded', 'customer.created']);
    expect(typesOf(await activity(String(customer.id), '?category=EFFECT'))).toEqual(['customer.voucher.loyalty_card.points_added']);
    expect(res.body.data[0].data.data.redemption).toMatchObject({ result: 'FAILURE', failure_code: 'voucher_disabled' });
  });

  it('records a rollback', async () => {
    const { customer, redemption } = await busyCustomer();
    expect((await api.post(`/v1/redemptions/${redemption.id}/rollback`)).status).toBe(200);
    expect(typesOf(await activity(String(customer.id), '?limit=2'))).toEqual(['customer.redemption.rollback.succeeded', 'customer.order.canceled']);
  });

  it('keeps no activity of a request that failed', async () => {
    const customer = await givenCustomer(api);
    const voucher = await givenVoucher(api);
    // The customer is updated, then the order is not found: the request writes nothing, customer.updated included.
    const res = await api.post(`/v1/vouchers/${voucher.code}/redemption`, { customer: { id: customer.id, name: 'Renamed' }, order: { id: 'ord_missing' } });
    expectError(res, 404, 'not_found', 'Resource not found');
    expect(typesOf(await activity(String(customer.id)))).toEqual(['customer.created']);
  });

  it('forgets the tenant’s activity when the tenant is reset', async () => {
    const bob = FIXTURE.customerSourceIds[0];
    expect((await api.put(`/v1/customers/${bob}`, { name: 'Bob Again' })).status).toBe(200);
    expect(typesOf(await activity(bob))).toEqual(['customer.updated']);
    expect((await api.post('/_mock/reset')).status).toBe(204);
    expect(typesOf(await activity(bob))).toEqual([]);
  });

  it('answers 404 for an unknown customer', async () => {
    const body = expectError(await activity('cust_unknown'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find customer with id cust_unknown', resource_id: 'cust_unknown', resource_type: 'customer' });
  });

  it.each([
    ['limit=0', 'Property .limit must be >= 1'],
    ['order=type', 'Property .order must be equal to one of the allowed values [ created_at, -created_at ]'],
    ['category=OTHER', 'Property .category must be equal to one of the allowed values [ ACTION, EFFECT ]'],
    ['start_date=yesterday', 'Property .start_date must match format "date-time"'],
  ])('answers 400 invalid_query_params for %s', async (query, details) => {
    const customer = await givenCustomer(api);
    const body = expectError(await activity(String(customer.id), `?${query}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });
});

describe('GET /v1/customers/{customerId}/activities', () => {
  it('lists the activities with their total, filtered by campaign and product', async () => {
    const customer = await givenCustomer(api);
    const product = await api.post('/v1/products', { name: 'Lamp', price: 2000 });
    expect(product.status).toBe(200);
    const voucher = await givenVoucher(api);
    later(5);
    const redeemed = await api.post(`/v1/vouchers/${voucher.code}/redemption`, {
      customer: { id: customer.id },
      order: { items: [{ product_id: product.body.id, quantity: 2, price: 2000 }] },
    });
    expect(redeemed.status).toBe(200);
    const res = await activities(String(customer.id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'data', total: 4 });
    expect(typesOf(res)).toEqual(['customer.redemption.succeeded', 'customer.order.paid', 'customer.order.created', 'customer.created']);
    const withProduct = await activities(String(customer.id), `?product_id=${product.body.id}`);
    expect(withProduct.body.total).toBe(3);
    expect(typesOf(await activities(String(customer.id), '?product_id=prod_other'))).toEqual([]);
    expect((await activities(String(customer.id), '?campaign_type=PROMOTION')).body.total).toBe(0);
  });

  it('starts after a date (starting_after) or an id (starting_after_id), keeping the total', async () => {
    const { customer } = await busyCustomer();
    const id = String(customer.id);
    const tenSecondsIn = new Date(NOW.getTime() + 10_000).toISOString();
    const older = await activities(id, `?starting_after=${tenSecondsIn}`);
    expect(typesOf(older)).toEqual(['customer.created']);
    expect(older.body.total).toBe(5);
    expect(typesOf(await activities(id, `?order=created_at&starting_after=${tenSecondsIn}`))).toEqual([
      'customer.order.created',
      'customer.order.paid',
      'customer.redemption.succeeded',
    ]);
    const all = (await activities(id)).body.data.map((a: Body) => a.id);
    expect((await activities(id, `?limit=1&starting_after_id=${all[3]}`)).body.data.map((a: Body) => a.id)).toEqual([all[4]]);
  });

  it('answers 404 for an unknown customer and 400 for a bad query', async () => {
    expectError(await activities('nobody'), 404, 'not_found', 'Resource not found');
    const customer = await givenCustomer(api);
    const body = expectError(await activities(String(customer.id), '?starting_after=soon'), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe('Property .starting_after must match format "date-time"');
  });
});

describe.each([
  ['GET /v1/loyalties/members/{memberId}/activity', (_program: Body, code: string) => `/v1/loyalties/members/${code}/activity`],
  ['GET /v1/loyalties/{campaignId}/members/{memberId}/activity', (program: Body, code: string) => `/v1/loyalties/${program.id}/members/${code}/activity`],
])('%s', (_name, path) => {
  it('lists the activities that name the card, with paging', async () => {
    const { program, card, customer } = await givenLoyaltyCard(api);
    later(1);
    expect((await api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 25 })).status).toBe(200);
    // Another voucher of the same customer is not the card's activity.
    const other = await givenCampaign(api, { vouchers_count: 1 });
    expect((await api.post('/v1/publications', { campaign: { id: other.id }, customer: customer.id })).status).toBe(200);
    const res = await api.get(path(program, String(card.code)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'list', data_ref: 'data', has_more: false });
    expect(typesOf(res)).toEqual(['customer.voucher.loyalty_card.points_added', 'customer.publication.succeeded']);
    expect(res.body.data[0].data.data).toMatchObject({ voucher: { id: card.id }, balance: { points: 25, balance: 25 } });
    const page = await api.get(`${path(program, String(card.id))}?limit=1&order=created_at`);
    expect(typesOf(page)).toEqual(['customer.publication.succeeded']);
    expect(page.body).toMatchObject({ has_more: true, more_starting_after: page.body.data[0].id });
  });

  it('answers 404 for an unknown card, and 400 invalid_voucher for a voucher that is no loyalty card', async () => {
    const { program } = await givenLoyaltyCard(api);
    const body = expectError(await api.get(path(program, 'NO-SUCH-CARD')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CARD', resource_type: 'voucher' });
    const voucher = await givenVoucher(api);
    if (path(program, 'X').startsWith(`/v1/loyalties/${program.id}`)) {
      // Through the program: a voucher of no program is not one of its cards.
      expectError(await api.get(path(program, String(voucher.code))), 404, 'not_found', 'Resource not found');
    } else {
      const invalid = expectError(await api.get(path(program, String(voucher.code))), 400, 'invalid_voucher', 'Invalid Voucher');
      expect(invalid.details).toBe(`Voucher ${voucher.code} is not a loyalty card`);
    }
  });
});

describe('GET /v1/loyalties/{campaignId}/members/{memberId}/activity', () => {
  it('answers 404 for an unknown program, and for a card of another program', async () => {
    const { card } = await givenLoyaltyCard(api);
    const { program: other } = await givenLoyaltyCard(api);
    const unknown = expectError(await api.get(`/v1/loyalties/camp_unknown/members/${card.code}/activity`), 404, 'not_found', 'Resource not found');
    expect(unknown).toMatchObject({ details: 'Cannot find campaign with id camp_unknown', resource_type: 'campaign' });
    const foreign = expectError(await api.get(`/v1/loyalties/${other.id}/members/${card.code}/activity`), 404, 'not_found', 'Resource not found');
    expect(foreign.details).toBe(`Cannot find voucher with id ${card.code}`);
  });
});
