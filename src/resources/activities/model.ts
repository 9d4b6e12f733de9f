// Customer and loyalty member activity: the lists of what happened to a customer, or to one
// loyalty card, read from the activities every request records (domain/activities.ts).

import { activities, activityView, type CustomerActivityRecord } from '../../domain/activities.js';
import type { Context } from '../../domain/context.js';
import { findCampaign, findVoucher, getCustomer } from '../../domain/lookups.js';
import type { Voucher } from '../../domain/records.js';
import { invalidVoucher, notFound } from '../../errors.js';
import { cursorPage } from '../../lists/cursor-page.js';
import type { RequestQuery } from '../../openapi/operation-types.js';

/** created_at (oldest first) or -created_at (newest first, the default): activity ids grow with time, so id order is creation order. */
const idOrder = (order: string | undefined): 'id' | '-id' => (order === 'created_at' ? 'id' : '-id');

interface ActivityFilters {
  start_date?: string;
  end_date?: string;
  campaign_id?: string;
  campaign_type?: string;
  category?: string;
  type?: string;
  product_id?: string;
}

/** The test an activity must pass, or undefined when the query filters nothing. */
function matcher(query: ActivityFilters): ((record: CustomerActivityRecord) => boolean) | undefined {
  const { campaign_id: campaignId, campaign_type: campaignType, category, type, product_id: productId } = query;
  const from = query.start_date !== undefined ? Date.parse(query.start_date) : undefined;
  const to = query.end_date !== undefined ? Date.parse(query.end_date) : undefined;
  if ([campaignId, campaignType, category, type, productId, from, to].every((value) => value === undefined)) return undefined;
  return (record) => {
    if (campaignId !== undefined && record.campaign_id !== campaignId) return false;
    if (campaignType !== undefined && record.campaign_type !== campaignType) return false;
    if (category !== undefined && record.category !== category) return false;
    if (type !== undefined && record.type !== type) return false;
    if (productId !== undefined && !record.product_ids?.includes(productId)) return false;
    if (from !== undefined || to !== undefined) {
      const at = Date.parse(record.created_at);
      if (from !== undefined && at < from) return false;
      if (to !== undefined && at > to) return false;
    }
    return true;
  };
}

/** One page of a group of activities (a customer's, or a card's), with has_more and the next cursor. */
function activityPage(ctx: Context, group: 'customer_id' | 'voucher_id', key: string, query: ActivityFilters & { limit?: number; order?: string; starting_after_id?: string }) {
  const all = activities(ctx.tenant);
  const walk = (descending: boolean, after?: string) => all.walkGroup(group, key, descending, after);
  const page = cursorPage(walk, { limit: query.limit, order: idOrder(query.order), starting_after_id: query.starting_after_id }, all.countOf(group, key), matcher(query));
  return page;
}

/** A page of activities as the cursor lists answer it: has_more, and more_starting_after when there is more. */
function activityList(page: ReturnType<typeof activityPage>) {
  return {
    object: 'list' as const,
    data_ref: 'data' as const,
    data: page.data.map(activityView),
    has_more: page.has_more,
    ...(page.more_starting_after ? { more_starting_after: page.more_starting_after } : {}),
  };
}

/** GET /v1/customers/{customerId}/activity: one page, with has_more and more_starting_after. */
export function listCustomerActivity(ctx: Context, customerId: string, query: RequestQuery<'list-customer-activity'>) {
  const customer = getCustomer(ctx, customerId);
  return activityList(activityPage(ctx, 'customer_id', customer.id, query));
}

/**
 * GET /v1/customers/{customerId}/activities: the older list, with the total of what matches. The
 * date cursor `starting_after` keeps what comes after it in the chosen order (newer ones oldest
 * first, older ones newest first); starting_after_id works as in the newer list.
 */
export function listCustomerActivities(ctx: Context, customerId: string, query: RequestQuery<'list-customer-activities'>) {
  const customer = getCustomer(ctx, customerId);
  const descending = idOrder(query.order) === '-id';
  const base = matcher(query);
  const after = query.starting_after !== undefined ? Date.parse(query.starting_after) : undefined;
  const beyond = (record: CustomerActivityRecord) => {
    const at = Date.parse(record.created_at);
    return descending ? at < (after as number) : at > (after as number);
  };
  const all = activities(ctx.tenant);
  const walk = (desc: boolean, cursor?: string) => all.walkGroup('customer_id', customer.id, desc, cursor);
  const total = all.countOf('customer_id', customer.id);
  // total counts every activity that passes the filters; the date cursor only moves the page.
  let counted = total;
  if (base) {
    counted = 0;
    for (const record of walk(false)) if (base(record)) counted++;
  }
  const matches = after === undefined ? base : (record: CustomerActivityRecord) => beyond(record) && (!base || base(record));
  const page = cursorPage(walk, { limit: query.limit, order: idOrder(query.order), starting_after_id: query.starting_after_id }, total, matches);
  return { object: 'list' as const, data_ref: 'data' as const, data: page.data.map(activityView), total: counted };
}

/**
 * The loyalty card memberId names (code or voucher id), checked against the program when the path
 * names one: unknown program 404 campaign; unknown card, or one of another program, 404 voucher;
 * a voucher that is no loyalty card, 400 invalid_voucher.
 */
function memberCard(ctx: Context, memberId: string, campaignId: string | undefined): Voucher {
  let programId: string | undefined;
  if (campaignId !== undefined) {
    const program = findCampaign(ctx, campaignId);
    if (!program || program.campaign_type !== 'LOYALTY_PROGRAM') throw notFound('campaign', campaignId);
    programId = program.id;
  }
  const card = findVoucher(ctx, memberId);
  if (!card || (programId !== undefined && card.campaign_id !== programId)) throw notFound('voucher', memberId);
  if (card.type !== 'LOYALTY_CARD') throw invalidVoucher(`Voucher ${card.code} is not a loyalty card`);
  return card;
}

/** GET /v1/loyalties/{campaignId}/members/{memberId}/activity and /v1/loyalties/members/{memberId}/activity. */
export function listMemberActivity(ctx: Context, memberId: string, campaignId: string | undefined, query: RequestQuery<'list-member-activity'>) {
  const card = memberCard(ctx, memberId, campaignId);
  return activityList(activityPage(ctx, 'voucher_id', card.id, query));
}
