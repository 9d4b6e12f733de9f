// Vouchers' metadata in bulk: POST /v1/vouchers/bulk/async (per code) and POST
// /v1/vouchers/metadata/async (the same keys on a list of codes), over HTTP and through the SDK.

import voucherifySdk from '@voucherify/sdk';
import { startServer, type RunningServer } from '../src/index.js';
import { client, expectError, recordAnswers, testApp, type Agent } from './helpers.js';

type Json = Record<string, any>;

let api: Agent;

beforeEach(async () => {
  api = client(await testApp());
});

async function accepted(response: PromiseLike<{ status: number; body: Json }>): Promise<Json> {
  const res = await response;
  expect({ status: res.status, keys: Object.keys(res.body) }).toEqual({ status: 202, keys: ['async_action_id'] });
  const action = await api.get(`/v1/async-actions/${res.body.async_action_id}`);
  expect(action.status).toBe(200);
  return action.body;
}

const voucher = (code: string, metadata: Json = {}) =>
  api.post(`/v1/vouchers/${code}`, { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10 }, metadata });
const metadataOf = async (code: string) => (await api.get(`/v1/vouchers/${code}`)).body.metadata;

describe('POST /v1/vouchers/bulk/async', () => {
  it("sets each code's keys (the official example), keeping the voucher's other keys", async () => {
    await voucher('example_code', { lang: 'de', kept: 1 });
    await voucher('example_code2');
    const action = await accepted(
      api.post('/v1/vouchers/bulk/async', [
        { code: 'example_code', metadata: { lang: 'en', test: false, MetadataTest: 'Update metadata', update_value: 1, next_update_date: '2022-11-11T09:00:00.000Z' } },
        { code: 'example_code2', metadata: { lang: 'pl', test: false, MetadataTest: 'Update metadata', update_value: 2 } },
      ]),
    );
    expect(action).toMatchObject({ type: 'VOUCHERS.BULK_UPDATE', status: 'DONE', result: { done_count: 2, failed_count: 0, errors: [] } });
    expect(await metadataOf('example_code')).toEqual({ lang: 'en', kept: 1, test: false, MetadataTest: 'Update metadata', update_value: 1, next_update_date: '2022-11-11T09:00:00.000Z' });
    expect(await metadataOf('example_code2')).toEqual({ lang: 'pl', test: false, MetadataTest: 'Update metadata', update_value: 2 });
  });

  it('creates no voucher for an unknown code: it is an error of the action, the others are updated', async () => {
    await voucher('KNOWN');
    const action = await accepted(api.post('/v1/vouchers/bulk/async', [{ code: 'KNOWN', metadata: { a: 1 } }, { code: 'NO-SUCH-CODE', metadata: { a: 1 } }]));
    expect(action.result).toEqual({
      done_count: 1,
      failed_count: 1,
      errors: [{ message: 'Resource not found', details: 'Cannot find voucher with id NO-SUCH-CODE', key: 'not_found', code: 'NO-SUCH-CODE' }],
      // No report files: the list is empty, with the week Voucherify keeps them.
      reports: [],
      reports_available_till: '2026-11-29T12:00:00.000Z',
    });
    expect(await metadataOf('KNOWN')).toEqual({ a: 1 });
    expectError(await api.get('/v1/vouchers/NO-SUCH-CODE'), 404, 'not_found', 'Resource not found');
  });

  it('answers 400 for an entry without metadata, and changes nothing', async () => {
    await voucher('KNOWN', { a: 1 });
    const res = await api.post('/v1/vouchers/bulk/async', [{ code: 'KNOWN', metadata: { a: 2 } }, { code: 'KNOWN' }]);
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Property [1] must have required property 'metadata'");
    expect(await metadataOf('KNOWN')).toEqual({ a: 1 });
  });
});

describe('POST /v1/vouchers/metadata/async', () => {
  it('sets the same keys on every code (the official example)', async () => {
    await voucher('PROMO-CODE810', { lang: 'pl', x: true });
    await voucher('PROMO-CODE726');
    const action = await accepted(api.post('/v1/vouchers/metadata/async', { codes: ['PROMO-CODE810', 'PROMO-CODE726'], metadata: { lang: 'en', authorized_internally: true } }));
    expect(action).toMatchObject({ type: 'VOUCHERS.METADATA_UPDATE', status: 'DONE', result: { done_count: 2, failed_count: 0, errors: [] } });
    expect(await metadataOf('PROMO-CODE810')).toEqual({ lang: 'en', x: true, authorized_internally: true });
    expect(await metadataOf('PROMO-CODE726')).toEqual({ lang: 'en', authorized_internally: true });
  });

  it('answers 400 without codes', async () => {
    const res = await api.post('/v1/vouchers/metadata/async', { metadata: { a: 1 } });
    expect(expectError(res, 400, 'invalid_payload', 'Invalid payload').details).toBe("Payload must have required property 'codes'");
  });
});

describe('through the SDK', () => {
  const { VoucherifyServerSide } = voucherifySdk;
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 32, validateResponses: true, ...recordAnswers() });
  });
  afterAll(() => server.close());

  it('vouchers.bulkUpdate and bulkUpdateMetadata', async () => {
    const sdk = VoucherifyServerSide({ applicationId: 'sdk-vouchers-bulk', secretKey: 'sdk-secret', apiUrl: server.url });
    await sdk.vouchers.create({ code: 'SDK-BULK-1', type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 100 } } as never);
    const perCode = await sdk.vouchers.bulkUpdate([{ code: 'SDK-BULK-1', metadata: { one: 1 } }]);
    expect(perCode.async_action_id).toMatch(/^aa_/);
    const same = await sdk.vouchers.bulkUpdateMetadata({ codes: ['SDK-BULK-1'], metadata: { two: 2 } });
    expect(same.async_action_id).toMatch(/^aa_/);
    expect((await sdk.vouchers.get('SDK-BULK-1')).metadata).toEqual({ one: 1, two: 2 });
  });
});
