// What a campaign summary needs to remember of a campaign's vouchers once they are deleted: one
// record per voucher, written when it is deleted (to the bin or for good), with the time and what
// the card still held. A voucher binned and then emptied from the bin for good keeps its one
// record, so it is counted once, as Voucherify counts it.

import { defineCollection } from '../store/collection.js';
import { timestamp } from '../store/clock.js';
import type { Tenant } from '../store/tenant.js';
import type { Context } from './context.js';
import type { Voucher } from './records.js';

/** A deleted voucher of a campaign, by the voucher's own id (v_…). */
export interface VoucherDeletion {
  id: string;
  campaign_id: string;
  deleted_at: string;
  /** A gift card's balance when it was deleted, in cents (0 for other vouchers). */
  amount: number;
  /** A loyalty card's point balance when it was deleted (0 for other vouchers). */
  points: number;
  object: 'voucher_deletion';
}

export const voucherDeletionRecords = defineCollection<VoucherDeletion>()({
  name: 'voucher_deletions',
  recordName: 'voucher deletion',
  groups: { campaign_id: (d) => d.campaign_id },
  check: (d) => (typeof d.campaign_id !== 'string' ? 'has no campaign_id' : typeof d.deleted_at !== 'string' ? 'has no deleted_at' : undefined),
});

export const voucherDeletions = (tenant: Tenant) => tenant.collection(voucherDeletionRecords);

/** Notes the deletion of a campaign's voucher; a voucher of no campaign leaves nothing to count. */
export function recordVoucherDeletion(ctx: Context, voucher: Voucher): void {
  if (!voucher.campaign_id) return;
  voucherDeletions(ctx.tenant).put({
    id: voucher.id,
    campaign_id: voucher.campaign_id,
    deleted_at: timestamp(ctx.clock),
    amount: voucher.gift?.balance ?? 0,
    points: voucher.loyalty_card?.balance ?? 0,
    object: 'voucher_deletion',
  });
}

/** The campaign is gone (with its summary): so are the records of its deleted vouchers. */
export function forgetVoucherDeletions(ctx: Context, campaignId: string): void {
  const records = voucherDeletions(ctx.tenant);
  const owned = records.groupOf('campaign_id', campaignId);
  // Newest first: each removal then takes the last element of the index list, not the first.
  for (let i = owned.length - 1; i >= 0; i--) records.remove(owned[i].id);
}
