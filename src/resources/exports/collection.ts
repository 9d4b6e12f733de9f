// Exports: the exports resource is their only reader and writer.

import { defineCollection } from '../../store/collection.js';
import type { Tenant } from '../../store/tenant.js';

export const EXPORTED_OBJECTS = ['voucher', 'redemption', 'customer', 'publication', 'order', 'points_expiration', 'voucher_transactions'] as const;
export type ExportedObject = (typeof EXPORTED_OBJECTS)[number];

/**
 * One export (exp_…). The mock writes its file when it is created, so it is DONE from the start;
 * the file is kept with it (the rows as they were then), and the secret of its download token.
 */
export interface ExportRecord {
  id: string;
  object: 'export';
  created_at: string;
  status: 'DONE';
  channel: 'API';
  exported_object: ExportedObject;
  /** As the request sent them, with the filter a scoped endpoint adds (voucher_id, campaign_id). */
  parameters: Record<string, unknown>;
  user_id: null;
  /** The part of the download token only this export knows (see http/download-token.ts). */
  secret: string;
  /** The CSV file. */
  csv: string;
}

export const exportRecords = defineCollection<ExportRecord>()({
  name: 'exports',
  recordName: 'export',
  check: (e) => (typeof e.csv !== 'string' ? 'has no csv' : typeof e.secret !== 'string' ? 'has no secret' : undefined),
});

// Not named `exports`: CommonJS builds give that name a meaning of its own.
export const allExports = (tenant: Tenant) => tenant.collection(exportRecords);
