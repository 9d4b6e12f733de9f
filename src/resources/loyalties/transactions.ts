// A loyalty program's and a loyalty card's transactions, newest first, paged by cursor.

import type { Context } from '../../domain/context.js';
import { getCampaign } from '../../domain/lookups.js';
import type { Voucher } from '../../domain/records.js';
import { listTransactionGroup, listTransactions } from '../../domain/transactions.js';
import type { CursorPageQuery } from '../../lists/cursor-page.js';

/**
 * Every transaction of every card of the program. Another type of campaign has none: Voucherify
 * answers an empty list with `total` 0 for it.
 */
export function listProgramTransactions(ctx: Context, idOrName: string, query: CursorPageQuery) {
  const campaign = getCampaign(ctx, idOrName);
  if (campaign.campaign_type !== 'LOYALTY_PROGRAM') return { object: 'list' as const, data_ref: 'data' as const, data: [], total: 0 };
  return listTransactionGroup(ctx, 'campaign_id', campaign.id, query);
}

export const listCardTransactions = (ctx: Context, card: Voucher, query: CursorPageQuery) => listTransactions(ctx, card, query);
