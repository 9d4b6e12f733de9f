// Card balances through the vouchers API: adding and taking credits or points, and the transactions each change leaves.

import { NOW, client, expectError, testApp, type Agent } from './helpers.js';
import { givenLoyaltyCard, givenVoucher } from './support/builders.js';

let api: Agent;
beforeEach(async () => {
  api = client(await testApp());
});

type Body = Record<string, unknown>;
const balancePath = (code: string) => `/v1/vouchers/${encodeURIComponent(code)}/balance`;
const transactionsPath = (code: string, query = '') => `/v1/vouchers/${encodeURIComponent(code)}/transactions${query ? `?${query}` : ''}`;
/** A standalone gift card holding 100.00 (amount and balance 10000). */
const giftCard = () => givenVoucher(api, { type: 'GIFT_VOUCHER' }) as Promise<Body & { id: string; code: string }>;

async function adjust(code: string, body: Body) {
  const res = await api.post(balancePath(code), body);
  expect(res.status).toBe(200);
  return res.body;
}

const idsOf = (res: { body: { data: { id: string }[] } }) => res.body.data.map((t) => t.id);

describe('POST /v1/vouchers/{code}/balance', () => {
  it('adds credits to a gift card, raising its amount and balance', async () => {
    const card = await giftCard();
    expect(await adjust(card.code, { amount: 5000 })).toEqual({
      amount: 5000,
      total: 15000,
      balance: 15000,
      type: 'gift_voucher',
      operation_type: 'MANUAL',
      object: 'balance',
      related_object: { type: 'voucher', id: card.id },
    });
    const voucher = await api.get(`/v1/vouchers/${card.code}`);
    expect(voucher.body).toMatchObject({ gift: { amount: 15000, balance: 15000 }, updated_at: NOW.toISOString() });
    expect(voucher.body.gift).not.toHaveProperty('subtracted_amount');
  });

  it('takes credits off a gift card: the balance and the total drop, the amount stays', async () => {
    const card = await giftCard();
    expect(await adjust(card.code, { amount: -2500, source_id: 'refund-77', reason: 'goodwill reversal' })).toMatchObject({
      amount: -2500,
      total: 7500,
      balance: 7500,
    });
    expect((await api.get(`/v1/vouchers/${card.code}`)).body.gift).toEqual({ amount: 10000, balance: 7500, subtracted_amount: 2500, effect: 'APPLY_TO_ORDER' });
  });

  it('may take a gift card down to exactly zero', async () => {
    const card = await giftCard();
    expect(await adjust(card.code, { amount: -10000 })).toMatchObject({ total: 0, balance: 0 });
  });

  it('finds the voucher by its id as well as by its code', async () => {
    const card = await giftCard();
    expect(await adjust(card.id, { amount: 100 })).toMatchObject({ balance: 10100, related_object: { type: 'voucher', id: card.id } });
  });

  it('adds and takes points on a loyalty card held by a customer', async () => {
    const { card } = await givenLoyaltyCard(api);
    const code = card.code as string;
    expect(await adjust(code, { amount: 100 })).toEqual({
      amount: 100,
      total: 100,
      balance: 100,
      type: 'loyalty_card',
      operation_type: 'MANUAL',
      object: 'balance',
      related_object: { type: 'voucher', id: card.id },
    });
    expect(await adjust(code, { amount: -30 })).toMatchObject({ amount: -30, total: 100, balance: 70, type: 'loyalty_card' });
    expect((await api.get(`/v1/vouchers/${code}`)).body.loyalty_card).toMatchObject({ points: 100, balance: 70, subtracted_points: 30 });
  });

  it('answers the unchanged balance for an amount of 0 and records nothing', async () => {
    const card = await giftCard();
    expect(await adjust(card.code, { amount: 0 })).toMatchObject({ amount: 0, total: 10000, balance: 10000 });
    expect((await api.get(`/v1/vouchers/${card.code}`)).body.updated_at).toBeNull();
    expect((await api.get(transactionsPath(card.code))).body.data).toEqual([]);
  });

  it('refuses to take a gift card below zero and changes nothing', async () => {
    const card = await giftCard();
    const body = expectError(await api.post(balancePath(card.code), { amount: -10001 }), 400, 'insufficient_card_balance', 'Insufficient card balance');
    expect(body.details).toBe('Operation exceeds the available card balance');
    expect((await api.get(`/v1/vouchers/${card.code}`)).body).toMatchObject({ gift: { amount: 10000, balance: 10000 }, updated_at: null });
    expect((await api.get(transactionsPath(card.code))).body.data).toEqual([]);
  });

  it('refuses to take a loyalty card below zero', async () => {
    const { card } = await givenLoyaltyCard(api);
    const body = expectError(await api.post(balancePath(card.code as string), { amount: -1 }), 400, 'insufficient_card_balance', 'Insufficient card balance');
    expect(body.details).toBe('Operation exceeds the available card balance');
  });

  it('refuses a discount voucher, which has no balance', async () => {
    const voucher = await givenVoucher(api);
    const body = expectError(await api.post(balancePath(voucher.code as string), { amount: 100 }), 400, 'invalid_voucher', 'Invalid Voucher');
    expect(body.details).toBe(`Voucher ${voucher.code} is not a gift card or a loyalty card`);
  });

  it('refuses a loyalty card nobody holds yet', async () => {
    const card = await givenVoucher(api, { type: 'LOYALTY_CARD' });
    const body = expectError(await api.post(balancePath(card.code as string), { amount: 100 }), 400, 'not_published', 'Voucher is not published');
    expect(body.details).toBe(`Loyalty card ${card.code} must be published to a customer before its balance can be changed`);
    expect((await api.get(`/v1/vouchers/${card.code}`)).body.loyalty_card).toEqual({ points: 0, balance: 0 });
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.post(balancePath('NO-SUCH-CARD'), { amount: 100 }), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CARD', resource_id: 'NO-SUCH-CARD', resource_type: 'voucher' });
  });

  it.each<[string, Body, string]>([
    ['no amount', { reason: 'top-up' }, "Payload must have required property 'amount'"],
    ['an amount that is no integer', { amount: 10.5 }, 'Property .amount must be integer'],
    ['an amount given as text', { amount: '100' }, 'Property .amount must be integer'],
    ['a source_id that is no string', { amount: 100, source_id: 7 }, 'Property .source_id must be string'],
  ])('refuses %s', async (_case, request, details) => {
    const card = await giftCard();
    const body = expectError(await api.post(balancePath(card.code), request), 400, 'invalid_payload', 'Invalid payload');
    expect(body.details).toBe(details);
  });
});

describe('GET /v1/vouchers/{code}/transactions', () => {
  it('lists a gift card’s changes newest first, with the balance after each', async () => {
    const card = await giftCard();
    await adjust(card.code, { amount: 5000, source_id: 'topup-1', reason: 'birthday bonus' });
    await adjust(card.code, { amount: -2000 });
    const res = await api.get(transactionsPath(card.code));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      object: 'list',
      data_ref: 'data',
      data: [
        {
          id: expect.stringMatching(/^vtx_[0-9a-f]{18}$/),
          source_id: null,
          voucher_id: card.id,
          campaign_id: null,
          source: 'API',
          reason: null,
          type: 'CREDITS_REMOVAL',
          details: {
            balance: { type: 'gift_voucher', total: 13000, amount: -2000, object: 'balance', balance: 13000, related_object: { id: card.id, type: 'voucher' } },
          },
          related_transaction_id: null,
          created_at: NOW.toISOString(),
        },
        {
          id: expect.stringMatching(/^vtx_[0-9a-f]{18}$/),
          source_id: 'topup-1',
          voucher_id: card.id,
          campaign_id: null,
          source: 'API',
          reason: 'birthday bonus',
          type: 'CREDITS_ADDITION',
          details: {
            balance: { type: 'gift_voucher', total: 15000, amount: 5000, object: 'balance', balance: 15000, related_object: { id: card.id, type: 'voucher' } },
          },
          related_transaction_id: null,
          created_at: NOW.toISOString(),
        },
      ],
      has_more: false,
    });
    const [newest, oldest] = idsOf(res);
    expect(newest > oldest).toBe(true);
  });

  it('lists a loyalty card’s changes, made here and through the loyalty member endpoints', async () => {
    const { program, card } = await givenLoyaltyCard(api);
    await adjust(card.code as string, { amount: 200, reason: 'welcome' });
    const member = await api.post(`/v1/loyalties/members/${card.code}/balance`, { points: -50, source_id: 'desk-9', reason: 'correction' });
    expect(member.status).toBe(200);
    const res = await api.get(transactionsPath(card.code as string));
    expect(res.body.data).toEqual([
      expect.objectContaining({
        source_id: 'desk-9',
        campaign_id: program.id,
        source: 'API',
        reason: 'correction',
        type: 'POINTS_REMOVAL',
        details: { balance: { type: 'loyalty_card', total: 200, points: -50, object: 'balance', balance: 150, related_object: { id: card.id, type: 'voucher' } } },
      }),
      expect.objectContaining({
        type: 'POINTS_ADDITION',
        reason: 'welcome',
        details: { balance: { type: 'loyalty_card', total: 200, points: 200, object: 'balance', balance: 200, related_object: { id: card.id, type: 'voucher' } } },
      }),
    ]);
  });

  it('pages with limit and starting_after_id, in either order', async () => {
    const card = await giftCard();
    for (const amount of [100, 200, 300, 400, 500]) await adjust(card.code, { amount });
    const all = await api.get(transactionsPath(card.code, 'order=id'));
    const oldestFirst = idsOf(all);
    expect(oldestFirst).toHaveLength(5);
    expect([...oldestFirst].sort()).toEqual(oldestFirst);
    expect(all.body.data.map((t: { details: { balance: { amount: number } } }) => t.details.balance.amount)).toEqual([100, 200, 300, 400, 500]);

    const first = await api.get(transactionsPath(card.code, 'limit=2'));
    expect(first.body).toMatchObject({ has_more: true, more_starting_after: oldestFirst[3] });
    expect(idsOf(first)).toEqual([oldestFirst[4], oldestFirst[3]]);
    const second = await api.get(transactionsPath(card.code, `limit=2&starting_after_id=${first.body.more_starting_after}`));
    expect(idsOf(second)).toEqual([oldestFirst[2], oldestFirst[1]]);
    const last = await api.get(transactionsPath(card.code, `limit=2&starting_after_id=${second.body.more_starting_after}`));
    expect(idsOf(last)).toEqual([oldestFirst[0]]);
    expect(last.body.has_more).toBe(false);
    expect(last.body).not.toHaveProperty('more_starting_after');

    const ascending = await api.get(transactionsPath(card.code, `order=id&limit=3&starting_after_id=${oldestFirst[0]}`));
    expect(idsOf(ascending)).toEqual(oldestFirst.slice(1, 4));
    expect(ascending.body).toMatchObject({ has_more: true, more_starting_after: oldestFirst[3] });
  });

  it('holds 10 transactions per page unless limit says otherwise', async () => {
    const card = await giftCard();
    for (let i = 1; i <= 11; i++) await adjust(card.code, { amount: i });
    const res = await api.get(transactionsPath(card.code));
    expect(res.body.data).toHaveLength(10);
    expect(res.body.has_more).toBe(true);
    expect((await api.get(transactionsPath(card.code, 'limit=100'))).body.data).toHaveLength(11);
  });

  it('shows only the voucher’s own transactions, found by code or id', async () => {
    const card = await giftCard();
    const other = await giftCard();
    await adjust(card.code, { amount: 100 });
    await adjust(other.code, { amount: 200 });
    const byId = await api.get(transactionsPath(card.id));
    expect(byId.body.data.map((t: { voucher_id: string }) => t.voucher_id)).toEqual([card.id]);
  });

  it('lists nothing for a card without changes', async () => {
    const card = await giftCard();
    expect((await api.get(transactionsPath(card.code))).body).toEqual({ object: 'list', data_ref: 'data', data: [], has_more: false });
  });

  it('forgets the transactions of a deleted voucher', async () => {
    const card = await giftCard();
    await adjust(card.code, { amount: 100 });
    expect((await api.delete(`/v1/vouchers/${card.code}?force=true`)).status).toBe(204);
    const again = await givenVoucher(api, { code: card.code, type: 'GIFT_VOUCHER' });
    expect((await api.get(transactionsPath(again.code as string))).body.data).toEqual([]);
  });

  it('answers 404 voucher for an unknown code', async () => {
    const body = expectError(await api.get(transactionsPath('NO-SUCH-CARD')), 404, 'not_found', 'Resource not found');
    expect(body).toMatchObject({ details: 'Cannot find voucher with id NO-SUCH-CARD', resource_id: 'NO-SUCH-CARD', resource_type: 'voucher' });
  });

  it.each([
    ['limit=0', 'Property .limit must be >= 1'],
    ['limit=101', 'Property .limit must be <= 100'],
    ['limit=ten', 'Property .limit must be integer'],
    ['order=created_at', 'Property .order must be equal to one of the allowed values [ id, -id ]'],
  ])('refuses %s', async (query, details) => {
    const card = await giftCard();
    const body = expectError(await api.get(transactionsPath(card.code, query)), 400, 'invalid_query_params', 'Invalid query params');
    expect(body.details).toBe(details);
  });
});
