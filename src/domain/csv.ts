// CSV imports (products, SKUs, customers, vouchers): the text as they read it (RFC 4180: a header line, then
// one record a line; fields may be quoted ("a, b"), with "" for a quote inside; CRLF or LF line
// ends; blank lines skipped), and the import of its rows one by one into an async action. And the
// CSV exports write: writeCsv.

import { VoucherifyError } from '../errors.js';
import { recordAsyncAction } from './async-actions.js';
import type { Context } from './context.js';
import type { Metadata } from './records.js';

/** The header's column names and each record as column → text (columns a record lacks are left out). */
export function parseCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const records = csvRecords(text).filter((record) => !(record.length === 1 && record[0] === ''));
  const [header = [], ...body] = records;
  const columns = header.map((name) => name.trim());
  const rows = body.map((record) => {
    const row: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column !== '' && i < record.length) row[column] = record[i];
    });
    return row;
  });
  return { columns, rows };
}

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF, with "" for each quote. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The header line and one line per row, each ended by CRLF (RFC 4180), every field quoted as it needs. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A record of one empty field is written "" so that it is not read back as a blank line.
  const line = (record: readonly string[]) => (record.length === 1 && record[0] === '' ? '""' : record.map(csvField).join(',')) + '\r\n';
  return [header, ...rows].map(line).join('');
}

function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A row an import could not take: counted from 1 after the header, with what names it (its source_id or code). */
type Failure = { row: number; reason: string } & Record<string, string | number>;

/** Why a row or entry could not be imported, as an import's `failed` says it: the error's details, else its message. */
export const reasonOf = (error: unknown) => (error instanceof VoucherifyError ? (error.details ?? error.message) : error instanceof Error ? error.message : String(error));

/** What names a row in `failed` by default: its source_id column, when it has one. */
const bySourceId = (row: Record<string, string>): Record<string, string> => {
  const sourceId = row.source_id ?? row.Source_id;
  return sourceId ? { source_id: sourceId } : {};
};

/** The columns an import does not read as fields, as metadata (empty cells left out). */
export function metadataOf(row: Record<string, string>, fields: readonly string[]): Metadata {
  const metadata: Metadata = {};
  for (const [column, value] of Object.entries(row)) if (!fields.includes(column) && value !== '') metadata[column] = value;
  return metadata;
}

/**
 * Imports each row of `csv` on its own (a row that fails is reported, with what `identify` names
 * it by, and leaves no write behind; the others are kept) and records the async action of `type`
 * with what was done: "2 product(s) imported successfully, 1 failed." A row's writes are undone,
 * its events are not: a row emits them once it can no longer fail.
 */
export function importRows(
  ctx: Context,
  csv: string,
  type: string,
  noun: string,
  importRow: (row: Record<string, string>) => void,
  identify: (row: Record<string, string>) => Record<string, string> = bySourceId,
) {
  const { rows } = parseCsv(csv);
  const failed: Failure[] = [];
  rows.forEach((row, index) => {
    try {
      ctx.tenant.attempt(() => importRow(row));
    } catch (error) {
      failed.push({ row: index + 1, ...identify(row), reason: reasonOf(error) });
    }
  });
  const done = rows.length - failed.length;
  const result = { message: `${done} ${noun}(s) imported successfully, ${failed.length} failed.`, done_count: done, failed_count: failed.length, failed };
  return { async_action_id: recordAsyncAction(ctx, type, result).id };
}
