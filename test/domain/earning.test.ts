// Earning by loyalty tier events (earnOnTierEvent, for the loyalty tiers to call) and the points
// a rule gives (pointsOf), on a domain Context.

import { transactions, vouchers } from '../../src/domain/collections.js';
import type { Context } from '../../src/domain/context.js';
import { earningRules, type EarningRule } from '../../src/domain/earning-records.js';
import { earnOnTierEvent } from '../../src/domain/earning.js';
import type { Voucher } from '../../src/domain/records.js';
import { NOW } from '../helpers.js';
import { aCampaign, aContext, aCustomer, aHolder, aVoucher, holding, inCampaign } from '../support/builders.js';

const program = aCampaign({ campaign_type: 'LOYALTY_PROGRAM' });
const customer = aCustomer({ metadata: { ltv: 9 } });
const card = aVoucher({ ...inCampaign(program), type: 'LOYALTY_CARD', loyalty_card: { points: 10, balance: 10 }, holder_id: customer.id });

function rule(overrides: Partial<EarningRule>): EarningRule {
  return {
    id: `ern_${Math.random().toString(36).slice(2, 14)}`,
    created_at: NOW.toISOString(),
    updated_at: null,
    validation_rule_id: null,
    loyalty: { type: 'FIXED', points: 5 },
    event: 'customer.loyalty.tier.joined',
    source: { object_id: program.id, object_type: 'campaign' },
    active: true,
    object: 'earning_rule',
    automation_id: 'auto_1',
    metadata: {},
    ...overrides,
  };
}

function given(...rules: EarningRule[]): Context {
  const ctx = aContext({ records: { campaigns: [program], customers: [customer], vouchers: [card], redeemable_holders: [aHolder(holding(card, program, customer))] } });
  for (const r of rules) earningRules(ctx.tenant).put(r);
  return ctx;
}

const balanceOf = (ctx: Context) => (vouchers(ctx.tenant).get(card.id) as Voucher).loyalty_card?.balance;

describe('earnOnTierEvent', () => {
  it("earns by the program's rules for the event whose tier is the one moved to (or that name none)", () => {
    const joinedGold = rule({ loyalty_tier: { id: 'ltr_gold' } });
    const joinedAny = rule({ loyalty: { type: 'PROPORTIONAL', calculation_type: 'CUSTOMER_METADATA', customer: { metadata: { every: 3, points: 2, property: 'ltv' } } } });
    const joinedSilver = rule({ loyalty_tier: { id: 'ltr_silver' }, loyalty: { type: 'FIXED', points: 1000 } });
    const left = rule({ event: 'customer.loyalty.tier.left', loyalty: { type: 'FIXED', points: 1000 } });
    const ctx = given(joinedGold, joinedAny, joinedSilver, left);
    earnOnTierEvent(ctx, card, 'customer.loyalty.tier.joined', 'ltr_gold');
    expect(balanceOf(ctx)).toBe(10 + 5 + 6);
    const history = transactions(ctx.tenant).groupOf('voucher_id', card.id);
    expect(history.map((t) => [t.type, t.details.balance.points, t.details.earning_rule?.id, t.details.event?.type])).toEqual([
      ['POINTS_ACCRUAL', 5, joinedGold.id, 'customer.loyalty.tier.joined'],
      ['POINTS_ACCRUAL', 6, joinedAny.id, 'customer.loyalty.tier.joined'],
    ]);
  });

  it('earns nothing without rules for the event, or by a disabled rule', () => {
    const ctx = given(rule({ active: false }), rule({ event: 'customer.loyalty.tier.upgraded' }));
    earnOnTierEvent(ctx, card, 'customer.loyalty.tier.joined', 'ltr_gold');
    earnOnTierEvent(ctx, card, 'customer.loyalty.tier.downgraded', 'ltr_gold');
    expect(balanceOf(ctx)).toBe(10);
    expect(transactions(ctx.tenant).countOf('voucher_id', card.id)).toBe(0);
  });
});
