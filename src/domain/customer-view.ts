// The customer as the API (and its webhook events) show it: the stored customer with its loyalty
// derived from the loyalty cards it holds.

import { holders, vouchers } from './collections.js';
import type { Context } from './context.js';
import type { Customer, CustomerLoyalty, SimpleCustomer } from './records.js';

/**
 * The customer as the API shows it. `loyalty` is derived from the loyalty cards the customer holds
 * as OWNER, so it follows joins, balance changes and deletions without being written by each:
 * { points: 250, referred_customers: 0, campaigns: { 'Loyalty Club': { points: 250, referred_customers: 0 } } }.
 * The referred customers are counters the referral conversions keep on the stored customer (in
 * total and by referral program name); the summary's gift amount_to_go and loyalty points_to_go
 * are the balances of the cards the customer owns, read in the same walk.
 */
export function customerView(ctx: Context, customer: Customer): Customer {
  // By program name, which the caller chose: a Map, so "__proto__" or "constructor" is a name like any other.
  const campaigns = new Map<string, CustomerLoyalty['campaigns'][string]>();
  const stored = customer.loyalty?.campaigns;
  if (stored) {
    for (const [name, entry] of Object.entries(stored)) {
      if (entry.referred_customers) campaigns.set(name, { points: 0, referred_customers: entry.referred_customers });
    }
  }
  let points = 0;
  let giftToGo = 0;
  for (const holder of holders(ctx.tenant).groupOf('customer_id', customer.id)) {
    if (holder.holder_role !== 'OWNER') continue;
    if (holder.voucher_type === 'GIFT_VOUCHER') {
      giftToGo += vouchers(ctx.tenant).get(holder.redeemable_id)?.gift?.balance ?? 0;
      continue;
    }
    if (holder.voucher_type !== 'LOYALTY_CARD') continue;
    const card = vouchers(ctx.tenant).get(holder.redeemable_id);
    const balance = card?.loyalty_card?.balance ?? 0;
    points += balance;
    // A loyalty card outside any program (made with POST /v1/vouchers) counts only in the total.
    const program = card?.campaign ?? holder.campaign_id;
    if (program === null) continue;
    let entry = campaigns.get(program);
    if (!entry) campaigns.set(program, (entry = { points: 0, referred_customers: 0 }));
    entry.points += balance;
  }
  const referred = customer.loyalty?.referred_customers ?? 0;
  const view: Customer = {
    ...customer,
    // Object.fromEntries defines each name as an own property, "__proto__" included.
    loyalty: { points, referred_customers: referred, campaigns: Object.fromEntries(campaigns) },
    referrals: customer.referrals ?? { total: 0, campaigns: [] },
  };
  const summary = customer.summary as { redemptions?: { gift?: object; loyalty_card?: object } } | undefined;
  const redemptions = summary?.redemptions;
  if (redemptions) {
    view.summary = {
      ...summary,
      redemptions: {
        ...redemptions,
        gift: { ...redemptions.gift, amount_to_go: giftToGo },
        loyalty_card: { ...redemptions.loyalty_card, points_to_go: points },
      },
    };
  }
  return view;
}

/** A customer as the customers endpoints answer it: metadata only when it has a key. */
export type ShownCustomer = Omit<Customer, 'metadata'> & { metadata?: Customer['metadata'] };

/**
 * customerView without an empty metadata: Voucherify leaves metadata out of a customer that has
 * none (its GET example shows none). Filters and webhook events read customerView, where
 * metadata is always an object.
 */
export function shownCustomer(ctx: Context, customer: Customer): ShownCustomer {
  const view: ShownCustomer = customerView(ctx, customer);
  if (isEmpty(customer.metadata)) delete view.metadata;
  return view;
}

function isEmpty(metadata: object | undefined): boolean {
  for (const key in metadata) if (Object.hasOwn(metadata, key)) return false;
  return true;
}

/** The customer as a redemption (and the reward it gave) shows them: a snapshot taken when it was made; null without one. */
export function redemptionCustomer(customer: Customer | undefined): SimpleCustomer | null {
  if (!customer) return null;
  return { id: customer.id, name: customer.name ?? null, email: customer.email ?? null, source_id: customer.source_id, metadata: customer.metadata, object: 'customer' };
}
