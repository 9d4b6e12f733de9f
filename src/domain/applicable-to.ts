// What a validation rule's applicable_to does at checkout: the rules assigned to a voucher, its
// campaign or a promotion tier narrow which order items (and how many of their units) its
// item-level discount touches (lines, units, every n-th one, product budgets across redemptions),
// and list those items' definitions in validation and redemption answers. Also the discount formulas (amount_off_formula, …) and applicable_to price formulas,
// evaluated on the order being checked (domain/formulas.ts).
//
// The hot path: a tenant without rule assignments, and a discount without formulas, cost one
// lookup and four property reads.

import { VoucherifyError } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { productBudgetUses, redemptions, ruleAssignments, validationRules } from './collections.js';
import type { Context } from './context.js';
import { applyDiscount, type Applied, type ItemScope } from './discounts/index.js';
import { evaluateFormula, formulaProblem, type FormulaFacts } from './formulas.js';
import { cents, type CalculatedItem, type CalculatedOrder } from './orders.js';
import type { Discount, DiscountUnitItem, ValidationRule } from './records.js';
import { invalidRules, matcher, type GroupTarget } from './rules.js';

export type ApplicableEffect = 'APPLY_TO_EVERY' | 'APPLY_TO_CHEAPEST' | 'APPLY_FROM_CHEAPEST' | 'APPLY_TO_MOST_EXPENSIVE' | 'APPLY_FROM_MOST_EXPENSIVE';

type BudgetField =
  | 'product_campaign_quantity_limit'
  | 'product_customer_campaign_quantity_limit'
  | 'product_in_collection_campaign_quantity_limit'
  | 'product_in_collection_customer_campaign_quantity_limit'
  | 'product_promotion_tier_quantity_limit'
  | 'product_customer_promotion_tier_quantity_limit'
  | 'product_in_collection_promotion_tier_quantity_limit'
  | 'product_in_collection_customer_promotion_tier_quantity_limit';

/** The product budget limits (BUDGET_LIMITS says what each counts), each also as a formula. */
type BudgetFields = { [K in BudgetField]?: number } & { [K in BudgetField as `${K}_formula`]?: string };

/** One entry of a rule's applicable_to.included or .excluded, as stored. */
export interface ApplicableEntry extends GroupTarget, BudgetFields {
  product_id?: string;
  product_source_id?: string | null;
  effect?: ApplicableEffect;
  quantity_limit?: number;
  aggregated_quantity_limit?: number;
  amount_limit?: number;
  aggregated_amount_limit?: number;
  /** FIXED discounts: the price of each unit, in cents (the fallback of price_formula). */
  price?: number;
  /** FIXED discounts: the price of each unit as a formula (in the currency's main unit), or a number of that unit. */
  price_formula?: string | number;
  /** Only these order lines (0 the first line sent) may be the entry's. */
  order_item_indices?: number[];
  /** Only these lines, and of each only these units (1 the first unit of the line). */
  order_item_units?: { index?: number; units?: number[] }[];
  /** What repeat and skip_initially count: order lines (ITEM, the default) or units (UNIT). */
  target?: 'ITEM' | 'UNIT';
  /** Every repeat-th line or unit (1, the default: every one) … */
  repeat?: number;
  /** … after skipping this many (0 by default). */
  skip_initially?: number;
}

// ---- product budgets ------------------------------------------------------------------------

/** Whose budgets a checkout counts against: the redeemable's campaign (a standalone voucher: itself), its tier, the customer. */
export interface BudgetScope {
  campaignId?: string;
  tierId?: string;
  customerId?: string;
}

/** Units a discount gave that count against a budget: its scope (campaign or tier) and key (entry, or entry and product). */
export interface BudgetUse {
  scope_id: string;
  key: string;
  units: number;
}

interface BudgetLimit {
  field: BudgetField;
  scope: 'campaign' | 'tier';
  perCustomer: boolean;
  perProduct: boolean;
}

/** The product_*_quantity_limit fields (each also as `<field>_formula`) and what each counts. */
const BUDGET_LIMITS: BudgetLimit[] = [
  { field: 'product_campaign_quantity_limit', scope: 'campaign', perCustomer: false, perProduct: false },
  { field: 'product_customer_campaign_quantity_limit', scope: 'campaign', perCustomer: true, perProduct: false },
  { field: 'product_in_collection_campaign_quantity_limit', scope: 'campaign', perCustomer: false, perProduct: true },
  { field: 'product_in_collection_customer_campaign_quantity_limit', scope: 'campaign', perCustomer: true, perProduct: true },
  { field: 'product_promotion_tier_quantity_limit', scope: 'tier', perCustomer: false, perProduct: false },
  { field: 'product_customer_promotion_tier_quantity_limit', scope: 'tier', perCustomer: true, perProduct: false },
  { field: 'product_in_collection_promotion_tier_quantity_limit', scope: 'tier', perCustomer: false, perProduct: true },
  { field: 'product_in_collection_customer_promotion_tier_quantity_limit', scope: 'tier', perCustomer: true, perProduct: true },
];

/** The units SUCCEEDED redemptions took of a budget: all customers', or one customer's. */
function usedUnits(ctx: Context, scopeId: string, key: string, customerId: string | undefined): number {
  const uses = productBudgetUses(ctx.tenant);
  const group = customerId === undefined ? uses.groupOf('scope_key', `${scopeId}|${key}`) : uses.groupOf('scope_key_customer', `${scopeId}|${key}|${customerId}`);
  let used = 0;
  for (const use of group) if (redemptions(ctx.tenant).get(use.redemption_id)?.status === 'SUCCEEDED') used += use.units;
  return used;
}

/** The product a line counts as for the product_in_collection limits: its product (a SKU's product), else what it names. */
const lineProduct = (item: CalculatedItem): string =>
  item.product_id ?? (item.product?.id as string | undefined) ?? (item.sku?.product_id as string | undefined) ?? item.sku_id ?? item.source_id ?? '';

/**
 * An entry's budgets on this checkout: what is left of each (its limit, or its formula's value
 * rounded down, less what redemptions took), and the budgets each line's units count against.
 */
class EntryBudgets {
  private readonly budgets: { scopeId: string; perProduct: boolean; limit: number; used: (key: string) => number; left: Map<string, number> }[] = [];

  constructor(ctx: Context, limits: { def: BudgetLimit; limit: number }[], scope: BudgetScope, private readonly entryKey: string) {
    for (const { def, limit } of limits) {
      const scopeId = def.scope === 'campaign' ? scope.campaignId : scope.tierId;
      if (scopeId === undefined) continue;
      const customerId = scope.customerId;
      // A per-customer budget of a request without a customer: only this order counts.
      const used = !def.perCustomer ? (key: string) => usedUnits(ctx, scopeId, key, undefined) : customerId === undefined ? () => 0 : (key: string) => usedUnits(ctx, scopeId, key, customerId);
      this.budgets.push({ scopeId, perProduct: def.perProduct, limit, used, left: new Map() });
    }
  }

  get empty(): boolean {
    return this.budgets.length === 0;
  }

  /** At most `units` of a line, as far as every budget still allows; takes them from the budgets. */
  take(item: CalculatedItem, units: number): { units: number; uses: { scope_id: string; key: string }[] } {
    const product = lineProduct(item);
    const keyOf = (budget: { perProduct: boolean }) => (budget.perProduct ? `${this.entryKey}|${product}` : this.entryKey);
    const leftOf = (budget: EntryBudgets['budgets'][number]) => {
      const key = keyOf(budget);
      let left = budget.left.get(key);
      if (left === undefined) budget.left.set(key, (left = budget.limit - budget.used(key)));
      return left;
    };
    let allowed = units;
    for (const budget of this.budgets) allowed = Math.min(allowed, Math.max(0, leftOf(budget)));
    for (const budget of this.budgets) budget.left.set(keyOf(budget), leftOf(budget) - allowed);
    return { units: allowed, uses: dedupe(this.budgets.map((budget) => ({ scope_id: budget.scopeId, key: keyOf(budget) }))) };
  }
}

/** One use per budget: a per-customer and an all-customers limit on the same key count the same units once. */
function dedupe(uses: { scope_id: string; key: string }[]): { scope_id: string; key: string }[] {
  const seen = new Set<string>();
  return uses.filter((use) => {
    const id = `${use.scope_id}|${use.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** An entry's budget limits that apply, with their values (a formula's, rounded down, else the number); undefined when it has none. */
function entryLimits(entry: ApplicableEntry, facts: FormulaFacts): { def: BudgetLimit; limit: number }[] | undefined {
  let out: { def: BudgetLimit; limit: number }[] | undefined;
  for (const def of BUDGET_LIMITS) {
    const formula = entry[`${def.field}_formula`];
    const value = typeof formula === 'string' ? evaluateFormula(formula, facts) : undefined;
    const stated = entry[def.field];
    const limit = value !== undefined ? Math.max(0, Math.floor(value)) : typeof stated === 'number' ? stated : undefined;
    if (limit !== undefined) (out ??= []).push({ def, limit });
  }
  return out;
}

/** The rules of these redeemables (a voucher's campaign and itself, or a tier) that say what their discount applies to. */
export function scopeRules(ctx: Context, campaignId: string | null | undefined, ownId: string): ValidationRule[] | undefined {
  const all = ruleAssignments(ctx.tenant);
  if (all.size === 0) return undefined;
  let out: ValidationRule[] | undefined;
  for (const id of [campaignId, ownId]) {
    if (!id) continue;
    for (const assignment of all.groupOf('related_object_id', id)) {
      const rule = validationRules(ctx.tenant).get(assignment.rule_id);
      const to = rule?.applicable_to;
      if (!rule || !to || (to.included.length === 0 && to.excluded.length === 0 && !to.included_all)) continue;
      (out ??= []).push(rule);
    }
  }
  return out;
}

const unitPrice = (item: CalculatedItem): number => item.price ?? (item.quantity > 0 ? item.amount / item.quantity : 0);

/**
 * The items the rules let a discount touch, in order: an item an excluded entry matches is out;
 * else the first included entry that matches it takes it, with the entry's effect:
 * - APPLY_TO_EVERY (the default): every matching item;
 * - APPLY_TO_CHEAPEST / APPLY_TO_MOST_EXPENSIVE: one unit (quantity_limit units) of the matching
 *   item with the lowest / highest unit price (the first on a tie);
 * - APPLY_FROM_CHEAPEST / APPLY_FROM_MOST_EXPENSIVE: the matching items from the lowest / highest
 *   unit price on, until aggregated_quantity_limit units;
 * within quantity_limit units per item and aggregated_quantity_limit units in all; amount_limit
 * and aggregated_amount_limit cap what the entry's items get. order_item_indices and
 * order_item_units narrow an entry (included or excluded) to the lines they name; repeat,
 * skip_initially and target pick the lines or units an included entry discounts (pickedUnits), and
 * the effect and quantity limits apply to those, then the entry's product budgets (with a budget
 * scope: EntryBudgets). included_all takes every other item
 * (and so does a rule that only excludes). A FIXED discount's unit price comes from the entry's
 * price_formula, else its price.
 */
export function itemScope(ctx: Context, rules: ValidationRule[], order: CalculatedOrder, facts: Omit<FormulaFacts, 'order' | 'item'>, budget?: BudgetScope): BudgetedScope {
  const items = order.items;
  const n = items.length;
  const included: ApplicableEntry[] = [];
  const excluded: ApplicableEntry[] = [];
  const ruleOf: string[] = [];
  let all = false;
  for (const rule of rules) {
    const to = rule.applicable_to;
    for (const _ of to.included) ruleOf.push(rule.id);
    included.push(...(to.included as unknown as ApplicableEntry[]));
    excluded.push(...(to.excluded as unknown as ApplicableEntry[]));
    all ||= to.included_all || to.included.length === 0;
  }
  const scope: BudgetedScope = {
    units: new Array<number>(n).fill(0),
    caps: new Array<number>(n).fill(Infinity),
    entries: new Array<number>(n).fill(-1),
    entryLimits: included.map((entry) => entry.aggregated_amount_limit ?? Infinity),
    prices: new Array<number | undefined>(n).fill(undefined),
  };
  const taken = new Array<boolean>(n).fill(false);
  for (const entry of excluded) {
    const matches = matcher(ctx, entry);
    const onLine = lineFilter(entry);
    for (let i = 0; i < n; i++) if (onLine(i) && matches(items[i]!)) taken[i] = true;
  }
  included.forEach((entry, k) => {
    const matches = matcher(ctx, entry);
    const onLine = lineFilter(entry);
    const lines: number[] = [];
    for (let i = 0; i < n; i++) {
      if (taken[i] || !onLine(i) || !matches(items[i]!)) continue;
      taken[i] = true;
      lines.push(i);
    }
    if (lines.length === 0) return;
    const effect = entry.effect ?? 'APPLY_TO_EVERY';
    const perLine = entry.quantity_limit ?? Infinity;
    let left = entry.aggregated_quantity_limit ?? Infinity;
    let chosen = lines;
    let perChosen = perLine;
    if (effect !== 'APPLY_TO_EVERY') {
      const cheapestFirst = effect === 'APPLY_TO_CHEAPEST' || effect === 'APPLY_FROM_CHEAPEST';
      // Stable: on equal unit prices the earlier line first.
      chosen = lines.slice().sort((a, b) => (cheapestFirst ? unitPrice(items[a]!) - unitPrice(items[b]!) : unitPrice(items[b]!) - unitPrice(items[a]!)) || a - b);
    }
    // The units of each line that repeat / skip_initially / order_item_units pick, in the entry's order.
    const picked = pickedUnits(entry, chosen, items);
    if (effect === 'APPLY_TO_CHEAPEST' || effect === 'APPLY_TO_MOST_EXPENSIVE') {
      const first = picked ? Math.max(0, chosen.findIndex((i) => picked.get(i)! > 0)) : 0;
      chosen = chosen.slice(first, first + 1);
      perChosen = entry.quantity_limit ?? 1;
    }
    const limits = budget ? entryLimits(entry, { ...facts, order }) : undefined;
    const budgets = limits ? new EntryBudgets(ctx, limits, budget!, `${ruleOf[k]}|${entry.object}|${entry.id}`) : undefined;
    for (const i of chosen) {
      let units = Math.max(0, Math.min(picked ? picked.get(i)! : items[i]!.quantity, perChosen, left));
      if (budgets && !budgets.empty) {
        const taken = budgets.take(items[i]!, units);
        units = taken.units;
        (scope.budgets ??= new Array(n).fill(undefined))[i] = taken.uses;
      }
      left -= units;
      scope.units[i] = units;
      scope.entries[i] = k;
      if (entry.amount_limit !== undefined) scope.caps[i] = entry.amount_limit;
      scope.prices![i] = entryPrice(entry, { ...facts, order, item: items[i] });
    }
  });
  if (all) for (let i = 0; i < n; i++) if (!taken[i]) scope.units[i] = items[i]!.quantity;
  return scope;
}

const ALL_LINES = (): boolean => true;

/**
 * The order lines an entry may reach by their index: those of order_item_indices, and those
 * order_item_units names (both when both are given); any line without either.
 */
function lineFilter(entry: ApplicableEntry): (index: number) => boolean {
  const indices = entry.order_item_indices;
  const units = entry.order_item_units;
  if (!indices && !units) return ALL_LINES;
  const inIndices = indices ? new Set(indices) : undefined;
  const inUnits = units ? new Set(units.map((line) => line.index)) : undefined;
  return (index) => (!inIndices || inIndices.has(index)) && (!inUnits || inUnits.has(index));
}

/**
 * How many units of each of the entry's lines (in the entry's order: line order, or by unit price
 * for the CHEAPEST / MOST_EXPENSIVE effects) repeat, skip_initially and order_item_units pick;
 * undefined when the entry has none of them (every unit of every line).
 *
 * Counting starts at 1: the first skip_initially are passed over, then the next one is picked and
 * every repeat-th after it — skip_initially 1, repeat 3 picks the 2nd, 5th, 8th … With target
 * ITEM (the default) what is counted is the entry's lines, a picked line with all its units; with
 * UNIT the units of the entry's lines one after the other, across lines. order_item_units keeps,
 * of each line it names, only the listed units (1 the first unit of the line) among those picked;
 * a line it names without `units`, all of them.
 */
function pickedUnits(entry: ApplicableEntry, sequence: number[], items: CalculatedItem[]): Map<number, number> | undefined {
  const repeat = Math.max(1, Math.floor(entry.repeat ?? 1));
  const skip = Math.max(0, Math.floor(entry.skip_initially ?? 0));
  const listed = entry.order_item_units;
  if (repeat === 1 && skip === 0 && !listed) return undefined;
  // A line named without units: all of them (as when Voucherify leaves them out past 1000 units).
  const unitsOf = new Map<number, Set<number> | 'all'>();
  for (const line of listed ?? []) {
    if (line.index === undefined) continue;
    const before = unitsOf.get(line.index);
    if (before === 'all' || line.units === undefined) {
      unitsOf.set(line.index, 'all');
      continue;
    }
    const set = before ?? new Set<number>();
    for (const unit of line.units) set.add(unit);
    unitsOf.set(line.index, set);
  }
  // Counted positions 1, 2, … picked: those after the skipped ones, one in every `repeat`.
  const isPicked = (position: number) => position > skip && (position - skip - 1) % repeat === 0;
  // How many of the positions 1 … upTo are picked.
  const pickedUpTo = (upTo: number) => (upTo <= skip ? 0 : Math.floor((upTo - skip - 1) / repeat) + 1);
  const out = new Map<number, number>();
  let seen = 0;
  sequence.forEach((i, position) => {
    const quantity = Math.max(0, Math.floor(items[i]!.quantity));
    const listedUnits = unitsOf.get(i);
    const only = listedUnits === 'all' ? undefined : listedUnits;
    if (entry.target === 'UNIT') {
      out.set(i, only ? [...only].filter((unit) => unit >= 1 && unit <= quantity && isPicked(seen + unit)).length : pickedUpTo(seen + quantity) - pickedUpTo(seen));
      seen += quantity;
    } else {
      out.set(i, !isPicked(position + 1) ? 0 : only ? [...only].filter((unit) => unit >= 1 && unit <= quantity).length : quantity);
    }
  });
  return out;
}

/** An item scope and, per line, the budgets its units count against (when an entry has budget limits). */
export interface BudgetedScope extends ItemScope {
  budgets?: ({ scope_id: string; key: string }[] | undefined)[];
}

/** A FIXED unit price an entry gives: its price formula's (main unit → cents), else its price. */
function entryPrice(entry: ApplicableEntry, facts: FormulaFacts): number | undefined {
  if (entry.price_formula !== undefined) {
    const value = evaluateFormula(entry.price_formula, facts);
    if (value !== undefined) return Math.max(0, cents(value * 100));
  }
  return entry.price;
}

/** The per-item FIXED price of a discount whose fixed_amount comes from a formula (it may read the item). */
function fixedPrices(discount: Discount, order: CalculatedOrder, facts: Omit<FormulaFacts, 'order' | 'item'>, scope: ItemScope | undefined): ItemScope {
  const n = order.items.length;
  const out: ItemScope = scope ?? { units: order.items.map((item) => item.quantity), caps: new Array<number>(n).fill(Infinity), entries: new Array<number>(n).fill(-1), entryLimits: [] };
  const prices = (out.prices ?? new Array<number | undefined>(n).fill(undefined)).slice();
  const formula = (discount as { fixed_amount_formula?: string }).fixed_amount_formula!;
  for (let i = 0; i < n; i++) {
    if (prices[i] !== undefined) continue;
    const value = evaluateFormula(formula, { ...facts, order, item: order.items[i] });
    if (value !== undefined) prices[i] = Math.max(0, cents(value * 100));
  }
  return { ...out, prices };
}

const hasFormula = (discount: Discount): boolean => {
  const d = discount as Partial<Record<'amount_off_formula' | 'percent_off_formula' | 'fixed_amount_formula' | 'unit_off_formula', string>> & { units?: DiscountUnitItem[] };
  return (
    d.amount_off_formula !== undefined ||
    d.percent_off_formula !== undefined ||
    d.fixed_amount_formula !== undefined ||
    d.unit_off_formula !== undefined ||
    (d.units !== undefined && d.units.some((unit) => unit.unit_off_formula !== undefined))
  );
};

/**
 * The discount with its formulas' values in place of the static ones they stand for (which stay
 * the fallback when a formula cannot be computed): amount_off_formula and fixed_amount_formula
 * give an amount in the main unit (cents = × 100), percent_off_formula a percentage,
 * unit_off_formula a number of units (rounded down). Never below zero.
 */
export function withFormulas(discount: Discount, facts: FormulaFacts): Discount {
  const d = discount as Discount & Record<string, unknown>;
  const value = (formula: unknown) => (typeof formula === 'string' ? evaluateFormula(formula, facts) : undefined);
  switch (discount.type) {
    case 'AMOUNT': {
      const v = value(d.amount_off_formula);
      return v === undefined ? discount : { ...discount, amount_off: Math.max(0, cents(v * 100)) };
    }
    case 'PERCENT': {
      const v = value(d.percent_off_formula);
      return v === undefined ? discount : { ...discount, percent_off: Math.max(0, v) };
    }
    case 'FIXED': {
      const v = value(d.fixed_amount_formula);
      return v === undefined ? discount : { ...discount, fixed_amount: Math.max(0, cents(v * 100)) };
    }
    case 'UNIT': {
      const units = (unit: { unit_off?: number; unit_off_formula?: string }) => {
        const v = value(unit.unit_off_formula);
        return v === undefined ? unit.unit_off : Math.max(0, Math.floor(v));
      };
      if (discount.units) return { ...discount, units: discount.units.map((unit) => ({ ...unit, unit_off: units(unit) })) };
      return { ...discount, unit_off: units(discount) };
    }
  }
}

const ITEM_EFFECTS = new Set(['APPLY_TO_ITEMS', 'APPLY_TO_ITEMS_PROPORTIONALLY', 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY', 'APPLY_TO_ITEMS_BY_QUANTITY']);

/**
 * The refusal of an item-level discount none of whose items its rules make applicable, as a
 * violated order rule: order_rules_violated, the rule's error message if it has one.
 */
export const noApplicableItems = (kind: string, rule: ValidationRule) =>
  new VoucherifyError(400, 'order_rules_violated', rule.error?.message ?? 'order does not match validation rules', {
    details: `${kind} cannot be redeemed because of violated validation rules: ${rule.id}`,
  });

/** What a checkout needs to evaluate formulas beyond the order. */
export type FormulaInputs = Omit<FormulaFacts, 'order' | 'item'>;

/**
 * One discount of a voucher or tier (`kind`: "Discount Coupon", "Promotion Tier" …) on what is left
 * of the order: its formulas evaluated, on the items its rules' applicable_to allow. An item-level
 * discount that reaches no item: the refusal (noApplicableItems, naming the first rule). An
 * APPLY_TO_ORDER discount is not narrowed. Without rules or formulas, the discount as it is. With
 * a budget scope, entries' product_*_quantity_limit budgets cap the units too, and the answer
 * names the units that count against them (`budgetUses`, for a redemption to record).
 */
export function applyScoped(
  ctx: Context,
  discount: Discount,
  order: CalculatedOrder,
  rules: ValidationRule[] | undefined,
  kind: string,
  customerMetadata?: Record<string, unknown>,
  orderMetadata?: Record<string, unknown>,
  budget?: BudgetScope,
): (Applied & { budgetUses?: BudgetUse[] }) | VoucherifyError {
  if (!rules && !hasFormula(discount)) return applyDiscount(order, discount);
  const inputs: FormulaInputs = { customerMetadata, orderMetadata };
  const itemLevel = discount.effect !== undefined && ITEM_EFFECTS.has(discount.effect);
  const effective = hasFormula(discount) ? withFormulas(discount, { ...inputs, order }) : discount;
  let scope: BudgetedScope | undefined = rules && itemLevel ? itemScope(ctx, rules, order, inputs, budget) : undefined;
  if (scope && !scope.units.some((units) => units > 0)) return noApplicableItems(kind, rules![0]!);
  const budgets = scope?.budgets;
  if (itemLevel && discount.type === 'FIXED' && typeof (discount as { fixed_amount_formula?: unknown }).fixed_amount_formula === 'string') scope = fixedPrices(discount, order, inputs, scope);
  const step = applyDiscount(order, effective, scope);
  return budgets ? { ...step, budgetUses: budgetUses(budgets, scope!.units, order, step.order) } : step;
}

/** The units of each line the discount took something off, summed per budget. */
function budgetUses(budgets: NonNullable<BudgetedScope['budgets']>, units: number[], before: CalculatedOrder, after: CalculatedOrder): BudgetUse[] {
  const sums = new Map<string, BudgetUse>();
  budgets.forEach((uses, i) => {
    if (!uses || units[i]! <= 0 || after.items[i]!.discount_amount <= before.items[i]!.discount_amount) return;
    for (const use of uses) {
      const id = `${use.scope_id}|${use.key}`;
      const sum = sums.get(id) ?? { ...use, units: 0 };
      sum.units += units[i]!;
      sums.set(id, sum);
    }
  });
  return [...sums.values()];
}

/** Records what a redemption took of product budgets (applyScoped's budgetUses). */
export function recordBudgetUses(ctx: Context, redemptionId: string, customerId: string | null, uses: BudgetUse[] | undefined): void {
  uses?.forEach((use, n) => {
    if (use.units > 0) productBudgetUses(ctx.tenant).put({ id: `${redemptionId}|${n}`, redemption_id: redemptionId, scope_id: use.scope_id, key: use.key, customer_id: customerId, units: use.units, created_at: timestamp(ctx.clock) });
  });
}

const list = (data: Record<string, unknown>[]) => ({ data, total: data.length, data_ref: 'data' as const, object: 'list' as const });

/**
 * applicable_to and inapplicable_to as validations, redemptions and qualifications show them: the
 * included (with their effect) and excluded products, SKUs and collections of the rules assigned
 * to these redeemables.
 */
export function applicableLists(ctx: Context, campaignId: string | null | undefined, ownId: string): { applicable_to: ReturnType<typeof list>; inapplicable_to: ReturnType<typeof list> } {
  const rules = scopeRules(ctx, campaignId, ownId);
  if (!rules) return { applicable_to: list([]), inapplicable_to: list([]) };
  const included: Record<string, unknown>[] = [];
  const excluded: Record<string, unknown>[] = [];
  for (const rule of rules) {
    for (const entry of rule.applicable_to.included) included.push({ ...entry, effect: entry.effect ?? 'APPLY_TO_EVERY' });
    for (const entry of rule.applicable_to.excluded) excluded.push({ ...entry });
  }
  return { applicable_to: list(included), inapplicable_to: list(excluded) };
}

// ---- checking what is stored -------------------------------------------------------------

const FORMULA_FIELDS = ['price_formula', ...BUDGET_LIMITS.map((limit) => `${limit.field}_formula`)];

/** An applicable_to whose price and budget formulas read: 400 invalid_validation_rules naming the formula and what is wrong. */
export function checkApplicableTo(to: { included?: unknown[]; excluded?: unknown[] } | undefined): void {
  for (const side of ['included', 'excluded'] as const) {
    (to?.[side] ?? []).forEach((entry, i) => {
      const fields = entry as Record<string, unknown>;
      for (const name of FORMULA_FIELDS) {
        const formula = fields[name] as string | number | undefined;
        if (formula === undefined) continue;
        const problem = formulaProblem(formula);
        if (problem) throw invalidRules(`applicable_to.${side}[${i}].${name} '${String(formula)}' ${problem}`);
      }
    });
  }
}
