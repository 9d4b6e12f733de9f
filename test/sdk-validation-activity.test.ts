// The official @voucherify/sdk, unpatched, against a mock on a real port: validations
// (validations.validateStackable, validations.validateVoucher) show in the customer's activity
// (customers.listActivity) as customer.validation.succeeded and customer.validation.failed.

import { sdkAgainstMock } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-validation-activity', 23);

type Body = Record<string, any>;

describe('validation activity through the SDK', () => {
  it('lists a valid stacked validation and an invalid one-voucher validation of a customer', async () => {
    const campaign = (await sdk.client.campaigns.create({
      name: 'SDK Validated Coupons',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      vouchers_count: 2,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500 } },
    } as never)) as Body;
    const listed = (await sdk.client.vouchers.list({ campaign_id: campaign.id } as never)) as Body;
    const [good, bad] = listed.vouchers as Body[];
    await sdk.client.vouchers.disable(bad.code);
    const customer = (await sdk.client.customers.create({ source_id: 'sdk-validating-customer', name: 'Validating Customer' })) as Body;

    const valid = (await sdk.client.validations.validateStackable({ redeemables: [{ object: 'voucher', id: good.code }], customer: { id: customer.id }, order: { amount: 2000 } } as never)) as Body;
    expect(valid.valid).toBe(true);
    const invalid = (await sdk.client.validations.validateVoucher(bad.code, { customer: { source_id: customer.source_id }, order: { amount: 2000 } } as never)) as Body;
    expect(invalid.valid).toBe(false);

    const activity = (await sdk.client.customers.listActivity(customer.id, { type: 'customer.validation.succeeded' } as never)) as Body;
    expect(activity.data.map((a: Body) => a.data.data.validation)).toEqual([
      expect.objectContaining({ id: valid.id, status: 'VALID', customer_id: customer.id, redeemables: [{ id: good.id, type: 'voucher' }] }),
    ]);
    const failed = (await sdk.client.customers.listActivity(customer.source_id, { type: 'customer.validation.failed' } as never)) as Body;
    expect(failed.data).toHaveLength(1);
    expect(failed.data[0].data.data).toMatchObject({
      customer: { id: customer.id, source_id: customer.source_id, object: 'customer' },
      validation: { status: 'INVALID', redeemables: [{ id: bad.id, type: 'voucher' }], inapplicable_redeemables: [{ id: bad.id, type: 'voucher' }] },
    });
  });
});
