// The shapes of the records a tenant holds. They are stored as Voucherify returns them,
// so a read is a lookup, not a rebuild.

export type Metadata = Record<string, unknown>;

export type CampaignType = 'DISCOUNT_COUPONS' | 'GIFT_VOUCHERS' | 'LOYALTY_PROGRAM' | 'REFERRAL_PROGRAM' | 'PROMOTION';
export type VoucherType = 'DISCOUNT_VOUCHER' | 'GIFT_VOUCHER' | 'LOYALTY_CARD';
export type HolderRole = 'OWNER' | 'REFERRER' | 'REFEREE';

export interface Campaign {
  id: string;
  name: string;
  campaign_type: CampaignType;
  type: 'AUTO_UPDATE' | 'STATIC';
  voucher?: Record<string, unknown>;
  active: boolean;
  metadata: Metadata;
  created_at: string;
  updated_at?: string | null;
  object: 'campaign';
  [field: string]: unknown;
}

export interface Voucher {
  id: string;
  code: string;
  campaign: string | null;
  campaign_id: string | null;
  type: VoucherType;
  is_referral_code: boolean;
  /** Present once published: the customer it was published to. */
  holder_id?: string;
  /** Referral codes only: the REFERRER customer. */
  referrer_id?: string;
  publish: { object: 'list'; count: number; url: string; [field: string]: unknown };
  metadata: Metadata;
  created_at: string;
  updated_at: string | null;
  object: 'voucher';
  [field: string]: unknown;
}

export interface Address {
  city?: string | null;
  state?: string | null;
  line_1?: string | null;
  line_2?: string | null;
  country?: string | null;
  postal_code?: string | null;
}

export interface Customer {
  id: string;
  source_id: string | null;
  name?: string | null;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  birthday?: string | null;
  birthdate?: string | null;
  address?: Address | null;
  metadata: Metadata;
  created_at: string;
  updated_at?: string;
  object: 'customer';
  [field: string]: unknown;
}

export interface RedeemableHolder {
  id: string;
  created_at: string;
  redeemable_id: string;
  redeemable_object: 'voucher';
  campaign_id: string;
  campaign_type: CampaignType | null;
  voucher_type: VoucherType;
  customer_id: string;
  holder_role: HolderRole;
  metadata?: Metadata;
  object: 'redeemable_holder';
}

/** The customer as a publication shows it: a snapshot taken when the voucher was published. */
export interface PublicationCustomer {
  id: string;
  name?: string | null;
  email?: string | null;
  source_id?: string | null;
  metadata?: Metadata;
  object: 'customer';
}

/** The short voucher a publication list shows: code, campaign and the type's own part. */
export interface PublicationVoucher {
  code: string;
  object: 'voucher';
  campaign: string | null;
  discount?: Record<string, unknown> | null;
  gift?: Record<string, unknown> | null;
  loyalty_card?: Record<string, unknown> | null;
  is_referral_code: boolean;
}

/**
 * One publication: vouchers given to one customer in one request. Stored as the publication
 * list shows it, plus `voucher_id` (the first voucher's id, which the tenant indexes). A single
 * voucher is shown in `voucher`; a campaign publication of several (campaign.count > 1) lists
 * their codes in `vouchers`. Older records (fixtures) may lack `voucher`/`vouchers_id`.
 */
export interface Publication {
  id: string;
  object: 'publication';
  created_at: string;
  customer_id: string;
  /** The customer's source_id at publication time. */
  tracking_id?: string | null;
  metadata: Metadata;
  channel: string;
  /** The caller's own id of the publication; unique among a tenant's publications. */
  source_id: string | null;
  result: 'SUCCESS' | 'FAILURE';
  customer?: PublicationCustomer;
  voucher?: PublicationVoucher;
  vouchers?: string[];
  vouchers_id?: string[];
  voucher_id: string;
  [field: string]: unknown;
}

/** Work Voucherify does in the background (e.g. generating many vouchers); the mock does it at once and records the result. */
export interface AsyncAction {
  id: string;
  type: string;
  status: 'ENQUEUED' | 'IN_PROGRESS' | 'DONE' | 'FAILED';
  operation_status?: string;
  result: Record<string, unknown> | null;
  created_at: string;
  updated_at?: string;
  request_id?: string;
  processing_time?: number;
  progress?: number;
  object: 'async_action';
  [field: string]: unknown;
}

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

/** A tenant's whole state, as persisted: one object per collection, keyed by id. */
export interface TenantData {
  campaigns: Record<string, Campaign>;
  vouchers: Record<string, Voucher>;
  customers: Record<string, Customer>;
  redeemable_holders: Record<string, RedeemableHolder>;
  publications: Record<string, Publication>;
  async_actions: Record<string, AsyncAction>;
  referral_invitations: Record<string, ReferralInvitation>;
}

export const COLLECTIONS = ['campaigns', 'vouchers', 'customers', 'redeemable_holders', 'publications', 'async_actions', 'referral_invitations'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];
