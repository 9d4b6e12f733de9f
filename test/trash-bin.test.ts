// The trash bin: deletes without force=true move campaigns, vouchers, products and SKUs there;
// GET /v1/trash-bin lists the entries and DELETE /v1/trash-bin/{binEntryId} removes one for good.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import voucherifySdk from '@voucherify/sdk';
import request from 'supertest';
import { startServer, type MockApp, type RunningServer } from '../src/index.js';
import { NOW, as, client, expectError, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

let app: MockApp;
let api: Agent;

beforeAll(async () => {
  app = await testApp();
});
let tenant: string;
beforeEach(() => {
  tenant = `bin-${expect.getState().currentTestName}`;
  api = client(app, tenant);
});


async function ok(req: PromiseLike<{ status: number; body: any }>, status = 200): Promise<Json> {
  const res = await req;
  expect({ status: res.status, body: res.body }).toEqual({ status, body: expect.anything() });
  return res.body;
}

const percentOff = { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' };

/** A discount campaign with `count` vouchers. */
async function campaign(name: string, count = 2): Promise<Json> {
  return ok(
    api.post('/v1/campaigns', {
      name,
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      vouchers_count: count,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: percentOff, code_config: { pattern: `${name.slice(0, 3).toUpperCase()}-####`, charset: '0123456789' } },
    }),
  );
}

async function codesOf(campaignId: string): Promise<string[]> {
  const list = await ok(api.get(`/v1/vouchers?campaign_id=${campaignId}`));
  return list.vouchers.map((v: Json) => v.code);
}

/** A standalone voucher with `code`. */
const standalone = (code: string) => ok(api.post(`/v1/vouchers/${code}`, { type: 'DISCOUNT_VOUCHER', discount: percentOff }));

const product = (body: Json) => ok(api.post('/v1/products', body));
const sku = (productId: string, body: Json) => ok(api.post(`/v1/products/${productId}/skus`, body));

async function bin(query = ''): Promise<Json> {
  return ok(api.get(`/v1/trash-bin${query}`));
}

const entry = (fields: Json) => ({
  id: expect.stringMatching(/^tbe_[0-9a-f]{18}$/),
  created_at: NOW.toISOString(),
  deleted_by_user_id: null,
  object: fields.resource_type,
  ...fields,
});

describe('moving to the bin', () => {
  it.each([[''], ['?force=false']])('DELETE /v1/vouchers/{code}%s: the voucher is gone but kept as an entry; its code stays taken', async (query) => {
    const created = await campaign('Spring Coupons');
    const [code, other] = await codesOf(created.id);
    const voucher = await ok(api.get(`/v1/vouchers/${code}`));
    expect((await api.delete(`/v1/vouchers/${code}${query}`)).status).toBe(204);

    expectError(await api.get(`/v1/vouchers/${code}`), 404, 'not_found', 'Resource not found');
    expect(await codesOf(created.id)).toEqual([other]);
    const res = await api.post('/v1/redemptions', { redeemables: [{ object: 'voucher', id: code }], order: { amount: 100 } });
    expect(expectError(res, 404, 'not_found', 'Resource not found').details).toBe(`Cannot find voucher with id ${code}`);
    const validation = await ok(api.post('/v1/validations', { redeemables: [{ object: 'voucher', id: code }], order: { amount: 100 } }));
    expect(validation.redeemables[0]).toMatchObject({ status: 'INAPPLICABLE', result: { error: { key: 'not_found' } } });

    expect(await bin()).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [entry({ resource_id: voucher.id, resource_type: 'voucher', resource_name: code, resource_parent_id: created.id })],
      total: 1,
      has_more: false,
    });
    const dup = expectError(await api.post(`/v1/vouchers/${code}`, { type: 'DISCOUNT_VOUCHER', discount: percentOff }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(dup).toMatchObject({ details: `Duplicated voucher exists with id ${code}`, resource_type: 'voucher' });
    const added = expectError(await api.post(`/v1/campaigns/${created.id}/vouchers/${code}`, {}), 409, 'duplicate_found', 'Duplicated resource found');
    expect(added.details).toBe(`Duplicated voucher exists with id ${code}`);
  });

  it('a standalone voucher has no parent', async () => {
    const voucher = await standalone('LONE-1');
    await api.delete('/v1/vouchers/LONE-1');
    expect((await bin()).data).toEqual([entry({ resource_id: voucher.id, resource_type: 'voucher', resource_name: 'LONE-1', resource_parent_id: null })]);
  });

  it('DELETE /v1/campaigns/{campaignId}: one entry holds the campaign and its vouchers; name and codes stay taken', async () => {
    const created = await campaign('Winter Coupons', 3);
    const codes = await codesOf(created.id);
    const res = await api.delete('/v1/campaigns/Winter Coupons');
    expect(res.status).toBe(202);
    expect(await ok(api.get(`/v1/async-actions/${res.body.async_action_id}`))).toMatchObject({ type: 'CAMPAIGN.VOUCHERS_DELETE', status: 'DONE', result: { message: 'Deleted 3 vouchers.' } });

    expectError(await api.get(`/v1/campaigns/${created.id}`), 404, 'not_found', 'Resource not found');
    for (const code of codes) expectError(await api.get(`/v1/vouchers/${code}`), 404, 'not_found', 'Resource not found');
    expect((await bin()).data).toEqual([entry({ resource_id: created.id, resource_type: 'campaign', resource_name: 'Winter Coupons', resource_parent_id: null })]);

    const again = await api.post('/v1/campaigns', { name: 'Winter Coupons', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER', discount: percentOff } });
    expect(expectError(again, 409, 'duplicate_found', 'Duplicated resource found').details).toBe('Duplicated campaign exists with name Winter Coupons');
    expect(expectError(await standaloneRes(codes[0]), 409, 'duplicate_found', 'Duplicated resource found').details).toBe(`Duplicated voucher exists with id ${codes[0]}`);
  });

  it('DELETE /v1/loyalties/{campaignId}: a loyalty program goes to the bin as a campaign', async () => {
    const program = await ok(
      api.post('/v1/loyalties', { name: 'Bin Club', voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, code_config: { pattern: 'BC-####' } }, vouchers_count: 1 }),
    );
    expect((await api.delete(`/v1/loyalties/${program.id}`)).status).toBe(200);
    expect((await bin()).data).toEqual([entry({ resource_id: program.id, resource_type: 'campaign', resource_name: 'Bin Club', resource_parent_id: null })]);
  });

  it('DELETE /v1/products/{productId}: one entry holds the product and its SKUs; source_ids stay taken', async () => {
    const phone = await product({ source_id: 'phone', name: 'Phone', attributes: ['color'] });
    await sku(phone.id, { source_id: 'phone-black', sku: 'Black phone', attributes: { color: 'black' } });
    const unnamed = await product({ source_id: 'cable' });
    expect((await api.delete('/v1/products/phone')).status).toBe(204);
    expect((await api.delete(`/v1/products/${unnamed.id}?force=false`)).status).toBe(204);

    expectError(await api.get('/v1/products/phone'), 404, 'not_found', 'Resource not found');
    expectError(await api.get('/v1/skus/phone-black'), 404, 'not_found', 'Resource not found');
    expect((await bin()).data).toEqual([
      entry({ resource_id: phone.id, resource_type: 'product', resource_name: 'Phone', resource_parent_id: null }),
      // A product without a name shows its source_id.
      entry({ resource_id: unnamed.id, resource_type: 'product', resource_name: 'cable', resource_parent_id: null }),
    ]);

    const dup = expectError(await api.post('/v1/products', { source_id: 'phone', name: 'Phone 2' }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(dup).toMatchObject({ resource_id: 'phone', resource_type: 'product' });
    expect(dup.details).toMatch(/^Duplicated product exists in the bin with source_id phone/);
    const other = await product({ source_id: 'tablet' });
    const skuDup = expectError(await api.post(`/v1/products/${other.id}/skus`, { source_id: 'phone-black' }), 409, 'duplicate_found', 'Duplicated resource found');
    expect(skuDup).toMatchObject({ resource_id: 'phone-black', resource_type: 'sku' });
    // The failed requests wrote nothing.
    expect((await ok(api.get('/v1/products'))).products.map((p: Json) => p.source_id)).toEqual(['tablet']);
  });

  it('DELETE /v1/products/{productId}/skus/{skuId}: the SKU is an entry of its own, under its product', async () => {
    const phone = await product({ source_id: 'phone', name: 'Phone' });
    const black = await sku(phone.id, { source_id: 'phone-black', sku: 'Black phone' });
    const plain = await sku(phone.id, { source_id: 'phone-plain' });
    expect((await api.delete('/v1/products/phone/skus/phone-black')).status).toBe(204);
    expect((await api.delete(`/v1/products/phone/skus/${plain.id}`)).status).toBe(204);
    expect((await ok(api.get('/v1/products/phone'))).skus.total).toBe(0);
    expect((await bin()).data).toEqual([
      entry({ resource_id: black.id, resource_type: 'sku', resource_name: 'Black phone', resource_parent_id: phone.id }),
      entry({ resource_id: plain.id, resource_type: 'sku', resource_name: 'phone-plain', resource_parent_id: phone.id }),
    ]);
    expectError(await api.post('/v1/products/phone/skus', { source_id: 'phone-black' }), 409, 'duplicate_found', 'Duplicated resource found');
  });

  it('force=true deletes for good: no entry, and codes, names and source_ids are free at once', async () => {
    const created = await campaign('Autumn Coupons', 1);
    const [code] = await codesOf(created.id);
    await standalone('LONE-2');
    const phone = await product({ source_id: 'phone', name: 'Phone' });
    await sku(phone.id, { source_id: 'phone-black' });
    const tablet = await product({ source_id: 'tablet' });
    await sku(tablet.id, { source_id: 'tablet-white' });

    expect((await api.delete('/v1/vouchers/LONE-2?force=true')).status).toBe(204);
    expect((await api.delete('/v1/campaigns/Autumn Coupons?force=true')).status).toBe(202);
    expect((await api.delete('/v1/products/phone?force=true')).status).toBe(204);
    expect((await api.delete('/v1/products/tablet/skus/tablet-white?force=true')).status).toBe(204);
    expect(await bin()).toEqual({ object: 'list', data_ref: 'data', data: [], total: 0, has_more: false });

    await standalone('LONE-2');
    await standalone(code);
    await campaign('Autumn Coupons', 0);
    await product({ source_id: 'phone' });
    await sku(tablet.id, { source_id: 'tablet-white' });
  });

  it('product bulk updates and CSV imports list a source_id the bin keeps and write the rest', async () => {
    await product({ source_id: 'phone', name: 'Phone' });
    await api.delete('/v1/products/phone');
    const asyncResult = async (res: Json) => (await ok(api.get(`/v1/async-actions/${res.async_action_id}`))).result;

    const bulk = await ok(api.post('/v1/products/bulk/async', [{ source_id: 'phone', name: 'Phone 2' }, { source_id: 'tablet', name: 'Tablet' }]), 202);
    expect(await asyncResult(bulk)).toMatchObject({
      done_count: 1,
      failed_count: 1,
      errors: [{ key: 'duplicate_found', message: 'Duplicated resource found', source_id: 'phone', details: expect.stringMatching(/^Duplicated product exists in the bin with source_id phone/) }],
    });
    const metadata = await ok(api.post('/v1/products/metadata/async', { source_ids: ['phone', 'tablet'], metadata: { shelf: 'A' } }), 202);
    expect(await asyncResult(metadata)).toMatchObject({ done_count: 1, failed_count: 1, errors: [{ key: 'duplicate_found', source_id: 'phone' }] });

    const csv = await request(app).post('/v1/products/importCSV').set(as(tenant)).attach('file', Buffer.from('name,source_id\nPhone 3,phone\nWatch,watch'), 'import.csv');
    expect(csv.status).toBe(200);
    expect(await asyncResult(csv.body)).toMatchObject({ done_count: 1, failed_count: 1, failed: [{ row: 1, source_id: 'phone', reason: expect.stringMatching(/^Duplicated product exists in the bin/) }] });
    expect((await ok(api.get('/v1/products'))).products.map((p: Json) => [p.source_id, p.metadata])).toEqual([
      ['tablet', { shelf: 'A' }],
      ['watch', {}],
    ]);
  });

  it('an order item overriding a product or SKU the bin keeps stays as sent; the order goes through', async () => {
    const phone = await product({ source_id: 'phone', name: 'Phone' });
    await sku(phone.id, { source_id: 'phone-black' });
    await api.delete('/v1/products/phone');
    const order = await ok(
      api.post('/v1/orders', {
        items: [
          { source_id: 'phone', related_object: 'product', quantity: 1, price: 500, product: { name: 'Phone again', override: true } },
          { source_id: 'phone-black', related_object: 'sku', quantity: 1, price: 700, sku: { sku: 'Black again', override: true } },
        ],
      }),
    );
    expect(order).toMatchObject({ amount: 1200, items: [{ source_id: 'phone', product: { name: 'Phone again' } }, { source_id: 'phone-black', sku: { sku: 'Black again' } }] });
    expect((await ok(api.get('/v1/products'))).products).toEqual([]);
  });

  it('voucher imports count a code the bin keeps as one the tenant has', async () => {
    await standalone('IMP-1');
    await api.delete('/v1/vouchers/IMP-1');
    const whole = await api.post('/v1/vouchers/import', [{ code: 'IMP-1', type: 'DISCOUNT_VOUCHER', discount: percentOff }, { code: 'IMP-2', type: 'DISCOUNT_VOUCHER', discount: percentOff }]);
    expect(expectError(whole, 400, 'duplicate_key', 'Duplicate codes').details).toBe('1 voucher codes(s) already exist.');
    expectError(await api.get('/v1/vouchers/IMP-2'), 404, 'not_found', 'Resource not found');
  });

  it("generated codes skip the bin's codes until its entry is deleted for good", async () => {
    // A code config with two possible codes: one in the bin, one held by a live voucher.
    const tiny = await ok(
      api.post('/v1/campaigns', {
        name: 'Tiny Coupons',
        campaign_type: 'DISCOUNT_COUPONS',
        vouchers_count: 2,
        voucher: { type: 'DISCOUNT_VOUCHER', discount: percentOff, code_config: { pattern: 'T-#', charset: '01' } },
      }),
    );
    const [binned, live] = await codesOf(tiny.id);
    await api.delete(`/v1/vouchers/${binned}`);
    const full = expectError(await api.post(`/v1/campaigns/${tiny.id}/vouchers?vouchers_count=1`, {}), 400, 'invalid_code_config', 'Invalid code config');
    expect(full.details).toBe('No unused code is left for the code config (2 possible codes)');
    const [gone] = (await bin()).data;
    await api.delete(`/v1/trash-bin/${gone.id}`);
    expect((await api.post(`/v1/campaigns/${tiny.id}/vouchers?vouchers_count=1`, {})).status).toBe(200);
    expect((await codesOf(tiny.id)).sort()).toEqual([binned, live].sort());
  });

  it('each tenant has its own bin', async () => {
    await standalone('LONE-3');
    await api.delete('/v1/vouchers/LONE-3');
    expect((await bin()).total).toBe(1);
    expect((await ok(client(app, 'bin-other-tenant').get('/v1/trash-bin'))).data).toEqual([]);
  });
});

const standaloneRes = (code: string) => api.post(`/v1/vouchers/${code}`, { type: 'DISCOUNT_VOUCHER', discount: percentOff });

describe('GET /v1/trash-bin', () => {
  /** Five entries: three vouchers, a product and a SKU, in this order. */
  async function fill(): Promise<Json[]> {
    for (const code of ['BIN-A', 'BIN-B', 'OTHER-C']) {
      await standalone(code);
      await api.delete(`/v1/vouchers/${code}`);
    }
    const phone = await product({ source_id: 'phone', name: 'Phone' });
    await sku(phone.id, { source_id: 'phone-black', sku: 'Black phone' });
    await api.delete('/v1/products/phone/skus/phone-black');
    await api.delete('/v1/products/phone');
    return (await bin('?limit=100')).data;
  }

  it('orders by entry id, oldest deletion first unless order=-id', async () => {
    const all = await fill();
    expect(all.map((e) => e.resource_name)).toEqual(['BIN-A', 'BIN-B', 'OTHER-C', 'Black phone', 'Phone']);
    const ids = all.map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
    expect((await bin('?order=id')).data.map((e: Json) => e.id)).toEqual(ids);
    expect((await bin('?order=-id')).data.map((e: Json) => e.id)).toEqual([...ids].reverse());
  });

  it('pages with limit and starting_after_id; total counts the page', async () => {
    const ids = (await fill()).map((e) => e.id);
    const first = await bin('?limit=2');
    expect(first).toMatchObject({ total: 2, has_more: true, more_starting_after: ids[1] });
    expect(first.data.map((e: Json) => e.id)).toEqual(ids.slice(0, 2));
    const second = await bin(`?limit=2&starting_after_id=${first.more_starting_after}`);
    expect(second.data.map((e: Json) => e.id)).toEqual(ids.slice(2, 4));
    const last = await bin(`?limit=2&starting_after_id=${second.more_starting_after}`);
    expect(last).toEqual({ object: 'list', data_ref: 'data', data: [expect.objectContaining({ id: ids[4] })], total: 1, has_more: false });
    const back = await bin(`?order=-id&limit=2&starting_after_id=${ids[3]}`);
    expect(back.data.map((e: Json) => e.id)).toEqual([ids[2], ids[1]]);
    // limit defaults to 10.
    expect((await bin()).total).toBe(5);
  });

  it.each([
    ['filters[resource_type][conditions][$in]=product&filters[resource_type][conditions][$in]=sku', ['Black phone', 'Phone']],
    ['filters[resource_type][conditions][$is]=voucher', ['BIN-A', 'BIN-B', 'OTHER-C']],
    ['filters[resource_type][conditions][$is_not]=voucher', ['Black phone', 'Phone']],
    ['filters[resource_name][conditions][$starts_with]=BIN-', ['BIN-A', 'BIN-B']],
    ['filters[resource_name][conditions][$contains]=phone', ['Black phone']],
    ['filters[resource_name][conditions][$starts_with]=BIN-&filters[resource_type][conditions][$is]=product', []],
    ['filters[junction]=or&filters[resource_name][conditions][$starts_with]=BIN-&filters[resource_type][conditions][$is]=product', ['BIN-A', 'BIN-B', 'Phone']],
    ['filters[resource_type][conditions][$is]=voucher&limit=1&order=-id', ['OTHER-C']],
  ])('filters: %s', async (query, names) => {
    await fill();
    expect((await bin(`?${query}`)).data.map((e: Json) => e.resource_name)).toEqual(names);
  });

  it('filters by entry id and by resource id', async () => {
    const all = await fill();
    expect((await bin(`?filters[id][conditions][$is]=${all[1].id}`)).data).toEqual([all[1]]);
    expect((await bin(`?filters[resource_id][conditions][$in]=${all[0].resource_id}&filters[resource_id][conditions][$in]=${all[4].resource_id}`)).data).toEqual([all[0], all[4]]);
    const page = await bin(`?filters[resource_type][conditions][$is]=voucher&limit=2`);
    expect(page).toMatchObject({ total: 2, has_more: true, more_starting_after: all[1].id });
    expect((await bin(`?filters[resource_type][conditions][$is]=voucher&limit=2&starting_after_id=${all[1].id}`)).data).toEqual([all[2]]);
  });

  it.each([
    ['limit=0', 'Property .limit must be >= 1'],
    ['limit=101', 'Property .limit must be <= 100'],
    ['order=created_at', 'Property .order must be equal to one of the allowed values [ id, -id ]'],
    ['filters[resource_type][conditions][$is]=coupon', 'Property .filters.resource_type.conditions.$is must be equal to one of the allowed values [ campaign, product, sku, voucher ]'],
    ['filters[resource_type][conditions][$gt]=voucher', "Property .filters.resource_type.conditions must NOT have additional property '$gt'"],
    ['filters[name][conditions][$is]=x', "Property .filters must NOT have additional property 'name'"],
  ])('refuses %s', async (query, details) => {
    const body = expectError(await api.get(`/v1/trash-bin?${query}`), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });
});

describe('DELETE /v1/trash-bin/{binEntryId}', () => {
  it('deletes a voucher entry for good: the code is free again', async () => {
    await standalone('LONE-4');
    await api.delete('/v1/vouchers/LONE-4');
    const [gone] = (await bin()).data;
    const res = await api.delete(`/v1/trash-bin/${gone.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await bin()).data).toEqual([]);
    expectError(await api.get('/v1/vouchers/LONE-4'), 404, 'not_found', 'Resource not found');
    await standalone('LONE-4');
  });

  it("deletes a campaign entry with the campaign's vouchers: name and codes are free again", async () => {
    const created = await campaign('Frost Coupons', 2);
    const codes = await codesOf(created.id);
    await api.delete(`/v1/campaigns/${created.id}`);
    await standalone('LONE-5');
    await api.delete('/v1/vouchers/LONE-5');
    const [campaignEntry, voucherEntry] = (await bin()).data;
    expect((await api.delete(`/v1/trash-bin/${campaignEntry.id}`)).status).toBe(204);
    expect((await bin()).data).toEqual([voucherEntry]);
    await campaign('Frost Coupons', 0);
    for (const code of codes) await standalone(code);
    // The other entry still keeps its code.
    expectError(await standaloneRes('LONE-5'), 409, 'duplicate_found', 'Duplicated resource found');
  });

  it("deletes a product entry with the product's SKUs: their source_ids are free again", async () => {
    const phone = await product({ source_id: 'phone', name: 'Phone' });
    await sku(phone.id, { source_id: 'phone-black' });
    await api.delete('/v1/products/phone');
    const [gone] = (await bin()).data;
    expect((await api.delete(`/v1/trash-bin/${gone.id}`)).status).toBe(204);
    const again = await product({ source_id: 'phone' });
    expect(again.id).not.toBe(phone.id);
    await sku(again.id, { source_id: 'phone-black' });
  });

  it('answers 404 for an unknown entry, and for one already deleted', async () => {
    const body = expectError(await api.delete('/v1/trash-bin/tbe_0000000000000000ff'), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find bin_entry with id tbe_0000000000000000ff', resource_id: 'tbe_0000000000000000ff', resource_type: 'bin_entry' });
    await standalone('LONE-6');
    const voucher = await ok(api.get('/v1/vouchers/LONE-6'));
    await api.delete('/v1/vouchers/LONE-6');
    const [gone] = (await bin()).data;
    // The resource's own id does not name its entry.
    expectError(await api.delete(`/v1/trash-bin/${voucher.id}`), 404, 'not_found', 'Resource not found');
    expect((await api.delete(`/v1/trash-bin/${gone.id}`)).status).toBe(204);
    expectError(await api.delete(`/v1/trash-bin/${gone.id}`), 404, 'not_found', 'Resource not found');
  });

  it("cannot reach another tenant's entry", async () => {
    await standalone('LONE-7');
    await api.delete('/v1/vouchers/LONE-7');
    const [kept] = (await bin()).data;
    expectError(await client(app, 'bin-intruder').delete(`/v1/trash-bin/${kept.id}`), 404, 'not_found', 'Resource not found');
    expect((await bin()).data).toEqual([kept]);
  });
});

describe('deletes through the official SDK', () => {
  const { VoucherifyServerSide } = voucherifySdk;
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 7, clock: () => NOW, validateResponses: true });
  });
  afterAll(() => server.close());

  it('moves to the bin without force and deletes for good with force: true', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-bin', secretKey: 'sdk-secret', apiUrl: server.url });
    const listBin = async () => {
      const res = await fetch(`${server.url}/v1/trash-bin?limit=100`, { headers: { 'X-App-Id': 'sdk-bin', 'X-App-Token': 'sdk-secret' } });
      expect(res.status).toBe(200);
      return ((await res.json()) as Json).data.map((e: Json) => `${e.resource_type}:${e.resource_name}`);
    };
    await sdk.vouchers.create({ code: 'SDK-1', type: 'DISCOUNT_VOUCHER', discount: percentOff } as never);
    await sdk.vouchers.create({ code: 'SDK-2', type: 'DISCOUNT_VOUCHER', discount: percentOff } as never);
    await sdk.campaigns.create({ name: 'SDK Coupons', campaign_type: 'DISCOUNT_COUPONS', voucher: { type: 'DISCOUNT_VOUCHER', discount: percentOff } } as never);
    const phone = (await sdk.products.create({ source_id: 'sdk-phone', name: 'SDK Phone' })) as Json;
    await sdk.products.createSku(phone.id, { source_id: 'sdk-phone-black', sku: 'SDK Black' });

    await sdk.vouchers.delete('SDK-1');
    await sdk.vouchers.delete('SDK-2', { force: true });
    await sdk.campaigns.delete('SDK Coupons');
    await sdk.products.deleteSku(phone.id, 'sdk-phone-black');
    await sdk.products.delete('sdk-phone', { force: true });
    expect(await listBin()).toEqual(['voucher:SDK-1', 'campaign:SDK Coupons', 'sku:SDK Black']);
  });
});

describe('the bin with --db', () => {
  it('keeps its entries, and the codes they hold taken, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-voucherify-bin-'));
    const db = join(dir, 'state.json');
    const headers = { 'X-App-Id': 'bin-db', 'X-App-Token': 't', 'Content-Type': 'application/json' };
    const createVoucher = (url: string) =>
      fetch(`${url}/v1/vouchers/DB-1`, { method: 'POST', headers, body: JSON.stringify({ type: 'DISCOUNT_VOUCHER', discount: percentOff }) });
    try {
      let server = await startServer({ port: 0, seed: 3, clock: () => NOW, db });
      expect((await createVoucher(server.url)).status).toBe(200);
      expect((await fetch(`${server.url}/v1/vouchers/DB-1`, { method: 'DELETE', headers })).status).toBe(204);
      await server.close();

      server = await startServer({ port: 0, seed: 3, clock: () => NOW, db });
      const list = (await (await fetch(`${server.url}/v1/trash-bin`, { headers })).json()) as Json;
      expect(list.data).toEqual([entry({ resource_type: 'voucher', resource_name: 'DB-1', resource_id: expect.stringMatching(/^v_/), resource_parent_id: null })]);
      expect((await createVoucher(server.url)).status).toBe(409);
      expect((await fetch(`${server.url}/v1/trash-bin/${list.data[0].id}`, { method: 'DELETE', headers })).status).toBe(204);
      expect((await createVoucher(server.url)).status).toBe(200);
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
