// Loyalty earning: the points a program's earning rules give a customer's loyalty cards when an
// order is paid, a custom event is tracked, the customer enters a segment or moves between loyalty
// tiers; and the pending points a rule with a waiting period leaves, activated by the mock's
// clock when their day comes (checked before the tenant's requests, domain/loyalty-due.ts, and when
// cards are looked up or earn; never by a timer).
//
// Every change of a card's points goes through recordTransaction (POINTS_ACCRUAL, and
// PENDING_POINTS_ACTIVATION when pending points activate).

import { VoucherifyError, notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { campaigns, customers, holders, orders, ruleAssignments, segments, validationRules, vouchers } from './collections.js';
import type { Context } from './context.js';
import { earnedOrders, earningRules, pendingPoints, type EarningRatio, type EarningRule, type PendingPoints } from './earning-records.js';
import { calculateOrder, type CalculatedItem, type CalculatedOrder, type OrderItemInput } from './orders.js';
import type { Campaign, Customer, Metadata, Order, Validity, Voucher } from './records.js';
import { evaluateRule, matcher } from './rules.js';
import { currentTier, ruleMapping, tierEarnedPoints, type LoyaltyTier } from './loyalty-tiers.js';
import { isMember } from './segments.js';
import { recordTransaction } from './transactions.js';
import { inValidityWindows } from './validity.js';

/** What earned: the event (as transactions name it) and what the rules read. */
interface Occasion {
  event: { id: string; type: string };
  customer: Customer | undefined;
  order?: Order;
  /** A custom event's metadata (CUSTOM_EVENT_METADATA). */
  eventMetadata?: Metadata;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The events Voucherify raises itself; any other name of an earning rule is a custom event. */
export const TIER_EVENTS = ['customer.loyalty.tier.joined', 'customer.loyalty.tier.left', 'customer.loyalty.tier.upgraded', 'customer.loyalty.tier.downgraded', 'customer.loyalty.tier.prolonged'];
export const BUILT_IN_EVENTS = new Set(['order.paid', 'customer.segment.entered', ...TIER_EVENTS]);

/** An id that grows with time, as Voucherify's hex ids do (evcus_…, lopp_…): the transactions' sequence with another prefix. */
const hexId = (ctx: Context, prefix: string) => prefix + ctx.ids.transaction().slice('vtx_'.length);

/** A new event of `type`, as the earned transactions and pending points name it. */
const newEvent = (ctx: Context, type: string) => ({ id: hexId(ctx, 'evcus_'), type });

// ---- when a rule applies ----------------------------------------------------------------------

const before = (date: string | null | undefined, now: number) => typeof date === 'string' && now < Date.parse(date);
const after = (date: string | null | undefined, now: number) => typeof date === 'string' && now > Date.parse(date);

/**
 * An earning rule gives points while it is active, within its own dates (else its program's) and
 * its recurring windows, its program is active and within its dates, and the card is active.
 */
function ruleApplies(ctx: Context, rule: EarningRule, program: { active?: boolean } & Validity, card: Voucher): boolean {
  if (!rule.active || program.active === false || card.active === false) return false;
  const at = ctx.clock();
  const now = at.getTime();
  if (before(rule.start_date ?? program.start_date, now) || after(rule.expiration_date ?? program.expiration_date, now)) return false;
  if (before(card.start_date, now) || after(card.expiration_date, now)) return false;
  return inValidityWindows(rule as Validity, at);
}

/** The earning rule's validation rules (its validation_rule_id and any assignment to it) hold. */
function conditionsHold(ctx: Context, rule: EarningRule, occasion: Occasion, calculated: () => CalculatedOrder): boolean {
  const ids: string[] = [];
  if (rule.validation_rule_id) ids.push(rule.validation_rule_id);
  if (ruleAssignments(ctx.tenant).size > 0) {
    for (const assignment of ruleAssignments(ctx.tenant).groupOf('related_object_id', rule.id)) if (!ids.includes(assignment.rule_id)) ids.push(assignment.rule_id);
  }
  if (ids.length === 0) return true;
  const facts = {
    ctx,
    customer: occasion.customer,
    customerMetadata: occasion.customer?.metadata,
    order: calculated(),
    orderMetadata: occasion.order?.metadata,
  };
  for (const id of ids) {
    const validationRule = validationRules(ctx.tenant).get(id);
    // A rule deleted since: nothing can be checked, so the earning rule gives nothing.
    if (!validationRule || evaluateRule(validationRule, facts)) return false;
  }
  return true;
}

// ---- how many points ---------------------------------------------------------------------------

const numberOf = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : 0);

/** The order's items the ratio counts: those of its product, SKU or collection (or any of applicable_to). */
function countedItems(ctx: Context, ratio: EarningRatio, items: CalculatedItem[]): CalculatedItem[] {
  const targets = ratio.applicable_to && ratio.applicable_to.length > 0 ? ratio.applicable_to : ratio.object && ratio.id ? [{ object: ratio.object, id: ratio.id }] : [];
  const tests = targets.map((target) => matcher(ctx, target));
  return items.filter((item) => tests.some((test) => test(item)));
}

/** The value a PROPORTIONAL rule counts and its ratio; undefined when the occasion has none. */
function proportionalValue(ctx: Context, rule: EarningRule, occasion: Occasion, calculated: () => CalculatedOrder): { value: number; ratio: EarningRatio } | undefined {
  const { loyalty } = rule;
  const order = occasion.order;
  const sum = (ratio: EarningRatio | undefined, read: (item: CalculatedItem) => number) =>
    ratio && order ? { value: countedItems(ctx, ratio, calculated().items).reduce((total, item) => total + read(item), 0), ratio } : undefined;
  switch (loyalty.calculation_type) {
    case 'ORDER_AMOUNT':
      return order && loyalty.order?.amount ? { value: order.amount, ratio: loyalty.order.amount } : undefined;
    case 'ORDER_TOTAL_AMOUNT':
      return order && loyalty.order?.total_amount ? { value: order.total_amount, ratio: loyalty.order.total_amount } : undefined;
    case 'ORDER_METADATA': {
      const ratio = loyalty.order?.metadata;
      return order && ratio ? { value: numberOf(order.metadata?.[ratio.property ?? '']), ratio } : undefined;
    }
    case 'ORDER_ITEMS_QUANTITY':
      return sum(loyalty.order_items?.quantity, (item) => item.quantity);
    case 'ORDER_ITEMS_AMOUNT':
      return sum(loyalty.order_items?.amount, (item) => item.amount);
    case 'ORDER_ITEMS_SUBTOTAL_AMOUNT':
      return sum(loyalty.order_items?.subtotal_amount, (item) => item.amount - item.discount_amount);
    case 'CUSTOMER_METADATA': {
      const ratio = loyalty.customer?.metadata;
      return ratio ? { value: numberOf(occasion.customer?.metadata?.[ratio.property ?? '']), ratio } : undefined;
    }
    case 'CUSTOM_EVENT_METADATA': {
      const ratio = loyalty.custom_event?.metadata;
      return ratio ? { value: numberOf(occasion.eventMetadata?.[ratio.property ?? '']), ratio } : undefined;
    }
    default:
      return undefined;
  }
}

/** FIXED: the rule's points. PROPORTIONAL: `points` for every whole `every` of the value (never negative). */
function rulePoints(ctx: Context, rule: EarningRule, occasion: Occasion, calculated: () => CalculatedOrder): number {
  if (rule.loyalty.type === 'FIXED') return Math.max(0, rule.loyalty.points ?? 0);
  const counted = proportionalValue(ctx, rule, occasion, calculated);
  if (!counted || counted.ratio.every <= 0 || counted.value <= 0) return 0;
  return Math.floor(counted.value / counted.ratio.every) * counted.ratio.points;
}

/** What the rule gives a member of `tier` (none: no tier): its own points, as the tier maps them (loyalty-tiers.ts). */
export function pointsOf(ctx: Context, rule: EarningRule, occasion: Occasion, calculated: () => CalculatedOrder, tier: LoyaltyTier | undefined): number {
  return tierEarnedPoints(ruleMapping(tier, rule.id), rule.loyalty.type, rulePoints(ctx, rule, occasion, calculated));
}

// ---- giving points -----------------------------------------------------------------------------

const ruleRef = (rule: EarningRule) => ({ id: rule.id, source: rule.source.banner !== undefined ? { banner: rule.source.banner } : {} });

const orderRef = (order: Order) => ({ id: order.id, source_id: order.source_id });

/** Adds points to the card now: a POINTS_ACCRUAL transaction naming the event, the rule, the order and the tier whose mapping counted them. */
function accrue(ctx: Context, cardId: string, points: number, rule: EarningRule, occasion: Occasion, mappedBy: LoyaltyTier | undefined): void {
  const card = vouchers(ctx.tenant).get(cardId);
  if (!card) return;
  const current = card.loyalty_card ?? { points: 0, balance: 0 };
  const next = vouchers(ctx.tenant).put({
    ...card,
    loyalty_card: { ...current, points: current.points + points, balance: current.balance + points },
    updated_at: timestamp(ctx.clock),
  });
  recordTransaction(ctx, next, {
    type: 'POINTS_ACCRUAL',
    change: points,
    source: 'Automation',
    ...(occasion.order ? { order: orderRef(occasion.order) } : {}),
    event: occasion.event,
    earning_rule: ruleRef(rule),
    ...(mappedBy ? { loyalty_tier: { id: mappedBy.id, name: mappedBy.name } } : {}),
  });
}

/** The day (YYYY-MM-DD, UTC) `days` days after now. */
const dayAfter = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** Changes the card's shown pending points by `change` (no transaction: its balance does not change). */
function changePendingOnCard(ctx: Context, cardId: string, change: number): Voucher | undefined {
  const card = vouchers(ctx.tenant).get(cardId);
  if (!card?.loyalty_card) return card;
  const pending = Math.max(0, (card.loyalty_card.pending_points ?? 0) + change);
  return vouchers(ctx.tenant).put({ ...card, loyalty_card: { ...card.loyalty_card, pending_points: pending } });
}

/** Points that wait `period_value` days as pending points of the card (order.paid rules only). */
function addPending(ctx: Context, card: Voucher, points: number, rule: EarningRule, occasion: Occasion & { order: Order }, days: number, tier: LoyaltyTier | undefined): void {
  const now = timestamp(ctx.clock);
  pendingPoints(ctx.tenant).put({
    id: hexId(ctx, 'lopp_'),
    voucher_id: card.id,
    campaign_id: card.campaign_id as string,
    customer_id: occasion.customer?.id ?? (card.holder_id as string),
    order_id: occasion.order.id,
    points,
    activates_at: dayAfter(ctx.clock(), days),
    details: {
      event: { ...occasion.event, type: 'customer.order.paid', group_id: ctx.requestId, entity_id: occasion.customer?.id ?? '', created_at: now, category: 'EFFECT', event_source: { channel: 'API' } },
      earning_rule: ruleRef(rule),
      order: orderRef(occasion.order),
      // The tier the holder was in when the pending points were made.
      ...(tier ? { holder_loyalty_tier: { id: tier.id, name: tier.name } } : {}),
    },
    created_at: now,
    status: 'PENDING',
  });
  changePendingOnCard(ctx, card.id, points);
}

/**
 * The card earns by each of `rules` that applies and whose conditions hold, as the tier its holder
 * is in maps them: the tier they are in before these points move them (for a tier event, the tier
 * the move reached; none after leaving every tier).
 */
function earnByRules(ctx: Context, card: Voucher, rules: EarningRule[], occasion: Occasion): void {
  if (rules.length === 0) return;
  const program = campaigns(ctx.tenant).get(card.campaign_id ?? '');
  if (!program) return;
  settleDuePendingPoints(ctx, card);
  const tier = currentTier(ctx, card);
  let calculatedOrder: CalculatedOrder | undefined;
  const calculated = () =>
    (calculatedOrder ??= occasion.order
      ? calculateOrder({ amount: occasion.order.amount, discount_amount: occasion.order.discount_amount, items: itemInputs(occasion.order) })
      : calculateOrder({}));
  for (const rule of rules) {
    if (!ruleApplies(ctx, rule, program, card) || !conditionsHold(ctx, rule, occasion, calculated)) continue;
    const points = pointsOf(ctx, rule, occasion, calculated, tier);
    if (points <= 0) continue;
    if (rule.pending_points && occasion.order) addPending(ctx, card, points, rule, { ...occasion, order: occasion.order }, rule.pending_points.period_value, tier);
    else accrue(ctx, card.id, points, rule, occasion, ruleMapping(tier, rule.id) ? tier : undefined);
  }
}

/** A stored order's items as the order maths takes them (what order-records.ts's itemInputs does, without importing it: it stores orders, which earn). */
const itemInputs = (order: Order): OrderItemInput[] =>
  (order.items ?? []).map(({ object: _object, subtotal_amount: _subtotal, applied_discount_amount: _applied, ...item }) => item as OrderItemInput);

/** The loyalty cards the customer holds (as OWNER), oldest holding first. */
function cardsOf(ctx: Context, customerId: string): Voucher[] {
  const cards: Voucher[] = [];
  for (const holder of holders(ctx.tenant).groupOf('customer_id', customerId)) {
    if (holder.voucher_type !== 'LOYALTY_CARD' || holder.holder_role !== 'OWNER') continue;
    const card = vouchers(ctx.tenant).get(holder.redeemable_id);
    if (card && card.holder_id === customerId) cards.push(card);
  }
  return cards;
}

/** The rules of the card's program for `event`, oldest first. */
const programRules = (ctx: Context, card: Voucher, event: string) => earningRules(ctx.tenant).groupOf('campaign_id', card.campaign_id ?? '').filter((rule) => rule.event === event);

// ---- the occasions ---------------------------------------------------------------------------

/**
 * An order is about to be stored: when it becomes PAID (created PAID, updated to PAID, or stored
 * by a redemption), each loyalty card of its customer earns by its program's order.paid rules. An
 * order earns once: updating it while PAID, or paying it again after a cancel, earns nothing.
 * Costs one lookup while the tenant has no rules.
 */
export function earnOnOrderPaid(ctx: Context, order: Order): void {
  const rules = earningRules(ctx.tenant);
  if (rules.size === 0 || order.status !== 'PAID' || !order.customer_id) return;
  if (rules.countOf('event', 'order.paid') === 0) return;
  if (earnedOrders(ctx.tenant).get(order.id) || orders(ctx.tenant).get(order.id)?.status === 'PAID') return;
  earnedOrders(ctx.tenant).put({ id: order.id, created_at: timestamp(ctx.clock) });
  const customer = customers(ctx.tenant).get(order.customer_id);
  const cards = cardsOf(ctx, order.customer_id);
  if (cards.length === 0) return;
  const occasion: Occasion = { event: newEvent(ctx, 'customer.order.paid'), customer, order };
  for (const card of cards) earnByRules(ctx, card, programRules(ctx, card, 'order.paid'), occasion);
}

/**
 * A custom event: the named card (loyalty.code), or every card the customer holds, earns by its
 * program's rules for the event's name.
 */
export function earnOnCustomEvent(ctx: Context, name: string, customer: Customer, cards: Voucher[], metadata: Metadata | undefined): void {
  const rules = earningRules(ctx.tenant);
  // An event named like one of Voucherify's own (order.paid…) is no custom event: their rules earn by what happens.
  if (rules.size === 0 || rules.countOf('event', name) === 0 || BUILT_IN_EVENTS.has(name)) return;
  const occasion: Occasion = { event: newEvent(ctx, name), customer, eventMetadata: metadata ?? {} };
  for (const card of cards) earnByRules(ctx, card, programRules(ctx, card, name), occasion);
}

/** The cards a custom event earns on: the one named, else every card the customer holds. */
export function customEventCards(ctx: Context, customer: Customer, code: string | undefined): Voucher[] {
  if (code === undefined) return cardsOf(ctx, customer.id);
  const card = vouchers(ctx.tenant).findBy('code', code) ?? vouchers(ctx.tenant).get(code);
  if (!card) throw notFound('voucher', code);
  if (card.type !== 'LOYALTY_CARD') throw new VoucherifyError(400, 'invalid_voucher', 'Invalid voucher', { details: `Voucher ${card.code} is not a loyalty card` });
  return [card];
}

/**
 * A customer was created or changed (`before` is undefined for a new one): for every
 * customer.segment.entered rule whose segment the customer belongs to now but did not before,
 * the customer's cards in the rule's program earn, once per entry (leaving and entering again
 * earns again). Costs one lookup while the tenant has no rules.
 */
export function earnOnCustomerChange(ctx: Context, previous: Customer | undefined, customer: Customer): void {
  const rules = earningRules(ctx.tenant);
  if (rules.size === 0 || rules.countOf('event', 'customer.segment.entered') === 0) return;
  let cards: Voucher[] | undefined;
  let event: Occasion['event'] | undefined;
  for (const rule of rules.groupOf('event', 'customer.segment.entered')) {
    const segment = rule.segment ? segments(ctx.tenant).get(rule.segment.id) : undefined;
    if (!segment || !isMember(ctx, segment, customer) || (previous && isMember(ctx, segment, previous))) continue;
    cards ??= cardsOf(ctx, customer.id);
    event ??= newEvent(ctx, 'customer.segment.entered');
    for (const card of cards) if (card.campaign_id === rule.source.object_id) earnByRules(ctx, card, [rule], { event, customer });
  }
}

/**
 * A loyalty tier move of the card: `eventName` is customer.loyalty.tier.joined, left, upgraded,
 * downgraded or prolonged. The card earns by its program's rules for that event whose
 * loyalty_tier is `tierId`, `__ANY__` (any tier of the program) or none. For the loyalty tiers to
 * call when a card moves.
 */
export function earnOnTierEvent(ctx: Context, card: Voucher, eventName: string, tierId: string): void {
  const rules = earningRules(ctx.tenant);
  if (rules.size === 0 || rules.countOf('event', eventName) === 0) return;
  const matching = programRules(ctx, card, eventName).filter((rule) => !rule.loyalty_tier || rule.loyalty_tier.id === tierId || rule.loyalty_tier.id === '__ANY__');
  const customer = card.holder_id ? customers(ctx.tenant).get(card.holder_id) : undefined;
  earnByRules(ctx, card, matching, { event: newEvent(ctx, eventName), customer });
}

// ---- pending points ----------------------------------------------------------------------------

/** The card as it is now, with its pending points due by the mock's clock activated first. */
export function settleDuePendingPoints(ctx: Context, card: Voucher): Voucher {
  const all = pendingPoints(ctx.tenant);
  if (all.size === 0 || all.countOf('pending_voucher', card.id) === 0) return card;
  const today = ctx.clock().toISOString().slice(0, 10);
  for (const pending of all.groupOf('pending_voucher', card.id)) if (pending.activates_at <= today) activatePending(ctx, pending);
  return vouchers(ctx.tenant).get(card.id) ?? card;
}

/** Activates the due pending points of a program's cards (before listing them). */
export function settleProgramPendingPoints(ctx: Context, programId: string): void {
  const all = pendingPoints(ctx.tenant);
  if (all.size === 0) return;
  const today = ctx.clock().toISOString().slice(0, 10);
  for (const pending of all.groupOf('campaign_id', programId)) if (pending.status === 'PENDING' && pending.activates_at <= today) activatePending(ctx, pending);
}

/**
 * Moves pending points onto the card's balance: a PENDING_POINTS_ACTIVATION transaction naming
 * the order, the event and the rule, as the accrual would have. Answers the card after it.
 */
export function activatePending(ctx: Context, pending: PendingPoints): Voucher | undefined {
  const now = timestamp(ctx.clock);
  pendingPoints(ctx.tenant).put({ ...pending, status: 'ACTIVATED', updated_at: now });
  const card = vouchers(ctx.tenant).get(pending.voucher_id);
  if (!card) return undefined;
  const current = card.loyalty_card ?? { points: 0, balance: 0 };
  const next = vouchers(ctx.tenant).put({
    ...card,
    loyalty_card: {
      ...current,
      points: current.points + pending.points,
      balance: current.balance + pending.points,
      pending_points: Math.max(0, (current.pending_points ?? 0) - pending.points),
    },
    updated_at: now,
  });
  recordTransaction(ctx, next, {
    type: 'PENDING_POINTS_ACTIVATION',
    change: pending.points,
    source: 'Automation',
    order: pending.details.order,
    event: { id: pending.details.event.id, type: pending.details.event.type },
    earning_rule: pending.details.earning_rule,
  });
  return next;
}

/** Cancels pending points: they never reach the card. */
export function cancelPending(ctx: Context, pending: PendingPoints): void {
  pendingPoints(ctx.tenant).put({ ...pending, status: 'CANCELED', updated_at: timestamp(ctx.clock) });
  changePendingOnCard(ctx, pending.voucher_id, -pending.points);
}

/** Changes pending points by `change`; what is left must stay above zero (the caller checks). */
export function adjustPending(ctx: Context, pending: PendingPoints, change: number): PendingPoints {
  const next = pendingPoints(ctx.tenant).put({ ...pending, points: pending.points + change, updated_at: timestamp(ctx.clock) });
  changePendingOnCard(ctx, pending.voucher_id, change);
  return next;
}

// ---- estimation ----------------------------------------------------------------------------------

/**
 * The points the program's order.paid rules would give for `order` now (POST
 * /v1/loyalties/{campaignId}/qualifications): the same rules, windows, validation rules and
 * calculations as a payment (as the card holder's tier maps them), pending ones counted too,
 * nothing written. `card` is the customer's card, or undefined for a customer the program would auto-join.
 */
export function estimateOrderPoints(ctx: Context, program: Campaign, card: Voucher | undefined, customer: Customer | undefined, order: Order): number {
  const rules = earningRules(ctx.tenant);
  if (rules.size === 0) return 0;
  const occasion: Occasion = { event: { id: '', type: 'customer.order.paid' }, customer, order };
  let calculatedOrder: CalculatedOrder | undefined;
  const calculated = () => (calculatedOrder ??= calculateOrder({ amount: order.amount, discount_amount: order.discount_amount, items: itemInputs(order) }));
  const subject = card ?? ({ active: true } as Voucher);
  const tier = card ? currentTier(ctx, card) : undefined;
  let points = 0;
  for (const rule of rules.groupOf('campaign_id', program.id)) {
    if (rule.event !== 'order.paid' || !ruleApplies(ctx, rule, program, subject) || !conditionsHold(ctx, rule, occasion, calculated)) continue;
    points += pointsOf(ctx, rule, occasion, calculated, tier);
  }
  return points;
}
