// Imports: standalone vouchers and a campaign's vouchers from a JSON array or a CSV file, and
// historical orders. Each answers an async action the mock has already done. What is wrong with
// the request as a whole (no code, codes the tenant has) refuses it and writes nothing; an entry or
// row that cannot be imported is listed in the action's `failed`, leaves nothing behind, and the
// others are still imported.

import { recordAsyncAction } from '../../domain/async-actions.js';
import { isInBin } from '../../domain/bin.js';
import { categoryFields } from '../../domain/categories.js';
import { categories, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { importRows, metadataOf, reasonOf } from '../../domain/csv.js';
import { emitVoucherEvent } from '../../domain/events.js';
import { findVoucher } from '../../domain/lookups.js';
import { importOrder, type OrderRequest } from '../../domain/order-records.js';
import type { Campaign, Discount, Metadata, Voucher, VoucherType } from '../../domain/records.js';
import { addCampaignVoucher, createVoucherWithCode, getVoucherCampaign, type VoucherRequest } from '../../domain/voucher-creation.js';
import type { VoucherInit } from '../../domain/vouchers.js';
import { duplicateFound, invalidVoucher } from '../../errors.js';
import type { RequestBody } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';
import { duplicateCodes, vouchersWithoutCode } from './errors.js';

type VoucherEntry = RequestBody<'import-vouchers'>[number];
type CampaignVoucherEntry = RequestBody<'import-vouchers-to-campaign'>[number];

/** What an import's result says, as Voucherify's VOUCHERS.IMPORT, ORDERS.IMPORT, … results have it. */
function importResult<F>(noun: string, done: number, failed: F[]) {
  return { message: `${done} ${noun}(s) imported successfully, ${failed.length} failed.`, failed, done_count: done, failed_count: failed.length };
}

/**
 * Imports each entry on its own: one that throws is listed in `failed` (named by `identify`, with
 * the error's details as its reason) and leaves no write behind; the others are kept. Its events
 * are not taken back, so an entry emits them once it can no longer fail.
 */
function importEach<E, N extends object>(ctx: Context, entries: readonly E[], importEntry: (entry: E) => void, identify: (entry: E) => N) {
  const failed: (N & { reason: string })[] = [];
  for (const entry of entries) {
    try {
      ctx.tenant.attempt(() => importEntry(entry));
    } catch (error) {
      failed.push({ ...identify(entry), reason: reasonOf(error) });
    }
  }
  return { done: entries.length - failed.length, failed };
}

/**
 * The checks Voucherify makes on a whole voucher import before it starts: every entry has a code
 * (400 invalid_voucher) and no code is one the tenant already has, or its trash bin keeps (400
 * duplicate_key, counting the codes). A code sent twice in the same array is not refused here: its second entry fails.
 */
function checkCodes(ctx: Context, entries: readonly { code?: string }[]): void {
  const withoutCode = entries.filter((entry) => entry.code === undefined).length;
  if (withoutCode > 0) throw vouchersWithoutCode(withoutCode);
  const existing = new Set(entries.map((entry) => entry.code as string).filter((code) => findVoucher(ctx, code) !== undefined || isInBin(ctx, 'voucher', code)));
  if (existing.size > 0) throw duplicateCodes(existing.size);
}

/** POST /v1/vouchers/import: each entry a standalone voucher, as POST /v1/vouchers/{code} would make it (voucher.created included). */
export function importVouchers(ctx: Context, entries: RequestBody<'import-vouchers'>) {
  checkCodes(ctx, entries);
  const { done, failed } = importEach(
    ctx,
    entries,
    (entry) => createVoucherWithCode(ctx, entry.code as string, standaloneRequest(entry), undefined),
    (entry) => ({ code: entry.code as string }),
  );
  return { async_action_id: recordAsyncAction(ctx, 'VOUCHERS.IMPORT', importResult('voucher', done, failed)).id };
}

/** The fields of an import entry Voucherify imports (a gift card's amount and effect, not a balance of its own). */
function standaloneRequest(entry: VoucherEntry): VoucherRequest {
  const { gift, ...rest } = entry;
  return { ...rest, ...(gift ? { gift: { amount: gift.amount, effect: gift.effect } } : {}), metadata: entry.metadata as Metadata | undefined };
}

/**
 * What a campaign's voucher gets from an import entry or CSV row beside the fields every campaign
 * voucher may set: its own credits on a gift card, its own points on a loyalty card (the campaign's
 * template gives the rest). A type other than the campaign's cannot be imported into it.
 */
function cardInit(campaign: Campaign, type: VoucherType | undefined, amount: number | undefined, points: number | undefined): Omit<VoucherInit, 'code' | 'campaign'> {
  const template = campaign.voucher ?? {};
  const campaignType = template.type ?? 'DISCOUNT_VOUCHER';
  if (type !== undefined && type !== campaignType) {
    throw invalidVoucher(`Voucher type ${type} does not match the ${campaignType} vouchers of campaign ${campaign.name}`);
  }
  if (campaignType === 'GIFT_VOUCHER' && amount !== undefined) return { gift: { ...template.gift, amount, balance: undefined } };
  if (campaignType === 'LOYALTY_CARD' && points !== undefined) return { loyalty_card: { points } };
  return {};
}

/**
 * POST /v1/campaigns/{campaignId}/import: each entry a voucher of the campaign with the entry's
 * code, as POST /v1/campaigns/{campaignId}/vouchers/{code} would add it; the campaign's template
 * gives its type, discount and what else the entry leaves out.
 */
export function importCampaignVouchers(ctx: Context, idOrName: string, entries: RequestBody<'import-vouchers-to-campaign'>) {
  const campaign = getVoucherCampaign(ctx, idOrName);
  checkCodes(ctx, entries);
  const { done, failed } = importEach(
    ctx,
    entries,
    (entry: CampaignVoucherEntry) => {
      const init = cardInit(campaign, entry.type, entry.gift?.amount, entry.loyalty_card?.points);
      if (entry.validity_timeframe !== undefined) init.validity_timeframe = entry.validity_timeframe;
      if (entry.validity_day_of_week !== undefined) init.validity_day_of_week = entry.validity_day_of_week;
      addCampaignVoucher(ctx, campaign, entry.code as string, { ...entry, metadata: entry.metadata as Metadata | undefined }, init);
    },
    (entry) => ({ code: entry.code as string }),
  );
  return { async_action_id: recordAsyncAction(ctx, 'CAMPAIGN.VOUCHERS_IMPORT', importResult('voucher', done, failed)).id };
}

/** POST /v1/orders/import: each order stored as POST /v1/orders would store it, with no events and no earning. */
export function importOrders(ctx: Context, entries: RequestBody<'import-orders'>) {
  const { done, failed } = importEach(
    ctx,
    entries as OrderRequest[],
    (entry) => importOrder(ctx, entry),
    (entry) => ({ source_id: entry.source_id ?? null }),
  );
  return { async_action_id: recordAsyncAction(ctx, 'ORDERS.IMPORT', importResult('order', done, failed)).id };
}

// ---- CSV -------------------------------------------------------------------------------------

/** A column name as the imports match it: any case, spaces, underscores or dashes between words ("Voucher_Type" = "voucher type"). */
const columnKey = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** A row's known columns by their matching key (an empty cell is no value), and the rest as metadata. */
function readRow(row: Record<string, string>, known: ReadonlySet<string>) {
  const fields = new Map<string, string>();
  const used: string[] = [];
  for (const [column, value] of Object.entries(row)) {
    const key = columnKey(column);
    if (!known.has(key)) continue;
    used.push(column);
    if (value.trim() !== '') fields.set(key, value.trim());
  }
  return { fields, metadata: metadataOf(row, used) };
}

/**
 * What both voucher CSV imports read first of a row: its known columns and metadata, its Code
 * (required), Active and Category, and the voucher the tenant already has with that code.
 */
function voucherRow(ctx: Context, row: Record<string, string>, known: ReadonlySet<string>) {
  const { fields, metadata } = readRow(row, known);
  const code = fields.get('code');
  if (code === undefined) throw invalidVoucher('Code is required');
  const active = booleanCell('Active', fields.get('active'));
  const category = categoryCell(ctx, fields.get('category'));
  return { fields, metadata, code, active, category, existing: findVoucher(ctx, code) };
}

/** The code a row names, for `failed`: from its Code column, whatever its case. */
function codeOf(row: Record<string, string>): Record<string, string> {
  const column = Object.keys(row).find((name) => columnKey(name) === 'code');
  const code = column === undefined ? '' : row[column].trim();
  return code ? { code } : {};
}

const invalidCell = (column: string, expected: string, value: string) => invalidVoucher(`${column} must be ${expected}, not "${value}"`);

function booleanCell(column: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  throw invalidCell(column, 'true or false', value);
}

function integerCell(column: string, value: string | undefined, minimum = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < minimum || !Number.isSafeInteger(Number(value))) {
    throw invalidCell(column, minimum > 0 ? `a whole number of at least ${minimum}` : 'a whole number, 0 or more', value);
  }
  return Number(value);
}

function numberCell(column: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw invalidCell(column, 'a number, 0 or more', value);
  return Number(value);
}

/**
 * The dates Voucherify's CSV imports read, as instants: YYYY-MM-DD, YYYY-MM-DDTHH, YYYY-MM-DDTHH:mm,
 * YYYY-MM-DDTHH:mm:ss, each with an optional Z, and YYYY-MM-DDTHH:mm:ss.SSSZ; UTC when no zone is given.
 */
const CSV_DATE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?)?Z?$/;

function dateCell(column: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = CSV_DATE.exec(value);
  const instant = match ? new Date(`${match[1]}T${match[2] ?? '00'}:${match[3] ?? '00'}:${match[4] ?? '00'}${match[5] ?? ''}Z`) : undefined;
  if (!instant || Number.isNaN(instant.getTime()) || !instant.toISOString().startsWith(match![1])) {
    throw invalidCell(column, 'an ISO 8601 date (e.g. 2020-03-11 or 2020-03-11T09:00:00.000Z)', value);
  }
  return instant.toISOString();
}

/** The category a cell names: a category id of the tenant, else a category name (linked when a category has it). */
function categoryCell(ctx: Context, value: string | undefined) {
  if (value === undefined) return undefined;
  return categories(ctx.tenant).get(value) ? categoryFields(ctx, { category_id: value }) : categoryFields(ctx, { category: value });
}

/**
 * The effects each discount type takes, as the spec's discount variants list them: a CSV's
 * Discount Effect is checked here, since no validator sees a CSV's cells.
 */
const EFFECTS: Record<Discount['type'], readonly string[]> = {
  AMOUNT: ['APPLY_TO_ORDER', 'APPLY_TO_ITEMS', 'APPLY_TO_ITEMS_PROPORTIONALLY', 'APPLY_TO_ITEMS_PROPORTIONALLY_BY_QUANTITY', 'APPLY_TO_ITEMS_BY_QUANTITY'],
  PERCENT: ['APPLY_TO_ORDER', 'APPLY_TO_ITEMS'],
  FIXED: ['APPLY_TO_ORDER', 'APPLY_TO_ITEMS'],
  UNIT: ['ADD_MISSING_ITEMS', 'ADD_NEW_ITEMS', 'ADD_MANY_ITEMS', 'ADD_SAME_ITEMS'],
};

/** The discount field each discount type's Value fills. */
const VALUE_FIELD: Record<Discount['type'], string> = { AMOUNT: 'amount_off', PERCENT: 'percent_off', FIXED: 'fixed_amount', UNIT: 'unit_off' };

/** A standalone discount from a row's Discount Type, Value, Discount Effect and Unit Type. */
function discountOf(fields: Map<string, string>): Discount {
  const type = fields.get('discount type')?.toUpperCase();
  if (type === undefined) throw invalidVoucher('Discount Type is required');
  if (!(type in EFFECTS)) throw invalidCell('Discount Type', 'AMOUNT, PERCENT, FIXED or UNIT', fields.get('discount type') as string);
  const discountType = type as Discount['type'];
  const value = discountType === 'UNIT' ? integerCell('Value', fields.get('value')) : numberCell('Value', fields.get('value'));
  if (value === undefined) throw invalidVoucher('Value is required');
  if (discountType === 'PERCENT' && value > 100) throw invalidCell('Value', 'a percentage of at most 100', String(value));
  const effect = fields.get('discount effect')?.toUpperCase();
  if (effect !== undefined && !EFFECTS[discountType].includes(effect)) {
    throw invalidCell('Discount Effect', `one of ${EFFECTS[discountType].join(', ')} for a ${discountType} discount`, fields.get('discount effect') as string);
  }
  const unitType = fields.get('unit type');
  if (discountType === 'UNIT' && unitType === undefined) throw invalidVoucher('Unit Type is required for a UNIT discount');
  return {
    type: discountType,
    [VALUE_FIELD[discountType]]: value,
    ...(discountType === 'UNIT' ? { unit_type: unitType } : {}),
    ...(effect !== undefined ? { effect } : {}),
  } as unknown as Discount;
}

/** The context a CSV row's voucher is made in: no events, which go out once the row is whole (see created). */
const quietly = (ctx: Context): Context => ({ ...ctx, events: undefined });

/**
 * A row's new voucher, made quietly, with the row's Redeemed Quantity and (gift cards) Redeemed
 * Amount counted on it (what was redeemed before the import; the amount comes off the card's
 * balance), then announced: voucher.created goes out only for a row that is imported whole, since
 * a row that fails after its voucher was made leaves no voucher to announce.
 */
function created(ctx: Context, make: (quiet: Context) => Voucher, quantity: number | undefined, amount: number | undefined): Voucher {
  const voucher = withRedeemed(ctx, make(quietly(ctx)), quantity, amount);
  emitVoucherEvent(ctx, 'voucher.created', voucher);
  return voucher;
}

function withRedeemed(ctx: Context, voucher: Voucher, quantity: number | undefined, amount: number | undefined): Voucher {
  if (quantity === undefined && amount === undefined) return voucher;
  const limit = voucher.redemption.quantity;
  if (quantity !== undefined && limit !== null && quantity > limit) throw invalidVoucher(`Redeemed Quantity (${quantity}) cannot be more than the redemption limit (${limit})`);
  const redemption = { ...voucher.redemption, ...(quantity !== undefined ? { redeemed_quantity: quantity } : {}) };
  let gift = voucher.gift;
  if (amount !== undefined) {
    if (!gift) throw invalidVoucher('Redeemed Amount is only for gift cards');
    if (amount > gift.balance) throw invalidVoucher(`Redeemed Amount (${amount}) cannot be more than the card's credits (${gift.balance})`);
    gift = { ...gift, balance: gift.balance - amount };
    redemption.redeemed_amount = (redemption.redeemed_amount ?? 0) + amount;
  }
  return vouchers(ctx.tenant).put({ ...voucher, redemption, gift });
}

/** An existing voucher given a row's Active and Category (all that an import changes on it), with voucher.updated. */
function updateFromRow(ctx: Context, voucher: Voucher, active: boolean | undefined, category: ReturnType<typeof categoryCell>): Voucher {
  const updated = vouchers(ctx.tenant).put({ ...voucher, ...(active !== undefined ? { active } : {}), ...category, updated_at: timestamp(ctx.clock) });
  emitVoucherEvent(ctx, 'voucher.updated', updated);
  return updated;
}

/** The columns a standalone voucher CSV reads as fields (matched by columnKey); the others are metadata. */
const VOUCHER_COLUMNS = new Set([
  'code',
  'voucher type',
  'value',
  'discount type',
  'discount effect',
  'unit type',
  'category',
  'active',
  'start date',
  'expiration date',
  'redemption limit',
  'redeemed quantity',
  'redeemed amount',
  'additional info',
]);

const STANDALONE_TYPES: readonly string[] = ['DISCOUNT_VOUCHER', 'GIFT_VOUCHER'];

/**
 * POST /v1/vouchers/importCSV: each row a standalone discount voucher or gift card (Value is the
 * discount's amount_off, percent_off, fixed_amount or unit_off, or the card's credits, in the API's
 * units: cents for amounts). A code the tenant already has updates that voucher's Active and
 * Category. Webhooks go out only when the upload asks for them (webhooks_enable=true).
 */
export function importVouchersCsv(ctx: Context, csv: string, webhooks: boolean) {
  const rowCtx = webhooks ? ctx : quietly(ctx);
  return importRows(
    ctx,
    csv,
    'VOUCHERS.IMPORT_CSV',
    'voucher',
    (row) => {
      const { fields, metadata, code, active, category, existing } = voucherRow(ctx, row, VOUCHER_COLUMNS);
      if (existing) {
        updateFromRow(rowCtx, existing, active, category);
        return;
      }
      const type = fields.get('voucher type')?.toUpperCase();
      if (type === undefined) throw invalidVoucher('Voucher Type is required');
      if (!STANDALONE_TYPES.includes(type)) throw invalidCell('Voucher Type', 'DISCOUNT_VOUCHER or GIFT_VOUCHER', fields.get('voucher type') as string);
      const request: VoucherRequest = {
        type: type as VoucherType,
        ...category,
        active,
        additional_info: fields.get('additional info'),
        start_date: dateCell('Start Date', fields.get('start date')),
        expiration_date: dateCell('Expiration Date', fields.get('expiration date')),
        ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      };
      const limit = integerCell('Redemption Limit', fields.get('redemption limit'), 1);
      if (limit !== undefined) request.redemption = { quantity: limit };
      if (type === 'DISCOUNT_VOUCHER') request.discount = discountOf(fields);
      else {
        const amount = integerCell('Value', fields.get('value'));
        if (amount === undefined) throw invalidVoucher('Value is required');
        request.gift = { amount };
      }
      const redeemedQuantity = integerCell('Redeemed Quantity', fields.get('redeemed quantity'));
      const redeemedAmount = integerCell('Redeemed Amount', fields.get('redeemed amount'));
      created(rowCtx, (quiet) => createVoucherWithCode(quiet, code, request, undefined), redeemedQuantity, redeemedAmount);
    },
    codeOf,
  );
}

/** The columns a campaign's voucher CSV reads as fields (matched by columnKey); the others are metadata. */
const CAMPAIGN_VOUCHER_COLUMNS = new Set(['code', 'category', 'active', 'gift amount', 'redeemed amount', 'redeemed quantity', 'loyalty points']);

/**
 * POST /v1/campaigns/{campaignId}/importCSV: each row a voucher of the campaign, with the row's
 * Code, Category, Active, Gift Amount, Loyalty Points, Redeemed Quantity and Redeemed Amount; the
 * campaign's template gives the rest. A code that is already a voucher of this campaign updates
 * its Active and Category; a code another voucher has cannot be imported.
 */
export function importCampaignVouchersCsv(ctx: Context, idOrName: string, csv: string) {
  const campaign = getVoucherCampaign(ctx, idOrName);
  return importRows(
    ctx,
    csv,
    'CAMPAIGN.VOUCHERS_IMPORT_CSV',
    'voucher',
    (row) => {
      const { fields, metadata, code, active, category, existing } = voucherRow(ctx, row, CAMPAIGN_VOUCHER_COLUMNS);
      if (existing) {
        if (existing.campaign_id !== campaign.id) throw duplicateFound('voucher', code);
        updateFromRow(ctx, existing, active, category);
        return;
      }
      const init = cardInit(campaign, undefined, integerCell('Gift Amount', fields.get('gift amount')), integerCell('Loyalty Points', fields.get('loyalty points')));
      const body = { ...category, ...(active !== undefined ? { active } : {}), ...(Object.keys(metadata).length > 0 ? { metadata } : {}) };
      const redeemedQuantity = integerCell('Redeemed Quantity', fields.get('redeemed quantity'));
      const redeemedAmount = integerCell('Redeemed Amount', fields.get('redeemed amount'));
      created(ctx, (quiet) => addCampaignVoucher(quiet, campaign, code, body, init), redeemedQuantity, redeemedAmount);
    },
    codeOf,
  );
}
