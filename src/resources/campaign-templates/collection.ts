// Campaign templates (camp_tpl_…): what a DISCOUNT_COUPONS or GIFT_VOUCHERS campaign, or a promotion
// tier, was made of, kept to make new campaigns and tiers from.

import type { CodeConfig, Discount, Metadata, ValidationRule, ValidityHours, ValidityTimeframe, VoucherType } from '../../domain/records.js';
import { defineCollection } from '../../store/collection.js';
import type { Tenant } from '../../store/tenant.js';

export type TemplateType = 'DISCOUNT_COUPONS' | 'GIFT_VOUCHERS';

/**
 * The campaign settings a template keeps: everything but the name, the category and the number of
 * codes. A template made from a promotion tier keeps the tier's discount as a DISCOUNT_VOUCHER
 * voucher, its validity and metadata, and its banner.
 */
export interface TemplateCampaign {
  description?: string;
  type: 'AUTO_UPDATE' | 'STATIC';
  voucher: {
    type: VoucherType;
    discount?: Discount;
    gift?: Record<string, unknown>;
    redemption: { quantity: number | null };
    code_config?: CodeConfig;
  };
  auto_join: boolean;
  join_once: boolean;
  use_voucher_metadata_schema: boolean;
  start_date?: string;
  expiration_date?: string;
  validity_timeframe?: ValidityTimeframe;
  validity_day_of_week?: number[];
  validity_hours?: ValidityHours;
  activity_duration_after_publishing?: string;
  active: boolean;
  metadata: Metadata;
  banner?: string;
}

/** A validation rule as a template keeps it: its definition, copied into a new rule at each use. */
export type TemplateRule = Pick<ValidationRule, 'name' | 'rules' | 'error' | 'applicable_to' | 'type' | 'context_type'>;

export interface CampaignTemplate {
  id: string;
  name: string;
  description?: string;
  campaign_type: TemplateType;
  created_at: string;
  updated_at?: string;
  object: 'campaign_template';
  /** Where it was made from: a campaign (camp_…) or a promotion tier (promo_…). */
  source: { type: 'campaign' | 'promotion_tier'; id: string };
  campaign: TemplateCampaign;
  validation_rules: TemplateRule[];
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

export const campaignTemplateRecords = defineCollection<CampaignTemplate>()({
  name: 'campaign_templates',
  recordName: 'campaign template',
  // Template names are unique in a project, as campaign names are.
  unique: { name: (t) => t.name },
  uniqueLabels: { name: 'name' },
  check: (t) =>
    typeof t.name !== 'string' || !t.name
      ? 'has no name'
      : t.campaign_type !== 'DISCOUNT_COUPONS' && t.campaign_type !== 'GIFT_VOUCHERS'
        ? 'has a campaign_type other than DISCOUNT_COUPONS or GIFT_VOUCHERS'
        : !isObject(t.campaign) || !isObject(t.campaign.voucher)
          ? 'has no campaign with a voucher'
          : !Array.isArray(t.validation_rules)
            ? 'has no validation_rules array'
            : undefined,
});

export const campaignTemplates = (tenant: Tenant) => tenant.collection(campaignTemplateRecords);
