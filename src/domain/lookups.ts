// Finding what a request names, as Voucherify does: campaigns by id or name, vouchers by code or
// id, customers by id or source_id. get… answers 404 naming the identifier as the caller sent it.

import { notFound } from '../errors.js';
import { campaigns, customers, vouchers } from './collections.js';
import type { Context } from './context.js';
import type { Campaign, Customer, Voucher } from './records.js';

/** Campaign by id (camp_…) or, failing that, by its unique name. */
export function findCampaign(ctx: Context, idOrName: string): Campaign | undefined {
  const all = campaigns(ctx.tenant);
  return all.get(idOrName) ?? all.findBy('name', idOrName);
}

export function getCampaign(ctx: Context, idOrName: string): Campaign {
  const campaign = findCampaign(ctx, idOrName);
  if (!campaign) throw notFound('campaign', idOrName);
  return campaign;
}

/** Voucher by code or, failing that, by Voucherify id (v_…). */
export function findVoucher(ctx: Context, codeOrId: string): Voucher | undefined {
  const all = vouchers(ctx.tenant);
  return all.findBy('code', codeOrId) ?? all.get(codeOrId);
}

/** 404 names the identifier as the caller sent it: "Cannot find voucher with id REFAPI-mk". */
export function getVoucher(ctx: Context, codeOrId: string): Voucher {
  const voucher = findVoucher(ctx, codeOrId);
  if (!voucher) throw notFound('voucher', codeOrId);
  return voucher;
}

/** Customer by Voucherify id (cust_…) or, failing that, by source_id. */
export function findCustomer(ctx: Context, idOrSourceId: string): Customer | undefined {
  const all = customers(ctx.tenant);
  return all.get(idOrSourceId) ?? all.findBy('source_id', idOrSourceId);
}

export function getCustomer(ctx: Context, idOrSourceId: string): Customer {
  const customer = findCustomer(ctx, idOrSourceId);
  if (!customer) throw notFound('customer', idOrSourceId);
  return customer;
}
