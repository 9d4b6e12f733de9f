// Voucherify's formula language, as its discounts (amount_off_formula, percent_off_formula,
// fixed_amount_formula, unit_off_formula) and validation rules' applicable_to entries
// (price_formula) use it: IF(ORDER_AMOUNT > 300;ORDER_ITEM_PRICE * 0.8;ORDER_ITEM_PRICE).
//
// Money in a formula is in the currency's main unit (ORDER_AMOUNT of an order of 46500 cents is
// 465), and an amount or price a formula gives is in that unit too (the caller turns it into
// cents). A formula is checked when it is stored (an unknown name is refused, naming it) and
// compiled once per text; evaluating it reads only the facts it names. A value it cannot compute
// (missing metadata, a division by zero) is undefined: the caller falls back to the static value.

import { invalidPayload } from '../errors.js';
import type { CalculatedItem, CalculatedOrder } from './orders.js';

/** What a formula reads. */
export interface FormulaFacts {
  order: CalculatedOrder;
  /** The order item a price formula is evaluated for. */
  item?: CalculatedItem;
  customerMetadata?: Record<string, unknown>;
  orderMetadata?: Record<string, unknown>;
}

type Value = number | string | boolean | unknown[] | undefined;
type Node = (facts: FormulaFacts) => Value;

/** A formula that cannot be read: the message names what is wrong. */
export class FormulaError extends Error {}

const itemPrice = (item: CalculatedItem | undefined): number | undefined =>
  item === undefined ? undefined : (item.price ?? (item.quantity > 0 ? item.amount / item.quantity : undefined));
const units = (value: number | undefined): number | undefined => (value === undefined ? undefined : value / 100);
const metadataOf = (metadata: Record<string, unknown> | undefined, key: Value): Value => {
  const value = metadata && typeof key === 'string' ? metadata[key] : undefined;
  return value === null || (typeof value === 'object' && !Array.isArray(value)) ? undefined : (value as Value);
};

/** The names a formula may read (no arguments), with what each gives. */
export const FORMULA_VARIABLES: Record<string, (facts: FormulaFacts) => Value> = {
  ORDER_AMOUNT: (f) => units(f.order.amount),
  ORDER_TOTAL_AMOUNT: (f) => units(f.order.total_amount),
  ORDER_ITEMS_COUNT: (f) => f.order.items.length,
  ORDER_UNITS_QUANTITY: (f) => f.order.items.reduce((sum, item) => sum + item.quantity, 0),
  ORDER_ITEM_PRICE: (f) => units(itemPrice(f.item)),
  ORDER_ITEM_QUANTITY: (f) => f.item?.quantity,
  ORDER_ITEM_AMOUNT: (f) => units(f.item?.amount),
};

const toNumber = (value: Value): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
};

/** The functions a formula may call, with how many arguments each takes. */
export const FORMULA_FUNCTIONS: Record<string, { args: [number, number]; build: (args: Node[]) => Node }> = {
  IF: {
    args: [2, 3],
    build: ([test, then, otherwise]) => (f) => {
      const held = test!(f);
      if (held === undefined) return undefined;
      return held ? then!(f) : otherwise ? otherwise(f) : undefined;
    },
  },
  CUSTOMER_METADATA: { args: [1, 1], build: ([key]) => (f) => metadataOf(f.customerMetadata, key!(f)) },
  ORDER_METADATA: { args: [1, 1], build: ([key]) => (f) => metadataOf(f.orderMetadata, key!(f)) },
  ORDER_ITEM_METADATA: {
    args: [1, 1],
    build: ([key]) => (f) => {
      const k = key!(f);
      const item = f.item;
      return metadataOf(item?.metadata, k) ?? metadataOf(item?.sku?.metadata as Record<string, unknown> | undefined, k) ?? metadataOf(item?.product?.metadata as Record<string, unknown> | undefined, k);
    },
  },
  MIN: { args: [1, 20], build: (args) => numeric(args, (values) => Math.min(...values)) },
  MAX: { args: [1, 20], build: (args) => numeric(args, (values) => Math.max(...values)) },
  ROUND: { args: [1, 2], build: (args) => numeric(args, ([value, digits = 0]) => Math.round(value! * 10 ** digits) / 10 ** digits) },
  ROUND_DOWN: { args: [1, 1], build: (args) => numeric(args, ([value]) => Math.floor(value!)) },
  ROUND_UP: { args: [1, 1], build: (args) => numeric(args, ([value]) => Math.ceil(value!)) },
};

function numeric(args: Node[], compute: (values: number[]) => number): Node {
  return (f) => {
    const values: number[] = [];
    for (const arg of args) {
      const value = toNumber(arg(f));
      if (value === undefined) return undefined;
      values.push(value);
    }
    return compute(values);
  };
}

const same = (a: Value, b: Value): boolean | undefined => {
  if (a === undefined || b === undefined) return undefined;
  const x = toNumber(a);
  const y = toNumber(b);
  return x !== undefined && y !== undefined ? x === y : String(a) === String(b);
};

/** The binary operators, loosest first: each level's operators and what they compute. */
const LEVELS: Record<string, (a: Value, b: Value) => Value>[] = [
  { OR: (a, b) => (a === undefined || b === undefined ? undefined : Boolean(a) || Boolean(b)) },
  { AND: (a, b) => (a === undefined || b === undefined ? undefined : Boolean(a) && Boolean(b)) },
  {
    '=': same,
    '==': same,
    '!=': (a, b) => (same(a, b) === undefined ? undefined : !same(a, b)),
    '<>': (a, b) => (same(a, b) === undefined ? undefined : !same(a, b)),
    '>': (a, b) => compare(a, b, (x, y) => x > y),
    '<': (a, b) => compare(a, b, (x, y) => x < y),
    '>=': (a, b) => compare(a, b, (x, y) => x >= y),
    '<=': (a, b) => compare(a, b, (x, y) => x <= y),
    CONTAINS: (a, b) => {
      if (a === undefined || b === undefined) return undefined;
      if (Array.isArray(a)) return a.some((value) => same(value as Value, b));
      return String(a).includes(String(b));
    },
  },
  { '+': (a, b) => arithmetic(a, b, (x, y) => x + y), '-': (a, b) => arithmetic(a, b, (x, y) => x - y) },
  { '*': (a, b) => arithmetic(a, b, (x, y) => x * y), '/': (a, b) => arithmetic(a, b, (x, y) => (y === 0 ? NaN : x / y)) },
];

function compare(a: Value, b: Value, test: (x: number, y: number) => boolean): boolean | undefined {
  const x = toNumber(a);
  const y = toNumber(b);
  return x === undefined || y === undefined ? undefined : test(x, y);
}

function arithmetic(a: Value, b: Value, op: (x: number, y: number) => number): number | undefined {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined) return undefined;
  const result = op(x, y);
  return Number.isFinite(result) ? result : undefined;
}

// ---- reading a formula --------------------------------------------------------------------

type Token = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?|\.\d+)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([A-Za-z_][A-Za-z0-9_]*)|(>=|<=|<>|!=|==|[-+*/()<>=;,]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (!match) throw new FormulaError(`cannot read '${text.slice(at).trim().slice(0, 20)}'`);
    at = TOKEN.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined || match[3] !== undefined) tokens.push({ kind: 'string', value: (match[2] ?? match[3])!.replace(/\\(.)/g, '$1') });
    else if (match[4] !== undefined) {
      const upper = match[4].toUpperCase();
      if (upper === 'AND' || upper === 'OR' || upper === 'CONTAINS') tokens.push({ kind: 'op', value: upper });
      else tokens.push({ kind: 'name', value: match[4] });
    } else tokens.push({ kind: 'op', value: match[5]! });
  }
  return tokens;
}

function parse(text: string): Node {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new FormulaError('is empty');
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (value: string) => peek()?.kind === 'op' && peek()!.value === value;
  const expect = (value: string) => {
    if (!isOp(value)) throw new FormulaError(`expects '${value}' ${peek() ? `before '${String(peek()!.value)}'` : 'at the end'}`);
    at++;
  };
  const level = (depth: number): Node => {
    if (depth === LEVELS.length) return unary();
    let left = level(depth + 1);
    for (;;) {
      const token = peek();
      const op = token?.kind === 'op' ? LEVELS[depth]![token.value] : undefined;
      if (!op) return left;
      at++;
      const right = level(depth + 1);
      const l = left;
      left = (f) => op(l(f), right(f));
    }
  };
  const unary = (): Node => {
    if (isOp('-')) {
      at++;
      const operand = unary();
      return (f) => {
        const value = toNumber(operand(f));
        return value === undefined ? undefined : -value;
      };
    }
    if (isOp('+')) {
      at++;
      return unary();
    }
    return primary();
  };
  const primary = (): Node => {
    const token = tokens[at++];
    if (!token) throw new FormulaError('ends too early');
    if (token.kind === 'number' || token.kind === 'string') {
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'op') {
      if (token.value !== '(') throw new FormulaError(`has '${token.value}' where a value is expected`);
      const inner = level(0);
      expect(')');
      return inner;
    }
    const name = token.value;
    if (isOp('(')) {
      const fn = FORMULA_FUNCTIONS[name];
      if (!fn) throw new FormulaError(`uses the function ${name}, which mock-voucherify does not know; it knows ${Object.keys(FORMULA_FUNCTIONS).join(', ')}`);
      at++;
      const args: Node[] = [];
      if (!isOp(')')) {
        args.push(level(0));
        while (isOp(';') || isOp(',')) {
          at++;
          args.push(level(0));
        }
      }
      expect(')');
      const [min, max] = fn.args;
      if (args.length < min || args.length > max) throw new FormulaError(`calls ${name} with ${args.length} argument(s); it takes ${min === max ? min : `${min} to ${max}`}`);
      return fn.build(args);
    }
    const variable = FORMULA_VARIABLES[name];
    if (!variable) throw new FormulaError(`uses the name ${name}, which mock-voucherify does not know; it knows ${Object.keys(FORMULA_VARIABLES).join(', ')}`);
    return variable;
  };
  const tree = level(0);
  if (at < tokens.length) throw new FormulaError(`has '${String(tokens[at]!.value)}' where an operator or the end is expected`);
  return tree;
}

const compiled = new Map<string, Node>();

/** The formula compiled (once per text). Throws FormulaError naming what is wrong. */
export function compileFormula(text: string): Node {
  let node = compiled.get(text);
  if (!node) {
    node = parse(text);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(text, node);
  }
  return node;
}

/** Checks a formula as it is stored: undefined when it reads, else why not ("uses the function FOO, …"). */
export function formulaProblem(text: unknown): string | undefined {
  if (typeof text === 'number') return undefined;
  if (typeof text !== 'string') return 'must be a string';
  try {
    compileFormula(text);
    return undefined;
  } catch (error) {
    if (error instanceof FormulaError) return error.message;
    throw error;
  }
}

/**
 * The formula's number on the facts, or undefined when it cannot be computed (a stored formula
 * was checked when it was stored; a number stands for itself).
 */
export function evaluateFormula(formula: string | number, facts: FormulaFacts): number | undefined {
  if (typeof formula === 'number') return formula;
  let node: Node;
  try {
    node = compileFormula(formula);
  } catch {
    return undefined;
  }
  const value = node(facts);
  return typeof value === 'boolean' ? undefined : toNumber(value);
}

// ---- checking what is stored -------------------------------------------------------------

const DISCOUNT_FORMULAS = ['amount_off_formula', 'percent_off_formula', 'fixed_amount_formula', 'unit_off_formula'] as const;

/** A discount's formulas that do not read: what is wrong with the first ("discount.amount_off_formula 'FOO(1)' uses …"), else undefined. */
function discountFormulaProblem(discount: unknown, where = 'discount'): string | undefined {
  if (!discount || typeof discount !== 'object') return undefined;
  const d = discount as Record<string, unknown>;
  for (const key of DISCOUNT_FORMULAS) {
    if (d[key] === undefined) continue;
    const problem = formulaProblem(d[key]);
    if (problem) return `${where}.${key} '${String(d[key])}' ${problem}`;
  }
  if (Array.isArray(d.units)) {
    for (let i = 0; i < d.units.length; i++) {
      const problem = discountFormulaProblem(d.units[i], `${where}.units[${i}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A discount (of a voucher, campaign or promotion tier) being stored: a formula that does not read is 400 invalid_payload naming it and what is wrong. */
export function assertDiscountFormulas(discount: unknown): void {
  const problem = discountFormulaProblem(discount);
  if (problem) throw invalidPayload(problem);
}
