// Customers many at a time (POST /v1/customers/bulk/async, /metadata/async, /importCSV) and the
// permanent deletion of one (POST /v1/customers/{customerId}/permanent-deletion), over HTTP and
// through the official SDK.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import voucherifySdk from '@voucherify/sdk';
import { startServer, type MockApp, type RunningServer } from '../src/index.js';
import { as, client, expectError, recordAnswers, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

let app: MockApp;
let api: Agent;

beforeEach(async () => {
  app = await testApp();
  api = client(app);
});

async function accepted(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, keys: Object.keys(res.body) }).toEqual({ status: 202, keys: ['async_action_id'] });
  expect(res.body.async_action_id).toMatch(/^aa_/);
  const action = await api.get(`/v1/async-actions/${res.body.async_action_id}`);
  expect(action.status).toBe(200);
  return action.body;
}

const get = async (id: string) => (await api.get(`/v1/customers/${encodeURIComponent(id)}`)).body;

/** Voucherify's update-customers-in-bulk request example (two of its three customers). */
const smith = (first: string, birthday: string) => ({
  source_id: `${first}.Smith@email.com`,
  name: `${first} Smith`,
  email: `${first.toLowerCase()}.smith@email.com`,
  description: 'Updating customer data',
  phone: '+1 (132) 222-2222',
  address: { city: 'New York', country: 'United States', line_1: '123 Main St.', line_2: 'APT 3 BLG 4', postal_code: '10001', state: 'NY' },
  metadata: { lang: 'en', test: true },
  birthday,
});

describe('POST /v1/customers/bulk/async', () => {
  it('upserts each customer by source_id: the example creates them, a second call updates key by key', async () => {
    const action = await accepted(api.post('/v1/customers/bulk/async', [smith('John', '2022-04-04'), smith('Jane', '2022-03-03')]));
    expect(action).toMatchObject({ type: 'CUSTOMERS.BULK_UPDATE', status: 'DONE', result: { done_count: 2, failed_count: 0 } });
    const john = await get('John.Smith@email.com');
    expect(john).toMatchObject({ id: expect.stringMatching(/^cust_/), name: 'John Smith', phone: '+1 (132) 222-2222', birthday: '2022-04-04', address: { city: 'New York' }, metadata: { lang: 'en', test: true } });

    await accepted(api.post('/v1/customers/bulk/async', [{ source_id: 'John.Smith@email.com', metadata: { tier: 'gold' }, address: { city: 'Boston' } }]));
    const updated = await get('John.Smith@email.com');
    expect(updated).toMatchObject({ id: john.id, name: 'John Smith', metadata: { lang: 'en', test: true, tier: 'gold' }, address: { city: 'Boston', line_1: '123 Main St.' } });
    expect((await api.get('/v1/customers')).body.total).toBeGreaterThanOrEqual(2);
  });

  it('answers 400 for an entry without source_id, and upserts none of the entries', async () => {
    const res = await api.post('/v1/customers/bulk/async', [{ source_id: 'first-ok' }, { name: 'No id' }]);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Property [1] must have required property 'source_id'");
    expectError(await api.get('/v1/customers/first-ok'), 404, 'not_found', 'Resource not found');
  });
});

describe('POST /v1/customers/metadata/async', () => {
  it("sets the keys on each customer named (the official example), keeping their other keys; an unknown source_id becomes a customer", async () => {
    await api.post('/v1/customers', { source_id: 'source_123', metadata: { lang: 'pl', club: 'A' } });
    const action = await accepted(api.post('/v1/customers/metadata/async', { source_ids: ['source_123', 'source_456'], metadata: { lang: 'en', test: false } }));
    expect(action).toMatchObject({ type: 'CUSTOMERS.METADATA_UPDATE', status: 'DONE', result: { done_count: 2, failed_count: 0 } });
    expect((await get('source_123')).metadata).toEqual({ lang: 'en', club: 'A', test: false });
    expect((await get('source_456')).metadata).toEqual({ lang: 'en', test: false });
  });

  it('answers 400 without metadata', async () => {
    const res = await api.post('/v1/customers/metadata/async', { source_ids: ['a'] });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload must have required property 'metadata'");
  });
});

describe('POST /v1/customers/importCSV', () => {
  const upload = (csv: string) => request(app).post('/v1/customers/importCSV').set(as('test-tenant')).attach('file', Buffer.from(csv), 'customers.csv');

  it('imports each row: the standard columns (any case) as fields, the others as metadata; a known Source_id updates', async () => {
    await api.post('/v1/customers', { source_id: 'ann@shop.example', name: 'Ann', metadata: { kept: 'yes' } });
    const csv = [
      'Source_id,Name,Email,Phone,Birthdate,Address_City,address_country,Description,acquisition_channel',
      'ann@shop.example,Ann Smith,ann@shop.example,+48 1,1990-05-10,Warsaw,Poland,Imported,Website',
      'bob@shop.example,Bob,bob@shop.example,,,,,,Facebook',
      ',No Source,,,,,,,',
    ].join('\n');
    const action = await accepted(upload(csv));
    expect(action).toMatchObject({
      type: 'CUSTOMERS.IMPORT_CSV',
      status: 'DONE',
      result: { message: '3 customer(s) imported successfully, 0 failed.', done_count: 3, failed_count: 0, failed: [] },
    });
    expect(await get('ann@shop.example')).toMatchObject({
      name: 'Ann Smith',
      phone: '+48 1',
      birthdate: '1990-05-10',
      description: 'Imported',
      address: { city: 'Warsaw', country: 'Poland' },
      metadata: { kept: 'yes', acquisition_channel: 'Website' },
    });
    expect(await get('bob@shop.example')).toMatchObject({ name: 'Bob', metadata: { acquisition_channel: 'Facebook' } });
    const all = (await api.get('/v1/customers?limit=100')).body.customers as Json[];
    expect(all.filter((c) => c.name === 'No Source')).toHaveLength(1);
  });

  it('reports a row it cannot import and keeps the others', async () => {
    const action = await accepted(upload('source_id,name,birthdate\nok-1,One,\nbad-2,Two,10/05/1990\n'));
    expect(action.result).toEqual({
      message: '1 customer(s) imported successfully, 1 failed.',
      done_count: 1,
      failed_count: 1,
      failed: [{ row: 2, source_id: 'bad-2', reason: 'Birthdate must be a date (YYYY-MM-DD), not "10/05/1990"' }],
    });
    expect((await api.get('/v1/customers/ok-1')).status).toBe(200);
    expectError(await api.get('/v1/customers/bad-2'), 404, 'not_found', 'Resource not found');
  });

  it("answers 400 Payload should have required property 'file' without a file part", async () => {
    const res = await request(app).post('/v1/customers/importCSV').set(as('test-tenant')).field('other', 'x');
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload should have required property 'file'");
  });
});

describe('POST /v1/customers/{customerId}/permanent-deletion', () => {
  it('removes the customer, their orders and their place in static segments, and counts them', async () => {
    const customer = (await api.post('/v1/customers', { source_id: 'forget-me' })).body;
    const other = (await api.post('/v1/customers', { source_id: 'keep-me' })).body;
    for (const source_id of ['ord-1', 'ord-2']) await api.post('/v1/orders', { source_id, customer: { id: customer.id }, amount: 1000 });
    await api.post('/v1/orders', { source_id: 'ord-other', customer: { id: other.id }, amount: 1000 });
    const segment = (await api.post('/v1/segments', { name: 'Both', type: 'static', customers: [customer.id, other.id] })).body;

    const res = await api.post('/v1/customers/forget-me/permanent-deletion', undefined);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^del_/),
      created_at: expect.any(String),
      related_object_id: customer.id,
      related_object: 'customer',
      status: 'DONE',
      data_json: { events: 0, customer_events: 0, daily_events: 0, segments: 1, orders: 2, order_events: 0, customer: 1 },
      object: 'pernament_deletion',
    });
    expectError(await api.get(`/v1/customers/${customer.id}`), 404, 'not_found', 'Resource not found');
    expectError(await api.get('/v1/orders/ord-1'), 404, 'not_found', 'Resource not found');
    expect((await api.get('/v1/orders/ord-other')).status).toBe(200);
    expect((await api.get(`/v1/customers/${other.id}/segments`)).body.data.map((s: Json) => s.id)).toEqual([segment.id]);
    // The source_id is free again.
    expect((await api.post('/v1/customers', { source_id: 'forget-me' })).body.id).not.toBe(customer.id);
  });

  it('answers 404 not_found for an unknown customer, as the official example', async () => {
    const body = expectError(await api.post('/v1/customers/cust_W8n9I8pJDXlM69j49iKJeYp/permanent-deletion', undefined), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find customer with id cust_W8n9I8pJDXlM69j49iKJeYp', resource_id: 'cust_W8n9I8pJDXlM69j49iKJeYp', resource_type: 'customer' });
  });
});

describe('through the SDK', () => {
  const { VoucherifyServerSide } = voucherifySdk;
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 31, validateResponses: true, ...recordAnswers() });
    dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-customers-csv-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    return server.close();
  });

  it('customers.updateInBulk, updateMetadataInBulk, importCSV and deletePermanently', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-customers-bulk', secretKey: 'sdk-secret', apiUrl: server.url });
    const bulk = await sdk.customers.updateInBulk([{ source_id: 'sdk-1', name: 'One' }, { source_id: 'sdk-2', name: 'Two' }]);
    expect(bulk.async_action_id).toMatch(/^aa_/);
    const metadata = await sdk.customers.updateMetadataInBulk({ source_ids: ['sdk-1'], metadata: { vip: true } });
    expect(metadata.async_action_id).toMatch(/^aa_/);
    expect(await sdk.customers.get('sdk-1')).toMatchObject({ name: 'One', metadata: { vip: true } });
    const path = join(dir, 'customers.csv');
    writeFileSync(path, 'source_id,name\nsdk-3,Three\n');
    const imported = await sdk.customers.importCSV(path);
    expect(imported.async_action_id).toMatch(/^aa_/);
    expect(await sdk.customers.get('sdk-3')).toMatchObject({ name: 'Three' });
    const deletion = await sdk.customers.deletePermanently('sdk-2');
    expect(deletion).toMatchObject({ related_object: 'customer', status: 'DONE', object: 'pernament_deletion' });
  });
});
