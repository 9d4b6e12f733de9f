// Qualifications: the redeemables a customer and an order could use. Each candidate (a voucher or a
// promotion tier the scenario covers) goes alone through the checkout's checks (domain/checkout.ts),
// nothing is written. DEFAULT order (newest first) walks the created_at indexes and stops once the
// page is full; BEST_DEAL and LEAST_DEAL must check every candidate to sort them.

import { ALNUM } from '../store/ids.js';
import { checkout, checkoutOrderView, requestCustomer, requestOrder, ruleInputs, STACKING_RULES, trackingId, type Outcome, type RequestOrder } from './checkout.js';
import { campaigns, holders, promotionStacks, promotionTiers, vouchers } from './collections.js';
import { applicableLists } from './applicable-to.js';
import type { Context } from './context.js';
import type { OrderRequest } from './order-records.js';
import { aboutProducts, productScenario } from './qualification-scenarios.js';
import type { Customer, HolderRole, PromotionStack, PromotionTier, Voucher } from './records.js';
import type { CalculatedOrder } from './orders.js';

export type Scenario = 'ALL' | 'CUSTOMER_WALLET' | 'AUDIENCE_ONLY' | 'PRODUCTS' | 'PRODUCTS_DISCOUNT' | 'PROMOTION_STACKS' | 'PRODUCTS_BY_CUSTOMER' | 'PRODUCTS_DISCOUNT_BY_CUSTOMER';
export type SortingRule = 'DEFAULT' | 'BEST_DEAL' | 'LEAST_DEAL';

export interface Conditions {
  $is?: string[];
  $is_not?: string[];
  $in?: string[];
  $not_in?: string[];
  $has_value?: unknown;
  $is_unknown?: unknown;
}

export const FILTER_FIELDS = ['category_id', 'campaign_id', 'campaign_type', 'resource_id', 'resource_type', 'voucher_type', 'code', 'holder_role'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type Filters = { junction?: 'and' | 'or' } & { [F in FilterField]?: { conditions: Conditions } };

export interface QualificationRequest {
  customer?: { id?: string; source_id?: string; metadata?: unknown };
  order?: OrderRequest;
  tracking_id?: string;
  /** The redemption's metadata, which `redemption.metadata` rules read. */
  metadata?: Record<string, unknown>;
  scenario?: Scenario;
  options?: {
    limit?: number;
    starting_after?: string | null;
    filters?: Filters;
    expand?: ('redeemable' | 'category' | 'validation_rules')[];
    sorting_rule?: SortingRule;
  };
}

/** The limit when the request names none, as Voucherify's. */
export const DEFAULT_LIMIT = 5;

/** Refusals that read the order or the redemption: AUDIENCE_ONLY does not hold them against a redeemable. */
const ORDER_REFUSALS = new Set(['order_rules_violated', 'redemption_rules_violated', 'missing_order_items_amount', 'missing_reward']);

/** A candidate: a voucher or a tier, with the customer's role when they hold the voucher. */
type Candidate = { kind: 'voucher'; voucher: Voucher; role?: HolderRole } | { kind: 'tier'; tier: PromotionTier } | { kind: 'stack'; stack: PromotionStack };

const createdAt = (candidate: Candidate) =>
  candidate.kind === 'voucher' ? candidate.voucher.created_at : candidate.kind === 'tier' ? candidate.tier.created_at : candidate.stack.created_at;

/** The vouchers the customer holds, with their role (a voucher published to them is theirs as OWNER). */
function heldBy(ctx: Context, customer: Customer | undefined): Map<string, HolderRole> {
  const held = new Map<string, HolderRole>();
  if (!customer) return held;
  for (const holder of holders(ctx.tenant).groupOf('customer_id', customer.id)) held.set(holder.redeemable_id, holder.holder_role);
  return held;
}

/** The customer's vouchers, newest first. */
function* walletVouchers(ctx: Context, customer: Customer | undefined, held: Map<string, HolderRole>): Generator<Candidate> {
  if (!customer) return;
  const list: Voucher[] = [];
  for (const id of held.keys()) {
    const voucher = vouchers(ctx.tenant).get(id);
    if (voucher) list.push(voucher);
  }
  list.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
  for (const voucher of list) yield { kind: 'voucher', voucher, role: held.get(voucher.id) };
}

/** Every voucher nobody else holds, newest first. */
function* openVouchers(ctx: Context, customer: Customer | undefined, held: Map<string, HolderRole>): Generator<Candidate> {
  for (const voucher of vouchers(ctx.tenant).ordered('created_at', true)) {
    const role = held.get(voucher.id);
    if (role !== undefined || voucher.holder_id === customer?.id) yield { kind: 'voucher', voucher, role: role ?? 'OWNER' };
    else if (!voucher.holder_id) yield { kind: 'voucher', voucher };
  }
}

/** PROMOTION_STACKS: every promotion stack, newest first. */
function* stacks(ctx: Context): Generator<Candidate> {
  const all = [...promotionStacks(ctx.tenant).all()].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
  for (const stack of all) yield { kind: 'stack', stack };
}

function* tiers(ctx: Context): Generator<Candidate> {
  for (const tier of promotionTiers(ctx.tenant).ordered('created_at', true)) yield { kind: 'tier', tier };
}

/** Two newest-first streams as one. */
function* merged(a: Generator<Candidate>, b: Generator<Candidate>): Generator<Candidate> {
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && createdAt(x.value) >= createdAt(y.value))) {
      yield x.value as Candidate;
      x = a.next();
    } else {
      yield y.value;
      y = b.next();
    }
  }
}

/** The values a filter field has for a candidate (none: the field is unknown). */
function fieldValues(ctx: Context, candidate: Candidate, field: FilterField): string[] {
  const campaignId = candidate.kind === 'voucher' ? candidate.voucher.campaign_id : candidate.kind === 'tier' ? candidate.tier.campaign_id : candidate.stack.campaign_id;
  const some = (value: string | null | undefined) => (value ? [value] : []);
  switch (field) {
    case 'category_id': {
      const own = candidate.kind === 'voucher' ? candidate.voucher.category_id : candidate.kind === 'tier' ? candidate.tier.category_id : candidate.stack.category_id;
      return some(own ?? (campaignId ? campaigns(ctx.tenant).get(campaignId)?.category_id : undefined));
    }
    case 'campaign_id':
      return some(campaignId);
    case 'campaign_type':
      return some(campaignId ? campaigns(ctx.tenant).get(campaignId)?.campaign_type : undefined);
    case 'resource_id':
      return candidate.kind === 'voucher' ? [candidate.voucher.id, candidate.voucher.code] : candidate.kind === 'tier' ? [candidate.tier.id] : [candidate.stack.id];
    case 'resource_type':
      return [candidate.kind === 'voucher' ? 'voucher' : candidate.kind === 'tier' ? 'promotion_tier' : 'promotion_stack'];
    case 'voucher_type':
      return candidate.kind === 'voucher' ? [candidate.voucher.type] : [];
    case 'code':
      return candidate.kind === 'voucher' ? [candidate.voucher.code] : [];
    case 'holder_role':
      return candidate.kind === 'voucher' ? some(candidate.role) : [];
  }
}

function meets(values: string[], conditions: Conditions): boolean {
  const any = (list: string[]) => values.some((value) => list.includes(value));
  if (conditions.$is && !any(conditions.$is)) return false;
  if (conditions.$in && !any(conditions.$in)) return false;
  if (conditions.$is_not && any(conditions.$is_not)) return false;
  if (conditions.$not_in && any(conditions.$not_in)) return false;
  if (conditions.$has_value !== undefined && values.length === 0) return false;
  if (conditions.$is_unknown !== undefined && values.length > 0) return false;
  return true;
}

/** The request's filters as one test (every field with `and`, the default; any with `or`). */
function filterOf(ctx: Context, filters: Filters | undefined): (candidate: Candidate) => boolean {
  const fields = FILTER_FIELDS.filter((field) => filters?.[field] !== undefined);
  if (!filters || fields.length === 0) return () => true;
  const test = (candidate: Candidate, field: FilterField) => meets(fieldValues(ctx, candidate, field), filters[field]!.conditions);
  return filters.junction === 'or' ? (c) => fields.some((f) => test(c, f)) : (c) => fields.every((f) => test(c, f));
}

interface Qualified {
  candidate: Candidate;
  outcome: Outcome;
  /** Cents the redeemable takes off the order alone (0 when only the audience was checked). */
  amount: number;
  /** A stack: the order after all its tiers. */
  order?: CalculatedOrder;
}

/** The candidate checked alone, as a validation of it would be: qualified, or undefined. */
function qualify(ctx: Context, candidate: Candidate, order: RequestOrder, customer: Customer | undefined, scenario: Scenario, options: Parameters<typeof checkout>[4]): Qualified | undefined {
  if (candidate.kind === 'stack') {
    // A stack qualifies when all its tiers apply, one after the other.
    const result = checkout(ctx, [{ object: 'promotion_stack', id: candidate.stack.id }], order.calculated, customer, options);
    const [first] = result.outcomes;
    return result.valid && first ? { candidate, outcome: first, amount: result.order.total_applied_discount_amount ?? 0, order: result.order } : undefined;
  }
  const request = candidate.kind === 'voucher' ? { object: 'voucher' as const, id: candidate.voucher.code } : { object: 'promotion_tier' as const, id: candidate.tier.id };
  const [outcome] = checkout(ctx, [request], order.calculated, customer, options).outcomes;
  if (outcome.status === 'APPLICABLE') return { candidate, outcome, amount: outcome.amount };
  if (scenario === 'AUDIENCE_ONLY' && outcome.status === 'INAPPLICABLE' && ORDER_REFUSALS.has(outcome.error.key)) return { candidate, outcome, amount: 0 };
  // PRODUCTS and PRODUCTS_DISCOUNT do not hold the customer's rules against a redeemable.
  const products = productScenario(scenario);
  if (products && !products.byCustomer && outcome.status === 'INAPPLICABLE' && outcome.error.key === 'customer_rules_violated') return { candidate, outcome, amount: 0 };
  return undefined;
}

/** A promotion stack's applicable_to and inapplicable_to: no rule is assigned to a stack itself. */
const emptyList = () => ({ data: [], total: 0, data_ref: 'data' as const, object: 'list' as const });

function redeemableView(ctx: Context, qualified: Qualified, order: RequestOrder, customer: Customer | undefined, expand: boolean): Record<string, unknown> {
  const { candidate, outcome } = qualified;
  const calculated = outcome.status === 'APPLICABLE' ? outcome.order : order.calculated;
  const lists =
    candidate.kind === 'voucher'
      ? applicableLists(ctx, candidate.voucher.campaign_id, candidate.voucher.id)
      : candidate.kind === 'tier'
        ? applicableLists(ctx, candidate.tier.campaign_id, candidate.tier.id)
        : undefined;
  const common = { order: checkoutOrderView(calculated, order, customer), ...lists };
  if (candidate.kind === 'voucher') {
    const { voucher } = candidate;
    const result = outcome.status === 'APPLICABLE' ? outcome.result : voucher.discount ? { discount: voucher.discount } : {};
    return {
      id: voucher.code,
      object: 'voucher',
      created_at: voucher.created_at,
      result,
      ...common,
      categories: voucher.categories ?? [],
      ...(expand ? { metadata: voucher.metadata, ...(voucher.campaign ? { campaign_name: voucher.campaign } : {}), ...(voucher.campaign_id ? { campaign_id: voucher.campaign_id } : {}) } : {}),
    };
  }
  if (candidate.kind === 'stack') {
    const { stack } = candidate;
    const stackCampaign = campaigns(ctx.tenant).get(stack.campaign_id);
    return {
      id: stack.id,
      object: 'promotion_stack',
      created_at: stack.created_at,
      result: {},
      order: checkoutOrderView(qualified.order ?? order.calculated, order, customer),
      applicable_to: emptyList(),
      inapplicable_to: emptyList(),
      categories: [],
      name: stack.name,
      ...(expand ? { ...(stackCampaign ? { campaign_name: stackCampaign.name } : {}), campaign_id: stack.campaign_id } : {}),
    };
  }
  const { tier } = candidate;
  const result = outcome.status === 'APPLICABLE' ? outcome.result : tier.action?.discount ? { discount: tier.action.discount } : {};
  const campaign = campaigns(ctx.tenant).get(tier.campaign_id);
  return {
    id: tier.id,
    object: 'promotion_tier',
    created_at: tier.created_at,
    result,
    ...common,
    categories: Array.isArray(tier.categories) ? tier.categories : [],
    ...(tier.banner !== undefined ? { banner: tier.banner } : {}),
    ...(tier.name !== undefined ? { name: tier.name } : {}),
    ...(expand ? { metadata: tier.metadata, ...(campaign ? { campaign_name: campaign.name } : {}), campaign_id: tier.campaign_id } : {}),
  };
}

/** Who and what a qualification is for: the customer and order it names, and what the checks read of them. */
function subjectOf(ctx: Context, body: Pick<QualificationRequest, 'customer' | 'order' | 'metadata'>) {
  const named = body.customer ?? body.order?.customer;
  const customer = requestCustomer(ctx, named ?? (body.order?.customer_id ? { id: body.order.customer_id } : undefined));
  const order = requestOrder(ctx, body.order);
  const checkoutOptions = { customerNamed: named !== undefined || body.order?.customer_id != null, ...ruleInputs(order, named, body.metadata) };
  return { customer, order, checkoutOptions };
}

/** POST /v1/qualifications. */
export function qualifications(ctx: Context, body: QualificationRequest) {
  const scenario = body.scenario ?? 'ALL';
  const opts = body.options ?? {};
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const sorting = opts.sorting_rule ?? 'DEFAULT';
  const { customer, order, checkoutOptions } = subjectOf(ctx, body);
  const held = heldBy(ctx, customer);
  const candidates =
    scenario === 'CUSTOMER_WALLET' ? walletVouchers(ctx, customer, held) : scenario === 'PROMOTION_STACKS' ? stacks(ctx) : merged(openVouchers(ctx, customer, held), tiers(ctx));
  const filtered = filterOf(ctx, opts.filters);
  const products = productScenario(scenario);
  const passes = products
    ? (candidate: Candidate) =>
        filtered(candidate) &&
        (candidate.kind === 'voucher'
          ? aboutProducts(ctx, products, candidate.voucher.discount, [candidate.voucher.campaign_id, candidate.voucher.id])
          : candidate.kind === 'tier' && aboutProducts(ctx, products, candidate.tier.action?.discount, [candidate.tier.campaign_id, candidate.tier.id]))
    : filtered;
  const cursor = opts.starting_after ?? undefined;

  const found: Qualified[] = [];
  let hasMore = false;
  if (sorting === 'DEFAULT') {
    for (const candidate of candidates) {
      if (cursor !== undefined && createdAt(candidate) >= cursor) continue;
      if (!passes(candidate)) continue;
      const qualified = qualify(ctx, candidate, order, customer, scenario, checkoutOptions);
      if (!qualified) continue;
      if (found.length === limit) {
        hasMore = true;
        // The cursor is a created_at: a page never ends inside a run of equal ones, or the next page would skip the rest.
        const next = createdAt(candidate);
        while (found.length > 1 && createdAt(found[found.length - 1].candidate) === next) found.pop();
        break;
      }
      found.push(qualified);
    }
  } else {
    const all: Qualified[] = [];
    for (const candidate of candidates) {
      if (!passes(candidate)) continue;
      const qualified = qualify(ctx, candidate, order, customer, scenario, checkoutOptions);
      if (qualified) all.push(qualified);
    }
    // Newest first among equal deals: the candidates came newest first, and the sort is stable.
    all.sort(sorting === 'BEST_DEAL' ? (a, b) => b.amount - a.amount : (a, b) => a.amount - b.amount);
    let start = 0;
    if (cursor !== undefined) {
      let at = all.length;
      for (let i = all.length - 1; i >= 0; i--) {
        if (createdAt(all[i].candidate) === cursor) {
          at = i + 1;
          break;
        }
      }
      start = at;
    }
    let end = Math.min(start + limit, all.length);
    // As in DEFAULT: a page does not end on a created_at that a later redeemable shares.
    const later = (i: number) => all.slice(end).some((q) => createdAt(q.candidate) === createdAt(all[i].candidate));
    while (end - start > 1 && end < all.length && later(end - 1)) end--;
    found.push(...all.slice(start, end));
    hasMore = all.length > end;
  }

  const expand = opts.expand?.includes('redeemable') ?? false;
  const data = found.map((qualified) => redeemableView(ctx, qualified, order, customer, expand));
  return {
    redeemables: {
      object: 'list' as const,
      data_ref: 'data' as const,
      data,
      total: data.length,
      has_more: hasMore,
      ...(hasMore && found.length > 0 ? { more_starting_after: createdAt(found[found.length - 1].candidate) } : {}),
    },
    tracking_id: trackingId(ctx, body.tracking_id, customer),
    order: checkoutOrderView(order.calculated, order, customer),
    stacking_rules: STACKING_RULES,
  };
}

export interface VoucherQualificationQuery {
  audienceRulesOnly?: boolean;
  limit?: number;
  order?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at' | 'code' | '-code';
}

/** The older call answers at most this many vouchers, and as many when the request names no limit. */
export const OLDER_CALL_LIMIT = 50;

/**
 * POST /v1/vouchers/qualification, the older call: the standalone vouchers (in no campaign) that
 * nobody else holds, each checked alone as POST /v1/qualifications checks them, in `order`.
 */
export function voucherQualification(ctx: Context, body: Omit<QualificationRequest, 'scenario' | 'options'>, query: VoucherQualificationQuery) {
  const limit = query.limit ?? OLDER_CALL_LIMIT;
  const sort = query.order ?? '-created_at';
  const scenario: Scenario = query.audienceRulesOnly ? 'AUDIENCE_ONLY' : 'ALL';
  const { customer, order, checkoutOptions } = subjectOf(ctx, body);
  const held = heldBy(ctx, customer);
  const data: Record<string, unknown>[] = [];
  for (const voucher of vouchers(ctx.tenant).ordered(sort.replace(/^-/, ''), sort.startsWith('-'))) {
    if (data.length === limit) break;
    if (voucher.campaign_id) continue;
    if (voucher.holder_id && voucher.holder_id !== customer?.id && !held.has(voucher.id)) continue;
    if (!qualify(ctx, { kind: 'voucher', voucher }, order, customer, scenario, checkoutOptions)) continue;
    data.push({ ...voucher, ...applicableLists(ctx, voucher.campaign_id, voucher.id) });
  }
  return {
    object: 'list' as const,
    data_ref: 'data' as const,
    data,
    total: data.length,
    id: `qual_${ctx.ids.code(ALNUM, 24)}`,
    created_at: ctx.clock().toISOString(),
    tracking_id: trackingId(ctx, body.tracking_id, customer),
  };
}
