// The official @voucherify/sdk, unpatched, against a mock on a real port: validation rules and
// their assignments (validationRules.*), and a rule obeyed by validations.validateStackable.

import { sdkAgainstMock, sdkError } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-validation-rules', 11);

/** A rule that holds for orders of more than `cents`. */
const amountOver = (cents: number, message?: string) => ({
  name: `Over ${cents}`,
  rules: { '1': { name: 'order.amount', conditions: { $more_than: [cents] }, rules: {} }, logic: '1' },
  ...(message ? { error: { message } } : {}),
});

const givenVoucher = (code: string) =>
  sdk.client.vouchers.create({ code, type: 'DISCOUNT_VOUCHER', discount: { type: 'AMOUNT', amount_off: 500, effect: 'APPLY_TO_ORDER' } } as never) as Promise<{ id: string; code: string }>;

describe('validation rules through the SDK', () => {
  it('creates, reads, updates, lists and deletes a rule', async () => {
    const created = await sdk.client.validationRules.create(amountOver(5000, 'Spend more than 50.00'));
    expect(created).toMatchObject({ id: expect.stringMatching(/^val_/), name: 'Over 5000', error: { message: 'Spend more than 50.00' }, object: 'validation_rules' });
    expect(created.rules).toMatchObject({ '1': { name: 'order.amount', conditions: { $more_than: [5000] } }, logic: '1' });

    const read = await sdk.client.validationRules.get(created.id);
    expect(read).toMatchObject({ id: created.id, name: 'Over 5000', object: 'validation_rules' });

    const updated = await sdk.client.validationRules.update({ id: created.id, name: 'Big orders', error: { message: 'Too small' } });
    expect(updated).toMatchObject({ id: created.id, name: 'Big orders', error: { message: 'Too small' }, updated_at: expect.any(String) });
    expect((await sdk.client.validationRules.get(created.id)).name).toBe('Big orders');

    const other = await sdk.client.validationRules.create(amountOver(100));
    const listed = await sdk.client.validationRules.list({ limit: 10 });
    expect(listed).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(listed.data.map((rule) => rule.id)).toEqual([other.id, created.id]);
    expect((await sdk.client.validationRules.list({ limit: 1, page: 2 })).data.map((rule) => rule.id)).toEqual([created.id]);

    await sdk.client.validationRules.delete(created.id);
    expect(await sdkError(sdk.client.validationRules.get(created.id))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: `Cannot find validation_rules with id ${created.id}`,
    });
    expect((await sdk.client.validationRules.list()).data.map((rule) => rule.id)).toEqual([other.id]);
  });

  it('refuses a rule name it cannot evaluate', async () => {
    const error = await sdkError(sdk.client.validationRules.create({ name: 'Odd', rules: { '1': { name: 'order.nonsense', conditions: { $is: [1] }, rules: {} }, logic: '1' } }));
    expect(error).toMatchObject({ code: 400, key: 'invalid_validation_rules' });
    expect(error.details).toContain('order.nonsense');
    expect((await sdk.client.validationRules.list()).total).toBe(0);
  });

  // The SDK names the object as { voucher } or { campaign } (not related_object_type/_id): the mock takes both forms.
  it('assigns a rule to a voucher and a campaign, lists the assignments and removes one', async () => {
    const rule = await sdk.client.validationRules.create(amountOver(5000));
    const voucher = await givenVoucher('SDK-RULES-1');
    const campaign = (await sdk.client.campaigns.create({
      name: 'SDK rules campaign',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'STATIC',
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: 'PERCENT', percent_off: 10, effect: 'APPLY_TO_ORDER' } },
    } as never)) as { id: string };

    const toVoucher = await sdk.client.validationRules.createAssignment(rule.id, { voucher: voucher.code });
    expect(toVoucher).toMatchObject({ id: expect.stringMatching(/^asgm_/), rule_id: rule.id, related_object_id: voucher.id, related_object_type: 'voucher', object: 'validation_rules_assignment' });
    const toCampaign = await sdk.client.validationRules.createAssignment(rule.id, { campaign: campaign.id });
    expect(toCampaign).toMatchObject({ rule_id: rule.id, related_object_id: campaign.id, related_object_type: 'campaign' });

    const listed = await sdk.client.validationRules.listAssignments(rule.id);
    expect(listed).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(listed.data.map((a) => a.id).sort()).toEqual([toVoucher.id, toCampaign.id].sort());
    const ofVoucher = await sdk.client.validationRules.listRulesAssignments({ related_object_id: voucher.id });
    expect(ofVoucher.data.map((a) => a.id)).toEqual([toVoucher.id]);
    expect((await sdk.client.validationRules.get(rule.id)).assignments_count).toBe(2);

    await sdk.client.validationRules.deleteAssignment(rule.id, toVoucher.id);
    expect((await sdk.client.validationRules.listAssignments(rule.id)).data.map((a) => a.id)).toEqual([toCampaign.id]);
    expect(await sdkError(sdk.client.validationRules.deleteAssignment(rule.id, toVoucher.id))).toMatchObject({ code: 404, key: 'not_found' });
    expect(await sdkError(sdk.client.validationRules.createAssignment(rule.id, { voucher: 'NO-SUCH-CODE' }))).toMatchObject({ code: 404, key: 'not_found' });
    expect(await sdkError(sdk.client.validationRules.createAssignment(rule.id, {}))).toMatchObject({ code: 400, key: 'invalid_payload' });
    expect((await sdk.client.validationRules.listAssignments(rule.id)).total).toBe(1);
  });

  it('validateStackable refuses a voucher whose rule does not hold, with the rule’s error, and accepts it when it holds', async () => {
    const rule = await sdk.client.validationRules.create(amountOver(5000, 'Spend more than 50.00'));
    const voucher = await givenVoucher('SDK-RULES-2');
    await sdk.client.validationRules.createAssignment(rule.id, { voucher: voucher.code });

    const refused = (await sdk.client.validations.validateStackable({ redeemables: [{ object: 'voucher', id: voucher.code }], order: { amount: 4000 } })) as any;
    expect(refused.valid).toBe(false);
    expect(refused.redeemables[0]).toMatchObject({ status: 'INAPPLICABLE', id: voucher.code, object: 'voucher' });
    expect(refused.redeemables[0].result.error).toMatchObject({
      code: 400,
      key: 'order_rules_violated',
      message: 'Spend more than 50.00',
      details: `Discount Coupon cannot be redeemed because of violated validation rules: ${rule.id}`,
    });

    const accepted = (await sdk.client.validations.validateStackable({ redeemables: [{ object: 'voucher', id: voucher.code }], order: { amount: 6000 } })) as any;
    expect(accepted.valid).toBe(true);
    expect(accepted.order).toMatchObject({ amount: 6000, discount_amount: 500, total_amount: 5500 });
  });
});
