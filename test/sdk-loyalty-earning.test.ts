// The official @voucherify/sdk, unpatched, against a mock on a real port: a loyalty program's
// earning rules (loyalties.*EarningRule*) and custom events (events.create) that earn by them.

import { sdkAgainstMock, sdkError } from './support/sdk.js';

const sdk = sdkAgainstMock('sdk-loyalty-earning', 12);

const CLUB = 'camp_fhQNB9reosfhypnXLDn8S9wP';
const BOB_CARD = 'LC-00000004';

describe('earning rules through the SDK', () => {
  it('creates, lists, reads, updates, disables, enables and deletes rules', async () => {
    const created = await sdk.client.loyalties.createEarningRule(CLUB, [
      { event: 'order.paid', loyalty: { type: 'FIXED', points: 20 }, source: { banner: 'Order paid' } } as never,
      { event: 'order.paid', loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_AMOUNT', order: { amount: { every: 1000, points: 1 } } } } as never,
    ]);
    expect(created).toHaveLength(2);
    expect(created[0]).toMatchObject({ id: expect.stringMatching(/^ern_/), event: 'order.paid', loyalty: { type: 'FIXED', points: 20 }, active: true, object: 'earning_rule' });
    const [fixed, proportional] = created;

    const listed = await sdk.client.loyalties.listEarningRules(CLUB, { limit: 10 });
    expect(listed).toMatchObject({ object: 'list', data_ref: 'data', total: 2 });
    expect(listed.data.map((rule) => rule.id).sort()).toEqual([fixed.id, proportional.id].sort());

    expect(await sdk.client.loyalties.getEarningRule(CLUB, fixed.id)).toEqual(fixed);
    const updated = await sdk.client.loyalties.updateEarningRule(CLUB, { id: fixed.id, loyalty: { type: 'FIXED', points: 25 }, source: { banner: 'Now 25' } } as never);
    expect(updated).toMatchObject({ id: fixed.id, loyalty: { type: 'FIXED', points: 25 }, source: { banner: 'Now 25', object_id: CLUB }, updated_at: expect.any(String) });

    expect(await sdk.client.loyalties.disableEarningRule(CLUB, fixed.id)).toMatchObject({ id: fixed.id, active: false });
    expect(await sdk.client.loyalties.enableEarningRule(CLUB, fixed.id)).toMatchObject({ id: fixed.id, active: true });

    await sdk.client.loyalties.deleteEarningRule(CLUB, proportional.id);
    expect(await sdkError(sdk.client.loyalties.getEarningRule(CLUB, proportional.id))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: `Cannot find earning_rule with id ${proportional.id}`,
    });
  });

  it('refuses a rule the mock cannot compute with the error object', async () => {
    const refused = await sdkError(sdk.client.loyalties.createEarningRule(CLUB, [{ event: 'order.paid', loyalty: { type: 'PROPORTIONAL', calculation_type: 'ORDER_TOTAL_AMOUNT', order: {} } } as never]));
    expect(refused).toEqual({ code: 400, key: 'invalid_payload', message: 'Invalid payload', details: "Loyalty order rules must contain one of the following properties - 'total_amount'" });
  });
});

describe('custom events through the SDK', () => {
  it('tracks an event that earns on the named card', async () => {
    await sdk.client.loyalties.createEarningRule(CLUB, [{ event: 'cart_abandoned', loyalty: { type: 'FIXED', points: 9 } } as never]);
    const event = await sdk.client.events.create('cart_abandoned', { customer: { source_id: 'bob-shopper' }, loyalty: { code: BOB_CARD }, metadata: { flag: true } } as never);
    expect(event).toMatchObject({ object: 'event', type: 'cart_abandoned', customer: { source_id: 'bob-shopper', object: 'customer' }, referral: null, loyalty: null, metadata: { flag: true } });
    const card = await sdk.client.loyalties.getMember(CLUB, BOB_CARD);
    expect(card.loyalty_card).toMatchObject({ points: 259, balance: 259 });
  });

  it('answers the error object for an unknown card', async () => {
    expect(await sdkError(sdk.client.events.create('cart_abandoned', { customer: { source_id: 'bob-shopper' }, loyalty: { code: 'NOPE' } } as never))).toEqual({
      code: 404,
      key: 'not_found',
      message: 'Resource not found',
      details: 'Cannot find voucher with id NOPE',
    });
  });
});
