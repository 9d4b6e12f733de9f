// The string formats of specs/ as the validators check them: ajv-formats' definitions (RFC 3339
// date-time, date, email, …), with date-time narrowed to what Date can read, and
// `date-or-date-time`, the mock's own, for fields Voucherify takes as a bare day or an instant.

import type { Ajv, FormatDefinition } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const formatsPlugin = addFormatsModule as unknown as FormatsPlugin & ((ajv: Ajv) => Ajv);

type StringFormat = FormatDefinition<string> & { validate: (text: string) => boolean };

const rfc3339DateTime = formatsPlugin.get('date-time') as StringFormat;
const rfc3339Date = formatsPlugin.get('date') as StringFormat;

/**
 * RFC 3339 as ajv-formats reads it (a time zone is required: "2026-05-30T10:00:00Z",
 * "2026-05-30T12:00:00.123+02:00"), and also a time Date can read: ajv-formats lets through
 * "+02" offsets and the leap second 23:59:60, which Date cannot read, and an instant the model
 * cannot read answered 500 "Invalid time value".
 */
const dateTime: StringFormat = {
  type: 'string',
  validate: (text) => rfc3339DateTime.validate(text) && !Number.isNaN(Date.parse(text)),
  compare: rfc3339DateTime.compare,
};

/** A calendar day ("2027-05-30", which lasts until the end of that day) or a date-time as above. */
const dateOrDateTime: StringFormat = {
  type: 'string',
  validate: (text) => rfc3339Date.validate(text) || dateTime.validate(text),
};

/** Voucherify's wording for a date it cannot read, for the formats whose errors it words itself. */
export const UNREADABLE_DATE = 'cannot be recognized as a ISO-8601 compliant date';

/** Formats whose errors read as Voucherify's, "Property .expiration_date cannot be recognized as a ISO-8601 compliant date". */
export const VOUCHERIFY_WORDED_FORMATS: ReadonlySet<string> = new Set(['date-or-date-time']);

export function addSpecFormats(ajv: Ajv): void {
  formatsPlugin(ajv);
  ajv.addFormat('date-time', dateTime);
  ajv.addFormat('date-or-date-time', dateOrDateTime);
}
