// Holder roles: who holds a voucher and how (OWNER of a published code, REFERRER of a referral
// code, REFEREE who joined someone's referral code), and the rules built on them.

import { timestamp } from '../store/clock.js';
import { holders, vouchers } from './collections.js';
import type { Context } from './context.js';
import type { Campaign, HolderRole, RedeemableHolder, Voucher } from './records.js';

/** The roles that make a customer a campaign's member: referees only use someone else's code. */
export const OWNING_ROLES: readonly HolderRole[] = ['OWNER', 'REFERRER'];

/** The role a customer gets when a voucher is published to them: REFERRER of a referral code, else OWNER. */
export const publishedRole = (voucher: Voucher): HolderRole => (voucher.is_referral_code ? 'REFERRER' : 'OWNER');

/** A customer's new relation to a voucher, shaped as Voucherify's redeemable_holder (not yet stored). */
export function buildHolder(
  ctx: Context,
  voucher: Voucher,
  campaign: Campaign | undefined,
  customerId: string,
  role: HolderRole,
  now = timestamp(ctx.clock),
): RedeemableHolder {
  return {
    id: ctx.ids.holder(),
    created_at: now,
    redeemable_id: voucher.id,
    redeemable_object: 'voucher',
    campaign_id: voucher.campaign_id,
    campaign_type: campaign?.campaign_type ?? null,
    voucher_type: voucher.type,
    customer_id: customerId,
    holder_role: role,
    object: 'redeemable_holder',
  };
}

/** The REFERRER of a referral code, found without walking its referees. */
export function referrerOf(ctx: Context, voucher: Voucher): RedeemableHolder | undefined {
  return holders(ctx.tenant).firstOf('redeemable_role', `${voucher.id}|REFERRER`);
}

/** A voucher of `campaign` that the customer holds in one of `roles`, found through the customer's holder records. */
export function heldVoucherOf(ctx: Context, customerId: string, campaign: Campaign, roles: readonly HolderRole[] = OWNING_ROLES): Voucher | undefined {
  for (const holder of holders(ctx.tenant).groupOf('customer_id', customerId)) {
    if (holder.campaign_id === campaign.id && roles.includes(holder.holder_role)) return vouchers(ctx.tenant).get(holder.redeemable_id);
  }
  return undefined;
}
