// Exports: POST/GET /v1/exports, GET/DELETE /v1/exports/{exportId}, the download link
// (GET /v1/exports/{id}?token=…), and the export endpoints of orders, vouchers, campaigns and
// loyalty programs. The file is written at once, from the rows as they are then.

import request from 'supertest';
import type { MockApp } from '../src/index.js';
import { client, expectError, testApp, type Agent } from './helpers.js';
import { givenCampaign, givenCustomer, givenLoyaltyCard, givenVoucher } from './support/builders.js';

type Json = Record<string, any>;

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

async function ok(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: expect.anything() });
  return res.body;
}

/** The export's file, fetched from its own link with no credentials at all, as a browser would. */
async function download(exportId: string): Promise<string> {
  const shown = await ok(api.get(`/v1/exports/${exportId}`));
  const url = new URL(shown.result.url);
  const res = await request(app).get(url.pathname + url.search);
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
  return res.text;
}

/** The file's lines (each ended by CRLF), split into fields; no field of these tests holds a comma or quote. */
const lines = (csv: string) => {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
};

describe('POST /v1/exports', () => {
  it('answers the export as Voucherify answers its creation, and the export is DONE with a link on the caller\'s host', async () => {
    const created = await ok(api.post('/v1/exports', { exported_object: 'order', parameters: { fields: ['id', 'status'] } }));
    expect(created).toEqual({
      id: expect.stringMatching(/^exp_[0-9A-Za-z]{24}$/),
      object: 'export',
      created_at: '2026-11-22T12:00:00.000Z',
      status: 'SCHEDULED',
      channel: 'API',
      exported_object: 'order',
      parameters: { fields: ['id', 'status'] },
      result: null,
      user_id: null,
    });
    const shown = await ok(api.get(`/v1/exports/${created.id}`).set('Host', 'mock.example:7700'));
    expect(shown).toEqual({
      ...created,
      status: 'DONE',
      result: { url: expect.stringMatching(new RegExp(`^http://mock\\.example:7700/v1/exports/${created.id}\\?token=[A-Za-z0-9_.-]+$`)) },
    });
  });

  it('exports vouchers with the default fields, rows as they are, ordered as asked', async () => {
    const campaign = await givenCampaign(api, { name: 'Export me', vouchers_count: 0 });
    for (const code of ['EXP-B', 'EXP-A']) await givenVoucher(api, { code, campaign_id: campaign.id });
    await givenVoucher(api, { code: 'EXP-GIFT', type: 'GIFT_VOUCHER', gift: { amount: 200000 } });
    await givenVoucher(api, { code: 'EXP-AMOUNT', metadata: { tier: 'gold' } });
    const byCampaign = await ok(api.post('/v1/exports', { exported_object: 'voucher', parameters: { campaign_id: campaign.id, order: 'code' } }));
    expect(lines(await download(byCampaign.id))).toEqual([
      ['code', 'voucher_type', 'value', 'discount_type'],
      ['EXP-A', 'DISCOUNT_VOUCHER', '10', 'PERCENT'],
      ['EXP-B', 'DISCOUNT_VOUCHER', '10', 'PERCENT'],
    ]);
    const filtered = await ok(
      api.post('/v1/exports', {
        exported_object: 'voucher',
        parameters: {
          fields: ['id', 'code', 'value', 'campaign', 'metadata.tier', 'active', 'redemption_quantity'],
          filters: { junction: 'or', code: { conditions: { $in: ['EXP-GIFT'] } }, 'metadata.tier': { conditions: { $is: 'gold' } } },
          order: '-code',
        },
      }),
    );
    const gift = await ok(api.get('/v1/vouchers/EXP-GIFT'));
    const amount = await ok(api.get('/v1/vouchers/EXP-AMOUNT'));
    expect(lines(await download(filtered.id))).toEqual([
      ['id', 'code', 'value', 'campaign', 'metadata.tier', 'active', 'redemption_quantity'],
      [gift.id, 'EXP-GIFT', '2000.00', '', '', 'true', ''],
      [amount.id, 'EXP-AMOUNT', '10.00', '', 'gold', 'true', ''],
    ]);
  });

  it('writes fields that need it quoted as RFC 4180 says, in the order asked', async () => {
    const quoted = await givenCustomer(api, { source_id: 'csv-1', name: 'Doe, "Jo"', email: 'jo@example.com', address: { city: 'Line\nBreak' }, metadata: { note: 'a,b' } });
    await givenCustomer(api, { source_id: 'csv-2', name: 'Plain', email: null });
    const created = await ok(
      api.post('/v1/exports', {
        exported_object: 'customer',
        parameters: { fields: ['source_id', 'name', 'email', 'address_city', 'metadata.note', 'id'], order: 'source_id', filters: { source_id: { conditions: { $starts_with: 'csv-' } } } },
      }),
    );
    const plain = await ok(api.get('/v1/customers/csv-2'));
    expect(await download(created.id)).toBe(
      'source_id,name,email,address_city,metadata.note,id\r\n' +
        `csv-1,"Doe, ""Jo""",jo@example.com,"Line\nBreak","a,b",${quoted.id}\r\n` +
        `csv-2,Plain,,,,${plain.id}\r\n`,
    );
  });

  it('keeps the rows of the moment of export: later changes are not in the file', async () => {
    await ok(api.post('/v1/orders', { source_id: 'snap-1', amount: 1000, status: 'PAID' }));
    const created = await ok(api.post('/v1/exports', { exported_object: 'order', parameters: { fields: ['source_id', 'amount', 'status'], filters: { source_id: { conditions: { $starts_with: 'snap-' } } } } }));
    await ok(api.post('/v1/orders', { source_id: 'snap-2', amount: 2000 }));
    await ok(api.put('/v1/orders/snap-1', { status: 'CANCELED' }));
    expect(lines(await download(created.id))).toEqual([
      ['source_id', 'amount', 'status'],
      ['snap-1', '1000', 'PAID'],
    ]);
  });

  it('exports redemptions and publications', async () => {
    const customer = await givenCustomer(api, { source_id: 'redeemer' });
    const voucher = await givenVoucher(api, { code: 'EXP-REDEEM' });
    const redemption = await ok(api.post('/v1/vouchers/EXP-REDEEM/redemption', { customer: { id: customer.id }, order: { amount: 5000 } }));
    const redemptions = await ok(
      api.post('/v1/exports', {
        exported_object: 'redemption',
        parameters: { fields: ['id', 'voucher_code', 'customer_id', 'customer_source_id', 'order_amount', 'result'], filters: { voucher_code: { conditions: { $is: 'EXP-REDEEM' } } } },
      }),
    );
    expect(lines(await download(redemptions.id))).toEqual([
      ['id', 'voucher_code', 'customer_id', 'customer_source_id', 'order_amount', 'result'],
      [redemption.id, 'EXP-REDEEM', customer.id, 'redeemer', '5000', 'SUCCESS'],
    ]);
    for (const [type, rows] of [['voucher', [['id'], [redemption.id]]], ['promotion_tier', [['id']]]] as const) {
      const byType = await ok(
        api.post('/v1/exports', {
          exported_object: 'redemption',
          parameters: { fields: ['id'], filters: { related_object: { conditions: { $in: [type] } }, customer: { conditions: { $is: [customer.id] } } } },
        }),
      );
      expect(lines(await download(byType.id))).toEqual(rows);
    }

    const campaign = await givenCampaign(api, { name: 'Published', vouchers_count: 1 });
    const publication = await ok(api.post('/v1/publications', { campaign: { id: campaign.id }, customer: customer.id, channel: 'API' }));
    const publications = await ok(
      api.post('/v1/exports', {
        exported_object: 'publication',
        parameters: { fields: ['voucher_code', 'customer_id', 'customer_source_id', 'campaign', 'channel', 'date'], filters: { campaign: { conditions: { $is: ['Published'] } } } },
      }),
    );
    expect(lines(await download(publications.id))).toEqual([
      ['voucher_code', 'customer_id', 'customer_source_id', 'campaign', 'channel', 'date'],
      [publication.voucher.code, customer.id, 'redeemer', 'Published', 'API', publication.created_at],
    ]);
    expect(voucher.code).toBe('EXP-REDEEM');
  });

  it('answers 400 invalid_payload for an object it cannot export, naming those it can', async () => {
    const body = expectError(await api.post('/v1/exports', { exported_object: 'vouchers' }), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(
      'Property .exported_object should be equal to one of the allowed values [ voucher, redemption, customer, publication, order, points_expiration, voucher_transactions ]',
    );
  });

  it('answers 400 invalid_export_fields for a field the object does not have, and writes nothing', async () => {
    const body = expectError(
      await api.post('/v1/exports', { exported_object: 'redemption', parameters: { fields: ['id', 'code'] } }),
      400,
      'invalid_export_fields',
      'Invalid Export',
    );
    expect(body.details).toBe(
      'Unsupported field used. Allowed fields: id, object, date, voucher_code, campaign, promotion_tier_id, customer_id, customer_source_id, customer_name, tracking_id, order_id, order_amount, gift_amount, loyalty_points, result, failure_code, failure_message, metadata',
    );
    // Points buckets have no metadata to take a key of.
    expectError(await api.post('/v1/exports', { exported_object: 'points_expiration', parameters: { fields: ['metadata.x'] } }), 400, 'invalid_export_fields', 'Invalid Export');
    expect((await ok(api.get('/v1/exports'))).total).toBe(0);
  });

  it('answers 400 invalid_payload for an order or a filter the object does not take', async () => {
    const order = expectError(await api.post('/v1/exports', { exported_object: 'order', parameters: { order: '-code' } }), 400, 'invalid_payload', 'Invalid payload');
    expect(order.details).toBe('Property .parameters.order should be equal to one of the allowed values [ -created_at, created_at, -updated_at, updated_at, -status, status ]');
    const filter = expectError(
      await api.post('/v1/orders/export', { parameters: { filters: { status: { conditions: { $sounds_like: ['PAID'] } } } } }),
      400,
      'invalid_payload',
      'Invalid payload',
    );
    expect(filter.details).toMatch(/^Unknown condition \$sounds_like in parameters\.filters\.status; the conditions are \$is, /);
    expect((await ok(api.get('/v1/exports'))).total).toBe(0);
  });
});

describe('GET /v1/exports', () => {
  it('lists the exports newest first in Voucherify\'s envelope, paged by number, in another order when asked', async () => {
    const ids: string[] = [];
    for (const exported_object of ['order', 'customer', 'voucher']) ids.push((await ok(api.post('/v1/exports', { exported_object }))).id);
    const page = await ok(api.get('/v1/exports?limit=2'));
    expect(page).toEqual({ object: 'list', data_ref: 'exports', exports: [expect.objectContaining({ id: ids[2], status: 'DONE' }), expect.objectContaining({ id: ids[1] })], total: 3 });
    expect(page.exports[0].result.url).toMatch(/\/v1\/exports\/exp_\w+\?token=/);
    expect((await ok(api.get('/v1/exports?limit=2&page=2'))).exports.map((e: Json) => e.id)).toEqual([ids[0]]);
    expect((await ok(api.get('/v1/exports?order=created_at'))).exports.map((e: Json) => e.id)).toEqual(ids);
    expectError(await api.get('/v1/exports?order=name'), 400, 'invalid_query_params', 'Invalid query params');
  });

  it('lists only the tenant\'s own exports', async () => {
    await ok(api.post('/v1/exports', { exported_object: 'order' }));
    expect(await ok(client(app, 'other-tenant').get('/v1/exports'))).toEqual({ object: 'list', data_ref: 'exports', exports: [], total: 0 });
  });
});

describe('GET and DELETE /v1/exports/{exportId}', () => {
  it('answers 404 for an export the tenant does not have', async () => {
    for (const res of [await api.get('/v1/exports/exp_nope'), await api.delete('/v1/exports/exp_nope')]) {
      const body = expectError(res, 404, 'not_found', 'Resource not found');
      expect(body).toMatchObject({ details: 'Cannot find export with id exp_nope', resource_id: 'exp_nope', resource_type: 'export' });
    }
  });

  it('deletes an export: it is no longer listed, read or downloadable', async () => {
    const created = await ok(api.post('/v1/exports', { exported_object: 'customer' }));
    const { url } = (await ok(api.get(`/v1/exports/${created.id}`))).result;
    const res = await api.delete(`/v1/exports/${created.id}`);
    expect({ status: res.status, text: res.text }).toEqual({ status: 204, text: '' });
    expectError(await api.get(`/v1/exports/${created.id}`), 404, 'not_found', 'Resource not found');
    const link = new URL(url);
    expectError(await request(app).get(link.pathname + link.search), 404, 'not_found', 'Resource not found');
    expect((await ok(api.get('/v1/exports'))).total).toBe(0);
  });
});

describe('GET /v1/exports/{export_Id}?token=… (download-export)', () => {
  it('serves the file with the credentials too, and refuses a token that is not the export\'s', async () => {
    const created = await ok(api.post('/v1/exports', { exported_object: 'customer', parameters: { fields: ['source_id'], order: 'source_id' } }));
    const url = new URL((await ok(api.get(`/v1/exports/${created.id}`))).result.url);
    const withKeys = await api.get(url.pathname + url.search);
    expect({ status: withKeys.status, type: withKeys.headers['content-type'] }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
    expect(withKeys.text).toBe(await download(created.id));
    expect(lines(withKeys.text)[0]).toEqual(['source_id']);
    const token = url.searchParams.get('token') as string;
    expectError(await request(app).get(`${url.pathname}?token=${token.slice(0, -1)}x`), 401, 'unauthorized', 'Unauthorized');
    expectError(await request(app).get(`${url.pathname}?token=not-a-token`), 401, 'unauthorized', 'Unauthorized');
    // Another tenant's keys do not open this tenant's export.
    expectError(await client(app, 'other-tenant').get(url.pathname + url.search), 404, 'not_found', 'Resource not found');
    // Without the token, the same route is get-export and asks for credentials.
    expectError(await request(app).get(url.pathname), 401, 'unauthorized', 'Unauthorized');
  });
});

describe('the download with an app id and token configured', () => {
  it("lets in the link's token alone, for the configured app only", async () => {
    app = await testApp({ appId: 'only-app', appToken: 'only-token' });
    const keys = { 'X-App-Id': 'only-app', 'X-App-Token': 'only-token' };
    const created = (await request(app).post('/v1/exports').set(keys).send({ exported_object: 'order', parameters: { fields: ['id'] } })).body;
    const url = new URL((await request(app).get(`/v1/exports/${created.id}`).set(keys)).body.result.url);
    const res = await request(app).get(url.pathname + url.search);
    expect({ status: res.status, text: res.text.split('\r\n')[0] }).toEqual({ status: 200, text: 'id' });
    // The same secret under another tenant's name is refused before any tenant is read.
    const secret = (url.searchParams.get('token') as string).split('.')[1];
    const forged = `${Buffer.from('other-app').toString('base64url')}.${secret}`;
    expectError(await request(app).get(`${url.pathname}?token=${forged}`), 401, 'unauthorized', 'Unauthorized');
  });
});

describe('the download in the logs and the journal', () => {
  it('shows the file as a JSON string', async () => {
    const logged: string[] = [];
    app = await testApp({ logBodies: true, logFormat: 'json', logger: (line) => logged.push(line) });
    api = client(app);
    const created = await ok(api.post('/v1/exports', { exported_object: 'order', parameters: { fields: ['id'], filters: { source_id: { conditions: { $is: 'none' } } } } }));
    expect(await download(created.id)).toBe('id\r\n');
    expect(JSON.parse(logged[2])).toMatchObject({ path: `/v1/exports/${created.id}`, status: 200, response_body: 'id\r\n' });
    const journal = await ok(api.get('/_mock/requests?operationId=download-export'));
    expect(journal.requests).toEqual([expect.objectContaining({ path: `/v1/exports/${created.id}`, status: 200, response_body: 'id\r\n' })]);
  });
});

describe('POST /v1/orders/export', () => {
  it('exports orders with the default fields, or the fields, order and filters asked', async () => {
    const first = await ok(api.post('/v1/orders', { source_id: 'ord-export-1', amount: 1000, status: 'PAID', metadata: { payment_mean: 'card' } }));
    const second = await ok(api.post('/v1/orders', { source_id: 'ord-export-2', amount: 3000, status: 'CREATED' }));
    const defaults = await ok(api.post('/v1/orders/export'));
    expect(defaults).toMatchObject({ exported_object: 'order', status: 'SCHEDULED', parameters: {}, result: null });
    expect(lines(await download(defaults.id))).toEqual([
      ['id', 'source_id', 'status'],
      [second.id, 'ord-export-2', 'CREATED'],
      [first.id, 'ord-export-1', 'PAID'],
    ]);
    const asked = await ok(
      api.post('/v1/orders/export', {
        parameters: { fields: ['source_id', 'metadata.payment_mean', 'total_amount'], order: 'status', filters: { amount: { conditions: { $more_than: [500] } } } },
      }),
    );
    expect(lines(await download(asked.id))).toEqual([
      ['source_id', 'metadata.payment_mean', 'total_amount'],
      ['ord-export-2', '', '3000'],
      ['ord-export-1', 'card', '1000'],
    ]);
  });
});

describe('voucher transactions exports', () => {
  it("POST /v1/vouchers/{code}/transactions/export: the gift card's transactions, the filter naming the code as sent", async () => {
    const gift = await givenVoucher(api, { code: 'EXP-CARD', type: 'GIFT_VOUCHER', gift: { amount: 5000 } });
    await ok(api.post('/v1/vouchers/EXP-CARD/balance', { amount: 1000, source_id: 'top-up', reason: 'bonus' }));
    await ok(api.post('/v1/vouchers/EXP-CARD/redemption', { order: { amount: 1500 } }));
    const created = await ok(api.post('/v1/vouchers/EXP-CARD/transactions/export', { parameters: { order: 'created_at', fields: ['voucher_id', 'type', 'amount', 'balance', 'source_id', 'reason', 'source'] } }));
    expect(created).toMatchObject({
      exported_object: 'voucher_transactions',
      parameters: { order: 'created_at', filters: { voucher_id: { conditions: { $in: ['EXP-CARD'] } } } },
    });
    expect(lines(await download(created.id))).toEqual([
      ['voucher_id', 'type', 'amount', 'balance', 'source_id', 'reason', 'source'],
      [gift.id, 'CREDITS_ADDITION', '1000', '6000', 'top-up', 'bonus', 'API'],
      [gift.id, 'CREDITS_REDEMPTION', '-1500', '4500', '', '', ''],
    ]);
    expectError(await api.post('/v1/vouchers/NOPE/transactions/export', {}), 404, 'not_found', 'Resource not found');
  });

  it('POST /v1/campaigns/{campaignId}/transactions/export and its loyalties twin: every card of the campaign', async () => {
    const gifts = await ok(
      api.post('/v1/campaigns', { name: 'Exported gifts', type: 'STATIC', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 2, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000, effect: 'APPLY_TO_ORDER' } } }),
    );
    const [first, second] = (await ok(api.get(`/v1/vouchers?campaign_id=${gifts.id}`))).vouchers as Json[];
    await ok(api.post(`/v1/vouchers/${first.code}/balance`, { amount: 1000 }));
    await ok(api.post(`/v1/vouchers/${second.code}/balance`, { amount: 2000 }));
    const created = await ok(api.post('/v1/campaigns/Exported%20gifts/transactions/export', { parameters: { fields: ['voucher_id', 'amount'], filters: { voucher_id: { conditions: { $in: [second.id] } } } } }));
    expect(created.parameters.filters).toEqual({ voucher_id: { conditions: { $in: [second.id] } }, campaign_id: { conditions: { $in: [gifts.id] } } });
    expect(lines(await download(created.id))).toEqual([['voucher_id', 'amount'], [second.id, '2000']]);

    const coupons = await givenCampaign(api, { name: 'No cards' });
    const forbidden = expectError(await api.post(`/v1/campaigns/${coupons.id}/transactions/export`), 403, 'forbidden', 'Forbidden');
    expect(forbidden.details).toBe('Transactions are allowed only for loyalty or gift campaigns');
    expectError(await api.post('/v1/campaigns/camp_nope/transactions/export'), 404, 'not_found', 'Resource not found');
    // The loyalties route takes loyalty programs only.
    expectError(await api.post(`/v1/loyalties/${gifts.id}/transactions/export`), 404, 'not_found', 'Resource not found');

    const { program, card } = await givenLoyaltyCard(api);
    await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 120 }));
    const loyalty = await ok(api.post(`/v1/loyalties/${program.id}/transactions/export`, { parameters: { fields: ['voucher_id', 'type', 'amount', 'balance'] } }));
    expect(lines(await download(loyalty.id))).toEqual([
      ['voucher_id', 'type', 'amount', 'balance'],
      [card.id, 'POINTS_ADDITION', '120', '120'],
    ]);
  });

  it("POST /v1/loyalties/[{campaignId}/]members/{memberId}/transactions/export: one card's transactions", async () => {
    const { program, card } = await givenLoyaltyCard(api);
    await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 50 }));
    await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points: -20 }));
    const expected = [
      ['type', 'amount', 'balance'],
      ['POINTS_REMOVAL', '-20', '30'],
      ['POINTS_ADDITION', '50', '50'],
    ];
    const plain = await ok(api.post(`/v1/loyalties/members/${card.code}/transactions/export`, { parameters: { fields: ['type', 'amount', 'balance'] } }));
    expect(plain.parameters.filters).toEqual({ voucher_id: { conditions: { $in: [card.code] } } });
    expect(lines(await download(plain.id))).toEqual(expected);
    const inProgram = await ok(api.post(`/v1/loyalties/${program.id}/members/${card.code}/transactions/export`, { parameters: { fields: ['type', 'amount', 'balance'] } }));
    expect(lines(await download(inProgram.id))).toEqual(expected);

    const other = await givenLoyaltyCard(api);
    const body = expectError(await api.post(`/v1/loyalties/${other.program.id}/members/${card.code}/transactions/export`), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ resource_type: 'voucher', resource_id: card.code });
    expectError(await api.post('/v1/loyalties/members/NOPE/transactions/export'), 404, 'not_found', 'Resource not found');
  });
});

describe('points expiration exports', () => {
  it("POST /v1/loyalties/{campaignId}/points-expiration/export: the buckets of the program's cards, soonest first", async () => {
    const { program, card } = await givenLoyaltyCard(api);
    const other = await givenLoyaltyCard(api);
    for (const [code, points, day] of [
      [card.code, 100, '2027-05-30'],
      [card.code, 40, '2027-01-31'],
      [other.card.code, 70, '2027-03-01'],
    ] as const) {
      await ok(api.post(`/v1/loyalties/members/${code}/balance`, { points, expiration_type: 'CUSTOM_DATE', expiration_date: day }));
    }
    const created = await ok(api.post(`/v1/loyalties/${program.id}/points-expiration/export`));
    expect(created).toMatchObject({ exported_object: 'points_expiration', parameters: { filters: { campaign_id: { conditions: { $in: [program.id] } } } } });
    const rows = lines(await download(created.id));
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['campaign_id', 'voucher_id', 'status', 'expires_at', 'points'],
      [program.id, card.id, 'ACTIVE', '2027-01-31', '40'],
      [program.id, card.id, 'ACTIVE', '2027-05-30', '100'],
    ]);
    expect(rows.slice(1).map((row) => row[0])).toEqual([expect.stringMatching(/^lopb_/), expect.stringMatching(/^lopb_/)]);

    const all = await ok(api.post('/v1/exports', { exported_object: 'points_expiration', parameters: { fields: ['voucher_id', 'points'], order: '-expires_at' } }));
    expect(lines(await download(all.id))).toEqual([
      ['voucher_id', 'points'],
      [card.id, '100'],
      [other.card.id, '70'],
      [card.id, '40'],
    ]);
    expectError(await api.post('/v1/loyalties/camp_nope/points-expiration/export'), 404, 'not_found', 'Resource not found');
  });

  it('shows points whose day has passed expired, as any read of the card would, with their POINTS_EXPIRATION transaction', async () => {
    const { program, card } = await givenLoyaltyCard(api);
    await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 30, expiration_type: 'CUSTOM_DATE', expiration_date: '2026-11-30' }));
    await ok(api.post(`/v1/loyalties/members/${card.code}/balance`, { points: 5, expiration_type: 'CUSTOM_DATE', expiration_date: '2027-06-30' }));
    await ok(api.post('/_mock/clock', { now: '2026-12-05T00:00:00Z' }));
    // Nothing has read the card since its day: the exports settle it first.
    const buckets = await ok(api.post(`/v1/loyalties/${program.id}/points-expiration/export`, { parameters: { fields: ['expires_at', 'status', 'points'] } }));
    expect(lines(await download(buckets.id))).toEqual([
      ['expires_at', 'status', 'points'],
      ['2026-11-30', 'EXPIRED', '30'],
      ['2027-06-30', 'ACTIVE', '5'],
    ]);
    const history = await ok(api.post('/v1/exports', { exported_object: 'voucher_transactions', parameters: { fields: ['type', 'amount', 'balance'], filters: { voucher_id: { conditions: { $is: card.id } } } } }));
    expect(lines(await download(history.id))).toEqual([
      ['type', 'amount', 'balance'],
      ['POINTS_EXPIRATION', '-30', '5'],
      ['POINTS_ADDITION', '5', '35'],
      ['POINTS_ADDITION', '30', '30'],
    ]);
    const cards = await ok(api.post('/v1/exports', { exported_object: 'voucher', parameters: { fields: ['code', 'loyalty_balance', 'value'], filters: { code: { conditions: { $is: card.code } } } } }));
    expect(lines(await download(cards.id))).toEqual([['code', 'loyalty_balance', 'value'], [card.code, '5', '5']]);
  });
});

describe("Voucherify's published request bodies", () => {
  it('takes them as published: fields with a metadata key, a bare number or string operand, an order beside the parameters', async () => {
    await ok(api.post('/v1/orders', { source_id: 'published-1', amount: 250000, discount_amount: 150000, status: 'PAID', metadata: { payment_mean: 'paypal' } }));
    await ok(api.post('/v1/orders', { source_id: 'published-2', amount: 1000, discount_amount: 100 }));
    // The orders export "Using fields and filters".
    const orders = await ok(
      api.post('/v1/orders/export', {
        parameters: {
          fields: ['id', 'source_id', 'status', 'created_at', 'updated_at', 'amount', 'discount_amount', 'items_discount_amount', 'total_discount_amount', 'total_amount', 'customer_id', 'referrer_id', 'metadata.payment_mean'],
          order: '-updated_at',
          filters: { discount_amount: { conditions: { $more_than: 100000 } } },
        },
      }),
    );
    const rows = lines(await download(orders.id));
    expect(rows.map((row) => [row[1], row[5], row[6], row[12]])).toEqual([
      ['source_id', 'amount', 'discount_amount', 'metadata.payment_mean'],
      ['published-1', '250000', '150000', 'paypal'],
    ]);

    // The campaign transactions export "Example": `order` sent beside `parameters`, dates in one-element lists.
    const gifts = await ok(
      api.post('/v1/campaigns', { name: 'Published gifts', type: 'STATIC', campaign_type: 'GIFT_VOUCHERS', vouchers_count: 1, voucher: { type: 'GIFT_VOUCHER', gift: { amount: 5000, effect: 'APPLY_TO_ORDER' } } }),
    );
    const [card] = (await ok(api.get(`/v1/vouchers?campaign_id=${gifts.id}`))).vouchers as Json[];
    await ok(api.post(`/v1/vouchers/${card.code}/balance`, { amount: 700, source_id: 'published-top-up' }));
    const transactions = await ok(
      api.post(`/v1/campaigns/${gifts.id}/transactions/export`, {
        order: '-created_at',
        parameters: { fields: ['id', 'type', 'source_id', 'created_at'], filters: { created_at: { conditions: { $after: ['2024-10-01T00:00:00.000Z'] } } } },
      }),
    );
    expect(lines(await download(transactions.id)).map((row) => row.slice(1))).toEqual([
      ['type', 'source_id', 'created_at'],
      ['CREDITS_ADDITION', 'published-top-up', '2026-11-22T12:00:00.000Z'],
    ]);

    // The points expiration export "Specific campaign": `$is` with a bare string.
    const { program, card: member } = await givenLoyaltyCard(api);
    await ok(api.post(`/v1/loyalties/members/${member.code}/balance`, { points: 30, expiration_type: 'CUSTOM_DATE', expiration_date: '2027-02-01' }));
    const buckets = await ok(
      api.post(`/v1/loyalties/${program.id}/points-expiration/export`, {
        parameters: {
          fields: ['id', 'campaign_id', 'voucher_id', 'status', 'expires_at', 'points'],
          order: '-expires_at',
          filters: { junction: 'and', campaign_id: { conditions: { $is: program.id } } },
        },
      }),
    );
    expect(lines(await download(buckets.id)).map((row) => row.slice(1))).toEqual([
      ['campaign_id', 'voucher_id', 'status', 'expires_at', 'points'],
      [program.id, member.id, 'ACTIVE', '2027-02-01', '30'],
    ]);
  });
});
