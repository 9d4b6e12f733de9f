// Loyalty tiers of a program, and the tier a member is in (domain/loyalty-tiers.ts).

import { createTiers, memberTiers, programTiers, type LoyaltyTier, type TierCreateRequest } from '../../domain/loyalty-tiers.js';
import type { Context } from '../../domain/context.js';
import type { Campaign, Voucher } from '../../domain/records.js';
import { parseOrder } from '../../lists/numbered-page.js';

export const addTiers = (ctx: Context, program: Campaign, body: readonly TierCreateRequest[]): LoyaltyTier[] => createTiers(ctx, program, body);

/** One page of the program's tiers: lowest range first, or by created_at / updated_at when `order` says so (ties lowest range first). */
export function listTiers(ctx: Context, program: Campaign, query: { limit?: number; order?: string }) {
  let tiers = programTiers(ctx, program.id);
  if (query.order !== undefined) {
    const { field, descending } = parseOrder(query.order);
    const key = (t: LoyaltyTier) => String(t[field as 'created_at' | 'updated_at'] ?? '');
    tiers = tiers
      .map((tier, index) => ({ tier, index }))
      .sort((a, b) => (key(a.tier) === key(b.tier) ? a.index - b.index : (key(a.tier) < key(b.tier) ? -1 : 1) * (descending ? -1 : 1)))
      .map(({ tier }) => tier);
  }
  return { object: 'list' as const, data_ref: 'data' as const, data: tiers.slice(0, query.limit ?? 10), total: tiers.length };
}

export const listMemberTiers = (ctx: Context, card: Voucher) => memberTiers(ctx, card);
