// Imports: standalone vouchers and a campaign's vouchers from JSON (POST /v1/vouchers/import,
// /v1/campaigns/{campaignId}/import) and from CSV (…/importCSV), and historical orders
// (POST /v1/orders/import), over HTTP and through the official SDK.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startServer, type MockApp, type RunningServer } from '../src/index.js';
import { NOW, as, client, expectError, testApp, type Agent } from './helpers.js';
import { VoucherifyServerSide } from './support/sdk.js';

type Json = Record<string, any>;

const SUMMER = 'camp_yl9F6sn23DSp8kVzjliKE1Qu';
const CLUB = 'camp_fhQNB9reosfhypnXLDn8S9wP';
const BOB = 'cust_q8STZHE6svi34zWH8xMS9BMo';
const BOB_CARD = 'LC-00000004';

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

/** The async action an import answered (its status checked), as GET /v1/async-actions/{id} reports it. */
async function action(response: PromiseLike<{ status: number; body: Json }>, status = 202): Promise<Json> {
  const res = await response;
  expect({ status: res.status, keys: Object.keys(res.body) }).toEqual({ status, keys: ['async_action_id'] });
  expect(res.body.async_action_id).toMatch(/^aa_/);
  const found = await api.get(`/v1/async-actions/${res.body.async_action_id}`);
  expect(found.status).toBe(200);
  return found.body;
}

const voucher = async (code: string) => {
  const res = await api.get(`/v1/vouchers/${encodeURIComponent(code)}`);
  expect(res.status).toBe(200);
  return res.body;
};
const missing = async (code: string) => expectError(await api.get(`/v1/vouchers/${encodeURIComponent(code)}`), 404, 'not_found', 'Resource not found');

/** A subscription to every event at a port nobody listens on: the deliveries list what the requests caused. */
async function subscribe(): Promise<void> {
  expect((await api.post('/_mock/webhooks', { url: 'http://127.0.0.1:9/hooks' })).status).toBe(201);
}
const deliveredTypes = async (): Promise<string[]> => (await api.get('/_mock/webhooks/deliveries')).body.data.map((d: Json) => d.type);

const uploadTo = (path: string, csv: string, fields: Record<string, string> = {}) => {
  let req = request(app).post(path).set(as('test-tenant'));
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return req.attach('file', Buffer.from(csv), 'import.csv');
};

describe('POST /v1/vouchers/import', () => {
  it('imports each entry as a standalone voucher, read back as created vouchers are', async () => {
    const done = await action(
      api.post('/v1/vouchers/import', [
        {
          code: 'PROMO-CODE30OFF',
          category: 'new customer acquisition',
          type: 'DISCOUNT_VOUCHER',
          active: true,
          discount: { amount_off: 3000, type: 'AMOUNT' },
          start_date: '2020-12-01T23:00:00Z',
          expiration_date: '2030-12-19T23:00:00Z',
          redemption: { quantity: 1 },
          metadata: { unit: 'EUR' },
          additional_info: 'secret-code1',
        },
        { code: 'PROMO-CODE30-PERCENT', active: false, discount: { percent_off: 30, type: 'PERCENT', effect: 'APPLY_TO_ITEMS' } },
        { code: 'GIFT-CARD-100', type: 'GIFT_VOUCHER', gift: { amount: 10000 }, redemption: { quantity: 5 }, validity_day_of_week: [1, 2] },
      ]),
    );
    expect(done).toMatchObject({
      type: 'VOUCHERS.IMPORT',
      status: 'DONE',
      progress: 100,
      result: { message: '3 voucher(s) imported successfully, 0 failed.', failed: [], done_count: 3, failed_count: 0 },
      object: 'async_action',
    });
    expect(await voucher('PROMO-CODE30OFF')).toMatchObject({
      id: expect.stringMatching(/^v_/),
      code: 'PROMO-CODE30OFF',
      campaign: null,
      campaign_id: null,
      category: 'new customer acquisition',
      type: 'DISCOUNT_VOUCHER',
      discount: { amount_off: 3000, type: 'AMOUNT' },
      gift: null,
      start_date: '2020-12-01T23:00:00.000Z',
      expiration_date: '2030-12-19T23:00:00.000Z',
      active: true,
      additional_info: 'secret-code1',
      metadata: { unit: 'EUR' },
      redemption: { quantity: 1, redeemed_quantity: 0 },
      created_at: NOW.toISOString(),
    });
    expect(await voucher('PROMO-CODE30-PERCENT')).toMatchObject({ type: 'DISCOUNT_VOUCHER', active: false, discount: { type: 'PERCENT', percent_off: 30, effect: 'APPLY_TO_ITEMS' } });
    expect(await voucher('GIFT-CARD-100')).toMatchObject({ type: 'GIFT_VOUCHER', gift: { amount: 10000, balance: 10000 }, redemption: { quantity: 5 }, validity_day_of_week: [1, 2] });
    const listed = (await api.get('/v1/vouchers?category=new%20customer%20acquisition')).body;
    expect(listed.vouchers.map((v: Json) => v.code)).toEqual(['PROMO-CODE30OFF']);
  });

  it('lists the entries it cannot import in the result and imports the others', async () => {
    const done = await action(
      api.post('/v1/vouchers/import', [
        { code: 'OK-1', discount: { type: 'AMOUNT', amount_off: 500 } },
        { code: 'NO-DISCOUNT', type: 'DISCOUNT_VOUCHER' },
        { code: 'NO-GIFT', type: 'GIFT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 1 } },
        { code: 'OK-1', gift: { amount: 100 } },
        { code: 'OK-2', gift: { amount: 100 } },
      ]),
    );
    expect(done.result).toEqual({
      message: '2 voucher(s) imported successfully, 3 failed.',
      failed: [
        { code: 'NO-DISCOUNT', reason: "Payload must have required property 'discount'" },
        { code: 'NO-GIFT', reason: "Payload must have required property 'gift'" },
        { code: 'OK-1', reason: 'Duplicated voucher exists with id OK-1' },
      ],
      done_count: 2,
      failed_count: 3,
    });
    expect((await voucher('OK-1')).type).toBe('DISCOUNT_VOUCHER');
    expect((await voucher('OK-2')).gift).toMatchObject({ amount: 100, balance: 100 });
    await missing('NO-DISCOUNT');
    await missing('NO-GIFT');
  });

  it('sends voucher.created for each voucher imported', async () => {
    await subscribe();
    await action(api.post('/v1/vouchers/import', [{ code: 'HOOK-1', gift: { amount: 100 } }, { code: 'HOOK-2', type: 'DISCOUNT_VOUCHER' }]));
    expect(await deliveredTypes()).toEqual(['voucher.created']);
  });

  it('refuses a request that is wrong as a whole, and imports none of it', async () => {
    await api.post('/v1/vouchers/EXISTING-1', { discount: { type: 'AMOUNT', amount_off: 1 } });
    await api.post('/v1/vouchers/EXISTING-2', { discount: { type: 'AMOUNT', amount_off: 1 } });
    const entry = (code: string) => ({ code, discount: { type: 'AMOUNT', amount_off: 100 } });
    const cases: [unknown, number, string, string, string][] = [
      [{ code: 'X' }, 400, 'invalid_payload', 'Invalid payload', 'Payload must be a JSON array, not an object'],
      [[], 400, 'invalid_payload', 'Invalid payload', 'Payload must NOT have fewer than 1 items'],
      [[entry('NEW-A'), { discount: { type: 'AMOUNT', amount_off: 1 } }], 400, 'invalid_voucher', 'Invalid Voucher', "Found 1 voucher(s) without 'code' value"],
      [[entry('NEW-A'), entry('EXISTING-1'), entry('EXISTING-2'), entry('EXISTING-2')], 400, 'duplicate_key', 'Duplicate codes', '2 voucher codes(s) already exist.'],
      [[entry('NEW-A'), { code: 'NEW-B', type: 'LOYALTY_CARD' }], 400, 'invalid_payload', 'Invalid payload', 'Property [1].type must be equal to one of the allowed values [ DISCOUNT_VOUCHER, GIFT_VOUCHER ]'],
      [[entry('NEW-A'), { code: 'NEW-B', redemption: { quantity: 0 } }], 400, 'invalid_payload', 'Invalid payload', 'Property [1].redemption.quantity must be >= 1'],
    ];
    for (const [body, status, key, message, details] of cases) {
      expect(expectError(await api.post('/v1/vouchers/import', body), status, key, message).details).toBe(details);
    }
    // A discount that lacks its type's value: the spec's discount variants each say what they miss.
    const percent = expectError(await api.post('/v1/vouchers/import', [entry('NEW-A'), { code: 'NEW-B', discount: { type: 'PERCENT' } }]), 400, 'invalid_payload', 'Invalid payload');
    expect(percent.details).toContain("Property [1].discount must have required property 'percent_off'");
    await missing('NEW-A');
    expect((await api.get('/v1/async-actions')).body.async_actions).toEqual([]);
  });
});

describe('POST /v1/vouchers/importCSV', () => {
  const upload = (csv: string[], fields?: Record<string, string>) => uploadTo('/v1/vouchers/importCSV', csv.join('\r\n'), fields);

  it('imports each row: the standard columns (any case) as fields, quoted cells whole, the other columns as metadata', async () => {
    const done = await action(
      upload([
        'Code,Voucher Type,Value,Discount Type,Discount_Effect,Unit Type,category,Active,Start Date,Expiration Date,Redemption Limit,Redeemed Quantity,Redeemed Amount,Additional Info,season,Store "A"',
        'CSV-AMOUNT,DISCOUNT_VOUCHER,1500,AMOUNT,,,Spring,true,2026-01-01,2026-12-31T23:59,3,1,,"Spring, ""VIP"" only",spring,',
        'CSV-PERCENT,discount_voucher,25,percent,apply_to_items,,,false,2026-02-01T10,,,,,,,north',
        'CSV-UNIT,DISCOUNT_VOUCHER,2,UNIT,ADD_NEW_ITEMS,prod_0a9f9aeddb019a42db,,,,,,,,,,',
        'CSV-GIFT,GIFT_VOUCHER,10000,,,,,,,,,,2500,"line one\nline two",,',
      ]),
    );
    expect(done).toMatchObject({
      type: 'VOUCHERS.IMPORT_CSV',
      status: 'DONE',
      result: { message: '4 voucher(s) imported successfully, 0 failed.', done_count: 4, failed_count: 0, failed: [] },
    });
    expect(await voucher('CSV-AMOUNT')).toMatchObject({
      campaign: null,
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'AMOUNT', amount_off: 1500 },
      category: 'Spring',
      active: true,
      start_date: '2026-01-01T00:00:00.000Z',
      expiration_date: '2026-12-31T23:59:00.000Z',
      redemption: { quantity: 3, redeemed_quantity: 1 },
      additional_info: 'Spring, "VIP" only',
      metadata: { season: 'spring' },
    });
    expect(await voucher('CSV-PERCENT')).toMatchObject({
      discount: { type: 'PERCENT', percent_off: 25, effect: 'APPLY_TO_ITEMS' },
      active: false,
      start_date: '2026-02-01T10:00:00.000Z',
      expiration_date: null,
      redemption: { quantity: null },
      metadata: { 'Store "A"': 'north' },
    });
    expect((await voucher('CSV-UNIT')).discount).toEqual({ type: 'UNIT', unit_off: 2, unit_type: 'prod_0a9f9aeddb019a42db', effect: 'ADD_NEW_ITEMS' });
    expect(await voucher('CSV-GIFT')).toMatchObject({
      type: 'GIFT_VOUCHER',
      gift: { amount: 10000, balance: 7500 },
      redemption: { redeemed_amount: 2500 },
      additional_info: 'line one\nline two',
      metadata: {},
    });
  });

  it('lists the rows it cannot import with their row number and code, and imports the others', async () => {
    const done = await action(
      upload([
        'Code,Voucher Type,Value,Discount Type,Active,Start Date',
        'ROW-1,,10,AMOUNT,,',
        'ROW-2,DISCOUNT_VOUCHER,ten,AMOUNT,,',
        'ROW-3,DISCOUNT_VOUCHER,10,HALF,,',
        ',DISCOUNT_VOUCHER,10,AMOUNT,,',
        'ROW-5,DISCOUNT_VOUCHER,10,AMOUNT,yes,',
        'ROW-6,DISCOUNT_VOUCHER,10,AMOUNT,,next week',
        'ROW-7,LOYALTY_CARD,10,,,',
        'ROW-8,DISCOUNT_VOUCHER,10,AMOUNT,TRUE,2026-03-01T00:00:00.000Z',
      ]),
    );
    expect(done.result).toEqual({
      message: '1 voucher(s) imported successfully, 7 failed.',
      done_count: 1,
      failed_count: 7,
      failed: [
        { row: 1, code: 'ROW-1', reason: 'Voucher Type is required' },
        { row: 2, code: 'ROW-2', reason: 'Value must be a number, 0 or more, not "ten"' },
        { row: 3, code: 'ROW-3', reason: 'Discount Type must be AMOUNT, PERCENT, FIXED or UNIT, not "HALF"' },
        { row: 4, reason: 'Code is required' },
        { row: 5, code: 'ROW-5', reason: 'Active must be true or false, not "yes"' },
        { row: 6, code: 'ROW-6', reason: 'Start Date must be an ISO 8601 date (e.g. 2020-03-11 or 2020-03-11T09:00:00.000Z), not "next week"' },
        { row: 7, code: 'ROW-7', reason: 'Voucher Type must be DISCOUNT_VOUCHER or GIFT_VOUCHER, not "LOYALTY_CARD"' },
      ],
    });
    expect(await voucher('ROW-8')).toMatchObject({ active: true, start_date: '2026-03-01T00:00:00.000Z', discount: { amount_off: 10 } });
    for (const code of ['ROW-1', 'ROW-2', 'ROW-3', 'ROW-5', 'ROW-6', 'ROW-7']) await missing(code);
  });

  it("updates a known code's Active and Category only; webhooks only with webhooks_enable=true", async () => {
    await subscribe();
    await api.post('/v1/vouchers/KNOWN', { discount: { type: 'AMOUNT', amount_off: 100 }, category: 'Old', metadata: { kept: 'yes' } });
    const header = 'Code,Voucher Type,Value,Discount Type,Active,Category,note';
    await action(upload([header, 'KNOWN,DISCOUNT_VOUCHER,999,PERCENT,false,New,ignored', 'QUIET,DISCOUNT_VOUCHER,5,AMOUNT,,,']));
    expect(await voucher('KNOWN')).toMatchObject({ active: false, category: 'New', discount: { type: 'AMOUNT', amount_off: 100 }, metadata: { kept: 'yes' }, updated_at: NOW.toISOString() });
    expect((await voucher('QUIET')).discount).toMatchObject({ type: 'AMOUNT', amount_off: 5 });
    expect(await deliveredTypes()).toEqual(['voucher.created']);

    const loud = await action(
      upload(['Code,Voucher Type,Value,Active,Redeemed Amount', 'KNOWN,,,true,', 'LOUD,GIFT_VOUCHER,100,,', 'OVERSPENT,GIFT_VOUCHER,100,,101'], { webhooks_enable: 'true' }),
    );
    expect(loud.result.failed).toEqual([{ row: 3, code: 'OVERSPENT', reason: "Redeemed Amount (101) cannot be more than the card's credits (100)" }]);
    expect((await voucher('KNOWN')).active).toBe(true);
    await missing('OVERSPENT');
    // The row that failed after its voucher was made announced nothing.
    expect(await deliveredTypes()).toEqual(['voucher.created', 'voucher.updated', 'voucher.created']);
  });

  it("answers 400 Payload should have required property 'file' without a file part", async () => {
    const res = await request(app).post('/v1/vouchers/importCSV').set(as('test-tenant')).field('webhooks_enable', 'true');
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload should have required property 'file'");
  });
});

describe('POST /v1/campaigns/{campaignId}/import', () => {
  it("imports each entry into the campaign, which gives what the entry leaves out", async () => {
    const done = await action(
      api.post(`/v1/campaigns/${SUMMER}/import`, [
        { code: 'CODE7', category: 'First', redemption: { quantity: 3 }, metadata: { season: 'Fall' }, additional_info: 'secret-code1', active: true },
        { code: 'CODE8', active: false, expiration_date: '2030-01-01T00:00:00Z' },
      ]),
    );
    expect(done).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_IMPORT', status: 'DONE', result: { message: '2 voucher(s) imported successfully, 0 failed.', failed: [], done_count: 2, failed_count: 0 } });
    expect(await voucher('CODE7')).toMatchObject({
      campaign: 'Summer Sale 2026',
      campaign_id: SUMMER,
      type: 'DISCOUNT_VOUCHER',
      discount: { type: 'AMOUNT', amount_off: 1000 },
      category: 'First',
      redemption: { quantity: 3 },
      metadata: { season: 'Fall' },
      additional_info: 'secret-code1',
      active: true,
    });
    expect(await voucher('CODE8')).toMatchObject({ campaign_id: SUMMER, active: false, redemption: { quantity: 1 }, expiration_date: '2030-01-01T00:00:00.000Z' });
    const listed = (await api.get(`/v1/vouchers?campaign_id=${SUMMER}&limit=100`)).body.vouchers.map((v: Json) => v.code);
    expect(listed).toEqual(expect.arrayContaining(['CODE7', 'CODE8']));
  });

  it("takes a gift card's amount and a loyalty card's points from the entry, else from the campaign", async () => {
    await action(api.post('/v1/campaigns/Gift Cards/import', [{ code: 'CODE13', gift: { amount: 500 } }, { code: 'CODE15', active: false }]));
    expect((await voucher('CODE13')).gift).toEqual({ amount: 500, balance: 500, effect: 'APPLY_TO_ORDER' });
    expect((await voucher('CODE15')).gift).toEqual({ amount: 5000, balance: 5000, effect: 'APPLY_TO_ORDER' });
    await action(api.post(`/v1/campaigns/${CLUB}/import`, [{ code: 'CODE10', loyalty_card: { points: 300 } }, { code: 'CODE12' }]));
    expect(await voucher('CODE10')).toMatchObject({ type: 'LOYALTY_CARD', loyalty_card: { points: 300, balance: 300 } });
    expect((await voucher('CODE12')).loyalty_card).toEqual({ points: 0, balance: 0 });
  });

  it('lists the entries it cannot import in the result and imports the others', async () => {
    const done = await action(
      api.post(`/v1/campaigns/${SUMMER}/import`, [
        { code: 'FINE-1' },
        { code: 'GIFTY', type: 'GIFT_VOUCHER', gift: { amount: 100 } },
        { code: 'FINE-1', active: false },
      ]),
    );
    expect(done.result).toEqual({
      message: '1 voucher(s) imported successfully, 2 failed.',
      failed: [
        { code: 'GIFTY', reason: 'Voucher type GIFT_VOUCHER does not match the DISCOUNT_VOUCHER vouchers of campaign Summer Sale 2026' },
        { code: 'FINE-1', reason: 'Duplicated voucher exists with id FINE-1' },
      ],
      done_count: 1,
      failed_count: 2,
    });
    expect((await voucher('FINE-1')).active).toBe(true);
    await missing('GIFTY');
  });

  it('answers the reference’s 404 for an unknown campaign and refuses a request that is wrong as a whole', async () => {
    const body = expectError(await api.post('/v1/campaigns/camp_FZL4iTTdZw36nZOoXYQ172fQ/import', [{ code: 'A' }]), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find campaign with id camp_FZL4iTTdZw36nZOoXYQ172fQ', resource_id: 'camp_FZL4iTTdZw36nZOoXYQ172fQ', resource_type: 'campaign' });
    const cases: [string, unknown, string, string, string][] = [
      [SUMMER, [{ code: 'NEW-A' }, { code: 'SUMMER-Q7K2M9' }], 'duplicate_key', 'Duplicate codes', '1 voucher codes(s) already exist.'],
      [SUMMER, [{ code: 'NEW-A' }, { active: true }, { category: 'x' }], 'invalid_voucher', 'Invalid Voucher', "Found 2 voucher(s) without 'code' value"],
      [SUMMER, [{ code: 'NEW-A', redemption: { quantity: 'one' } }], 'invalid_payload', 'Invalid payload', 'Property [0].redemption.quantity must be integer'],
      [SUMMER, { code: 'NEW-A' }, 'invalid_payload', 'Invalid payload', 'Payload must be a JSON array, not an object'],
      ['Black Friday 2026', [{ code: 'NEW-A' }], 'invalid_campaign', 'Invalid Campaign', 'Campaign Black Friday 2026 is a PROMOTION campaign; vouchers cannot be added to it'],
    ];
    for (const [campaign, entries, key, message, details] of cases) {
      expect(expectError(await api.post(`/v1/campaigns/${encodeURIComponent(campaign)}/import`, entries), 400, key, message).details).toBe(details);
    }
    await missing('NEW-A');
  });
});

describe('POST /v1/campaigns/{campaignId}/importCSV', () => {
  const upload = (campaign: string, csv: string[]) => uploadTo(`/v1/campaigns/${encodeURIComponent(campaign)}/importCSV`, csv.join('\n'));

  it('imports each row into the campaign (Category by name or id, the other columns as metadata) and answers 200', async () => {
    const category = (await api.post('/v1/categories', { name: 'Premium', hierarchy: 1 })).body;
    await subscribe();
    const done = await action(
      upload('Gift Cards', [
        'Code,Active,Gift Amount,Redeemed Amount,Redeemed Quantity,Category,Batch,Region',
        `GC-1,true,2000,500,1,${category.id},"A, first",EU`,
        'GC-2,false,,,,Premium,B,',
        'GC-3,,,,,Loose label,,',
      ]),
      200,
    );
    expect(done).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_IMPORT_CSV', status: 'DONE', result: { message: '3 voucher(s) imported successfully, 0 failed.', done_count: 3, failed_count: 0, failed: [] } });
    expect(await voucher('GC-1')).toMatchObject({
      campaign: 'Gift Cards',
      type: 'GIFT_VOUCHER',
      active: true,
      gift: { amount: 2000, balance: 1500 },
      redemption: { redeemed_quantity: 1, redeemed_amount: 500 },
      category: 'Premium',
      category_id: category.id,
      metadata: { Batch: 'A, first', Region: 'EU' },
    });
    expect(await voucher('GC-2')).toMatchObject({ active: false, gift: { amount: 5000, balance: 5000 }, category_id: category.id, metadata: { Batch: 'B' } });
    expect(await voucher('GC-3')).toMatchObject({ active: true, category: 'Loose label', category_id: null });
    expect(await deliveredTypes()).toEqual(['voucher.created', 'voucher.created', 'voucher.created']);
  });

  it("updates a code of the campaign (Active and Category only), and lists rows it cannot import", async () => {
    await action(upload('Loyalty Club', ['code,loyalty_points', 'LC-NEW,250']), 200);
    expect((await voucher('LC-NEW')).loyalty_card).toEqual({ points: 250, balance: 250 });
    const done = await action(
      upload('Loyalty Club', [
        'Code,Active,Loyalty Points,Category,Redeemed Quantity',
        'LC-NEW,false,999,Gold,',
        'SUMMER-Q7K2M9,false,,,',
        ',true,,,',
        'LC-BAD,maybe,,,',
        'LC-NEG,,-5,,',
        'LC-FINE,,,,2',
      ]),
      200,
    );
    expect(done.result).toEqual({
      message: '2 voucher(s) imported successfully, 4 failed.',
      done_count: 2,
      failed_count: 4,
      failed: [
        { row: 2, code: 'SUMMER-Q7K2M9', reason: 'Duplicated voucher exists with id SUMMER-Q7K2M9' },
        { row: 3, reason: 'Code is required' },
        { row: 4, code: 'LC-BAD', reason: 'Active must be true or false, not "maybe"' },
        { row: 5, code: 'LC-NEG', reason: 'Loyalty Points must be a whole number, 0 or more, not "-5"' },
      ],
    });
    expect(await voucher('LC-NEW')).toMatchObject({ active: false, category: 'Gold', loyalty_card: { points: 250, balance: 250 } });
    expect((await voucher('SUMMER-Q7K2M9')).active).toBe(true);
    expect(await voucher('LC-FINE')).toMatchObject({ campaign_id: CLUB, redemption: { redeemed_quantity: 2 } });
    await missing('LC-BAD');
  });

  it('answers 404 for an unknown campaign, and 400 without a file', async () => {
    const body = expectError(await upload('camp_FZL4iTTdZw36nZOoXYQ172fQ', ['Code', 'A']), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find campaign with id camp_FZL4iTTdZw36nZOoXYQ172fQ', resource_id: 'camp_FZL4iTTdZw36nZOoXYQ172fQ', resource_type: 'campaign' });
    const res = await request(app).post(`/v1/campaigns/${SUMMER}/importCSV`).set(as('test-tenant')).field('other', 'x');
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload should have required property 'file'");
  });
});

describe('POST /v1/orders/import', () => {
  /** The reference's first example order: a customer, a referrer, and two items whose product and SKU are stored. */
  const historical = {
    source_id: 'orderImport14',
    status: 'PAID',
    metadata: { location_id: ['L1', 'L2'] },
    customer: { source_id: 'bob2.smith@email.com', name: 'Bob Smith', email: 'bob.smith@email.com', metadata: { lang: 'en' } },
    referrer: { source_id: 'jane.smith@email.com', name: 'Jane Smith' },
    items: [
      { source_id: 'prod_1', related_object: 'product', quantity: 2, product: { name: 'Apple iPhone 12', price: 70000, override: true } },
      {
        source_id: 'ComicBook_1',
        related_object: 'sku',
        quantity: 1,
        product: { source_id: 'Books', name: 'Comic Books1', price: 1600, override: true },
        sku: { sku: 'Comics1', source_id: 'ComicBook_1', price: 1600, override: true },
      },
    ],
  };

  it('stores each order as POST /v1/orders would, with its customers, products and SKUs, and answers 200', async () => {
    const done = await action(api.post('/v1/orders/import', [historical, { source_id: 'orderImport15', status: 'CREATED', amount: 5000, customer: { source_id: 'bob2.smith@email.com' } }]), 200);
    expect(done).toMatchObject({ type: 'ORDERS.IMPORT', status: 'DONE', result: { message: '2 order(s) imported successfully, 0 failed.', failed: [], done_count: 2, failed_count: 0 } });
    const bob = (await api.get('/v1/customers/bob2.smith@email.com')).body;
    const jane = (await api.get('/v1/customers/jane.smith@email.com')).body;
    expect(bob).toMatchObject({ id: expect.stringMatching(/^cust_/), name: 'Bob Smith', metadata: { lang: 'en' } });
    const order = (await api.get('/v1/orders/orderImport14')).body;
    expect(order).toMatchObject({
      id: expect.stringMatching(/^ord_/),
      source_id: 'orderImport14',
      status: 'PAID',
      amount: 141600,
      total_amount: 141600,
      metadata: { location_id: ['L1', 'L2'] },
      customer_id: bob.id,
      referrer_id: jane.id,
      created_at: NOW.toISOString(),
    });
    expect(order.items).toEqual([
      expect.objectContaining({ source_id: 'prod_1', quantity: 2, amount: 140000, price: 70000 }),
      expect.objectContaining({ source_id: 'ComicBook_1', quantity: 1, amount: 1600 }),
    ]);
    expect((await api.get('/v1/orders/orderImport15')).body).toMatchObject({ status: 'CREATED', amount: 5000, customer_id: bob.id });
    expect((await api.get('/v1/products/prod_1')).body).toMatchObject({ name: 'Apple iPhone 12', price: 70000 });
    expect((await api.get('/v1/skus/ComicBook_1')).body).toMatchObject({ sku: 'Comics1', price: 1600 });
  });

  it('sends no webhooks, records no customer activity and earns no loyalty points', async () => {
    await subscribe();
    expect((await api.post(`/v1/loyalties/${CLUB}/earning-rules`, [{ event: 'order.paid', loyalty: { type: 'FIXED', points: 20 } }])).status).toBe(200);
    const points = async () => (await api.get(`/v1/loyalties/members/${BOB_CARD}`)).body.loyalty_card.points;
    const before = await points();
    await action(api.post('/v1/orders/import', [{ source_id: 'quiet-1', status: 'PAID', amount: 10000, customer: { id: BOB } }, historical]), 200);
    expect(await points()).toBe(before);
    expect(await deliveredTypes()).toEqual([]);
    const bob = (await api.get('/v1/customers/bob2.smith@email.com')).body;
    expect((await api.get(`/v1/customers/${bob.id}/activity`)).body.data).toEqual([]);
    // The same order through POST /v1/orders does earn and send: the import's silence is its own.
    await api.post('/v1/orders', { source_id: 'loud-1', status: 'PAID', amount: 10000, customer: { id: BOB } });
    expect(await points()).toBe(before + 20);
    expect(await deliveredTypes()).toContain('customer.order.paid');
  });

  it('lists the orders it cannot import with their source_id, keeping nothing of them, and imports the others', async () => {
    const done = await action(
      api.post('/v1/orders/import', [
        { source_id: 'fine-1', amount: 100 },
        { source_id: 'lost-customer', amount: 100, customer_id: 'cust_nobody' },
        { amount: 100, customer: { source_id: 'half-made' }, referrer_id: 'cust_noreferrer' },
        { id: 'ord_unknown', amount: 100 },
      ]),
      200,
    );
    expect(done.result).toEqual({
      message: '1 order(s) imported successfully, 3 failed.',
      failed: [
        { source_id: 'lost-customer', reason: 'Cannot find customer with id cust_nobody' },
        { source_id: null, reason: 'Cannot find customer with id cust_noreferrer' },
        { source_id: null, reason: 'Cannot find order with id ord_unknown' },
      ],
      done_count: 1,
      failed_count: 3,
    });
    expect((await api.get('/v1/orders/fine-1')).status).toBe(200);
    expectError(await api.get('/v1/orders/lost-customer'), 404, 'not_found', 'Resource not found');
    // The failed order's customer was upserted before its referrer failed: it went with the order.
    expectError(await api.get('/v1/customers/half-made'), 404, 'not_found', 'Resource not found');
    expect((await api.get('/v1/orders')).body.total).toBe(1);
  });

  it('refuses a request that is wrong as a whole, and imports none of it', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({ source_id: `bulk-${i}`, amount: 100 }));
    const cases: [unknown, string][] = [
      [{ source_id: 'one' }, 'Payload must be a JSON array, not an object'],
      [[], 'Payload must NOT have fewer than 1 items'],
      [many, 'Payload must NOT have more than 2000 items'],
      [[{ source_id: 'ok', amount: 100 }, { source_id: 'bad', status: 'SHIPPED' }], 'Property [1].status must be equal to one of the allowed values [ CREATED, PAID, CANCELED, FULFILLED ]'],
    ];
    for (const [body, details] of cases) {
      expect(expectError(await api.post('/v1/orders/import', body), 400, 'invalid_payload', 'Invalid payload').details).toBe(details);
    }
    expect((await api.get('/v1/orders')).body.total).toBe(0);
  });
});

describe('through the SDK', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 47, validateResponses: true });
    dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-imports-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    return server.close();
  });

  const csvFile = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    return path;
  };

  it('vouchers.import and vouchers.importCSV', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-imports-vouchers', secretKey: 'sdk-secret', apiUrl: server.url });
    const imported = await sdk.vouchers.import([
      { code: 'SDK-AMOUNT', type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 700 }, metadata: { from: 'sdk' } },
      { code: 'SDK-GIFT', type: 'GIFT_VOUCHER', gift: { amount: 1200 } },
    ] as never);
    expect(await sdk.asyncActions.get(imported.async_action_id)).toMatchObject({ type: 'VOUCHERS.IMPORT', status: 'DONE', result: { done_count: 2, failed_count: 0 } });
    expect(await sdk.vouchers.get('SDK-AMOUNT')).toMatchObject({ discount: { amount_off: 700 }, metadata: { from: 'sdk' } });

    const csv = await sdk.vouchers.importCSV(csvFile('vouchers.csv', ['Code,Voucher Type,Value,Discount Type,shelf', 'SDK-CSV,DISCOUNT_VOUCHER,15,PERCENT,"top, left"', 'SDK-BAD,,1,AMOUNT,']));
    expect(await sdk.asyncActions.get(csv.async_action_id)).toMatchObject({
      type: 'VOUCHERS.IMPORT_CSV',
      result: { done_count: 1, failed_count: 1, failed: [{ row: 2, code: 'SDK-BAD', reason: 'Voucher Type is required' }] },
    });
    expect(await sdk.vouchers.get('SDK-CSV')).toMatchObject({ discount: { type: 'PERCENT', percent_off: 15 }, metadata: { shelf: 'top, left' } });
  });

  it('campaigns.importVouchers and campaigns.importVouchersCSV', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-imports-campaigns', secretKey: 'sdk-secret', apiUrl: server.url });
    const imported = await sdk.campaigns.importVouchers('Summer Sale 2026', [{ code: 'SDK-SUMMER-1', category: 'First' }, { code: 'SDK-SUMMER-2', active: false }] as never);
    expect(await sdk.asyncActions.get(imported.async_action_id)).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_IMPORT', result: { done_count: 2, failed_count: 0 } });
    expect(await sdk.vouchers.get('SDK-SUMMER-2')).toMatchObject({ campaign: 'Summer Sale 2026', active: false, discount: { amount_off: 1000 } });

    const csv = await sdk.campaigns.importVouchersCSV(CLUB, csvFile('cards.csv', ['Code,Loyalty Points', 'SDK-CARD,40']));
    expect(await sdk.asyncActions.get(csv.async_action_id)).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_IMPORT_CSV', result: { done_count: 1, failed_count: 0 } });
    expect(await sdk.vouchers.get('SDK-CARD')).toMatchObject({ campaign_id: CLUB, loyalty_card: { points: 40, balance: 40 } });
  });

  it('orders.import', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-imports-orders', secretKey: 'sdk-secret', apiUrl: server.url });
    const imported = await sdk.orders.import([
      { source_id: 'sdk-order-1', status: 'PAID', amount: 2500, customer: { source_id: 'sdk-buyer' } },
      { source_id: 'sdk-order-2', amount: 100, customer_id: 'cust_missing' },
    ] as never);
    expect(await sdk.asyncActions.get(imported.async_action_id)).toMatchObject({
      type: 'ORDERS.IMPORT',
      result: { done_count: 1, failed_count: 1, failed: [{ source_id: 'sdk-order-2', reason: 'Cannot find customer with id cust_missing' }] },
    });
    expect(await sdk.orders.get('sdk-order-1')).toMatchObject({ status: 'PAID', amount: 2500 });
  });
});
