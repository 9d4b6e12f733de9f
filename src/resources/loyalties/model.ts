// Loyalty programs (LOYALTY_PROGRAM campaigns), their members (published loyalty cards) and card balances.

import { insufficientCardBalance, invalidExpirationDate, invalidPayload, invalidVoucher, notFound } from '../../errors.js';
import { timestamp, type Clock } from '../../store/clock.js';
import type { IdGenerator } from '../../store/ids.js';
import type { Campaign, Voucher } from '../../store/records.js';
import type { Tenant } from '../../store/tenant.js';
import { campaignView, createCampaign, findCampaign, type CampaignCreateBody } from '../campaigns/model.js';
import { findCustomer } from '../customers/model.js';
import { findVoucher } from '../vouchers/model.js';
import { publish, type PublishRequest } from '../publications/model.js';
import { withinTimeWindows } from '../../store/filters.js';
import { numberedPage } from '../../store/numbered-page.js';

/** A loyalty program by id or name; any other campaign is not found here (404 names the id as sent). */
export function getProgram(tenant: Tenant, idOrName: string): Campaign {
  const campaign = findCampaign(tenant, idOrName);
  if (!campaign || campaign.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', idOrName);
  return campaign;
}

/** The campaign body without campaign_type, which the loyalty endpoint sets itself. */
export type ProgramCreateBody = Partial<CampaignCreateBody> & { name: string };

/**
 * Creates a LOYALTY_PROGRAM campaign and its `vouchers_count` cards. Loyalty programs are always
 * join-once: Voucherify forces it, whatever the request says.
 */
export function createProgram(tenant: Tenant, ids: IdGenerator, clock: Clock, body: ProgramCreateBody, requestId?: string): Campaign {
  return createCampaign(tenant, ids, clock, { ...body, campaign_type: 'LOYALTY_PROGRAM', join_once: true }, requestId);
}

export interface ProgramListQuery {
  limit?: number;
  page?: number;
  order?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at';
}

export function listPrograms(tenant: Tenant, query: ProgramListQuery) {
  const programs = tenant.campaigns.all().filter((c) => c.campaign_type === 'LOYALTY_PROGRAM');
  const { items, total } = numberedPage(programs, query, query.order ?? '-created_at');
  return { object: 'list' as const, data_ref: 'campaigns' as const, campaigns: items.map((c) => campaignView(tenant, c)), total };
}

/** A loyalty card as the member endpoints show it: the voucher, with the points redeemed so far. */
export function memberView(card: Voucher): Voucher {
  const redemption = card.redemption as Record<string, unknown> | undefined;
  if (!redemption || redemption.redeemed_points !== undefined) return card;
  return { ...card, redemption: { ...redemption, redeemed_points: 0 } };
}

export type MemberCreateBody = Omit<PublishRequest, 'campaign' | 'join_once'>;

/**
 * Gives the customer a card of the program: the named `voucher`, or the next free card (an
 * AUTO_UPDATE program makes one when none is left). The request's metadata goes on the
 * publication, not on the card. A customer joins a program once.
 */
export function addMember(tenant: Tenant, ids: IdGenerator, clock: Clock, program: Campaign, body: MemberCreateBody): Voucher {
  const { vouchers } = publish(tenant, ids, clock, { ...body, join_once: false }, { program, maxCount: 1 });
  return memberView(vouchers[0]);
}

/**
 * The loyalty card named by memberId (code or voucher id), checked against the program when the
 * path names one. Unknown program: 404 campaign; unknown card, or a card of another program: 404
 * voucher; a voucher that is no loyalty card: 400 invalid_voucher.
 */
export function resolveMember(tenant: Tenant, memberId: string, campaignId?: string): Voucher {
  const program = campaignId !== undefined ? getProgram(tenant, campaignId) : undefined;
  const card = findVoucher(tenant, memberId);
  if (!card || (program && card.campaign_id !== program.id)) throw notFound('voucher', memberId);
  if (card.type !== 'LOYALTY_CARD') throw invalidVoucher(`Voucher ${card.code} is not a loyalty card`);
  return card;
}

export interface MemberListQuery {
  limit?: number;
  page?: number;
  customer?: string;
  code?: string;
  ids?: string[];
  order?: 'created_at' | '-created_at' | 'updated_at' | '-updated_at' | 'code' | '-code';
  created_at?: { before?: string; after?: string };
  updated_at?: { before?: string; after?: string };
}

/**
 * One page of the program's cards, newest first by default. Like Voucherify, the list holds
 * every card of the program; `customer` (id or source_id) narrows it to that customer's cards.
 */
export function listMembers(tenant: Tenant, program: Campaign, query: MemberListQuery) {
  const holderId = query.customer !== undefined ? (findCustomer(tenant, query.customer)?.id ?? query.customer) : undefined;
  const ids = query.ids !== undefined ? new Set(query.ids) : undefined;
  const cards = tenant.vouchers.groupOf('campaign_id', program.id).filter((card) => {
    if (holderId !== undefined && card.holder_id !== holderId) return false;
    if (query.code !== undefined && card.code !== query.code) return false;
    if (ids && !ids.has(card.id)) return false;
    if (!withinTimeWindows(card, query)) return false;
    return true;
  });
  const { items, total } = numberedPage(cards, query, query.order ?? '-created_at');
  return { object: 'list' as const, data_ref: 'vouchers' as const, vouchers: items.map(memberView), total };
}

export interface BalanceBody {
  points: number;
  expiration_type?: 'PROGRAM_RULES' | 'CUSTOM_DATE' | 'NON_EXPIRING';
  expiration_date?: string;
  reason?: string;
  source_id?: string;
}

/**
 * Adds (points > 0) or takes (points < 0) points. Adding raises both the lifetime `points` and
 * the `balance`; taking lowers only the balance (which may not go below zero) and counts the
 * points taken in `subtracted_points`, as Voucherify's card object documents. Answers
 * Voucherify's balance object: the change, the lifetime total and the new balance.
 */
export function adjustBalance(tenant: Tenant, clock: Clock, card: Voucher, body: BalanceBody) {
  if (body.expiration_date !== undefined) {
    const expires = Date.parse(body.expiration_date);
    if (Number.isNaN(expires)) throw invalidPayload('Property .expiration_date cannot be recognized as a ISO-8601 compliant date');
    // A bare date (2023-05-30) lasts until the end of that day.
    const end = /^\d{4}-\d{2}-\d{2}$/.test(body.expiration_date) ? expires + 24 * 60 * 60 * 1000 : expires;
    if (end <= clock().getTime()) throw invalidExpirationDate();
  }
  const current = (card.loyalty_card as { points?: number; balance?: number; subtracted_points?: number } | null) ?? {};
  const points = current.points ?? 0;
  const nextBalance = (current.balance ?? 0) + body.points;
  if (nextBalance < 0) throw insufficientCardBalance();
  // Voucherify: balance = points - expired_points - subtracted_points - redemption.redeemed_points.
  const nextPoints = body.points > 0 ? points + body.points : points;
  if (body.points !== 0) {
    const loyaltyCard: Record<string, unknown> = { ...current, points: nextPoints, balance: nextBalance };
    if (body.points < 0) loyaltyCard.subtracted_points = (current.subtracted_points ?? 0) - body.points;
    tenant.vouchers.put({ ...card, loyalty_card: loyaltyCard, updated_at: timestamp(clock) });
  }
  return {
    points: body.points,
    total: nextPoints,
    balance: nextBalance,
    type: 'loyalty_card' as const,
    object: 'balance' as const,
    related_object: { type: 'voucher' as const, id: card.id },
  };
}
