// A loyalty program's and a loyalty card's transactions, newest first, paged by cursor.

import { transactions } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { getCampaign } from '../../domain/lookups.js';
import type { Voucher } from '../../domain/records.js';
import { listTransactions } from '../../domain/transactions.js';
import { cursorPage, type CursorPageQuery } from '../../lists/cursor-page.js';

/**
 * Every transaction of every card of the program. Another type of campaign has none: Voucherify
 * answers an empty list with `total` 0 for it.
 */
export function listProgramTransactions(ctx: Context, idOrName: string, query: CursorPageQuery) {
  const campaign = getCampaign(ctx, idOrName);
  if (campaign.campaign_type !== 'LOYALTY_PROGRAM') return { object: 'list' as const, data_ref: 'data' as const, data: [], total: 0 };
  const all = transactions(ctx.tenant);
  const walk = (descending: boolean, after?: string) => all.walkGroup('campaign_id', campaign.id, descending, after);
  const page = cursorPage(walk, query, all.countOf('campaign_id', campaign.id));
  return {
    object: 'list' as const,
    data_ref: 'data' as const,
    data: page.data,
    has_more: page.has_more,
    ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}),
  };
}

export const listCardTransactions = (ctx: Context, card: Voucher, query: CursorPageQuery) => listTransactions(ctx, card, query);
