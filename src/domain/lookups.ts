// Finding what a request names, as Voucherify does: campaigns by id or name, vouchers by code or
// id, customers and orders by id or source_id. get… answers 404 naming the identifier as the
// caller sent it: "Cannot find voucher with id REFAPI-mk".

import { notFound } from '../errors.js';
import { campaigns, customers, orders, vouchers } from './collections.js';
import type { Context } from './context.js';
import { settleDuePendingPoints } from './earning.js';
import { expirePoints } from './points-expiry.js';
import type { Campaign, Customer, Order, Voucher } from './records.js';

/** The record `find` answers, or 404 for `resourceType` with the identifier as sent. */
function required<T>(found: T | undefined, resourceType: string, identifier: string): T {
  if (found === undefined) throw notFound(resourceType, identifier);
  return found;
}

/** Campaign by id (camp_…) or, failing that, by its unique name. */
export function findCampaign(ctx: Context, idOrName: string): Campaign | undefined {
  const all = campaigns(ctx.tenant);
  return all.get(idOrName) ?? all.findBy('name', idOrName);
}

export const getCampaign = (ctx: Context, idOrName: string): Campaign => required(findCampaign(ctx, idOrName), 'campaign', idOrName);

/**
 * Voucher by code or, failing that, by Voucherify id (v_…). A loyalty card is answered with its due
 * pending points activated (earning.ts), then its points whose day has passed expired
 * (points-expiry.ts): every read or write of a card sees them.
 */
export function findVoucher(ctx: Context, codeOrId: string): Voucher | undefined {
  const all = vouchers(ctx.tenant);
  const voucher = all.findBy('code', codeOrId) ?? all.get(codeOrId);
  return voucher?.type === 'LOYALTY_CARD' ? expirePoints(ctx, settleDuePendingPoints(ctx, voucher)) : voucher;
}

export const getVoucher = (ctx: Context, codeOrId: string): Voucher => required(findVoucher(ctx, codeOrId), 'voucher', codeOrId);

/** Customer by Voucherify id (cust_…) or, failing that, by source_id. */
export function findCustomer(ctx: Context, idOrSourceId: string): Customer | undefined {
  const all = customers(ctx.tenant);
  return all.get(idOrSourceId) ?? all.findBy('source_id', idOrSourceId);
}

export const getCustomer = (ctx: Context, idOrSourceId: string): Customer => required(findCustomer(ctx, idOrSourceId), 'customer', idOrSourceId);

/** Order by Voucherify id (ord_…) or, failing that, by the caller's source_id. */
export function findOrder(ctx: Context, idOrSourceId: string): Order | undefined {
  const all = orders(ctx.tenant);
  return all.get(idOrSourceId) ?? all.findBy('source_id', idOrSourceId);
}

export const getOrder = (ctx: Context, idOrSourceId: string): Order => required(findOrder(ctx, idOrSourceId), 'order', idOrSourceId);
