// Rewards (rew_…), their assignments to loyalty programs (rewa_…) and the reward redemptions
// (rewr_…) a loyalty card's purchase of a reward makes: the records and collections.

import { defineCollection } from '../store/collection.js';
import type { Tenant } from '../store/tenant.js';
import type { Metadata } from './records.js';

export type RewardCampaignType = 'DISCOUNT_COUPONS' | 'GIFT_VOUCHERS' | 'LOYALTY_PROGRAM';

/** What a reward gives: one of these, as its type says. */
export interface RewardParameters {
  /** CAMPAIGN: a coupon of a DISCOUNT_COUPONS campaign, or `balance` credits / points on the member's card of that campaign. */
  campaign?: { id: string; balance?: number; type: RewardCampaignType };
  /** COIN: points pay for an order, exchange_ratio (currency units) for every points_ratio points. */
  coin?: { exchange_ratio: number; points_ratio: number };
  /** MATERIAL: a product (and SKU) of the catalogue. */
  product?: { id: string; sku_id: string | null };
}

export interface Reward {
  id: string;
  name: string;
  type: 'CAMPAIGN' | 'COIN' | 'MATERIAL';
  parameters: RewardParameters;
  /** How many times it can be redeemed in all; null: no limit. */
  stock: number | null;
  /** Redemptions counted while the reward has a stock; null while it never had one. */
  redeemed: number | null;
  attributes: { image_url?: string; description?: string };
  created_at: string;
  updated_at: string | null;
  metadata: Metadata | null;
  object: 'reward';
}

/** A reward offered by a loyalty program, at a price in points (COIN rewards have none). */
export interface RewardAssignment {
  id: string;
  reward_id: string;
  related_object_id: string;
  related_object_type: 'campaign';
  parameters?: { loyalty: { points: number } };
  created_at: string;
  updated_at: string | null;
  object: 'reward_assignment';
}

/**
 * One purchase of a reward by a loyalty card, made by the redemption (r_…) that paid for it. The
 * mock gives a reward at once, so it goes PENDING → COMPLETED in that request; a rollback of the
 * redemption makes it ROLLEDBACK. The customer.reward_redemptions.* webhooks show it.
 */
export interface RewardRedemption {
  id: string;
  state: 'CREATED' | 'PENDING' | 'COMPLETED' | 'ROLLEDBACK';
  /** The redemption (r_…) that bought the reward. */
  source_id: string;
  source_type: 'redemption';
  voucher_id: string;
  campaign_id: string | null;
  customer_id: string | null;
  reward_assignment_id: string;
  created_at: string;
  updated_at: string | null;
}

export const rewardRecords = defineCollection<Reward>()({
  name: 'rewards',
  recordName: 'reward',
  check: (r) => (typeof r.name !== 'string' || !r.name ? 'has no name' : typeof r.type !== 'string' ? 'has no type' : undefined),
});

export const rewardAssignmentRecords = defineCollection<RewardAssignment>()({
  name: 'reward_assignments',
  recordName: 'reward assignment',
  // A reward is assigned to a program once.
  unique: { reward_program: (a) => `${a.reward_id}|${a.related_object_id}` },
  groups: { reward_id: (a) => a.reward_id, related_object_id: (a) => a.related_object_id },
  references: { reward_id: 'rewards', related_object_id: 'campaigns' },
});

export const rewardRedemptionRecords = defineCollection<RewardRedemption>()({
  name: 'reward_redemptions',
  recordName: 'reward redemption',
  // A redemption buys one reward: its rollback finds the reward redemption by the redemption's id.
  unique: { source_id: (r) => r.source_id },
  check: (r) => (typeof r.source_id !== 'string' ? 'has no source_id' : typeof r.state !== 'string' ? 'has no state' : undefined),
});

export const rewards = (tenant: Tenant) => tenant.collection(rewardRecords);
export const rewardAssignments = (tenant: Tenant) => tenant.collection(rewardAssignmentRecords);

export const rewardRedemptions = (tenant: Tenant) => tenant.collection(rewardRedemptionRecords);

export const rewardCollections = [rewardRecords, rewardAssignmentRecords, rewardRedemptionRecords];
