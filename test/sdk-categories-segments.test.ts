// The official @voucherify/sdk, unpatched, against a mock on a real port: categories.* and segments.*.

import voucherifySdk from '@voucherify/sdk';
import { sdkAgainstMock, sdkError, type Client } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-tenant', 12);


describe('categories through the SDK', () => {
  it('creates, lists, reads, updates and deletes categories', async () => {
    const first = await sdk.client.categories.create({ name: 'SDK First', hierarchy: 1 });
    expect(first).toMatchObject({ id: expect.stringMatching(/^cat_[0-9a-f]{18}$/), name: 'SDK First', hierarchy: 1, object: 'category' });
    const second = await sdk.client.categories.create({ name: 'SDK Second', hierarchy: 2 });
    expect(await sdk.client.categories.list()).toMatchObject({ object: 'list', data_ref: 'data', data: [second, first], total: 2 });
    expect(await sdk.client.categories.get(first.id)).toEqual(first);
    const updated = await sdk.client.categories.update(first.id, { name: 'SDK Renamed', hierarchy: 3 });
    expect(updated).toMatchObject({ id: first.id, name: 'SDK Renamed', hierarchy: 3, updated_at: expect.any(String) });
    await sdk.client.categories.delete(second.id);
    expect(await sdkError(sdk.client.categories.get(second.id))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: `Cannot find category with id ${second.id}`,
    });
    expect(await sdkError(sdk.client.categories.create({ name: 'SDK Renamed', hierarchy: 1 }))).toMatchObject({ code: 409, key: 'duplicate_found' });
  });

  it('puts a voucher and a campaign in a category', async () => {
    const category = await sdk.client.categories.create({ name: 'SDK Seasonal', hierarchy: 1 });
    const campaign = await sdk.client.campaigns.create({
      name: 'SDK Categorised',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      category_id: category.id,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: voucherifySdk.DiscountVouchersTypesEnum.AMOUNT, amount_off: 100 } },
    } as Parameters<Client['campaigns']['create']>[0]);
    expect(campaign).toMatchObject({ category: 'SDK Seasonal', category_id: category.id, categories: [category] });
    await sdk.client.vouchers.create({ code: 'SDK-CAT-1', type: 'DISCOUNT_VOUCHER', discount: { type: voucherifySdk.DiscountVouchersTypesEnum.AMOUNT, amount_off: 100 }, category: 'SDK Seasonal' });
    expect(await sdk.client.vouchers.get('SDK-CAT-1')).toMatchObject({ category: 'SDK Seasonal', category_id: category.id, categories: [category] });
  });
});

describe('segments through the SDK', () => {
  it('creates static and auto-update segments, reads and deletes them, and lists a customer’s', async () => {
    const ann = (await sdk.client.customers.create({ source_id: 'sdk-ann', metadata: { tier: 'gold' } })) as { id: string };
    const picked = await sdk.client.segments.create({ name: 'SDK Picked', type: 'static', customers: [ann.id] });
    expect(picked).toMatchObject({ id: expect.stringMatching(/^seg_/), name: 'SDK Picked', type: 'static', filter: null, object: 'segment' });
    const gold = await sdk.client.segments.create({ name: 'SDK Gold', type: 'auto-update', filter: { junction: 'AND', 'metadata.tier': { conditions: { $is: 'gold' } } } });
    expect(gold).toMatchObject({ type: 'auto-update', filter: { junction: 'AND', 'metadata.tier': { conditions: { $is: 'gold' } } } });
    expect(await sdk.client.segments.get(gold.id)).toEqual(gold);

    expect(await sdk.client.segments.list('sdk-ann')).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [
        { id: picked.id, name: 'SDK Picked', object: 'segment' },
        { id: gold.id, name: 'SDK Gold', object: 'segment' },
      ],
      total: 2,
    });
    await sdk.client.customers.update({ id: ann.id, metadata: { tier: 'silver' } });
    expect((await sdk.client.segments.list(ann.id)).data.map((s) => s.name)).toEqual(['SDK Picked']);

    await sdk.client.segments.delete(picked.id);
    expect(await sdkError(sdk.client.segments.get(picked.id))).toMatchObject({ code: 404, key: 'not_found', details: `Cannot find segment with id ${picked.id}` });
    expect(await sdk.client.segments.list(ann.id)).toMatchObject({ data: [], total: 0 });
  });

  it('refuses a filter condition the mock does not know', async () => {
    const error = await sdkError(sdk.client.segments.create({ name: 'SDK Bad', type: 'auto-update', filter: { birthdate: { conditions: { $next_fortnight: [true] } } } }));
    expect(error).toMatchObject({ code: 400, key: 'invalid_payload', message: 'Invalid payload', details: expect.stringMatching(/^Unknown condition \$next_fortnight in filter\.birthdate/) });
  });
});
