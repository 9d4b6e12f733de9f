// The validation rule engine: a rule's numbered conditions ("1", "2", …) joined by its `logic`
// ("1 and (2 or 3)"), checked when the rule is made (an unknown rule name, condition or logic is a
// 400 naming it) and evaluated on a checkout's customer and order. Each stored rule is compiled
// once (records are replaced, never changed); a checkout with no assignments costs one lookup.

import { VoucherifyError, notFound } from '../errors.js';
import { timestamp } from '../store/clock.js';
import { productCollections, ruleAssignments, segments, validationRules } from './collections.js';
import type { Context } from './context.js';
import { rewardAssignments } from './reward-records.js';
import type { CalculatedItem, CalculatedOrder } from './orders.js';
import { membersOf } from './product-collections.js';
import { CAMPAIGN_TOTALS, REDEMPTION_COUNTS, campaignTotal, redemptionCount, type RedemptionFacts } from './redemption-rules.js';
import { isMember } from './segments.js';
import { inTimeframe, parseDuration, timeOfDay } from './validity.js';
import { meetsCalendarCondition } from '../lists/calendar.js';
import type { Campaign, Customer, ListSummary, PromotionTier, RuleCondition, RuleSet, ValidationRule, Voucher } from './records.js';

/** 400 invalid_validation_rules, with what is wrong in `details`. */
export const invalidRules = (details: string) => new VoucherifyError(400, 'invalid_validation_rules', 'Invalid Validation Rule Definition', { details });

/** What a rule is evaluated on. */
export interface RuleFacts {
  ctx: Context;
  customer: Customer | undefined;
  /** The customer's metadata: the stored customer's, else what the request sends. */
  customerMetadata?: Record<string, unknown>;
  order: CalculatedOrder;
  orderMetadata?: Record<string, unknown>;
  /** What `redemption.*` rules read (domain/redemption-rules.ts). */
  redemption?: RedemptionFacts;
}

/** How a rule's conditions read the facts. */
type Kind =
  | 'segment' // customer.segment: segment ids
  | 'value' // a number or string read from the facts
  | 'items_group' // order.items.any/every/none: products, SKUs and collections, with nested item rules
  | 'item_value'; // nested in an items group: read from the matched items

interface NameSpec {
  kind: Kind;
  /** A metadata rule: `property` names the key. */
  property?: boolean;
  read?: (facts: RuleFacts, property: string | null) => unknown;
  /** Every item's value must meet the conditions (else any item's). */
  each?: boolean;
  /** Items read per item (nested rules): how one matched set of items gives the value(s). */
  items?: (items: CalculatedItem[], property: string | null) => unknown[];
}

const metadataOf = (value: unknown, property: string | null): unknown =>
  property !== null && value && typeof value === 'object' ? (value as Record<string, unknown>)[property] : undefined;

/** An item's metadata: its own, else its product's or SKU's as the order carries them. */
const itemMetadata = (item: CalculatedItem, property: string | null): unknown =>
  metadataOf(item.metadata, property) ?? metadataOf(item.sku?.metadata, property) ?? metadataOf(item.product?.metadata, property);

const itemPrice = (item: CalculatedItem): number | undefined => item.price ?? (item.quantity ? item.amount / item.quantity : undefined);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The rule names the engine evaluates. */
const NAMES: Record<string, NameSpec> = {
  'customer.segment': { kind: 'segment' },
  'customer.metadata': { kind: 'value', property: true, read: (f, p) => metadataOf(f.customerMetadata ?? f.customer?.metadata, p) },
  'order.amount': { kind: 'value', read: (f) => f.order.amount },
  'order.initial_amount': { kind: 'value', read: (f) => f.order.amount },
  'order.total_amount': { kind: 'value', read: (f) => f.order.total_amount },
  'order.metadata': { kind: 'value', property: true, read: (f, p) => metadataOf(f.orderMetadata, p) },
  'order.items.count': { kind: 'value', read: (f) => f.order.items.length },
  'order.items.price_any': { kind: 'item_value', items: (items) => items.map(itemPrice) },
  'order.items.price_each': { kind: 'item_value', each: true, items: (items) => items.map(itemPrice) },
  'order.items.metadata_any': { kind: 'item_value', property: true, items: (items, p) => items.map((item) => itemMetadata(item, p)) },
  'order.items.metadata_each': { kind: 'item_value', property: true, each: true, items: (items, p) => items.map((item) => itemMetadata(item, p)) },
  'order.items.any': { kind: 'items_group' },
  'order.items.every': { kind: 'items_group' },
  'order.items.none': { kind: 'items_group' },
  // A custom event's metadata: earning rules read it; a checkout has no custom event.
  'custom_event.metadata': { kind: 'value', property: true, read: () => undefined },
  // The redemption (domain/redemption-rules.ts); the API key and user names are not here: the mock has neither.
  'redemption.metadata': { kind: 'value', property: true, read: (f, p) => metadataOf(f.redemption?.metadata, p) },
  'redemption.gift.amount': { kind: 'value', read: (f) => f.redemption?.giftAmount },
  'redemption.reward.pay_with_points.points_used': { kind: 'value', read: (f) => f.redemption?.points },
  ...Object.fromEntries(
    Object.entries(REDEMPTION_COUNTS).map(([name, { perCustomer, period }]): [string, NameSpec] => [
      name,
      { kind: 'value', read: (f) => (f.redemption ? redemptionCount(f.ctx, f.redemption.objectId, perCustomer, f.customer?.id, period) : undefined) },
    ]),
  ),
  // The campaign's redemptions and orders (domain/redemption-rules.ts).
  ...Object.fromEntries(
    Object.keys(CAMPAIGN_TOTALS).map((name): [string, NameSpec] => [
      name,
      { kind: 'value', read: (f) => (f.redemption ? campaignTotal(f.ctx, f.redemption, f.customer?.id, name) : undefined) },
    ]),
  ),
};

/** The names nested in an items group, read from the items that match one product, SKU or collection. */
const ITEM_NAMES: Record<string, NameSpec> = {
  'order.items.quantity': { kind: 'item_value', each: true, items: (items) => items.map((item) => item.quantity) },
  'order.items.aggregated_quantity': { kind: 'item_value', items: (items) => [sum(items.map((item) => item.quantity))] },
  'order.items.price': { kind: 'item_value', each: true, items: (items) => items.map(itemPrice) },
  'order.items.aggregated_amount': { kind: 'item_value', items: (items) => [sum(items.map((item) => item.amount))] },
  'order.items.metadata': { kind: 'item_value', property: true, each: true, items: (items, p) => items.map((item) => itemMetadata(item, p)) },
};

/** A condition's test of the property's value; `now` (the tenant's clock) for the conditions relative to today. */
type Test = (actual: unknown, operands: unknown[], now: () => Date) => boolean;

const asNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (!Number.isNaN(n)) return n;
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return date;
  }
  return undefined;
};

const same = (actual: unknown, operand: unknown) => actual === operand || (asNumber(actual) !== undefined && asNumber(actual) === asNumber(operand)) || String(actual) === String(operand);

const compare = (test: (a: number, b: number) => boolean): Test => (actual, [operand]) => {
  const a = asNumber(actual);
  const b = asNumber(operand);
  return a !== undefined && b !== undefined && test(a, b);
};

const text = (test: (a: string, b: string) => boolean): Test => (actual, operands) => typeof actual === 'string' && operands.some((operand) => test(actual, String(operand)));

/** The conditions the engine evaluates, and how. `$greater_than…` are the spellings Voucherify's own examples use. */
const CONDITIONS: Record<string, Test> = {
  $is: (actual, operands) => actual !== undefined && actual !== null && operands.some((operand) => same(actual, operand)),
  $in: (actual, operands) => actual !== undefined && actual !== null && operands.some((operand) => same(actual, operand)),
  $is_not: (actual, operands) => actual === undefined || actual === null || !operands.some((operand) => same(actual, operand)),
  $not_in: (actual, operands) => actual === undefined || actual === null || !operands.some((operand) => same(actual, operand)),
  $less_than: compare((a, b) => a < b),
  $less_than_or_equal: compare((a, b) => a <= b),
  $more_than: compare((a, b) => a > b),
  $more_than_or_equal: compare((a, b) => a >= b),
  $greater_than: compare((a, b) => a > b),
  $greater_than_or_equal: compare((a, b) => a >= b),
  $starts_with: text((a, b) => a.startsWith(b)),
  $ends_with: text((a, b) => a.endsWith(b)),
  $contains: text((a, b) => a.includes(b)),
  $after: compare((a, b) => a > b),
  $before: compare((a, b) => a < b),
  ...timeConditions(),
  $count: count((n, m) => n === m),
  $count_more: count((n, m) => n > m),
  $count_less: count((n, m) => n < m),
  ...calendarConditions(),
};

/** For array metadata: the number of its elements against the operand. */
function count(test: (length: number, operand: number) => boolean): Test {
  return (actual, [operand]) => Array.isArray(actual) && typeof operand === 'number' && test(actual.length, operand);
}

/** A date-time property's instant, or undefined when it is none. */
function instantOf(actual: unknown): number | undefined {
  if (typeof actual === 'number') return actual;
  if (typeof actual !== 'string' || actual.trim() === '') return undefined;
  const time = Date.parse(actual);
  return Number.isNaN(time) ? undefined : time;
}

/** The operand of $timeframe, "start;interval;duration" (2024-11-12T14:59:23.019Z;P1D;PT1H), or undefined. */
function readTimeframe(operand: unknown): { start: string; interval: string; duration: string } | undefined {
  if (typeof operand !== 'string') return undefined;
  const [start, interval, duration, ...rest] = operand.split(';');
  if (rest.length > 0 || Number.isNaN(Date.parse(start)) || !interval || !duration || !parseDuration(interval) || !parseDuration(duration)) return undefined;
  return { start, interval, duration };
}

/** The operand of $timeframe_absolute, "from;to", as instants, or undefined. */
function readAbsolute(operand: unknown): { from: number; to: number } | undefined {
  if (typeof operand !== 'string') return undefined;
  const [from, to, ...rest] = operand.split(';').map((part) => Date.parse(part));
  return rest.length > 0 || from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) ? undefined : { from, to };
}

/** The operand of $timeframe_daily_hours, "18:00;20:01;2,3" (days 0 = Sunday … 6, all days when left out), or undefined. */
function readDailyHours(operand: unknown): { from: number; to: number; days: number[] | undefined } | undefined {
  if (typeof operand !== 'string') return undefined;
  const [from, to, days, ...rest] = operand.split(';');
  const start = from === undefined ? undefined : timeOfDay(from.trim());
  const end = to === undefined ? undefined : timeOfDay(to.trim());
  const list = days === undefined || days.trim() === '' ? undefined : days.split(',').map((day) => Number(day.trim()));
  if (rest.length > 0 || start === undefined || end === undefined || list?.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) return undefined;
  return { from: start, to: end, days: list };
}

/** Milliseconds since midnight (UTC) of the instant. */
const msOfDay = (time: number) => time - Date.UTC(new Date(time).getUTCFullYear(), new Date(time).getUTCMonth(), new Date(time).getUTCDate());

/** $timeframe, $timeframe_absolute, $timeframe_daily_hours and $dow: when a date-time property falls (UTC). */
function timeConditions(): Record<string, Test> {
  const at = (test: (time: number, operand: unknown) => boolean): Test => (actual, operands) => {
    const time = instantOf(actual);
    return time !== undefined && operands.some((operand) => test(time, operand));
  };
  return {
    $timeframe: at((time, operand) => {
      const frame = readTimeframe(operand);
      return frame !== undefined && time >= Date.parse(frame.start) && inTimeframe({ interval: frame.interval, duration: frame.duration }, frame.start, time);
    }),
    $timeframe_absolute: at((time, operand) => {
      const frame = readAbsolute(operand);
      return frame !== undefined && time >= frame.from && time <= frame.to;
    }),
    $timeframe_daily_hours: at((time, operand) => {
      const frame = readDailyHours(operand);
      if (!frame || (frame.days && !frame.days.includes(new Date(time).getUTCDay()))) return false;
      const ms = msOfDay(time);
      // A window that ends before it starts runs past midnight.
      return frame.from <= frame.to ? ms >= frame.from && ms < frame.to : ms >= frame.from || ms < frame.to;
    }),
    $dow: (actual, operands) => {
      const time = instantOf(actual);
      return time !== undefined && operands.some((day) => Number(day) === new Date(time).getUTCDay());
    },
  };
}

/** The calendar conditions of filters ($more_than_ago: [3], $is_days_in_future: [1] …) on a date property, from the tenant's today. */
function calendarConditions(): Record<string, Test> {
  const out: Record<string, Test> = {};
  for (const name of ['$more_than_ago', '$less_than_ago', '$is_days_ago', '$more_than_future', '$less_than_future', '$is_days_in_future'] as const) {
    out[name] = (actual, [operand], now) => {
      const time = instantOf(actual);
      return time !== undefined && typeof operand === 'number' && meetsCalendarCondition(name, time, operand, now());
    };
  }
  return out;
}

/** Each condition whose operands have a form of their own, and how to tell a good one (checked when the rule is stored). */
const OPERAND_FORMS: Record<string, { check: (operand: unknown) => boolean; form: string }> = {
  $timeframe: { check: (operand) => readTimeframe(operand) !== undefined, form: '"start;interval;duration", e.g. "2024-11-12T14:59:23.019Z;P1D;PT1H"' },
  $timeframe_absolute: { check: (operand) => readAbsolute(operand) !== undefined, form: '"from;to", e.g. "2024-11-14T16:02:00.000Z;2024-11-28T16:02:00.000Z"' },
  $timeframe_daily_hours: { check: (operand) => readDailyHours(operand) !== undefined, form: '"from;to;days", e.g. "18:00;20:01;2,3" (0 is Sunday)' },
  $dow: { check: (operand) => Number.isInteger(Number(operand)) && Number(operand) >= 0 && Number(operand) <= 6, form: 'days of the week, 0 (Sunday) to 6' },
  $after: { check: (operand) => instantOf(operand) !== undefined, form: 'a date-time' },
  $before: { check: (operand) => instantOf(operand) !== undefined, form: 'a date-time' },
  $count: { check: (operand) => Number.isInteger(operand), form: 'a whole number' },
  $count_more: { check: (operand) => Number.isInteger(operand), form: 'a whole number' },
  $count_less: { check: (operand) => Number.isInteger(operand), form: 'a whole number' },
  $more_than_ago: { check: (operand) => Number.isInteger(operand), form: 'a number of days' },
  $less_than_ago: { check: (operand) => Number.isInteger(operand), form: 'a number of days' },
  $is_days_ago: { check: (operand) => Number.isInteger(operand), form: 'a number of days' },
  $more_than_future: { check: (operand) => Number.isInteger(operand), form: 'a number of days' },
  $less_than_future: { check: (operand) => Number.isInteger(operand), form: 'a number of days' },
  $is_days_in_future: { check: (operand) => Number.isInteger(operand), form: 'a number of days' },
};


const SET_CONDITIONS = new Set(['$is', '$in', '$is_not', '$not_in']);
const GROUP_OBJECTS = new Set(['product', 'sku', 'products_collection']);

/** A product, SKU or collection an items group names. */
export interface GroupTarget {
  object: 'product' | 'sku' | 'products_collection';
  id: string;
  source_id?: string | null;
}

/** One compiled condition: true when the facts meet it. */
type Evaluator = (facts: RuleFacts) => boolean;

interface Compiled {
  /** The numbered conditions, evaluated lazily by the logic; `failed` collects those that did not hold. */
  evaluate(facts: RuleFacts, failed: string[]): boolean;
  conditions: Record<string, RuleCondition>;
}

// ---- logic: "1 and (2 or 3)" ---------------------------------------------------------------

type Logic = { number: string } | { op: 'and' | 'or'; left: Logic; right: Logic };

/** Parses `logic` (numbers, and, or, parentheses; and binds tighter), every number a defined condition. */
export function parseLogic(logic: string, defined: Set<string>, where: string): Logic | undefined {
  const tokens = logic.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.length === 0) return undefined;
  let at = 0;
  const fail = (why: string): never => {
    throw invalidRules(`${where}logic '${logic}' ${why}`);
  };
  const primary = (): Logic => {
    const token = tokens[at++];
    if (token === undefined) return fail('ends too early');
    if (token === '(') {
      const inner = or();
      if (tokens[at++] !== ')') fail("misses a ')'");
      return inner;
    }
    if (!/^[1-9]\d*$/.test(token)) return fail(`has '${token}' where a rule number is expected`);
    if (!defined.has(token)) fail(`names rule '${token}', which is not defined`);
    return { number: token };
  };
  // One level of precedence: operands joined by `op`, left to right ('and' binds tighter than 'or').
  const joined = (op: 'and' | 'or', operand: () => Logic) => (): Logic => {
    let left = operand();
    while (tokens[at]?.toLowerCase() === op) {
      at++;
      left = { op, left, right: operand() };
    }
    return left;
  };
  const and = joined('and', primary);
  const or = joined('or', and);
  const tree = or();
  if (at < tokens.length) fail(`has '${tokens[at]}' where 'and', 'or' or the end is expected`);
  return tree;
}

function run(logic: Logic, test: (number: string) => boolean): boolean {
  if ('number' in logic) return test(logic.number);
  return logic.op === 'and' ? run(logic.left, test) && run(logic.right, test) : run(logic.left, test) || run(logic.right, test);
}

// ---- checking and compiling ---------------------------------------------------------------

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A rule set as it is stored: each numbered condition with `property` (null unless a metadata
 * rule) and `rules` ({} unless nested), after checking every name, condition and the logic.
 * Throws 400 invalid_validation_rules naming what is wrong.
 */
export function normalizeRules(rules: unknown): RuleSet {
  if (rules === undefined) return { logic: '' };
  const { set } = compileSet(rules, NAMES, '');
  return set;
}

function compileSet(rules: unknown, names: Record<string, NameSpec>, where: string): { set: RuleSet; compiled: Compiled } {
  if (!isObject(rules)) throw invalidRules(`${where}rules must be an object`);
  const set: RuleSet = {};
  const evaluators = new Map<string, Evaluator>();
  const conditions: Record<string, RuleCondition> = {};
  for (const [key, value] of Object.entries(rules)) {
    if (key === 'logic') continue;
    if (!/^[1-9]\d*$/.test(key)) throw invalidRules(`${where}rules key '${key}' is neither a rule number nor 'logic'`);
    const { condition, evaluate } = compileCondition(value, names, `${where}rule '${key}'`);
    set[key] = condition;
    conditions[key] = condition;
    evaluators.set(key, evaluate);
  }
  const defined = new Set(evaluators.keys());
  const sentLogic = rules.logic;
  if (sentLogic !== undefined && typeof sentLogic !== 'string') throw invalidRules(`${where}logic must be a string`);
  // Without logic (as nested rules are sent), every condition must hold.
  const logicText = sentLogic ?? [...defined].join(' and ');
  const tree = parseLogic(logicText, defined, where ? `${where} ` : '');
  set.logic = logicText;
  const compiled: Compiled = {
    conditions,
    evaluate: (facts, failed) => {
      if (!tree) return true;
      return run(tree, (number) => {
        const held = evaluators.get(number)!(facts);
        if (!held) failed.push(number);
        return held;
      });
    },
  };
  return { set, compiled };
}

function compileCondition(value: unknown, names: Record<string, NameSpec>, where: string): { condition: RuleCondition; evaluate: Evaluator } {
  if (!isObject(value)) throw invalidRules(`${where} must be an object with a name and conditions`);
  const { name, property = null, conditions, rules, error } = value as Record<string, unknown>;
  if (typeof name !== 'string') throw invalidRules(`${where} must have a 'name'`);
  const spec = names[name];
  if (!spec) throw invalidRules(`Rule '${name}' (${where}) is not one mock-voucherify evaluates; it knows ${Object.keys(names).join(', ')}`);
  if (spec.property && (typeof property !== 'string' || property === '')) throw invalidRules(`Rule '${name}' must have a 'property'`);
  if (!spec.property && property !== null) throw invalidRules(`Rule '${name}' takes no 'property'`);
  if (!isObject(conditions) || Object.keys(conditions).length === 0) throw invalidRules(`Rule '${name}' (${where}) must have conditions, e.g. {"$is": [value]}`);
  for (const [condition, operands] of Object.entries(conditions)) {
    if (!(condition in CONDITIONS)) throw invalidRules(`Rule '${name}' (${where}) has an unknown condition '${condition}'; mock-voucherify knows ${Object.keys(CONDITIONS).join(', ')}`);
    if (!Array.isArray(operands) || operands.length === 0) throw invalidRules(`Rule '${name}' (${where}): condition '${condition}' needs a non-empty list of values`);
    if ((spec.kind === 'segment' || spec.kind === 'items_group') && !SET_CONDITIONS.has(condition)) throw invalidRules(`Rule '${name}' (${where}) takes $is, $in, $is_not or $not_in, not '${condition}'`);
    const form = OPERAND_FORMS[condition];
    if (form && !operands.every(form.check)) throw invalidRules(`Rule '${name}' (${where}): condition '${condition}' takes ${form.form}`);
  }
  if (error !== undefined && (!isObject(error) || (error.message !== undefined && typeof error.message !== 'string'))) throw invalidRules(`Rule '${name}' (${where}): error must be an object with a string message`);
  const nestedSent = isObject(rules) ? Object.keys(rules).filter((key) => key !== 'logic') : [];
  if (rules !== undefined && rules !== null && !isObject(rules)) throw invalidRules(`Rule '${name}' (${where}): rules must be an object`);
  if (spec.kind !== 'items_group' && nestedSent.length > 0) throw invalidRules(`Rule '${name}' (${where}) takes no nested rules`);
  const checked = conditions as Record<string, unknown[]>;
  const nested = spec.kind === 'items_group' && nestedSent.length > 0 ? compileSet(rules, ITEM_NAMES, `${where} of '${name}', `) : undefined;
  const condition: RuleCondition = {
    name,
    property: property as string | null,
    conditions: checked,
    rules: nested?.set ?? {},
    ...(error !== undefined ? { error: error as { message?: string } } : {}),
  };
  return { condition, evaluate: evaluator(name, spec, condition, nested?.compiled) };
}

const meetsAll = (actual: unknown, conditions: Record<string, unknown[]>, now: () => Date) => {
  for (const condition in conditions) if (!CONDITIONS[condition]!(actual, conditions[condition]!, now)) return false;
  return true;
};

function evaluator(name: string, spec: NameSpec, condition: RuleCondition, nested: Compiled | undefined): Evaluator {
  const { conditions, property } = condition;
  switch (spec.kind) {
    case 'segment':
      return (facts) => {
        const { customer, ctx } = facts;
        const memberOf = (id: unknown) => {
          const segment = customer && typeof id === 'string' ? segments(ctx.tenant).get(id) : undefined;
          return segment !== undefined && customer !== undefined && isMember(ctx, segment, customer);
        };
        for (const [key, ids] of Object.entries(conditions)) {
          const member = ids.some(memberOf);
          if (key === '$is' || key === '$in' ? !member : member) return false;
        }
        return true;
      };
    case 'value':
      return (facts) => meetsAll(spec.read!(facts, property), conditions, facts.ctx.clock);
    case 'item_value':
      // Top level: the cart's items (price_any / price_each …).
      return (facts) => itemsMeet(spec, condition, facts.order.items, facts.ctx.clock);
    case 'items_group': {
      const targets = groupTargets(name, conditions);
      const mode = name.slice('order.items.'.length) as 'any' | 'every' | 'none';
      return (facts) => {
        const held = (target: GroupTarget) => {
          const matched = facts.order.items.filter(matcher(facts.ctx, target));
          return matched.length > 0 && (!nested || nested.evaluate({ ...facts, order: { ...facts.order, items: matched } }, []));
        };
        const included = targets.included;
        const excluded = targets.excluded;
        const ok =
          mode === 'every' ? included.every(held) : mode === 'any' ? included.length === 0 || included.some(held) : !included.some(held);
        return ok && !excluded.some(held);
      };
    }
  }
}

/** An item rule on a set of items: each item's value (or, `each` false, any item's) meets the conditions. */
function itemsMeet(spec: NameSpec, condition: RuleCondition, items: CalculatedItem[], now: () => Date): boolean {
  const values = spec.items!(items, condition.property);
  if (values.length === 0) return false;
  const test = (value: unknown) => meetsAll(value, condition.conditions, now);
  return spec.each ? values.every(test) : values.some(test);
}

/** The products, SKUs and collections an items group names: $is/$in include, $is_not/$not_in exclude. */
function groupTargets(name: string, conditions: Record<string, unknown[]>): { included: GroupTarget[]; excluded: GroupTarget[] } {
  const included: GroupTarget[] = [];
  const excluded: GroupTarget[] = [];
  for (const [key, operands] of Object.entries(conditions)) {
    for (const operand of operands) {
      if (!isObject(operand) || typeof operand.id !== 'string' || !GROUP_OBJECTS.has(operand.object as string))
        throw invalidRules(`Rule '${name}': each value of '${key}' must be {"object": "product" | "sku" | "products_collection", "id": …}`);
      (key === '$is' || key === '$in' ? included : excluded).push(operand as unknown as GroupTarget);
    }
  }
  return { included, excluded };
}

/** Whether an order item is of the product, SKU or product collection (by id or source_id). */
export function matcher(ctx: Context, target: GroupTarget): (item: CalculatedItem) => boolean {
  const { id, source_id: sourceId } = target;
  if (target.object === 'product')
    return (item) => item.product_id === id || item.product?.id === id || (!!sourceId && ((item.related_object !== 'sku' && item.source_id === sourceId) || item.product?.source_id === sourceId));
  if (target.object === 'sku')
    return (item) => item.sku_id === id || item.sku?.id === id || (!!sourceId && ((item.related_object === 'sku' && item.source_id === sourceId) || item.sku?.source_id === sourceId));
  const collection = productCollections(ctx.tenant).get(id);
  if (!collection) return () => false;
  const productIds = new Set<string>();
  const skuIds = new Set<string>();
  for (const member of membersOf(ctx, collection)) {
    if (member.record === member.product) productIds.add(member.product.id);
    else skuIds.add(member.record.id);
  }
  return (item) => {
    const skuId = item.sku_id ?? (item.sku?.id as string | undefined);
    const productId = item.product_id ?? (item.product?.id as string | undefined);
    return (skuId !== undefined && skuIds.has(skuId)) || (productId !== undefined && productIds.has(productId));
  };
}

// ---- evaluating stored rules ----------------------------------------------------------------

const compiledRules = new WeakMap<ValidationRule, Compiled>();

function compiledOf(rule: ValidationRule): Compiled {
  let compiled = compiledRules.get(rule);
  if (!compiled) {
    compiled = compileSet(rule.rules, NAMES, '').compiled;
    compiledRules.set(rule, compiled);
  }
  return compiled;
}

/** Why a rule does not hold: the first condition that failed (if the logic got to one). */
export interface RuleViolation {
  rule: ValidationRule;
  /** The failed condition's rule name, e.g. customer.segment; undefined when nothing was evaluated. */
  name?: string;
  /** The message to show: the failed condition's error message, else the rule's. */
  message?: string;
}

/** Evaluates one rule on the facts: undefined when it holds. */
export function evaluateRule(rule: ValidationRule, facts: RuleFacts): RuleViolation | undefined {
  const compiled = compiledOf(rule);
  const failed: string[] = [];
  if (compiled.evaluate(facts, failed)) return undefined;
  const first = failed.length > 0 ? compiled.conditions[failed[0]!] : undefined;
  const withMessage = failed.map((number) => compiled.conditions[number]!).find((condition) => condition.error?.message);
  return { rule, name: first?.name, message: withMessage?.error?.message ?? rule.error?.message };
}

export const VOUCHER_KINDS: Record<string, string> = { DISCOUNT_VOUCHER: 'Discount Coupon', GIFT_VOUCHER: 'Gift Card', LOYALTY_CARD: 'Loyalty Card' };

/** The rules assigned to each of the ids (a campaign's, then its voucher's or tier's own), in that order. */
function assignedRules(ctx: Context, ids: (string | null | undefined)[]): ValidationRule[] {
  const all = ruleAssignments(ctx.tenant);
  const out: ValidationRule[] = [];
  for (const id of ids) {
    if (!id) continue;
    for (const assignment of all.groupOf('related_object_id', id)) {
      const rule = validationRules(ctx.tenant).get(assignment.rule_id);
      if (rule) out.push(rule);
    }
  }
  return out;
}

/** What a checkout passes for the rules, beyond the customer and the order. */
export type RuleInputs = Pick<RuleFacts, 'orderMetadata' | 'customerMetadata'> & { redemptionMetadata?: Record<string, unknown> };

/** The redeemable as the request sends it: the gift credits or loyalty points it uses, and the reward it buys. */
export interface RedeemableSent {
  gift?: { credits?: number };
  reward?: { id?: string; points?: number };
}

/**
 * The first violated rule of `rules` as Voucherify answers it: customer_rules_violated when the
 * first failed condition reads the customer, redemption_rules_violated when it reads the
 * redemption, else order_rules_violated; the message is the rule's (or condition's) error message
 * when it has one. `kind` names the redeemable in the details ("Gift Card", "Promotion Tier").
 */
function firstViolation(rules: ValidationRule[], facts: RuleFacts, kind: string): VoucherifyError | undefined {
  for (const rule of rules) {
    const violation = evaluateRule(rule, facts);
    if (!violation) continue;
    // A campaign's redemption counts and totals limit redemptions: reported as redemption rules.
    const about = violation.name?.startsWith('customer.') ? 'customer' : violation.name?.startsWith('redemption.') || violation.name?.startsWith('campaign.') ? 'redemption' : 'order';
    const message = violation.message ?? `${about} does not match validation rules`;
    return new VoucherifyError(400, `${about}_rules_violated`, message, { details: `${kind} cannot be redeemed because of violated validation rules: ${rule.id}` });
  }
  return undefined;
}

/** The refusal of a voucher whose campaign's or own validation rules do not hold, or undefined. */
export function rulesRefusal(
  ctx: Context,
  voucher: Voucher,
  customer: Customer | undefined,
  order: CalculatedOrder,
  inputs: RuleInputs,
  sent?: RedeemableSent,
): VoucherifyError | undefined {
  // The hot path: a tenant without assignments pays one lookup, and no allocation.
  if (ruleAssignments(ctx.tenant).size === 0) return undefined;
  // A loyalty card buying a reward: the rules assigned to the reward's assignment to the program count too.
  const assignment = sent?.reward?.id && voucher.campaign_id ? rewardAssignments(ctx.tenant).findBy('reward_program', `${sent.reward.id}|${voucher.campaign_id}`) : undefined;
  const rules = assignedRules(ctx, [voucher.campaign_id, voucher.id, assignment?.id]);
  if (rules.length === 0) return undefined;
  const giftAmount =
    voucher.type === 'GIFT_VOUCHER' ? (sent?.gift?.credits ?? Math.max(0, Math.min(voucher.gift?.balance ?? 0, order.total_amount))) : undefined;
  const facts: RuleFacts = {
    ctx,
    customer,
    order,
    orderMetadata: inputs.orderMetadata,
    customerMetadata: inputs.customerMetadata,
    redemption: { objectId: voucher.id, campaignId: voucher.campaign_id, orderAmount: order.amount, metadata: inputs.redemptionMetadata, giftAmount, points: sent?.reward?.points },
  };
  return firstViolation(rules, facts, VOUCHER_KINDS[voucher.type] ?? 'Voucher');
}

/** The refusal of a promotion tier whose validation rules (its own, or its campaign's) do not hold, or undefined. */
export function tierRulesRefusal(ctx: Context, tier: PromotionTier, customer: Customer | undefined, order: CalculatedOrder, inputs: RuleInputs): VoucherifyError | undefined {
  if (ruleAssignments(ctx.tenant).size === 0) return undefined;
  const rules = assignedRules(ctx, [tier.campaign_id, tier.id]);
  if (rules.length === 0) return undefined;
  const facts: RuleFacts = {
    ctx,
    customer,
    order,
    orderMetadata: inputs.orderMetadata,
    customerMetadata: inputs.customerMetadata,
    redemption: { objectId: tier.id, campaignId: tier.campaign_id, orderAmount: order.amount, metadata: inputs.redemptionMetadata },
  };
  return firstViolation(rules, facts, 'Promotion Tier');
}

/** The refusal of a campaign whose own validation rules do not hold (POST /v1/campaigns/qualification), or undefined. */
export function campaignRulesRefusal(ctx: Context, campaign: Campaign, customer: Customer | undefined, order: CalculatedOrder, inputs: RuleInputs): VoucherifyError | undefined {
  if (ruleAssignments(ctx.tenant).size === 0) return undefined;
  const rules = assignedRules(ctx, [campaign.id]);
  if (rules.length === 0) return undefined;
  const facts: RuleFacts = { ctx, customer, order, orderMetadata: inputs.orderMetadata, customerMetadata: inputs.customerMetadata, redemption: { objectId: campaign.id, campaignId: campaign.id, orderAmount: order.amount, metadata: inputs.redemptionMetadata } };
  return firstViolation(rules, facts, 'Campaign');
}

/** The ids of the rules assigned to the object (a voucher, campaign or promotion tier), oldest first. */
export function assignmentsOf(ctx: Context, relatedId: string) {
  const all = ruleAssignments(ctx.tenant);
  return all.size === 0 ? [] : all.groupOf('related_object_id', relatedId);
}

/** The voucher's or campaign's validation_rules_assignments: its own assignments, oldest first, as Voucherify's examples show them. */
export function assignmentsSummary(ctx: Context, relatedId: string): ListSummary {
  const data = assignmentsOf(ctx, relatedId);
  return { object: 'list', data_ref: 'data', data, total: data.length };
}

/**
 * Assigns the rules named (by id) to a new object, as a creation's `validation_rules` list does
 * (a promotion tier's); an unknown rule is 404 validation_rules. Call before the object is stored,
 * so that a refusal leaves nothing behind.
 */
export function assignRulesOnCreate(ctx: Context, ruleIds: readonly string[], type: 'promotion_tier' | 'campaign' | 'voucher', relatedId: string): void {
  const rules = validationRules(ctx.tenant);
  for (const id of new Set(ruleIds)) {
    if (!rules.get(id)) throw notFound('validation_rules', id);
    ruleAssignments(ctx.tenant).put({
      id: ctx.ids.ruleAssignment(),
      rule_id: id,
      related_object_id: relatedId,
      related_object_type: type,
      created_at: timestamp(ctx.clock),
      object: 'validation_rules_assignment',
    });
  }
}

/** A deleted voucher's or campaign's assignments go with it. */
export function removeAssignmentsOf(ctx: Context, relatedId: string): void {
  const all = ruleAssignments(ctx.tenant);
  if (all.size === 0) return;
  for (const assignment of all.groupOf('related_object_id', relatedId)) all.remove(assignment.id);
}
