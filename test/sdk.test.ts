// The official @voucherify/sdk, unpatched, against a mock on a real port: the flows teams run in CI.

import voucherifySdk from '@voucherify/sdk';
import { sdkAgainstMock, sdkError } from './support/sdk.js';

const { DiscountVouchersTypesEnum } = voucherifySdk;

const sdk = sdkAgainstMock('sdk-tenant', 11);

/** The SDK types a customer answer as a union that may lack fields; the mock always sends them. */
interface CustomerAnswer {
  id: string;
  source_id: string | null;
  name?: string | null;
  email?: string | null;
}
const customer = async (answer: Promise<unknown>) => (await answer) as CustomerAnswer;


describe('campaigns through the SDK', () => {
  it('creates a campaign, adds generated and certain vouchers, and reads them back', async () => {
    const campaign = await sdk.client.campaigns.create({
      name: 'SDK Spring Sale',
      campaign_type: 'DISCOUNT_COUPONS',
      type: 'AUTO_UPDATE',
      vouchers_count: 2,
      voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: DiscountVouchersTypesEnum.PERCENT, percent_off: 15 }, code_config: { pattern: 'SPRING-####', charset: '0123456789' } },
      metadata: { region: 'EMEA' },
    });
    expect(campaign).toMatchObject({ id: expect.stringMatching(/^camp_[A-Za-z0-9]{24}$/), name: 'SDK Spring Sale', campaign_type: 'DISCOUNT_COUPONS', object: 'campaign' });
    expect((await sdk.client.campaigns.get('SDK Spring Sale')).id).toBe(campaign.id);

    const added = (await sdk.client.campaigns.addVoucher('SDK Spring Sale', { metadata: { batch: 1 } })) as { code: string; campaign: string; type: string };
    expect(added).toMatchObject({ code: expect.stringMatching(/^SPRING-\d{4}$/), campaign: 'SDK Spring Sale', type: 'DISCOUNT_VOUCHER' });

    const certain = await sdk.client.campaigns.addCertainVoucher('SDK Spring Sale', 'SPRING-CERTAIN');
    expect(certain.code).toBe('SPRING-CERTAIN');
    const voucher = await sdk.client.vouchers.get('SPRING-CERTAIN');
    expect(voucher).toMatchObject({ code: 'SPRING-CERTAIN', campaign: 'SDK Spring Sale', campaign_id: campaign.id, discount: { type: DiscountVouchersTypesEnum.PERCENT, percent_off: 15 } });

    expect(await sdkError(sdk.client.campaigns.addCertainVoucher('SDK Spring Sale', 'SPRING-CERTAIN'))).toMatchObject({
      code: 409,
      key: 'duplicate_found',
      message: 'Duplicated resource found',
    });
  });

  it('adds several vouchers as an async action that is DONE', async () => {
    const answer = (await sdk.client.campaigns.addVoucher('Summer Sale 2026', {}, { vouchers_count: 3 })) as { async_action_id?: string };
    expect(answer.async_action_id).toMatch(/^aa_[0-9a-f]+$/);
    const action = await sdk.client.asyncActions.get(answer.async_action_id as string);
    expect(action).toMatchObject({ id: answer.async_action_id, status: 'DONE', object: 'async_action' });
  });

  it('reports a duplicate campaign name as the API does', async () => {
    const error = await sdkError(
      sdk.client.campaigns.create({ name: 'Summer Sale 2026', campaign_type: 'DISCOUNT_COUPONS', type: 'AUTO_UPDATE', voucher: { type: 'DISCOUNT_VOUCHER', discount: { type: DiscountVouchersTypesEnum.AMOUNT, amount_off: 100 } } }),
    );
    expect(error).toMatchObject({ code: 409, key: 'duplicate_found', message: 'Duplicated resource found' });
  });
});

describe('vouchers and customers through the SDK', () => {
  it('answers a missing voucher with the API error', async () => {
    expect(await sdkError(sdk.client.vouchers.get('NO-SUCH-CODE'))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find voucher with id NO-SUCH-CODE',
    });
  });

  it('creates, reads and updates a customer', async () => {
    const created = await customer(sdk.client.customers.create({ source_id: 'sdk-customer', name: 'Sam SDK', email: 'sam@example.com' }));
    expect(created).toMatchObject({ id: expect.stringMatching(/^cust_/), source_id: 'sdk-customer', name: 'Sam SDK', object: 'customer' });
    expect((await customer(sdk.client.customers.get('sdk-customer'))).id).toBe(created.id);
    const updated = await customer(sdk.client.customers.update({ source_id: 'sdk-customer', name: 'Samantha SDK' }));
    expect(updated).toMatchObject({ id: created.id, name: 'Samantha SDK', email: 'sam@example.com' });
    expect((await customer(sdk.client.customers.get(created.id))).name).toBe('Samantha SDK');
  });
});

describe('publications through the SDK', () => {
  it('publishes a code from a campaign and makes the customer its holder', async () => {
    const publication = await sdk.client.distributions.publications.create({
      campaign: { name: 'Summer Sale 2026' },
      customer: { source_id: 'sdk-buyer', email: 'buyer@example.com' },
      channel: 'API',
    });
    expect(publication).toMatchObject({ id: expect.stringMatching(/^pub_/), object: 'publication', result: 'SUCCESS' });
    const code = (publication as unknown as { voucher: { code: string } }).voucher.code;
    const voucher = await sdk.client.vouchers.get(code);
    const buyer = await customer(sdk.client.customers.get('sdk-buyer'));
    expect(voucher).toMatchObject({ holder_id: buyer.id, publish: { count: 1 } });
  });

  it('publishing a referral code makes the customer its REFERRER, seen by the referral endpoints', async () => {
    await sdk.client.distributions.publications.create({ voucher: 'REF-FREE0002', customer: { source_id: 'sdk-referrer' } });
    const res = await fetch(`${sdk.server.url}/v1/referrals/members/REF-FREE0002/holders`, { headers: { 'X-App-Id': 'sdk-tenant', 'X-App-Token': 'sdk-secret' } });
    const holders = (await res.json()) as { data: { holder_role: string; customer_id: string }[] };
    const referrer = await customer(sdk.client.customers.get('sdk-referrer'));
    expect(holders.data).toEqual([expect.objectContaining({ holder_role: 'REFERRER', customer_id: referrer.id })]);
  });

  it('refuses to publish a voucher twice', async () => {
    await sdk.client.distributions.publications.create({ voucher: 'SUMMER-B4X8P1', customer: { source_id: 'first-owner' } });
    const error = await sdkError(sdk.client.distributions.publications.create({ voucher: 'SUMMER-B4X8P1', customer: { source_id: 'second-owner' } }));
    expect(error).toMatchObject({ code: 400, key: 'voucher_already_published' });
  });
});

describe('loyalty through the SDK', () => {
  it('creates a program, enrols a member, reads and lists members, and moves points', async () => {
    const program = await sdk.client.loyalties.create({
      name: 'SDK Rewards',
      type: 'AUTO_UPDATE',
      vouchers_count: 1,
      voucher: { type: 'LOYALTY_CARD', loyalty_card: { points: 0 }, code_config: { pattern: 'SDKLC-####' } },
    });
    expect(program).toMatchObject({ id: expect.stringMatching(/^camp_/), name: 'SDK Rewards', campaign_type: 'LOYALTY_PROGRAM' });

    const card = await sdk.client.loyalties.createMember(program.id, { customer: { source_id: 'sdk-member', name: 'Mia Member' }, metadata: { joined_via: 'sdk' } });
    const member = await customer(sdk.client.customers.get('sdk-member'));
    expect(card).toMatchObject({ code: expect.stringMatching(/^SDKLC-/), type: 'LOYALTY_CARD', holder_id: member.id, is_referral_code: false, loyalty_card: { points: 0, balance: 0 } });

    expect((await sdk.client.loyalties.getMember(program.id, card.code)).code).toBe(card.code);
    expect((await sdk.client.loyalties.getMember(null, card.code)).code).toBe(card.code);
    const members = await sdk.client.loyalties.listMembers(program.id);
    expect(members.vouchers.map((v: { code: string }) => v.code)).toContain(card.code);

    // `total` counts the points a card ever earned; `balance` is what is left to spend.
    const added = await sdk.client.loyalties.addOrRemoveCardBalance(card.code, { points: 120 }, program.id);
    expect(added).toMatchObject({ points: 120, total: 120, balance: 120, type: 'loyalty_card', object: 'balance' });
    const removed = await sdk.client.loyalties.addOrRemoveCardBalance(card.code, { points: -20 });
    expect(removed).toMatchObject({ total: 120, balance: 100 });
    expect((await sdk.client.loyalties.getMember(program.id, card.code)).loyalty_card).toMatchObject({ points: 120, balance: 100 });

    const error = await sdkError(sdk.client.loyalties.addOrRemoveCardBalance(card.code, { points: -500 }, program.id));
    expect(error.code).toBe(400);
    expect((await sdk.client.loyalties.getMember(program.id, card.code)).loyalty_card).toMatchObject({ balance: 100 });
  });

  it('answers an unknown program with 404 campaign', async () => {
    expect(await sdkError(sdk.client.loyalties.createMember('camp_nope', { customer: { source_id: 'x' } }))).toMatchObject({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find campaign with id camp_nope',
    });
  });
});

describe('gift card balances through the SDK', () => {
  it('adds and takes credits with vouchers.balance.create and lists the transactions', async () => {
    const card = await sdk.client.vouchers.create({ code: 'SDK-GIFT', type: 'GIFT_VOUCHER', gift: { amount: 10000, balance: 10000 } });
    const added = await sdk.client.vouchers.balance.create('SDK-GIFT', { amount: 2500 });
    expect(added).toEqual({
      amount: 2500,
      total: 12500,
      balance: 12500,
      type: 'gift_voucher',
      operation_type: 'MANUAL',
      object: 'balance',
      related_object: { type: 'voucher', id: card.id },
    });
    expect(await sdk.client.vouchers.balance.create('SDK-GIFT', { amount: -500 })).toMatchObject({ total: 12000, balance: 12000 });
    expect((await sdk.client.vouchers.get('SDK-GIFT')).gift).toMatchObject({ amount: 12500, balance: 12000 });

    const newest = await sdk.client.vouchers.listTransactions('SDK-GIFT', { limit: 1 });
    expect(newest).toMatchObject({ object: 'list', data_ref: 'data', has_more: true });
    expect(newest.data.map((t) => t.type)).toEqual(['CREDITS_REMOVAL']);
    const rest = await sdk.client.vouchers.listTransactions('SDK-GIFT', { limit: 1, starting_after_id: newest.more_starting_after });
    expect(rest.data.map((t) => t.type)).toEqual(['CREDITS_ADDITION']);
    expect(rest.has_more).toBe(false);
  });

  it('answers the API errors: more than the balance, a discount voucher, an unknown code', async () => {
    await sdk.client.vouchers.create({ code: 'SDK-GIFT-2', type: 'GIFT_VOUCHER', gift: { amount: 1000, balance: 1000 } });
    expect(await sdkError(sdk.client.vouchers.balance.create('SDK-GIFT-2', { amount: -1001 }))).toMatchObject({ code: 400, key: 'insufficient_card_balance' });
    expect(await sdkError(sdk.client.vouchers.balance.create('SUMMER-Q7K2M9', { amount: 100 }))).toMatchObject({ code: 400, key: 'invalid_voucher' });
    expect(await sdkError(sdk.client.vouchers.balance.create('SDK-NOPE', { amount: 100 }))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find voucher with id SDK-NOPE',
    });
  });
});

describe('orders through the SDK', () => {
  it('creates, reads, updates and lists orders', async () => {
    const order = await sdk.client.orders.create({
      source_id: 'sdk-order-1',
      status: 'CREATED',
      customer: { source_id: 'sdk-shopper' },
      items: [{ product_id: 'prod_sdk_a', quantity: 2, price: 1500 }, { sku_id: 'sku_sdk_b', quantity: 1, price: 700 }],
      metadata: { channel: 'web' },
    });
    expect(order).toMatchObject({ id: expect.stringMatching(/^ord_/), source_id: 'sdk-order-1', status: 'CREATED', amount: 3700, total_amount: 3700, object: 'order' });
    expect(await sdk.client.orders.get('sdk-order-1')).toMatchObject({ id: order.id, amount: 3700 });

    const updated = await sdk.client.orders.update({ id: order.id as string, status: 'PAID', metadata: { channel: 'web', paid: true } });
    expect(updated).toMatchObject({ id: order.id, status: 'PAID', metadata: { channel: 'web', paid: true }, amount: 3700 });

    await sdk.client.orders.create({ amount: 900 });
    const list = await sdk.client.orders.list({ limit: 1 });
    expect(list).toMatchObject({ object: 'list', data_ref: 'orders', total: 2 });
    expect(list.orders).toHaveLength(1);
    expect(await sdkError(sdk.client.orders.get('sdk-missing'))).toMatchObject({ code: 404, key: 'not_found', details: 'Cannot find order with id sdk-missing' });
  });
});

describe('validations through the SDK', () => {
  it('validates a stack and a single voucher', async () => {
    await sdk.client.vouchers.create({ code: 'SDK-TEN', type: 'DISCOUNT_VOUCHER', discount: { type: DiscountVouchersTypesEnum.PERCENT, percent_off: 10 } });
    const stack = await sdk.client.validations.validateStackable({
      redeemables: [{ object: 'voucher', id: 'SDK-TEN' }],
      order: { items: [{ product_id: 'prod_sdk', quantity: 3, price: 1000 }] },
      customer: { source_id: 'sdk-shopper' },
    });
    expect(stack).toMatchObject({ valid: true, order: { amount: 3000, discount_amount: 300, total_amount: 2700 } });
    expect(stack.redeemables?.[0]).toMatchObject({ status: 'APPLICABLE', id: 'SDK-TEN', object: 'voucher' });

    const single = (await sdk.client.validations.validateVoucher('SDK-TEN', { order: { amount: 5000 } })) as { valid: boolean; order?: { total_amount?: number } };
    expect(single).toMatchObject({ valid: true, order: { total_amount: 4500 } });
    const unknown = (await sdk.client.validations.validateVoucher('SDK-NOPE', {})) as { valid: boolean; error?: { key?: string } };
    expect(unknown).toMatchObject({ valid: false, error: { key: 'not_found' } });
  });
});

describe('the checkout through the SDK', () => {
  // The SDK's types ask for fields the API does not need (a gift's balance, a customer's id and
  // object); the requests below send what integrations send.
  const sent = <T>(value: unknown) => value as T;

  it('validateStackable → redeemStackable → redemptions.get / list → rollbackStackable', async () => {
    await sdk.client.vouchers.create({ code: 'SDK-STACK-10', type: 'DISCOUNT_VOUCHER', discount: { type: DiscountVouchersTypesEnum.PERCENT, percent_off: 10 } });
    await sdk.client.vouchers.create({ code: 'SDK-GIFT', type: 'GIFT_VOUCHER', gift: sent<{ amount: number; balance: number }>({ amount: 2000 }) });
    const request = {
      redeemables: [
        { object: 'voucher' as const, id: 'SDK-STACK-10' },
        { object: 'voucher' as const, id: 'SDK-GIFT', gift: { credits: 500 } },
      ],
      order: { source_id: 'sdk-cart-1', items: [{ product_id: 'prod_sdk', quantity: 2, price: 5000 }] },
      customer: { source_id: 'sdk-buyer' },
    };
    const validation = await sdk.client.validations.validateStackable(request);
    expect(validation).toMatchObject({ valid: true, order: { amount: 10000, total_amount: 8500 } });

    const redeemed = await sdk.client.redemptions.redeemStackable(request);
    expect(redeemed.order).toMatchObject({ source_id: 'sdk-cart-1', status: 'PAID', amount: 10000, discount_amount: 1500, total_amount: 8500 });
    expect(redeemed.redemptions).toHaveLength(2);
    const parentId = redeemed.parent_redemption.id;

    expect(await sdk.client.redemptions.get(parentId)).toMatchObject({ id: parentId, result: 'SUCCESS', status: 'SUCCEEDED' });
    const list = await sdk.client.redemptions.list({ limit: 10 });
    expect(list).toMatchObject({ object: 'list', data_ref: 'redemptions', total: 3 });
    expect((await sdk.client.vouchers.get('SDK-GIFT')).gift).toMatchObject({ balance: 1500 });

    const rolledBack = await sdk.client.redemptions.rollbackStackable(parentId, {}, { reason: 'sdk test' });
    expect(rolledBack.rollbacks).toHaveLength(2);
    expect(rolledBack.parent_rollback).toMatchObject({ redemption: parentId, result: 'SUCCESS' });
    expect(rolledBack.order).toMatchObject({ status: 'CANCELED', total_amount: 10000 });
    expect((await sdk.client.vouchers.get('SDK-GIFT')).gift).toMatchObject({ balance: 2000 });
  });

  it('validateVoucher → redeem → rollback, and the refusals as SDK errors', async () => {
    await sdk.client.vouchers.create({ code: 'SDK-FIVE', type: 'DISCOUNT_VOUCHER', discount: { type: DiscountVouchersTypesEnum.AMOUNT, amount_off: 500 }, redemption: { quantity: 1 } });
    const validation = (await sdk.client.validations.validateVoucher('SDK-FIVE', { order: { amount: 3000 } })) as { valid: boolean };
    expect(validation.valid).toBe(true);

    const redemption = await sdk.client.redemptions.redeem('SDK-FIVE', { order: { amount: 3000 }, customer: sent({ source_id: 'sdk-single' }) });
    expect(redemption).toMatchObject({ result: 'SUCCESS', order: { status: 'PAID', discount_amount: 500, total_amount: 2500 }, voucher: { code: 'SDK-FIVE' } });
    expect(await sdkError(sdk.client.redemptions.redeem('SDK-FIVE', { order: { amount: 3000 } }))).toMatchObject({
      code: 400,
      key: 'quantity_exceeded',
      message: 'quantity exceeded',
      details: 'SDK-FIVE',
    });

    const rollback = await sdk.client.redemptions.rollback(redemption.id, { reason: 'changed mind', customer: sent({ source_id: 'sdk-single' }) });
    expect(rollback).toMatchObject({ object: 'redemption_rollback', redemption: redemption.id, reason: 'changed mind', result: 'SUCCESS' });
    expect(await sdkError(sdk.client.redemptions.rollback(redemption.id))).toMatchObject({ code: 400, key: 'already_rolled_back', message: 'Already rolled back' });
    expect((await sdk.client.redemptions.getForVoucher('SDK-FIVE')).redeemed_quantity).toBe(0);
  });
});
