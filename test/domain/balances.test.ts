// Card balances: adding and taking gift card credits and loyalty points, the totals, the floor at zero, and the transactions each change records.

import { adjustVoucherBalance, type BalanceChange } from '../../src/domain/balances.js';
import { transactions, vouchers } from '../../src/domain/collections.js';
import type { Context } from '../../src/domain/context.js';
import type { GiftCard, LoyaltyCard, Voucher, VoucherTransaction } from '../../src/domain/records.js';
import { recordTransaction } from '../../src/domain/transactions.js';
import { NOW } from '../helpers.js';
import { aCampaign, aContext, aVoucher, inCampaign } from '../support/builders.js';
import { voucherifyErrorOf } from '../support/errors.js';

const giftCard = (gift: Partial<GiftCard> = {}) => aVoucher({ type: 'GIFT_VOUCHER', gift: { amount: 10000, balance: 10000, effect: 'APPLY_TO_ORDER', ...gift } });
const loyaltyCard = (card: Partial<LoyaltyCard> = {}) => aVoucher({ type: 'LOYALTY_CARD', loyalty_card: { points: 0, balance: 0, ...card } });

function withCard(card: Voucher): Context {
  return aContext({ records: { vouchers: [card] } });
}
const stored = (ctx: Context, card: Voucher) => vouchers(ctx.tenant).get(card.id) as Voucher;
const history = (ctx: Context, card: Voucher) => transactions(ctx.tenant).groupOf('voucher_id', card.id);

describe('adjustVoucherBalance', () => {
  // [case, card, change, the card's part after, the answer's total and balance, the transaction recorded]
  it.each<[string, Voucher, number, Partial<GiftCard> | Partial<LoyaltyCard>, { total: number; balance: number }, VoucherTransaction['type'] | null]>([
    ['adds credits to a gift card', giftCard(), 2500, { amount: 12500, balance: 12500 }, { total: 12500, balance: 12500 }, 'CREDITS_ADDITION'],
    ['takes credits off a gift card', giftCard(), -2500, { amount: 10000, balance: 7500, subtracted_amount: 2500 }, { total: 7500, balance: 7500 }, 'CREDITS_REMOVAL'],
    ['takes a gift card to exactly zero', giftCard(), -10000, { amount: 10000, balance: 0, subtracted_amount: 10000 }, { total: 0, balance: 0 }, 'CREDITS_REMOVAL'],
    [
      'counts removals on a gift card that had some',
      giftCard({ amount: 20000, balance: 12000, subtracted_amount: 3000 }),
      -2000,
      { amount: 20000, balance: 10000, subtracted_amount: 5000 },
      { total: 15000, balance: 10000 },
      'CREDITS_REMOVAL',
    ],
    [
      'adds to a gift card partly spent: the total ignores what was redeemed',
      giftCard({ amount: 10000, balance: 4000 }),
      1000,
      { amount: 11000, balance: 5000 },
      { total: 11000, balance: 5000 },
      'CREDITS_ADDITION',
    ],
    ['adds points to a loyalty card', loyaltyCard({ points: 50, balance: 50 }), 100, { points: 150, balance: 150 }, { total: 150, balance: 150 }, 'POINTS_ADDITION'],
    [
      'takes points off a loyalty card: the total stays the points ever given',
      loyaltyCard({ points: 150, balance: 150 }),
      -40,
      { points: 150, balance: 110, subtracted_points: 40 },
      { total: 150, balance: 110 },
      'POINTS_REMOVAL',
    ],
    ['changes nothing for 0', giftCard(), 0, { amount: 10000, balance: 10000 }, { total: 10000, balance: 10000 }, null],
  ])('%s', (_case, card, amount, partAfter, answer, recorded) => {
    const ctx = withCard(card);
    const gift = card.type === 'GIFT_VOUCHER';
    const result = adjustVoucherBalance(ctx, card, { amount, source_id: 'crm-1', reason: 'test' });
    expect(result).toEqual({
      amount,
      ...answer,
      type: gift ? 'gift_voucher' : 'loyalty_card',
      object: 'balance',
      related_object: { type: 'voucher', id: card.id },
    });
    const after = stored(ctx, card);
    expect(gift ? after.gift : after.loyalty_card).toEqual({ ...(gift ? card.gift : card.loyalty_card), ...partAfter });
    expect(after.updated_at).toBe(recorded ? NOW.toISOString() : card.updated_at);
    expect(history(ctx, card).map((t) => t.type)).toEqual(recorded ? [recorded] : []);
  });

  it('records who made the change and the card after it', () => {
    const campaign = aCampaign({ campaign_type: 'GIFT_VOUCHERS' });
    const card = aVoucher({ ...inCampaign(campaign) });
    const ctx = withCard(card);
    adjustVoucherBalance(ctx, card, { amount: -1500, source_id: 'crm-42', reason: 'manual correction' });
    expect(history(ctx, card)).toEqual([
      {
        id: expect.stringMatching(/^vtx_[0-9a-f]{18}$/),
        source_id: 'crm-42',
        voucher_id: card.id,
        campaign_id: campaign.id,
        source: 'API',
        reason: 'manual correction',
        type: 'CREDITS_REMOVAL',
        details: {
          balance: { type: 'gift_voucher', total: 8500, amount: -1500, object: 'balance', balance: 8500, related_object: { id: card.id, type: 'voucher' } },
        },
        related_transaction_id: null,
        created_at: NOW.toISOString(),
      },
    ]);
  });

  const pastDay = '2026-11-21';
  it.each<[string, Voucher, BalanceChange, { key: string; message: string; details: string }]>([
    ['more credits than a gift card holds', giftCard({ balance: 100 }), { amount: -101 }, { key: 'insufficient_card_balance', message: 'Insufficient card balance', details: 'Operation exceeds the available card balance' }],
    ['any points off an empty loyalty card', loyaltyCard(), { amount: -1 }, { key: 'insufficient_card_balance', message: 'Insufficient card balance', details: 'Operation exceeds the available card balance' }],
    [
      'an expiration date already past',
      loyaltyCard(),
      { amount: 10, expiration_date: pastDay },
      { key: 'invalid_expiration_date', message: 'Invalid Expiration Date', details: 'Expiration date cannot be set in the past' },
    ],
    [
      'an expiration date that is no date',
      loyaltyCard(),
      { amount: 10, expiration_date: 'next week' },
      { key: 'invalid_payload', message: 'Invalid payload', details: 'Property .expiration_date cannot be recognized as a ISO-8601 compliant date' },
    ],
  ])('refuses %s and changes nothing', (_case, card, change, refusal) => {
    const ctx = withCard(card);
    expect(voucherifyErrorOf(() => adjustVoucherBalance(ctx, card, change))).toEqual({ status: 400, code: 400, ...refusal });
    expect(stored(ctx, card)).toEqual(card);
    expect(history(ctx, card)).toEqual([]);
  });

  it('keeps points added with an expiration date later today (a bare date lasts the whole day)', () => {
    const card = loyaltyCard();
    const ctx = withCard(card);
    expect(adjustVoucherBalance(ctx, card, { amount: 10, expiration_date: NOW.toISOString().slice(0, 10) }).balance).toBe(10);
  });
});

describe('recordTransaction', () => {
  it('reproduces the totals of Voucherify’s published gift card history, redemptions and refunds included', () => {
    let card = giftCard({ amount: 125000, balance: 125000 });
    const ctx = withCard(card);
    // A redemption as the checkout makes it: the balance drops, the amount stays, the redemption is recorded.
    const redeem = (type: 'CREDITS_REDEMPTION' | 'CREDITS_REFUND', change: number) => {
      card = stored(ctx, card);
      card = vouchers(ctx.tenant).put({ ...card, gift: { ...(card.gift as GiftCard), balance: (card.gift as GiftCard).balance + change } });
      recordTransaction(ctx, card, { type, change, order: { id: 'ord_1', source_id: null }, redemption: { id: 'r_1' } });
    };
    const adjust = (amount: number) => adjustVoucherBalance(ctx, stored(ctx, card), { amount });
    adjust(5000);
    redeem('CREDITS_REDEMPTION', -7000);
    adjust(-2000);
    redeem('CREDITS_REDEMPTION', -44);
    redeem('CREDITS_REFUND', 44);
    adjust(2000);
    adjust(20);
    adjust(-2000);
    const rows = history(ctx, card).map((t) => [t.type, t.details.balance.amount, t.details.balance.total, t.details.balance.balance]);
    expect(rows).toEqual([
      ['CREDITS_ADDITION', 5000, 130000, 130000],
      ['CREDITS_REDEMPTION', -7000, 130000, 123000],
      ['CREDITS_REMOVAL', -2000, 128000, 121000],
      ['CREDITS_REDEMPTION', -44, 128000, 120956],
      ['CREDITS_REFUND', 44, 128000, 121000],
      ['CREDITS_ADDITION', 2000, 130000, 123000],
      ['CREDITS_ADDITION', 20, 130020, 123020],
      ['CREDITS_REMOVAL', -2000, 128020, 121020],
    ]);
  });

  it('records a redemption or refund without source, with its order, redemption and rollback', () => {
    const card = loyaltyCard({ points: 300, balance: 200 });
    const ctx = withCard(card);
    const refund = recordTransaction(ctx, card, {
      type: 'POINTS_REFUND',
      change: 100,
      order: { id: 'ord_9', source_id: 'shop-9' },
      redemption: { id: 'r_9' },
      rollback: { id: 'rr_9' },
    });
    expect(refund).toMatchObject({
      source_id: null,
      source: null,
      reason: null,
      type: 'POINTS_REFUND',
      details: {
        balance: { type: 'loyalty_card', total: 300, points: 100, object: 'balance', balance: 200, related_object: { id: card.id, type: 'voucher' } },
        order: { id: 'ord_9', source_id: 'shop-9' },
        redemption: { id: 'r_9' },
        rollback: { id: 'rr_9' },
      },
    });
    expect(transactions(ctx.tenant).get(refund.id)).toBe(refund);
  });

  it('gives ids that grow in the order the transactions are made', () => {
    const card = giftCard();
    const ctx = withCard(card);
    const ids = Array.from({ length: 20 }, () => recordTransaction(ctx, card, { type: 'CREDITS_ADDITION', change: 1 }).id);
    expect([...ids].sort()).toEqual(ids);
    expect(history(ctx, card).map((t) => t.id)).toEqual(ids);
  });

  it('answers 500 when a kind of transaction does not fit the card', () => {
    const card = loyaltyCard();
    const ctx = withCard(card);
    expect(voucherifyErrorOf(() => recordTransaction(ctx, card, { type: 'CREDITS_ADDITION', change: 1 }))).toMatchObject({ status: 500, key: 'internal_error' });
  });
});
