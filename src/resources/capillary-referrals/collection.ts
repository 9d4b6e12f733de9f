// Referral invitations: Capillary's refer-customer endpoint is their only reader and writer.

import { emailKey, mobileKey } from '../../domain/contact-keys.js';
import { defineCollection } from '../../store/collection.js';
import type { Tenant } from '../../store/tenant.js';

/**
 * One invitee a referrer invited under a referral campaign (Capillary's POST /v1.1/customer/referrals).
 * Voucherify has no such record: the mock keeps it so the Capillary side can list invitees, and so a
 * second invitation of the same identifier can be told apart.
 */
export interface ReferralInvitation {
  id: string;
  object: 'referral_invitation';
  created_at: string;
  campaign_id: string;
  /** The customer who invited (the REFERRER of voucher_id). */
  referrer_id: string;
  /** The referrer's referral code in the campaign. */
  voucher_id: string;
  type: 'MOBILE' | 'EMAIL';
  /** As sent, e.g. "7999836416" or "ana@example.com". */
  identifier: string;
  name: string;
  /** The invitee's own id as the caller sent it (often ""). */
  invitee_id: string;
  /** As sent, e.g. "20240910T16:35:52.pV7BF" (Capillary's examples are not ISO 8601). */
  invited_on: string;
}

/** One referrer's invitation of one identifier in one campaign: "cust_…|camp_…|MOBILE|7999836416". */
export function invitationKey(invitation: Pick<ReferralInvitation, 'referrer_id' | 'campaign_id' | 'type' | 'identifier'>): string | null {
  const identifier = invitation.type === 'MOBILE' ? mobileKey(invitation.identifier) : emailKey(invitation.identifier);
  return identifier === null ? null : `${invitation.referrer_id}|${invitation.campaign_id}|${invitation.type}|${identifier}`;
}

export const invitationRecords = defineCollection<ReferralInvitation>()({
  name: 'referral_invitations',
  recordName: 'referral invitation',
  // A referrer invites an identifier once per campaign.
  unique: { invitation: invitationKey },
  groups: { referrer_campaign: (i) => `${i.referrer_id}|${i.campaign_id}` },
  references: { campaign_id: 'campaigns', referrer_id: 'customers', voucher_id: 'vouchers' },
});

export const invitations = (tenant: Tenant) => tenant.collection(invitationRecords);

export const collections = [invitationRecords];
