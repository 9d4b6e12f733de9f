// Referral conversions: a referee converts when they redeem a referral code (conversion_event_type
// `redemption`) or send the program's custom event (`custom_event`). A conversion is recorded once
// per referee and program, on both customers (the referee's `referrals`, the referrer's
// `loyalty.referred_customers`), and gives the referee the program's referee_reward.

import { VoucherifyError, notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { recordActivity } from './activities.js';
import { adjustVoucherBalance } from './balances.js';
import { campaigns, customers, holders, redemptions, vouchers } from './collections.js';
import type { Context } from './context.js';
import { simpleCampaign, simpleCustomer, simpleVoucher } from './events.js';
import { referrerOf } from './holders.js';
import { findCampaign, findVoucher } from './lookups.js';
import { publish } from './publishing.js';
import type { Campaign, Customer, CustomerLoyalty, RedemptionRecord, Voucher } from './records.js';

/** One entry of a customer's `referrals.campaigns`: who referred them, in which program, through what. */
export interface ReferralEntry {
  campaign_id: string;
  referrer_id: string;
  related_object_id: string;
  related_object_type: string;
  date: string;
}

/** What a program's referral_program says (campaigns store it as sent). */
interface ReferralProgram {
  conversion_event_type?: 'redemption' | 'custom_event';
  custom_event?: { id?: string; name?: string };
  referee_reward?: {
    related_object_parent?: { id?: string; name?: string; object?: string } | null;
    type?: string;
    amount?: number;
  };
}

/** What a referee got: a voucher published to them, or credits or points added to their card. */
export interface RefereeReward {
  campaign_id: string;
  voucher: Voucher;
  /** Gift credits (cents) or loyalty points added; undefined when the reward is a published voucher. */
  amount?: number;
  points?: number;
}

/** A conversion the request made. */
export interface Conversion extends ReferralEntry {
  referee_id: string;
  voucher_id: string;
  reward?: RefereeReward;
}

/** The object that caused a conversion: the redemption, or the custom event. */
export interface ConversionSource {
  id: string;
  type: string;
}

const programOf = (campaign: Campaign): ReferralProgram => (campaign.referral_program ?? {}) as ReferralProgram;

/** A program converts on redemptions unless it names a custom event (Voucherify's default conversion). */
const convertsOn = (campaign: Campaign): 'redemption' | 'custom_event' => programOf(campaign).conversion_event_type ?? 'redemption';

/** The referral program of a referral code, when it is one. */
function referralProgramOf(ctx: Context, code: Voucher): Campaign | undefined {
  if (!code.is_referral_code || !code.campaign_id) return undefined;
  const campaign = campaigns(ctx.tenant).get(code.campaign_id);
  return campaign?.campaign_type === 'REFERRAL_PROGRAM' ? campaign : undefined;
}

/** The customer's referrals as stored, or Voucherify's empty ones. */
const referralsOf = (customer: Customer): { total: number; campaigns: ReferralEntry[] } =>
  (customer.referrals as { total: number; campaigns: ReferralEntry[] } | undefined) ?? { total: 0, campaigns: [] };

/** True when the customer has converted in the program already: a referee converts once per program. */
export function hasConverted(customer: Customer, campaignId: string): boolean {
  return referralsOf(customer).campaigns.some((entry) => entry.campaign_id === campaignId);
}

/**
 * The referrer's counters after one more referred customer: in total and in the program's entry of
 * `loyalty.campaigns` (by program name, as Voucherify keys them).
 */
function countReferred(ctx: Context, referrerId: string, program: Campaign): void {
  const all = customers(ctx.tenant);
  const referrer = all.get(referrerId);
  if (!referrer) return;
  const loyalty: CustomerLoyalty = referrer.loyalty ?? { points: 0, referred_customers: 0, campaigns: {} };
  // Names are the caller's: entries are copied as own properties, "__proto__" included.
  const entries = new Map(Object.entries(loyalty.campaigns ?? {}));
  const entry = entries.get(program.name) ?? { points: 0, referred_customers: 0 };
  entries.set(program.name, { ...entry, referred_customers: (entry.referred_customers ?? 0) + 1 });
  all.put({ ...referrer, loyalty: { ...loyalty, referred_customers: loyalty.referred_customers + 1, campaigns: Object.fromEntries(entries) } });
}

/**
 * Gives the referee the program's referee_reward, from the campaign its related_object_parent names:
 * a DISCOUNT_COUPONS campaign publishes one of its vouchers to the referee; a GIFT_VOUCHERS campaign
 * adds `amount` credits to the referee's gift card of it, and a LOYALTY_PROGRAM `amount` points to
 * their loyalty card (published to them first when they hold none). A reward that cannot be given
 * (its campaign is gone, or has no code left to publish) is left out: the conversion stands.
 */
function giveRefereeReward(ctx: Context, program: Campaign, refereeId: string): RefereeReward | undefined {
  const reward = programOf(program).referee_reward;
  const parent = reward?.related_object_parent;
  const parentId = parent?.id ?? parent?.name;
  if (!reward || !parentId) return undefined;
  const source = findCampaign(ctx, parentId);
  if (!source || source.campaign_type === 'PROMOTION' || source.campaign_type === 'REFERRAL_PROGRAM') return undefined;
  const amount = Math.round(reward.amount ?? 0);
  try {
    if (source.campaign_type === 'DISCOUNT_COUPONS') {
      const voucher = publish(ctx, { customer: refereeId, campaign: { id: source.id } }).vouchers[0];
      return { campaign_id: source.id, voucher };
    }
    const card = ownedCard(ctx, refereeId, source) ?? publish(ctx, { customer: refereeId, campaign: { id: source.id } }).vouchers[0];
    if (amount <= 0) return { campaign_id: source.id, voucher: card };
    adjustVoucherBalance(ctx, card, { amount });
    const after = vouchers(ctx.tenant).get(card.id) ?? card;
    return source.campaign_type === 'GIFT_VOUCHERS' ? { campaign_id: source.id, voucher: after, amount } : { campaign_id: source.id, voucher: after, points: amount };
  } catch (error) {
    // Publishing checks before it writes: a campaign with nothing to publish leaves no trace.
    if (error instanceof VoucherifyError && error.status === 400) return undefined;
    throw error;
  }
}

/** The card of `campaign` the customer owns (the oldest, when they hold several). */
function ownedCard(ctx: Context, customerId: string, campaign: Campaign): Voucher | undefined {
  for (const holder of holders(ctx.tenant).groupOf('customer_id', customerId)) {
    if (holder.campaign_id === campaign.id && holder.holder_role === 'OWNER') return vouchers(ctx.tenant).get(holder.redeemable_id);
  }
  return undefined;
}

/**
 * Records that `referee` converted through the referral code `code` of `program`, unless they
 * converted in that program before or are the code's own referrer: the referee's referrals, the
 * referrer's referred customers, the referee reward, and the events (customer.referred in the
 * referee's activity, customer.rewarded when a reward was given).
 */
function convert(ctx: Context, program: Campaign, code: Voucher, refereeId: string, source: ConversionSource): Conversion | undefined {
  const all = customers(ctx.tenant);
  const referee = all.get(refereeId);
  const referrerId = code.referrer_id ?? referrerOf(ctx, code)?.customer_id;
  if (!referee || !referrerId || referrerId === referee.id || hasConverted(referee, program.id)) return undefined;
  const entry: ReferralEntry = { campaign_id: program.id, referrer_id: referrerId, related_object_id: source.id, related_object_type: source.type, date: timestamp(ctx.clock) };
  const referrals = referralsOf(referee);
  all.put({ ...referee, referrals: { total: referrals.total + 1, campaigns: [...referrals.campaigns, entry] } });
  countReferred(ctx, referrerId, program);
  emitReferred(ctx, program, code, referee.id, referrerId, source);
  const reward = giveRefereeReward(ctx, program, referee.id);
  if (reward) emitRewarded(ctx, program, referee.id, source, reward);
  return { ...entry, referee_id: referee.id, voucher_id: code.id, ...(reward ? { reward } : {}) };
}

const customerNow = (ctx: Context, id: string) => customers(ctx.tenant).get(id);
const sourceRedemption = (ctx: Context, source: ConversionSource) => (source.type === 'redemption' ? redemptionShown(redemptions(ctx.tenant).get(source.id)) : undefined);

/** customer.referred, in the referee's activity (Voucherify sends no webhook of it). */
function emitReferred(ctx: Context, program: Campaign, code: Voucher, refereeId: string, referrerId: string, source: ConversionSource): void {
  recordActivity(ctx, 'customer.referred', refereeId, () => {
    const referee = customerNow(ctx, refereeId);
    const referrer = customerNow(ctx, referrerId);
    return {
      ...(referee ? { customer: simpleCustomer(referee) } : {}),
      referrer: referrer ? simpleCustomer(referrer) : { id: referrerId, object: 'customer' },
      campaign: simpleCampaign(campaigns(ctx.tenant).get(program.id) ?? program),
      voucher: simpleVoucher(vouchers(ctx.tenant).get(code.id) ?? code),
      custom_event: source.type === 'custom_event' ? { id: source.id, type: programOf(program).custom_event?.name ?? null } : null,
      ...(source.type === 'redemption' ? { redemption: sourceRedemption(ctx, source) ?? null } : {}),
    };
  });
}

/** customer.rewarded: the referee reward given, with the card's or voucher's campaign and the change of balance. */
function emitRewarded(ctx: Context, program: Campaign, refereeId: string, source: ConversionSource, reward: RefereeReward): void {
  ctx.events?.emit('customer.rewarded', refereeId, () => {
    const referee = customerNow(ctx, refereeId);
    const voucher = vouchers(ctx.tenant).get(reward.voucher.id) ?? reward.voucher;
    const rewardCampaign = campaigns(ctx.tenant).get(reward.campaign_id);
    return {
      ...(referee ? { customer: simpleCustomer(referee), holder: simpleCustomer(referee) } : { customer: { id: refereeId, object: 'customer' } }),
      voucher: simpleVoucher(voucher),
      campaign: simpleCampaign(rewardCampaign ?? program),
      redemption: sourceRedemption(ctx, source) ?? null,
      balance: reward.amount !== undefined ? { amount: reward.amount } : reward.points !== undefined ? { points: reward.points } : null,
      custom_event: null,
      customer_event: null,
    };
  });
}

/** A redemption as events show it: without its voucher, order and customer snapshots. */
function redemptionShown(record: RedemptionRecord | undefined): Record<string, unknown> | undefined {
  if (!record) return undefined;
  const { voucher: _voucher, order: _order, customer: _customer, ...shown } = record;
  return shown;
}

/**
 * The conversions a successful redemption makes: for each referral code it redeemed whose program
 * converts on redemption, the redemption's customer is the referee and the code's referrer the
 * referrer. Called by the checkout only when a referral code applied.
 */
export function convertOnRedemption(ctx: Context, customerId: string | null | undefined, redeemed: readonly RedemptionRecord[]): Conversion[] {
  const made: Conversion[] = [];
  if (!customerId) return made;
  for (const record of redeemed) {
    if (record.related_object_type !== 'voucher' || record.result !== 'SUCCESS') continue;
    const code = vouchers(ctx.tenant).get(record.related_object_id);
    const program = code ? referralProgramOf(ctx, code) : undefined;
    if (!code || !program || convertsOn(program) !== 'redemption') continue;
    const conversion = convert(ctx, program, code, customerId, { id: record.id, type: 'redemption' });
    if (conversion) made.push(conversion);
  }
  return made;
}

/** A program's custom event matches `eventName` by its name (or its id, ms_…). */
function namesEvent(program: Campaign, eventName: string): boolean {
  const event = programOf(program).custom_event;
  return event?.name === eventName || event?.id === eventName;
}

/**
 * The conversions a customer's custom event makes (POST /v1/events calls this once the event is
 * recorded). With `referralCode`, the code's program converts if it converts on this event (an
 * unknown code: 404 voucher). Without one, every referral code the customer was added to as
 * REFEREE converts, in the programs that convert on this event. `source` names the event record
 * in the referee's `referrals` (by default: the referral code).
 */
export function convertOnCustomEvent(ctx: Context, customer: Customer, eventName: string, referralCode?: string, source?: ConversionSource): Conversion[] {
  const codes: Voucher[] = [];
  if (referralCode !== undefined) {
    const code = findVoucher(ctx, referralCode);
    if (!code) throw notFound('voucher', referralCode);
    codes.push(code);
  } else {
    for (const holder of holders(ctx.tenant).groupOf('customer_id', customer.id)) {
      if (holder.holder_role !== 'REFEREE') continue;
      const code = vouchers(ctx.tenant).get(holder.redeemable_id);
      if (code) codes.push(code);
    }
  }
  const made: Conversion[] = [];
  for (const code of codes) {
    const program = referralProgramOf(ctx, code);
    if (!program || convertsOn(program) !== 'custom_event' || !namesEvent(program, eventName)) continue;
    const conversion = convert(ctx, program, code, customer.id, source ?? { id: code.id, type: 'voucher' });
    if (conversion) made.push(conversion);
  }
  return made;
}
