// The official @voucherify/sdk, unpatched, against a mock on a real port: distributions.exports.create, get,
// list and delete, vouchers.exportTransactions and loyalties.exportCardTransactions; each file
// fetched from its result.url with no credentials, as a client hands the link on.

import { sdkAgainstMock, sdkError } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-exports', 17);

type Json = Record<string, any>;

/** The file behind an export's link, fetched as a browser would: no keys, only the link's token. */
async function fetchFile(exportId: string): Promise<string> {
  const shown = (await sdk.client.distributions.exports.get(exportId)) as Json;
  expect(shown).toMatchObject({ id: exportId, status: 'DONE', result: { url: expect.stringMatching(new RegExp(`^${sdk.server.url}/v1/exports/${exportId}\\?token=`)) } });
  const res = await fetch(shown.result.url);
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
  return res.text();
}

describe('exports through the SDK', () => {
  it('creates, reads, lists and deletes an export, and its link serves the file', async () => {
    await sdk.client.customers.create({ source_id: 'sdk-export-1', name: 'First' });
    await sdk.client.customers.create({ source_id: 'sdk-export-2', name: 'Second' });
    const created = (await sdk.client.distributions.exports.create({
      exported_object: 'customer',
      parameters: { fields: ['source_id', 'name'], order: 'source_id', filters: { source_id: { conditions: { $starts_with: ['sdk-export-'] } } } },
    } as never)) as Json;
    expect(created).toMatchObject({ id: expect.stringMatching(/^exp_/), object: 'export', status: 'SCHEDULED', exported_object: 'customer', result: null, user_id: null });
    expect(await fetchFile(created.id)).toBe('source_id,name\r\nsdk-export-1,First\r\nsdk-export-2,Second\r\n');
    const listed = (await sdk.client.distributions.exports.list()) as Json;
    expect(listed).toMatchObject({ object: 'list', data_ref: 'exports', total: 1, exports: [expect.objectContaining({ id: created.id, status: 'DONE' })] });
    await sdk.client.distributions.exports.delete(created.id);
    expect(await sdkError(sdk.client.distributions.exports.get(created.id))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: `Cannot find export with id ${created.id}`,
    });
  });

  it('refuses a field the object does not have', async () => {
    expect(await sdkError(sdk.client.distributions.exports.create({ exported_object: 'order', parameters: { fields: ['code'] } } as never))).toEqual({
      code: 400,
      key: 'invalid_export_fields',
      message: 'Invalid Export',
      details: 'Unsupported field used. Allowed fields: id, source_id, created_at, updated_at, status, amount, discount_amount, items_discount_amount, total_discount_amount, total_amount, customer_id, referrer_id, metadata',
    });
  });

  it("exports a gift card's and a loyalty card's transactions", async () => {
    await sdk.client.vouchers.create({ code: 'SDK-GIFT', type: 'GIFT_VOUCHER', gift: { amount: 3000 } } as never);
    await sdk.client.vouchers.balance.create('SDK-GIFT', { amount: 500 } as never);
    const gift = (await sdk.client.vouchers.exportTransactions('SDK-GIFT', { parameters: { fields: ['type', 'amount', 'balance'] } } as never)) as Json;
    expect(gift.parameters.filters).toEqual({ voucher_id: { conditions: { $in: ['SDK-GIFT'] } } });
    expect(await fetchFile(gift.id)).toBe('type,amount,balance\r\nCREDITS_ADDITION,500,3500\r\n');

    const program = (await sdk.client.loyalties.create({ name: 'SDK export club', vouchers_count: 1, voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 } } } as never)) as Json;
    const member = (await sdk.client.loyalties.createMember(program.id, { customer: { source_id: 'sdk-export-member' } } as never)) as Json;
    await sdk.client.loyalties.addOrRemoveCardBalance(member.code, { points: 75 } as never);
    for (const campaignId of [null, program.id]) {
      const card = (await sdk.client.loyalties.exportCardTransactions(member.code, campaignId, { parameters: { fields: ['voucher_id', 'type', 'amount'] } } as never)) as Json;
      expect(await fetchFile(card.id)).toBe(`voucher_id,type,amount\r\n${member.id},POINTS_ADDITION,75\r\n`);
    }
  });
});
