// Exports: a CSV file of one kind of record (vouchers, redemptions, customers, publications, orders,
// points buckets, voucher transactions), written at once from the rows as they are, chosen by
// parameters.filters, sorted by parameters.order, with parameters.fields as its columns; kept until
// deleted, and downloaded from the export's own link (GET /v1/exports/{id}?token=…).

import { transactions } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { writeCsv } from '../../domain/csv.js';
import { compileFilter, readPath } from '../../domain/filters.js';
import { getCampaign, getVoucher } from '../../domain/lookups.js';
import { pointsBuckets } from '../../domain/points-expiration.js';
import { memberCard } from '../../domain/rewards.js';
import { invalidPayload, notFound, unauthorized, VoucherifyError } from '../../errors.js';
import type { OperationContext } from '../../http/context.js';
import { downloadToken } from '../../http/download-token.js';
import { listEnvelope } from '../../lists/envelope.js';
import { orderedPage } from '../../lists/numbered-page.js';
import type { RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';
import { ALNUM } from '../../store/ids.js';
import { allExports, type ExportedObject, type ExportRecord } from './collection.js';
import { EXPORT_SOURCES, settleCards, type ExportSource, type ExportView } from './sources.js';

/** What a request may say about its export, as the spec lets it through (checked per object here). */
export interface ExportParameters {
  order?: string;
  fields?: string[];
  filters?: Record<string, unknown>;
  campaign_id?: string;
  [other: string]: unknown;
}

/** 400 invalid_export_fields: a field the object does not export, answered with the ones it does. */
const invalidExportFields = (allowed: readonly string[]) =>
  new VoucherifyError(400, 'invalid_export_fields', 'Invalid Export', { details: `Unsupported field used. Allowed fields: ${allowed.join(', ')}` });

/** 403 forbidden: the transactions of a campaign that has no cards. */
const transactionsForbidden = () =>
  new VoucherifyError(403, 'forbidden', 'Forbidden', { details: 'Transactions are allowed only for loyalty or gift campaigns' });

/** A field's text in the file: numbers and booleans as written, lists of plain values joined by commas, objects as JSON. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value.join(',');
  return JSON.stringify(value);
}

/** The columns asked for, checked: each one the object exports, or metadata.<key> where it has metadata. */
function columnsOf(source: ExportSource, fields: string[] | undefined): readonly string[] {
  if (fields === undefined || fields.length === 0) return source.defaults;
  for (const field of fields) {
    if (source.fields.includes(field)) continue;
    if (source.metadata && field.startsWith('metadata.') && field.length > 'metadata.'.length) continue;
    throw invalidExportFields(source.fields);
  }
  return fields;
}

/** The order asked for, checked against those the object takes (as Voucherify words an enum it refuses). */
function orderOf(source: ExportSource, order: string | undefined): { field: string; descending: boolean } {
  const chosen = order ?? source.defaultOrder;
  const field = chosen.replace(/^-/, '');
  if (!source.orders.includes(field)) {
    const allowed = source.orders.flatMap((name) => [`-${name}`, name]).join(', ');
    throw invalidPayload(`Property .parameters.order should be equal to one of the allowed values [ ${allowed} ]`);
  }
  return { field, descending: chosen.startsWith('-') };
}

/**
 * Sorts by the field's text; equal values keep the records' own order (creation order), reversed
 * with a dash, as the lists do: of two records made in one request, the later one is the newer.
 */
function sortViews(views: ExportView[], field: string, descending: boolean): ExportView[] {
  const direction = descending ? -1 : 1;
  const keyed = views.map((view, index) => ({ view, index, value: cell(view[field]) }));
  keyed.sort((a, b) => (a.value !== b.value ? (a.value < b.value ? -direction : direction) : (a.index - b.index) * direction));
  return keyed.map(({ view }) => view);
}

/** The file: a header of the field names, then one line per record. */
function writeFile(ctx: Context, source: ExportSource, records: unknown[], parameters: ExportParameters): string {
  const columns = columnsOf(source, parameters.fields);
  const { field, descending } = orderOf(source, parameters.order);
  const test = parameters.filters !== undefined ? compileFilter(parameters.filters, 'parameters.filters') : undefined;
  const now = ctx.clock();
  const views = records.map((record) => source.view(ctx, record)).filter((view) => !test || test(view, now));
  const rows = sortViews(views, field, descending).map((view) => columns.map((column) => cell(readPath(view, column))));
  return writeCsv(columns, rows);
}

/** Narrows an export to one voucher or campaign: the records it reads, and the filter its parameters show for it. */
interface Scope {
  records: unknown[];
  filters: Record<string, unknown>;
}

/**
 * Makes the export of `object` and answers it as Voucherify answers a creation: SCHEDULED, no
 * result yet. The export itself is DONE: its file is written now, and reading it shows the link.
 */
export function createExport(ctx: OperationContext, object: ExportedObject, parameters: ExportParameters = {}, scope?: Scope) {
  const source = EXPORT_SOURCES[object];
  let records = scope?.records ?? source.records(ctx);
  if (object === 'voucher' && parameters.campaign_id !== undefined) {
    const campaign = getCampaign(ctx, parameters.campaign_id);
    records = records.filter((voucher) => (voucher as { campaign_id?: string | null }).campaign_id === campaign.id);
  }
  const csv = writeFile(ctx, source, records, parameters);
  const shown = scope ? { ...parameters, filters: { ...parameters.filters, ...scope.filters } } : parameters;
  const record = allExports(ctx.tenant).put({
    id: 'exp_' + ctx.ids.code(ALNUM, 24),
    object: 'export',
    created_at: timestamp(ctx.clock),
    status: 'DONE',
    channel: 'API',
    exported_object: object,
    parameters: shown,
    user_id: null,
    secret: ctx.ids.code(ALNUM, 32),
    csv,
  });
  return { ...shownFields(record), status: 'SCHEDULED' as const, result: null, user_id: record.user_id };
}

/** The export as the API shows it: its link carries the download token, on the host the caller used. */
function exportView(ctx: OperationContext, record: ExportRecord) {
  const token = downloadToken(ctx.tenantId, record.secret);
  const url = `${ctx.baseUrl}/v1/exports/${encodeURIComponent(record.id)}?token=${encodeURIComponent(token)}`;
  return { ...shownFields(record), result: { url } as { url: string } | null, user_id: record.user_id };
}

/** The export's fields in the order Voucherify answers them, without its secret and file. */
const shownFields = (record: ExportRecord) => ({
  id: record.id,
  object: record.object,
  created_at: record.created_at,
  status: record.status as ExportRecord['status'] | 'SCHEDULED',
  channel: record.channel,
  exported_object: record.exported_object,
  parameters: record.parameters,
});

function getRecord(ctx: OperationContext, id: string): ExportRecord {
  const record = allExports(ctx.tenant).get(id);
  if (!record) throw notFound('export', id);
  return record;
}

export const getExport = (ctx: OperationContext, id: string) => exportView(ctx, getRecord(ctx, id));

/** GET /v1/exports: newest first unless `order` says otherwise. */
export function listExports(ctx: OperationContext, query: RequestQuery<'list-exports'>) {
  const page = orderedPage(allExports(ctx.tenant), query, query.order ?? '-created_at');
  return listEnvelope(
    'exports',
    page.items.map((record) => exportView(ctx, record)),
    { total: page.total },
  );
}

/** DELETE /v1/exports/{exportId}: the export and its file; its link stops working. */
export function deleteExport(ctx: OperationContext, id: string): void {
  allExports(ctx.tenant).remove(getRecord(ctx, id).id);
}

/** GET /v1/exports/{id}?token=…: the file, for the export's own token only (another answers 401). */
export function downloadExport(ctx: OperationContext, id: string, token: string): string {
  const record = getRecord(ctx, id);
  if (token !== downloadToken(ctx.tenantId, record.secret)) throw unauthorized();
  return record.csv;
}

// ---- the exports of one voucher, campaign or loyalty card ---------------------------------------

/** POST /v1/vouchers/{code}/transactions/export: the voucher's transactions; the filter shows the code as sent. */
export function exportVoucherTransactions(ctx: OperationContext, code: string, parameters?: ExportParameters) {
  const voucher = getVoucher(ctx, code);
  return createExport(ctx, 'voucher_transactions', parameters, {
    records: transactions(ctx.tenant).groupOf('voucher_id', voucher.id),
    filters: { voucher_id: { conditions: { $in: [code] } } },
  });
}

/**
 * POST /v1/campaigns/{campaignId}/transactions/export (any campaign: 403 unless it has gift or
 * loyalty cards) and POST /v1/loyalties/{campaignId}/transactions/export (`loyaltyOnly`: a campaign
 * that is no loyalty program is not found, as on the other loyalty endpoints).
 */
export function exportCampaignTransactions(ctx: OperationContext, idOrName: string, parameters: ExportParameters | undefined, loyaltyOnly: boolean) {
  const campaign = getCampaign(ctx, idOrName);
  if (loyaltyOnly && campaign.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', idOrName);
  if (campaign.campaign_type !== 'LOYALTY_PROGRAM' && campaign.campaign_type !== 'GIFT_VOUCHERS') throw transactionsForbidden();
  settleCards(ctx, (bucket) => bucket.campaign_id === campaign.id);
  return createExport(ctx, 'voucher_transactions', parameters, {
    records: transactions(ctx.tenant).groupOf('campaign_id', campaign.id),
    filters: { campaign_id: { conditions: { $in: [campaign.id] } } },
  });
}

/** POST /v1/loyalties/[{campaignId}/]members/{memberId}/transactions/export: the card's transactions. */
export function exportCardTransactions(ctx: OperationContext, memberId: string, campaignIdOrName: string | undefined, parameters?: ExportParameters) {
  const program = campaignIdOrName !== undefined ? loyaltyProgram(ctx, campaignIdOrName) : undefined;
  const card = memberCard(ctx, memberId, program);
  return createExport(ctx, 'voucher_transactions', parameters, {
    records: transactions(ctx.tenant).groupOf('voucher_id', card.id),
    filters: { voucher_id: { conditions: { $in: [memberId] } } },
  });
}

/** POST /v1/loyalties/{campaignId}/points-expiration/export: the points buckets of the program's cards. */
export function exportPointsExpiration(ctx: OperationContext, idOrName: string, parameters?: ExportParameters) {
  const program = loyaltyProgram(ctx, idOrName);
  settleCards(ctx, (bucket) => bucket.campaign_id === program.id);
  return createExport(ctx, 'points_expiration', parameters, {
    records: pointsBuckets(ctx.tenant)
      .all()
      .filter((bucket) => bucket.campaign_id === program.id),
    filters: { campaign_id: { conditions: { $in: [program.id] } } },
  });
}

function loyaltyProgram(ctx: Context, idOrName: string) {
  const campaign = getCampaign(ctx, idOrName);
  if (campaign.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', idOrName);
  return campaign;
}
