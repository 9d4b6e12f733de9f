// The trash bin: campaigns, vouchers, products and SKUs deleted without force=true. Each delete
// leaves one bin entry (tbe_…) and keeps the records it removed beside it, so that their codes,
// names and source_ids stay taken until the entry is deleted for good.

import { VoucherifyError } from '../errors.js';
import { defineCollection } from '../store/collection.js';
import { timestamp } from '../store/clock.js';
import type { Tenant } from '../store/tenant.js';
import type { Context } from './context.js';
import type { Campaign, Product, Sku, Voucher } from './records.js';

export type BinResourceType = 'campaign' | 'voucher' | 'product' | 'sku';

/** One entry of GET /v1/trash-bin: what was deleted, when, and what it belonged to. */
export interface BinEntry {
  id: string;
  created_at: string;
  /** Voucherify names the dashboard user; a request with an API key has none. */
  deleted_by_user_id: string | null;
  resource_id: string;
  resource_type: BinResourceType;
  /** The campaign's or product's name, the voucher's code, the SKU's name (`sku`). */
  resource_name: string;
  /** A voucher's campaign, a SKU's product; null for the others. */
  resource_parent_id: string | null;
  object: BinResourceType;
}

/**
 * A record a bin entry holds: the resource the entry names, and what went with it (a campaign's
 * vouchers, a product's SKUs). `taken` is what it keeps from being used again: "voucher|CODE",
 * "campaign|Name", "product|source-id", "sku|source-id" (null when it has nothing unique).
 */
export interface BinnedRecord {
  /** The resource's own id (camp_…, v_…, prod_…, sku_…). */
  id: string;
  entry_id: string;
  resource_type: BinResourceType;
  taken: string | null;
  record: Campaign | Voucher | Product | Sku;
}

export const binEntryRecords = defineCollection<BinEntry>()({
  name: 'bin_entries',
  recordName: 'bin entry',
  check: (e) => (typeof e.resource_id !== 'string' ? 'has no resource_id' : typeof e.resource_type !== 'string' ? 'has no resource_type' : undefined),
});

export const binnedRecords = defineCollection<BinnedRecord>()({
  name: 'binned_records',
  recordName: 'binned record',
  unique: { taken: (r) => r.taken },
  groups: { entry_id: (r) => r.entry_id },
  uniqueLabels: { taken: 'code, name or source_id' },
  references: { entry_id: 'bin_entries' },
});

/** The bin's collections, for src/resources/index.ts to register. */
export const binCollections = [binEntryRecords, binnedRecords];

export const binEntries = (tenant: Tenant) => tenant.collection(binEntryRecords);
const binned = (tenant: Tenant) => tenant.collection(binnedRecords);

/** What a binned record keeps taken: vouchers their code, campaigns their name, products and SKUs their source_id. */
function takenKey(type: BinResourceType, record: BinnedRecord['record']): string | null {
  switch (type) {
    case 'voucher':
      return `voucher|${(record as Voucher).code}`;
    case 'campaign':
      return `campaign|${(record as Campaign).name}`;
    default: {
      const sourceId = (record as Product | Sku).source_id;
      return sourceId ? `${type}|${sourceId}` : null;
    }
  }
}

/** The entry's resource_name: a product or SKU without a name shows its source_id, then its id. */
function resourceName(type: BinResourceType, record: BinnedRecord['record']): string {
  switch (type) {
    case 'voucher':
      return (record as Voucher).code;
    case 'campaign':
      return (record as Campaign).name;
    case 'product':
      return (record as Product).name ?? (record as Product).source_id ?? record.id;
    case 'sku':
      return (record as Sku).sku ?? (record as Sku).source_id ?? record.id;
  }
}

function parentId(type: BinResourceType, record: BinnedRecord['record']): string | null {
  if (type === 'voucher') return (record as Voucher).campaign_id ?? null;
  if (type === 'sku') return (record as Sku).product_id;
  return null;
}

/** What goes into the bin with its resource: a campaign's vouchers, a product's SKUs. */
export interface BinnedWith {
  vouchers?: readonly Voucher[];
  skus?: readonly Sku[];
}

/**
 * Moves a deleted resource to the bin: one entry names it, and it is kept (with `withIt`) under
 * that entry. The caller has already removed the records from their collections.
 */
export function moveToBin(ctx: Context, type: BinResourceType, record: BinnedRecord['record'], withIt: BinnedWith = {}): BinEntry {
  const entry: BinEntry = {
    id: ctx.ids.binEntry(),
    created_at: timestamp(ctx.clock),
    deleted_by_user_id: null,
    resource_id: record.id,
    resource_type: type,
    resource_name: resourceName(type, record),
    resource_parent_id: parentId(type, record),
    object: type,
  };
  binEntries(ctx.tenant).put(entry);
  const keep = (kind: BinResourceType, kept: BinnedRecord['record']) =>
    binned(ctx.tenant).put({ id: kept.id, entry_id: entry.id, resource_type: kind, taken: takenKey(kind, kept), record: kept });
  keep(type, record);
  for (const voucher of withIt.vouchers ?? []) keep('voucher', voucher);
  for (const sku of withIt.skus ?? []) keep('sku', sku);
  return entry;
}

/** Deletes a bin entry for good, with everything it kept: their codes, names and source_ids are free again. */
export function emptyBinEntry(ctx: Context, entry: BinEntry): void {
  const kept = binned(ctx.tenant);
  // Newest first: each removal then takes the last element of the index lists, not the first.
  for (const record of kept.groupOf('entry_id', entry.id).reverse()) kept.remove(record.id);
  binEntries(ctx.tenant).remove(entry.id);
}

/**
 * Whether the bin keeps a voucher with this code, a campaign with this name, or a product or SKU
 * with this source_id: Voucherify lets them be used again only after a delete with force=true.
 */
export const isInBin = (ctx: Context, type: BinResourceType, codeNameOrSourceId: string): boolean =>
  binned(ctx.tenant).findBy('taken', `${type}|${codeNameOrSourceId}`) !== undefined;

/**
 * A new product or SKU whose source_id is still kept by the bin. Voucherify's upserts cannot
 * update the binned one (it is gone) nor make another with the same source_id.
 */
export const sourceIdInBin = (type: 'product' | 'sku', sourceId: string) =>
  new VoucherifyError(409, 'duplicate_found', 'Duplicated resource found', {
    details: `Duplicated ${type} exists in the bin with source_id ${sourceId}; delete it for good (DELETE /v1/trash-bin/{binEntryId}) to reuse the source_id`,
    resourceId: sourceId,
    resourceType: type,
  });
