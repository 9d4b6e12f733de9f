// Loyalty programs (LOYALTY_PROGRAM campaigns), their members (published loyalty cards) and card balances.

import { adjustVoucherBalance } from '../../domain/balances.js';
import { deleteCampaign, updateCampaign, type CampaignUpdate } from '../../domain/campaign-changes.js';
import { campaignView, createCampaign, type CampaignCreateRequest } from '../../domain/campaigns.js';
import { campaigns, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { findCampaign, findCustomer, findVoucher } from '../../domain/lookups.js';
import { nextExpiration } from '../../domain/points-expiration.js';
import { publish } from '../../domain/publishing.js';
import type { Campaign, Voucher } from '../../domain/records.js';
import { invalidVoucher, notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { withinTimeWindows } from '../../lists/filters.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';

/** A loyalty program by id or name; any other campaign is not found here (404 names the id as sent). */
export function getProgram(ctx: Context, idOrName: string): Campaign {
  const campaign = findCampaign(ctx, idOrName);
  if (!campaign || campaign.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', idOrName);
  return campaign;
}

/**
 * Creates a LOYALTY_PROGRAM campaign and its `vouchers_count` cards. Loyalty programs are always
 * join-once: Voucherify forces it, whatever the request says.
 */
export function createProgram(ctx: Context, body: RequestBody<'create-loyalty-program'>): Campaign {
  // The loyalty spec takes the campaign's fields with looser validity types, which campaigns store as they come.
  return createCampaign(ctx, { ...body, campaign_type: 'LOYALTY_PROGRAM', join_once: true } as CampaignCreateRequest);
}

export function listPrograms(ctx: Context, query: RequestQuery<'list-loyalty-programs'>) {
  const page = orderedPage(campaigns(ctx.tenant), query, query.order ?? '-created_at', (c) => c.campaign_type === 'LOYALTY_PROGRAM');
  return listEnvelope(
    'campaigns',
    page.items.map((c) => campaignView(ctx, c)),
    { total: page.total },
  );
}

/**
 * A loyalty card as the member endpoints show it: the voucher, with the points redeemed so far and,
 * when some of its points expire, the soonest day and how many points then.
 */
export function memberView(ctx: Context, card: Voucher): Voucher {
  const { redemption } = card;
  const next = card.loyalty_card ? nextExpiration(ctx, card.id) : undefined;
  if ((!redemption || redemption.redeemed_points !== undefined) && !next) return card;
  const view = { ...card };
  if (redemption && redemption.redeemed_points === undefined) view.redemption = { ...redemption, redeemed_points: 0 };
  if (next && card.loyalty_card) view.loyalty_card = { ...card.loyalty_card, ...next };
  return view;
}

/**
 * Gives the customer a card of the program: the named `voucher`, or the next free card (an
 * AUTO_UPDATE program makes one when none is left). The request's metadata goes on the
 * publication, not on the card. A customer joins a program once.
 */
export function addMember(ctx: Context, program: Campaign, body: RequestBody<'add-member'>): Voucher {
  const { vouchers: published } = publish(ctx, { ...body, join_once: false }, { program, maxCount: 1 });
  return memberView(ctx, published[0]);
}

/**
 * The loyalty card named by memberId (code or voucher id), checked against the program when the
 * path names one. Unknown program: 404 campaign; unknown card, or a card of another program: 404
 * voucher; a voucher that is no loyalty card: 400 invalid_voucher.
 */
export function resolveMember(ctx: Context, memberId: string, campaignId?: string): Voucher {
  const program = campaignId !== undefined ? getProgram(ctx, campaignId) : undefined;
  const card = findVoucher(ctx, memberId);
  if (!card || (program && card.campaign_id !== program.id)) throw notFound('voucher', memberId);
  if (card.type !== 'LOYALTY_CARD') throw invalidVoucher(`Voucher ${card.code} is not a loyalty card`);
  // findVoucher has expired the card's points whose day has passed.
  return card;
}

/**
 * PUT /v1/loyalties/{campaignId}: the campaigns' update (domain/campaign-changes.ts), restricted
 * to loyalty programs; join_once is skipped (a loyalty program is always join-once).
 */
export function updateProgram(ctx: Context, idOrName: string, body: RequestBody<'update-loyalty-program'>): Campaign {
  const program = getProgram(ctx, idOrName);
  const { join_once: _skipped, ...changes } = body;
  return updateCampaign(ctx, program.id, changes as CampaignUpdate);
}

/**
 * DELETE /v1/loyalties/{campaignId}: the program, its cards, tiers and their history. Without
 * `force` the program goes to the bin with its cards, as any campaign does.
 */
export function deleteProgram(ctx: Context, idOrName: string, force: boolean): { async_action_id: string } {
  const program = getProgram(ctx, idOrName);
  return { async_action_id: deleteCampaign(ctx, program.id, force).id };
}

/**
 * One page of the program's cards, newest first by default. Like Voucherify, the list holds
 * every card of the program; `customer` (id or source_id) narrows it to that customer's cards.
 */
export function listMembers(ctx: Context, program: Campaign, query: RequestQuery<'list-members'>) {
  const holderId = query.customer !== undefined ? (findCustomer(ctx, query.customer)?.id ?? query.customer) : undefined;
  const ids = query.ids !== undefined ? new Set(query.ids) : undefined;
  const cards = vouchers(ctx.tenant)
    .groupOf('campaign_id', program.id)
    .filter((card) => {
      if (holderId !== undefined && card.holder_id !== holderId) return false;
      if (query.code !== undefined && card.code !== query.code) return false;
      if (ids && !ids.has(card.id)) return false;
      if (!withinTimeWindows(card, query)) return false;
      return true;
    });
  const { items, total } = numberedPage(cards, query, query.order ?? '-created_at');
  return listEnvelope('vouchers', items.map((card) => memberView(ctx, card)), { total });
}

type BalanceRequest = RequestBody<'update-loyalty-card-balance'>;

/**
 * Adds (points > 0) or takes (points < 0) points (domain/balances.ts) and answers Voucherify's
 * balance object: the change as `points`, the lifetime total, the new balance and operation_type.
 */
export function adjustBalance(ctx: Context, card: Voucher, body: BalanceRequest) {
  const { amount, ...balance } = adjustVoucherBalance(ctx, card, {
    amount: body.points,
    source_id: body.source_id,
    reason: body.reason,
    expiration_date: body.expiration_date,
    expiration_type: body.expiration_type,
  });
  // A change asked for through the API is MANUAL (AUTOMATIC ones come from earning rules).
  return { points: amount, ...balance, operation_type: 'MANUAL' as const };
}
