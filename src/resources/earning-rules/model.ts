// A loyalty program's earning rules (ern_…) and the pending points they leave on cards (lopp_…).

import { customers, orders, segments, validationRules } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { TIER_EVENTS, activatePending, adjustPending, cancelPending, estimateOrderPoints, settleProgramPendingPoints } from '../../domain/earning.js';
import { heldVoucherOf } from '../../domain/holders.js';
import { earningRules, pendingPoints, type EarningLoyalty, type EarningRatio, type EarningRule, type PendingPoints } from '../../domain/earning-records.js';
import { findCampaign, findVoucher } from '../../domain/lookups.js';
import { ruleMapping, tierEarnedPoints, type LoyaltyTier } from '../../domain/loyalty-tiers.js';
import { calculateOrder, orderView, type OrderItemInput } from '../../domain/orders.js';
import type { Campaign, Order, Voucher } from '../../domain/records.js';
import { removeAssignmentsOf } from '../../domain/rules.js';
import { parseDuration } from '../../domain/validity.js';
import { VoucherifyError, invalidPayload, notFound } from '../../errors.js';
import { cursorPage, type CursorPageQuery } from '../../lists/cursor-page.js';
import { numberedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { ALNUM } from '../../store/ids.js';
import { timestamp } from '../../store/clock.js';

type CreateBody = RequestBody<'create-earning-rule'>[number];
type UpdateBody = RequestBody<'update-earning-rule'>;

/** A loyalty program by id or name; any other campaign is not found here. */
export function getProgram(ctx: Context, idOrName: string): Campaign {
  const campaign = findCampaign(ctx, idOrName);
  if (!campaign || campaign.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', idOrName);
  return campaign;
}

/** The program's earning rule; a rule of another program is not found here. */
export function getRule(ctx: Context, program: Campaign, id: string): EarningRule {
  const rule = earningRules(ctx.tenant).get(id);
  if (!rule || rule.source.object_id !== program.id) throw notFound('earning_rule', id);
  return rule;
}

// ---- what a rule may say -----------------------------------------------------------------------

const ORDER_PAID = 'order.paid';
const SEGMENT_ENTERED = 'customer.segment.entered';

/** Where each calculation type reads its ratio: the loyalty object's group and key. */
const RATIOS: Record<NonNullable<EarningLoyalty['calculation_type']>, [group: 'order' | 'order_items' | 'customer' | 'custom_event', key: string]> = {
  ORDER_AMOUNT: ['order', 'amount'],
  ORDER_TOTAL_AMOUNT: ['order', 'total_amount'],
  ORDER_METADATA: ['order', 'metadata'],
  ORDER_ITEMS_QUANTITY: ['order_items', 'quantity'],
  ORDER_ITEMS_AMOUNT: ['order_items', 'amount'],
  ORDER_ITEMS_SUBTOTAL_AMOUNT: ['order_items', 'subtotal_amount'],
  CUSTOMER_METADATA: ['customer', 'metadata'],
  CUSTOM_EVENT_METADATA: ['custom_event', 'metadata'],
};

const GROUP_WORDS = { order: 'order', order_items: 'order items', customer: 'customer', custom_event: 'custom event' } as const;

/** The calculation types an event can compute: an order's for order.paid, an event's metadata for custom events, the customer's for all. */
function allowedCalculations(event: string): string[] {
  if (event === ORDER_PAID) return Object.keys(RATIOS).filter((type) => type !== 'CUSTOM_EVENT_METADATA');
  if (event === SEGMENT_ENTERED || TIER_EVENTS.includes(event)) return ['CUSTOMER_METADATA'];
  return ['CUSTOM_EVENT_METADATA', 'CUSTOMER_METADATA'];
}

/** The loyalty part as stored: FIXED with its points, or PROPORTIONAL with the one ratio its calculation type reads. */
function checkedLoyalty(event: string, loyalty: EarningLoyalty): EarningLoyalty {
  if (loyalty.type === 'FIXED') {
    if ((loyalty as { points_formula?: string }).points_formula !== undefined) throw invalidPayload('Property loyalty.points_formula is not supported by mock-voucherify: send points');
    if (loyalty.points === undefined) throw invalidPayload("Loyalty FIXED rules must contain property 'points'");
    return { type: 'FIXED', points: loyalty.points };
  }
  const calculation = loyalty.calculation_type;
  if (calculation === undefined) throw invalidPayload("Loyalty PROPORTIONAL rules must contain property 'calculation_type'");
  if (!allowedCalculations(event).includes(calculation)) throw invalidPayload(`Calculation type ${calculation} cannot be used with event ${event}`);
  const [group, key] = RATIOS[calculation];
  const ratio = (loyalty[group] as Record<string, EarningRatio | undefined> | undefined)?.[key];
  if (!ratio) throw invalidPayload(`Loyalty ${GROUP_WORDS[group]} rules must contain one of the following properties - '${key}'`);
  if ((ratio as { points_formula?: string }).points_formula !== undefined) throw invalidPayload(`Property loyalty.${group}.${key}.points_formula is not supported by mock-voucherify: send points`);
  if (key === 'metadata' && ratio.property === undefined) throw invalidPayload(`Property loyalty.${group}.metadata.property is required for ${calculation}`);
  if (group === 'order_items' && !(ratio.applicable_to && ratio.applicable_to.length > 0) && !(ratio.object && ratio.id)) {
    throw invalidPayload(`Property loyalty.order_items.${key} must name the items that count: object and id, or applicable_to`);
  }
  return { type: 'PROPORTIONAL', calculation_type: calculation, [group]: { [key]: ratio } };
}

/** The dates and windows: a timeframe needs a start date and readable durations; expiration after start. */
function checkValidity(rule: Pick<EarningRule, 'start_date' | 'expiration_date' | 'validity_timeframe'>): void {
  if (rule.validity_timeframe) {
    if (!rule.start_date) throw invalidPayload('Property validity_timeframe requires start_date');
    for (const part of ['duration', 'interval'] as const) {
      const text = rule.validity_timeframe[part];
      if (text === undefined || !parseDuration(text)) throw invalidPayload(`Property validity_timeframe.${part} must be an ISO 8601 duration, e.g. PT1H or P1D`);
    }
  }
  if (rule.start_date && rule.expiration_date && Date.parse(rule.expiration_date) <= Date.parse(rule.start_date)) {
    throw invalidPayload('Property expiration_date must be after start_date');
  }
}

/** The rule's own checks: what its event needs, and that what it names exists. */
function checkRule(ctx: Context, rule: EarningRule): void {
  if (rule.event === SEGMENT_ENTERED) {
    if (!rule.segment) throw invalidPayload(`Property 'segment' is required for event ${SEGMENT_ENTERED}`);
    if (!segments(ctx.tenant).get(rule.segment.id)) throw notFound('segment', rule.segment.id);
  }
  if (TIER_EVENTS.includes(rule.event) && !rule.loyalty_tier) throw invalidPayload(`Property 'loyalty_tier' is required for event ${rule.event}`);
  if (rule.pending_points && rule.event !== ORDER_PAID) throw invalidPayload(`Pending points can be used only with the ${ORDER_PAID} event`);
  if (rule.validation_rule_id && !validationRules(ctx.tenant).get(rule.validation_rule_id)) throw notFound('validation_rule', rule.validation_rule_id);
  checkValidity(rule);
}

/** The fields a create or update sends, in the order Voucherify shows a rule; unset ones left out. */
function shaped(rule: EarningRule): EarningRule {
  const { id, created_at, updated_at, validation_rule_id, loyalty, event, custom_event, segment, loyalty_tier, pending_points, source, active, object, automation_id, metadata } = rule;
  const optional = <K extends keyof EarningRule>(key: K) => (rule[key] === undefined || rule[key] === null ? {} : { [key]: rule[key] });
  return {
    id,
    created_at,
    updated_at,
    validation_rule_id,
    loyalty,
    event,
    ...(custom_event ? { custom_event } : {}),
    ...(segment ? { segment } : {}),
    ...(loyalty_tier ? { loyalty_tier } : {}),
    ...(pending_points ? { pending_points } : {}),
    source,
    active,
    ...optional('start_date'),
    ...optional('expiration_date'),
    ...optional('validity_timeframe'),
    ...optional('validity_day_of_week'),
    ...optional('validity_hours'),
    ...optional('expiration_rules'),
    object,
    automation_id,
    metadata,
  } as EarningRule;
}

/** Sent fields over the rule's own; null clears what may be cleared. */
function withFields(rule: EarningRule, body: UpdateBody | CreateBody): EarningRule {
  const next = { ...rule } as Record<string, unknown>;
  for (const key of ['start_date', 'expiration_date', 'validity_timeframe', 'validity_day_of_week', 'validity_hours', 'expiration_rules', 'pending_points', 'metadata', 'active'] as const) {
    const value = (body as Record<string, unknown>)[key];
    if (value !== undefined) next[key] = value === null ? undefined : value;
  }
  if (body.validation_rule_id !== undefined) next.validation_rule_id = body.validation_rule_id;
  if (body.source?.banner !== undefined) next.source = { ...rule.source, banner: body.source.banner };
  if (body.start_date) next.start_date = new Date(body.start_date).toISOString();
  if (body.expiration_date) next.expiration_date = new Date(body.expiration_date).toISOString();
  if (body.loyalty !== undefined) next.loyalty = checkedLoyalty(rule.event, body.loyalty as EarningLoyalty);
  return shaped(next as unknown as EarningRule);
}

/** POST: every rule of the array is checked and created, or (one refused) none. */
export function createRules(ctx: Context, program: Campaign, body: RequestBody<'create-earning-rule'>): EarningRule[] {
  return body.map((sent) => {
    const base: EarningRule = {
      id: 'ern_' + ctx.ids.code(ALNUM, 24),
      created_at: timestamp(ctx.clock),
      updated_at: null,
      validation_rule_id: null,
      loyalty: { type: 'FIXED', points: 0 },
      event: sent.event,
      ...(sent.custom_event ? { custom_event: sent.custom_event } : {}),
      ...(sent.segment ? { segment: { id: sent.segment.id } } : {}),
      ...(sent.loyalty_tier ? { loyalty_tier: { id: sent.loyalty_tier.id } } : {}),
      source: { object_id: program.id, object_type: 'campaign' },
      active: true,
      object: 'earning_rule',
      automation_id: 'auto_' + ctx.ids.code(ALNUM, 24),
      metadata: {},
    };
    const rule = withFields(base, sent);
    checkRule(ctx, rule);
    return earningRules(ctx.tenant).put(rule);
  });
}

export function updateRule(ctx: Context, rule: EarningRule, body: UpdateBody): EarningRule {
  const next = withFields({ ...rule, updated_at: timestamp(ctx.clock) }, body);
  checkRule(ctx, next);
  return earningRules(ctx.tenant).put(next);
}

export function setActive(ctx: Context, rule: EarningRule, active: boolean): EarningRule {
  return earningRules(ctx.tenant).put({ ...rule, active, updated_at: timestamp(ctx.clock) });
}

/** The rule is gone, and its validation rule assignments with it; points it gave stay. */
export function deleteRule(ctx: Context, rule: EarningRule): void {
  earningRules(ctx.tenant).remove(rule.id);
  removeAssignmentsOf(ctx, rule.id);
}

export function listRules(ctx: Context, program: Campaign, query: RequestQuery<'list-earning-rules'>) {
  const rules = earningRules(ctx.tenant).groupOf('campaign_id', program.id);
  const { items, total } = numberedPage(rules, query, query.order ?? '-created_at');
  return { object: 'list' as const, data_ref: 'data' as const, data: items, total };
}

/**
 * GET /v1/loyalties/{campaignId}/tiers/{loyaltyTierId}/earning-rules: the program's rules but those
 * restricted to another tier, oldest first; a FIXED rule the tier maps shows the points a member of
 * the tier earns by it (tierEarnedPoints, as earning counts them). A PROPORTIONAL rule shows its
 * own ratio: a MULTIPLY mapping multiplies what the ratio gives, which no ratio can show.
 */
export function listTierRules(ctx: Context, program: Campaign, tier: LoyaltyTier, query: { limit?: number; page?: number }) {
  const rules = earningRules(ctx.tenant)
    .groupOf('campaign_id', program.id)
    .filter((rule) => !rule.loyalty_tier || rule.loyalty_tier.id === tier.id || rule.loyalty_tier.id === '__ANY__')
    .map((rule): EarningRule => {
      const mapping = ruleMapping(tier, rule.id);
      if (!mapping || rule.loyalty.type !== 'FIXED') return rule;
      return { ...rule, loyalty: { ...rule.loyalty, points: tierEarnedPoints(mapping, 'FIXED', Math.max(0, rule.loyalty.points ?? 0)) } };
    });
  const { items, total } = numberedPage(rules, query, 'created_at');
  return { object: 'list' as const, data_ref: 'data' as const, data: items, total };
}

// ---- pending points ------------------------------------------------------------------------------

/** The loyalty card a member path names, checked against the program when it names one; due pending points activated. */
export function resolveCard(ctx: Context, memberId: string, campaignId?: string): Voucher {
  const program = campaignId !== undefined ? getProgram(ctx, campaignId) : undefined;
  // findVoucher activates a card's due pending points.
  const card = findVoucher(ctx, memberId);
  if (!card || (program && card.campaign_id !== program.id)) throw notFound('voucher', memberId);
  if (card.type !== 'LOYALTY_CARD') throw new VoucherifyError(400, 'invalid_voucher', 'Invalid voucher', { details: `Voucher ${card.code} is not a loyalty card` });
  return card;
}

/** The pending points as the API shows them (their status is the mock's own). */
const pendingView = ({ status: _status, ...view }: PendingPoints) => view;

const pendingList = (page: { data: PendingPoints[]; has_more: boolean; more_starting_after?: string }) => ({
  object: 'list' as const,
  data_ref: 'data' as const,
  data: page.data.map(pendingView),
  has_more: page.has_more,
  ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}),
});

const waiting = (p: PendingPoints) => p.status === 'PENDING';

export function listCardPending(ctx: Context, card: Voucher, query: CursorPageQuery) {
  const all = pendingPoints(ctx.tenant);
  return pendingList(cursorPage((descending) => all.walkGroup('voucher_id', card.id, descending), query, undefined, waiting));
}

export function listProgramPending(ctx: Context, program: Campaign, query: CursorPageQuery) {
  settleProgramPendingPoints(ctx, program.id);
  const all = pendingPoints(ctx.tenant);
  return pendingList(cursorPage((descending) => all.walkGroup('campaign_id', program.id, descending), query, undefined, waiting));
}

/** The card's pending points by id, still PENDING for `action` (activated, updated, canceled). */
function waitingPoints(ctx: Context, card: Voucher, id: string, action: 'activated' | 'updated' | 'canceled'): PendingPoints {
  const pending = pendingPoints(ctx.tenant).get(id);
  if (!pending || pending.voucher_id !== card.id) throw notFound('pending_points', id);
  if (pending.status !== 'PENDING') {
    throw new VoucherifyError(400, 'invalid_pending_points_state', 'Invalid pending points state', {
      details: `Only pending points in 'PENDING' status can be ${action}. Current status: '${pending.status}'.`,
    });
  }
  return pending;
}

export function activate(ctx: Context, card: Voucher, id: string) {
  const pending = waitingPoints(ctx, card, id, 'activated');
  const after = activatePending(ctx, pending) ?? card;
  const loyalty = after.loyalty_card ?? { points: 0, balance: 0 };
  return {
    points: pending.points,
    total: loyalty.points,
    balance: loyalty.balance,
    type: 'loyalty_card' as const,
    object: 'balance' as const,
    related_object: { type: 'voucher' as const, id: card.id },
    operation_type: 'MANUAL' as const,
  };
}

export function adjust(ctx: Context, card: Voucher, id: string, change: number) {
  const pending = waitingPoints(ctx, card, id, 'updated');
  if (pending.points + change <= 0 || change === 0) {
    throw new VoucherifyError(400, 'invalid_amount', 'Invalid Amount', { details: 'Amount has to be a valid positive number' });
  }
  const after = adjustPending(ctx, pending, change);
  return {
    points: change,
    total: after.points,
    object: 'balance' as const,
    related_object: { type: 'voucher' as const, id: card.id },
    operation_type: 'MANUAL' as const,
  };
}

export function cancel(ctx: Context, card: Voucher, id: string): void {
  cancelPending(ctx, waitingPoints(ctx, card, id, 'canceled'));
}

// ---- estimation ----------------------------------------------------------------------------------

type EstimateBody = RequestBody<'estimate-points'>;

const notActive = (key: string, message: string, details: string) => new VoucherifyError(400, key, message, { details });

/**
 * POST /v1/loyalties/{campaignId}/qualifications: the program must be active (400
 * campaign_not_active); a customer without a card of it needs an auto-join program (400
 * campaign_not_allow_auto_join), a card must be active (400 loyalty_card_not_active). The order is
 * the stored one (id: 404 when unknown; source_id), its fields replaced by those sent.
 */
export function estimate(ctx: Context, program: Campaign, body: EstimateBody) {
  const now = ctx.clock().getTime();
  const outside = (program.start_date && now < Date.parse(program.start_date)) || (program.expiration_date && now > Date.parse(program.expiration_date));
  if (program.active === false || outside) throw notActive('campaign_not_active', `Loyalty campaign '${program.id}' is not active`, 'Given campaign is not active');
  const sent = body.customer;
  const stored = sent.id !== undefined ? customers(ctx.tenant).get(sent.id) : sent.source_id !== undefined ? customers(ctx.tenant).findBy('source_id', sent.source_id) : undefined;
  if (sent.id !== undefined && !stored) throw notFound('customer', sent.id);
  const customer = stored && sent.metadata ? { ...stored, metadata: { ...stored.metadata, ...sent.metadata } } : stored;
  const card = stored ? heldVoucherOf(ctx, stored.id, program) : undefined;
  if (!card && !program.auto_join) throw notActive('campaign_not_allow_auto_join', `Loyalty campaign '${program.id}' does not allow auto-join for non-members`, 'Given campaign does not allow auto-join');
  if (card && card.active === false) throw notActive('loyalty_card_not_active', `Customer's loyalty card '${card.code}' is not active`, "Given customer's loyalty card is not active");
  const order = estimatedOrder(ctx, body.order);
  return { campaign: { id: program.id, name: program.name, object: 'campaign' as const }, points_estimation: estimateOrderPoints(ctx, program, card, customer, order) };
}

/** The order estimated: the stored one named, with the sent amounts, items and metadata over it. */
function estimatedOrder(ctx: Context, sent: EstimateBody['order']): Order {
  const all = orders(ctx.tenant);
  const existing = sent.id !== undefined ? all.get(sent.id) : sent.source_id !== undefined ? all.findBy('source_id', sent.source_id) : undefined;
  if (sent.id !== undefined && !existing) throw notFound('order', sent.id);
  const inline = sent.amount !== undefined || sent.items !== undefined || sent.discount_amount !== undefined;
  const metadata = sent.metadata ?? existing?.metadata ?? {};
  if (existing && !inline) return { ...existing, metadata };
  const calculated = calculateOrder({ amount: sent.amount, discount_amount: sent.discount_amount, items: sent.items as OrderItemInput[] | undefined });
  const view = orderView(calculated) as Pick<Order, 'amount' | 'discount_amount' | 'total_amount' | 'items'>;
  return {
    id: existing?.id ?? '',
    source_id: existing?.source_id ?? sent.source_id ?? null,
    created_at: existing?.created_at ?? timestamp(ctx.clock),
    updated_at: null,
    status: sent.status ?? existing?.status ?? 'CREATED',
    ...view,
    metadata,
    customer_id: null,
    referrer_id: null,
    object: 'order',
  };
}
