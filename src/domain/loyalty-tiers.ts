// Loyalty tiers: a program's tiers (ltr_…, each a range of points), which tier each card's holder is
// in, and the moves between tiers that follow every change of a card's points (recordTransaction
// calls trackTier). A move earns by the program's customer.loyalty.tier.* earning rules through
// onTierChange (src/resources/earning-rules/handlers.ts hangs earning there).

import { invalidPayload, notFound } from '../errors.js';
import { ALNUM } from '../store/ids.js';
import { defineCollection } from '../store/collection.js';
import { timestamp } from '../store/clock.js';
import type { Tenant } from '../store/tenant.js';
import { campaigns, customers, transactions, vouchers } from './collections.js';
import type { Context } from './context.js';
import { simpleCampaign, simpleCustomer } from './events.js';
import type { Campaign, Metadata, Voucher } from './records.js';

/** How a tier changes what an earning rule gives or a reward costs: times a multiplier, or a fixed number of points. */
export type TierMapping = { type: 'MULTIPLY'; multiplier: number } | { type: 'CUSTOM'; points: number };

export interface PointsRange {
  from: number;
  /** Missing: no upper bound. */
  to?: number;
}

export interface LoyaltyTier {
  id: string;
  name: string;
  campaign_id: string;
  metadata: Metadata;
  created_at: string;
  updated_at: string | null;
  /** Earning rule id (ern_…) → how this tier changes the points it gives. */
  earning_rules: Record<string, TierMapping>;
  /** Reward id (rew_…) → how this tier changes the points it costs. */
  rewards: Record<string, TierMapping>;
  config: { points: PointsRange };
  points: PointsRange;
  object: 'loyalty_tier';
}

/**
 * The tier a loyalty card's holder is in (one record per card, keyed by the card's voucher id):
 * Voucherify's LoyaltyTierExpiration. Dates are days (YYYY-MM-DD); the tier holds through
 * expiration_date; null: until the points leave the tier's range.
 */
export interface TierMembership {
  id: string;
  customer_id: string | null;
  campaign_id: string;
  tier_id: string;
  start_date: string;
  expiration_date: string | null;
  created_at: string;
  updated_at: string | null;
}

/** A program's tiers, ordered by the start of their range (the lowest tier first). */
export const loyaltyTierRecords = defineCollection<LoyaltyTier>()({
  name: 'loyalty_tiers',
  recordName: 'loyalty tier',
  groups: { campaign_id: { key: (t) => t.campaign_id, order: (t) => String(t.points.from).padStart(12, '0') } },
  references: { campaign_id: 'campaigns' },
  check: (t) => (typeof t.points?.from !== 'number' ? 'has no points.from' : undefined),
});

export const tierMembershipRecords = defineCollection<TierMembership>()({
  name: 'loyalty_tier_memberships',
  recordName: 'loyalty tier membership',
  groups: { campaign_id: (m) => m.campaign_id },
  references: { id: 'vouchers', tier_id: 'loyalty_tiers' },
});

export const loyaltyTierCollections = [loyaltyTierRecords, tierMembershipRecords];

export const loyaltyTiers = (tenant: Tenant) => tenant.collection(loyaltyTierRecords);
export const tierMemberships = (tenant: Tenant) => tenant.collection(tierMembershipRecords);

// ——— Tiers ———

export interface TierCreateRequest {
  name: string;
  points: { from?: number; to?: number };
  earning_rules?: Record<string, TierMapping>;
  rewards?: Record<string, TierMapping>;
  metadata?: Metadata;
}

const inRange = (range: PointsRange, points: number) => points >= range.from && (range.to === undefined || points <= range.to);
const overlap = (a: PointsRange, b: PointsRange) => a.from <= (b.to ?? Infinity) && b.from <= (a.to ?? Infinity);

/**
 * Adds tiers to a program, in the order sent. A range runs from `from` (0 when omitted) to `to`
 * (open when omitted); a range upside down, or one that overlaps another tier of the program or
 * of the request, is 400 invalid_payload and nothing is created: a member is in one tier at most.
 */
export function createTiers(ctx: Context, program: Campaign, body: readonly TierCreateRequest[]): LoyaltyTier[] {
  const all = loyaltyTiers(ctx.tenant);
  const taken = all.groupOf('campaign_id', program.id).map((t) => ({ name: t.name, range: t.points }));
  const now = timestamp(ctx.clock);
  const made: LoyaltyTier[] = [];
  body.forEach((request, index) => {
    const range: PointsRange = { from: request.points.from ?? 0, ...(request.points.to !== undefined ? { to: request.points.to } : {}) };
    if (range.to !== undefined && range.to < range.from) {
      throw invalidPayload(`Tier [${index}] "${request.name}": points.to (${range.to}) is below points.from (${range.from})`);
    }
    const clash = taken.find((t) => overlap(t.range, range));
    if (clash) throw invalidPayload(`Tier [${index}] "${request.name}": points ${rangeText(range)} overlap tier "${clash.name}" (${rangeText(clash.range)})`);
    taken.push({ name: request.name, range });
    made.push({
      id: 'ltr_' + ctx.ids.code(ALNUM, 24),
      name: request.name,
      campaign_id: program.id,
      metadata: request.metadata ?? {},
      created_at: now,
      updated_at: null,
      earning_rules: request.earning_rules ?? {},
      rewards: request.rewards ?? {},
      config: { points: range },
      points: range,
      object: 'loyalty_tier',
    });
  });
  for (const tier of made) all.put(tier);
  // Members of the program may now be in a tier they were not in.
  for (const card of programCards(ctx, program.id)) trackTier(ctx, card);
  return made;
}

const rangeText = (range: PointsRange) => `${range.from}–${range.to ?? '∞'}`;

/** The program's cards that have a holder: tiers are the holders'. */
function programCards(ctx: Context, programId: string): Voucher[] {
  return vouchers(ctx.tenant)
    .groupOf('campaign_id', programId)
    .filter((card) => card.holder_id);
}

export function getTier(ctx: Context, program: Campaign, tierId: string): LoyaltyTier {
  const tier = loyaltyTiers(ctx.tenant).get(tierId);
  if (!tier || tier.campaign_id !== program.id) throw notFound('loyalty_tier', tierId);
  return tier;
}

/** The program's tiers, lowest range first; `order` sorts by created_at or updated_at instead. */
export function programTiers(ctx: Context, programId: string): LoyaltyTier[] {
  return loyaltyTiers(ctx.tenant).groupOf('campaign_id', programId);
}

// ——— Which tier a member is in ———

/** The program's `loyalty_tiers_expiration`, as far as the mock reads it. */
interface TiersExpiration {
  qualification_type?: 'BALANCE' | 'POINTS_IN_PERIOD';
  qualification_period?: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';
  expiration_date?: { type?: 'END_OF_PERIOD' | 'END_OF_NEXT_PERIOD' | 'BALANCE_DROP' | 'CUSTOM'; extend?: string };
}

export type TierChangeType = 'joined' | 'upgraded' | 'downgraded' | 'left' | 'prolonged';

/** One move of a card's holder between tiers of its program. */
export interface TierChange {
  type: TierChangeType;
  card: Voucher;
  from: LoyaltyTier | null;
  to: LoyaltyTier | null;
  /** The holder's membership after the move; null once they left every tier. */
  membership: TierMembership | null;
}

export type TierChangeListener = (ctx: Context, change: TierChange) => void;

const listeners = new Set<TierChangeListener>();

/**
 * Calls `listener` inside the request for every tier move (customer.loyalty.tier.* earning rules
 * hang here); it may change points itself. Answers a function that removes it.
 */
export function onTierChange(listener: TierChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const MONTHS: Record<NonNullable<TiersExpiration['qualification_period']>, number> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };

/** The first day (UTC) of the calendar period of `months` months holding `date`, `shift` periods on. */
function periodStart(date: Date, months: number, shift = 0): Date {
  const month = Math.floor(date.getUTCMonth() / months) * months + shift * months;
  return new Date(Date.UTC(date.getUTCFullYear(), month, 1));
}

/** The months of a qualification period; a period the mock does not know counts as a YEAR (settings are stored as sent). */
const monthsOf = (period: unknown) => (typeof period === 'string' && Object.hasOwn(MONTHS, period) ? MONTHS[period as keyof typeof MONTHS] : 12);

const day = (date: Date) => date.toISOString().slice(0, 10);
/** The day before `date`; null when `date` is past what a Date holds (an `extend` of a million years). */
const dayBefore = (date: Date) => (Number.isNaN(date.getTime() - 1) ? null : day(new Date(date.getTime() - 24 * 60 * 60 * 1000)));

/** Adds an ISO 8601 duration of years, months, weeks and days (P3M, P1D, P1Y2M) to a day; other durations add nothing. */
export function addDuration(date: Date, duration: string | undefined): Date {
  const match = typeof duration !== 'string' ? null : /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!match) return date;
  const [, years = '0', months = '0', weeks = '0', days = '0'] = match;
  return new Date(Date.UTC(date.getUTCFullYear() + Number(years), date.getUTCMonth() + Number(months), date.getUTCDate() + 7 * Number(weeks) + Number(days)));
}

/** Earned points: what POINTS_IN_PERIOD qualification counts (spending and refunds do not). */
const EARNED = new Set(['POINTS_ADDITION', 'POINTS_ACCRUAL', 'POINTS_TRANSFER_IN', 'PENDING_POINTS_ACTIVATION']);

/** The points that place a card in a tier: its balance, or the points it earned in the current qualification period. */
function qualifyingPoints(ctx: Context, card: Voucher, settings: TiersExpiration | undefined, now: Date): number {
  if (settings?.qualification_type !== 'POINTS_IN_PERIOD') return card.loyalty_card?.balance ?? 0;
  const since = periodStart(now, monthsOf(settings.qualification_period)).toISOString();
  let earned = 0;
  for (const transaction of transactions(ctx.tenant).walkGroup('voucher_id', card.id, true)) {
    if (transaction.created_at < since) break;
    const points = transaction.details.balance.points ?? 0;
    if (EARNED.has(transaction.type) && points > 0) earned += points;
  }
  return earned;
}

/** The last day a tier reached today holds, by the program's expiration_date settings; null: while the points stay in range. */
function tierEnd(settings: TiersExpiration | undefined, now: Date): string | null {
  const type = settings?.expiration_date?.type;
  if (type !== 'END_OF_PERIOD' && type !== 'END_OF_NEXT_PERIOD') return null;
  const months = monthsOf(settings?.qualification_period);
  const end = periodStart(now, months, type === 'END_OF_PERIOD' ? 1 : 2);
  return dayBefore(addDuration(end, settings?.expiration_date?.extend));
}

/**
 * Places the card's holder in the tier its points reach, as the program's loyalty_tiers_expiration
 * says: qualification by BALANCE (the default) or POINTS_IN_PERIOD; a higher tier is reached at
 * once; a lower one follows at once with BALANCE_DROP (the default), after the tier's last day with
 * END_OF_PERIOD / END_OF_NEXT_PERIOD, or `extend` after the drop with CUSTOM. Records the move,
 * emits its customer.loyalty.tier.* event and calls the onTierChange listeners.
 * Cards without a holder and programs without tiers cost one lookup each.
 */
export function trackTier(ctx: Context, card: Voucher): void {
  if (card.type !== 'LOYALTY_CARD' || !card.campaign_id || !card.holder_id) return;
  const memberships = tierMemberships(ctx.tenant);
  const existing = memberships.get(card.id);
  if (!existing && loyaltyTiers(ctx.tenant).countOf('campaign_id', card.campaign_id) === 0) return;
  const program = campaigns(ctx.tenant).get(card.campaign_id);
  if (!program) return;
  const settings = program.loyalty_tiers_expiration as TiersExpiration | undefined;
  const now = ctx.clock();
  const today = day(now);
  const tiers = programTiers(ctx, program.id);
  const points = qualifyingPoints(ctx, card, settings, now);
  const target = tiers.find((t) => inRange(t.points, points)) ?? null;
  const held = existing ? (tiers.find((t) => t.id === existing.tier_id) ?? null) : null;
  const dated = existing?.expiration_date != null;
  const lasting = held !== null && dated && (existing?.expiration_date as string) >= today;
  const custom = settings?.expiration_date?.type === 'CUSTOM';
  const stamp = timestamp(ctx.clock);

  if (held && existing && (target === null || target.points.from < held.points.from)) {
    if (lasting) return;
    if (custom && !dated) {
      // CUSTOM: the tier holds for `extend` after the points drop below it.
      memberships.put({ ...existing, expiration_date: dayBefore(addDuration(new Date(`${today}T00:00:00Z`), settings?.expiration_date?.extend)), updated_at: stamp });
      return;
    }
  }
  if (held && existing && target?.id === held.id) {
    if (!dated || (lasting && !custom)) return;
    // Back in range after the tier's date (or, CUSTOM, before it ran out): it starts again.
    const renewed = { ...existing, start_date: today, expiration_date: custom ? null : tierEnd(settings, now), updated_at: stamp };
    memberships.put(renewed);
    announce(ctx, { type: 'prolonged', card, from: held, to: held, membership: renewed });
    return;
  }
  if (target?.id === held?.id) return;
  let membership: TierMembership | null = null;
  if (target) {
    membership = {
      id: card.id,
      customer_id: card.holder_id,
      campaign_id: program.id,
      tier_id: target.id,
      start_date: today,
      expiration_date: tierEnd(settings, now),
      created_at: existing?.created_at ?? stamp,
      updated_at: existing ? stamp : null,
    };
    memberships.put(membership);
  } else memberships.remove(card.id);
  const type: TierChangeType = !held ? 'joined' : !target ? 'left' : target.points.from > held.points.from ? 'upgraded' : 'downgraded';
  announce(ctx, { type, card, from: held, to: target, membership });
}

function announce(ctx: Context, change: TierChange): void {
  const { card, from, to } = change;
  ctx.events?.emit(`customer.loyalty.tier.${change.type}`, card.id, () => {
    const customer = card.holder_id ? customers(ctx.tenant).get(card.holder_id) : undefined;
    const program = card.campaign_id ? campaigns(ctx.tenant).get(card.campaign_id) : undefined;
    const moved = change.type === 'upgraded' || change.type === 'downgraded';
    return {
      ...(customer ? { customer: simpleCustomer(customer) } : {}),
      ...(program ? { campaign: simpleCampaign(program) } : {}),
      ...(moved ? { loyalty_tier_from: from, loyalty_tier_to: to } : { loyalty_tier: change.type === 'left' ? from : to }),
      created_at: timestamp(ctx.clock),
    };
  });
  for (const listener of listeners) listener(ctx, change);
}

/**
 * The card's tier with its `expiration` (Voucherify's member tiers list): none when the holder
 * is in no tier. Brings the card's tier up to date first (a dated tier may have run out).
 */
export function memberTiers(ctx: Context, card: Voucher) {
  trackTier(ctx, card);
  const membership = tierMemberships(ctx.tenant).get(card.id);
  const tier = membership ? loyaltyTiers(ctx.tenant).get(membership.tier_id) : undefined;
  const data = [];
  if (membership && tier) {
    const { id: _cardId, expiration_date, ...expiration } = membership;
    data.push({ ...tier, expiration: { ...expiration, ...(expiration_date !== null ? { expiration_date } : {}) } });
  }
  return { object: 'list' as const, data_ref: 'data' as const, data, total: data.length };
}

/** Deleting a program takes its tiers and memberships with it. */
export function removeProgramTiers(ctx: Context, programId: string): void {
  const memberships = tierMemberships(ctx.tenant);
  for (const membership of memberships.groupOf('campaign_id', programId)) memberships.remove(membership.id);
  const tiers = loyaltyTiers(ctx.tenant);
  for (const tier of tiers.groupOf('campaign_id', programId)) tiers.remove(tier.id);
}

// ——— What a tier changes: points earned and rewards' prices ———

/**
 * The tier the card's holder is in now (trackTier first: a dated tier may have run out), or
 * undefined when the card has no holder or the holder is in no tier. Earning and paying read it
 * before the points they change move the holder: the tier Voucherify names the holder's at the
 * moment of a transaction is the one they were in before the balance changed.
 */
export function currentTier(ctx: Context, card: Voucher): LoyaltyTier | undefined {
  if (card.type !== 'LOYALTY_CARD' || !card.holder_id) return undefined;
  const memberships = tierMemberships(ctx.tenant);
  if (memberships.size === 0 && (!card.campaign_id || loyaltyTiers(ctx.tenant).countOf('campaign_id', card.campaign_id) === 0)) return undefined;
  trackTier(ctx, vouchers(ctx.tenant).get(card.id) ?? card);
  const membership = memberships.get(card.id);
  return membership ? loyaltyTiers(ctx.tenant).get(membership.tier_id) : undefined;
}

/**
 * The points an earning rule gives in a tier, from what it gives without one (`points`): a
 * MULTIPLY mapping multiplies them (rounded down: the reference does not say how Voucherify rounds);
 * a CUSTOM mapping gives its own points instead, for a FIXED rule only (the reference gives a
 * CUSTOM mapping's points no meaning for a PROPORTIONAL rule, which earns its own points).
 */
export function tierEarnedPoints(mapping: TierMapping | undefined, ruleType: 'FIXED' | 'PROPORTIONAL', points: number): number {
  if (!mapping) return points;
  if (mapping.type === 'MULTIPLY') return Math.max(0, Math.floor(points * mapping.multiplier + 1e-9));
  return ruleType === 'FIXED' ? Math.max(0, mapping.points) : points;
}

/** The tier's mapping of an earning rule, if it maps it. */
export const ruleMapping = (tier: Pick<LoyaltyTier, 'earning_rules'> | undefined, ruleId: string): TierMapping | undefined =>
  tier && Object.hasOwn(tier.earning_rules, ruleId) ? tier.earning_rules[ruleId] : undefined;

/** The tier's mapping of a reward assignment: by the assignment's id, else by the reward's. */
export function rewardMapping(tier: Pick<LoyaltyTier, 'rewards'> | undefined, assignment: { id: string; reward_id: string }): TierMapping | undefined {
  if (!tier) return undefined;
  if (Object.hasOwn(tier.rewards, assignment.id)) return tier.rewards[assignment.id];
  return Object.hasOwn(tier.rewards, assignment.reward_id) ? tier.rewards[assignment.reward_id] : undefined;
}

/**
 * A reward's price in points in a tier, from the assignment's own price (undefined for a reward
 * priced otherwise, COIN): a CUSTOM mapping's points replace it, a MULTIPLY mapping multiplies it
 * (rounded down). A reward without a price of its own stays without one.
 */
export function tierRewardPrice(mapping: TierMapping | undefined, price: number | undefined): number | undefined {
  if (!mapping || price === undefined) return price;
  if (mapping.type === 'CUSTOM') return Math.max(0, mapping.points);
  return Math.max(0, Math.floor(price * mapping.multiplier + 1e-9));
}
